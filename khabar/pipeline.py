"""The analysis pipeline: split -> translate -> entities -> time -> events, each a function Article -> Article.

A stage that cannot run (its engine is unavailable or fails) leaves the article as it was and adds a note
saying why, so an analysis never loses what earlier stages found.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from khabar import engines
from khabar.entities.linking import link
from khabar.model import Article, ArticleMeta, Sentence
from khabar.registry import EngineUnavailable
from khabar.text import normalize, sentence_spans
from khabar.timeline import article_timeline_json
from khabar.timeline.events import build_events
from khabar.titles import with_default_titles
from khabar.translate.base import translate_cached

# progress(stage, fraction done 0..1, message)
Progress = Callable[[str, float, str], None]

STAGES = ("split", "translate", "entities", "time", "events", "titles")


def no_progress(stage: str, fraction: float, message: str) -> None:
    """A progress callback that ignores every report."""
    return None


def _with_note(article: Article, note: str) -> Article:
    return dataclasses.replace(article, notes=article.notes + (note,))


def _with_stage(article: Article, stage: str) -> Article:
    # Listed in STAGES order whatever order they ran in (entities run before the gloss that uses them).
    stages = tuple(s for s in article.stages if s != stage) + (stage,)
    order = {name: n for n, name in enumerate(STAGES)}
    return dataclasses.replace(article, stages=tuple(sorted(stages, key=lambda s: order.get(s, len(order)))))


def name_spans(article: Article) -> dict[str, list[tuple[int, int, str]]]:
    """Each sentence's entity mentions as (start, end, label) offsets within the sentence."""
    by_sentence: dict[str, list[tuple[int, int, str]]] = {}
    starts = [s.start for s in article.sentences]
    for span in article.entities:
        number = bisect.bisect_right(starts, span.start) - 1
        if number < 0 or span.end > article.sentences[number].end:
            continue
        sentence = article.sentences[number]
        found = (span.start - sentence.start, span.end - sentence.start, span.label)
        spans = by_sentence.setdefault(sentence.text, [])
        if found not in spans:
            spans.append(found)
    return by_sentence


def make_article(text: str, meta: ArticleMeta | None = None, article_id: str = "") -> Article:
    """Normalise ``text`` (keeping the map back to it as given) and split it into sentences."""
    normalised, source_map = normalize(text)
    # An article whose text needed no change keeps no map (``Article.given_offset`` reads none as the identity).
    kept = () if isinstance(source_map, range) else tuple(source_map)
    article = Article(text=normalised, meta=meta or ArticleMeta(), id=article_id, source_map=kept)
    return split(article)


def split(article: Article) -> Article:
    """Split the article into sentences with offsets and paragraph numbers."""
    sentences = tuple(
        Sentence(index=i, start=s, end=e, text=article.text[s:e], paragraph=p)
        for i, (s, e, p) in enumerate(sentence_spans(article.text))
    )
    return _with_stage(dataclasses.replace(article, sentences=sentences), "split")


def named_source(sentence: str, spans) -> str:
    """The cache source under which a sentence glossed with these name spans is filed (itself when none)."""
    if not spans:
        return sentence
    return sentence + "\u241f" + ";".join(f"{start}-{end}-{label}" for start, end, label in sorted(spans))


class NamedSentenceCache:
    """A translation cache seen through each sentence's name spans: the same sentence read with other names
    is another entry, and one with no names shares the plain gloss's."""

    def __init__(self, cache, spans: dict[str, list[tuple[int, int, str]]]) -> None:
        self._cache = cache
        self._spans = spans

    def get_many(self, engine: str, options: str, sources):
        """Cached translations of those ``sources`` that have one under their names."""
        keyed = {named_source(s, self._spans.get(s)): s for s in sources}
        found = self._cache.get_many(engine, options, list(keyed))
        return {keyed[k]: text for k, text in found.items() if k in keyed}

    def put_many(self, engine: str, options: str, pairs: dict[str, str]) -> None:
        """Store translations under each sentence and its names."""
        self._cache.put_many(engine, options, {named_source(s, self._spans.get(s)): t for s, t in pairs.items()})


