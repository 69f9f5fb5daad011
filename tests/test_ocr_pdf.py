"""PDFs and scans: Unicode text layers, legacy-font layers, OCR through Tesseract's Hindi model, and the OCR
confidence on the article and in the Read page's rendering.
"""

from __future__ import annotations

import io
import json

import pytest

from khabar import ocr, pdf
from khabar.cli import main
from khabar.documents import read_document
from khabar.ingest import IngestError
from khabar.model import Article, ArticleMeta, OcrWord
from khabar.ocr import OcrUnavailable, character_error_rate, ocr_status
from khabar.pdf import layer_kind, read_pdf
from khabar.pipeline import make_article
from khabar.registry import Availability
from khabar.render import parallel_html
from khabar.store import Library
from tests.conftest import ROOT

FONT = ROOT / "khabar" / "static" / "fonts" / "NotoSansDevanagari-Regular.ttf"
NEWS = ("जयपुर में बुधवार को हुई भारी बारिश से कई इलाकों में पानी भर गया और यातायात घंटों तक रुका रहा। "
        "नगर निगम के अधिकारियों ने बताया कि निचले इलाकों से तीन सौ परिवारों को सुरक्षित स्थानों पर पहुँचाया गया है। "
        "मौसम विभाग ने अगले दो दिनों तक राज्य के पूर्वी जिलों में तेज़ बारिश की चेतावनी दी है।")
KRUTI_DEV = "Hkkjr ds iz/kkuea=h ujsanz eksnh us lkseokj dks dgk fd ljdkj fdlkuksa ds fy, ubZ ;kstuk yk,xhA"

needs_ocr = pytest.mark.skipif(not ocr_status().ok, reason=f"OCR unavailable: {ocr_status().reason}")


def render_paragraph(text: str, *, size: int = 34, width: int = 1500):
    """``text`` drawn black on white with the shipped font (raqm shaping where Pillow has it), wrapped."""
    from PIL import Image, ImageDraw, ImageFont, features

    layout = ImageFont.Layout.RAQM if features.check("raqm") else ImageFont.Layout.BASIC
    font = ImageFont.truetype(str(FONT), size, layout_engine=layout)
    measure = ImageDraw.Draw(Image.new("L", (1, 1)))
    lines, current = [], ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if current and measure.textlength(candidate, font=font) > width - 100:
            lines.append(current)
            current = word
        else:
            current = candidate
    lines.append(current)
    step = int(size * 1.8)
    image = Image.new("L", (width, 100 + step * len(lines)), 255)
    draw = ImageDraw.Draw(image)
    for number, line in enumerate(lines):
        draw.text((50, 50 + number * step), line, font=font, fill=0)
    return image


