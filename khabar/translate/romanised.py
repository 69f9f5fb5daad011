"""Names as English text spells them: of the ways a Devanagari name can be romanised, the one English uses most.

Hindi writes a name one way; English news writes it after conventions no letter-by-letter rule captures
(दीपक Deepak, मिश्रा Mishra, श्रीवास्तव Srivastava, नवाज Nawaz, कमला Kamala, फडणवीस Fadnavis). This module
keeps an index of the words of English text (``wordfreq``'s English list, ``large``) under a loose key that
folds what romanisations of one Devanagari spelling differ by (ee/i, oo/u, w/v, ph/f, z/j, doubled letters,
final y/ey, x/ks...). ``khabar.translit`` offers the readings a name can have (each inherent vowel kept or
dropped); the most frequent English word under their keys is the spelling.

Common English words (the lower-case entries of the system word list) are left out of the loose match, so
बोस stays Bos and not "boss"; one counts only where it is exactly the rule's own reading (राम Ram).

The index is built, with the loanword index, by ``python -m khabar.translate.loanwords build`` into ``data/romanised.tsv.gz`` and loaded
on first use; where it is missing the rule's reading stands.
"""

from __future__ import annotations

import gzip
import math
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
INDEX_PATH = DATA_DIR / "romanised.tsv.gz"
# English words rarer than this (Zipf scale) are left out: below it wordfreq's list is mostly typos and handles.
MIN_ZIPF = 1.5
# Keys shorter than this match too much (a two-letter key is a syllable, not a name).
MIN_KEY_LENGTH = 3
COMMON_WORDS = Path("/usr/share/dict/words")
# Marks a common English word in the index: it counts only as the rule's exact reading.
COMMON_MARK = "*"
# Spellings kept under one key, so a reading that is itself a rarer English word is known as one (Nadda, nada).
PER_KEY = 4
# Another reading must be this much more frequent (Zipf) than the rule's own, where that is an English word.
MARGIN = 0.3

# What English spellings of one romanised name differ by, folded in this order: a literal (str) or a pattern.
_FOLDS: tuple[tuple[str | re.Pattern, str], ...] = (
    ("x", "ks"), ("ksh", "ks"), (re.compile(r"^shr"), "sr"), ("ph", "f"), ("gh", "g"), ("th", "t"), ("ck", "k"),
    (re.compile(r"c(?=[eiy])"), "s"), (re.compile(r"c(?!h)"), "k"), ("q", "k"), ("w", "v"), ("z", "j"),
    (re.compile(r"ey$"), "e"), (re.compile(r"y$"), "i"), ("ee", "i"), ("oo", "u"), ("ou", "u"),
    (re.compile(r"(?<=[aeiou])h$"), ""), ("eh", "ah"), ("iy", "i"), (re.compile(r"ay(?=[^aeiou])"), "ai"),
    ("aur", "or"), (re.compile(r"ore$"), "or"), (re.compile(r"aon$"), "anv"), (re.compile(r"er(?=[^aeiou])"), "ar"),
    (re.compile(r"([a-z])\1+"), r"\1"),
)
_LATIN_WORD = re.compile(r"^[a-z]+$")
_DOUBLED = re.compile(r"([b-df-hj-np-tv-z])\1")


def latin_key(word: str) -> str:
    """The loose key of a Latin spelling (Srivastava and shrivastava share one; Deepak and dipak too)."""
    key = word.lower()
    for pattern, replacement in _FOLDS:
        key = key.replace(pattern, replacement) if isinstance(pattern, str) else pattern.sub(replacement, key)
    return key


def first_line_at(blob: bytes, target: bytes) -> int:
    """Offset of the first line of ``blob`` (sorted ``key<TAB>...`` lines) whose key is >= ``target``, by binary
    search in place (no parsing)."""
    lo, hi = 0, len(blob)
    while lo < hi:
        mid = (lo + hi) // 2
        start = blob.rfind(b"\n", 0, mid) + 1
        end = blob.find(b"\n", start)
        end = len(blob) if end < 0 else end
        tab = blob.find(b"\t", start, end)
        if blob[start : tab if tab >= 0 else end] < target:
            lo = end + 1
        else:
            hi = start
    return lo


def read_index(path: Path) -> bytes:
    """A shipped index file's sorted lines, decompressed (empty where the file is missing)."""
    try:
        return gzip.decompress(path.read_bytes())
    except OSError:
        return b""


@cache
def _index() -> bytes:
    """The shipped index as sorted ``key<TAB>word<TAB>zipf`` lines (searched in place)."""
    return read_index(INDEX_PATH)