def translate(
    article: Article,
    engine_names: Sequence[str],
    *,
    cache=None,
    progress: Progress = no_progress,
) -> Article:
    """Add one Translation per named engine; an engine that cannot run adds a note instead.

    Where the article's entities are already found, an engine that can take them (the gloss) reads their
    mentions as names; ``cache`` then files a sentence with names under the sentence and its names.
    """
    registry = engines.translators()
    sources = [s.text for s in article.sentences]
    spans = name_spans(article) if "entities" in article.stages else {}
    for number, name in enumerate(engine_names):
        try:
            engine = registry.require(name)
        except (KeyError, EngineUnavailable) as error:
            article = _with_note(article, f"translation: {error}")
            continue
        label = engine.info.label
        engine_cache = cache
        if spans and hasattr(engine, "with_names"):
            engine = engine.with_names(spans)
            engine_cache = NamedSentenceCache(cache, spans) if cache is not None else None

        def report(done: int, total: int, label=label, number=number) -> None:
            share = (number + (done / total if total else 1)) / len(engine_names)
            progress("translate", share, f"{label}: {done}/{total} sentences")

        try:
            translation = translate_cached(engine, sources, cache=engine_cache, progress=report)
        except Exception as error:  # an engine's own failure must not lose the analysis so far
            article = _with_note(article, f"translation: {label} failed: {error}")
            continue
        article = article.with_translation(translation)
        if translation.failed:
            article = _with_note(
                article, f"translation: {label} failed on {translation.failed} of {len(sources)} sentences"
            )
    return _with_stage(article, "translate")


def gloss_name(hindi: str) -> str:
    """The gloss engine's word-by-word English of a Hindi phrase (how linking names an institution)."""
    return engines.translators().get("gloss").gloss(hindi)


def link_entities(article: Article) -> Article:
    """The article's mentions linked into entities, institutions named in common words read by the gloss."""
    return link(article, gloss_name)


def _ner_engine(backend: str | None):
    registry = engines.ner_backends()
    return registry.require(backend) if backend else registry.default()


def entities_for_lines(lines: Sequence[str], backend: str | None = None) -> list[dict[str, Any]]:
    """One ``{"line": n, "entities": [...]}`` per input line (n counts from 1), each line one sentence.

    Each entity is ``{"start", "end", "label", "text", "canonical"}`` with offsets that index the line as
    given (``text == line[start:end]``); mentions of one entity anywhere in the lines share ``canonical``.
    """
    engine = _ner_engine(backend)
    normalised: list[tuple[str, Sequence[int]]] = [normalize(line.rstrip("\r\n")) for line in lines]
    pieces: list[str] = []
    sentences: list[Sentence] = []
    line_of_sentence: dict[int, int] = {}
    position = 0
    for number, (text, _) in enumerate(normalised):
        stripped = text.strip()
        if stripped:
            lead = len(text) - len(text.lstrip())
            index = len(sentences)
            sentences.append(Sentence(index, position + lead, position + lead + len(stripped), stripped, number))
            line_of_sentence[index] = number
        pieces.append(text)
        position += len(text) + 1
    full = "\n".join(pieces)
    starts = []
    position = 0
    for text, _ in normalised:
        starts.append(position)
        position += len(text) + 1
    article = Article(text=full, sentences=tuple(sentences))
    if sentences:
        spans = engine.recognize(full, article.sentences)
        article = link_entities(Article(text=full, sentences=tuple(sentences), entities=tuple(spans)))
    out: list[dict[str, Any]] = [{"line": number + 1, "entities": []} for number in range(len(lines))]
    for span in article.entities:
        number = line_of_sentence.get(span.sentence)
        if number is None:
            continue
        original = lines[number].rstrip("\r\n")
        mapping = normalised[number][1]
        start = mapping[span.start - starts[number]]
        end = mapping[span.end - starts[number]]
        out[number]["entities"].append(
            {"start": start, "end": end, "label": span.label, "text": original[start:end], "canonical": span.canonical}
        )
    return out


def recognize_entities(article: Article, backend: str | None = None, *, progress: Progress = no_progress) -> Article:
    """Find entity mentions with ``backend`` (default: the best available) and link them into entities."""
    registry = engines.ner_backends()
    try:
        engine = registry.require(backend) if backend else registry.default()
    except (KeyError, EngineUnavailable) as error:
        return _with_note(article, f"entities: {error}")
    progress("entities", 0.0, f"{engine.info.label}: finding names")
    spans = engine.recognize(article.text, article.sentences)
    article = link_entities(dataclasses.replace(article, entities=tuple(spans)))
    progress("entities", 1.0, f"{engine.info.label}: {len(article.entity_index)} entities")
    return _with_stage(article, "entities")


