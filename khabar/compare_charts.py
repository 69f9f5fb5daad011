"""Plotly figures for the Compare page: where engines agree, sentence by sentence."""

from __future__ import annotations

import html
import math

import plotly.graph_objects as go

from khabar.metrics import Agreement


def _short(text: str, limit: int = 48) -> str:
    # Plotly reads a few HTML tags inside labels, so every piece of article text is escaped first.
    clipped = text if len(text) <= limit else text[: limit - 1] + "…"
    return html.escape(clipped)


def _grid(values) -> list[list[float | None]]:
    return [[None if v is None or (isinstance(v, float) and math.isnan(v)) else round(v, 1) for v in row]
            for row in values]


def agreement_heatmap(result: Agreement, sentences: list[str], labels: dict[str, str]) -> go.Figure:
    """Sentences (rows) by engine pairs (columns), coloured by symmetric chrF: red where engines disagree."""
    columns = [html.escape(f"{labels[a]} ↔ {labels[b]}") for a, b in result.pairs]
    rows = [f"{i + 1}. {_short(text)}" for i, text in enumerate(sentences)]
    figure = go.Figure(
        go.Heatmap(
            z=_grid(result.by_pair), x=columns, y=rows, zmin=0, zmax=100, colorscale="RdYlGn",
            colorbar={"title": {"text": "chrF"}}, hoverongaps=False,
            hovertemplate="%{y}<br>%{x}<br>agreement %{z:.1f}<extra></extra>",
        )
    )
    figure.update_yaxes(autorange="reversed", tickfont={"size": 11})
    figure.update_layout(height=max(260, 28 * len(rows) + 120), margin={"l": 10, "r": 10, "t": 30, "b": 10},
                         title={"text": "Agreement between engines (pairwise chrF, 0–100)"})
    return figure


def engine_matrix_heatmap(result: Agreement, labels: dict[str, str]) -> go.Figure:
    """Engines by engines: mean agreement over the article."""
    names = [html.escape(labels[e]) for e in result.engines]
    figure = go.Figure(
        go.Heatmap(z=_grid(result.engine_matrix), x=names, y=names, zmin=0, zmax=100, colorscale="RdYlGn",
                   texttemplate="%{z:.0f}", hovertemplate="%{y} ↔ %{x}: %{z:.1f}<extra></extra>")
    )
    figure.update_yaxes(autorange="reversed")
    figure.update_layout(height=120 + 50 * len(names), margin={"l": 10, "r": 10, "t": 30, "b": 10},
                         title={"text": "Mean agreement over the article"})
    return figure
