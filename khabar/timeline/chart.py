"""The timeline as data and as a plotly figure: dated events as points or ranges, uncertainty drawn as such.

Plotly only, no Streamlit: the Timeline page draws what this returns.
"""

from __future__ import annotations

import functools
import html
import textwrap
from datetime import date, timedelta

import pandas as pd
import plotly.graph_objects as go

from khabar.model import Article, Event
from khabar.text import shorten
from khabar.timeline.events import BEFORE_PUBLICATION
from khabar.timeline.timex import describe_relative, parse_published

CERTAINTY_COLOURS = {"exact": "#1f6fb4", "approximate": "#e07b00", "inferred": "#2a9d55"}
# The marker's shape says how sure the date is, so it still reads when colour shows the entity instead.
CERTAINTY_SYMBOLS = {"exact": "circle", "approximate": "diamond", "inferred": "circle-open"}
CERTAINTY_SHAPES = {"exact": "filled circle", "approximate": "diamond", "inferred": "open circle"}
CERTAINTY_HELP = {
    "exact": "the sentence itself gives the date",
    "approximate": "the sentence gives a vague or partial date",
    "inferred": "no date in the sentence: taken from the context",
}
BAND_HELP = "pale band: the range of dates the text allows"
PUBLISHED_HELP = "dotted line: publication date"
OTHER_COLOURS = ("#6a4c93", "#c1121f", "#118ab2", "#8d6e63", "#ef476f", "#073b4c", "#7cb518")
# Where the English of each translation kind ranks when an event has none of its own (best first).
_KIND_ORDER = {"reference": 0, "user": 1, "translation": 2, "gloss": 3}
LABEL_LIMIT = 45


def short(text: str, limit: int = 60) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def english_for(article: Article, event: Event) -> tuple[str, str]:
    """The event's English and the kind of translation it came from ("" and "" when there is none)."""
    ranked = sorted(article.translations, key=lambda t: _KIND_ORDER.get(t.kind, 2))
    texts = [(t.texts[event.sentence], t.kind) for t in ranked
             if event.sentence < len(t.texts) and t.texts[event.sentence]]
    if event.summary_en:
        kind = next((k for text, k in texts if text == event.summary_en), "")
        return event.summary_en, kind
    return texts[0] if texts else ("", "")


def _letter(article: Article, number: int) -> str:
    # Several events from one sentence share its English: a letter keeps them apart ("" when there is one).
    siblings = [n for n, e in enumerate(article.events) if e.sentence == article.events[number].sentence]
    return "abcdefghijklmnopqrstuvwxyz"[siblings.index(number) % 26] if len(siblings) > 1 else ""


@functools.lru_cache(maxsize=4096)
def phrase_gloss(hindi: str) -> str:
    """A word-by-word English gloss of a short Hindi phrase ("" when the gloss engine gives nothing)."""
    from khabar.engines import translators

    result = translators().get("gloss").translate([hindi])[0]
    return result.text or ""


def event_label(article: Article, number: int, limit: int = LABEL_LIMIT) -> str:
    """Plain-text label of event ``number``: sentence number (a letter where a sentence has several) and English.

    Events of one sentence would share its English, so each is labelled with a gloss of its own verb phrase.
    """
    event = article.events[number]
    letter = _letter(article, number)
    tag = f"{event.sentence + 1}{letter}"
    if letter and event.summary_hi and (gloss := phrase_gloss(event.summary_hi)):
        return f"{tag}. ≈ {shorten(gloss, limit - 2)}"
    english, _ = english_for(article, event)
    text = shorten(english, limit) if english else f"{shorten(event.summary_hi, limit - 18)} (no English yet)"
    return f"{tag}. {text}"


def _day(value: date) -> str:
    return f"{value.day} {value:%b %Y}"


def when_text(event: Event) -> str:
    """The event's dates in words: one day, or the first and last day of its range."""
    if not event.start_date:
        return ""
    start = date.fromisoformat(event.start_date)
    end = date.fromisoformat(event.end_date or event.start_date)
    return _day(start) if end <= start else f"between {_day(start)} and {_day(end)}"


def _wrapped(text: str, width: int = 70) -> str:
    # Hover boxes do not wrap on their own; each piece is escaped before the line breaks go in.
    return "<br>".join(html.escape(line) for line in textwrap.wrap(" ".join(text.split()), width))


def _hover(article: Article, number: int) -> str:
    event = article.events[number]
    english, kind = english_for(article, event)
    letter = _letter(article, number)
    which = f"Sentence {event.sentence + 1}" + (f", event {letter}" if letter else "")
    parts = [f"<b>{which}</b> · {html.escape(when_text(event))} · "
             f"{html.escape(event.certainty)}"]
    if english:
        parts.append(_wrapped(english))
        if kind == "gloss":
            parts.append("<i>(word-by-word gloss, not a real translation)</i>")
    else:
        parts.append("<i>(no English yet)</i>")
    parts.append("Hindi: " + html.escape(event.summary_hi))
    if event.basis:
        parts.append("Why this date: " + _wrapped(event.basis, 60))
    if event.entities:
        parts.append("Who: " + html.escape(", ".join(event.entities)))
    return "<br>".join(parts)


def _key(figure: go.Figure, name: str, **style) -> None:
    """A legend entry that draws nothing: the legend explains the marks in words."""
    figure.add_trace(go.Scatter(x=[None], y=[None], name=name, legendgroup="key", hoverinfo="skip", **style))


