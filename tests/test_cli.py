"""The command line: every command on good input, and one clear stderr line for each kind of bad input."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from khabar.cli import main
from khabar.text import nfc

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "iran-pakistan-raisi-visit.hi.txt"

# CRLF line ends, a BOM and a decomposed न + nukta (NFC composes it): offsets must still index the file as given.
# The BOM is an encoding mark, not text: the file is decoded as utf-8-sig, so offset 0 is the first letter.
AWKWARD = "\ufeffईरान के राष्ट्रपति इब्राहिम रायसी पाकिस्तान पहुँचे।\r\nवे 23 अप्रैल 2024 को ल\u0928\u093cदन नहीं गए। शहबाज़ शरीफ़ ने स्वागत किया।\r\n"


def run(argv, capsys):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def awkward_file(tmp_path):
    path = tmp_path / "awkward.txt"
    path.write_bytes(AWKWARD.encode("utf-8"))
    return path


def _assert_one_error_line(code, err):
    assert code != 0
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith("khabar: error:")
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (None, "no such file"),
        (b"", "empty"),
        (b"\x00\x01\x02binary\x00\xff" * 50, "binary"),
        (b"Only English here, no Hindi at all.", "No Devanagari"),
        ("Caf\xe9 na\xefve r\xe9sum\xe9".encode("cp1252") * 5, "No Devanagari|could not be decoded"),
    ],
)
@pytest.mark.parametrize("command", ["analyze", "translate", "entities", "timeline", "export"])
def test_bad_input_gives_one_clear_line(tmp_path, capsys, content, words, command):
    path = tmp_path / "input.txt"
    if content is not None:
        path.write_bytes(content)
    argv = [command, path]
    if command == "translate":
        argv += ["--engine", "gloss"]
    if command == "export":
        argv += ["--format", "html"]
    code, out, err = run(argv, capsys)
    _assert_one_error_line(code, err)
    assert out == ""
    assert re.search(words, err), err


@pytest.mark.parametrize("date", ["2024-13-01", "23-04-2024", "yesterday", "2024-02-30"])
def test_bad_published_date(awkward_file, capsys, date):
    code, out, err = run(["analyze", awkward_file, "--published", date], capsys)
    _assert_one_error_line(code, err)
    assert "--published" in err and out == ""


def test_usage_errors_are_one_line(capsys):
    for argv in (["frobnicate"], ["export", "x.txt"], [], ["analyze"]):
        code, _, err = run(argv, capsys)
        _assert_one_error_line(code, err)
        assert code == 2


def test_unknown_engine_is_named(awkward_file, capsys):
    code, _, err = run(["analyze", awkward_file, "--engine", "nonesuch"], capsys)
    _assert_one_error_line(code, err)
    assert "nonesuch" in err and "gloss" in err


def test_analyze_offsets_index_the_file_as_given(awkward_file, capsys):
    code, out, err = run(["analyze", awkward_file, "--published", "2024-04-23"], capsys)
    assert code == 0, err
    data = json.loads(out)
    given = awkward_file.read_bytes().decode("utf-8-sig")
    assert not given.startswith("\ufeff")
    assert data["text"] == given
    assert data["meta"]["published"] == "2024-04-23"
    sentences = data["sentences"]
    assert [s["index"] for s in sentences] == [0, 1, 2]
    for sentence in sentences:
        assert set(sentence) >= {"index", "start", "end", "text"}
        assert given[sentence["start"]:sentence["end"]] == sentence["text"]
    assert sentences[0]["text"].startswith("ईरान") and sentences[0]["start"] == 0  # the BOM is not text
    assert nfc(sentences[1]["text"]) == "वे 23 अप्रैल 2024 को ल\u0929दन नहीं गए।"
    assert sentences[2]["start"] > given.index("\r\n")
    for key in ("entities", "timexes"):
        for span in data[key]:
            assert given[span["start"]:span["end"]] == span["text"]
    gloss = [t for t in data["translations"] if t["engine"] == "gloss"]
    assert gloss and len(gloss[0]["texts"]) == 3
    assert "source_map" not in data


def test_analyze_repeatable_engines(awkward_file, capsys):
    code, out, err = run(["analyze", awkward_file, "--engine", "gloss", "--engine", "gloss"], capsys)
    assert code == 0, err
    assert [t["engine"] for t in json.loads(out)["translations"]] == ["gloss"]


def test_translate_one_line_per_input_line(tmp_path, capsys):
    path = tmp_path / "lines.txt"
    path.write_text("ईरान और पाकिस्तान।\n\nदो देश।\nईरान और पाकिस्तान।\n", encoding="utf-8")
    code, out, err = run(["translate", path, "--engine", "gloss"], capsys)
    assert code == 0, err
    lines = out.split("\n")[:-1]
    assert len(lines) == 4
    assert lines[1] == "" and lines[0] == lines[3] and lines[0] and lines[2]
    assert all(not any("\u0900" <= ch <= "\u097f" for ch in line.split()[0]) for line in (lines[0], lines[2]))


def test_translate_with_unavailable_online_engine_fails_fast(tmp_path, capsys, monkeypatch):
    from khabar.engines import translators

    online = [name for name in translators().names() if translators().get(name).info.online]
    if not online:
        pytest.skip("no online translator registered")
    monkeypatch.setenv("KHABAR_OFFLINE", "1")
    path = tmp_path / "a.txt"
    path.write_text("ईरान और पाकिस्तान।\n", encoding="utf-8")
    started = time.monotonic()
    code, out, err = run(["translate", path, "--engine", online[0]], capsys)
    assert time.monotonic() - started < 10
    _assert_one_error_line(code, err)


def test_engines_lists_every_kind(capsys):
    code, out, err = run(["engines", "--json"], capsys)
    assert code == 0, err
    rows = json.loads(out)
    assert {"translator", "ner", "timex"} <= {row["kind"] for row in rows}
    assert any(row["name"] == "gloss" and row["available"] for row in rows)
    code, out, _ = run(["engines"], capsys)
    assert code == 0 and "gloss" in out and "available" in out


def test_entities_json_lines(tmp_path, capsys):
    path = tmp_path / "lines.txt"
    lines = ["राष्ट्रपति इब्राहिम रायसी पाकिस्तान पहुँचे।", "", "रायसी ने शहबाज़ शरीफ़ से बात की।"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, err = run(["entities", path], capsys)
    assert code == 0, err
    rows = [json.loads(line) for line in out.splitlines()]
    assert [row["line"] for row in rows] == [1, 2, 3]  # a reader's line numbers, as entities_for_lines documents
    assert rows[1]["entities"] == []
    for row, line in zip(rows, lines, strict=True):
        for entity in row["entities"]:
            assert line[entity["start"]:entity["end"]] == entity["text"]


def test_entities_offsets_after_a_bom(tmp_path, capsys):
    line = "ईरान के राष्ट्रपति इब्राहिम रायसी पाकिस्तान पहुँचे।"
    plain, marked = tmp_path / "plain.txt", tmp_path / "bom.txt"
    plain.write_bytes((line + "\n").encode("utf-8"))
    marked.write_bytes(b"\xef\xbb\xbf" + (line + "\n").encode("utf-8"))
    code, with_bom, err = run(["entities", marked], capsys)
    assert code == 0, err
    code, without, err = run(["entities", plain], capsys)
    assert code == 0, err
    assert with_bom == without  # the BOM shifts nothing: it is not part of the line
    entities = json.loads(with_bom)["entities"]
    first = min(entities, key=lambda e: e["start"])
    assert first["start"] == 0 and first["text"] == "ईरान"
    for entity in entities:
        assert line[entity["start"]:entity["end"]] == entity["text"]


def test_help_documents_the_bom_and_the_limits(capsys):
    for command in ("analyze", "entities", "timeline"):
        code, out, _ = run([command, "--help"], capsys)
        assert code == 0
        assert "byte-order mark" in " ".join(out.split())
    code, out, _ = run(["analyze", "--help"], capsys)
    assert "5 MB" in out and "2,000,000 characters" in " ".join(out.split())


def test_entities_unknown_backend(tmp_path, capsys):
    path = tmp_path / "lines.txt"
    path.write_text("रायसी पाकिस्तान पहुँचे।\n", encoding="utf-8")
    code, _, err = run(["entities", path, "--backend", "nonesuch"], capsys)
    _assert_one_error_line(code, err)
    assert "nonesuch" in err


def test_timeline_offsets(awkward_file, capsys):
    code, out, err = run(["timeline", awkward_file, "--published", "2024-04-23"], capsys)
    assert code == 0, err
    data = json.loads(out)
    given = awkward_file.read_bytes().decode("utf-8-sig")
    assert data["published"] == "2024-04-23"
    assert data["sentences"][0]["start"] == 0  # as in analyze: the BOM is not text
    for timex in data["timexes"]:
        assert given[timex["start"]:timex["end"]] == timex["text"]
    assert any(t["value"] == "2024-04-23" for t in data["timexes"])


def test_export_formats_and_output_file(awkward_file, tmp_path, capsys):
    out_file = tmp_path / "out.html"
    code, out, err = run(["export", awkward_file, "--format", "html", "-o", out_file], capsys)
    assert code == 0, err
    page = out_file.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "ईरान" in page
    code, out, err = run(["export", awkward_file, "--format", "md"], capsys)
    assert code == 0 and out.startswith("# ")
    code, out, err = run(["export", awkward_file, "--format", "json"], capsys)
    assert code == 0
    saved = tmp_path / "article.json"
    saved.write_text(out, encoding="utf-8")
    code, again, err = run(["export", saved, "--format", "json"], capsys)
    assert code == 0 and json.loads(again) == json.loads(out)


def test_export_escapes_markup_from_the_file(tmp_path, capsys):
    path = tmp_path / "evil.txt"
    path.write_text("रायसी ने कहा <script>alert(1)</script>। पाकिस्तान <img src=x onerror=alert(1)> पहुँचे।\n",
                    encoding="utf-8")
    code, out, err = run(["export", path, "--format", "html", "--title", "<b>x</b>"], capsys)
    assert code == 0, err
    assert "<script>" not in out and "<img" not in out and "<b>x</b>" not in out
    assert "&lt;script&gt;" in out


def test_library_list_shows_seed(capsys):
    code, out, err = run(["library", "list"], capsys)
    assert code == 0, err
    assert "iran-pakistan-raisi-visit" in out
    code, out, _ = run(["library", "list", "--json", "--query", "रायसी"], capsys)
    assert json.loads(out)[0]["id"] == "iran-pakistan-raisi-visit"
    code, _, err = run(["library", "show", "missing"], capsys)
    _assert_one_error_line(code, err)


def test_library_corrupt_database_is_one_line(isolated_library, capsys):
    isolated_library.write_bytes(b"garbage" * 500)
    code, _, err = run(["library", "list"], capsys)
    _assert_one_error_line(code, err)
    assert "damaged" in err


def test_models_download_fails_fast_offline(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path / "stanza"))
    monkeypatch.setenv("KHABAR_OFFLINE", "1")
    started = time.monotonic()
    code, _, err = run(["models", "download", "--lang", "hi"], capsys)
    assert time.monotonic() - started < 30
    assert code != 0 and "Traceback" not in err and "error" in err


def test_python_m_khabar_without_traceback(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-m", "khabar", "analyze", str(path)], capture_output=True, text=True,
                            cwd=tmp_path, env=env, timeout=120)
    assert result.returncode != 0
    assert result.stdout == ""
    assert result.stderr.strip().count("\n") == 0 and "empty" in result.stderr and "Traceback" not in result.stderr


def test_python_m_khabar_analyze_seed(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-m", "khabar", "analyze", str(SEED), "--published", "2024-04-23"],
                            capture_output=True, text=True, cwd=tmp_path, env=env, timeout=300)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    given = SEED.read_text(encoding="utf-8")
    assert len(data["sentences"]) == 18
    for sentence in data["sentences"]:
        assert given[sentence["start"]:sentence["end"]] == sentence["text"]


def _fake_registry(behaviour):
    from khabar.registry import Availability, EngineInfo, Registry
    from khabar.translate.base import SegmentResult

    class Fake:
        info = EngineInfo(name="fake", label="Fake online", kind="translator", online=True)

        def availability(self):
            return Availability.yes()

        def translate(self, texts, progress=None):
            if behaviour == "raise":
                raise ConnectionError("connection refused\nsecond line of detail")
            return [SegmentResult(None, "timed out after 5 s") if behaviour == "fail" or "दो" in t
                    else SegmentResult(f"EN {len(t)}") for t in texts]

    registry = Registry("translator")
    registry.register("fake", Fake)
    return registry


@pytest.mark.parametrize("behaviour", ["fail", "raise"])
def test_translate_engine_failing_at_run_time_is_one_line(tmp_path, capsys, monkeypatch, behaviour):
    import khabar.engines

    monkeypatch.setattr(khabar.engines, "translators", lambda: _fake_registry(behaviour))
    path = tmp_path / "a.txt"
    path.write_text("ईरान और पाकिस्तान।\nदो देश।\n", encoding="utf-8")
    code, out, err = run(["translate", path, "--engine", "fake"], capsys)
    _assert_one_error_line(code, err)
    assert out == "" and ("timed out" in err or "connection refused" in err)


def test_translate_partial_failure_keeps_line_alignment(tmp_path, capsys, monkeypatch):
    import khabar.engines

    monkeypatch.setattr(khabar.engines, "translators", lambda: _fake_registry("partial"))
    path = tmp_path / "a.txt"
    path.write_text("ईरान और पाकिस्तान।\nदो देश।\nतीन।\n", encoding="utf-8")
    code, out, err = run(["translate", path, "--engine", "fake"], capsys)
    assert code == 1
    assert out.split("\n")[:-1] == ["EN 18", "", "EN 4"]
    assert len(err.strip().splitlines()) == 1 and "1 of 3" in err


def test_analyze_reads_html_and_docx(tmp_path, capsys):
    import docx

    page = tmp_path / "page.html"
    page.write_text("<html><head><script>x()</script></head><body><h1>रायसी पाकिस्तान में</h1>"
                    "<p>ईरान के राष्ट्रपति पाकिस्तान पहुँचे।</p></body></html>", encoding="utf-8")
    code, out, err = run(["analyze", page], capsys)
    assert code == 0, err
    data = json.loads(out)
    assert data["text"] == "रायसी पाकिस्तान में\nईरान के राष्ट्रपति पाकिस्तान पहुँचे।"
    assert [s["text"] for s in data["sentences"]] == data["text"].split("\n")
    assert data["meta"]["title"] == "रायसी पाकिस्तान में"  # the page's <h1>
    code, out, err = run(["analyze", page, "--title", "My title"], capsys)
    assert code == 0, err
    assert json.loads(out)["meta"]["title"] == "My title"  # --title wins over the file's own
    document = docx.Document()
    document.core_properties.title = "Raisi visit"
    document.add_paragraph("ईरान के राष्ट्रपति पाकिस्तान पहुँचे।")
    document.save(tmp_path / "a.docx")
    code, out, err = run(["analyze", tmp_path / "a.docx"], capsys)
    assert code == 0, err
    data = json.loads(out)
    assert data["sentences"][0]["text"] == "ईरान के राष्ट्रपति पाकिस्तान पहुँचे।"
    assert data["meta"]["title"] == "Raisi visit"


def test_export_uses_the_title_found_in_the_file(tmp_path, capsys):
    page = tmp_path / "page.html"
    page.write_text("<html><head><title>Raisi &amp; Pakistan</title></head><body>"
                    "<p>ईरान के राष्ट्रपति पाकिस्तान पहुँचे।</p></body></html>", encoding="utf-8")
    code, out, err = run(["export", page, "--format", "html"], capsys)
    assert code == 0, err
    assert "<title>Raisi &amp; Pakistan</title>" in out and "<h1>Raisi &amp; Pakistan</h1>" in out
    code, out, err = run(["export", page, "--format", "json"], capsys)
    assert code == 0, err
    assert json.loads(out)["meta"]["title"] == "Raisi & Pakistan"
    plain = tmp_path / "plain.txt"
    plain.write_text("ईरान के राष्ट्रपति पाकिस्तान पहुँचे।\n", encoding="utf-8")
    code, out, err = run(["export", plain, "--format", "json"], capsys)
    assert code == 0, err
    # a plain text file names no title: the default is its first line, with the English of its headline
    meta = json.loads(out)["meta"]
    assert meta["title"] == "ईरान के राष्ट्रपति पाकिस्तान पहुँचे।" and "Iran" in meta["title_en"]


def test_a_file_over_the_size_limit_is_refused_at_once(tmp_path, capsys):
    from khabar.cli import CLI_MAX_BYTES

    path = tmp_path / "huge.txt"
    line = "ईरान के राष्ट्रपति पाकिस्तान पहुँचे।\n".encode()
    path.write_bytes(line * (CLI_MAX_BYTES // len(line) + 1))
    started = time.monotonic()
    for command in ("analyze", "entities", "timeline"):
        code, out, err = run([command, path], capsys)
        _assert_one_error_line(code, err)
        assert out == "" and "the limit is 5 MB" in err and "2,000,000 characters" in err
    assert time.monotonic() - started < 10


def test_too_many_characters_is_refused_with_the_limit(tmp_path, capsys):
    path = tmp_path / "long.txt"
    path.write_text("ईरान. " + "a" * 2_000_001, encoding="utf-8")  # under 5 MB, over 2,000,000 characters
    code, out, err = run(["analyze", path], capsys)
    _assert_one_error_line(code, err)
    assert out == "" and "the limit is 2,000,000" in err


def test_too_much_stdin_is_refused(capsys, monkeypatch):
    import io

    from khabar.cli import CLI_MAX_BYTES

    class Stdin:
        buffer = io.BytesIO("क".encode() * (CLI_MAX_BYTES // 3 + 10))

    monkeypatch.setattr(sys, "stdin", Stdin())
    code, out, err = run(["analyze", "-"], capsys)
    _assert_one_error_line(code, err)
    assert out == "" and "5 MB" in err


def test_the_hundredfold_seed_is_within_the_limits(tmp_path):
    from khabar.cli import read_input

    text = SEED.read_text(encoding="utf-8")
    path = tmp_path / "seed100.txt"
    path.write_text((text if text.endswith("\n") else text + "\n") * 100, encoding="utf-8")
    assert read_input(str(path)).text == path.read_text(encoding="utf-8")


def test_long_runs_report_progress_on_stderr_only(tmp_path, capsys):
    from khabar.cli import PROGRESS_SENTENCES

    short = tmp_path / "short.txt"
    short.write_text("ईरान के राष्ट्रपति पाकिस्तान पहुँचे।\n", encoding="utf-8")
    code, out, err = run(["analyze", short], capsys)  # stderr is not a terminal under capsys
    assert code == 0 and json.loads(out) and "khabar: split" not in err
    long = tmp_path / "long.txt"
    long.write_text("".join(f"रायसी {n} बार पाकिस्तान गए।\n" for n in range(PROGRESS_SENTENCES + 5)), encoding="utf-8")
    code, out, err = run(["analyze", long], capsys)
    assert code == 0, err
    assert len(json.loads(out)["sentences"]) == PROGRESS_SENTENCES + 5  # stdout stays one JSON document
    progress = [line for line in err.splitlines() if line.startswith("khabar: ") and "warning" not in line]
    assert progress[0].startswith(f"khabar: split: {PROGRESS_SENTENCES + 5} sentences")
    assert any(line.startswith("khabar: entities:") for line in progress)


def test_progress_on_a_terminal_rewrites_one_line(capsys, monkeypatch):
    import io

    from khabar.cli import _Progress, _wants_progress

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    stream = Terminal()
    progress = _Progress(stream)
    progress("translate", 0.0, "0/3 sentences")
    progress("translate", 0.5, "1/3 sentences")  # too soon after the last: skipped
    progress("translate", 1.0, "3/3 sentences")
    progress("entities", 1.0, "4 entities")
    progress.done()
    written = stream.getvalue()
    assert written.count("\r") == 3 and written.endswith("\n") and written.count("\n") == 1
    assert "1/3" not in written and "4 entities" in written
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    assert _wants_progress(1)


def test_help_exits_zero(capsys):
    code, out, _ = run(["--help"], capsys)
    assert code == 0 and "analyze" in out
