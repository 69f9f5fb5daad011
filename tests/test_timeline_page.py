"""The Timeline page under AppTest: it draws, re-dates on a new publication date, and jumps to Read."""

from __future__ import annotations

import datetime

import pytest
from streamlit.testing.v1 import AppTest

from khabar.model import ArticleMeta
from khabar.pipeline import analyze_time, make_article
from khabar.store import Library
from tests.conftest import ROOT

APP = str(ROOT / "app.py")
TEXT = ("इस साल जनवरी में सेना ने <b>सीमा</b> पर हमला किया था। हमले का जवाब देते हुए, पड़ोसी देश ने ड्रोन भेजे।\n"
        "विदेश मंत्री जापान की यात्रा पर हैं। दोनों देशों ने आरोप लगाया है।")


pytestmark = pytest.mark.usefixtures("fresh_streamlit_caches")


def _saved(published: str) -> str:
    article = analyze_time(make_article(TEXT, ArticleMeta(title="Test <i>timeline</i>", published=published)))
    return Library().save_article(article)


def _open(article_id: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.session_state["article_id"] = article_id
    return at.switch_page("pages/timeline.py").run()


def _texts(at: AppTest) -> str:
    parts = []
    for kind in ("title", "subheader", "markdown", "caption", "info", "success", "error"):
        parts.extend(str(element.value) for element in getattr(at, kind))
    return "\n".join(parts)


def test_timeline_draws_events_table_and_downloads():
    at = _open(_saved("2024-04-23"))
    assert not at.exception
    assert len(at.get("plotly_chart")) == 1
    frame = at.dataframe[0].value
    assert list(frame["certainty"]) == ["exact", "inferred", "inferred", "undated"]
    assert "Undated" in _texts(at)
    assert "<i>" not in _texts(at) and "<b>" not in _texts(at)
    assert len(at.get("download_button")) == 2


def test_selecting_an_event_shows_both_languages_and_opens_read():
    at = _open(_saved("2024-04-23"))
    at.selectbox(key="timeline_event").set_value(1).run()
    assert not at.exception
    assert "ड्रोन भेजे" in _texts(at)
    at.button(key="timeline_open_read").click().run()
    assert not at.exception
    # The request is left for Read, which takes it and focuses that sentence once it runs.
    state = at.session_state
    requested = state.get("read_sentence")
    focused = state.get("read_focus")
    assert requested == 1 or focused == 1


def test_changing_the_publication_date_re_dates_and_saves():
    article_id = _saved("")
    at = _open(article_id)
    assert not at.exception
    assert list(at.dataframe[0].value["certainty"]).count("inferred") == 1  # the visit: at publication, no day
    at.date_input(key="timeline_published").set_value(datetime.date(2023, 5, 10)).run()
    at.button(key="timeline_redate").click().run()
    assert not at.exception
    saved = Library().get_article(article_id)
    assert saved.meta.published == "2023-05-10"
    assert saved.events[0].start_date == "2023-01-01"
    visit = [e for e in saved.events if "यात्रा" in e.summary_hi][0]
    assert visit.start_date == "2023-05-10"


def test_events_are_named_in_english_when_the_article_has_english():
    from khabar.model import Translation

    article = analyze_time(make_article(TEXT, ArticleMeta(title="English", published="2024-04-23")))
    english = tuple(f"English of sentence {s.index + 1}, which is long enough to be shortened at a word."
                    for s in article.sentences)
    article_id = Library().save_article(article)
    Library().save_translation(article_id, Translation("gloss", "Word-by-word gloss", "gloss", english))
    at = _open(article_id)
    assert not at.exception
    options = at.selectbox(key="timeline_event").options
    assert any(o.startswith("2. English of sentence 2") and "ड्रोन भेजे" in o for o in options)
    assert "4 events" in _texts(at) and "1 undated" in _texts(at)
    assert "word\\-by\\-word gloss" in _texts(at) or "word-by-word gloss" in _texts(at)  # the undated list says so
