"""The co-occurrence network of the Entities page as a plotly figure: who and what are named together.

Labels stay inside the frame (a name near the left or right edge is written inwards, and the axes leave room
for the outermost ones), and a crowded network writes only its most-mentioned names, the rest on hover.
"""

from __future__ import annotations

import html
from collections.abc import Mapping

import plotly.graph_objects as go

from khabar.render import ENTITY_COLOURS, ENTITY_DESCRIPTIONS
from khabar.text import plural

LABELLED_NAMES = 24  # names written on the graph at most; every node names itself on hover
EDGE_ZONE = 0.45  # a node this close to the left or right edge (of a -1..1 layout) has its name written inwards
BASE_HEIGHT = 480
CROWDED = 20  # nodes beyond this make the figure taller and the markers smaller


def labelled(nodes: Mapping[str, dict], positions: Mapping[str, tuple[float, float]],
             limit: int = LABELLED_NAMES) -> set[str]:
    """The nodes whose names are written: all of them, or on a crowded graph the ``limit`` most mentioned."""
    if len(positions) <= limit:
        return set(positions)
    ranked = sorted(positions, key=lambda v: (-nodes[v]["mentions"], nodes[v]["canonical"]))
    return set(ranked[:limit])


def text_position(x: float, low: float, high: float) -> str:
    """Where a node's name goes: above it, towards the middle when the node is near a side."""
    if x <= low + EDGE_ZONE * (high - low) / 2:
        return "top right"
    if x >= high - EDGE_ZONE * (high - low) / 2:
        return "top left"
    return "top center"


def network_figure(nodes: Mapping[str, dict], edges: Mapping[tuple[str, str], int],
                   positions: Mapping[str, tuple[float, float]]) -> go.Figure:
    """Lines between entities named in one sentence (thicker: more sentences), a marker per entity coloured by
    its type and sized by its mentions, its name escaped."""
    order = sorted(positions)
    top = max(edges.values(), default=1)
    crowded = len(order) > CROWDED
    xs = [positions[v][0] for v in order] or [0.0]
    ys = [positions[v][1] for v in order] or [0.0]
    low, high = min(xs), max(xs)
    written = labelled(nodes, positions)
    figure = go.Figure()
    for (a, b), weight in edges.items():
        if a not in positions or b not in positions:
            continue
        (x0, y0), (x1, y1) = positions[a], positions[b]
        figure.add_trace(go.Scatter(x=[x0, x1], y=[y0, y1], mode="lines", hoverinfo="skip", showlegend=False,
                                    line={"width": 1 + 4 * weight / top, "color": "rgba(120,120,120,0.45)"}))
    for label in sorted({nodes[v]["label"] for v in order}):
        members = [v for v in order if nodes[v]["label"] == label]
        figure.add_trace(go.Scatter(
            x=[positions[v][0] for v in members], y=[positions[v][1] for v in members], mode="markers+text",
            name=ENTITY_DESCRIPTIONS.get(label, label),
            text=[html.escape(nodes[v]["canonical"]) if v in written else "" for v in members],
            textposition=[text_position(positions[v][0], low, high) for v in members],
            textfont={"size": 11 if crowded else 12},
            hovertext=[html.escape(f"{nodes[v]['canonical']}: {plural(nodes[v]['mentions'], 'mention')}")
                       for v in members],
            hoverinfo="text", cliponaxis=False,
            marker={"size": [(8 if crowded else 12) + (2 if crowded else 4) * min(nodes[v]["mentions"], 8)
                             for v in members],
                    "color": ENTITY_COLOURS.get(label, "#ccc"), "line": {"width": 1, "color": "#333"}},
        ))
    # The axes reach past the outermost nodes, so a name written beside or above one stays in the frame.
    x_pad = 0.12 * max(high - low, 1.0)
    y_pad = 0.12 * max(max(ys) - min(ys), 1.0)
    height = BASE_HEIGHT + (min(len(order) - CROWDED, 40) * 8 if crowded else 0)
    figure.update_layout(
        height=height, margin={"l": 10, "r": 10, "t": 10, "b": 10},
        xaxis={"visible": False, "range": [low - x_pad, high + x_pad]},
        yaxis={"visible": False, "range": [min(ys) - y_pad / 2, max(ys) + y_pad]},
        legend={"orientation": "h"},
    )
    return figure
