"""Timeline: Hindi time expressions normalised against the publication date, and the events they date."""

from __future__ import annotations

import dataclasses
from typing import Any

from khabar.model import Article, ArticleMeta
from khabar.registry import Registry


def register_timex(registry: Registry) -> None:
    """Register every time tagger (the offline rule tagger is the default)."""
    from khabar.timeline.timex import RuleTimexTagger

    registry.register(RuleTimexTagger.info.name, RuleTimexTagger)


def analyze_time(article: Article) -> Article:
    """Tag time expressions and build events on an article that already has its sentences."""
    from khabar.timeline.events import build_events
    from khabar.timeline.timex import extract

    timexes = extract(article.text, article.sentences, article.meta.published or None)
    article = dataclasses.replace(article, timexes=tuple(timexes))
    stages = tuple(s for s in article.stages if s not in ("time", "events")) + ("time", "events")
    return dataclasses.replace(article, events=tuple(build_events(article)), stages=stages)


def _enrich_optional(article: Article, translators: tuple[str, ...], entities: bool) -> Article:
    """Run translation and entity stages where their engines exist here; leave a note where not."""
    from khabar import pipeline

    if translators:
        try:
            article = pipeline.translate(article, translators)
        except Exception as error:  # the translation package may be missing or broken: keep going
            article = dataclasses.replace(article, notes=article.notes + (f"translation: {error}",))
    if entities:
        try:
            article = pipeline.recognize_entities(article)
        except Exception as error:  # the entity package may be missing or broken: keep going
            article = dataclasses.replace(article, notes=article.notes + (f"entities: {error}",))
    return article


def analyze_text(text: str, published: str | None = None, *, translators: tuple[str, ...] = ("gloss",),
                 entities: bool = True) -> Article:
    """Split, translate (offline gloss), find entities where available, then tag time and build events."""
    from khabar.pipeline import make_article

    article = make_article(text, ArticleMeta(published=published or ""))
    article = _enrich_optional(article, translators, entities)
    return analyze_time(article)


def timeline_json(text: str, published: str | None = None, *, translators: tuple[str, ...] = ("gloss",),
                  entities: bool = True) -> dict[str, Any]:
    """The object ``python -m khabar timeline`` prints, with offsets into ``text`` as given."""
    article = analyze_text(text, published, translators=translators, entities=entities)
    return article_timeline_json(article)


def article_timeline_json(article: Article) -> dict[str, Any]:
    """The timeline object for an analysed article, offsets mapped back to the text as the user gave it."""
    source_map = article.source_map or tuple(range(len(article.text) + 1))

    def back(index: int) -> int:
        return source_map[index] if 0 <= index < len(source_map) else index

    return {
        "published": article.meta.published or None,
        "sentences": [{"index": s.index, "start": back(s.start), "end": back(s.end)} for s in article.sentences],
        "timexes": [_timex_json(t, back) for t in article.timexes],
        "events": [
            {"sentence": e.sentence, "start_date": e.start_date, "end_date": e.end_date, "certainty": e.certainty,
             "summary_hi": e.summary_hi, "summary_en": e.summary_en, "entities": list(e.entities)}
            for e in article.events
        ],
    }


def _timex_json(timex, back) -> dict[str, Any]:
    """One timex of the timeline object; a festival's also says which festival (its date may be unknown)."""
    from khabar.timeline import festivals
    from khabar.timeline.timex import festival_of, is_festival

    item = {"start": back(timex.start), "end": back(timex.end), "text": timex.text, "type": timex.type,
            "value": timex.value, "sentence": timex.sentence}
    if is_festival(timex):
        fid = festival_of(timex)
        item["festival"] = festivals.english_name(fid) if fid else "unknown festival"
    return item
