"""Hostile inputs at full size: time and peak memory of each, from the command line and through the Upload page's
code path (``khabar.ingest.read_upload``), each case in its own process so its peak memory is its own.

    .venv/bin/python benchmarks/hostile.py            # every case
    .venv/bin/python benchmarks/hostile.py --only docx-400mb html-100k-deep

Every case should end in a one-line refusal naming its limit, or a correct result, within 20 s and under 1 GB.
The inputs are built in a temporary folder and removed afterwards; nothing large is kept.
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

HINDI = "रायसी पाकिस्तान गए। शरीफ ने स्वागत किया।"
LIMIT_SECONDS, LIMIT_MB = 20, 1024
W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _docx(path: Path, xml_bytes: int, unit: bytes) -> None:
    """A real .docx whose document.xml is ``xml_bytes`` of ``unit`` repeated, written as a stream (low memory)."""
    import docx

    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph(HINDI)
    document.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            if info.filename != "word/document.xml":
                archive.writestr(info.filename, source.read(info.filename))
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(b'<?xml version="1.0" encoding="UTF-8"?><w:document ' + W + b"><w:body>")
            block = unit * max(1, (1024 * 1024) // len(unit))
            for _ in range(xml_bytes // len(block)):
                part.write(block)
            part.write(b"</w:body></w:document>")


def build_cases(folder: Path) -> dict[str, Path]:
    """Every hostile input, by name, as a file in ``folder``."""
    cases: dict[str, Path] = {}
    empty_paragraph = b"<w:p><w:r><w:t></w:t></w:r></w:p>"
    for name, size, unit in (("docx-400mb", 400, b"<w:p/>"), ("docx-60mb", 60, empty_paragraph),
                             ("docx-15mb-text", 15, "<w:p><w:r><w:t>क ख</w:t></w:r></w:p>".encode())):
        cases[name] = folder / f"{name}.docx"
        _docx(cases[name], size * 1024 * 1024, unit)
    deep = folder / "html-100k-deep.html"
    deep.write_text("<html><body>" + "<div>" * 100_000 + f"<p>{HINDI}</p>" + "</div>" * 100_000 + "</body></html>",
                    encoding="utf-8")
    cases["html-100k-deep"] = deep
    tags = folder / "html-unclosed-tags.html"
    tags.write_text("<a" * 1_000_000, encoding="utf-8")
    cases["html-unclosed-tags"] = tags
    title = folder / "html-665k-title.html"
    words = " ".join(["शब्द"] * 133_000)
    title.write_text(f'<html><head><meta property="og:title" content="{words}"></head><body><p>{HINDI}</p></body>'
                     "</html>", encoding="utf-8")
    cases["html-665k-title"] = title
    cases["dev-zero"] = Path("/dev/zero")
    cases["fifo-endless"] = folder / "endless.txt"
    os.mkfifo(cases["fifo-endless"])
    return cases


def _feed_forever(fifo: Path, stop: threading.Event) -> None:
    try:
        with open(fifo, "wb") as stream:
            chunk = "क".encode() * 100_000
            while not stop.is_set():
                stream.write(chunk)
    except OSError:
        pass


_UPLOAD = """
import sys
from pathlib import Path
from khabar.ingest import IngestError, read_upload
path = Path(sys.argv[1])
with open(path, "rb") as stream:
    data = stream.read(64 * 1024 * 1024)  # what a browser could send is bounded by the server's upload size
try:
    result = read_upload(path.name, data)
    print(f"read {len(result.text):,} characters; title {len(result.title_hint):,} characters")
except IngestError as error:
    print(error)
"""


def run_case(argv: list[str], fifo: Path | None = None) -> tuple[float, float, int, str]:
    """Run ``argv`` in its own process: (seconds, peak MB, exit status, last line of its output)."""
    stop = threading.Event()
    feeder = None
    if fifo is not None:
        feeder = threading.Thread(target=_feed_forever, args=(fifo, stop), daemon=True)
        feeder.start()
    env = dict(os.environ, KHABAR_OFFLINE="1", PYTHONPATH=str(ROOT))
    started = time.monotonic()
    with tempfile.TemporaryFile("w+") as output:
        process = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT, text=True)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.monotonic() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        output.seek(0)
        lines = [line for line in output.read().splitlines() if line.strip()]
    stop.set()
    if feeder is not None:
        feeder.join(timeout=5)
    return elapsed, usage.ru_maxrss / 1024, process.returncode, (lines[-1] if lines else "")[:160]


def main() -> int:
    """Build the cases, run each by both paths, print a table; exit 1 if any breaks the time or memory bound."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", help="case names to run (default: all)")
    args = parser.parse_args()
    failed = False
    with tempfile.TemporaryDirectory() as folder:
        os.environ["KHABAR_DB"] = str(Path(folder) / "library.sqlite3")
        cases = build_cases(Path(folder))
        print(f"{'case':<20} {'path':<7} {'input':>9} {'seconds':>8} {'peak MB':>8}  outcome")
        for name, path in cases.items():
            if args.only and name not in args.only:
                continue
            size = "stream" if not path.is_file() else f"{path.stat().st_size / 1024:,.0f} KB"
            runs = [("cli", [sys.executable, "-m", "khabar", "analyze", str(path)])]
            if path.is_file():
                runs.append(("upload", [sys.executable, "-c", _UPLOAD, str(path)]))
            for how, argv in runs:
                fifo = path if name.startswith("fifo") else None
                seconds, peak, code, line = run_case(argv, fifo)
                ok = seconds < LIMIT_SECONDS and peak < LIMIT_MB
                failed |= not ok
                print(f"{name:<20} {how:<7} {size:>9} {seconds:>8.2f} {peak:>8.0f}  {'' if ok else 'OVER LIMIT '}"
                      f"[exit {code}] {line}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
