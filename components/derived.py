"""What pages derive from an article, worked out once per article version and engine and kept across reruns.

Each cached function is keyed by plain values: the article's id, its revision (which changes whenever a save
changes anything a page shows) and the engine; the article itself is passed unhashed (``_article``).
"""

from __future__ import annotations

import streamlit as st

from khabar.entities.crosslingual import english_mentions
from khabar.entities.summary import cooccurrence, layout
from khabar.model import Article
from khabar.pipeline import analyze_time


def article_revision(article: Article) -> str:
    """A value that changes whenever the article's text, analysis or translations change."""
    # The fields are immutable tuples of frozen records, so hashing them is cheap (strings keep their hash).
    return str(hash((article.text, article.meta, article.sentences, article.translations, article.entities,
                     article.entity_index, article.timexes, article.events, article.stages)))


@st.cache_data(show_spinner=False, max_entries=32)
def _english_spans(article_id: str, revision: str, engine: str, _article: Article):
    return english_mentions(_article, engine)


def english_spans(article: Article, engine: str):
    """The entity spans of ``engine``'s English sentences (see ``english_mentions``), cached."""
    return _english_spans(article.id, article_revision(article), engine, article)


@st.cache_data(show_spinner=False, max_entries=32)
def _network(article_id: str, revision: str, labels: tuple[str, ...], _article: Article):
    nodes, edges = cooccurrence(_article, labels)
    # Only entities named with another are drawn: a crowd of lone names would push the network into a corner.
    connected = sorted({v for pair in edges for v in pair})
    positions = layout(connected, edges) if len(connected) >= 2 else {}
    return nodes, dict(edges), positions


def cooccurrence_network(article: Article, labels: tuple[str, ...]):
    """(nodes, edges, positions) of the article's co-occurrence network over ``labels``, cached."""
    return _network(article.id, article_revision(article), labels, article)


@st.cache_data(show_spinner=False, max_entries=32)
def _time_analysis(article_id: str, revision: str, _article: Article) -> Article:
    return analyze_time(_article)


def time_analysis(article: Article) -> Article:
    """The article with its time expressions and events worked out (for analyses saved without them), cached."""
    return _time_analysis(article.id, article_revision(article), article)