def _png(image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def test_the_shipped_font_has_its_licence():
    assert FONT.is_file() and FONT.stat().st_size > 100_000
    licence = (FONT.parent / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence and "Google" in licence


def test_character_error_rate():
    assert character_error_rate("कमल", "कमल") == 0
    assert character_error_rate("कमल", "कमला") == pytest.approx(1 / 3)
    assert character_error_rate("a  b", "a b") == 0
    assert character_error_rate("", "") == 0


@pytest.mark.parametrize(("text", "kind"), [
    (NEWS, "unicode"),
    (KRUTI_DEV, "legacy"),
    ("The minister said on Monday that the government will bring a new plan for the farmers of the state.", "latin"),
    ("", "empty"),
    # Vowel signs extracted before their consonants: the glyphs of a font drawn in visual order.
    ("ि कसान ि दल्ली में ि मले और ि फर ि कताब ि लखी गई ि कसानों के ि लए", "broken"),
])
def test_layer_kind(text, kind):
    assert layer_kind(text) == kind


def test_a_unicode_text_layer_is_used_as_it_is():
    fpdf = pytest.importorskip("fpdf")
    document = fpdf.FPDF()
    document.add_page()
    document.add_font("noto", fname=str(FONT))
    document.set_font("noto", size=14)
    document.multi_cell(0, 10, NEWS)
    result = read_pdf("news.pdf", bytes(document.output()))
    assert result.ocr is None and not result.warnings
    assert result.text == NEWS  # wrapped lines are joined back into the paragraph


def _legacy_pdf() -> bytes:
    fpdf = pytest.importorskip("fpdf")
    document = fpdf.FPDF()
    document.add_page()
    document.set_font("helvetica", size=14)
    document.multi_cell(0, 10, KRUTI_DEV)
    return bytes(document.output())


def test_a_legacy_font_layer_without_ocr_says_what_is_needed(monkeypatch):
    monkeypatch.setattr(pdf, "ocr_status", lambda: Availability(False, "Tesseract is not installed. " + ocr.INSTALL_HINT))
    with pytest.raises(IngestError, match="needs OCR: Tesseract is not installed.*apt-get install tesseract-ocr"):
        read_pdf("old.pdf", _legacy_pdf())


@needs_ocr
def test_a_legacy_font_layer_goes_to_ocr():
    result = read_pdf("old.pdf", _legacy_pdf())
    assert result.ocr is not None
    assert "legacy Hindi font encoding" in result.warnings[0] and "read by OCR" in result.warnings[0]


def test_an_image_without_tesseract_says_how_to_install_it(monkeypatch):
    monkeypatch.setattr(ocr, "ocr_status", lambda: Availability(False, "Tesseract is not installed. " + ocr.INSTALL_HINT))
    with pytest.raises(OcrUnavailable, match="apt-get install tesseract-ocr tesseract-ocr-hin"):
        read_document("scan.png", _png(render_paragraph("नमस्ते")))


def test_a_file_that_is_not_an_image_is_refused_clearly():
    if not ocr_status().ok:
        pytest.skip(f"OCR unavailable: {ocr_status().reason}")
    with pytest.raises(IngestError, match="not an image"):
        read_document("scan.png", b"this is not a png at all")


@needs_ocr
def test_a_rendered_news_paragraph_comes_back_through_analyze(tmp_path, capsys):
    image = tmp_path / "scan.png"
    image.write_bytes(_png(render_paragraph(NEWS)))
    assert main(["analyze", str(image)]) == 0
    data = json.loads(capsys.readouterr().out)
    cer = character_error_rate(NEWS, data["text"])
    assert cer <= 0.02, (cer, data["text"])
    assert 0.5 < data["meta"]["ocr_confidence"] <= 1
    assert len(data["sentences"]) == 3


@needs_ocr
def test_a_scanned_pdf_page_is_read_by_ocr():
    buffer = io.BytesIO()
    render_paragraph(NEWS).convert("RGB").save(buffer, format="PDF", resolution=200)
    document = read_document("scan.pdf", buffer.getvalue())
    assert document.ocr is not None and document.encoding == "pdf+ocr"
    assert character_error_rate(NEWS, document.text) <= 0.02


def test_ocr_metadata_round_trips_through_the_library():
    meta = ArticleMeta(title="स्कैन", ocr_confidence=0.81, ocr_words=(OcrWord(0, 3, 0.42),))
    article = make_article("नमस्ते दुनिया।", meta)
    assert Article.from_dict(json.loads(article.to_json())).meta == meta
    library = Library()
    stored = library.get_article(library.save_article(article))
    assert stored.meta.ocr_confidence == 0.81 and stored.meta.ocr_words == (OcrWord(0, 3, 0.42),)


def test_low_confidence_words_are_marked_and_escaped():
    text = "रायसी <b>ने</b> कहा।"
    article = make_article(text, ArticleMeta(ocr_confidence=0.7, ocr_words=(OcrWord(6, 15, 0.31),)))
    body = parallel_html(article)
    assert '<span class="khabar-ocr-low" title="Read by OCR with 31% confidence' in body
    assert "&lt;b&gt;ने&lt;/b&gt;</span>" in body
    assert "<b>" not in body.split("</style>")[-1]


@needs_ocr
@pytest.mark.usefixtures("fresh_streamlit_caches")
def test_upload_a_scan_and_read_shows_the_ocr_confidence():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    at.switch_page("pages/upload.py").run()
    at.radio(key="upload_mode").set_value("Upload a file").run()
    at.file_uploader(key="upload_file").upload("scan.png", _png(render_paragraph(NEWS)), "image/png")
    at.run()
    at.button(key="upload_save").click().run()
    assert not at.exception
    saved = Library().get_article(at.session_state["article_id"])
    assert saved.meta.source == "scan.png" and saved.meta.ocr_confidence is not None
    assert character_error_rate(NEWS, saved.text) <= 0.02
    captions = "\n".join(c.value for c in at.caption)
    assert "Read by OCR from a scan: mean word confidence" in captions
