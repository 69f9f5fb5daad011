"""Readable English transliteration of Hindi (with schwa deletion) and an English-name lexicon lookup.

``transliterate`` writes Hindi the way English-language news spells Indian and foreign names
(पाकिस्तान → Pakistan, शहबाज़ → Shahbaz, नरेंद्र → Narendra), not a scholarly romanisation.
``english_name`` looks a name, place or organisation up in the lexicons shipped in
``khabar/entities/data`` (मोदी → Modi, संयुक्त राष्ट्र → United Nations).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from khabar.entities.lexicon import lexicon
from khabar.text import name_key as name_key  # where it lived; the name lexicons read it from khabar.text
from khabar.text import to_ascii_digits
from khabar.translate.loanwords import acronym, loanword
from khabar.translate.romanised import frequency, usual_spelling

_VIRAMA = "\u094d"
_NUKTA = "\u093c"

_CONSONANTS = {
    "क": "k", "ख": "kh", "ग": "g", "घ": "gh", "ङ": "n",
    "च": "ch", "छ": "chh", "ज": "j", "झ": "jh", "ञ": "n",
    "ट": "t", "ठ": "th", "ड": "d", "ढ": "dh", "ण": "n",
    "त": "t", "थ": "th", "द": "d", "ध": "dh", "न": "n",
    "प": "p", "फ": "ph", "ब": "b", "भ": "bh", "म": "m",
    "य": "y", "र": "r", "ल": "l", "व": "v", "ळ": "l",
    "श": "sh", "ष": "sh", "स": "s", "ह": "h",
}
# Consonant + nukta: the Perso-Arabic and flapped sounds.
_NUKTA_CONSONANTS = {"क": "q", "ख": "kh", "ग": "gh", "ज": "z", "ड": "r", "ढ": "rh", "फ": "f", "य": "y", "झ": "zh"}
_PRECOMPOSED_NUKTA = {"क़": "क", "ख़": "ख", "ग़": "ग", "ज़": "ज", "ड़": "ड", "ढ़": "ढ", "फ़": "फ", "य़": "य"}

_VOWELS = {
    "अ": "a", "आ": "a", "इ": "i", "ई": "i", "उ": "u", "ऊ": "u", "ऋ": "ri", "ए": "e", "ऐ": "ai",
    "ओ": "o", "औ": "au", "ऑ": "o", "ऍ": "e", "ऎ": "e", "ऒ": "o", "ॠ": "ri", "ऌ": "li",
}
_MATRAS = {
    "\u093e": "a", "\u093f": "i", "\u0940": "i", "\u0941": "u", "\u0942": "u", "\u0943": "ri",
    "\u0947": "e", "\u0948": "ai", "\u094b": "o", "\u094c": "au", "\u0949": "o", "\u0945": "e",
    "\u0946": "e", "\u094a": "o", "\u0944": "ri",
}
_ANUSVARA = "\u0902"
_CHANDRABINDU = "\u0901"
_VISARGA = "\u0903"
_LABIALS = set("पफबभम")
# A word-final cluster keeps its schwa when it ends in one of these (मिश्र Mishra, धर्म Dharma, कृष्ण Krishna)
# or when it is two stops (गुप्त Gupta, भक्त Bhakta); not after र् or a sibilant (पार्क Park, दोस्त Dost).
_KEEP_FINAL_AFTER = set("रयवलमनण")
_STOPS = set("कखगघचछजझटठडढतथदधपफबभ")

_PUNCT = {"।": ".", "॥": ".", "॰": "."}


class _Unit:
    __slots__ = ("cons", "roman", "vowel", "explicit", "coda", "after_virama", "cluster_first")

    def __init__(self, cons: str | None, roman: str, vowel: str | None, explicit: bool) -> None:
        self.cons = cons  # the base consonant letter, or None for an independent vowel
        self.roman = roman
        self.vowel = vowel  # "a" for an inherent schwa, a matra's value, or None (virama)
        self.explicit = explicit  # True unless the vowel is the inherent schwa
        self.coda = ""  # anusvara, chandrabindu or visarga sound after the vowel
        self.after_virama = False
        self.cluster_first: str | None = None


def _parse(word: str) -> list[_Unit]:
    units: list[_Unit] = []
    i = 0
    n = len(word)
    while i < n:
        ch = word[i]
        if ch in _PRECOMPOSED_NUKTA:
            ch = _PRECOMPOSED_NUKTA[ch]
            word = word[:i] + ch + _NUKTA + word[i + 1 :]
            n = len(word)
        if ch in _CONSONANTS:
            roman = _CONSONANTS[ch]
            j = i + 1
            if j < n and word[j] == _NUKTA:
                roman = _NUKTA_CONSONANTS.get(ch, roman)
                j += 1
            unit = _Unit(ch, roman, "a", False)
            if units and units[-1].cons and units[-1].vowel is None:
                unit.after_virama = True
                unit.cluster_first = units[-1].cons if not units[-1].after_virama else units[-1].cluster_first
            if j < n and word[j] == _VIRAMA:
                unit.vowel = None
                unit.explicit = True
                j += 1
            elif j < n and word[j] in _MATRAS:
                unit.vowel = _MATRAS[word[j]]
                unit.explicit = True
                j += 1
            units.append(unit)
            i = j
        elif ch in _VOWELS:
            units.append(_Unit(None, "", _VOWELS[ch], True))
            i += 1
        elif ch in (_ANUSVARA, _CHANDRABINDU, _VISARGA):
            if units:
                units[-1].coda += ch
            i += 1
        elif ch in _MATRAS:  # a stray matra: read it as its vowel
            units.append(_Unit(None, "", _MATRAS[ch], True))
            i += 1
        else:
            i += 1
    return units


def _delete_schwas(units: list[_Unit]) -> None:
    """Drop inherent schwas Hindi does not pronounce: word-final, and in a V C _ C V context (right to left)."""
    if not units:
        return
    last = units[-1]
    if len(units) > 1 and last.cons and last.vowel == "a" and not last.explicit and not last.coda:
        keep = False
        if last.after_virama:
            first = last.cluster_first or ""
            keep = (last.cons in _KEEP_FINAL_AFTER and first != "र") or (first in _STOPS and last.cons in _STOPS)
        if not keep:
            last.vowel = None
    for k in range(len(units) - 2, 0, -1):
        unit = units[k]
        if not unit.cons or unit.vowel != "a" or unit.explicit or unit.coda:
            continue
        before = units[k - 1]
        after = units[k + 1]
        if before.vowel is None:
            continue
        if not after.cons or after.vowel is None:
            continue
        unit.vowel = None


def _romanize_word(word: str) -> str:
    units = _parse(word)
    _delete_schwas(units)
    return _render(units, word)


def _render(units: list[_Unit], word: str) -> str:
    out: list[str] = []
    for k, unit in enumerate(units):
        roman = unit.roman
        if unit.cons == "व" and (unit.after_virama or (k > 0 and unit.vowel == "a" and unit.explicit)):
            # स्वामी Swami, केजरीवाल Kejriwal, मायावती Mayawati; but विवेक Vivek, यादव Yadav
            roman = "w"
        if unit.cons == "व" and k == 0 and unit.vowel == "u":
            roman = "w"  # वु reads "wu" (वुहान Wuhan); English hardly spells a name with "vu"
        if unit.cons == "य" and unit.vowel is None and k > 0 and units[k - 1].vowel in ("a",) and units[k - 1].explicit:
            # आय before a consonant reads "ai" in names (रायसी Raisi, रायपुर Raipur)
            roman = "i"
        out.append(roman)
        if unit.vowel is not None:
            out.append(unit.vowel)
        for mark in unit.coda:
            if mark == _VISARGA:
                out.append("h")
            else:
                nxt = units[k + 1].cons if k + 1 < len(units) else None
                if nxt == "ह" and k + 2 == len(units):
                    out.append("ng")  # सिंह Singh
                else:
                    out.append("m" if nxt in _LABIALS else "n")
    text = "".join(out)
    # ज्ञ reads "gy" in Hindi (ज्ञान gyan); क्ष is fine as ksh.
    return text.replace("jn", "gy") if "ज्ञ" in word else text


_WORD = re.compile(r"[\u0900-\u0963\u0971-\u097f]+")


def transliterate(hindi: str, *, title: bool = True) -> str:
    """Readable English transliteration of ``hindi`` with schwa deletion (पाकिस्तान → Pakistan).

    Devanagari words are romanised (Title Case when ``title``); digits become ASCII; other text is kept.
    """
    text = unicodedata.normalize("NFC", hindi)
    text = to_ascii_digits(text)

    def word(match: re.Match) -> str:
        roman = _romanize_word(match.group())
        return roman[:1].upper() + roman[1:] if title else roman

    text = _WORD.sub(word, text)
    return "".join(_PUNCT.get(ch, ch) for ch in text)


# A name with more inherent vowels than this has its readings varied only over the last ones.
_MAX_VARIED_SCHWAS = 4


def readings(word: str) -> list[str]:
    """The romanisations a Devanagari word can have as a name, the rule's own first: every inherent vowel after
    the first letter kept or dropped (कमला Kamla, Kamala; फडणवीस Phadanvis, Phadnavis...)."""
    units = _parse(unicodedata.normalize("NFC", word))
    if not units:
        return []
    default = [_copy(u) for u in units]
    _delete_schwas(default)
    out = [_render(default, word)]
    last = len(units) - 1
    varied = [k for k, u in enumerate(units) if k and u.cons and not u.explicit and not u.coda][-_MAX_VARIED_SCHWAS:]
    for mask in range(1 << len(varied)):
        reading = [_copy(u) for u in default]
        for bit, k in enumerate(varied):
            reading[k].vowel = "a" if mask >> bit & 1 else None
        # A dropped vowel leaves no cluster at the word's end (अटल is not "Atl") and none of one consonant twice
        # (मेनन is not "Menn"): such a reading is no one's spelling.
        if all(k == last or reading[k].vowel is not None
               or (reading[k + 1].cons != reading[k].cons and (reading[k + 1].vowel is not None or k + 1 < last))
               for k in varied):
            out.append(_render(reading, word))
    return list(dict.fromkeys(out))


def _copy(unit: _Unit) -> _Unit:
    twin = _Unit(unit.cons, unit.roman, unit.vowel, unit.explicit)
    twin.coda, twin.after_virama, twin.cluster_first = unit.coda, unit.after_virama, unit.cluster_first
    return twin


@lru_cache(maxsize=65536)
def usual_name_spelling(word: str) -> tuple[str, float] | None:
    """A Devanagari name as English usually spells it (दीपक Deepak, श्रीवास्तव Srivastava) with its Zipf
    frequency, from the romanised-name index; None where English text has no such word."""
    found = readings(word)
    if not found:
        return None
    usual = usual_spelling(found, found[0])
    return (usual[0][:1].upper() + usual[0][1:], usual[1]) if usual else None


def english_spelling(word: str, *, person: bool = False) -> str:
    """One word of a name in English: an acronym's capitals (डीडीए DDA), an English word's own spelling
    (डिस्ट्रिक्ट District, हडसन Hudson), the spelling English text gives the name (दीपक Deepak), else a
    readable transliteration (कमल Kamal).

    In a person's name only words English itself writes as names count (जेनिफर Jennifer, गॉर्डन Gordon),
    so a native name that sounds like a common English word keeps its transliteration (राम Ram, not "ram").
    Where both an English word and a romanised name fit, the one English writes more often wins (मोदी Modi,
    not Mahdi; माइकल Michael, not Maikal).
    """
    caps = acronym(word)
    if caps:
        return caps
    english = loanword(word, name=person)
    usual = usual_name_spelling(word)
    if english and (usual is None or frequency(english) >= usual[1]):
        return english[:1].upper() + english[1:]
    return usual[0] if usual else transliterate(word)


# Lexicon lookup -------------------------------------------------------------------------------------------

def english_name(hindi: str) -> str | None:
    """The English name of a person, place or organisation written in Hindi, from the shipped lexicons."""
    entry = lexicon().lookup(hindi)
    return entry.english if entry else None


# The last words of Indian place names that English writes as they are, not translated (Lajpat Nagar, Mayur Vihar,
# Chandni Chowk, Karol Bagh, Ramlila Maidan, Hazratganj's Ganj); गांव, जिला, नदी are translated (village, district).
KEPT_PLACE_HEADS = {name_key(hindi): english for hindi, english in (
    ("नगर", "Nagar"), ("विहार", "Vihar"), ("चौक", "Chowk"), ("बाग", "Bagh"), ("मार्ग", "Marg"), ("मैदान", "Maidan"),
    ("गंज", "Ganj"), ("पुरी", "Puri"), ("पुरम", "Puram"), ("मंडी", "Mandi"), ("घाट", "Ghat"))}
