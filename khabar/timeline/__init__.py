"""Timeline: Hindi time expressions normalised against the publication date, and the events they date."""

from __future__ import annotations

from typing import Any

from khabar.model import Article
from khabar.timeline import festivals
from khabar.timeline.timex import festival_of, is_festival


def article_timeline_json(article: Article) -> dict[str, Any]:
    """The timeline object for an analysed article, offsets mapped back to the text as the user gave it."""
    back = article.given_offset
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
    item = {"start": back(timex.start), "end": back(timex.end), "text": timex.text, "type": timex.type,
            "value": timex.value, "sentence": timex.sentence}
    if is_festival(timex):
        fid = festival_of(timex)
        item["festival"] = festivals.english_name(fid) if fid else "unknown festival"
    return item
