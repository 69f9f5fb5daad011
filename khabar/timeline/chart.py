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

from khabar.engines import translators
from khabar.model import Article, Event
from khabar.text import shorten
from khabar.timeline.events import BEFORE_PUBLICATION
from khabar.timeline.timex import describe_relative, parse_published, year_unknown_window

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
LABEL_LIMIT = 45


def short(text: str, limit: int = 60) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def english_for(article: Article, event: Event) -> tuple[str, str]:
    """The event's English and the kind of translation it came from ("" and "" when there is none)."""
    ranked = article.ranked_translations()
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
    result = translators().get("gloss").translate([hindi])[0]
    return result.text or ""


def event_label(article: Article, number: int, limit: int = LABEL_LIMIT) -> str:
    """Plain-text label of event ``number``: sentence number (a letter where a sentence has several) and English.

    The label is the best English the article has for the sentence. Only where that is the gloss anyway are the
    events of one sentence told apart by a gloss of their own verb phrase (marked ≈).
    """
    event = article.events[number]
    letter = _letter(article, number)
    tag = f"{event.sentence + 1}{letter}"
    english, kind = english_for(article, event)
    if (letter and kind in ("gloss", "") and event.summary_hi
            and (gloss := phrase_gloss(event.summary_hi))):
        return f"{tag}. ≈ {shorten(gloss, limit - 2)}"
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


YEAR_UNKNOWN_LANE = "Year unknown"
YEAR_UNKNOWN_HELP = "day and month only (no publication date to fix the year)"
_ANY_YEAR = 2000  # a leap year: the lane's axis shows day and month only, so 29 February has a place


def year_unknown_events(article: Article) -> list[tuple[int, date, date]]:
    """Events dated by day or month (or festival) but not year: (number, first, last) on a stand-in leap year."""
    found = []
    for number, event in enumerate(article.events):
        if event.start_date or not 0 <= event.timex < len(article.timexes):
            continue
        window = year_unknown_window(article.timexes[event.timex])
        if window is None:
            continue
        (m1, d1), (m2, d2) = window
        found.append((number, date(_ANY_YEAR, m1, d1), date(_ANY_YEAR, m2, d2)))
    return found


def _event_colour(event: Event, colour_by: str, entity_colours: dict[str, str]) -> tuple[str, str]:
    if colour_by == "entity":
        group = event.entities[0] if event.entities else "no entity"
        return group, entity_colours.setdefault(group, OTHER_COLOURS[len(entity_colours) % len(OTHER_COLOURS)])
    return event.certainty, CERTAINTY_COLOURS.get(event.certainty, "#777777")


def _draw_event(figure: go.Figure, article: Article, number: int, start: date, end: date, group: str, colour: str,
                axes: dict[str, str], hover_note: str = "") -> bool:
    """One event's marker (and its pale band when it spans days); True when a band was drawn."""
    event = article.events[number]
    label = html.escape(event_label(article, number))
    hover = _hover(article, number) + (f"<br>{html.escape(hover_note)}" if hover_note else "")
    band = end > start
    if band:
        # One continuous translucent band: the dates the text allows, not a second event.
        figure.add_trace(go.Scatter(
            x=[start, end + timedelta(days=1)], y=[label, label], mode="lines",
            line={"color": colour, "width": 16}, opacity=0.5 if event.certainty == "exact" else 0.28,
            name=group, legendgroup=group, showlegend=False, hovertext=[hover, hover], hoverinfo="text",
            customdata=[number, number], **axes,
        ))
    middle = start + (end - start) / 2
    figure.add_trace(go.Scatter(
        x=[middle], y=[label], mode="markers",
        marker={"color": colour, "size": 13, "symbol": CERTAINTY_SYMBOLS.get(event.certainty, "circle"),
                "line": {"color": colour, "width": 2.5}},
        name=group, legendgroup=group, showlegend=False, hovertext=[hover], hoverinfo="text",
        customdata=[number], **axes,
    ))
    return band


DAY_MS = 86_400_000  # plotly's date axes count in milliseconds
DAILY_TICKS_UP_TO = 16  # days shown: up to this many, one tick per day
WEEKLY_TICKS_UP_TO = 120  # beyond daily, one tick a week up to this many days; past it plotly's own (months)
TICK_LABEL_PX = 40  # the height of the date labels under the axis, and the gap before the key


def padded_range(days: list[date]) -> list[date]:
    """The axis range over ``days``: padded so a range that starts or ends the timeline is not cut at the frame
    (a day on a short span, so a week still reads as a week; 5% or at least 3 days on a longer one)."""
    span = max(days) - min(days)
    pad = timedelta(days=1) if span <= timedelta(days=DAILY_TICKS_UP_TO - 2) else max(timedelta(days=3), span * 0.05)
    return [min(days) - pad, max(days) + pad]


def date_axis(days: list[date], *, with_year: bool = True) -> dict:
    """A plotly date axis over ``days`` whose ticks fall on whole days: one a day on a short span (a week), one a
    week (on Mondays) up to a few months, plotly's own month or year ticks beyond; never hours, never one date
    twice."""
    first, last = padded_range(days)
    axis: dict = {"type": "date", "title": None, "range": [first, last],
                  "tickformat": "%-d %b %Y" if with_year else "%-d %b"}
    span = (last - first).days
    if span <= DAILY_TICKS_UP_TO:
        axis.update(tick0=first.isoformat(), dtick=DAY_MS)
    elif span <= WEEKLY_TICKS_UP_TO:
        axis.update(tick0=(first - timedelta(days=first.weekday())).isoformat(), dtick=7 * DAY_MS)
    return axis


