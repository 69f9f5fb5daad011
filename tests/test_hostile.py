"""Hostile input, safe output: every case is built here in a temporary folder, small enough for CI, and each ends in
a one-line refusal naming its limit or a correct result, in bounded time and memory, with the library intact.

The large sizes (a 400 MB bomb, 100,000-deep HTML) are measured by ``benchmarks/hostile.py``.
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import io
import json
import os
import re
import resource
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import tracemalloc
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from khabar.cli import CLI_MAX_BYTES, main
from khabar.export import export
from khabar.hygiene import csv_bytes, csv_cell, dumps, strip_controls, terminal_text
from khabar.ingest import (
    MAX_DOCX_ENTRIES,
    MAX_DOCX_INFLATED,
    MAX_DOCX_TAGS,
    MAX_HTML_DEPTH,
    MAX_TITLE_CHARS,
    IngestError,
    html_to_text,
    read_upload,
)
from khabar.model import ArticleMeta, EntitySpan, Event, Translation
from khabar.pipeline import analyze_time, make_article
from khabar.store import Library
from khabar.timeline.export import events_csv, events_ical
from tests.conftest import ROOT

APP = str(ROOT / "app.py")
HINDI = "रायसी पाकिस्तान गए। शरीफ ने स्वागत किया।"
# Markdown and Streamlit directives a hostile file or engine might send: an image from any host, a link, a
# coloured directive, KaTeX and raw HTML.
HOSTILE_MD = "![pixel](http://127.0.0.1:9/track.png) [click](http://127.0.0.1:9/x) :red[alarm] $x^2$ <b>bold</b>"
# A file name cannot hold a slash: the same attack without one.
HOSTILE_NAME = "![pixel](track.png) [click](javascript:alert(1)) :red[alarm] $x^2$ <b>bold.txt"
ESCAPES = "\x1b]0;pwned\x07\x1b[2J\x9b31m\u202e"
MB = 1024 * 1024


@pytest.fixture(autouse=True)
def library_intact(isolated_library):
    """After every case the library file (where one was made) passes SQLite's integrity check."""
    yield
    if isolated_library.exists():
        with contextlib.closing(sqlite3.connect(isolated_library)) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@contextlib.contextmanager
def bounded(seconds: float, megabytes: float):
    """Assert that the block ends within ``seconds`` and allocates at most ``megabytes`` at its peak."""
    tracemalloc.start()
    started = time.monotonic()
    try:
        yield
    finally:
        elapsed = time.monotonic() - started
        peak = tracemalloc.get_traced_memory()[1] / MB
        tracemalloc.stop()
    assert elapsed < seconds, f"took {elapsed:.2f} s"
    assert peak < megabytes, f"peaked at {peak:.0f} MB"


def refusal(call, *args, **kwargs) -> str:
    """The one-line message of the IngestError ``call`` raises."""
    with pytest.raises(IngestError) as caught:
        call(*args, **kwargs)
    message = str(caught.value)
    assert "\n" not in message
    return message


# Word documents ---------------------------------------------------------------------------------------------


def _docx(document_xml: bytes | None = None, *, extra_entries: int = 0) -> bytes:
    """A real .docx from python-docx, with its document.xml replaced and ``extra_entries`` parts added."""
    import docx

    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph(HINDI)
    document.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml" and document_xml is not None:
                data = document_xml
            archive.writestr(info.filename, data)
        for number in range(extra_entries):
            archive.writestr(f"extra/part{number}.xml", b"<a/>")
    return out.getvalue()


def _body(inner: bytes) -> bytes:
    return (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
            + inner + b"</w:body></w:document>")


def test_docx_bomb_is_refused_from_the_central_directory():
    xml = _body(b"<w:p><w:r><w:t>" + b" " * (MAX_DOCX_INFLATED + MB) + b"</w:t></w:r></w:p>")
    data = _docx(xml)
    assert len(data) < 100_000  # well under the upload limit: the size that matters is inflated
    with bounded(seconds=1.0, megabytes=20):
        message = refusal(read_upload, "bomb.docx", data)
    assert "would inflate to" in message and "the limit for a .docx is 16 MB uncompressed" in message


