"""The timeline as data and as a plotly figure: dated events as points or ranges, uncertainty drawn as such.

Plotly only, no Streamlit: the Timeline page draws what this returns.
"""

from __future__ import annotations

import html
from datetime import date, timedelta

import pandas as pd
import plotly.graph_objects as go

from khabar.model import Article, Event
from khabar.timeline.events import BEFORE_PUBLICATION, best_english
from khabar.timeline.timex import describe_relative, parse_published

CERTAINTY_COLOURS = {"exact": "#1f6fb4", "approximate": "#e07b00", "inferred": "#2a9d55"}
CERTAINTY_HELP = {
    "exact": "dated by a time expression in the sentence",
    "approximate": "a vague or partial expression: the bar is the range it allows",
    "inferred": "no date in the sentence: taken from context (dashed)",
}
OTHER_COLOURS = ("#6a4c93", "#c1121f", "#118ab2", "#8d6e63", "#ef476f", "#073b4c", "#7cb518")


def short(text: str, limit: int = 60) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _hover(article: Article, event: Event) -> str:
    english = event.summary_en or best_english(article, event.sentence) or "(no English yet)"
    when = event.start_date if event.start_date == event.end_date else f"{event.start_date} to {event.end_date}"
    parts = [
        f"<b>{html.escape(short(english, 90))}</b>",
        html.escape(event.summary_hi),
        f"{html.escape(when)} · {html.escape(event.certainty)}",
        html.escape(short(event.basis, 90)),
    ]
    if event.entities:
        parts.append(html.escape(", ".join(event.entities)))
    return "<br>".join(parts)


def timeline_figure(article: Article, *, colour_by: str = "certainty") -> go.Figure:
    """A plotly timeline of the dated events: points for days, bars for ranges, dashed where inferred."""
    figure = go.Figure()
    dated = [(n, e) for n, e in enumerate(article.events) if e.start_date]
    entity_colours: dict[str, str] = {}
    shown_legend: set[str] = set()
    for number, event in dated:
        label = f"{event.sentence + 1}. {short(event.summary_hi, 28)}"
        if colour_by == "entity":
            group = event.entities[0] if event.entities else "no entity"
            colour = entity_colours.setdefault(group, OTHER_COLOURS[len(entity_colours) % len(OTHER_COLOURS)])
        else:
            group = event.certainty
            colour = CERTAINTY_COLOURS.get(event.certainty, "#777777")
        start = date.fromisoformat(event.start_date)
        end = date.fromisoformat(event.end_date or event.start_date)
        hover = _hover(article, event)
        legend = group not in shown_legend
        shown_legend.add(group)
        dash = "dash" if event.certainty == "inferred" else "solid"
        if end > start:
            # A range: a translucent band when approximate or inferred, a solid bar when exact.
            opacity = 0.9 if event.certainty == "exact" else 0.4
            figure.add_trace(go.Scatter(
                x=[start, end + timedelta(days=1)], y=[label, label], mode="lines",
                line={"color": colour, "width": 14, "dash": dash}, opacity=opacity, name=group, legendgroup=group,
                showlegend=legend, hovertext=[hover, hover], hoverinfo="text", customdata=[number, number],
            ))
            legend = False
        symbol = "circle" if event.certainty == "exact" else ("circle-open" if event.certainty == "inferred"
                                                              else "diamond")
        middle = start + (end - start) / 2
        figure.add_trace(go.Scatter(
            x=[middle], y=[label], mode="markers", marker={"color": colour, "size": 12, "symbol": symbol,
                                                           "line": {"color": colour, "width": 2}},
            name=group, legendgroup=group, showlegend=legend, hovertext=[hover], hoverinfo="text",
            customdata=[number],
        ))
    published = article.meta.published
    day = parse_published(published)
    if day:
        figure.add_shape(type="line", x0=day, x1=day, y0=0, y1=1, yref="paper",
                         line={"color": "#444444", "dash": "dot", "width": 2})
        figure.add_annotation(x=day, y=1, yref="paper", text="published", showarrow=False, yanchor="bottom")
    days = [date.fromisoformat(e.start_date) for _, e in dated]
    days += [date.fromisoformat(e.end_date or e.start_date) + timedelta(days=1) for _, e in dated]
    if day:
        days.append(day)
    if days:
        # Pad the axis so a range that starts or ends the timeline is not cut at the frame.
        pad = max(timedelta(days=3), (max(days) - min(days)) * 0.05)
        figure.update_xaxes(range=[min(days) - pad, max(days) + pad])
    figure.update_layout(
        height=max(260, 48 * len(dated) + 120), margin={"l": 10, "r": 10, "t": 30, "b": 10},
        xaxis={"type": "date", "title": None}, yaxis={"autorange": "reversed", "title": None},
        legend={"orientation": "h", "y": -0.15}, hoverlabel={"align": "left"},
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
