"""Honest states on Upload, Read and Compare: an engine that failed on every sentence is an error, a partial run
says how many failed, and Compare offers "My translation" where an article has no reference.

The engine is the real LibreTranslate adapter (deep-translator's LibreTranslator) against a local server that
answers 500, or answers some sentences only: the states come from a real failing run, not a stand-in.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from provider_server import ProviderServer, Reply, libre_json
from streamlit.testing.v1 import AppTest

import khabar.engines
import khabar.store
from khabar.model import ArticleMeta, Translation
from khabar.pipeline import make_article
from khabar.translate.base import run_outcome

pytestmark = pytest.mark.usefixtures("fresh_streamlit_caches")

PAGES = Path(__file__).resolve().parent.parent / "pages"
HINDI = "ईरान के राष्ट्रपति पाकिस्तान पहुंचे। दोनों देश व्यापार बढ़ाएंगे। प्रधान मंत्री ने मुद्दा उठाया।"


@pytest.fixture
def libre(monkeypatch):
    """A local LibreTranslate server the real engine is pointed at; its fresh registry is cleared after."""
    server = ProviderServer()
    monkeypatch.setenv("KHABAR_OFFLINE", "0")
    monkeypatch.setenv("KHABAR_ONLINE_PROBE", "0")
    monkeypatch.setenv("KHABAR_TRANSLATE_DEADLINE", "5")
    monkeypatch.setenv("KHABAR_LIBRETRANSLATE_URL", server.url)
    khabar.engines.translators.cache_clear()
    yield server
    khabar.engines.translators.cache_clear()
    server.close()


def fails_on(word: str):
    """A server behaviour: 500 for sentences containing ``word``, a translation for the rest."""
    def answer(request):
        text = request["query"]["q"][0]
        return Reply(status=500, body="internal error") if word in text else libre_json(f"EN({len(text)})")
    return answer


@pytest.fixture
def stored():
    from khabar.store import Library

    library = Library()
    article_id = library.save_article(make_article(HINDI, ArticleMeta(title="Trade talks")))
    return library, article_id


def _page(name: str, article_id: str | None = None) -> AppTest:
    """The page under the app's own navigation (so its page links resolve)."""
    at = AppTest.from_file(str(PAGES.parent / "app.py"), default_timeout=60)
    if article_id:
        at.session_state["article_id"] = article_id
    at.run()
    at.switch_page(f"pages/{name}").run()
    assert not at.exception, at.exception
    return at


def _texts(at: AppTest) -> str:
    return "\n".join(str(e.value) for kind in ("markdown", "caption", "warning", "error", "info", "success")
                     for e in getattr(at, kind))


def test_run_outcome_words():
    ok = Translation("x", "X", "translation", ("a", "b"))
    some = Translation("x", "X", "translation", ("a", None), (None, "timed out"))
    none = Translation("x", "X", "translation", (None, None), ("HTTP 500", "HTTP 500"))
    assert run_outcome(ok).state == "complete"
    assert run_outcome(some).message == "X translated 1 of 2 sentences; 1 failed: timed out"
    assert run_outcome(none).failed and run_outcome(none).message == "X could not translate any of the 2 sentences: HTTP 500"


def test_compare_a_provider_that_fails_every_sentence_is_an_error(libre, stored):
    library, article_id = stored
    libre.default = Reply(status=500, body="internal error")
    at = _page("compare.py", article_id)
    at.checkbox(key="compare_engine_libretranslate").check().run()
    at.button(key="compare_run").click().run()
    assert not at.exception
    text = _texts(at)
    assert "could not translate any of the 3 sentences" in text and "HTTP 500" in text
    assert "Translated with LibreTranslate" not in text
    assert [s.label for s in at.status] == ["No engine could translate this article"]
    assert at.status[0].state == "error"
    assert library.get_article(article_id).translation("libretranslate") is None  # nothing stored as if it ran


def test_compare_a_partial_run_says_how_many_failed(libre, stored):
    library, article_id = stored
    libre.default = fails_on("दोनों")
    at = _page("compare.py", article_id)
    at.checkbox(key="compare_engine_libretranslate").check().run()
    at.button(key="compare_run").click().run()
    assert not at.exception
    assert any("translated 2 of 3 sentences; 1 failed" in w.value for w in at.warning)
    saved = library.get_article(article_id).translation("libretranslate")
    assert saved is not None and saved.failed == 1


def test_compare_without_a_reference_offers_my_translation(stored):
    _, article_id = stored
    at = _page("compare.py", article_id)
    labels = [c.label for c in at.checkbox]
    assert not any("Reference" in label for label in labels)
    assert not any("not run yet" in label and "eference" in label for label in labels)
    assert "This article has no reference translation" in _texts(at)
    assert "My translation" in _texts(at)


def test_compare_with_a_reference_still_lists_it(stored):
    library, article_id = stored
    library.save_translation(article_id, Translation("reference", "Reference", "reference", ("a", "b", "c")))
    at = _page("compare.py", article_id)
    assert any("Reference" in c.label and "not run yet" not in c.label for c in at.checkbox)
    assert "no reference translation" not in _texts(at)


def _upload(text: str) -> AppTest:
    at = _page("upload.py")
    at.multiselect(key="upload_engines").set_value(["libretranslate"]).run()
    at.text_area(key="upload_text").input(text).run()
    at.text_input(key="upload_title").input("Trade talks").run()
    at.button(key="upload_save").click().run()
    assert not at.exception
    return at


def test_upload_with_a_provider_that_fails_every_sentence_lands_on_an_error(libre):
    libre.default = Reply(status=500, body="internal error")
    at = _upload(HINDI)
    assert at.title[0].value == "Trade talks"  # the text was saved; Read says what failed
    assert any("could not translate any of the 3 sentences" in e.value and "HTTP 500" in e.value for e in at.error)
    saved = khabar.store.Library().get_article(at.session_state["article_id"])
    assert saved.translation("libretranslate").failed == 3


def test_upload_partial_run_says_how_many_failed(libre):
    libre.default = fails_on("दोनों")
    at = _upload(HINDI)
    assert any("could not translate 1 of 3 sentences" in w.value for w in at.warning)


def test_read_shows_an_all_failed_translation_as_an_error(stored):
    library, article_id = stored
    library.save_translation(article_id, Translation("libretranslate", "LibreTranslate", "translation",
                                                     (None, None, None), ("HTTP 500",) * 3))
    at = _page("read.py", article_id)
    at.selectbox(key="read_engine").set_value("libretranslate").run()
    assert any("could not translate any of the 3 sentences" in e.value for e in at.error)
    from components.engine_picker import translation_choice_label

    assert translation_choice_label(library.get_article(article_id).translation("libretranslate")).endswith(
        "failed on every sentence")


def test_read_add_english_that_fails_everywhere_is_an_error_and_not_saved(libre, stored):
    library, article_id = stored
    libre.default = Reply(status=500, body="internal error")
    at = _page("read.py", article_id)
    at.selectbox(key="read_add_engine").set_value("libretranslate").run()
    at.button(key="read_add_go").click().run()
    assert not at.exception
    assert any("could not translate any of the 3 sentences" in e.value for e in at.error)
    assert library.get_article(article_id).translation("libretranslate") is None
