"""Reading uploads: each format, encodings, and a clear error for each kind of bad input."""

from __future__ import annotations

import codecs
import io

import pytest

from khabar.ingest import MAX_BYTES, MAX_CHARS, IngestError, check_text, markdown_to_text, read_upload

HINDI = "ईरान के राष्ट्रपति इब्राहिम रायसी पाकिस्तान की यात्रा पर हैं।\nदोनों देशों ने आठ समझौते किए।"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (HINDI.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + HINDI.encode("utf-8"), "utf-8"),
        (HINDI.encode("utf-16"), "utf-16"),
        (HINDI.encode("utf-16-le"), "utf-16-le"),
        (HINDI.encode("utf-16-be"), "utf-16-be"),
        (HINDI.encode("utf-32"), "utf-32"),
    ],
)
def test_text_in_unicode_encodings(data, encoding):
    result = read_upload("article.txt", data)
    assert result.text == HINDI
    assert result.encoding.startswith(encoding.split("-")[0])
    assert result.title_hint == ""


def test_text_in_a_legacy_encoding_without_hindi_is_refused():
    data = "Café society: naïve résumé of the week’s news, nothing in Hindi.".encode("cp1252")
    with pytest.raises(IngestError, match="No Devanagari"):
        read_upload("latin.txt", data)


def test_empty_and_blank():
    for data in (b"", b"   \n\t "):
        with pytest.raises(IngestError, match="empty"):
            read_upload("a.txt", data)
    with pytest.raises(IngestError, match="empty"):
        check_text("  \n ")


def test_too_large_says_the_limit():
    with pytest.raises(IngestError, match=r"limit is 2 MB"):
        read_upload("big.txt", ("क" * (MAX_BYTES // 3 + 10)).encode("utf-8"))
    with pytest.raises(IngestError, match=r"limit is 200,000"):
        check_text("क" * (MAX_CHARS + 1))


def test_format_size_in_words():
    from khabar.ingest import format_size

    assert format_size(5 * 1024 * 1024) == "5 MB" and format_size(int(28.3 * 1024 * 1024)) == "28.3 MB"
    assert format_size(12 * 1024) == "12 KB" and format_size(10) == "1 KB"


def test_a_utf8_bom_is_not_part_of_the_text():
    body = "ईरान के राष्ट्रपति पहुँचे।"
    for name in ("a.txt", "a.md"):
        assert read_upload(name, b"\xef\xbb\xbf" + body.encode("utf-8")).text == body


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3 binary", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image"),
        (bytes(range(256)) * 20, "binary"),
        (b"PK\x03\x04\x14\x00\x00\x00", "zip"),
    ],
)
def test_binary_is_refused(data, words):
    with pytest.raises(IngestError, match=words):
        read_upload("file.txt", data)


def test_undecodable_or_no_hindi():
    # Bytes that are not UTF-8; whatever single-byte encoding fits, there is no Devanagari in them.
    with pytest.raises(IngestError, match="No Devanagari|could not be decoded"):
        read_upload("x.txt", b"\xc3\x28 abc \xa0\xa1 def " * 20)


def test_control_characters_are_dropped_with_a_warning():
    result = check_text("नमस्ते\x07 दुनिया\x1b।")
    assert result.text == "नमस्ते दुनिया।"
    assert any("control" in w for w in result.warnings)


def test_mostly_latin_text_warns():
    result = check_text("This is mostly English with one Hindi word: नमस्ते.")
    assert any("Devanagari" in w for w in result.warnings)


def test_unsupported_suffix():
    with pytest.raises(IngestError, match=r"\.odt are not supported"):
        read_upload("a.odt", HINDI.encode())


