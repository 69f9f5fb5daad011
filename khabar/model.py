"""The data model: an Article with its sentences, translations, entities, time expressions and events.

Every offset is a Python string index into ``Article.text``, the NFC-normalised text. ``Article.source_map``
maps each index of that text back to the text as the user gave it (see ``khabar.text.normalize``).
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from typing import Any

SCHEMA_VERSION = 1

# Entity labels, in the order the legend shows them.
ENTITY_LABELS = ("PER", "LOC", "ORG", "NORP", "DATE", "TIME", "MONEY", "QUANTITY", "PERCENT", "CARDINAL")

# Translation kinds: a real translation, a word-by-word reading aid, or a human reference.
TRANSLATION_KINDS = ("translation", "gloss", "reference", "user")

CERTAINTIES = ("exact", "approximate", "inferred", "undated")


@dataclass(frozen=True)
class Sentence:
    """One sentence: its position in the article text and the paragraph it belongs to."""

    index: int
    start: int
    end: int
    text: str
    paragraph: int = 0


@dataclass(frozen=True)
class Translation:
    """One engine's English for every sentence, aligned 1:1 with ``Article.sentences``.

    ``texts[i]`` is None where the engine failed on sentence i; ``errors[i]`` then says why.
    """

    engine: str
    label: str
    kind: str
    texts: tuple[str | None, ...]
    errors: tuple[str | None, ...] = ()
    note: str = ""

    def __post_init__(self) -> None:
        if not self.errors:
            object.__setattr__(self, "errors", tuple(None for _ in self.texts))
        if len(self.errors) != len(self.texts):
            raise ValueError("errors must align with texts")

    @property
    def failed(self) -> int:
        """Number of sentences this engine could not translate."""
        return sum(1 for text in self.texts if text is None)


@dataclass(frozen=True)
class EntitySpan:
    """One mention of a named entity or value: a span of the article text with its label."""

    start: int
    end: int
    label: str
    text: str
    sentence: int = -1
    entity_id: str = ""
    canonical: str = ""
    value: str = ""
    source: str = ""
    score: float = 1.0


@dataclass(frozen=True)
class Entity:
    """One real-world entity: the mentions that refer to it merged under an English canonical name."""

    id: str
    label: str
    canonical: str
    forms: tuple[str, ...]
    mentions: int
    first_sentence: int


@dataclass(frozen=True)
class Timex:
    """A time expression normalised TIMEX3-style against the publication date.

    ``type`` is DATE, TIME, DURATION or SET; ``value`` is e.g. 2024-01-16, 2024-01, 2024-W16, P6M,
    PRESENT_REF, PAST_REF. ``earliest``/``latest`` bound the calendar range meant (ISO dates) when known.
    """

    start: int
    end: int
    text: str
    type: str
    value: str
    sentence: int = -1
    certainty: str = "exact"
    earliest: str = ""
    latest: str = ""
    anchor: str = ""


@dataclass(frozen=True)
class Event:
    """Something the article reports as happening, with when it happened and how sure that is."""

    sentence: int
    summary_hi: str
    summary_en: str
    start_date: str = ""
    end_date: str = ""
    certainty: str = "undated"
    entities: tuple[str, ...] = ()
    timex: int = -1
    basis: str = ""


@dataclass(frozen=True)
class ArticleMeta:
    """What the reader knows about an article beyond its text."""

    title: str = ""
    source: str = ""
    url: str = ""
    published: str = ""
    published_approximate: bool = False
    language: str = "hi"
    note: str = ""


@dataclass(frozen=True)
class Article:
    """A Hindi article and everything the pipeline found in it."""

    text: str
    meta: ArticleMeta = field(default_factory=ArticleMeta)
    id: str = ""
    sentences: tuple[Sentence, ...] = ()
    translations: tuple[Translation, ...] = ()
    entities: tuple[EntitySpan, ...] = ()
    entity_index: tuple[Entity, ...] = ()
    timexes: tuple[Timex, ...] = ()
    events: tuple[Event, ...] = ()
    source_map: tuple[int, ...] = ()
    stages: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    def translation(self, engine: str) -> Translation | None:
        """The translation made by ``engine``, if the article has one."""
        for translation in self.translations:
            if translation.engine == engine:
                return translation
        return None

    def with_translation(self, translation: Translation) -> Article:
        """A copy with ``translation`` added, replacing any earlier one from the same engine."""
        others = tuple(t for t in self.translations if t.engine != translation.engine)
        return dataclasses.replace(self, translations=others + (translation,))

    def sentence_entities(self, index: int) -> list[EntitySpan]:
        """Entity spans inside sentence ``index``, in text order."""
        return [span for span in self.entities if span.sentence == index]

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data."""
        data = _plain(dataclasses.replace(self, source_map=()))  # the map (an int per character) is added as a list
        data["schema"] = SCHEMA_VERSION
        data.pop("source_map")
        if self.source_map:
            data["source_map"] = list(self.source_map)
        return data

    def to_json(self, **kwargs: Any) -> str:
        """The article as JSON text."""
        return json.dumps(self.to_dict(), ensure_ascii=False, **kwargs)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        """Rebuild an Article from ``to_dict`` output (unknown keys are ignored)."""
        return cls(
            text=data["text"],
            meta=_build(ArticleMeta, data.get("meta") or {}),
            id=data.get("id", ""),
            sentences=tuple(_build(Sentence, s) for s in data.get("sentences", ())),
            translations=tuple(_build(Translation, t) for t in data.get("translations", ())),
            entities=tuple(_build(EntitySpan, e) for e in data.get("entities", ())),
            entity_index=tuple(_build(Entity, e) for e in data.get("entity_index", ())),
            timexes=tuple(_build(Timex, t) for t in data.get("timexes", ())),
            events=tuple(_build(Event, e) for e in data.get("events", ())),
            source_map=tuple(data.get("source_map", ())),
            stages=tuple(data.get("stages", ())),
            notes=tuple(data.get("notes", ())),
        )

    @classmethod
    def from_json(cls, text: str) -> Article:
        """Rebuild an Article from ``to_json`` output."""
        return cls.from_dict(json.loads(text))


def _plain(value: Any) -> Any:
    # dataclasses.asdict's result without its deep copy of every value, which made saving a library slow.
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return type(value)(_plain(item) for item in value)
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


def _build(kind: type, data: dict[str, Any]) -> Any:
    names = {f.name for f in dataclasses.fields(kind)}
    values = {}
    for key, value in data.items():
        if key in names:
            values[key] = tuple(value) if isinstance(value, list) else value
    return kind(**values)
