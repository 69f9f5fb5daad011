"""Rules for what a PER/LOC/ORG model does not label: nationalities and groups (NORP), money, percentages,
quantities and cardinal numbers, each with a normalised ``value``.

Dates and times are left to the timeline tagger: a number that is part of a date, a year or a duration is
not reported here.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache

from khabar.entities.lexicon import lexicon
from khabar.numbers import hindi_number_words, hindi_scales
from khabar.text import match_key, to_ascii_digits

Token = tuple[int, int, str]  # (start, end, text)


@dataclass(frozen=True)
class RuleSpan:
    """A span found by the rules: token indices [first, last), its label and normalised value."""

    first: int
    last: int
    label: str
    value: str
    canonical: str = ""


_CURRENCIES = {
    "रुपये": "INR", "रुपए": "INR", "रुपया": "INR", "रुपयों": "INR", "रु": "INR", "रू": "INR", "₹": "INR", "INR": "INR",
    "डॉलर": "USD", "डालर": "USD", "$": "USD", "USD": "USD",
    "यूरो": "EUR", "€": "EUR", "पाउंड": "GBP", "£": "GBP", "येन": "JPY", "युआन": "CNY",
    "दिरहम": "AED", "रियाल": "SAR", "टका": "BDT",
}
# Currency names qualified by a nationality: पाकिस्तानी रुपये, ईरानी रियाल, अमेरिकी डॉलर.
_QUALIFIED = {("पाकिस्तानी", "INR"): "PKR", ("नेपाली", "INR"): "NPR", ("श्रीलंकाई", "INR"): "LKR",
              ("ईरानी", "SAR"): "IRR", ("सऊदी", "SAR"): "SAR", ("अमेरिकी", "USD"): "USD", ("कनाडाई", "USD"): "CAD",
              ("ऑस्ट्रेलियाई", "USD"): "AUD", ("हांगकांग", "USD"): "HKD"}
_PERCENT = {"प्रतिशत", "फीसदी", "फ़ीसदी", "फीसद", "परसेंट", "%"}
_UNITS = {
    "किलोमीटर": "km", "किमी": "km", "मीटर": "m", "सेंटीमीटर": "cm", "मिलीमीटर": "mm", "मील": "mile", "फुट": "ft",
    "फीट": "ft", "इंच": "inch", "किलो": "kg", "किलोग्राम": "kg", "ग्राम": "g", "टन": "t", "क्विंटल": "quintal",
    "लीटर": "l", "डिग्री": "degree", "हेक्टेयर": "ha", "एकड़": "acre", "बीघा": "bigha", "मेगावाट": "MW",
    "किलोवाट": "kW", "गीगावाट": "GW", "वाट": "W", "वर्ग": "sq", "सेल्सियस": "°C",
}
_APPROX = {("कम", "से", "कम"): ">=", ("लगभग",): "~", ("करीब",): "~", ("क़रीब",): "~", ("तकरीबन",): "~",
           ("तक़रीबन",): "~", ("अनुमानित",): "~", ("कुल",): "", ("सिर्फ",): "", ("सिर्फ़",): "", ("केवल",): "",
           ("मात्र",): "", ("से", "अधिक"): ">", ("से", "ज्यादा"): ">", ("से", "ज़्यादा"): ">", ("से", "कम"): "<"}
# After a number these words make it a date, time or duration: the timeline tagger's, not ours.
_TIME_WORDS = set(
    ["जनवरी", "फरवरी", "फ़रवरी", "मार्च", "अप्रैल", "मई", "जून", "जुलाई", "अगस्त", "सितंबर", "सितम्बर", "अक्टूबर", "अक्तूबर", "नवंबर", "नवम्बर", "दिसंबर", "दिसम्बर", "बजे", "बजकर", "साल", "सालों", "वर्ष", "वर्षों", "दिन", "दिनों", "महीने", "महीनों", "माह", "सप्ताह", "सप्ताहों", "हफ्ते", "हफ़्ते", "हफ्तों", "घंटे", "घंटों", "मिनट", "सेकंड", "सेकेंड", "दशक", "दशकों", "सदी", "शताब्दी", "ई", "ई.", "तारीख"]
)
_NOT_AFTER_DO = {"और", "।", ",", "?", "!", "थे", "था", "है", "हैं"}  # दो is also "give"


@cache
def _currencies() -> dict[str, str]:
    return {match_key(w).rstrip("."): v for w, v in _CURRENCIES.items()}


def _digits(text: str) -> Decimal | None:
    text = to_ascii_digits(text).replace(",", "")
    if not text or not (text[0].isdigit()):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _plain(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text


@cache
def norp_forms() -> dict[str, tuple[str, str]]:
    """Matching key -> (English, dictionary form) for every NORP word and its plural/oblique forms."""
    forms: dict[str, tuple[str, str]] = {}
    for key, entries in lexicon().by_key.items():
        for entry in entries:
            if entry.type != "NORP" or " " in key:
                continue
            forms[key] = (entry.english, entry.hindi)
            if key.endswith("ी"):
                stem = key[:-1] + "ि"
                for suffix in ("यों", "यो", "या"):
                    forms.setdefault(stem + suffix, (entry.english, entry.hindi))
            elif key.endswith("ू"):
                forms.setdefault(key[:-1] + "ुओं", (entry.english, entry.hindi))
            elif key.endswith("य"):
                forms.setdefault(key + "ों", (entry.english, entry.hindi))
            else:
                forms.setdefault(key + "ों", (entry.english, entry.hindi))
    return forms


@cache
def _norp_multiword() -> dict[tuple[str, ...], tuple[str, str]]:
    found = {}
    for key, entries in lexicon().by_key.items():
        for entry in entries:
            if entry.type == "NORP" and " " in key:
                found[tuple(key.split())] = (entry.english, entry.hindi)
    return found


@cache
def _starters() -> frozenset[str]:
    """Keys that can begin a number span (besides digits)."""
    words = set(hindi_number_words()) | set(hindi_scales()) | {w[0] for w in _APPROX}
    return frozenset(words | {"₹", "$", "€", "£", "रु", "रु."})


def find(tokens: list[Token], keys: list[str] | None = None) -> list[RuleSpan]:
    """NORP, MONEY, PERCENT, QUANTITY and CARDINAL spans over one sentence's tokens (non-overlapping).

    ``keys`` are the tokens' matching keys when the caller has them.
    """
    if keys is None:
        keys = [match_key(t[2]) for t in tokens]
    starters = _starters()
    numbers = hindi_number_words()
    multipliers = hindi_scales()
    currencies = _currencies()
    norp = norp_forms()
    norp_multi = _norp_multiword()
    multi_first = {words[0] for words in norp_multi}
    out: list[RuleSpan] = []
    n = len(tokens)
    i = 0
    while i < n:
        # NORP (multi-word first, then single words)
        matched = False
        for words, (english, _) in norp_multi.items() if keys[i] in multi_first else ():
            if tuple(keys[i : i + len(words)]) == words:
                out.append(RuleSpan(i, i + len(words), "NORP", english, english))
                i += len(words)
                matched = True
                break
        if matched:
            continue
        if keys[i] in norp:
            english = norp[keys[i]][0]
            # पाकिस्तानी रुपये is money, not a nationality; let the number rules below take it.
            if not (i + 1 < n and currencies.get(keys[i + 1].rstrip(".")) and i and _is_number_at(keys, i - 1)):
                out.append(RuleSpan(i, i + 1, "NORP", english, english))
                i += 1
                continue
        first = keys[i][:1]
        if not (first.isdigit() or keys[i] in starters):
            i += 1
            continue
        span = _number_span(tokens, keys, i, numbers, multipliers, currencies)
        if span:
            out.append(span)
            i = span.last
            continue
        i += 1
    return out


def _clock_time(keys: list[str], start: int, end: int) -> bool:
    """Whether the number over [start, end) is an hour or minute of a clock time (7:55, 10:30:15)."""
    def digit(i: int) -> bool:
        return 0 <= i < len(keys) and keys[i].isdigit()

    after = end < len(keys) and keys[end] == ":" and digit(end + 1)
    before = start > 0 and keys[start - 1] == ":" and digit(start - 2)
    return end - start == 1 and digit(start) and (after or before)


def _is_number_at(keys: list[str], i: int) -> bool:
    return _digits(keys[i]) is not None or keys[i] in hindi_number_words() or keys[i] in hindi_scales()


def _number_span(tokens, keys, i, numbers, multipliers, currencies) -> RuleSpan | None:
    n = len(keys)
    start = i
    prefix = ""
    for words, sign in _APPROX.items():
        if words[0] == "से":
            continue
        if tuple(keys[i : i + len(words)]) == words:
            prefix = sign
            i += len(words)
            break
    currency = None
    if i < n and currencies.get(keys[i].rstrip(".")) and keys[i] in ("₹", "$", "€", "£", "रु", "रु."):
        currency = currencies[keys[i].rstrip(".")]
        i += 1
    value: Decimal | None = None
    j = i
    if j < n:
        value = _digits(keys[j])
        if value is None and keys[j] in numbers:
            value = numbers[keys[j]]
        if value is not None:
            j += 1
    if value is None:
        return None
    # "साढ़े तीन" style is not handled; multipliers chain: 10 अरब, 2 लाख 50 हजार
    total = Decimal(0)
    while j < n and keys[j] in multipliers:
        value *= multipliers[keys[j]]
        j += 1
        if j + 1 < n and (_digits(keys[j]) is not None or keys[j] in numbers) and keys[j + 1] in multipliers \
                and multipliers[keys[j + 1]] < value:
            total += value
            value = _digits(keys[j]) if _digits(keys[j]) is not None else numbers[keys[j]]
            j += 1
    value = total + value
    number_end = j
    first_number = i
    # Not ours: dates, years, times, durations, ordinals.
    nxt = keys[j] if j < n else ""
    if nxt in _TIME_WORDS or nxt.rstrip(".") in _TIME_WORDS:
        return None
    prev = keys[start - 1] if start > 0 else ""
    if prev in _TIME_WORDS:
        return None
    if _clock_time(keys, start, number_end):
        return None
    raw = tokens[first_number][2]
    if currency is None and j < n:
        code = currencies.get(nxt.rstrip("."))
        if code is None and j + 1 < n and keys[j] in {"अमेरिकी", "पाकिस्तानी", "नेपाली", "श्रीलंकाई", "ईरानी", "सऊदी",
                                                          "कनाडाई", "ऑस्ट्रेलियाई", "हांगकांग"}:
            code2 = currencies.get(keys[j + 1].rstrip("."))
            if code2:
                code = _QUALIFIED.get((keys[j], code2), code2)
                j += 1
        if code:
            currency = code
            j += 1
    if currency:
        return RuleSpan(start, j, "MONEY", f"{currency} {prefix}{_plain(value)}")
    if nxt in _PERCENT:
        return RuleSpan(start, j + 1, "PERCENT", f"{prefix}{_plain(value)}%")
    if nxt in _UNITS:
        end = j + 1
        unit = _UNITS[nxt]
        if nxt == "वर्ग" and j + 1 < n and keys[j + 1] in _UNITS:
            unit = "sq " + _UNITS[keys[j + 1]]
            end += 1
        return RuleSpan(start, end, "QUANTITY", f"{prefix}{_plain(value)} {unit}")
    is_digit = _digits(raw) is not None
    if is_digit and number_end == first_number + 1 and not prefix:
        plain = to_ascii_digits(raw).replace(",", "")
        if plain.isdigit() and len(plain) == 4 and 1800 <= int(plain) <= 2100:
            return None  # a year
    if not is_digit and number_end == first_number + 1 and not prefix:
        word = keys[first_number]
        if word == "एक":  # mostly the indefinite article
            return None
        if word == "दो" and (nxt in _NOT_AFTER_DO or not nxt):
            return None
    return RuleSpan(start, number_end, "CARDINAL", f"{prefix}{_plain(value)}")
