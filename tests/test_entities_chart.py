"""The co-occurrence network figure: names inside the frame, and a crowded network (50+ entities) still readable."""

from __future__ import annotations

from collections import Counter

from khabar.entities.chart import LABELLED_NAMES, labelled, network_figure, text_position
from khabar.entities.summary import layout


def _network(count: int):
    nodes = {f"e{i}": {"label": ("PER", "LOC", "ORG")[i % 3], "canonical": f"Name <{i}> of a place",
                       "mentions": 1 + (count - i) % 9} for i in range(count)}
    edges = Counter()
    for i in range(count):  # each entity named with the next two: one connected network
        for j in (i + 1, i + 2):
            if j < count:
                edges[(f"e{i}", f"e{j}")] += 1 + (i % 3)
    return nodes, edges, layout(sorted(nodes), edges)


def _node_traces(figure):
    return [t for t in figure.data if t.mode == "markers+text"]


def test_names_near_a_side_are_written_inwards_and_the_axes_leave_room():
    nodes, edges, positions = _network(8)
    figure = network_figure(nodes, edges, positions)
    xs = [x for x, _ in positions.values()]
    low, high = min(xs), max(xs)
    assert text_position(low, low, high) == "top right" and text_position(high, low, high) == "top left"
    assert text_position((low + high) / 2, low, high) == "top center"
    x_range, y_range = figure.layout.xaxis.range, figure.layout.yaxis.range
    assert x_range[0] < low and x_range[1] > high
    assert y_range[1] > max(y for _, y in positions.values())  # room above the top node for its name
    for trace in _node_traces(figure):
        assert trace.cliponaxis is False
        for x, position in zip(trace.x, trace.textposition, strict=True):
            assert position == text_position(x, low, high)


def test_names_are_escaped():
    nodes, edges, positions = _network(4)
    texts = [t for trace in _node_traces(network_figure(nodes, edges, positions)) for t in trace.text]
    assert texts and all("<" not in t for t in texts) and "Name &lt;0&gt; of a place" in texts


def test_a_network_of_sixty_entities_writes_only_the_most_mentioned_names():
    nodes, edges, positions = _network(60)
    figure = network_figure(nodes, edges, positions)
    traces = _node_traces(figure)
    written = [t for trace in traces for t in trace.text if t]
    assert len(written) == LABELLED_NAMES
    assert sum(len(trace.hovertext) for trace in traces) == 60  # every entity still names itself on hover
    chosen = labelled(nodes, positions)
    least_written = min(nodes[v]["mentions"] for v in chosen)
    assert all(nodes[v]["mentions"] <= least_written for v in set(nodes) - chosen)
    assert figure.layout.height > 480  # a crowd gets more room
    small = network_figure(*_network(6))
    assert all(t for trace in _node_traces(small) for t in trace.text)  # a small network names everyone
