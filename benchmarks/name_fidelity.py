"""Benchmark (not a test): English-name fidelity of the entities found in Hindi, on TICO-19 dev.

For every PER/LOC/ORG entity mention the shipped entity stage finds in a Hindi segment, is its canonical
English name present in the human English of the same segment? A one-word mention linked to a fuller name
counts when that name's last word is there (ट्रंप → "Trump"). Case is folded; words must match whole.

Data: TICO-19 en-hi dev (CC0) from ``$KHABAR_EVAL_DIR`` or ``<repo>/../shared/eval``; skipped cleanly when absent.

Figures are printed for the whole set and for each half of gloss_eval.py's split: the "dev" half is the one
failures may be looked at in (``--show`` lists only its misses); the held-out half is the figure to quote.

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

from benchmarks.gloss_eval import eval_dir, held_out, tico_pairs  # noqa: E402
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
    for segment_id, hindi, english in pairs:
        half = "held-out" if held_out(segment_id) else "dev"
        article = recognize_entities(make_article(hindi))
        for span in article.entities:
            if span.label not in LABELS:
                continue
            found[(half, span.label)] += 1
            words = span.canonical.split()
            one_word = len(span.text.split()) == 1 and len(words) > 1
            if present(span.canonical, english) or (one_word and present(words[-1], english)):
                right[(half, span.label)] += 1
            elif half == "dev":
                misses[(span.text, span.label, span.canonical)] += 1
    seconds = time.perf_counter() - started
    print(f"TICO-19 dev, {len(pairs)} segments, {seconds:.0f} s")
    for name, halves in (("all", ("dev", "held-out")), ("dev half", ("dev",)), ("held-out half", ("held-out",))):
        counts = []
        for label in LABELS:
            got, of = sum(right[(h, label)] for h in halves), sum(found[(h, label)] for h in halves)
            counts.append((got, of))
            print(f"  {name:14} {label}: {got}/{of} = {got / max(1, of):.3f}")
        good, total = sum(c[0] for c in counts), sum(c[1] for c in counts)
        print(f"  {name:14} English-name fidelity: {good}/{total} = {good / max(1, total):.3f}")
    for (text, label, canonical), count in misses.most_common(args.show):
        print(f"    {text} [{label}] -> {canonical} x{count}")

if __name__ == "__main__":
    main()