def timeline_figure(article: Article, *, colour_by: str = "certainty") -> go.Figure:
    """A plotly timeline: a marker per dated event (its shape says the certainty), a pale band for a range."""
    figure = go.Figure()
    dated = [(n, e) for n, e in enumerate(article.events) if e.start_date]
    entity_colours: dict[str, str] = {}
    has_range = False
    for number, event in dated:
        label = html.escape(event_label(article, number))
        if colour_by == "entity":
            group = event.entities[0] if event.entities else "no entity"
            colour = entity_colours.setdefault(group, OTHER_COLOURS[len(entity_colours) % len(OTHER_COLOURS)])
        else:
            group = event.certainty
            colour = CERTAINTY_COLOURS.get(event.certainty, "#777777")
        start = date.fromisoformat(event.start_date)
        end = date.fromisoformat(event.end_date or event.start_date)
        hover = _hover(article, number)
        if end > start:
            # One continuous translucent band: the dates the text allows, not a second event.
            has_range = True
            figure.add_trace(go.Scatter(
                x=[start, end + timedelta(days=1)], y=[label, label], mode="lines",
                line={"color": colour, "width": 16}, opacity=0.5 if event.certainty == "exact" else 0.28,
                name=group, legendgroup=group, showlegend=False, hovertext=[hover, hover], hoverinfo="text",
                customdata=[number, number],
            ))
        middle = start + (end - start) / 2
        figure.add_trace(go.Scatter(
            x=[middle], y=[label], mode="markers",
            marker={"color": colour, "size": 13, "symbol": CERTAINTY_SYMBOLS.get(event.certainty, "circle"),
                    "line": {"color": colour, "width": 2.5}},
            name=group, legendgroup=group, showlegend=False, hovertext=[hover], hoverinfo="text",
            customdata=[number],
        ))
    present = [c for c in CERTAINTY_COLOURS if any(e.certainty == c for _, e in dated)]
    if colour_by == "entity":
        for group, colour in entity_colours.items():
            _key(figure, f"main entity: {html.escape(group)}", mode="markers", marker={"color": colour, "size": 12, "symbol": "square"})
    for certainty in present:
        colour = CERTAINTY_COLOURS[certainty] if colour_by != "entity" else "#555555"
        _key(figure, f"{CERTAINTY_SHAPES[certainty]} = {certainty}: {CERTAINTY_HELP[certainty]}", mode="markers",
             marker={"color": colour, "size": 12, "symbol": CERTAINTY_SYMBOLS[certainty],
                     "line": {"color": colour, "width": 2.5}})
    if has_range:
        _key(figure, BAND_HELP, mode="lines", line={"color": "#777777", "width": 12}, opacity=0.35)
    published = article.meta.published
    day = parse_published(published)
    if day:
        figure.add_shape(type="line", x0=day, x1=day, y0=0, y1=1, yref="paper",
                         line={"color": "#444444", "dash": "dot", "width": 2})
        figure.add_annotation(x=day, y=1, yref="paper", text="published", showarrow=False, yanchor="bottom")
        if dated:
            _key(figure, PUBLISHED_HELP, mode="lines", line={"color": "#444444", "dash": "dot", "width": 2})
    days = [date.fromisoformat(e.start_date) for _, e in dated]
    days += [date.fromisoformat(e.end_date or e.start_date) + timedelta(days=1) for _, e in dated]
    if day:
        days.append(day)
    if days:
        # Pad the axis so a range that starts or ends the timeline is not cut at the frame.
        pad = max(timedelta(days=3), (max(days) - min(days)) * 0.05)
        figure.update_xaxes(range=[min(days) - pad, max(days) + pad])
    keys = sum(1 for t in figure.data if t.customdata is None)
    figure.update_layout(
        # Room for the rows and, below them, for the key, which must not squeeze the rows.
        height=max(300, 44 * len(dated) + 24 * keys + 120), margin={"l": 10, "r": 10, "t": 50, "b": 10},
        xaxis={"type": "date", "title": None, "tickformat": "%-d %b %Y"},
        yaxis={"autorange": "reversed", "title": None, "automargin": True},
        # The legend is a key to the marks, not a filter: clicking it must not hide events.
        legend={"orientation": "h", "yanchor": "top", "y": -0.08, "x": 0, "itemclick": False,
                "itemdoubleclick": False, "title": {"text": "How to read: "}},
        hoverlabel={"align": "left"},
    )
    return figure


def events_frame(article: Article) -> pd.DataFrame:
    """One row per event for the table."""
    rows = []
    for event in article.events:
        when = event.start_date if event.start_date == event.end_date else f"{event.start_date} – {event.end_date}"
        if not event.start_date:
            when = relative_text(article, event) or "undated"
        rows.append({
            "sentence": event.sentence + 1, "when": when, "certainty": event.certainty,
            "what (Hindi)": event.summary_hi, "what (English)": event.summary_en,
            "who": ", ".join(event.entities), "why this date": event.basis,
        })
    return pd.DataFrame(rows, columns=["sentence", "when", "certainty", "what (Hindi)", "what (English)", "who",
                                       "why this date"])


def relative_text(article: Article, event: Event) -> str:
    """When an event without calendar dates happened relative to publication, in words ("" if unknown)."""
    if 0 <= event.timex < len(article.timexes):
        return describe_relative(article.timexes[event.timex])
    if "publication" in event.basis and event.certainty == "inferred":
        return "at publication"
    if event.basis.startswith(BEFORE_PUBLICATION):
        return "before publication"
    return ""
