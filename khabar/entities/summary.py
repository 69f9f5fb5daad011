"""Plain data for the Entities page: the entity table, each entity's mentions in context, and co-occurrence."""

from __future__ import annotations

import math
from collections import Counter
from itertools import combinations
from typing import Any

from khabar.model import Article, EntitySpan

NAME_LABELS = ("PER", "LOC", "ORG", "NORP")


def entity_rows(article: Article, labels: list[str] | None = None) -> list[dict[str, Any]]:
    """One row per entity: id, canonical name, Hindi forms, type, mentions, first sentence (1-based), a person's
    title (मैनेजर) and the aliases the article gives it (पप्पू)."""
    rows = []
    for entity in article.entity_index:
        if labels is not None and entity.label not in labels:
            continue
        rows.append({
            "id": entity.id,
            "canonical": entity.canonical,
            "forms": " · ".join(entity.forms),
            "type": entity.label,
            "mentions": entity.mentions,
            "first": entity.first_sentence + 1 if entity.first_sentence >= 0 else None,
            "title": entity.title,
            "aliases": " · ".join(entity.aliases),
        })
    return sorted(rows, key=lambda r: (-r["mentions"], r["first"] or 0, r["canonical"]))


def mentions_in_context(article: Article, entity_id: str, english: dict[int, list[EntitySpan]] | None = None,
                        engine: str | None = None) -> list[dict[str, Any]]:
    """Every sentence mentioning ``entity_id``: its Hindi and English text and the spans (sentence offsets) of
    that entity in each."""
    english = english or {}
    translation = article.translation(engine) if engine else None
    out = []
    for sentence in article.sentences:
        hindi = [s for s in article.sentence_entities(sentence.index) if s.entity_id == entity_id]
        if not hindi:
            continue
        text_en = None
        if translation is not None and sentence.index < len(translation.texts):
            text_en = translation.texts[sentence.index]
        out.append({
            "sentence": sentence.index,
            "hindi": sentence.text,
            "hindi_spans": [_relative(s, sentence.start) for s in hindi],
            "english": text_en,
            "english_spans": [_relative(s, 0) for s in english.get(sentence.index, []) if s.entity_id == entity_id],
        })
    return out


def _relative(span: EntitySpan, offset: int) -> dict[str, Any]:
    return {"start": span.start - offset, "end": span.end - offset, "label": span.label,
            "entity_id": span.entity_id, "canonical": span.canonical}


def cooccurrence(article: Article, labels: tuple[str, ...] | list[str] = NAME_LABELS) -> tuple[dict[str, dict], Counter]:
    """Entities of ``labels`` (id → {label, canonical, mentions}) and how many sentences each pair shares."""
    nodes = {e.id: {"label": e.label, "canonical": e.canonical, "mentions": e.mentions}
             for e in article.entity_index if e.label in labels}
    edges: Counter = Counter()
    for sentence in article.sentences:
        present = sorted({s.entity_id for s in article.sentence_entities(sentence.index) if s.entity_id in nodes})
        for a, b in combinations(present, 2):
            edges[(a, b)] += 1
    return nodes, edges


def layout(nodes: list[str], edges: Counter, *, iterations: int = 100, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Force-directed positions (networkx's Fruchterman–Reingold) in [-1, 1]², the same for the same input."""
    import networkx as nx  # only the Entities page draws a network: not worth importing for anything else

    if len(nodes) < 2:
        return {v: (0.0, 0.0) for v in nodes}
    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    # Pairs that share more sentences pull harder, but a pair named together ten times is not ten times closer.
    graph.add_weighted_edges_from((a, b, 1 + math.log(w)) for (a, b), w in edges.items() if a in graph and b in graph)
    positions = nx.spring_layout(graph, weight="weight", iterations=iterations, seed=seed)
    return {v: (float(x), float(y)) for v, (x, y) in positions.items()}
