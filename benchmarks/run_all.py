"""Run every benchmark in this folder, one after another, and say how each ended.

Usage: python benchmarks/run_all.py [--with-training] [--only NAME ...] [--skip NAME ...]

Every ``benchmarks/*.py`` is found, not listed here, so a new benchmark joins by being added to the folder. A
benchmark may say how it is run by a comment line of its own:

    # run_all: --repeat 3        arguments for this run
    # run_all: training          it trains models (minutes): run only with --with-training

Benchmarks that need ../shared/eval (or $KHABAR_EVAL_DIR), Chromium or torch skip themselves where those are
absent. Output goes to the terminal as it comes; the summary at the end gives each one's exit status and time.
"""

from __future__ import annotations

import argparse
import re
import shlex
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DIRECTIVE = re.compile(r"^# run_all:(.*)$", re.MULTILINE)


def discover() -> list[Path]:
    """Every benchmark script here but this one, by name."""
    return sorted(p for p in HERE.glob("*.py") if p.name != Path(__file__).name and not p.name.startswith("_"))


def directive(path: Path) -> tuple[list[str], bool]:
    """(arguments, whether it trains) from the script's ``# run_all:`` line."""
    found = DIRECTIVE.search(path.read_text(encoding="utf-8"))
    words = shlex.split(found.group(1)) if found else []
    training = "training" in words
    return [w for w in words if w != "training"], training


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--with-training", action="store_true", help="also run benchmarks that train models")
    parser.add_argument("--only", nargs="+", default=[], help="run only these (file names without .py)")
    parser.add_argument("--skip", nargs="+", default=[], help="leave these out")
    args = parser.parse_args(argv)
    summary = []
    for path in discover():
        name = path.stem
        if (args.only and name not in args.only) or name in args.skip:
            continue
        extra, training = directive(path)
        if training and not args.with_training:
            summary.append((name, "not run (trains models: --with-training)", 0.0))
            continue
        print(f"\n=== {name} {' '.join(extra)}".rstrip(), flush=True)
        started = time.perf_counter()
        done = subprocess.run([sys.executable, str(path), *extra], cwd=HERE.parent, check=False)
        seconds = time.perf_counter() - started
        summary.append((name, "ok" if done.returncode == 0 else f"failed (exit {done.returncode})", seconds))
    print("\n=== summary")
    for name, outcome, seconds in summary:
        print(f"{name:18s} {outcome:44s} {seconds:7.1f} s")
    return 0 if all(outcome.startswith(("ok", "not run")) for _, outcome, _ in summary) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
