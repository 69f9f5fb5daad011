"""Numbers in Hindi and English: one table of Hindi number words and scales, and one way to write a number in
English. The gloss, the entity rules, the time tagger and the metrics all read these.

Keys are the project's matching keys (``khabar.text.match_key``), so spelling variants (nukta or not,
chandrabindu or anusvara) find the same entry.
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal
from functools import cache

from babel.numbers import format_compact_decimal, format_decimal

from khabar.text import match_key

# 1 to 100 in order: the Hindi cardinals are irregular, so each is written out.
_ONE_TO_HUNDRED = ["एक", "दो", "तीन", "चार", "पांच", "छह", "सात", "आठ", "नौ", "दस", "ग्यारह", "बारह", "तेरह", "चौदह", "पंद्रह", "सोलह", "सत्रह", "अठारह", "उन्नीस", "बीस", "इक्कीस", "बाईस", "तेईस", "चौबीस", "पच्चीस", "छब्बीस", "सत्ताईस", "अट्ठाईस", "उनतीस", "तीस", "इकतीस", "बत्तीस", "तैंतीस", "चौंतीस", "पैंतीस", "छत्तीस", "सैंतीस", "अड़तीस", "उनतालीस", "चालीस", "इकतालीस", "बयालीस", "तैंतालीस", "चवालीस", "पैंतालीस", "छियालीस", "सैंतालीस", "अड़तालीस", "उनचास", "पचास", "इक्यावन", "बावन", "तिरपन", "चौवन", "पचपन", "छप्पन", "सत्तावन", "अट्ठावन", "उनसठ", "साठ", "इकसठ", "बासठ", "तिरसठ", "चौंसठ", "पैंसठ", "छियासठ", "सड़सठ", "अड़सठ", "उनहत्तर", "सत्तर", "इकहत्तर", "बहत्तर", "तिहत्तर", "चौहत्तर", "पचहत्तर", "छिहत्तर", "सतहत्तर", "अठहत्तर", "उन्यासी", "अस्सी", "इक्यासी", "बयासी", "तिरासी", "चौरासी", "पचासी", "छियासी", "सत्तासी", "अट्ठासी", "नवासी", "नब्बे", "इक्यानवे", "बानवे", "तिरानवे", "चौरानवे", "पचानवे", "छियानवे", "सत्तानवे", "अट्ठानवे", "निन्यानवे", "सौ"]
# Other spellings and words with a value of their own.
_OTHER_WORDS = {
    "शून्य": 0, "पाँच": 5, "छः": 6, "छै": 6, "छे": 6, "छ": 6, "पन्द्रह": 15, "इकत्तीस": 31, "उनचालीस": 39,
    "सैकड़ा": 100, "डेढ़": Decimal("1.5"), "ढाई": Decimal("2.5"),
}
# Scales multiply what stands before them (पांच लाख, दो हज़ार करोड़); English scale words as Hindi writes them.
_NATIVE_SCALES = {
    "सौ": 100, "हज़ार": 1_000, "हजार": 1_000, "लाख": 100_000, "करोड़": 10_000_000, "करोड": 10_000_000,
    "अरब": 10**9, "खरब": 10**11,
}
_LOAN_SCALES = {"मिलियन": 10**6, "बिलियन": 10**9, "ट्रिलियन": 10**12}
_SCALES = {**_NATIVE_SCALES, **_LOAN_SCALES}
# Fractions written before a number: साढ़े सात = 7.5, सवा दो = 2.25, पौने तीन = 2.75; alone, सवा is 1.25.
_PREFIXES = {"साढ़े": Decimal("0.5"), "सवा": Decimal("0.25"), "पौने": Decimal("-0.25")}
# The same tables by surface spelling (NFC, as article text is), for callers that match the text itself.
HINDI_UNIT_WORDS: dict[str, Decimal] = {
    **{unicodedata.normalize("NFC", w): Decimal(v) for v, w in enumerate(_ONE_TO_HUNDRED, start=1)},
    **{unicodedata.normalize("NFC", w): Decimal(v) for w, v in _OTHER_WORDS.items()},
}
HINDI_SCALE_WORDS: dict[str, int] = {unicodedata.normalize("NFC", w): v for w, v in _SCALES.items()}
HINDI_PREFIX_WORDS: dict[str, Decimal] = {unicodedata.normalize("NFC", w): v for w, v in _PREFIXES.items()}

# एक is also the indefinite article and दो also "give": alone, they are too often not numbers.
AMBIGUOUS_WORDS = frozenset({"एक", "दो"})


@cache
def hindi_number_words() -> dict[str, Decimal]:
    """Every Hindi number word (0 to 100, डेढ़, ढाई and spelling variants) by matching key, with its value."""
    return {match_key(word): value for word, value in HINDI_UNIT_WORDS.items()}


@cache
def hindi_scales(*, loans: bool = True) -> dict[str, int]:
    """Every Hindi scale word (सौ, हज़ार, लाख, करोड़, अरब, खरब, and with ``loans`` मिलियन, बिलियन, ट्रिलियन) by
    matching key, with its value."""
    words = HINDI_SCALE_WORDS if loans else {w: v for w, v in HINDI_SCALE_WORDS.items() if w not in _LOAN_SCALES}
    return {match_key(word): value for word, value in words.items()}


@cache
def hindi_prefixes() -> dict[str, Decimal]:
    """The fraction prefixes (साढ़े, सवा, पौने) by matching key, with what they add to the number after them."""
    return {match_key(word): value for word, value in HINDI_PREFIX_WORDS.items()}


def hindi_word_value(word: str) -> Decimal | None:
    """The value of one Hindi number word (``None`` where it is not one); scale words count as themselves."""
    key = match_key(word)
    value = hindi_number_words().get(key)
    if value is None and key in hindi_scales():
        return Decimal(hindi_scales()[key])
    return value


def is_ambiguous(word: str) -> bool:
    """Whether a lone ``word`` is too often not a number to count (एक, दो)."""
    return match_key(word) in {match_key(w) for w in AMBIGUOUS_WORDS}


def combine(words: list[str]) -> Decimal | None:
    """The value of a run of Hindi number words read as one number: दो सौ पचास = 250, साढ़े तीन लाख = 350000,
    पांच हज़ार करोड़ = 5e10. ``None`` where a word is not a number word or the run is not one number."""
    units, scales, prefixes = hindi_number_words(), hindi_scales(), hindi_prefixes()
    total = Decimal(0)
    current: Decimal | None = None
    shift: Decimal | None = None
    last = ""
    for word in words:
        key = match_key(word)
        if key in prefixes and not last and shift is None:
            shift = prefixes[key]
        elif key in scales:
            value = scales[key]
            base = current if current is not None else (total or Decimal(1) + (shift or 0))
            shift = None
            if value < 1000 and current is not None:
                current = base * value
            else:  # लाख, करोड़ …: what came before (a unit, or a whole number: पांच हज़ार करोड़) times the scale
                total = (total if current is not None else Decimal(0)) + base * value
                current = None
            last = "scale"
        elif key in units:
            value = units[key] + (shift or 0)
            shift = None
            # A unit extends the number after a scale (दो सौ पचास) or after round tens; else it starts another.
            if last == "unit" and not (current is not None and 20 <= current < 100 and current % 10 == 0
                                       and value < 10):
                return None
            current = value if current is None else current + value
            last = "unit"
        else:
            return None
    if not last:
        return Decimal(1) + shift if shift is not None else None  # सवा alone is 1.25
    return total + (current or 0)


_SMALL_ENGLISH = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                  "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty")


def english_number(value: float | Decimal) -> str:
    """A number as English news writes it: 250,000; 2.5 million; 10 billion; 1,234.5 (Babel's English formats)."""
    number = Decimal(str(value)) if not isinstance(value, Decimal) else value
    if abs(number) >= 1_000_000:
        return format_compact_decimal(number, format_type="long", locale="en", fraction_digits=3)
    return format_decimal(number, locale="en", decimal_quantization=False, format="#,##0.##")


def english_number_word(value: float | Decimal) -> str:
    """Small whole numbers in words (one … twenty), any other as ``english_number`` writes it."""
    number = Decimal(str(value)) if not isinstance(value, Decimal) else value
    if number == number.to_integral_value() and 0 <= number < len(_SMALL_ENGLISH):
        return _SMALL_ENGLISH[int(number)]
    return english_number(number)


def indian_grouping(value: float | Decimal) -> str:
    """A number with Indian digit grouping (2,50,000), as Hindi news prints figures."""
    return format_decimal(value, locale="en_IN")
