"""Session-wide state: the cached library and the article the reader has open."""

from __future__ import annotations

import os

import streamlit as st

from components.navigation import LIBRARY, READ
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


def open_article_or_stop(title: str | None = None, *, library_link: bool = True) -> Article:
    """The open article; where none is, the page (titled ``title`` if given) says how to choose one (with a link
    to the Library unless not ``library_link``) and stops."""
    article = current_article()
    if article is None:
        if title:
            st.title(title)
        st.info("Choose an article in the sidebar or open one from the Library.")
        if library_link:
            st.page_link(LIBRARY, label="Go to the Library", icon=":material/library_books:")
        st.stop()
    return article


def open_article(article_id: str, page: str = READ) -> None:
    """Make ``article_id`` the open article and go to ``page``."""
    st.session_state[ARTICLE_KEY] = article_id
    st.session_state.pop("read_focus", None)
    st.switch_page(page)
