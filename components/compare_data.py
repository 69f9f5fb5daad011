"""The Compare page's computations, cached on plain values (the tables built from them are in khabar.compare)."""

from __future__ import annotations

import numpy as np
import streamlit as st

from khabar.compare import Texts, bootstrap_rows, system_pairs
from khabar.metrics import (
    METRICS,
    Agreement,
    BootstrapResult,
    FidelityReport,
    MetricResult,
    agreement,
    bootstrap_statistics,
    fidelity,
    get_metric,
)
from khabar.model import Article


@st.cache_data(show_spinner=False, max_entries=512)
def cached_statistics(hypotheses: Texts, references: Texts, metric: str) -> np.ndarray:
    """Per-sentence sufficient statistics of one system on one metric (the slow part, computed once)."""
    return get_metric(metric).sentence_statistics(hypotheses, references)


def cached_scores(hypotheses: Texts, references: Texts) -> dict[str, MetricResult]:
    """chrF, BLEU and TER of one system against the reference."""
    return {m.name: m.score_statistics(cached_statistics(hypotheses, references, m.name)) for m in METRICS}


@st.cache_data(show_spinner=False, max_entries=256)
def cached_bootstrap(a: Texts, b: Texts, references: Texts, metric: str, samples: int) -> BootstrapResult | None:
    """Paired bootstrap of system a against system b (fixed seed, so a rerun shows the same figures)."""
    return bootstrap_statistics(cached_statistics(a, references, metric), cached_statistics(b, references, metric),
                                metric, samples=samples)


def cached_bootstrap_rows(systems: dict[str, Texts], references: Texts, labels: dict[str, str], metric: str,
                          samples: int) -> list[dict]:
    """Every pair of systems tested against each other on ``metric`` against the reference."""
    results = [(a, b, cached_bootstrap(systems[a], systems[b], references, metric, samples))
               for a, b in system_pairs(list(systems))]
    return bootstrap_rows(results, labels, metric)


@st.cache_data(show_spinner=False, max_entries=64)
def cached_agreement(names: tuple[str, ...], texts: tuple[Texts, ...]) -> Agreement:
    """Pairwise symmetric chrF between engines, per sentence."""
    return agreement(dict(zip(names, texts, strict=True)))


@st.cache_data(show_spinner=False, max_entries=64)
def cached_fidelity(article_json: str, names: tuple[str, ...], texts: tuple[Texts, ...]) -> FidelityReport:
    """Entity and number fidelity of each engine (the article travels as its JSON text, a plain value)."""
    return fidelity(Article.from_json(article_json), dict(zip(names, texts, strict=True)))
