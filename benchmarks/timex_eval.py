"""Span accuracy and speed of the Hindi time tagger on ILTIMEX 2012 (inline <ILTIMEX TYPE=...> tags).

    .venv/bin/python benchmarks/timex_eval.py [--dir DIR] [--split all|dev|test] [--scheme iltimex|all]
        [--errors N]

Strict: a predicted span equals a gold span (after trimming spaces). Relaxed: they overlap (each gold and
each prediction counts once). ``--scheme iltimex`` leaves out bare deictic adverbs (अब, फिलहाल, हाल ही
में), which the ILTIMEX guidelines do not annotate but Khabar tags on purpose; ``--scheme all`` scores
every prediction. Files are split by number: odd numbers are ``dev``, even numbers ``test``.
Evaluation only: nothing here feeds the rules. Skips cleanly when the data is absent.
"""

from __future__ import annotations

import argparse
import html
import os
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from khabar.timeline.timex import extract, is_deictic_adverb  # noqa: E402

_TAG = re.compile(r"<ILTIMEX[^>]*>|</ILTIMEX>|<[^>]+>")


def eval_dir() -> Path:
    """Where the ILTIMEX files are: $KHABAR_EVAL_DIR/iltimex2012_hindi or ../shared/eval/iltimex2012_hindi."""
    base = os.environ.get("KHABAR_EVAL_DIR")
    root = Path(base) if base else ROOT.parent / "shared" / "eval"
    return root / "iltimex2012_hindi"


def parse(raw: str) -> tuple[str, list[tuple[int, int]]]:
    """Plain text of one document and its gold spans (offsets into that text)."""
    body = raw.split("<TEXT>", 1)[-1].split("</TEXT>", 1)[0]
    pieces: list[str] = []
    spans: list[tuple[int, int]] = []
    length = 0
    open_at: int | None = None
    position = 0
    for match in _TAG.finditer(body):
        chunk = html.unescape(body[position:match.start()])
        pieces.append(chunk)
        length += len(chunk)
        tag = match.group()
        if tag.startswith("<ILTIMEX"):
            open_at = length
        elif tag == "</ILTIMEX>" and open_at is not None:
            spans.append((open_at, length))
            open_at = None
        position = match.end()
    chunk = html.unescape(body[position:])
    pieces.append(chunk)
    text = "".join(pieces)
    return text, [_trim(text, s, e) for s, e in spans if text[s:e].strip()]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def score(gold: list[tuple[int, int]], pred: list[tuple[int, int]]) -> dict[str, int]:
    """Counts for strict and relaxed matching."""
    strict = len(set(gold) & set(pred))
    relaxed_gold = sum(1 for g in gold if any(p[0] < g[1] and g[0] < p[1] for p in pred))
    relaxed_pred = sum(1 for p in pred if any(p[0] < g[1] and g[0] < p[1] for g in gold))
    return {"gold": len(gold), "pred": len(pred), "strict": strict, "relaxed_gold": relaxed_gold,
            "relaxed_pred": relaxed_pred}


def prf(tp_pred: int, pred: int, tp_gold: int, gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1."""
    p = tp_pred / pred if pred else 0.0
    r = tp_gold / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main(argv: list[str] | None = None) -> int:
    """Run the evaluation and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=None)
    parser.add_argument("--split", choices=("all", "dev", "test"), default="all")
    parser.add_argument("--scheme", choices=("iltimex", "all"), default="iltimex")
    parser.add_argument("--errors", type=int, default=0, help="print this many missed and spurious spans")
    args = parser.parse_args(argv)
    folder = args.dir or eval_dir()
    files = sorted(folder.glob("*.xml")) if folder.is_dir() else []
    if not files:
        print(f"skipped: no ILTIMEX files in {folder}")
        return 0

    def number(path: Path) -> int:
        digits = re.findall(r"\d+", path.stem)
        return int(digits[-1]) if digits else 0

    if args.split == "dev":
        files = [f for f in files if number(f) % 2 == 1]
    elif args.split == "test":
        files = [f for f in files if number(f) % 2 == 0]
    totals = {"gold": 0, "pred": 0, "strict": 0, "relaxed_gold": 0, "relaxed_pred": 0}
    missed: list[str] = []
    spurious: list[str] = []
    chars = sentences = 0
    elapsed = 0.0
    for path in files:
        text, gold = parse(path.read_text(encoding="utf-8"))
        began = time.perf_counter()
        timexes = extract(text, None, None)
        elapsed += time.perf_counter() - began
        chars += len(text)
        sentences += text.count("।") + 1
        if args.scheme == "iltimex":
            timexes = [t for t in timexes if not is_deictic_adverb(t)]
        pred = [(t.start, t.end) for t in timexes]
        counts = score(gold, pred)
        for key in totals:
            totals[key] += counts[key]
        if args.errors:
            missed += [text[s:e] for s, e in gold if not any(p[0] < e and s < p[1] for p in pred)]
            spurious += [text[s:e] for s, e in pred if not any(g[0] < e and s < g[1] for g in gold)]
    sp, sr, sf = prf(totals["strict"], totals["pred"], totals["strict"], totals["gold"])
    rp, rr, rf = prf(totals["relaxed_pred"], totals["pred"], totals["relaxed_gold"], totals["gold"])
    print(f"ILTIMEX 2012 Hindi, {len(files)} documents ({args.split}), scheme {args.scheme}")
    print(f"gold spans {totals['gold']}, predicted {totals['pred']}")
    print(f"strict   P {sp:.3f}  R {sr:.3f}  F1 {sf:.3f}")
    print(f"relaxed  P {rp:.3f}  R {rr:.3f}  F1 {rf:.3f}")
    print(f"speed    {chars / elapsed / 1000:.0f}k characters/s, about {sentences / elapsed:.0f} sentences/s "
          f"({elapsed:.2f} s tagging)")
    if args.errors:
        print("missed:", " | ".join(missed[: args.errors]))
        print("spurious:", " | ".join(spurious[: args.errors]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