@cache
def _entries(key: str) -> tuple[tuple[str, float, bool], ...]:
    """The (word, zipf, common) entries filed under ``key``: at most a proper one and a common one."""
    blob = _index()
    target = key.encode("ascii", "ignore")
    if not target or target.startswith(b"#"):
        return ()
    lo = first_line_at(blob, target)
    out = []
    while lo < len(blob):
        end = blob.find(b"\n", lo)
        end = len(blob) if end < 0 else end
        line_key, word, zipf = blob[lo:end].split(b"\t")
        if line_key != target:
            break
        common = word.startswith(COMMON_MARK.encode())
        out.append((word.lstrip(COMMON_MARK.encode()).decode("ascii"), int(zipf) / 100, common))
        lo = end + 1
    return tuple(out)


def frequency(word: str) -> float:
    """The Zipf frequency of an English word as the index has it (0.0 where it is not there)."""
    word = word.lower()
    return max((zipf for w, zipf, _ in _entries(latin_key(word)) if w == word), default=0.0)


def usual_spelling(readings: Iterable[str], default: str) -> tuple[str, float] | None:
    """The English word, of those filed under the readings' keys, that English writes most, with its Zipf
    frequency; else None.

    ``default`` is the rule's own reading: a common English word counts only where it is exactly that, and
    where it is an English word itself another must be MARGIN more frequent to replace it.
    """
    default = default.lower()
    if len(latin_key(default)) < MIN_KEY_LENGTH:
        return None
    best: tuple[float, str] | None = None
    own = 0.0
    for reading in readings:
        key = latin_key(reading)
        if len(key) < MIN_KEY_LENGTH:
            continue
        doubled = len(_DOUBLED.findall(reading))
        for word, zipf, common in _entries(key):
            if word == default:
                own = max(own, zipf)
            if (common and word != default) or len(_DOUBLED.findall(word)) < doubled:
                continue  # a common word by folding only (boss for बोस); a geminate lost (nada for नड्डा)
            if best is None or zipf > best[0]:
                best = (zipf, word)
    if best is None:
        return None
    if own and best[1] != default and best[0] < own + MARGIN:
        return default, own
    return best[1], best[0]


# Building ---------------------------------------------------------------------------------------------------------
def _common_words() -> set[str]:
    """The lower-case words of the system word list (Debian wamerican): English's own vocabulary. A word it
    also writes as a name (Oxford, Boss) stays common: the loanword index reads those."""
    try:
        return {w for w in COMMON_WORDS.read_text(encoding="utf-8", errors="replace").split() if w[:1].islower()}
    except OSError:
        return set()


def build_index() -> dict[tuple[str, bool], list[tuple[float, str]]]:
    """(key, common) → the most frequent English words under that key (PER_KEY at most, most frequent first),
    with their Zipf frequencies."""
    import wordfreq

    common = _common_words()
    found: dict[tuple[str, bool], list[tuple[float, str]]] = {}
    for word, freq in wordfreq.get_frequency_dict("en", wordlist="large").items():
        if not _LATIN_WORD.match(word):
            continue
        zipf = math.log10(freq * 1e9)
        if zipf < MIN_ZIPF:
            continue
        key = latin_key(word)
        if len(key) < MIN_KEY_LENGTH:
            continue
        found.setdefault((key, word in common), []).append((zipf, word))
    return {slot: sorted(words, reverse=True)[:PER_KEY] for slot, words in found.items()}


def write_index(path: Path = INDEX_PATH) -> int:
    """Build the index and write it as gzip TSV with its provenance header; return the number of lines."""
    import importlib.metadata as md

    index = build_index()
    header = (
        "# Khabar romanised-name index: loose key<TAB>English word (* before a common English word)<TAB>Zipf x 100.\n"
        f"# Built by `python -m khabar.translate.loanwords build` from wordfreq {md.version('wordfreq')} English "
        f"('large' list, data CC BY-SA 4.0), words at least Zipf {MIN_ZIPF}, the {PER_KEY} most frequent a key; "
        "common words from /usr/share/dict/words (Debian wamerican, public domain).\n"
    )
    lines = sorted(
        f"{key}\t{COMMON_MARK if is_common else ''}{word}\t{round(zipf * 100)}"
        for (key, is_common), words in index.items() for zipf, word in words
    )
    body = "\n".join(lines).encode("ascii")
    path.write_bytes(gzip.compress(header.encode("utf-8") + body + b"\n", compresslevel=9, mtime=0))
    return len(lines)
