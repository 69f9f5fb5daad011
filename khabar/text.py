"""Hindi text handling: normalisation with an offset map, matching keys, digits, and sentence splitting."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator, Sequence

NUKTA = "\u093c"
CHANDRABINDU = "\u0901"
ANUSVARA = "\u0902"
VIRAMA = "\u094d"
ZERO_WIDTH = "\u200b\u200c\u200d\ufeff"

DEVANAGARI_DIGITS = "०१२३४५६७८९"
_TO_ASCII_DIGITS = str.maketrans(DEVANAGARI_DIGITS, "0123456789")
# What match_key folds character by character: nukta and zero-width characters out, chandrabindu to anusvara,
# Devanagari digits to ASCII (none of them is touched by NFC or the nasal-cluster rule).
_KEY_FOLDS = {**_TO_ASCII_DIGITS, ord(NUKTA): None, ord(CHANDRABINDU): ANUSVARA, **dict.fromkeys(map(ord, ZERO_WIDTH))}

# A nasal consonant + virama before a consonant is the older spelling of an anusvara (सम्बन्ध = संबंध).
_NASAL_CLUSTER = re.compile("[ङञणनम]" + VIRAMA + "(?=[क-ह])")


def normalize(text: str) -> tuple[str, Sequence[int]]:
    """NFC-normalise ``text`` and unify line endings; return it with a map from each index to ``text``.

    The map has one entry per character of the result plus one for its end, so a span ``[s, e)`` of the
    result is ``text[map[s]:map[e]]`` in the text as given. Where nothing changed it is a ``range`` (the
    identity, without a number per character).
    """
    if "\r" not in text and "\ufeff" not in text and unicodedata.is_normalized("NFC", text):
        return text, range(len(text) + 1)  # the usual case: nothing to change, the map is the identity
    pieces: list[str] = []
    mapping: list[int] = []
    position = 0
    # Normalise cluster by cluster (a base character and its combining marks) to keep a precise map.
    for match in re.finditer(r"\r\n|\r|[^\r][\u0300-\u036f\u0900-\u0903\u093a-\u094f\u0951-\u0957\u0962\u0963]*|\r", text):
        chunk = match.group()
        if chunk in ("\r\n", "\r"):
            normalised = "\n"
        else:
            normalised = unicodedata.normalize("NFC", chunk).replace("\ufeff", "") if position or chunk[0] != "\ufeff" else unicodedata.normalize("NFC", chunk[1:])
        for _ in normalised:
            mapping.append(match.start())
        pieces.append(normalised)
        position = match.end()
    mapping.append(len(text))
    return "".join(pieces), tuple(mapping)


def nfc(text: str) -> str:
    """The NFC form of ``text`` with Windows line endings unified."""
    return normalize(text)[0]


def match_key(text: str) -> str:
    """A key under which spelling variants of one Hindi word or name compare equal.

    Folds nukta (शहबाज़ ~ शहबाज), chandrabindu into anusvara (हँसी ~ हंसी), nasal clusters into anusvara
    (सम्बन्ध ~ संबंध), zero-width joiners, Devanagari digits and case.
    """
    # Words and short names come again and again (the gloss and the lexicons fold each word many times).
    return _short_key(text) if len(text) <= _SHORT_KEY else _fold_key(text)


def _fold_key(text: str) -> str:
    folded = unicodedata.normalize("NFC", unicodedata.normalize("NFD", text).translate(_KEY_FOLDS))
    return " ".join(_NASAL_CLUSTER.sub(ANUSVARA, folded).lower().split())


_SHORT_KEY = 48  # characters: a word or a name, never a whole text
_short_key = functools.lru_cache(maxsize=50_000)(_fold_key)


def name_key(text: str) -> str:
    """The matching key for a Hindi name (nukta, chandrabindu, nasal spelling and spacing folded)."""
    return match_key(text.replace("-", " ").replace("\u200c", "").replace("\u200d", ""))


def to_ascii_digits(text: str) -> str:
    """Replace Devanagari digits ०–९ with 0–9."""
    return text.translate(_TO_ASCII_DIGITS)


def has_devanagari(text: str) -> bool:
    """Whether ``text`` contains any Devanagari letter."""
    return any("\u0900" <= ch <= "\u097f" for ch in text)


def devanagari_share(text: str) -> float:
    """The share of letters in ``text`` that are Devanagari (0 where there are no letters)."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for ch in letters if "\u0900" <= ch <= "\u097f") / len(letters)


# Sentence splitting ---------------------------------------------------------------------------------

