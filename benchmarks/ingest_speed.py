"""Batch ingest speed: `python -m khabar ingest DIR --workers 1` against `--workers 2` on 100 Hindi news-like files.

The files are built in a temporary folder from public Hindi sentences in ../shared/eval (UD Hindi PUD's news and
Wikipedia sentences, then TICO-19's Hindi side), 20 sentences each in paragraphs of four; nothing is committed.
Runs alternate (1, 2, 2, 1, ...) so that a change in the machine's load during the benchmark falls on both sides;
each run gets a fresh library and is checked to store every file, and a re-run to store none.

    .venv/bin/python benchmarks/ingest_speed.py [--files 100] [--pairs 2] [--dask]

On a machine other work keeps busy, Linux's autogroup scheduler gives each session one share of the CPUs
however many processes it runs (and `nice` acts only inside a session), so two workers cannot show their
speed-up there. Run it in a session of its own with a raised share, as root:

    setsid bash -c 'echo -20 > /proc/self/autogroup; exec .venv/bin/python benchmarks/ingest_speed.py'
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = Path(os.environ.get("KHABAR_EVAL_DIR", ROOT.parent / "shared" / "eval"))


def hindi_sentences() -> list[str]:
    """Unlabelled Hindi sentences from UD Hindi PUD, then the Hindi side of TICO-19 (duplicates dropped)."""
    sentences: list[str] = []
    pud = EVAL / "ud_hindi_pud" / "hi_pud.sentences.txt"
    if pud.is_file():
        sentences += [line.strip() for line in pud.read_text(encoding="utf-8").splitlines() if line.strip()]
    tico = EVAL / "tico19_en_hi" / "tico19_en_hi_dev.tsv"
    if tico.is_file():
        with tico.open(encoding="utf-8", newline="") as handle:
            sentences += [row["hi"].strip() for row in csv.DictReader(handle, delimiter="\t") if row.get("hi")]
    return list(dict.fromkeys(sentences))


def build_corpus(folder: Path, files: int, per_file: int = 20) -> None:
    """``files`` text files of ``per_file`` sentences each, four sentences a paragraph."""
    sentences = hindi_sentences()
    if len(sentences) < files * per_file:
        sys.exit(f"need {files * per_file} Hindi sentences under {EVAL}, found {len(sentences)}")
    for number in range(files):
        chunk = sentences[number * per_file:(number + 1) * per_file]
        paragraphs = [" ".join(chunk[i:i + 4]) for i in range(0, len(chunk), 4)]
        (folder / f"khabar-{number:03d}.txt").write_text("\n".join(paragraphs) + "\n", encoding="utf-8")


def _cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_ingest(folder: Path, db: Path, args: list[str]) -> tuple[float, float, dict]:
    """Wall time and CPU time (the command and its worker processes) of one `ingest` run, and its JSON report."""
    report = db.with_suffix(".json")
    env = dict(os.environ, KHABAR_DB=str(db), PYTHONPATH=str(ROOT))
    cpu = _cpu_of_children()
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "khabar", "ingest", str(folder), *args, "--report", str(report)],
                   cwd=ROOT, env=env, check=False, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    return wall, _cpu_of_children() - cpu, json.loads(report.read_text(encoding="utf-8"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=100)
    parser.add_argument("--pairs", type=int, default=2, help="pairs of runs (1 and 2 workers), alternating")
    parser.add_argument("--dask", action="store_true", help="also time --dask local with 2 workers")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="khabar-ingest-") as tmp:
        folder = Path(tmp) / "news"
        folder.mkdir()
        build_corpus(folder, options.files)
        print(f"{options.files} files, load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
        times: dict[str, list[float]] = {"1": [], "2": [], "dask": []}
        runs = 0
        for pair in range(options.pairs):
            order = ("1", "2") if pair % 2 == 0 else ("2", "1")
            if options.dask:
                order += ("dask",)
            for kind in order:
                runs += 1
                db = Path(tmp) / f"run-{runs}.sqlite3"
                args = ["--dask", "local", "--workers", "2"] if kind == "dask" else ["--workers", kind]
                seconds, cpu, report = run_ingest(folder, db, args)
                stored = report["counts"]["stored"]
                assert stored == options.files, f"run {runs} stored {stored} of {options.files}: {report['failed'][:2]}"
                times[kind].append(seconds)
                print(f"run {runs}: {'dask local (2 workers)' if kind == 'dask' else f'--workers {kind}'}: "
                      f"{seconds:.1f} s wall, {cpu:.1f} s CPU, {stored} stored "
                      f"(load average after: {os.getloadavg()[0]:.1f})")
        again, _, report = run_ingest(folder, db, ["--workers", "2"])
        assert report["counts"]["stored"] == 0 and report["counts"]["skipped"] == options.files
        print(f"re-run: {again:.1f} s, 0 stored, {report['counts']['skipped']} skipped")
        one, two = statistics.median(times["1"]), statistics.median(times["2"])
        print(f"median --workers 1: {one:.1f} s; --workers 2: {two:.1f} s; ratio {two / one:.2f} (target <= 0.70)")
        if times["dask"]:
            print(f"median --dask local (2 workers): {statistics.median(times['dask']):.1f} s")


if __name__ == "__main__":
    main()