def axis_ticks(axis: dict) -> list[date]:
    """The days an axis from ``date_axis`` puts a tick on (where it fixes them; [] where plotly chooses)."""
    if "dtick" not in axis:
        return []
    step = timedelta(milliseconds=axis["dtick"])
    first, last = axis["range"]
    tick = date.fromisoformat(axis["tick0"])
    ticks = []
    while tick <= last:
        if tick >= first:
            ticks.append(tick)
        tick += step
    return ticks


def key_layout(height: int, margin_top: int, keys: int) -> tuple[dict, dict]:
    """(legend, margin) that put the key under the date labels, never over them: the key's top sits
    ``TICK_LABEL_PX`` below the plot, and the bottom margin holds the labels and every line of the key."""
    bottom = TICK_LABEL_PX + 26 * (keys + 1)
    plot = max(height - margin_top - bottom, 1)
    legend = {"orientation": "h", "yanchor": "top", "y": -TICK_LABEL_PX / plot, "x": 0, "itemclick": False,
              "itemdoubleclick": False, "title": {"text": "How to read: "}}
    return legend, {"l": 10, "r": 10, "t": margin_top, "b": bottom}


def timeline_figure(article: Article, *, colour_by: str = "certainty") -> go.Figure:
    """A plotly timeline: a marker per dated event (its shape says the certainty), a pale band for a range.

    Events whose day and month are known but not their year (no publication date) go in a lower lane of
    their own, on an axis of days and months only.
    """
    figure = go.Figure()
    dated = [(n, e) for n, e in enumerate(article.events) if e.start_date]
    yearless = year_unknown_events(article)
    entity_colours: dict[str, str] = {}
    has_range = False
    for number, event in dated:
        group, colour = _event_colour(event, colour_by, entity_colours)
        start = date.fromisoformat(event.start_date)
        end = date.fromisoformat(event.end_date or event.start_date)
        has_range = _draw_event(figure, article, number, start, end, group, colour, {}) or has_range
    lane = {"xaxis": "x2", "yaxis": "y2"} if dated else {}
    for number, start, end in yearless:
        group, colour = _event_colour(article.events[number], colour_by, entity_colours)
        note = relative_text(article, article.events[number])
        has_range = _draw_event(figure, article, number, start, end, group, colour, lane, note) or has_range
    drawn = [e for _, e in dated] + [article.events[n] for n, _, _ in yearless]
    present = [c for c in CERTAINTY_COLOURS if any(e.certainty == c for e in drawn)]
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
    # The dated lane takes the top of the frame in proportion to its rows; the year-unknown lane the rest.
    split = len(yearless) / (len(dated) + len(yearless)) if dated and yearless else 0.0
    gap = 0.2 if split else 0.0
    published = article.meta.published
    day = parse_published(published)
    if day and dated:
        figure.add_shape(type="line", x0=day, x1=day, y0=split + gap / 2 if split else 0, y1=1, yref="paper",
                         line={"color": "#444444", "dash": "dot", "width": 2})
        figure.add_annotation(x=day, y=1, yref="paper", text="published", showarrow=False, yanchor="bottom")
        _key(figure, PUBLISHED_HELP, mode="lines", line={"color": "#444444", "dash": "dot", "width": 2})
    days = [date.fromisoformat(e.start_date) for _, e in dated]
    days += [date.fromisoformat(e.end_date or e.start_date) + timedelta(days=1) for _, e in dated]
    if day and dated:
        days.append(day)
    rows = len(dated) + len(yearless)
    keys = sum(1 for t in figure.data if t.customdata is None)
    # Room for the rows and, below them, for the date labels and the key, which must not squeeze the rows.
    height = max(300, 44 * rows + 24 * keys + 120 + (60 if split else 0)) + TICK_LABEL_PX
    legend, margin = key_layout(height, 50, keys)
    layout: dict = {
        "height": height,
        "margin": margin,
        "xaxis": date_axis(days) if days else {"type": "date", "title": None, "tickformat": "%-d %b %Y"},
        "yaxis": {"autorange": "reversed", "title": None, "automargin": True, "domain": [split + gap / 2, 1]},
        # The legend is a key to the marks, not a filter: clicking it must not hide events.
        "legend": legend,
        "hoverlabel": {"align": "left"},
    }
    if yearless:
        (first, last) = min(s for _, s, _ in yearless), max(e for _, _, e in yearless) + timedelta(days=1)
        axis = date_axis([first, last], with_year=False)
        top = split - gap / 2 if dated else 1.0
        if dated:
            layout["xaxis2"] = {**axis, "anchor": "y2"}
            layout["yaxis2"] = {"autorange": "reversed", "title": None, "automargin": True, "domain": [0, top],
                                "anchor": "x2"}
        else:
            layout["xaxis"] = axis
            layout["yaxis"]["domain"] = [0, 1]
        figure.add_annotation(x=0, y=top, xref="paper", yref="paper", text=f"<b>{YEAR_UNKNOWN_LANE}</b>: {YEAR_UNKNOWN_HELP}",
                              showarrow=False, xanchor="left", yanchor="bottom")
    figure.update_layout(**layout)
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
