"""What pages derive is worked out once per article revision and engine; the network layout is networkx's."""

from __future__ import annotations

import dataclasses
import math
from collections import Counter

import pytest

from components import derived
from khabar.entities.summary import layout
from khabar.model import ArticleMeta
from khabar.pipeline import analyze


@pytest.fixture
def article(seed_text):
    return analyze(seed_text, ArticleMeta(title="Seed", published="2024-04-23"), article_id="seed-1")


def test_english_spans_are_worked_out_once_per_revision_and_engine(article, monkeypatch, fresh_streamlit_caches):
    calls = []
    real = derived.english_mentions

    def counted(*args, **kwargs):
        calls.append(args[1])
        return real(*args, **kwargs)

    monkeypatch.setattr(derived, "english_mentions", counted)
    first = derived.english_spans(article, "gloss")
    assert derived.english_spans(article, "gloss") == first and calls == ["gloss"]
    assert first == real(article, "gloss")
    # A save that changes the article (a new title here) is a new revision: worked out again.
    changed = dataclasses.replace(article, meta=dataclasses.replace(article.meta, title="Other"))
    assert derived.article_revision(changed) != derived.article_revision(article)
    derived.english_spans(changed, "gloss")
    assert calls == ["gloss", "gloss"]


def test_the_network_is_cached_and_laid_out_for_every_node(article, fresh_streamlit_caches):
    nodes, edges, positions = derived.cooccurrence_network(article, ("PER", "LOC", "ORG", "NORP"))
    assert len(nodes) >= 2 and edges and set(positions) == set(nodes)
    assert derived.cooccurrence_network(article, ("PER", "LOC", "ORG", "NORP"))[2] == positions


def test_the_layout_is_seeded_bounded_and_pulls_partners_together():
    nodes = [f"n{i}" for i in range(12)]
    edges = Counter({("n0", "n1"): 5, ("n1", "n2"): 1, ("n3", "n4"): 2})
    positions = layout(nodes, edges)
    assert positions == layout(nodes, edges)
    assert all(-1.0001 <= c <= 1.0001 for xy in positions.values() for c in xy)

    def distance(a, b):
        return math.dist(positions[a], positions[b])

    lonely = [distance("n0", f"n{i}") for i in range(5, 12)]
    assert distance("n0", "n1") < min(lonely)
    assert layout([], Counter()) == {} and layout(["a"], Counter()) == {"a": (0.0, 0.0)}


def test_the_time_analysis_of_an_old_save_is_cached(article, fresh_streamlit_caches):
    old = dataclasses.replace(article, timexes=(), events=(), stages=("split", "translate", "entities"))
    again = derived.time_analysis(old)
    assert again.events == article.events and again.timexes == article.timexes
    assert derived.time_analysis(old) is not None
