"""The name lexicons: Hindi forms of people, places, organisations and nationalities with English names.

The data lives in ``khabar/entities/data/*.tsv`` (``hindi<TAB>english<TAB>type``, ``#`` comments). Types:
PER (a known person), GIVEN and SURNAME (parts of personal names), LOC, ORG, NORP. ``places_cldr.tsv`` is
generated from the Unicode CLDR territory names in Babel: ``python -m khabar.entities.lexicon``;
``places_geonames.tsv`` (``khabar.entities.places``) gives the English of towns and cities, for lookups only.
Lookups fold nukta, chandrabindu and nasal spellings through ``khabar.text.name_key``; a multi-word name
with one word a spelling slip away from a known name's (सिएस्तान-बलूचिस्तान for सिस्तान-बलूचिस्तान) is found by
``Lexicon.fuzzy``, so the lexicons list usual spellings only.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from khabar.text import name_key

DATA_DIR = Path(__file__).resolve().parent / "data"
# Town and city names from GeoNames (``khabar.entities.places``): consulted for a name's English only, never to
# find names, because many Hindi towns share a spelling with a word.
PLACES_PATH = DATA_DIR / "places_geonames.tsv"
SOFT_GAZETTEER_PATH = DATA_DIR / "soft_gazetteer.tsv"
COUNTS_PATH = DATA_DIR / "word_counts.tsv"
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

    def __init__(self, entries: list[Entry], places: Sequence[Entry] = ()) -> None:
        self.places = {name_key(e.hindi): e for e in places}
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
            if not self.may_be_slip(word, rare):
                continue
            for known, key in self.masked.get((*words[:j], None, *words[j + 1 :]), ()):
                if within_one_edit(word, known):
                    return self.by_key[key][0]
        return None

    def may_be_slip(self, word: str, rare: Callable[[str], bool] | None = None) -> bool:
        """Whether ``fuzzy`` may read ``word`` (a matching key) as a misspelt word of a known name: long enough,
        not itself in the lexicon, and ``rare``."""
        return len(word) >= FUZZY_MIN_LENGTH and word not in self.by_key and (rare is None or rare(word))

    def entries(self, hindi: str) -> list[Entry]:
        """Every entry for ``hindi`` (best first)."""
        return self.by_key.get(name_key(hindi), [])

    def lookup(self, hindi: str) -> Entry | None:
        """The best entry for ``hindi``; a multi-word name made of known given names and surnames, or a known
        name with one word misspelt, also counts; else a town or city of that name."""
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
        return self.fuzzy(words) or self.places.get(" ".join(words))

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
        if path != PLACES_PATH:
            entries.extend(read_tsv(path))
    return Lexicon(entries, read_tsv(PLACES_PATH) if PLACES_PATH.exists() else ())


_COMPASS_SHORT = {"Northern": "North", "Southern": "South", "Eastern": "East", "Western": "West", "Middle": "Central"}


def _prose_region(name: str) -> str:
    """A UN region's name as English prose writes it: Northern America and Eastern Asia are North America and
    East Asia (Europe keeps Eastern Europe, and Southern Africa is a region of its own)."""
    first, _, rest = name.partition(" ")
    if first in _COMPASS_SHORT and rest in ("Asia", "America", "Africa") and name != "Southern Africa":
        return f"{_COMPASS_SHORT[first]} {rest}"
    return name


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
        if code.isdigit():
            name_en = _prose_region(name_en)
        entries.append(Entry(name_hi, name_en, "LOC"))
    return entries


def write_cldr(path: Path = DATA_DIR / "places_cldr.tsv") -> int:
    """Write ``places_cldr.tsv`` from CLDR; return how many entries it holds."""
    entries = cldr_places()
    lines = ["# Generated by python -m khabar.entities.lexicon from Unicode CLDR (Babel). Unicode licence."]
    lines += [f"{e.hindi}\t{e.english}\t{e.type}" for e in entries]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(entries)


# Titles and honorifics stripped from person mentions before matching (longest first when multi-word).
TITLES = tuple(
    sorted(
        (
            "राष्ट्रपति", "उपराष्ट्रपति", "प्रधानमंत्री", "प्रधान मंत्री", "पूर्व प्रधानमंत्री", "पूर्व राष्ट्रपति",
            "मुख्यमंत्री", "मुख्य मंत्री", "उपमुख्यमंत्री", "मंत्री", "केंद्रीय मंत्री", "विदेश मंत्री", "गृह मंत्री",
            "रक्षा मंत्री", "वित्त मंत्री", "राज्यपाल", "सांसद", "विधायक", "नेता", "अध्यक्ष", "महासचिव", "सचिव",
            "न्यायाधीश", "जज", "मुख्य न्यायाधीश", "सर्वोच्च नेता", "जनरल", "सेना प्रमुख", "राजदूत", "प्रवक्ता",
            "श्री", "श्रीमती", "सुश्री", "कुमारी", "डॉ", "डॉ.", "डॉक्टर", "प्रो", "प्रो.", "प्रोफेसर", "मौलाना", "शेख",
            "महाराज", "स्वामी", "पंडित", "मिस्टर", "मिसेज", "सर", "कैप्टन", "कर्नल", "मेजर", "ब्रिगेडियर",
            "इमाम", "अयातुल्ला", "राजा", "रानी", "प्रिंस", "किंग", "क्वीन", "युवराज",
            # Ranks and posts of police, administration and firms: news names people by them.
            "डीसीपी", "एसीपी", "डीएसपी", "एसपी", "एसएसपी", "एसएचओ", "एसआई", "एएसआई", "आईजी", "डीआईजी", "डीजीपी",
            "एडीजी", "एसडीएम", "डीएम", "एडीएम", "सीओ", "बीडीओ", "इंस्पेक्टर", "सब-इंस्पेक्टर", "सब इंस्पेक्टर",
            "दरोगा", "दारोगा", "थानाध्यक्ष", "थाना प्रभारी", "कांस्टेबल", "हेड कांस्टेबल", "सिपाही", "हवलदार",
            "कमिश्नर", "पुलिस कमिश्नर", "आयुक्त", "पुलिस आयुक्त", "उपायुक्त", "पुलिस उपायुक्त", "कलेक्टर", "जिलाधिकारी",
            "जिलाधीश", "तहसीलदार", "पटवारी", "सरपंच", "प्रधान", "ग्राम प्रधान", "पार्षद", "मेयर", "महापौर",
            "मैनेजर", "प्रबंधक", "महाप्रबंधक", "डायरेक्टर", "निदेशक", "चेयरमैन", "सीईओ", "एमडी", "प्रिंसिपल",
            "प्राचार्य", "कुलपति", "एडवोकेट", "अधिवक्ता", "वकील", "संपादक", "कोच", "कप्तान", "अधिकारी",
            "लेखक", "कवि", "अभिनेता", "अभिनेत्री", "खिलाड़ी", "प्रमुख",
        ),
        key=lambda t: -len(t.split()),
    )
)
HONORIFICS = ("जी", "साहब", "साहिब", "जी.")
# Titles that the annotated news keeps inside the name (संत कबीर, राजा राममोहन राय, स्वामी विवेकानंद): counted
# in IL-NER train, where these start a gold person more often than they stand before one.
NAME_TITLES = ("संत", "राजा", "रानी", "मौलाना", "स्वामी", "युवराज", "शेख", "महाराज", "पंडित", "अयातुल्ला", "इमाम",
               "प्रिंस", "किंग", "क्वीन")
_TITLE_KEYS = tuple(name_key(t).split() for t in TITLES)
_HONORIFIC_KEYS = {name_key(h) for h in HONORIFICS}


def strip_titles(words: list[str]) -> list[str]:
    """The words of a person mention without leading titles and trailing honorifics (never empty)."""
    changed = True
    while changed and len(words) > 1:
        changed = False
        for title in _TITLE_KEYS:
            if len(words) > len(title) and words[: len(title)] == title:
                words = words[len(title) :]
                changed = True
                break
    while len(words) > 1 and words[-1] in _HONORIFIC_KEYS:
        words = words[:-1]
    return words


if __name__ == "__main__":
    print(f"wrote {write_cldr()} CLDR place names")


@cache
def word_counts(path: Path = COUNTS_PATH) -> dict[str, int]:
    """How often each word occurs in the unlabelled text (words seen once are absent)."""
    counts = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            word, _, count = line.partition("\t")
            if count.isdigit():
                counts[word] = int(count)
    return counts


def read_soft_gazetteer(path: Path = SOFT_GAZETTEER_PATH) -> dict[str, set[str]]:
    """``word<TAB>type,type`` lines: words that another corpus (HiNER) mostly tags as names (the
    taggers' features, and the gloss's test of a name)."""
    found: dict[str, set[str]] = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            word, _, types = line.partition("\t")
            if word and types:
                found[word] = set(types.split(","))
    return found
