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


def layout(nodes: list[str], edges: Counter, *, iterations: int = 200, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Force-directed positions (Fruchterman–Reingold) in [-1, 1]², deterministic for a given input."""
    import random

    rng = random.Random(seed)
    n = len(nodes)
    if n == 0:
        return {}
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    pos = {v: [math.cos(2 * math.pi * i / n) + rng.uniform(-0.05, 0.05),
               math.sin(2 * math.pi * i / n) + rng.uniform(-0.05, 0.05)] for i, v in enumerate(nodes)}
    k = math.sqrt(4.0 / n)
    temperature = 0.2
    for _ in range(iterations):
        shift = {v: [0.0, 0.0] for v in nodes}
        for a, b in combinations(nodes, 2):
            dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
            dist = math.hypot(dx, dy) or 1e-6
            force = k * k / dist
            shift[a][0] += dx / dist * force
            shift[a][1] += dy / dist * force
            shift[b][0] -= dx / dist * force
            shift[b][1] -= dy / dist * force
        for (a, b), weight in edges.items():
            if a not in pos or b not in pos:
                continue
            dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
            dist = math.hypot(dx, dy) or 1e-6
            force = dist * dist / k * (1 + math.log(weight))
            shift[a][0] -= dx / dist * force
            shift[a][1] -= dy / dist * force
            shift[b][0] += dx / dist * force
            shift[b][1] += dy / dist * force
        for v in nodes:
            dx, dy = shift[v]
            length = math.hypot(dx, dy) or 1e-6
            pos[v][0] += dx / length * min(length, temperature)
            pos[v][1] += dy / length * min(length, temperature)
        temperature *= 0.98
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return {v: (2 * (p[0] - cx) / span, 2 * (p[1] - cy) / span) for v, p in pos.items()}
