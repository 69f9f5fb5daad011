"""The Library page and the sidebar picker over a library of many articles: pages, search, and rerun time."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from benchmarks.library_scale import build, library_rerun_seconds
from khabar.store import Library
from tests.conftest import ROOT

pytestmark = pytest.mark.usefixtures("fresh_streamlit_caches")


def _app() -> AppTest:
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)


def _cards(at: AppTest) -> list[str]:
    return [button.key.removeprefix("open_") for button in at.button if (button.key or "").startswith("open_")]


def _captions(at: AppTest) -> str:
    return "\n".join(str(caption.value) for caption in at.caption)


def test_library_pages_through_many_articles():
    library = Library()
    build(library, 45)
    at = _app().run()
    assert not at.exception
    total = library.count()  # the 45 and the seed
    assert total == 46 and f"{total} articles · showing 1–20, newest first" in _captions(at)
    newest = [summary.id for summary in library.list_articles(limit=20)]
    assert _cards(at) == newest
    at.button(key="library_next").click().run()
    assert _cards(at) == [summary.id for summary in library.list_articles(limit=20, offset=20)]
    at.number_input(key="library_page").set_value(3).run()
    assert len(_cards(at)) == 6 and at.button(key="library_next").disabled
    at.button(key="library_previous").click().run()
    assert at.number_input(key="library_page").value == 2
    at.selectbox(key="library_per_page").set_value(50).run()
    assert len(_cards(at)) == 46 and at.number_input(key="library_page").value == 1
    assert not at.exception


def test_search_shows_a_page_of_ranked_matches_and_starts_at_page_one():
    library = Library()
    build(library, 60)
    at = _app().run()
    at.button(key="library_next").click().run()
    at.text_input(key="library_search").input("दिल्ली").run()
    assert not at.exception
    found = library.count("दिल्ली")
    assert 0 < found < 60
    assert at.number_input(key="library_page").value == 1
    assert _cards(at) == [summary.id for summary in library.list_articles("दिल्ली", limit=20)]
    assert f"{found} articles match “दिल्ली”" in _captions(at)


def _picker_script() -> None:
    # The picker on its own: under AppTest a rerun after the first runs the page without app.py's sidebar.
    import sys

    import streamlit as st

    sys.path.insert(0, st.session_state["_root"])
    from components.article_picker import article_picker

    st.write(f"open: {article_picker()}")


def test_sidebar_picker_offers_recent_articles_and_finds_others():
    library = Library()
    build(library, 30)
    at = AppTest.from_function(_picker_script, default_timeout=60)
    at.session_state["_root"] = str(ROOT)
    at.run()
    assert not at.exception
    picker = at.selectbox(key="sidebar_article")
    assert len(picker.options) == 20
    oldest = library.list_articles(limit=1, offset=library.count() - 1)[0]
    assert oldest.id not in [s.id for s in library.list_articles(limit=20)]
    assert picker.value != oldest.id
    at.text_input(key="sidebar_article_search").input(oldest.title).run()
    picker = at.selectbox(key="sidebar_article")
    assert oldest.title in picker.options and len(picker.options) <= 21
    picker.select(oldest.id).run()
    assert at.session_state["article_id"] == oldest.id
    # Cleared again, the open article stays on offer though it is not among the recent ones.
    at.text_input(key="sidebar_article_search").input("").run()
    picker = at.selectbox(key="sidebar_article")
    assert picker.value == oldest.id and len(picker.options) == 21
    at.text_input(key="sidebar_article_search").input("कोई ऐसा शब्द नहीं").run()
    assert "No article matches" in _captions(at) and at.selectbox(key="sidebar_article").value == oldest.id
    assert not at.exception


def test_library_page_rerun_does_not_grow_with_the_library(tmp_path):
    small, large = tmp_path / "small.sqlite3", tmp_path / "large.sqlite3"
    build(Library(small), 20)
    build(Library(large), 300, seed=1)
    # The fastest of five reruns: a busy machine only ever adds time, and the ratio is about the page's own work.
    small_seconds = library_rerun_seconds(str(small), repeat=5, statistic=min)
    large_seconds = library_rerun_seconds(str(large), repeat=5, statistic=min)
    # Drawing every card made this 10× at these sizes (76× at 50 against 5,000); a page is a page.
    assert large_seconds <= 3 * small_seconds, (small_seconds, large_seconds)


def test_upload_with_an_overlong_title_cuts_it_says_so_and_saves():
    """A title past the limit is cut with a warning before the store sees it (the store would refuse it)."""
    at = _app().run()
    before = Library().count()
    at.switch_page("pages/upload.py").run()
    at.text_area(key="upload_text").input("दिल्ली में आज बारिश हुई।").run()
    at.text_input(key="upload_title").input("शीर्षक " * 300).run()
    at.button(key="upload_save").click().run()
    assert not at.exception
    saved = Library().get_article(at.session_state["article_id"])
    assert Library().count() == before + 1
    assert saved.meta.title.endswith("…") and len(saved.meta.title) <= 200
