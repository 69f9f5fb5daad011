"""Session-wide state: the cached library and the article the reader has open."""

from __future__ import annotations

import os

import streamlit as st

from components.text import md_escape
from khabar.model import Article

ARTICLE_KEY = "article_id"


@st.cache_resource(show_spinner="Opening the library (the first start prepares the sample article)…")
def _open_library(path: str):
    from khabar.store import Library

    library = Library(path or None)
    library.ensure_seeds()
    return library


def ensure_router() -> None:
    """Rerun through app.py's st.navigation when Streamlit ran a page straight from the pages/ folder.

    Streamlit treats a folder called pages/ as old-style multipage until some run calls st.navigation, so a
    fresh server's first visit to /read (and every AppTest.switch_page) would run the page without the
    router: no page config, no article picker, file names as navigation. Once is enough: the flag is global.
    """
    try:
        from streamlit import config
        from streamlit.runtime.pages_manager import PagesManager
    except ImportError:  # a Streamlit without the old mode needs nothing here
        return
    # AppTest goes back to the old mode before every run and loses the widget triggers of a run that leaves
    # it, so under AppTest a switched-to page simply runs on its own.
    if getattr(PagesManager, "uses_pages_directory", False) and not config.get_option("global.appTest"):
        PagesManager.uses_pages_directory = False
        st.rerun()


def get_library():
    """The library for this server (one per database path), seeded; stops the page with a clear error."""
    from khabar.store import LibraryError

    ensure_router()
    try:
        return _open_library(os.environ.get("KHABAR_DB", ""))
    except LibraryError as error:
        st.error(f"The library could not be opened: {md_escape(str(error))}")
        st.stop()


def current_article() -> Article | None:
    """The article the reader has open (None where none is chosen or it was deleted)."""
    ensure_router()
    article_id = st.session_state.get(ARTICLE_KEY)
    if not article_id:
        return None
    return get_library().get_article(article_id)


def open_article(article_id: str, page: str = "pages/read.py") -> None:
    """Make ``article_id`` the open article and go to ``page``."""
    st.session_state[ARTICLE_KEY] = article_id
    st.session_state.pop("read_focus", None)
    st.switch_page(page)


def summary_field(summary, name: str, default=None):
    """A field of an ArticleSummary (object or dict), tolerant of the store's exact shape."""
    if isinstance(summary, dict):
        return summary.get(name, default)
    return getattr(summary, name, default)
