"""Benchmark (not a test): English-name fidelity of the entities found in Hindi, on TICO-19 dev.

For every PER/LOC/ORG entity mention the shipped entity stage finds in a Hindi segment, is its canonical
English name present in the human English of the same segment? A one-word mention linked to a fuller name
counts when that name's last word is there (ट्रंप → "Trump"). Case is folded; words must match whole.

Data: TICO-19 en-hi dev (CC0) from ``$KHABAR_EVAL_DIR`` or ``<repo>/../shared/eval``; skipped cleanly when absent.

Run: .venv/bin/python benchmarks/name_fidelity.py [--limit N] [--show K]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.loanword_eval import eval_dir, tico_pairs  # noqa: E402
from khabar.pipeline import make_article, recognize_entities  # noqa: E402

LABELS = ("PER", "LOC", "ORG")


def present(name: str, english: str) -> bool:
    """Whether ``name`` occurs in ``english`` as whole words (case folded)."""
    return bool(name) and re.search(r"(?<!\w)" + re.escape(name.lower()) + r"(?!\w)", english.lower()) is not None


def main() -> None:
    """Print the share of found names whose English is in the human English, per label and overall."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=0, help="only the first N segments")
    parser.add_argument("--show", type=int, default=0, help="print K names that were not in the English")
    args = parser.parse_args()
    pairs = tico_pairs()
    if not pairs:
        print("TICO-19 dev not found under", eval_dir(), "- skipped")
        return
    if args.limit:
        pairs = pairs[: args.limit]
    found: Counter = Counter()
    right: Counter = Counter()
    misses: Counter = Counter()
    started = time.perf_counter()
    for hindi, english in pairs:
        article = recognize_entities(make_article(hindi))
        for span in article.entities:
            if span.label not in LABELS:
                continue
            found[span.label] += 1
            words = span.canonical.split()
            one_word = len(span.text.split()) == 1 and len(words) > 1
            if present(span.canonical, english) or (one_word and present(words[-1], english)):
                right[span.label] += 1
            else:
                misses[(span.text, span.label, span.canonical)] += 1
    seconds = time.perf_counter() - started
    total, good = sum(found.values()), sum(right.values())
    print(f"TICO-19 dev, {len(pairs)} segments, {seconds:.0f} s")
    for label in LABELS:
        print(f"  {label}: {right[label]}/{found[label]} = {right[label] / max(1, found[label]):.3f}")
    print(f"English-name fidelity: {good}/{total} = {good / max(1, total):.3f}")
    for (text, label, canonical), count in misses.most_common(args.show):
        print(f"    {text} [{label}] -> {canonical} x{count}")


if __name__ == "__main__":
    main()