_HARD_STOPS = "।॥?!"
_CLOSERS = "\"'”’»)]"
ABBREVIATIONS = frozenset(
    {"डॉ", "श्री", "श्रीमती", "सुश्री", "प्रो", "कु", "स्व", "मो", "सं", "पृ", "ई", "ई.पू", "रु", "नं", "मि",
     "Dr", "Mr", "Mrs", "Ms", "Prof", "St", "No", "vs", "etc", "Jr", "Sr"}
)
# The names of Latin letters as Hindi news spells them, with their common variants (initials and acronyms).
LETTER_NAMES = {
    "A": ("ए",), "B": ("बी",), "C": ("सी",), "D": ("डी",), "E": ("ई",), "F": ("एफ", "एफ़"), "G": ("जी",),
    "H": ("एच", "एच्", "ऐच"), "I": ("आई",), "J": ("जे",), "K": ("के",), "L": ("एल",), "M": ("एम",),
    "N": ("एन",), "O": ("ओ",), "P": ("पी",), "Q": ("क्यू", "क्यु"), "R": ("आर",), "S": ("एस",), "T": ("टी",),
    "U": ("यू",), "V": ("वी", "व्ही"), "W": ("डब्ल्यू", "डब्लू", "डबल्यू"), "X": ("एक्स",), "Y": ("वाई",),
    "Z": ("ज़ेड", "जेड", "ज़ेड"),
}
# Latin letters as Hindi writes them, or one Latin capital: initials (ए. के. शर्मा, A. K. Sharma).
_HINDI_INITIALS = frozenset(form for forms in LETTER_NAMES.values() for form in forms)
_INITIAL = re.compile(r"^[A-Z]$")
_WORD_BEFORE = re.compile(r"([\w\u0900-\u097f.]+)$")


def _is_abbreviation_dot(text: str, dot: int) -> bool:
    # Look back only a word's length: searching from 0 made splitting quadratic in the text's length.
    match = _WORD_BEFORE.search(text, max(0, dot - 40), dot)
    if not match:
        return False
    word = match.group(1).rstrip(".")
    last = word.rsplit(".", 1)[-1]
    return word in ABBREVIATIONS or last in ABBREVIATIONS or last in _HINDI_INITIALS or bool(_INITIAL.match(last))


def _is_boundary_dot(text: str, i: int) -> bool:
    before = text[i - 1] if i else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    if after == "." or before == ".":  # an ellipsis
        return False
    if before.isdigit() and after.isdigit():  # a decimal
        return False
    if after and not (after.isspace() or after in _CLOSERS):
        return False
    return not _is_abbreviation_dot(text, i)


def sentence_spans(text: str) -> list[tuple[int, int, int]]:
    """Split ``text`` into sentences: a list of ``(start, end, paragraph)`` with no surrounding space.

    Ends a sentence at । ॥ ? ! and at a full stop that is not part of an abbreviation, an initial, a
    decimal or an ellipsis; keeps closing quotes with their sentence; a line break always ends one (a
    heading on its own line is a sentence), and a new line starts a new paragraph. Nothing is lost:
    the spans and the whitespace between them rebuild ``text`` exactly.
    """
    spans: list[tuple[int, int, int]] = []
    paragraph = 0
    start: int | None = None
    i = 0
    n = len(text)

    def close(end: int) -> None:
        nonlocal start
        if start is not None:
            while end > start and text[end - 1].isspace():
                end -= 1
            if end > start:
                spans.append((start, end, paragraph))
        start = None

    while i < n:
        ch = text[i]
        if ch == "\n":
            close(i)
            if spans and spans[-1][2] == paragraph:
                paragraph += 1
            i += 1
            continue
        if start is None:
            if ch.isspace():
                i += 1
                continue
            start = i
        if ch in _HARD_STOPS or (ch == "." and _is_boundary_dot(text, i)) or ch == "…" and _ends_after(text, i):
            end = i + 1
            while end < n and text[end] in _HARD_STOPS:
                end += 1
            while end < n and text[end] in _CLOSERS:
                end += 1
            close(end)
            i = end
            continue
        i += 1
    close(n)
    return spans


_LINE_END_AHEAD = re.compile(r"[ \t]*(?:\n|\Z)")


def _ends_after(text: str, i: int) -> bool:
    # An ellipsis ends a sentence only at a line end or the end of the text. Matched in place: a copy of the
    # rest of the text at every ellipsis made splitting quadratic.
    return _LINE_END_AHEAD.match(text, i + 1) is not None


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text`` as strings (see ``sentence_spans``)."""
    return [text[s:e] for s, e, _ in sentence_spans(text)]


# A word (hyphenated words whole) or one other non-space character: what ``tokens`` finds.
TOKEN = re.compile(r"[\w\u0900-\u0963\u0966-\u097f]+(?:[-'’.][\w\u0900-\u0963\u0966-\u097f]+)*|\S")


def tokens(text: str) -> Iterator[tuple[int, int, str]]:
    """Word and punctuation tokens of ``text`` as ``(start, end, token)``; hyphenated words stay whole."""
    for match in TOKEN.finditer(text):
        yield match.start(), match.end(), match.group()


def shorten(text: str, limit: int) -> str:
    """``text`` on one line, cut at a word boundary to at most ``limit`` characters, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    space = text[:limit].rfind(" ")
    # A single very long word is cut mid-word rather than leaving almost nothing.
    cut = text[:space] if space > limit // 2 else text[: limit - 1]
    return cut.rstrip(" ,;:.-–—(") + "…"


def plural(count: int, word: str, many: str | None = None) -> str:
    """``count`` with ``word`` in the right number: ``1 sentence``, ``2 sentences``, ``1,204 entities``."""
    if count == 1:
        return f"1 {word}"
    if many is None:
        many = word[:-1] + "ies" if word.endswith("y") and word[-2:-1] not in "aeiou" else word + "s"
    return f"{count:,} {many}"
