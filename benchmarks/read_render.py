"""Time the Read page's render of the seed article under Streamlit's AppTest (library already open).

Usage: python benchmarks/read_render.py [--repeat N]

Prints the first run (library opened and seeded, the seed analysed on an empty library) and the median of
the reruns, which is what a reader waits for when they switch translation or focus a sentence.
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    """Run the measurement and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    os.environ["KHABAR_DB"] = str(Path(tempfile.mkdtemp()) / "library.sqlite3")
    os.environ.setdefault("KHABAR_OFFLINE", "1")
    logging.getLogger("streamlit").setLevel(logging.ERROR)

    from streamlit.testing.v1 import AppTest

    from khabar.store import Library

    library = Library()
    started = time.perf_counter()
    library.ensure_seeds()
    seeding = time.perf_counter() - started
    seed = next(s for s in library.list_articles() if s.seed)

    at = AppTest.from_file(str(ROOT / "pages" / "read.py"), default_timeout=120)
    at.session_state["article_id"] = seed.id
    started = time.perf_counter()
    at.run()
    first = time.perf_counter() - started
    if at.exception:
        raise SystemExit(f"the Read page failed: {at.exception[0].message}")
    shown = " ".join(h.proto.body for h in at.html)
    if "इब्राहिम रायसी" not in shown:
        raise SystemExit("the Read page did not show the seed's Hindi text")
    reruns = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        at.run()
        reruns.append(time.perf_counter() - started)
    print(f"seeding an empty library (analysing the seed): {seeding:.2f} s")
    print(f"Read page, first run: {first * 1000:.0f} ms")
    print(f"Read page, reruns: median {statistics.median(reruns) * 1000:.0f} ms "
          f"(min {min(reruns) * 1000:.0f}, max {max(reruns) * 1000:.0f}, n={len(reruns)})")


if __name__ == "__main__":
    main()