def test_docx_whose_declared_size_lies_is_refused_without_inflating_it_all():
    xml = _body(b"<w:p><w:r><w:t>" + b" " * (MAX_DOCX_INFLATED + MB) + b"</w:t></w:r></w:p>")
    data = bytearray(_docx(xml))
    # Rewrite document.xml's uncompressed size in the central directory to a modest 1,000 bytes.
    name = b"word/document.xml"
    entry = data.rfind(b"PK\x01\x02", 0, data.rfind(name))
    assert data[entry + 46: entry + 46 + len(name)] == name
    data[entry + 24: entry + 28] = (1000).to_bytes(4, "little")
    with bounded(seconds=1.0, megabytes=20):
        message = refusal(read_upload, "liar.docx", bytes(data))
    assert "not a valid .docx" in message


def test_docx_with_too_many_tags_or_parts_is_refused():
    many_tags = _docx(_body(b"<w:p/>" * (MAX_DOCX_TAGS + 1)))
    with bounded(seconds=2.0, megabytes=30):
        message = refusal(read_upload, "tags.docx", many_tags)
    assert f"more than {MAX_DOCX_TAGS:,} XML tags" in message
    many_parts = _docx(extra_entries=MAX_DOCX_ENTRIES)
    assert f"the limit for a .docx is {MAX_DOCX_ENTRIES:,}" in refusal(read_upload, "parts.docx", many_parts)


def test_docx_under_the_limits_reads_in_linear_time():
    # Vertically merged cells sent python-docx's cell lookup up the column for every row, and its style lookup
    # ran per paragraph: quadratic, 137 s for 1 MB of empty paragraphs.
    def document(rows: int) -> bytes:
        cell = "<w:tr><w:tc><w:tcPr><w:vMerge{}/></w:tcPr><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:tc></w:tr>"
        table = cell.format(' w:val="restart"', "पहला") + cell.format("", "क") * rows
        return _docx(_body("<w:p><w:r><w:t>शीर्षक</w:t></w:r></w:p>".encode() + b"<w:p/>" * rows
                           + f"<w:tbl>{table}</w:tbl>".encode()))

    timings = {}
    for rows in (2_000, 8_000):
        data = document(rows)
        started = time.perf_counter()
        result = read_upload("long.docx", data)
        timings[rows] = time.perf_counter() - started
        assert result.text.splitlines() == ["शीर्षक", "पहला"]
    assert timings[8_000] < 5.0
    assert timings[8_000] < 8 * max(timings[2_000], 0.05)


# HTML -------------------------------------------------------------------------------------------------------


def _nested(depth: int) -> str:
    return "<html><body>" + "<div>" * depth + "<p>गहरा पाठ</p>" + "</div>" * depth + "</body></html>"


def test_deep_html_parses_in_linear_time():
    timings = {}
    for depth in (10_000, 40_000):
        page = _nested(depth)
        runs = []
        for _ in range(3):  # the fastest of three: a busy machine's pauses are not the parser's
            started = time.perf_counter()
            text, _ = html_to_text(page, max_depth=depth + 10)
            runs.append(time.perf_counter() - started)
            assert text == "गहरा पाठ"
        timings[depth] = min(runs)
    assert timings[40_000] < 1.0
    # Four times the depth costs about four times as much (it was sixteen times, quadratic).
    assert timings[40_000] < 8 * max(timings[10_000], 0.02)


def test_html_past_the_depth_limit_is_refused_at_once():
    page = _nested(100_000).encode()
    assert len(page) > MB
    with bounded(seconds=2.0, megabytes=200):
        message = refusal(read_upload, "deep.html", page)
    assert message == (f"The page nests HTML elements more than {MAX_HTML_DEPTH} levels deep; the limit is "
                       f"{MAX_HTML_DEPTH} levels.")


def test_html_with_millions_of_tags_is_refused_before_parsing():
    with bounded(seconds=1.0, megabytes=60):
        message = refusal(read_upload, "tags.html", ("<a" * 900_000).encode())
    assert "tags and character references; the limit is 800,000" in message


def test_html_keeps_blocks_pre_and_the_article_region():
    page = ("<html><head><title>पृष्ठ</title><script>var x = 1;</script></head><body><nav>मेनू</nav>"
            "<article><h1>शीर्षक <i>यह</i></h1><p>पहला<p>दूसरा<br>तीसरा<pre>  दो   स्थान</pre></article>"
            "<footer>कॉपीराइट</footer></body></html>")
    text, title = html_to_text(page)
    assert text.splitlines() == ["शीर्षक यह", "पहला", "दूसरा", "तीसरा", "दो स्थान"]
    assert title == "शीर्षक यह"


