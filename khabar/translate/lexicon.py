"""The gloss lexicon: Khabar's Hindi→English word and phrase list (``data/lexicon.tsv``) plus CLDR names
of countries, languages, months, weekdays and currencies from Babel.

``lexicon.tsv`` has one entry a line: ``hindi<TAB>english<TAB>pos``. Parts of speech: n (noun), adj, adv,
v (verb, keyed by its infinitive -ना), pron, gen (possessive pronoun), det, num, post (postposition, given
as its English preposition), conj, part (particle), aux, neg, q (question word), name, phr (fixed phrase).
An empty English column means the word is dropped from the gloss (emphatic ही, ergative ने).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from khabar.text import match_key

DATA_DIR = Path(__file__).resolve().parent / "data"
LEXICON_PATH = DATA_DIR / "lexicon.tsv"
WORD_CLASSES_PATH = DATA_DIR / "word_classes.tsv"
POS_TAGS = frozenset({"n", "adj", "adv", "v", "pron", "gen", "det", "num", "post", "conj", "part", "aux", "neg",
                      "q", "name", "phr"})


@dataclass(frozen=True)
class Entry:
    """One lexicon entry."""

    hindi: str
    english: str
    pos: str
    source: str = "khabar"


def key(text: str) -> str:
    """The lookup key of a Hindi word or phrase (nukta, chandrabindu and nasal spelling folded)."""
    return match_key(text.replace("\u200c", "").replace("\u200d", ""))


class Lexicon:
    """Entries by key; phrases indexed by their first word so the longest match is cheap to find."""

    def __init__(self, entries: list[Entry]) -> None:
        self.entries: dict[str, list[Entry]] = {}
        self.max_len: dict[str, int] = {}
        for entry in entries:
            k = key(entry.hindi)
            if not k:
                continue
            bucket = self.entries.setdefault(k, [])
            if any(e.pos == entry.pos for e in bucket):
                continue  # the first entry of a part of speech wins (hand-written before CLDR)
            bucket.append(entry)
            words = k.split(" ")
            if len(words) > 1:
                self.max_len[words[0]] = max(self.max_len.get(words[0], 1), len(words))

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, k: str, pos: str | None = None) -> Entry | None:
        """The entry for key ``k`` (of part of speech ``pos`` when given)."""
        bucket = self.entries.get(k)
        if not bucket:
            return None
        if pos is None:
            return bucket[0]
        return next((e for e in bucket if e.pos == pos), None)

    def all(self, k: str) -> list[Entry]:
        """Every entry under key ``k``."""
        return self.entries.get(k, [])


def read_tsv(path: Path) -> list[Entry]:
    """Entries of a lexicon TSV file (lines starting with # are comments)."""
    entries = []
    source = path.stem
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) < 3 or parts[2].strip() not in POS_TAGS:
            raise ValueError(f"{path.name} line {lineno}: expected hindi<TAB>english<TAB>pos, got {line!r}")
        entries.append(Entry(parts[0].strip(), parts[1].strip(), parts[2].strip(), source))
    return entries


@cache
def word_classes() -> dict[str, frozenset[str]]:
    """The word classes of ``data/word_classes.tsv`` (class → its words), e.g. the verbs whose से-phrase is "with"."""
    classes: dict[str, set[str]] = {}
    for lineno, line in enumerate(WORD_CLASSES_PATH.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        name, sep, word = line.partition("\t")
        if not sep or not word.strip():
            raise ValueError(f"{WORD_CLASSES_PATH.name} line {lineno}: expected class<TAB>word, got {line!r}")
        classes.setdefault(name.strip(), set()).add(word.strip())
    return {name: frozenset(words) for name, words in classes.items()}


def word_class(name: str) -> frozenset[str]:
    """The words of one class of ``data/word_classes.tsv`` (KeyError for a class the file does not have)."""
    return word_classes()[name]


def cldr_entries() -> list[Entry]:
    """Country, region, language, month, weekday and currency names in Hindi and English, from Babel."""
    try:
        from babel import Locale
    except ImportError:  # pragma: no cover - babel is a runtime requirement
        return []
    hi, en = Locale("hi"), Locale("en")
    out: list[Entry] = []

    def pairs(hi_map, en_map, pos: str) -> None:
        for code, hindi in hi_map.items():
            english = en_map.get(code)
            if english and hindi and hindi != english:
                out.append(Entry(hindi, english, pos, "cldr"))

    pairs(hi.territories, en.territories, "name")
    pairs(hi.languages, en.languages, "name")
    for width in ("wide", "abbreviated"):
        pairs(hi.months["format"][width], en.months["format"]["wide"], "name")
        pairs(hi.months["stand-alone"][width], en.months["format"]["wide"], "name")
        pairs(hi.days["format"][width], en.days["format"]["wide"], "name")
    for code, hindi in hi.currencies.items():
        english = en.currencies.get(code)
        if english and "(" not in hindi:
            out.append(Entry(hindi, english, "n", "cldr"))
    for tz, names in hi.time_zones.items():
        city = names.get("city") if hasattr(names, "get") else None
        english_city = tz.split("/")[-1].replace("_", " ")
        if city and "/" in tz and not tz.startswith("Etc/"):
            out.append(Entry(city, english_city, "name", "cldr"))
    return out


@cache
def lexicon() -> Lexicon:
    """The shipped lexicon (hand-written entries first, then CLDR), loaded once."""
    return Lexicon(read_tsv(LEXICON_PATH) + cldr_entries())
