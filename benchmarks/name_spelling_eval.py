"""Benchmark (not a test): how often one word of a name is spelled as English spells it, without the lexicon.

Data: the words of the shipped name lexicons (``khabar/entities/data/names.tsv``, ``people.tsv``,
``places.tsv``) whose Hindi and English have as many words, paired word by word (मिश्रा Mishra, नवाज Nawaz).
At run time those words are found in the lexicon itself; here each is spelled by ``english_spelling`` alone
(acronym, loanword, romanised-name index, transliteration), which is what a name no lexicon knows gets. The
words are split in two halves by a hash of the Hindi word: failures may be looked at in the "dev" half only
(``--show``); the held-back half is the figure to quote. Case is folded.

Run: .venv/bin/python benchmarks/name_spelling_eval.py [--show N]
"""

from __future__ import annotations

import argparse
import sys
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from khabar.entities.lexicon import DATA_DIR  # noqa: E402
from khabar.translit import english_spelling  # noqa: E402

SOURCES = {"names": "PER", "people": "PER", "places": "LOC"}


def word_pairs() -> list[tuple[str, str, str]]:
    """(label, Hindi word, English word) of the lexicons' entries that pair word by word, each once."""
    pairs = set()
    for name, label in SOURCES.items():
        for line in (DATA_DIR / f"{name}.tsv").read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            hindi, english = line.split("\t")[:2]
            if len(hindi.split()) == len(english.split()):
                pairs.update((label, h, e) for h, e in zip(hindi.split(), english.split(), strict=True))
    return sorted(pairs)


def held_back(word: str) -> bool:
    """The half of the words nothing may be tuned on."""
    return zlib.crc32(word.encode()) % 2 == 1


def main() -> None:
    """Print the share of words spelled as the lexicon spells them, per label and half."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--show", type=int, default=0, help="print N misses of the dev half")
    args = parser.parse_args()
    right: dict[tuple[str, str], int] = {}
    total: dict[tuple[str, str], int] = {}
    misses = []
    for label, hindi, english in word_pairs():
        half = "held-back" if held_back(hindi) else "dev"
        spelled = english_spelling(hindi, person=label == "PER")
        total[(label, half)] = total.get((label, half), 0) + 1
        if spelled.lower() == english.lower():
            right[(label, half)] = right.get((label, half), 0) + 1
        elif half == "dev":
            misses.append((label, hindi, english, spelled))
    for (label, half), count in sorted(total.items()):
        got = right.get((label, half), 0)
        print(f"{label} {half:9}  {got}/{count} = {got / count:.3f}")
    for label, hindi, english, spelled in misses[: args.show]:
        print(f"    [{label}] {hindi}: {english}, spelled {spelled}")


if __name__ == "__main__":
    main()