def test_giant_title_is_cut_at_a_word_with_a_warning():
    words = " ".join(["शब्द"] * 133_000)  # 665k characters
    page = f'<html><head><meta property="og:title" content="{words}"></head><body><p>{HINDI}</p></body></html>'
    with bounded(seconds=3.0, megabytes=100):
        result = read_upload("big-title.html", page.encode())
    assert len(result.title_hint) <= MAX_TITLE_CHARS and result.title_hint.endswith("शब्द…")
    assert any(f"{len(words):,} characters long" in w and f"limit of {MAX_TITLE_CHARS}" in w for w in result.warnings)


def test_bidi_overrides_in_a_title_are_flagged_and_removed():
    page = f"<h1>\u202eरायसी\u202c की यात्रा\x1b[31m</h1><p>{HINDI}</p>"
    result = read_upload("bidi.html", page.encode())
    assert result.title_hint == "रायसी की यात्रा"
    assert any("2 bidirectional override characters" in w for w in result.warnings)


# The command line -------------------------------------------------------------------------------------------


def _cli(*args: str, **kwargs) -> subprocess.CompletedProcess:
    env = dict(os.environ, KHABAR_OFFLINE="1", PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "khabar", *args], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=60, **kwargs)


def test_cli_refuses_dev_zero_after_the_limit():
    started = time.monotonic()
    done = _cli("analyze", "/dev/zero")
    elapsed = time.monotonic() - started
    assert done.returncode == 1 and not done.stdout
    assert done.stderr.strip().splitlines() == [
        f"khabar: error: /dev/zero: more than 5 MB of input; the limit is 5 MB ({2_000_000:,} characters). "
        "Split the article into parts."]
    assert elapsed < 20
    assert resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss < 1024 * 1024  # KB: under 1 GB


def test_cli_refuses_an_endless_pipe(tmp_path, capsys):
    fifo = tmp_path / "endless.txt"
    os.mkfifo(fifo)

    def write_forever() -> None:
        with contextlib.suppress(BrokenPipeError, OSError), open(fifo, "wb") as stream:
            chunk = "क".encode() * 100_000
            while True:
                stream.write(chunk)

    writer = threading.Thread(target=write_forever, daemon=True)
    writer.start()
    with bounded(seconds=10.0, megabytes=3 * CLI_MAX_BYTES / MB + 20):
        code = main(["timeline", str(fifo)])
    writer.join(timeout=5)
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1 and "more than 5 MB of input; the limit is 5 MB" in err


def test_terminal_escapes_never_reach_the_terminal(tmp_path, capsys):
    source = tmp_path / "escapes.txt"
    source.write_text(f"रायसी{ESCAPES} पाकिस्तान गए।\nशरीफ ने \x85स्वागत किया।\n", encoding="utf-8")
    Library().save_article(make_article(HINDI, ArticleMeta(title=f"Title{ESCAPES}end")))
    outputs = []
    for argv in (["translate", "--engine", "gloss", str(source)], ["library", "list", "--no-seeds"],
                 ["entities", str(source)], ["timeline", str(source)], ["analyze", str(source), "--title", ESCAPES],
                 ["library", "list", "--json", "--no-seeds"]):
        assert main(argv) == 0, argv
        captured = capsys.readouterr()
        outputs.append(captured.out + captured.err)
    for output in outputs:
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", output), output
    assert "Titleend" in outputs[1]
    # JSON keeps the characters, written as escapes: the same data, nothing a terminal acts on.
    listed = json.loads(outputs[5])
    assert listed[0]["title"] in ("Titleend", f"Title{ESCAPES}end")


def test_hygiene_helpers():
    assert strip_controls("a\x1b[31mb\x1b]8;;http://x\x1b\\c\x9b2Jd\x07e\tf\n") == "abcde\tf\n"
    assert terminal_text("x\u202ey\r\nz") == "xy\nz"
    assert dumps({"t": "a\x9b\u202eb"}) == '{"t": "a\\u009b\\u202eb"}'
    assert json.loads(dumps({"t": "a\x9b\u202eb\u2028"})) == {"t": "a\x9b\u202eb\u2028"}