def test_html_drops_scripts_styles_and_markup():
    page = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>साइट - शीर्षक</title>
    <style>body { color: red; }</style><script>alert("नहीं")</script></head>
    <body><nav>मेनू होम</nav><article><h1>रायसी पाकिस्तान में</h1>
    <p>ईरान के राष्ट्रपति
       इब्राहिम रायसी पाकिस्तान पहुँचे।<br>दूसरी पंक्ति।</p>
    <script>document.write("<p>छिपा</p>")</script><noscript>नो स्क्रिप्ट</noscript>
    <p>आठ <b>समझौते</b> हुए &amp; बस।</p><!-- टिप्पणी --></article><footer>कॉपीराइट</footer></body></html>"""
    result = read_upload("page.html", page.encode("utf-8"))
    assert result.title_hint == "रायसी पाकिस्तान में"
    assert result.text == "रायसी पाकिस्तान में\nईरान के राष्ट्रपति इब्राहिम रायसी पाकिस्तान पहुँचे।\nदूसरी पंक्ति।\nआठ समझौते हुए & बस।"
    for hidden in ("alert", "छिपा", "color", "मेनू", "कॉपीराइट", "टिप्पणी", "नो स्क्रिप्ट"):
        assert hidden not in result.text


def test_html_title_falls_back_to_title_tag_and_honours_declared_charset():
    page = '<html><head><meta charset="utf-16"><title>केवल शीर्षक</title></head><body><p>पाठ।</p></body></html>'
    result = read_upload("page.htm", page.encode("utf-16"))
    assert result.title_hint == "केवल शीर्षक" and result.text == "पाठ।"


def test_markdown_drops_markup():
    markdown = """---
title: सामने का शीर्षक
---
# रायसी की यात्रा

ईरान के **राष्ट्रपति** [रायसी](https://example.org/x_(y)) पाकिस्तान
पहुँचे। ![चित्र](img.png)

- पहला बिंदु
1. दूसरा *बिंदु*

> उद्धरण का `कोड`

---
| क | ख |
|---|---|
| एक | दो |
"""
    text, title = markdown_to_text(markdown)
    assert title == "सामने का शीर्षक"
    assert text.split("\n") == [
        "रायसी की यात्रा",
        "ईरान के राष्ट्रपति रायसी पाकिस्तान पहुँचे।",
        "पहला बिंदु",
        "दूसरा बिंदु",
        "उद्धरण का कोड",
        "क ख",
        "एक दो",
    ]
    result = read_upload("a.md", markdown.encode("utf-8"))
    assert result.text == text and result.title_hint == "सामने का शीर्षक"


def test_markdown_title_from_first_heading():
    assert markdown_to_text("## उपशीर्षक\n\nपाठ।")[1] == "उपशीर्षक"


def _docx_bytes() -> bytes:
    import docx

    document = docx.Document()
    document.core_properties.title = "गुण शीर्षक"
    document.add_heading("रायसी की यात्रा", level=1)
    document.add_paragraph("ईरान के राष्ट्रपति पाकिस्तान पहुँचे।")
    document.add_paragraph("")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "तालिका एक"
    table.cell(0, 1).text = "तालिका दो"
    document.add_paragraph("अंतिम अनुच्छेद।")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_paragraphs_and_tables_in_order():
    result = read_upload("article.docx", _docx_bytes())
    assert result.text.split("\n") == [
        "रायसी की यात्रा", "ईरान के राष्ट्रपति पाकिस्तान पहुँचे।", "तालिका एक", "तालिका दो", "अंतिम अनुच्छेद।"
    ]
    assert result.title_hint == "रायसी की यात्रा"
    assert result.encoding == "docx"


def test_broken_docx():
    with pytest.raises(IngestError, match="not a valid .docx"):
        read_upload("a.docx", b"PK\x03\x04 this is not really a zip")
    with pytest.raises(IngestError, match="PDF"):
        read_upload("a.docx", b"%PDF-1.4 ...")
    with pytest.raises(IngestError, match="not a valid .docx"):
        read_upload("a.docx", HINDI.encode())


def test_html_fragment_without_head_keeps_title_out_of_text():
    result = read_upload("frag.html", "<title>शीर्षक</title><p>पाठ एक</p><p>दो</p>".encode())
    assert result.text == "पाठ एक\nदो" and result.title_hint == "शीर्षक"
