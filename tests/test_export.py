"""Exports: standalone HTML with both languages and entity colours, Markdown and JSON; everything escaped."""

from __future__ import annotations

import dataclasses
import json
import re

import pytest

from khabar.export import ExportError, export, md_escape, pick_translation
from khabar.model import Article, ArticleMeta, Entity, EntitySpan, Event, Translation
from khabar.pipeline import make_article

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"


def _article() -> Article:
    text = f"रायसी ने कहा {SCRIPT} हम तैयार हैं।\nपाकिस्तान पहुँचे {IMG} आज।"
    article = make_article(
        text,
        ArticleMeta(title=f"शीर्षक {SCRIPT}", source=f"स्रोत {IMG}", url="javascript:alert(1)",
                    published="2024-04-23", published_approximate=True, note=f"note {IMG}"),
        "a1",
    )
    raisi = EntitySpan(start=0, end=5, label="PER", text="रायसी", sentence=0, entity_id="raisi", canonical="Raisi")
    start = article.text.index("पाकिस्तान")
    pakistan = EntitySpan(start=start, end=start + 9, label="LOC", text="पाकिस्तान", sentence=1,
                          entity_id="pakistan", canonical=f"Pakistan {SCRIPT}")
    reference = Translation(engine="reference", label="Reference translation (Khabar editors)", kind="reference",
                            texts=(f"Raisi said {SCRIPT} we are ready.", f"Reached Pakistan {IMG} today."))
    gloss = Translation(engine="gloss", label="Gloss", kind="gloss", texts=("raisi said", None),
                        errors=(None, f"failed {IMG}"))
    return dataclasses.replace(
        article,
        translations=(gloss, reference),
        entities=(raisi, pakistan),
        entity_index=(Entity(id="raisi", label="PER", canonical="Raisi", forms=("रायसी",), mentions=1, first_sentence=0),
                      Entity(id="pakistan", label="LOC", canonical=f"Pakistan {SCRIPT}", forms=(IMG,), mentions=1,
                             first_sentence=1)),
        events=(Event(sentence=1, summary_hi=f"पहुँचे {SCRIPT}", summary_en=f"reached {IMG}", start_date="2024-04-23",
                      certainty="exact"),),
        notes=(f"a note {SCRIPT}",),
    )


def _no_live_markup(output: str) -> None:
    assert "<script" not in output.lower()
    assert "<img" not in output.lower()
    hrefs = re.findall(r'href="([^"]*)"', output)
    assert not any(not h.startswith(("http://", "https://")) for h in hrefs)


def test_html_is_standalone_escaped_and_side_by_side():
    article = _article()
    page = export(article, "html")
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    _no_live_markup(page)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    # Both languages, sentence by sentence, with the reference chosen by default.
    assert page.count('data-sentence="') == 2
    assert " said &lt;script&gt;" in page and "रायसी" in page and "Reference translation (Khabar editors)" in page
    # Entity colours from the shared renderer, in Hindi and (cross-lingually) in English.
    from khabar.render import ENTITY_COLOURS

    assert ENTITY_COLOURS["PER"] in page and ENTITY_COLOURS["LOC"] in page
    english_cells = re.findall(r'<td class="khabar-en" lang="en">(.*?)</td>', page)
    assert any("<mark" in cell for cell in english_cells)
    assert "javascript:alert(1)" in page  # shown as inert text, never a link
    assert "Content-Security-Policy" in page


def test_html_with_chosen_engine_shows_failures():
    page = export(_article(), "html", engine="gloss")
    _no_live_markup(page)
    assert "</mark> said</span>" in page and "failed &lt;img" in page


def test_markdown_escaped():
    article = _article()
    text = export(article, "md")
    _no_live_markup(text)
    assert text.startswith("# शीर्षक &lt;script&gt;")
    assert "| 1 | " in text and "| 2 | " in text
    assert "## Entities" in text and "## Timeline" in text
    assert md_escape("a|b") == "a\\|b"


def test_json_round_trips():
    article = _article()
    data = export(article, "json")
    assert Article.from_json(data) == article
    assert json.loads(data)["id"] == "a1"


def test_unknown_format_and_engine():
    with pytest.raises(ExportError, match="unknown export format"):
        export(_article(), "pdf")
    with pytest.raises(ExportError, match="no translation by 'google'"):
        export(_article(), "html", engine="google")


def test_pick_translation_prefers_reference_then_real_translation():
    article = _article()
    assert pick_translation(article).engine == "reference"
    only_gloss = dataclasses.replace(article, translations=article.translations[:1])
    assert pick_translation(only_gloss).engine == "gloss"
    assert pick_translation(dataclasses.replace(article, translations=())) is None


def test_html_of_bare_article():
    article = make_article("केवल पाठ। कोई अनुवाद नहीं।")
    page = export(article, "html")
    assert "No translation yet" in page and "केवल पाठ।" in page