def test_csv_cells_are_never_formulas():
    for cell in ("=HYPERLINK(\"http://x\")", "+1+2", "-2+3", "@SUM(A1)", "\t=1", "\r=1"):
        assert csv_cell(cell).startswith("'"), cell
    assert csv_cell("रायसी") == "रायसी" and csv_cell(-2.5) == -2.5 and csv_cell(None) is None
    frame = pd.DataFrame({"=cmd|' /C calc'!A0": ["=1+1", "plain"], "score": [-1.5, 2.0]})
    rows = list(csv.reader(io.StringIO(csv_bytes(frame).decode("utf-8-sig"))))
    assert rows == [["'=cmd|' /C calc'!A0", "score"], ["'=1+1", "-1.5"], ["plain", "2.0"]]
    article = make_article(HINDI, ArticleMeta(title="=evil"))
    article = dataclasses.replace(article, events=(
        Event(0, "=WEBSERVICE(\"http://x\")", "@cmd", "2024-01-02", certainty="exact", entities=("+Raisi",),
              basis="-trick"),))
    row = list(csv.reader(io.StringIO(events_csv(article))))[1]
    assert row[4:8] == ["'=WEBSERVICE(\"http://x\")", "'@cmd", "'+Raisi", "'-trick"]
    assert "\x1b" not in events_ical(dataclasses.replace(article, meta=ArticleMeta(title=f"T{ESCAPES}")))


def test_exports_hold_no_controls():
    article = make_article(HINDI, ArticleMeta(title=f"T{ESCAPES}"))
    article = article.with_translation(Translation("user", "Mine", "user", (f"Raisi{ESCAPES} went.", "Welcomed.")))
    for fmt in ("html", "md", "json"):
        output = export(article, fmt)
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", output), fmt


def _article_json(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "article.json"
    path.write_text(make_article(HINDI, ArticleMeta(title="Export")).to_json().replace(HINDI.split("।")[0], text),
                    encoding="utf-8")
    return path


def _no_temporary_left(folder: Path) -> None:
    assert not [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_failed_export_leaves_the_existing_file_untouched(tmp_path):
    source = _article_json(tmp_path, "रायसी पाकिस्तान गए")
    out = tmp_path / "out.html"
    out.write_text("the previous export", encoding="utf-8")

    def small_files() -> None:  # writes past 2,000 bytes fail (EFBIG) instead of killing the process
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (2000, 2000))

    done = subprocess.run([sys.executable, "-m", "khabar", "export", str(source), "--format", "html", "-o", str(out)],
                          capture_output=True, text=True, cwd=ROOT, timeout=60, preexec_fn=small_files,
                          env=dict(os.environ, PYTHONPATH=str(ROOT), PYTHONDONTWRITEBYTECODE="1"))
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and f"{out}: cannot be written" in done.stderr
    assert out.read_text(encoding="utf-8") == "the previous export"
    _no_temporary_left(tmp_path)
    # Without the limit the same command replaces the file whole.
    assert _cli("export", str(source), "--format", "html", "-o", str(out)).returncode == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_export_of_unencodable_text_writes_no_file(tmp_path, capsys):
    source = _article_json(tmp_path, "रायसी \\ud800 गए")  # a lone surrogate, as JSON allows
    out = tmp_path / "new.md"
    assert main(["export", str(source), "--format", "md", "-o", str(out)]) == 1
    assert "not valid Unicode" in capsys.readouterr().err
    assert not out.exists()
    _no_temporary_left(tmp_path)


# Pages ------------------------------------------------------------------------------------------------------

pytest_pages = pytest.mark.usefixtures("fresh_streamlit_caches")
# The pieces of HOSTILE_MD that Markdown would act on; escaped, none of them survives as written.
_ACTIVE = ("![pixel](", "[click](", ":red[", "$x^2$", "<b>bold")


def _markdown_texts(at: AppTest) -> list[str]:
    values = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "success"):
        values.extend(str(element.value) for element in getattr(at, kind))
    return values


def _assert_shown_as_text(at: AppTest) -> None:
    for value in _markdown_texts(at):
        assert not any(piece in value for piece in _ACTIVE), value
    for element in at.html:
        assert "<img" not in element.value and "<a " not in element.value and "<b>" not in element.value


