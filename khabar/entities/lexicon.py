"""The name lexicons: Hindi forms of people, places, organisations and nationalities with English names.

The data lives in ``khabar/entities/data/*.tsv`` (``hindi<TAB>english<TAB>type``, ``#`` comments). Types:
PER (a known person), GIVEN and SURNAME (parts of personal names), LOC, ORG, NORP. ``places_cldr.tsv`` is
generated from the Unicode CLDR territory names in Babel: ``python -m khabar.entities.lexicon``.
Lookups fold nukta, chandrabindu and nasal spellings through ``khabar.translit.name_key``; a multi-word name
with one word a spelling slip away from a known name's (सिएस्तान-बलूचिस्तान for सिस्तान-बलूचिस्तान) is found by
``Lexicon.fuzzy``, so the lexicons list usual spellings only.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from khabar.translit import name_key

DATA_DIR = Path(__file__).resolve().parent / "data"
TYPES = ("PER", "GIVEN", "SURNAME", "LOC", "ORG", "NORP")
# The entity label each lexicon type gives a whole match.
LABEL_OF = {"PER": "PER", "GIVEN": "PER", "SURNAME": "PER", "LOC": "LOC", "ORG": "ORG", "NORP": "NORP"}
# Which type wins when one Hindi form is in several files (a surname that is also a city, ...).
_PRIORITY = {"PER": 0, "ORG": 1, "LOC": 2, "NORP": 3, "SURNAME": 4, "GIVEN": 5}
# A misspelt word must be this long (code points) before a one-edit difference counts as a slip: short words
# one edit apart are usually different words (शाह, शाही).
FUZZY_MIN_LENGTH = 6


def within_one_edit(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by at most one inserted, deleted or substituted character."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + 1 :] == b[i + 1 :] if len(a) == len(b) else a[i:] == b[i + 1 :]


@dataclass(frozen=True)
class Entry:
    """One lexicon entry: a Hindi form, its English name and its type."""

    hindi: str
    english: str
    type: str

    @property
    def label(self) -> str:
        """The entity label (PER, LOC, ORG, NORP) this entry stands for."""
        return LABEL_OF[self.type]


class Lexicon:
    """Every entry of the shipped TSV files, indexed by matching key."""

    def __init__(self, entries: list[Entry]) -> None:
        self.by_key: dict[str, list[Entry]] = {}
        for entry in entries:
            self.by_key.setdefault(name_key(entry.hindi), []).append(entry)
        for found in self.by_key.values():
            found.sort(key=lambda e: _PRIORITY[e.type])
        self.max_words = max((len(key.split()) for key in self.by_key), default=1)
        self.first_words = {key.split()[0] for key in self.by_key}
        # Multi-word keys with one word masked out, for finding a name with one misspelt word.
        self.masked: dict[tuple[str | None, ...], list[tuple[str, str]]] = {}
        for key in self.by_key:
            words = key.split()
            if len(words) > 1:
                for j, word in enumerate(words):
                    mask = (*words[:j], None, *words[j + 1 :])
                    self.masked.setdefault(mask, []).append((word, key))

    def fuzzy(self, words: Sequence[str], rare: Callable[[str], bool] | None = None) -> Entry | None:
        """The best entry of a known multi-word name that ``words`` (matching keys) spell with one word a slip
        away: that word long, one edit from the known word, not itself in the lexicon, and ``rare``."""
        if len(words) < 2:
            return None
        for j, word in enumerate(words):
            if len(word) < FUZZY_MIN_LENGTH or word in self.by_key or (rare is not None and not rare(word)):
                continue
            for known, key in self.masked.get((*words[:j], None, *words[j + 1 :]), ()):
                if within_one_edit(word, known):
                    return self.by_key[key][0]
        return None

    def entries(self, hindi: str) -> list[Entry]:
        """Every entry for ``hindi`` (best first)."""
        return self.by_key.get(name_key(hindi), [])

    def lookup(self, hindi: str) -> Entry | None:
        """The best entry for ``hindi``; a multi-word name made of known given names and surnames, or a known
        name with one word misspelt, also counts."""
        found = self.entries(hindi)
        if found:
            return found[0]
        words = name_key(hindi).split()
        if len(words) > 1:
            parts = []
            for word in words:
                part = [e for e in self.by_key.get(word, []) if e.type in ("GIVEN", "SURNAME", "PER")]
                if not part:
                    break
                parts.append(part[0].english)
            else:
                return Entry(hindi, " ".join(parts), "PER")
        return self.fuzzy(words)

    def types(self, hindi: str) -> set[str]:
        """The lexicon types of ``hindi`` (empty when unknown)."""
        return {e.type for e in self.entries(hindi)}


def read_tsv(path: Path) -> list[Entry]:
    """The entries of one lexicon file (blank lines, comments and malformed lines skipped)."""
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) < 3 or parts[2].strip() not in TYPES:
            continue
        entries.append(Entry(parts[0].strip(), parts[1].strip(), parts[2].strip()))
    return entries


@cache
def lexicon() -> Lexicon:
    """The shipped lexicon (loaded once)."""
    entries: list[Entry] = []
    for path in sorted(DATA_DIR.glob("*.tsv")):
        entries.extend(read_tsv(path))
    return Lexicon(entries)


def cldr_places() -> list[Entry]:
    """Country and region names in Hindi and English from CLDR (via Babel)."""
    from babel import Locale

    hindi, english = Locale("hi"), Locale("en")
    skip = {"ZZ", "QO", "EZ", "UN", "EU", "001"}
    entries = []
    for code, name_hi in sorted(hindi.territories.items()):
        name_en = english.territories.get(code)
        if code in skip or not name_en:
            continue
        # "म्यांमार (बर्मा)" / "Myanmar (Burma)": keep the name before the bracket.
        name_hi = name_hi.split(" (")[0].strip()
        name_en = name_en.split(" (")[0].replace(" SAR China", "").strip()
        entries.append(Entry(name_hi, name_en, "LOC"))
    return entries


def write_cldr(path: Path = DATA_DIR / "places_cldr.tsv") -> int:
    """Write ``places_cldr.tsv`` from CLDR; return how many entries it holds."""
    entries = cldr_places()
    lines = ["# Generated by python -m khabar.entities.lexicon from Unicode CLDR (Babel). Unicode licence."]
    lines += [f"{e.hindi}\t{e.english}\t{e.type}" for e in entries]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(entries)


if __name__ == "__main__":
    print(f"wrote {write_cldr()} CLDR place names")
