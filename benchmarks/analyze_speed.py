"""Time `python -m khabar analyze` (gloss, entities, timeline) on the seed and on a 100-fold concatenation of it.

Usage: python benchmarks/analyze_speed.py [--repeat N] [--fold 100]

Prints wall time per run (interpreter start-up and model loading included, as a user sees it), sentences
per second, and the same figures for the in-process pipeline alone (start-up excluded). Where ../shared/eval
(or $KHABAR_EVAL_DIR) is present, also the in-process pipeline on varied text, read for the first time: the
seed ×100 repeats 18 sentences, which the gloss translates once each, so it hides the cost of new sentences.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "iran-pakistan-raisi-visit.hi.txt"
CPU_TIMES: dict[str, float] = {}  # median CPU seconds of the CLI per input file


def time_cli(path: Path, repeat: int) -> tuple[list[float], int]:
    """Wall times of `python -m khabar analyze path` and the number of sentences it reported; prints the CPU
    time of each run and the peak memory (on a shared machine CPU time is the steadier figure)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "KHABAR_OFFLINE": "1"}
    times = []
    cpu = []
    sentences = 0
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-m", "khabar", "analyze", str(path), "--published", "2024-04-23"],
            capture_output=True, text=True, env=env, cwd=ROOT, check=False,
        )
        times.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        if result.returncode != 0:
            raise SystemExit(f"analyze failed on {path}: {result.stderr.strip()}")
        data = json.loads(result.stdout)
        sentences = len(data["sentences"])
        stages = data.get("stages", [])
    print(f"  stages: {', '.join(stages)}; sentences: {sentences}; entities: {len(data['entities'])}; "
          f"timexes: {len(data['timexes'])}; events: {len(data['events'])}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # KiB on Linux: the largest child so far
    print(f"  CPU time per run: median {statistics.median(cpu):.3f} s (best {min(cpu):.3f} s); "
          f"peak memory of the largest run so far: {peak:.0f} MB")
    CPU_TIMES[path.name] = statistics.median(cpu)
    return times, sentences


def time_in_process(text: str, repeat: int) -> list[float]:
    """Wall times of khabar.pipeline.analyze alone, after one warm-up run that loads the models."""
    sys.path.insert(0, str(ROOT))
    from khabar.model import ArticleMeta
    from khabar.pipeline import analyze

    meta = ArticleMeta(published="2024-04-23")
    analyze(text, meta, translators=("gloss",))
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        analyze(text, meta, translators=("gloss",))
        times.append(time.perf_counter() - started)
    return times


def report(label: str, times: list[float], sentences: int) -> None:
    """One line of figures."""
    best = min(times)
    median = statistics.median(times)
    print(f"{label:<38} median {median:7.3f} s  best {best:7.3f} s  {sentences / median:8.1f} sentences/s (median)")


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--fold", type=int, default=100)
    args = parser.parse_args()
    seed = SEED.read_text(encoding="utf-8")
    big = "\n".join([seed.rstrip("\n")] * args.fold) + "\n"
    print(f"Python {platform.python_version()} on {platform.machine()} ({os.cpu_count()} CPUs), "
          f"{platform.platform()}")
    with tempfile.TemporaryDirectory() as folder:
        big_path = Path(folder) / f"seed-x{args.fold}.hi.txt"
        big_path.write_text(big, encoding="utf-8")
        print(f"python -m khabar analyze {SEED.name}")
        times, sentences = time_cli(SEED, args.repeat)
        report("  CLI, seed", times, sentences)
        print(f"python -m khabar analyze <seed x{args.fold}> ({len(big):,} characters)")
        big_times, big_sentences = time_cli(big_path, args.repeat)
        report(f"  CLI, seed x{args.fold}", big_times, big_sentences)
        startup = statistics.median(times)
        marginal = statistics.median(big_times) - startup
        if marginal > 0:
            print(f"  beyond the seed run's fixed cost: {(big_sentences - sentences) / marginal:8.1f} sentences/s")
        cpu_marginal = CPU_TIMES[big_path.name] - CPU_TIMES[SEED.name]
        if cpu_marginal > 0:
            print(f"  beyond the seed run's fixed cost, CPU time: {(big_sentences - sentences) / cpu_marginal:8.1f} "
                  "sentences/s")
    print("In-process khabar.pipeline.analyze (warm)")
    report("  pipeline, seed", time_in_process(seed, args.repeat), sentences)
    report(f"  pipeline, seed x{args.fold}", time_in_process(big, args.repeat), big_sentences)
    time_varied()


def time_varied() -> None:
    """The in-process pipeline on an article of varied dev sentences, the first time it sees them."""
    from pipeline_equivalence import varied_article

    from khabar.model import ArticleMeta
    from khabar.pipeline import analyze

    found = varied_article()
    if found is None:
        print("  pipeline, varied text: skipped (no ../shared/eval; set KHABAR_EVAL_DIR)")
        return
    text, what = found
    meta = ArticleMeta(published="2024-04-23")
    started, cpu = time.perf_counter(), time.process_time()
    article = analyze(text, meta, translators=("gloss",))
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    count = len(article.sentences)
    print(f"  pipeline, varied text ({what}; {count} sentences, first reading): {wall:.3f} s, "
          f"{count / wall:.1f} sentences/s; CPU {cpu:.3f} s, {count / cpu:.1f} sentences/s")


if __name__ == "__main__":
    main()