def tag_time(article: Article, tagger: str | None = None, *, progress: Progress = no_progress) -> Article:
    """Find time expressions and normalise them against the publication date."""
    registry = engines.time_taggers()
    try:
        engine = registry.require(tagger) if tagger else registry.default()
    except (KeyError, EngineUnavailable) as error:
        return _with_note(article, f"time: {error}")
    timexes = engine.extract(article.text, article.sentences, article.meta.published or None)
    progress("time", 1.0, f"{len(timexes)} time expressions")
    return _with_stage(dataclasses.replace(article, timexes=tuple(timexes)), "time")


def date_events(article: Article, *, progress: Progress = no_progress) -> Article:
    """Find the events the sentences report and date them from the time expressions and context."""
    events = build_events(article)
    progress("events", 1.0, f"{len(events)} events")
    return _with_stage(dataclasses.replace(article, events=tuple(events)), "events")


@dataclass(frozen=True)
class Stage:
    """One step after splitting: its name (as in ``STAGES``) and a function Article -> Article."""

    name: str
    run: Callable[[Article, Progress], Article]


# on_stage(stage name, the article after it, the error it raised or None): progress, saving, reporting.
OnStage = Callable[[str, Article, "Exception | None"], None]


def plan(
    *,
    translators: Sequence[str] = ("gloss",),
    ner: str | None = None,
    entities: bool = True,
    time: bool = True,
    titles: bool = True,
    cache=None,
) -> tuple[Stage, ...]:
    """The stages an analysis runs, in order. Entities come first so that the gloss reads their names as names."""
    stages: list[Stage] = []
    if entities:
        stages.append(Stage("entities", lambda a, p: recognize_entities(a, ner, progress=p)))
    if translators:
        names = tuple(translators)
        stages.append(Stage("translate", lambda a, p: translate(a, names, cache=cache, progress=p)))
    if time:
        stages.append(Stage("time", lambda a, p: tag_time(a, progress=p)))
        stages.append(Stage("events", lambda a, p: date_events(a, progress=p)))
    if titles:
        stages.append(Stage("titles", lambda a, p: name_article(a)))
    return tuple(stages)


def name_article(article: Article) -> Article:
    """Give an untitled article its default Hindi and English titles (see ``khabar.titles``)."""
    return _with_stage(with_default_titles(article), "titles")


def enrich(
    article: Article,
    stages: Sequence[Stage] | None = None,
    *,
    on_stage: OnStage | None = None,
    progress: Progress = no_progress,
    **options,
) -> Article:
    """Run ``stages`` (default: ``plan(**options)``) over an article that already has its sentences.

    A stage that raises leaves the article as it was before that stage, with a note saying what failed, and the
    later stages still run: an analysis never loses what earlier stages found. ``on_stage`` is called after
    every stage, failed or not (the Upload page and the library save there).
    """
    for stage in plan(**options) if stages is None else stages:
        error: Exception | None = None
        try:
            article = stage.run(article, progress)
        except Exception as raised:  # any stage's failure becomes a note; the article so far is kept
            error = raised
            article = _with_note(article, f"{stage.name}: failed: {raised}")
        if on_stage is not None:
            on_stage(stage.name, article, error)
    return article


def analyze(
    text: str,
    meta: ArticleMeta | None = None,
    *,
    progress: Progress = no_progress,
    article_id: str = "",
    **options,
) -> Article:
    """Split ``text`` and run every stage over it (``options`` as for ``plan``); return the analysed Article."""
    progress("split", 0.0, "Splitting into sentences")
    article = make_article(text, meta, article_id)
    progress("split", 1.0, f"{len(article.sentences)} sentences")
    return enrich(article, progress=progress, **options)


def failed_stages(article: Article) -> list[str]:
    """The notes of stages that raised (``enrich`` writes them as "<stage>: failed: …")."""
    return [note for note in article.notes if any(note.startswith(f"{name}: failed:") for name in STAGES)]


def timeline_json(text: str, published: str | None = None, *, translators: Sequence[str] = ("gloss",),
                  entities: bool = True) -> dict:
    """The object ``python -m khabar timeline`` prints, with offsets into ``text`` as given."""
    article = analyze(text, ArticleMeta(published=published or ""), translators=translators, entities=entities)
    return article_timeline_json(article)


def analyze_time(article: Article) -> Article:
    """The time stages alone (time expressions, then events) over an article that has its sentences."""
    return enrich(article, plan(translators=(), entities=False, titles=False))
