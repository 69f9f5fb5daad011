"""Speed of the time stage, alone and inside the whole offline analysis, on an N-fold concatenation of the seed.

    .venv/bin/python benchmarks/timex_speed.py [--folds 100] [--full]

Prints sentences per second for time tagging plus event building, and with ``--full`` for
``khabar.pipeline.analyze`` with the gloss translator, entities (where available) and the timeline.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from khabar.model import ArticleMeta  # noqa: E402
from khabar.pipeline import (  # noqa: E402
    analyze,
    analyze_time,  # noqa: E402
    make_article,
)

SEED = ROOT / "seeds" / "iran-pakistan-raisi-visit.hi.txt"


def main(argv: list[str] | None = None) -> int:
    """Time the stages and print the rates."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=100)
    parser.add_argument("--full", action="store_true", help="also time the whole offline analysis")
    args = parser.parse_args(argv)
    text = "\n".join([SEED.read_text(encoding="utf-8").strip()] * args.folds)
    meta = ArticleMeta(published="2024-04-23")
    article = make_article(text, meta)
    began = time.perf_counter()
    timed = analyze_time(article)
    elapsed = time.perf_counter() - began
    count = len(article.sentences)
    print(f"time + events: {count} sentences, {len(timed.timexes)} time expressions, {len(timed.events)} events "
          f"in {elapsed:.2f} s = {count / elapsed:.0f} sentences/s")
    if args.full:
        began = time.perf_counter()
        full = analyze(text, meta, translators=("gloss",))
        elapsed = time.perf_counter() - began
        print(f"analyze (gloss, entities, time): {count} sentences in {elapsed:.2f} s = {count / elapsed:.0f} "
              f"sentences/s; stages {', '.join(full.stages)}; notes {list(full.notes) or 'none'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
