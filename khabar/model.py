"""The data model: an Article with its sentences, translations, entities, time expressions and events.

Every offset is a Python string index into ``Article.text``, the NFC-normalised text. ``Article.source_map``
maps each index of that text back to the text as the user gave it (see ``khabar.text.normalize``).
"""

from __future__ import annotations

import dataclasses
import functools
import json
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

SCHEMA_VERSION = 1

# Entity labels, in the order the legend shows them.
ENTITY_LABELS = ("PER", "LOC", "ORG", "NORP", "DATE", "TIME", "MONEY", "QUANTITY", "PERCENT", "CARDINAL")



class TranslationKind(StrEnum):
    """What kind of English a translation is; ``rank`` orders them best first wherever one is chosen."""

    REFERENCE = "reference"  # a human reference (the editors' for a seed)
    USER = "user"  # the reader's own ("My translation")
    TRANSLATION = "translation"  # a machine translation engine
    GLOSS = "gloss"  # the offline word-by-word reading aid

    @classmethod
    def of(cls, value: str) -> TranslationKind:
        """The kind named ``value``; an unknown name counts as a machine translation."""
        try:
            return cls(value)
        except ValueError:
            return cls.TRANSLATION

    @property
    def rank(self) -> int:
        """0 for the best English (a human reference), 3 for the gloss."""
        return _KIND_RANKS[self]

    @property
    def caption(self) -> str:
        """A few words saying who made English of this kind, for headings and pickers."""
        return _KIND_CAPTIONS[self]

    @property
    def is_reference(self) -> bool:
        """Whether English of this kind can serve as the reference a score compares against."""
        return self in (TranslationKind.REFERENCE, TranslationKind.USER)


_KIND_RANKS = {TranslationKind.REFERENCE: 0, TranslationKind.USER: 1, TranslationKind.TRANSLATION: 2,
               TranslationKind.GLOSS: 3}
_KIND_CAPTIONS = {TranslationKind.REFERENCE: "human reference", TranslationKind.USER: "your own translation",
                  TranslationKind.TRANSLATION: "machine translation",
                  TranslationKind.GLOSS: "a reading aid, not a translation"}

CERTAINTIES = ("exact", "approximate", "inferred", "undated")


@functools.cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def plain(value: Any) -> Any:
    """``dataclasses.asdict`` for Khabar's records, without its deep copies: the records and what they hold are
    immutable, and copying every string of a long article made saving and printing it slow."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {name: plain(getattr(value, name)) for name in _field_names(type(value))}
    if isinstance(value, (list, tuple)):
        return type(value)(plain(v) for v in value)
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


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

    @property
    def translation_kind(self) -> TranslationKind:
        """``kind`` as a TranslationKind."""
        return TranslationKind.of(self.kind)


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
    title: str = ""  # a person's title or rank said before the name and kept out of it (मैनेजर, डीसीपी)


@dataclass(frozen=True)
class Entity:
    """One real-world entity: the mentions that refer to it merged under an English canonical name."""

    id: str
    label: str
    canonical: str
    forms: tuple[str, ...]
    mentions: int
    first_sentence: int
    title: str = ""  # the title or rank the article gives a person most often
    aliases: tuple[str, ...] = ()  # other names the article gives it (मोहन उर्फ पप्पू: पप्पू)


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
class OcrWord:
    """One word read by OCR: its span of ``Article.text`` and Tesseract's confidence in it (0 to 1)."""

    start: int
    end: int
    confidence: float


@dataclass(frozen=True)
class ArticleMeta:
    """What the reader knows about an article beyond its text.

    ``ocr_confidence`` (0 to 1) is set only for text read by OCR; ``ocr_words`` then holds the words read with
    low confidence, as spans of ``Article.text``.
    """

    title: str = ""
    source: str = ""
    url: str = ""
    published: str = ""
    published_approximate: bool = False
    title_en: str = ""  # an English title: the reader's, or the best English of the headline
    language: str = "hi"
    note: str = ""
    ocr_confidence: float | None = None
    ocr_words: tuple[OcrWord, ...] = ()


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

    def given_offset(self, index: int) -> int:
        """``index`` into ``text`` mapped back to the text as the user gave it (before normalisation)."""
        if not self.source_map:
            return index
        return self.source_map[min(max(index, 0), len(self.source_map) - 1)]

    def ranked_translations(self) -> list[Translation]:
        """The article's translations, best kind first (a human reference, yours, machine, the gloss)."""
        return sorted(self.translations, key=lambda t: t.translation_kind.rank)

    def best_translation(self) -> Translation | None:
        """The best translation the article has that translated at least one sentence (None: none)."""
        return next((t for t in self.ranked_translations() if any(t.texts)), None)

    def best_english(self, index: int) -> str:
        """The English of sentence ``index`` from the best translation that has one ("" where none has)."""
        for translation in self.ranked_translations():
            if index < len(translation.texts) and translation.texts[index]:
                return translation.texts[index] or ""
        return ""

    def with_translation(self, translation: Translation) -> Article:
        """A copy with ``translation`` added, replacing any earlier one from the same engine."""
        others = tuple(t for t in self.translations if t.engine != translation.engine)
        return dataclasses.replace(self, translations=others + (translation,))

    def sentence_entities(self, index: int) -> tuple[EntitySpan, ...]:
        """Entity spans inside sentence ``index``, in text order."""
        return self._entities_by_sentence.get(index, ())

    @functools.cached_property
    def _entities_by_sentence(self) -> dict[int, tuple[EntitySpan, ...]]:
        # Built once per article: a scan of every span for every sentence is quadratic in the article's length,
        # and so is a copy of a long sentence's spans for each of its time expressions.
        grouped: dict[int, list[EntitySpan]] = {}
        for span in self.entities:
            grouped.setdefault(span.sentence, []).append(span)
        return {index: tuple(spans) for index, spans in grouped.items()}

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data."""
        data = {name: plain(getattr(self, name)) for name in _field_names(Article) if name != "source_map"}
        data["schema"] = SCHEMA_VERSION
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
            meta=meta_from_dict(data.get("meta") or {}),
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


def meta_from_dict(data: dict[str, Any]) -> ArticleMeta:
    """Rebuild ArticleMeta from its plain data (its OCR words included; unknown keys are ignored)."""
    meta = _build(ArticleMeta, data)
    words = tuple(w if isinstance(w, OcrWord) else _build(OcrWord, w) for w in meta.ocr_words)
    return dataclasses.replace(meta, ocr_words=words) if meta.ocr_words else meta


def _build(kind: type, data: dict[str, Any]) -> Any:
    names = {f.name for f in dataclasses.fields(kind)}
    values = {}
    for key, value in data.items():
        if key in names:
            values[key] = tuple(value) if isinstance(value, list) else value
    return kind(**values)