def hostile_article():
    """An article whose title, text, translations, entity names and events all carry HOSTILE_MD."""
    article = analyze_time(make_article(f"रायसी {HOSTILE_MD} कल पाकिस्तान गए।\nशरीफ ने स्वागत किया।",
                                        ArticleMeta(title=f"Title {HOSTILE_MD}", published="2024-04-22")))
    assert any(event.start_date for event in article.events)
    article = dataclasses.replace(article, entities=(
        EntitySpan(0, 5, "PER", "रायसी", sentence=0, entity_id="raisi", canonical=f"Raisi {HOSTILE_MD}"),))
    article = article.with_translation(Translation("user", f"Mine {HOSTILE_MD}", "user",
                                                   (f"Raisi {HOSTILE_MD} went yesterday.", "Sharif welcomed.")))
    article = article.with_translation(Translation("other", "Other engine", "translation",
                                                   ("Raisi went to Pakistan yesterday.", f"Sharif {HOSTILE_MD}.")))
    events = tuple(dataclasses.replace(event, entities=(f"Raisi {HOSTILE_MD}",), summary_en=f"Raisi {HOSTILE_MD}",
                                       basis=f"yesterday {HOSTILE_MD}") for event in article.events)
    return dataclasses.replace(article, events=events)


def _open(page: str) -> AppTest:
    article_id = Library().save_article(hostile_article())
    at = AppTest.from_file(APP, default_timeout=90)
    at.session_state["article_id"] = article_id
    return at.switch_page(page).run()


@pytest_pages
def test_compare_shows_hostile_translations_as_text():
    at = _open("pages/compare.py")
    assert not at.exception
    for key in [c.key for c in at.checkbox if c.key and c.key.startswith("compare_engine_") and not c.disabled]:
        at.checkbox(key=key).check()
    at.run()
    assert not at.exception
    _assert_shown_as_text(at)
    shown = "\n".join(_markdown_texts(at) + [h.value for h in at.html])
    assert "Title \\!\\[pixel\\]\\(http\u2060\\:" in shown  # the caption's title, escaped, not a link
    assert "![pixel](http://127.0.0.1:9/track.png)" in "\n".join(h.value for h in at.html)  # as text in HTML


@pytest_pages
def test_upload_error_shows_a_hostile_file_name_as_text():
    at = AppTest.from_file(APP, default_timeout=90).run()
    at.switch_page("pages/upload.py").run()
    at.radio(key="upload_mode").set_value("Upload a file").run()
    at.file_uploader(key="upload_file").upload(HOSTILE_NAME, b"  \n ", "text/plain")
    at.run()
    at.button(key="upload_save").click().run()
    assert not at.exception and at.error
    _assert_shown_as_text(at)
    assert at.error[0].value.startswith("The file \\'\\!\\[pixel\\]\\(track\\.png\\) \\[click\\]\\(javascript\\:")


@pytest_pages
def test_timeline_legend_and_lists_show_hostile_entities_as_text():
    at = _open("pages/timeline.py")
    assert not at.exception
    at.radio(key="timeline_colour").set_value("main entity").run()
    assert not at.exception
    _assert_shown_as_text(at)
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    names = [trace.get("name", "") for trace in spec["data"]]
    legend = next(name for name in names if name.startswith("main entity:"))
    assert "&lt;b&gt;bold&lt;/b&gt;" in legend and "<b>" not in legend


@pytest_pages
def test_upload_page_refuses_a_docx_bomb_in_one_line():
    bomb = _docx(_body(b"<w:p><w:r><w:t>" + b" " * (MAX_DOCX_INFLATED + MB) + b"</w:t></w:r></w:p>"))
    at = AppTest.from_file(APP, default_timeout=90).run()
    before = len(Library().list_articles())
    at.switch_page("pages/upload.py").run()
    at.radio(key="upload_mode").set_value("Upload a file").run()
    at.file_uploader(key="upload_file").upload("bomb.docx", bomb,
                                                 "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    at.run()
    started = time.monotonic()
    at.button(key="upload_save").click().run()
    assert time.monotonic() - started < 20
    assert not at.exception and len(at.error) == 1
    assert "the limit for a \\.docx is 16 MB uncompressed" in at.error[0].value
    assert len(Library().list_articles()) == before
