"""The app's pages in one place: their files, titles and icons, the st.navigation router, and the re-route.

Pages link to each other through the path constants here (st.switch_page and st.page_link take them), so
a page's file is named once.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st
from streamlit import config
from streamlit.runtime.pages_manager import PagesManager

LIBRARY = "pages/library.py"
READ = "pages/read.py"
UPLOAD = "pages/upload.py"
COMPARE = "pages/compare.py"
TIMELINE = "pages/timeline.py"
ENTITIES = "pages/entities.py"
STORIES = "pages/stories.py"
SETTINGS = "pages/settings.py"


@dataclass(frozen=True)
class PageSpec:
    """One screen: its file (relative to app.py), title and Material icon."""

    path: str
    title: str
    icon: str


PAGES = (
    PageSpec(LIBRARY, "Library", ":material/library_books:"),
    PageSpec(READ, "Read", ":material/menu_book:"),
    PageSpec(UPLOAD, "Upload", ":material/upload_file:"),
    PageSpec(COMPARE, "Compare", ":material/compare_arrows:"),
    PageSpec(TIMELINE, "Timeline", ":material/timeline:"),
    PageSpec(ENTITIES, "Entities", ":material/hub:"),
    PageSpec(STORIES, "Stories", ":material/auto_stories:"),
    PageSpec(SETTINGS, "Settings", ":material/settings:"),
)
DEFAULT_PAGE = LIBRARY


def build_navigation():
    """st.navigation over every page, the Library first and default."""
    return st.navigation(
        [st.Page(spec.path, title=spec.title, icon=spec.icon, default=spec.path == DEFAULT_PAGE) for spec in PAGES]
    )


def ensure_router() -> None:
    """Rerun through app.py's st.navigation when Streamlit ran a page straight from the pages/ folder.

    Every page calls this first. Streamlit treats a folder called pages/ as old-style multipage until some run
    calls st.navigation, so a fresh server's first visit to /read would run the page without the router: no
    page config, no article picker, file names as navigation. Once is enough: the flag is global. The flag is
    private to Streamlit; tests/test_navigation.py fails loudly if an upgrade moves it.
    """
    # AppTest goes back to the old mode before every run and loses the widget triggers of a run that leaves
    # it, so under AppTest a switched-to page simply runs on its own.
    if PagesManager.uses_pages_directory and not config.get_option("global.appTest"):
        PagesManager.uses_pages_directory = False
        st.rerun()
