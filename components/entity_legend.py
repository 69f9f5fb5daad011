"""The entity legend: one coloured chip per type present, and a toggle per type."""

from __future__ import annotations

import streamlit as st

from khabar.model import Article
from khabar.render import ENTITY_DESCRIPTIONS, PARALLEL_CSS, article_labels, legend_html


def entity_legend(article: Article, *, key: str) -> list[str]:
    """Draw the colour legend with counts and a toggle per entity type present; return the types to highlight."""
    labels = article_labels(article)
    if not labels:
        return []
    # Another article's choice may name types this one lacks; start again from all of them.
    previous = st.session_state.get(key)
    if previous is not None and not set(previous) <= set(labels):
        st.session_state[key] = labels
    counts = {label: sum(1 for s in article.entities if s.label == label) for label in labels}
    legend, toggles = st.columns([4, 1], vertical_alignment="center")
    with toggles.popover("Entity types", icon=":material/tune:", width="stretch"):
        chosen = st.pills(
            "Highlight",
            labels,
            selection_mode="multi",
            default=None if key in st.session_state else labels,
            key=key,
            format_func=lambda label: ENTITY_DESCRIPTIONS.get(label, label),
            help="Colours are shared by both columns; point at a name to outline every mention of it.",
        )
    shown = list(chosen or [])
    with legend:
        st.html(f"<style>{PARALLEL_CSS}</style>"
                + legend_html(labels, counts=counts, hidden=[label for label in labels if label not in shown]))
    return shown
