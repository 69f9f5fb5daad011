"""Head nouns of place and institution names (मंत्रालय, विश्वविद्यालय, मस्जिद, पार्टी …), derived from annotated data.

``python -m khabar.entities.heads build`` counts, in the training part of IL-NER (train less the held-back eighth,
so the held-back scores stay honest) and in HiNER validation, how often a word closes a gold LOC/ORG name of
several words when the word before it belongs to a name, and writes the words that do so often enough to
``data/name_heads.tsv`` with their counts. The engine reads that file; the data is not needed at run time.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path

from khabar.entities import corpus
from khabar.entities.features import CUE_WORDS
from khabar.entities.lexicon import DATA_DIR
from khabar.text import match_key

HEADS_PATH = DATA_DIR / "name_heads.tsv"
# A head closes a name at least this often after a name word, and did so at least MIN_ENDS times.
MIN_RATE = 0.5
MIN_ENDS = 3
# A word that is a whole name on its own this often is a name (दिल्ली), not a head.
MAX_ALONE_RATE = 0.3
# A head closes names made of at least this many different words before it (उत्तर/दक्षिण कोरिया is one name
# twice, not a head); the data's tokenisation slips (प्रांत,) are not words.
MIN_VARIETY = 3
_WORD = re.compile(r"^[\u0900-\u0963\u0971-\u097f]+$")


def head_counts(sentences: Iterable[Sequence[tuple[str, str]]]) -> dict[str, dict[str, int]]:
    """Per word key: ``after_name`` (times it follows a word of a gold name), ``alone`` (times it is a whole
    one-word name), ``seen``, ``variety`` (different words before it in the names it closes), and for each of
    LOC/ORG the times it closes a gold name of that type."""
    counts: dict[str, Counter] = defaultdict(Counter)
    before: dict[str, set[str]] = defaultdict(set)
    for sentence in sentences:
        keys = [match_key(w) for w, _ in sentence]
        tags = [t for _, t in sentence]
        named = [t != "O" for t in tags]
        for key in keys:
            counts[key]["seen"] += 1
        for first, last, label in corpus.spans(tags):
            if last - first == 1:
                counts[keys[first]]["alone"] += 1
            elif label in ("LOC", "ORG"):
                counts[keys[last - 1]][label] += 1
                before[keys[last - 1]].add(keys[last - 2])
        for i in range(1, len(keys)):
            if named[i - 1]:
                counts[keys[i]]["after_name"] += 1
    return {key: {**c, "variety": len(before.get(key, ()))} for key, c in counts.items()}


def choose_heads(counts: dict[str, dict[str, int]]) -> list[tuple[str, str, int, int, int]]:
    """``(key, label, ends, after_name, seen)`` for every word that is a name head by the thresholds above."""
    out = []
    for key, c in counts.items():
        if not _WORD.match(key) or len(key) < 2 or c.get("variety", 0) < MIN_VARIETY:
            continue
        ends = c.get("LOC", 0) + c.get("ORG", 0)
        after = c.get("after_name", 0)
        if ends < MIN_ENDS or after == 0 or ends / after < MIN_RATE:
            continue
        if c.get("alone", 0) / c["seen"] > MAX_ALONE_RATE:
            continue
        label = "ORG" if c.get("ORG", 0) >= c.get("LOC", 0) else "LOC"
        out.append((key, label, ends, after, c["seen"]))
    return sorted(out, key=lambda row: (-row[2], row[0]))


SOURCES = ("il-ner", "hiner")


def build(root: Path | None = None, path: Path = HEADS_PATH, sources: Sequence[str] = SOURCES
          ) -> list[tuple[str, str, int, int, int]]:
    """Count heads in IL-NER's training part and/or HiNER validation (``sources``) and write ``path``."""
    parts = []
    if "il-ner" in sources:
        parts.append(head_counts(corpus.held_back_split(root)[0]))
    if "hiner" in sources:
        parts.append(head_counts(corpus.hiner(root)))
    merged: dict[str, Counter] = defaultdict(Counter)
    variety: Counter = Counter()
    for part in parts:
        for key, c in part.items():
            variety[key] += c.pop("variety")
            merged[key].update(c)
    for key, c in merged.items():
        c["variety"] = variety[key]  # an upper bound: the two corpora's words before it may overlap
    heads = choose_heads({k: dict(v) for k, v in merged.items()})
    # The CRF's hand-written head cue words (features.CUE_WORDS) fill in what the data is silent on (थाना),
    # unless the data says the word is a name of its own or seldom closes a name (देश, शहर after a place).
    listed = {row[0] for row in heads}
    for cls, label in (("ORGHEAD", "ORG"), ("LOCHEAD", "LOC")):
        for word in CUE_WORDS[cls].split():
            key = match_key(word)
            c = merged.get(key, Counter())
            ends, after = c.get("LOC", 0) + c.get("ORG", 0), c.get("after_name", 0)
            contradicted = after >= MIN_ENDS and ends < MIN_RATE * after
            if key not in listed and not contradicted and c.get("alone", 0) <= MAX_ALONE_RATE * max(c.get("seen", 0), 1):
                heads.append((key, label, ends, after, c.get("seen", 0)))
                listed.add(key)
    lines = [
        "# Head nouns of LOC/ORG names, derived by `python -m khabar.entities.heads build` from IL-NER Hindi train",
        "# (SankalpBahad/IL-NER @ 079e9184, CC-BY-4.0) less the held-back eighth, and HiNER validation",
        "# (cfiltnlp/HiNER @ 5e12e796, CC BY-SA 4.0; this list is shared under the same licence).",
        f"# A word is listed when it closes a gold LOC/ORG name of several words at least {MIN_ENDS} times and in at",
        f"# least {MIN_RATE:.0%} of the times it follows a name word, and is a whole name alone in at most "
        f"{MAX_ALONE_RATE:.0%} of its uses, after at least {MIN_VARIETY} different words.",
        "# Then the CRF's head cue words (khabar/entities/features.py CUE_WORDS) that the data neither lists nor contradicts",
        f"# (a word seen {MIN_ENDS} or more times after a name word, closing a name under {MIN_RATE:.0%} of them, is contradicted).",
        "# key\tlabel\tends\tafter_name\tseen",
    ]
    lines += [f"{key}\t{label}\t{ends}\t{after}\t{seen}" for key, label, ends, after, seen in heads]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return heads


@cache
def name_heads(path: Path = HEADS_PATH) -> dict[str, str]:
    """Matching key of each head noun -> the label (LOC or ORG) of the names it closes."""
    if not path.exists():
        return {}
    heads = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            key, label, *_ = line.split("\t")
            heads[key] = label
    return heads


def main(argv: list[str] | None = None) -> int:
    """``build``: derive the head list from the shared evaluation data."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("command", choices=["build"])
    parser.add_argument("--data", type=Path, default=None, help="the shared eval folder (default: ../shared/eval)")
    parser.add_argument("--sources", default=",".join(SOURCES), help="il-ner, hiner or both (comma-separated)")
    parser.add_argument("--out", type=Path, default=HEADS_PATH)
    args = parser.parse_args(argv)
    if (args.data or corpus.eval_dir()) is None:
        print("the shared evaluation data (../shared/eval) is not here; pass --data", file=sys.stderr)
        return 2
    heads = build(args.data, args.out, args.sources.split(","))
    print(f"{len(heads)} heads -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
