"""Dump the full offline analysis of a fixed set of texts as JSON, to check that a speed-up changed no output.

Usage:
    python benchmarks/pipeline_equivalence.py --write /tmp/before.json   # before a change
    python benchmarks/pipeline_equivalence.py --check /tmp/before.json   # after it: byte-identical or exit 1
    python benchmarks/pipeline_equivalence.py                             # the dump's size and digest alone

The texts: the seed, and from ../shared/eval (or $KHABAR_EVAL_DIR) articles of varied text — TICO-19 dev Hindi
sentences, IL-NER dev sentences and ILTIMEX documents (many dates) — so that repeated sentences and the gloss
cache hide nothing. Without the evaluation data only the seed is dumped (and says so). Each article's dump is
``Article.to_dict()``: sentences, entities with offsets, labels and canonical names, timex values, events and
the gloss translation.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from khabar.entities.corpus import eval_dir  # noqa: E402
from khabar.model import ArticleMeta  # noqa: E402
from khabar.pipeline import analyze  # noqa: E402

SEED = ROOT / "seeds" / "iran-pakistan-raisi-visit.hi.txt"
PUBLISHED = "2024-04-23"
ARTICLE_SENTENCES = 25  # varied sentences per article: linking and events work across an article
_TAG = re.compile(r"<[^>]+>")


def _chunks(sentences: list[str], size: int) -> list[str]:
    return [" ".join(sentences[i:i + size]) for i in range(0, len(sentences), size)]


def texts(limit: int) -> tuple[list[tuple[str, str]], str]:
    """(name, text) pairs to analyse, and a line saying which sources were found."""
    found = [("seed", SEED.read_text(encoding="utf-8"))]
    data = eval_dir()
    if data is None:
        return found, "no evaluation data (../shared/eval or $KHABAR_EVAL_DIR): the seed only"
    sources = ["seed"]
    tico = data / "tico19_en_hi" / "tico19_en_hi_dev.tsv"
    if tico.is_file():
        with tico.open(encoding="utf-8", newline="") as stream:
            rows = [row["hi"].strip() for row in csv.DictReader(stream, delimiter="\t")]
        rows = [row if row.endswith(("।", "?", "!", ".")) else row + "।" for row in rows if row][:limit]
        found += [(f"tico19-{n}", text) for n, text in enumerate(_chunks(rows, ARTICLE_SENTENCES))]
        sources.append(f"TICO-19 dev ({len(rows)} sentences)")
    ilner = data / "il_ner_hindi" / "Hindi-dev.no-test-overlap.txt"
    if ilner.is_file():
        sentences, current = [], []
        for line in ilner.read_text(encoding="utf-8").splitlines():
            if "\t" in line:
                current.append(line.split("\t", 1)[0].strip())
            elif current:
                sentences.append(" ".join(current))
                current = []
        sentences = sentences[:limit]
        found += [(f"ilner-{n}", text) for n, text in enumerate(_chunks(sentences, ARTICLE_SENTENCES))]
        sources.append(f"IL-NER dev ({len(sentences)} sentences)")
    timex = data / "iltimex2012_hindi"
    if timex.is_dir():
        files = sorted(timex.glob("*.xml"), key=lambda p: p.name)[: max(1, limit // 20)]
        for path in files:
            raw = path.read_text(encoding="utf-8")
            body = raw.split("<TEXT>", 1)[-1].split("</TEXT>", 1)[0]
            found.append((f"iltimex-{path.stem}", _TAG.sub("", body)))
        sources.append(f"ILTIMEX ({len(files)} documents)")
    return found, "sources: " + ", ".join(sources)


def varied_article(limit: int = 400) -> tuple[str, str] | None:
    """One article of varied text (the TICO-19 and IL-NER dev sentences of ``texts``, no sentence repeated) and
    what it is made of; None without the evaluation data."""
    pairs, _ = texts(limit)
    parts = [text for name, text in pairs if name.startswith(("tico19-", "ilner-"))]
    if not parts:
        return None
    return "\n".join(parts), f"TICO-19 and IL-NER dev sentences, {limit} of each at most"


def dump(limit: int) -> str:
    """The analyses of every text as one JSON document (keys sorted, so equal analyses give equal bytes)."""
    pairs, line = texts(limit)
    print(line, file=sys.stderr)
    meta = ArticleMeta(published=PUBLISHED)
    out = {name: analyze(text, meta, translators=("gloss",)).to_dict() for name, text in pairs}
    return json.dumps(out, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


def main() -> int:
    """Write or check the dump."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--write", metavar="FILE")
    group.add_argument("--check", metavar="FILE")
    parser.add_argument("--limit", type=int, default=400, help="sentences taken from each corpus")
    args = parser.parse_args()
    text = dump(args.limit)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    if args.write:
        Path(args.write).write_text(text, encoding="utf-8")
        print(f"wrote {args.write} ({len(text):,} characters, sha256 {digest})")
        return 0
    if not args.check:
        print(f"the analyses: {len(text):,} characters, sha256 {digest}")
        return 0
    expected = Path(args.check).read_text(encoding="utf-8")
    if text == expected:
        print(f"identical to {args.check} (sha256 {digest})")
        return 0
    got, want = text.splitlines(), expected.splitlines()
    first = next((n for n, (a, b) in enumerate(zip(got, want, strict=False)) if a != b), min(len(got), len(want)))
    print(f"DIFFERENT from {args.check} at line {first + 1}:")
    for n in range(max(0, first - 3), min(len(want), first + 4)):
        print(f"  expected {n + 1}: {want[n][:200]}")
    for n in range(max(0, first - 3), min(len(got), first + 4)):
        print(f"  got      {n + 1}: {got[n][:200]}")
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
