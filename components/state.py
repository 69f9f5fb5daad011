"""Session-wide state: the cached library and the article the reader has open."""

from __future__ import annotations

import os

import streamlit as st

from components.navigation import READ
from components.text import md_escape
from khabar.model import Article
from khabar.store import Library, LibraryError

ARTICLE_KEY = "article_id"


@st.cache_resource(show_spinner="Opening the library (the first start prepares the sample article)…")
def _open_library(path: str):
    library = Library(path or None)
    library.ensure_seeds()
    return library


def get_library():
    """The library for this server (one per database path), seeded; stops the page with a clear error."""
    try:
        return _open_library(os.environ.get("KHABAR_DB", ""))
    except LibraryError as error:
        st.error(f"The library could not be opened: {md_escape(str(error))}")
        st.stop()


def current_article() -> Article | None:
    """The article the reader has open (None where none is chosen or it was deleted)."""
    article_id = st.session_state.get(ARTICLE_KEY)
    if not article_id:
        return None
    return get_library().get_article(article_id)


def open_article(article_id: str, page: str = READ) -> None:
    """Make ``article_id`` the open article and go to ``page``."""
    st.session_state[ARTICLE_KEY] = article_id
    st.session_state.pop("read_focus", None)
    st.switch_page(page)
