"""AppTest of pages/compare.py with stored translations and offline stand-in engines (no network)."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path

import pandas as pd
import pytest
from bs4 import BeautifulSoup
from streamlit.testing.v1 import AppTest

import khabar.engines
from khabar.model import ArticleMeta, EntitySpan, Translation
from khabar.pipeline import make_article
from khabar.registry import Availability, EngineInfo, Registry
from khabar.translate.base import SegmentResult

pytestmark = pytest.mark.usefixtures("fresh_streamlit_caches")

PAGE = str(Path(__file__).resolve().parent.parent / "pages" / "compare.py")

HINDI = (
    "ईरान के राष्ट्रपति इब्राहिम रायसी पाकिस्तान पहुंचे। "
    "दोनों देश व्यापार को 10 अरब डॉलर तक बढ़ाएंगे। "
    "प्रधान मंत्री शहबाज शरीफ ने कश्मीर का मुद्दा उठाया।"
)
REFERENCE = (
    "Iranian President Ebrahim Raisi arrived in Pakistan.",
    "The two countries will raise trade to 10 billion dollars.",
    "Prime Minister Shehbaz Sharif raised the Kashmir issue.",
)
CLOSE = (
    "Iran's President Ibrahim Raisi reached Pakistan.",
    "Both countries will increase trade to $10 billion.",
    "Prime Minister Shahbaz Sharif raised the issue of Kashmir.",
)
# The weak engine drops the name and the number, and one sentence carries markup that must stay text.
WEAK = (
    "The president came <script>alert('x')</script>.",
    "Two countries trade will grow 10 million.",
    None,
)


class _Echo:
    """An offline stand-in engine: upper-cases nothing, just labels each sentence with its length."""

    translation_kind = "translation"

    def __init__(self, name: str, fail: bool = False, available: bool = True) -> None:
        self.info = EngineInfo(name=name, label=f"Test {name}", kind="translator")
        self._fail, self._available = fail, available

    def availability(self) -> Availability:
        return Availability.yes() if self._available else Availability.no("needs a key that is not set")

    def translate(self, texts: Sequence[str], progress=None) -> list[SegmentResult]:
        if self._fail:
            raise ConnectionError("provider unreachable")
        out = [SegmentResult(f"sentence of {len(t)} characters") for t in texts]
        if progress is not None:
            progress(len(texts), len(texts))
        return out


@pytest.fixture
def registry(monkeypatch):
    """A translator registry of offline stand-ins, so the page never depends on real providers."""
    reg = Registry("translator")
    reg.register("echo", lambda: _Echo("echo"))
    reg.register("broken", lambda: _Echo("broken", fail=True))
    reg.register("keyed", lambda: _Echo("keyed", available=False))
    monkeypatch.setattr(khabar.engines, "translators", lambda: reg)
    return reg


@pytest.fixture
def stored():
    """An article with entities and three stored translations (reference, close, weak) in the test library."""
    from khabar.store import Library

    article = make_article(HINDI, ArticleMeta(title="Raisi in Pakistan <b>test</b>"))
    text = article.text

    def span(word: str, label: str, canonical: str = "", value: str = "") -> EntitySpan:
        start = text.index(word)
        sentence = next(s.index for s in article.sentences if s.start <= start < s.end)
        return EntitySpan(start, start + len(word), label, word, sentence, entity_id=canonical.lower(),
                          canonical=canonical, value=value)

    article = dataclasses.replace(article, entities=(
        span("इब्राहिम रायसी", "PER", "Ebrahim Raisi"), span("पाकिस्तान", "LOC", "Pakistan"),
        span("10 अरब डॉलर", "MONEY", value="USD 10000000000"), span("शहबाज शरीफ", "PER", "Shehbaz Sharif")))
    library = Library()
    article_id = library.save_article(article)
    library.save_translation(article_id, Translation("reference", "Reference", "reference", REFERENCE))
    library.save_translation(article_id, Translation("close", "Close engine", "translation", CLOSE))
    library.save_translation(article_id, Translation("weak", "Weak engine", "translation", WEAK,
                                                     (None, None, "timed out")))
    yield library, article_id


def _run(article_id: str) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.session_state["article_id"] = article_id
    at.run()
    assert not at.exception, at.exception
    return at


def _frame(at: AppTest, column: str):
    """The first table on the page that has ``column`` (plain tables carry no key to find them by)."""
    for table in at.dataframe:
        frame = table.value
        if column in frame.columns:
            return frame
    raise KeyError(column)


def _grid(at: AppTest) -> pd.DataFrame:
    """The Sentences grid, read back from its HTML table into a frame of the text a reader sees."""
    body = next(h.proto.body for h in at.html if "<table" in h.proto.body)
    table = BeautifulSoup(body, "html.parser").table
    columns = [th.get_text() for th in table.thead.find_all("th")]
    rows = [[td.get_text() for td in tr.find_all("td")] for tr in table.tbody.find_all("tr")]
    return pd.DataFrame(rows, columns=columns)


def _grid_html(at: AppTest) -> str:
    return next(h.proto.body for h in at.html if "<table" in h.proto.body)


def _all_text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [w.value for w in at.warning]
    return "\n".join(str(p) for p in parts)


def test_no_article_says_what_to_do(registry):
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.run()
    assert not at.exception
    assert "Choose an article" in at.info[0].value


def test_reference_scores_diff_and_fidelity(registry, stored):
    _, article_id = stored
    at = _run(article_id)
    # stored translations ticked, registry engines listed, the unavailable one disabled with its reason
    assert at.checkbox(key="compare_engine_reference").value
    assert at.checkbox(key="compare_engine_close").value
    assert at.checkbox(key="compare_engine_keyed").disabled
    assert not at.checkbox(key="compare_engine_echo").disabled
    assert "needs a key that is not set" in _all_text(at)
    assert at.selectbox(key="compare_reference").value == "reference"

    grid = _grid(at)
    assert list(grid.columns[:2]) == ["#", "Hindi"]
    assert "Close engine" in grid.columns and "Weak engine" in grid.columns
    assert grid["Weak engine"].iloc[2].startswith("⚠ not translated: timed out")
    # Whole sentences, wrapped rather than cut, and markup kept as text.
    assert list(grid["Close engine"]) == list(CLOSE)
    assert grid["Weak engine"].iloc[0] == WEAK[0]
    raw = _grid_html(at)
    assert "<script" not in raw and "&lt;script&gt;" in raw and "overflow-wrap:anywhere" in raw
    assert "3 sentences" in _all_text(at)

    scores = _frame(at, "Sentences scored").set_index("Engine")
    assert scores.loc["Close engine", "chrF"] > scores.loc["Weak engine", "chrF"]
    assert scores.loc["Weak engine", "Sentences scored"] == "2/3"
    boot = _frame(at, "Verdict")
    assert len(boot) == 1 and {"p-value", "95% interval", "Verdict"} <= set(boot.columns)

    fidelity = _frame(at, "Expected in English").set_index("Expected in English")
    assert fidelity.loc["10 billion (USD)", "Close engine"] == "yes"
    assert fidelity.loc["Ebrahim Raisi", "Close engine"] == "yes (variant)"  # Ibrahim Raisi
    assert fidelity.loc["10 billion (USD)", "Weak engine"] == "MISSING"
    assert fidelity.loc["Ebrahim Raisi", "Weak engine"] == "MISSING"
    assert fidelity.loc["Shehbaz Sharif", "Weak engine"] == "no translation"

    # the diff of the weak engine against the reference shows its markup as text, never as HTML
    at.selectbox(key="compare_diff_a").set_value("weak").run()
    assert not at.exception
    diff = next(h.proto.body for h in at.html if "<del" in h.proto.body or "<ins" in h.proto.body)
    assert "<script" not in diff and "&lt;" in diff and "alert(&#x27;x&#x27;)" in diff
    assert "has no English here" in diff
    assert "<b>test</b>" not in _all_text(at)

    # per-sentence metric switch
    at.radio(key="compare_metric").set_value("TER").run()
    assert not at.exception
    per_sentence = next(t.value for t in at.dataframe if list(t.value.columns) == ["#", "Close engine",
                                                                                  "Weak engine"])
    assert list(per_sentence.columns) == ["#", "Close engine", "Weak engine"]
    assert per_sentence["Close engine"].iloc[0] < per_sentence["Weak engine"].iloc[0]  # TER: fewer edits
    assert "A TER" in _frame(at, "Verdict").columns


def test_without_reference_shows_agreement(registry, stored):
    _, article_id = stored
    at = _run(article_id)
    at.checkbox(key="compare_engine_reference").uncheck().run()
    assert not at.exception
    assert at.selectbox(key="compare_reference").value == "__none__"
    charts = at.get("plotly_chart")
    assert len(charts) == 2
    grid = _grid(at)
    assert "Agreement" in grid.columns
    assert all(value.strip() for value in grid["Agreement"])
    assert "Least agreement" in _all_text(at)


def test_running_engines_saves_them_and_one_failure_warns_alone(registry, stored):
    library, article_id = stored
    at = _run(article_id)
    at.checkbox(key="compare_engine_echo").check()
    at.checkbox(key="compare_engine_broken").check().run()
    at.button(key="compare_run").click().run()
    assert not at.exception
    warnings = [w.value for w in at.warning]
    assert any("Test broken" in w and "provider unreachable" in w for w in warnings)
    assert not any("Test echo" in w for w in warnings)
    saved = library.get_article(article_id)
    assert saved.translation("echo").texts[0].startswith("sentence of")
    assert saved.translation("broken") is None
    assert "Test echo" in _grid(at).columns


def test_my_translation_is_saved_as_user_engine(registry, stored):
    library, article_id = stored
    at = _run(article_id)
    at.selectbox(key="compare_my_sentence").set_value(1)
    at.selectbox(key="compare_my_start").set_value("close").run()
    area = at.text_area(key="compare_my_text_1_close")
    assert area.value == CLOSE[1]
    area.input("The two countries will lift trade to <i>10 billion</i> dollars.").run()
    at.button(key="compare_my_save").click().run()
    assert not at.exception
    mine = library.get_article(article_id).translation("user")
    assert mine.kind == "user" and mine.label == "My translation"
    assert mine.texts[1] == "The two countries will lift trade to <i>10 billion</i> dollars."
    assert mine.texts[0] == CLOSE[0]  # the rest starts from the chosen engine
    assert at.checkbox(key="compare_engine_user").value
    assert "user" in at.selectbox(key="compare_reference").options or "My translation" in str(
        at.selectbox(key="compare_reference").options)


def test_csv_download_holds_grid_and_scores(registry, stored):
    _, article_id = stored
    at = _run(article_id)
    buttons = [b for b in at.get("download_button")]
    assert len(buttons) == 2


def test_translation_with_too_few_sentences_is_padded(registry, stored):
    library, article_id = stored
    library.save_translation(article_id, Translation("short", "Short engine", "translation", ("Only one.",)))
    at = _run(article_id)
    grid = _grid(at)
    assert grid["Short engine"].iloc[0] == "Only one."
    assert grid["Short engine"].iloc[2].startswith("⚠ not translated: no English stored")
    assert "1/3" in _frame(at, "Sentences scored").set_index("Engine").loc["Short engine", "Sentences scored"]


def test_real_offline_gloss_runs_from_the_page(stored):
    """With the real registry: the offline gloss runs and is saved; online providers are shown disabled."""
    pytest.importorskip("khabar.translate.gloss")
    library, article_id = stored
    at = _run(article_id)
    gloss = at.checkbox(key="compare_engine_gloss")
    assert not gloss.disabled
    gloss.check().run()
    at.button(key="compare_run").click().run()
    assert not at.exception
    saved = library.get_article(article_id).translation("gloss")
    assert saved is not None and saved.kind == "gloss"
    assert all(text for text in saved.texts)
    online = [c for c in at.checkbox if c.key in ("compare_engine_google", "compare_engine_mymemory")]
    assert online and all(c.disabled for c in online)  # KHABAR_OFFLINE=1 in tests


def test_failed_sentences_can_be_retried(registry, stored):
    library, article_id = stored
    library.save_translation(article_id, Translation("echo", "Test echo", "translation", ("cached one", None, None),
                                                     (None, "timed out", "timed out")))
    at = _run(article_id)
    button = at.button(key="compare_run")
    assert button.label == "Retry the failed sentences of Test echo"
    button.click().run()
    assert not at.exception
    retried = library.get_article(article_id).translation("echo")
    assert retried.failed == 0
    assert retried.texts[1].startswith("sentence of")


def test_compare_page_through_the_app_router(stored):
    """The router lists the page, and reached through it the page draws the sidebar's article."""
    app = str(Path(__file__).resolve().parent.parent / "app.py")
    at = AppTest.from_file(app, default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    at.switch_page("pages/compare.py").run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Compare translations"
    assert _grid(at)["Hindi"].str.len().gt(0).all()
