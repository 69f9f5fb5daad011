"""Every page under AppTest: no exception and the right content, plus the upload -> library -> read flow."""

from __future__ import annotations

import dataclasses
import html
import io
import json
import re
import time

import pytest
from streamlit.testing.v1 import AppTest

from khabar.model import ArticleMeta, EntitySpan, Translation
from khabar.pipeline import make_article
from khabar.store import Library
from tests.conftest import ROOT

APP = str(ROOT / "app.py")
SEED_META = json.loads((ROOT / "seeds" / "iran-pakistan-raisi-visit.meta.json").read_text(encoding="utf-8"))
SEED_TITLE = SEED_META["title"]
HOSTILE_HI = 'रायसी ने कहा <script>alert("hi")</script> और <img src=x onerror=alert(1)> पाकिस्तान गए।'


pytestmark = pytest.mark.usefixtures("fresh_streamlit_caches")


def _app() -> AppTest:
    return AppTest.from_file(APP, default_timeout=90)


def _texts(at: AppTest) -> str:
    """Everything the page wrote, as one string to search."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "success",
                 "html", "code"):
        parts.extend(str(element.value) for element in getattr(at, kind))
    return "\n".join(parts)


def _visible(fragment: str) -> str:
    """The text a reader sees in an HTML fragment (tags and entity-type badges dropped)."""
    fragment = fragment.split("</style>")[-1]
    fragment = re.sub(r'<span class="khabar-label">[^<]*</span>', "", fragment)
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def _open(at: AppTest, article_id: str, page: str = "pages/read.py") -> AppTest:
    at.session_state["article_id"] = article_id
    return at.switch_page(page).run()


def _seed_id() -> str:
    library = Library()
    library.ensure_seeds()
    return next(s.id for s in library.list_articles() if s.title == SEED_TITLE)


def _save(article) -> str:
    return Library().save_article(article)


def _two_translation_article():
    article = make_article("रायसी पाकिस्तान गए।\nशरीफ ने स्वागत किया।", ArticleMeta(title="Two Englishes"))
    spans = (
        EntitySpan(0, 5, "PER", "रायसी", sentence=0, entity_id="raisi", canonical="Raisi"),
        EntitySpan(6, 15, "LOC", "पाकिस्तान", sentence=0, entity_id="pakistan", canonical="Pakistan"),
    )
    article = dataclasses.replace(article, entities=spans, notes=("translation: Google is not available: offline",))
    article = article.with_translation(Translation("gloss", "Word-by-word gloss", "gloss",
                                                   ("Raisi Pakistan went.", "Sharif welcome did.")))
    return article.with_translation(Translation("mt", "Some MT", "translation",
                                                ("Raisi went to Pakistan.", None), (None, "timed out")))


def test_library_opens_by_default_with_the_seed():
    at = _app().run()
    assert not at.exception
    assert at.title[0].value == "Library"
    text = _texts(at)
    assert "Raisi in Pakistan" in text
    assert "1 article" in text
    # the sidebar picker chose the seed as the open article
    assert at.session_state["article_id"] == _seed_id()


def test_library_search_by_title_and_by_hindi_text():
    at = _app().run()
    at.text_input(key="library_search").input("Raisi").run()
    assert "Raisi in Pakistan" in _texts(at)
    at.text_input(key="library_search").input("बलूचिस्तान").run()
    assert "Raisi in Pakistan" in _texts(at)
    at.text_input(key="library_search").input("no such words anywhere").run()
    assert not at.exception
    assert "No article matches" in _texts(at)


def test_library_delete_asks_for_confirmation():
    extra = _save(make_article("यह हटाया जाएगा।", ArticleMeta(title="To delete")))
    at = _app().run()
    at.button(key=f"delete_{extra}").click().run()
    assert "cannot be undone" in _texts(at)
    at.button(key="confirm_delete_no").click().run()
    assert Library().get_article(extra) is not None
    at.button(key=f"delete_{extra}").click().run()
    at.button(key="confirm_delete_yes").click().run()
    assert not at.exception
    assert Library().get_article(extra) is None
    assert "Deleted" in _texts(at)
    assert "Raisi in Pakistan" in _texts(at)


def test_library_open_goes_to_read():
    at = _app().run()
    seed = _seed_id()
    at.button(key=f"open_{seed}").click().run()
    assert not at.exception
    assert at.session_state["article_id"] == seed
    assert any(t.value.startswith("Raisi in Pakistan") for t in at.title)
    assert at.html  # the parallel view


def test_read_shows_the_seed_in_hindi_and_english():
    at = _app().run()
    started = time.perf_counter()
    _open(at, _seed_id())
    elapsed = time.perf_counter() - started
    assert not at.exception
    view = at.html[-1].value
    assert "इब्राहिम रायसी" in _visible(view)
    first_english = (ROOT / "seeds" / "iran-pakistan-raisi-visit.en.txt").read_text(encoding="utf-8").split("\n")[0]
    assert first_english.strip()[:50] in _visible(view)
    assert "human reference" in view
    assert view.count('<tr id="khabar-s') == len(Library().get_article(_seed_id()).sentences)
    assert "khabar-para-start" in view  # paragraphs kept
    assert len(at.download_button) == 3
    assert elapsed < 10


def test_read_translation_choice_gloss_is_a_reading_aid_and_failures_show():
    article_id = _save(_two_translation_article())
    at = _open(_app().run(), article_id)
    assert not at.exception
    assert at.selectbox(key="read_engine").value == "mt"  # a translation before a gloss
    view = at.html[-1].value
    assert "Raisi went to Pakistan." in _visible(view) and "timed out" in view and "machine translation" in view
    assert "could not translate 1 of 2" in _texts(at)
    at.selectbox(key="read_engine").set_value("gloss").run()
    view = at.html[-1].value
    assert "Raisi Pakistan went." in _visible(view) and "reading aid" in view
    assert "reading aid, not a translation" in _texts(at)
    # the notes say which engines were not used and why
    assert "Google is not available" in _texts(at)


def test_read_focus_sentence_and_timeline_request():
    article_id = _save(_two_translation_article())
    at = _open(_app().run(), article_id)
    at.selectbox(key="read_focus").set_value(1).run()
    assert 'id="khabar-s1" data-sentence="1" class="khabar-para-start khabar-focus" tabindex="0"' in at.html[-1].value
    at.session_state["read_sentence"] = 0
    at.run()
    assert at.selectbox(key="read_focus").value == 0
    assert 'data-sentence="0" class="khabar-first khabar-focus" tabindex="0"' in at.html[-1].value


def test_read_entity_highlights_with_legend_and_toggles():
    article_id = _save(_two_translation_article())
    at = _open(_app().run(), article_id)
    toggles = at.button_group(key="read_labels")
    assert set(toggles.value) == {"PER", "LOC"}
    view = at.html[-1].value
    assert 'data-label="PER"' in view and 'data-label="LOC"' in view
    assert any("khabar-legend" in h.value for h in at.html)
    toggles.set_value(["LOC"]).run()
    view = at.html[-1].value
    assert 'data-label="PER"' not in view and 'data-label="LOC"' in view


def test_read_without_entities_shows_no_legend():
    article_id = _save(make_article("बस एक वाक्य।", ArticleMeta(title="Plain")))
    at = _open(_app().run(), article_id)
    assert not at.exception
    assert not [b for b in at.button_group if b.key == "read_labels"]
    assert "<mark" not in at.html[-1].value
    assert "no English yet" in _texts(at)


def test_read_escapes_hostile_article():
    article = make_article(HOSTILE_HI, ArticleMeta(title='<img src=x onerror=alert("t")>', source="<script>s</script>"))
    article = article.with_translation(Translation("user", "<b>Mine</b>", "user",
                                                   ('He said <script>alert("en")</script>',)))
    article = dataclasses.replace(article, entities=(
        EntitySpan(0, 5, "PER", "रायसी", sentence=0, entity_id='"><script>x</script>',
                   canonical="<img src=y onerror=alert(3)>"),))
    at = _open(_app().run(), _save(article))
    assert not at.exception
    for element in at.html:
        assert "<script>" not in element.value and "<img" not in element.value and "<b>" not in element.value
    view = at.html[-1].value
    assert "&lt;script&gt;alert(&quot;hi&quot;)&lt;/script&gt;" in view
    assert "&lt;img src=x onerror=alert(1)&gt;" in view
    assert "&lt;script&gt;alert(&quot;en&quot;)&lt;/script&gt;" in view
    # markdown elements get the title with its markup neutralised
    assert at.title[0].value.startswith("\\<img")
    assert "<script>" not in _texts(at).replace(view, "").replace("&lt;script&gt;", "")


def test_library_escapes_hostile_titles():
    _save(make_article(HOSTILE_HI, ArticleMeta(title='<img src=x onerror=alert(1)> [link](javascript:alert(2))',
                                               source="<script>alert(3)</script>")))
    at = _app().run()
    assert not at.exception
    shown = "\n".join(str(e.value) for kind in ("markdown", "caption") for e in getattr(at, kind))
    assert not re.search(r"(?<!\\)[<>]", shown), "every angle bracket is escaped for markdown"
    assert "<script>" not in shown and "](javascript" not in shown
    assert "\\<img src\\=x onerror\\=alert\\(1\\)\\>" in shown


def test_read_with_no_article_chosen_points_to_library():
    at = _app().run()
    library = Library()
    for summary in library.list_articles():
        library.delete_article(summary.id)
    at.switch_page("pages/read.py").run()
    assert not at.exception
    assert "Choose an article" in _texts(at)


def test_upload_rejects_bad_input_and_saves_nothing():
    at = _app().run()
    before = len(Library().list_articles())
    at.switch_page("pages/upload.py").run()
    at.button(key="upload_save").click().run()
    assert at.error, "empty text must be refused"
    assert "pasted.txt" not in at.error[0].value  # no file name the reader never chose
    at.text_area(key="upload_text").input("Only English words here, nothing in Hindi.").run()
    at.button(key="upload_save").click().run()
    assert at.error and not at.exception
    at.radio(key="upload_mode").set_value("Upload a file").run()
    at.file_uploader(key="upload_file").upload("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200),
                                                 "text/plain")
    at.run()
    at.button(key="upload_save").click().run()
    assert at.error and not at.exception
    assert len(Library().list_articles()) == before


def test_upload_to_library_to_read():
    at = _app().run()
    at.switch_page("pages/upload.py").run()
    assert not at.exception
    from khabar.engines import translators

    gloss_ready = "gloss" in translators().names() and translators().get("gloss").availability().ok
    assert at.multiselect(key="upload_engines").value == (["gloss"] if gloss_ready else [])
    at.text_area(key="upload_text").input("दिल्ली में आज भारी बारिश हुई।\nमौसम विभाग ने चेतावनी दी है।").run()
    at.text_input(key="upload_title").input("Rain in Delhi").run()
    at.text_input(key="upload_url").input("https://example.org/rain").run()
    at.button(key="upload_save").click().run()
    assert not at.exception
    assert at.title[0].value == "Rain in Delhi"  # landed on Read
    assert "दिल्ली में आज भारी बारिश हुई।" in _visible(at.html[-1].value)
    saved_id = at.session_state["article_id"]
    saved = Library().get_article(saved_id)
    assert saved is not None and saved.meta.url == "https://example.org/rain" and len(saved.sentences) == 2

    at.switch_page("pages/library.py").run()
    at.text_input(key="library_search").input("बारिश").run()
    assert "Rain in Delhi" in _texts(at) and "Raisi in Pakistan" not in _texts(at)
    at.button(key=f"open_{saved_id}").click().run()
    assert at.title[0].value == "Rain in Delhi"


def test_upload_a_file_with_date():
    import datetime as dt

    at = _app().run()
    at.switch_page("pages/upload.py").run()
    at.radio(key="upload_mode").set_value("Upload a file").run()
    html_doc = "<html><head><title>Markup</title></head><body><p>संसद में आज बहस हुई।</p><script>x()</script></body></html>"
    at.file_uploader(key="upload_file").upload("news.html", html_doc.encode("utf-8"), "text/html")
    at.run()
    at.date_input(key="upload_published").set_value(dt.date(2024, 4, 22)).run()
    at.checkbox(key="upload_approximate").check().run()
    at.button(key="upload_save").click().run()
    assert not at.exception
    saved = Library().get_article(at.session_state["article_id"])
    assert saved.meta.published == "2024-04-22" and saved.meta.published_approximate
    assert "संसद में आज बहस हुई।" in saved.text and "x()" not in saved.text and "<p>" not in saved.text
    assert saved.meta.title == "Markup"  # the file's own <title>, as no title was typed
    assert saved.meta.source == "news.html"
    assert at.title[0].value == "Markup"
    assert "published about 2024-04-22 (approximate) · 1 sentence" in _texts(at).replace("\\", "")


def test_upload_typed_title_wins_and_approximate_needs_a_date():
    import docx

    document = docx.Document()
    document.add_heading("संसद की बहस", level=1)
    document.add_paragraph("संसद में आज बहस हुई।")
    buffer = io.BytesIO()
    document.save(buffer)
    at = _app().run()
    at.switch_page("pages/upload.py").run()
    at.radio(key="upload_mode").set_value("Upload a file").run()
    at.file_uploader(key="upload_file").upload("news.docx", buffer.getvalue(),
                                               "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    at.run()
    at.checkbox(key="upload_approximate").check().run()  # no date chosen: nothing to be approximate about
    at.button(key="upload_save").click().run()
    assert not at.exception
    saved = Library().get_article(at.session_state["article_id"])
    assert saved.meta.title == "संसद की बहस"  # the Word heading
    assert saved.meta.published == "" and not saved.meta.published_approximate
    at.switch_page("pages/upload.py").run()
    at.radio(key="upload_mode").set_value("Upload a file").run()
    at.file_uploader(key="upload_file").upload("news.docx", buffer.getvalue(),
                                               "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    at.run()
    at.text_input(key="upload_title").input("Typed title").run()
    at.button(key="upload_save").click().run()
    assert not at.exception
    assert Library().get_article(at.session_state["article_id"]).meta.title == "Typed title"


def test_upload_keeps_the_article_when_a_stage_fails(monkeypatch):
    import khabar.pipeline

    def broken(article, *args, **kwargs):
        raise RuntimeError("the entity model is broken")

    monkeypatch.setattr(khabar.pipeline, "recognize_entities", broken)
    at = _app().run()
    at.switch_page("pages/upload.py").run()
    at.text_area(key="upload_text").input("दिल्ली में आज भारी बारिश हुई।\nमौसम विभाग ने चेतावनी दी है।").run()
    at.text_input(key="upload_title").input("Rain, half analysed").run()
    at.button(key="upload_save").click().run()
    assert not at.exception
    saved = Library().get_article(at.session_state["article_id"])
    assert saved is not None and saved.meta.title == "Rain, half analysed" and len(saved.sentences) == 2
    assert any("entities: failed: the entity model is broken" in note for note in saved.notes)
    assert "time" in saved.stages and not saved.entities  # the stages after the failing one still ran
    assert at.title[0].value == "Rain, half analysed"  # landed on Read, which says what failed
    assert "the entity model is broken" in _texts(at)
    assert [s.id for s in Library().list_articles()].count(saved.id) == 1


def test_counts_are_pluralised():
    one = make_article("बस एक वाक्य।", ArticleMeta(title="Just one"))
    one = dataclasses.replace(one, entities=(EntitySpan(0, 2, "PER", "बस", sentence=0, entity_id="bus"),))
    one_id = _save(one)
    at = _app().run()
    text = _texts(at)
    assert "2 articles" in text
    assert "1 sentence ·" in text and "1 entity ·" in text
    assert not re.search(r"\b1 (sentences|entities|articles)\b", text)
    assert re.search(r"\b\d{2,} sentences\b", text)  # the seed
    at = _open(at, one_id)
    assert "1 sentence" in _texts(at) and "1 sentences" not in _texts(at)


def test_settings_lists_engines_and_never_shows_keys(monkeypatch):
    from khabar.engines import translators

    variables = [var["name"] for row in translators().describe() for var in row["env"]]
    if not variables:
        pytest.skip("no engine here reads a key from the environment")
    monkeypatch.setenv(variables[0], "sekrit-value-123")
    at = _app().run()
    at.switch_page("pages/settings.py").run()
    assert not at.exception
    text = _texts(at)
    assert "Engines" in text and "Online provider keys" in text
    assert "library.sqlite3" in text  # the database path from KHABAR_DB
    assert "python -m khabar models download" in text
    assert "Hindi: " in "\n".join(t.value for t in at.text)  # the stanza model status in words
    engines_table = next(h.value for h in at.html if "khabar-table" in h.value)
    assert "Word-by-word gloss" in engines_table and "khabar-yes" in engines_table
    assert "✅" not in engines_table and "❌" not in engines_table  # words, not emoji a font may lack
    # Nor dingbats or symbols a font may lack (✓ ✕ ⚠, in the markup or as CSS escapes): the tick and cross
    # are drawn by CSS (no glyph) beside the words.
    assert not [ch for ch in engines_table if 0x2600 <= ord(ch) <= 0x27BF or ord(ch) >= 0x1F000]
    assert "\\27" not in engines_table and "\\2713" not in engines_table
    assert ".khabar-yes::before{content:''" in engines_table and ".khabar-no::before{content:''" in engines_table
    assert "white-space:nowrap" in engines_table  # an engine's name is never broken across lines
    frames = [df.value.to_csv() for df in at.dataframe]
    assert all("sekrit-value-123" not in frame for frame in frames) and "sekrit-value-123" not in text
    keys = next(df.value for df in at.dataframe if "Variable" in df.value.columns)
    row = keys[keys["Variable"] == variables[0]].iloc[0]
    assert row["Set"] == "yes"


def test_every_page_in_navigation_runs():
    at = _app().run()
    for page in sorted((ROOT / "pages").glob("*.py")):
        at.switch_page(f"pages/{page.name}").run()
        assert not at.exception, f"{page.name}: {at.exception}"


def test_read_adds_english_from_another_engine():
    from khabar.engines import translators

    if not translators().get("gloss").availability().ok:
        pytest.skip("the gloss engine is not available here")
    article_id = _save(make_article("प्रधान मंत्री ने कहा।", ArticleMeta(title="Needs English")))
    at = _open(_app().run(), article_id)
    at.selectbox(key="read_add_engine").set_value("gloss").run()
    at.button(key="read_add_go").click().run()
    assert not at.exception
    stored = Library().get_article(article_id)
    assert stored.translation("gloss") is not None
    assert at.selectbox(key="read_engine").value == "gloss"
    assert "reading aid" in at.html[-1].value


def test_read_switching_articles_resets_stale_choices():
    first = _save(_two_translation_article())
    other = make_article("संयुक्त राष्ट्र ने बयान दिया।", ArticleMeta(title="Other"))
    other = dataclasses.replace(other, entities=(EntitySpan(0, 14, "ORG", "संयुक्त राष्ट्र", sentence=0,
                                                            entity_id="un"),))
    second = _save(other)
    at = _open(_app().run(), first)
    at.selectbox(key="read_focus").set_value(1).run()
    at.session_state["article_id"] = second
    at.run()
    assert not at.exception
    assert at.button_group(key="read_labels").value == ["ORG"]
    assert at.selectbox(key="read_focus").value is None
    assert 'data-label="ORG"' in at.html[-1].value


def test_plural_helper():
    from components.text import plural

    assert plural(1, "sentence") == "1 sentence" and plural(0, "sentence") == "0 sentences"
    assert plural(1, "entity") == "1 entity" and plural(2, "entity") == "2 entities"
    assert plural(3, "day") == "3 days" and plural(1204, "article") == "1,204 articles"
    assert plural(2, "person", "people") == "2 people"
