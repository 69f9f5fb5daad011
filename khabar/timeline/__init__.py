"""Timeline: Hindi time expressions normalised against the publication date, and the events they date."""

from __future__ import annotations

from typing import Any

from khabar.model import Article
from khabar.registry import Registry


def register_timex(registry: Registry) -> None:
    """Register every time tagger (the offline rule tagger is the default)."""
    from khabar.timeline.timex import RuleTimexTagger

    registry.register(RuleTimexTagger.info.name, RuleTimexTagger)


def article_timeline_json(article: Article) -> dict[str, Any]:
    """The timeline object for an analysed article, offsets mapped back to the text as the user gave it."""
    back = article.given_offset
    return {
        "published": article.meta.published or None,
        "sentences": [{"index": s.index, "start": back(s.start), "end": back(s.end)} for s in article.sentences],
        "timexes": [
            {"start": back(t.start), "end": back(t.end), "text": t.text, "type": t.type, "value": t.value,
             "sentence": t.sentence}
            for t in article.timexes
        ],
        "events": [
            {"sentence": e.sentence, "start_date": e.start_date, "end_date": e.end_date, "certainty": e.certainty,
             "summary_hi": e.summary_hi, "summary_en": e.summary_en, "entities": list(e.entities)}
            for e in article.events
        ],
    }
