"""The Hindi | English view, sentence by sentence."""

from __future__ import annotations

import streamlit as st

from khabar.model import Article
from khabar.render import parallel_html


def parallel_view(article: Article, *, engine: str | None, labels: list[str] | None = None,
                  focus: int | None = None, english_spans=None, key: str = "parallel") -> None:
    """Draw the aligned sentence pairs of ``article`` with ``engine``'s English (escaped HTML)."""
    body = parallel_html(article, engine=engine, labels=labels, focus=focus, english_spans=english_spans)
    with st.container(key=key):
        st.html(body)
