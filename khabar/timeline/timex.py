"""A rule-based Hindi time-expression tagger that normalises TIMEX3-style against the publication date.

The tagger reads each sentence as tokens folded with ``khabar.text.match_key`` (so spelling variants match
one table entry), finds the longest expression starting at each token, then resolves it: absolute dates
as given, relative ones against the publication date in the direction the sentence's tense says (कल is
yesterday in a past-tense clause and tomorrow in a future one). Without a publication date a relative
expression keeps its offset in ``Timex.anchor`` ("publication-P3D") so a reader can be told "3 days before
publication".
"""

from __future__ import annotations

import bisect
import calendar
import functools
import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import NamedTuple

from khabar.model import Sentence, Timex
from khabar.registry import Availability, EngineInfo
from khabar.text import match_key, sentence_spans, to_ascii_digits, tokens
from khabar.timeline import festivals as fest
from khabar.timeline import lexicon as lx

# ---------------------------------------------------------------------------------------------------
# Tokens and the meaning of a match before it is resolved


class _Tok(NamedTuple):  # a tuple: one is made for every token of every sentence
    start: int
    end: int
    text: str
    key: str


@dataclass
class _Sem:
    """What a matched expression means, before resolution against the publication date."""

    kind: str  # abs, rel, relmonth, weekday, day, ref, dur, set, anaphor, decade, century, range
    year: int | None = None
    month: int | None = None
    day: int | None = None
    unit: str = ""
    n: float | None = None
    lo: float | None = None
    hi: float | None = None
    direction: int = 0
    forced: bool = False  # the direction came from a word (पिछले/अगले), not from tense
    dow: int | None = None
    ref: str = ""
    part: str = ""  # time of day: MO, AF, EV, NI
    clock: str = ""  # HH:MM
    event_anchor: bool = False
    mod: str = ""  # START, MID, END of a period
    set_value: str = ""
    parts: tuple[_Sem, ...] = field(default_factory=tuple)
    typ: str = ""


_DIGITS = re.compile(r"\d+(?:\.\d+)?")
_DIGIT_RANGE = re.compile(r"(\d+)[-–](\d+)")
_ORDINAL = re.compile(r"(\d+)(?:वीं|वी|वां|वें)")
_NUMERIC_DATE = re.compile(r"(?<!\d)(\d{1,2})([/.\-])(\d{1,2})\2(\d{4}|\d{2})(?!\d)")
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_CLOCK = re.compile(r"(\d{1,2})(?:[:.](\d{2}))?")
_YEAR_SPAN = re.compile(r"(\d{4})[-–](\d{2}|\d{4})")

_K = functools.lru_cache(maxsize=65536)(match_key)  # rules fold the same words again and again
_PUNCT_FOLLOW = frozenset(",।.;:!?)\"'”’-–")
_POSTPOSITIONS = frozenset(_K(w) for w in ("में", "से", "तक", "के", "की", "का", "को", "पर", "वाले", "भर"))
_RANGE_JOIN = frozenset(_K(w) for w in ("से", "-", "–", "—"))
_RANGE_OR = frozenset(_K(w) for w in ("-", "–", "या", "से", "/"))
_BEFORE = frozenset(_K(w) for w in ("पहले", "पूर्व", "पहिले"))
_AFTER = frozenset(_K(w) for w in ("बाद",))
_TIME_NOUNS = frozenset(_K(w) for w in ("समय", "वक्त", "वक़्त", "अरसे", "अरसा", "अवधि", "दौर", "काल"))
_VAGUE_ADJ = frozenset(_K(w) for w in (
    "लंबे", "लम्बे", "लंबा", "लंबी", "लम्बी", "कुछ", "काफी", "थोड़े", "थोड़ी", "थोड़ा", "कम", "लंबे-लंबे", "अधिक",
    "ज्यादा", "लंबे", "बहुत",
))
_ANAPHOR_DET = frozenset(_K(w) for w in ("उस", "उसी", "वह", "वही", "उन", "उन्हीं", "उन्ही"))
_THIS_DET = frozenset(_K(w) for w in ("इस", "इसी", "यह", "यही"))
_ANAPHOR_NOUNS = frozenset(_K(w) for w in (
    "दिन", "समय", "वक्त", "साल", "वर्ष", "महीने", "माह", "रात", "अवधि", "दिनों", "सप्ताह", "हफ्ते", "सुबह",
    "शाम", "घड़ी", "दशक",
))
_HOLIDAYS_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _name in lx.HOLIDAYS:
    _HOLIDAYS_BY_FIRST.setdefault(_name[0], []).append(_name)
_CURRENCY = frozenset(_K(w) for w in ("रुपये", "रुपए", "रु", "रु.", "₹", "$", "डॉलर", "rs", "rs."))
_COUNT_NOUNS = frozenset(_K(w) for w in (
    "लोग", "लोगों", "रुपये", "रुपए", "रुपया", "करोड़", "लाख", "हजार", "डॉलर", "किलो", "किलोमीटर", "मीटर", "टन",
    "मेगावाट", "वोट", "सीटें", "सीट", "पद", "मामले", "मरीज", "छात्र", "बच्चे", "गांव", "घर", "परिवार", "अंक", "रन",
    "फीसदी", "प्रतिशत", "%", "से", "गुना", "बार", "किमी", "एकड़", "हेक्टेयर", "यूनिट", "नंबर", "वर्ग", "फुट", "फीट",
))
_COMING = (_K("आने"), _K("वाले"))
_COMING_FEM = (_K("आने"), _K("वाली"))
_LATE = frozenset(_K(w) for w in ("देर", "आधी"))
_APPROX = frozenset(_K(w) for w in ("करीब", "क़रीब", "लगभग", "तकरीबन", "तक़रीबन", "सुबह-सुबह"))
_ORDINAL_WORDS = frozenset(_K(w) for w in ("पहले", "पहली", "दूसरे", "दूसरी", "तीसरे", "तीसरी", "चौथे", "पांचवें",
                                           "आखिरी", "अंतिम"))
_NOT_GENERIC = frozenset(_K(w) for w in ("दिवस", "सेकंड", "सेकेंड", "मिनट", "मास"))  # also names and loans
_WHOLE = frozenset(_K(w) for w in ("पूरे", "पूरा", "पूरी", "सारे", "सारा", "सारी"))
_GENERIC_NOUNS = frozenset(_K(w) for w in ("समय",))
_RELATIVE_PRONOUNS = frozenset(_K(w) for w in (
    "जो", "जिसने", "जिसे", "जिसमें", "जिससे", "जिसका", "जिसकी", "जिसके", "जिन्होंने", "जिन्हें", "जिनमें", "जिनके",
    "जिनका", "जिनकी", "जिस", "जिन",
))
_PRESENT_AUX = frozenset(_K(w) for w in ("है", "हैं", "हूं"))  # not हो: हो गया, हो जाएगा
_PROGRESSIVE = frozenset(_K(w) for w in ("रहा", "रहे", "रही", "रहीं"))
_PASSIVE = frozenset(_K(w) for w in (
    "जा", "जाता", "जाती", "जाते", "जाने", "जाना", "जाए", "जाएं", "जाएगा", "जाएगी", "जाएंगे", "जाएंगी", "जायेगा",
    "जायेगी", "जायेंगे", "जाय",
))
_MOMENTS = frozenset(_K(w) for w in ("पल", "क्षण", "घड़ी", "लम्हा", "लम्हे"))


def _ascii_digits(key: str) -> bool:
    return key.isascii() and key.isdigit()


_DAY_OFFSETS = {_K("आज"): 0, _K("कल"): 1, _K("परसों"): 2, _K("परसो"): 2, _K("नरसों"): 3}
# Every word some rule of _Matcher can start an expression with (besides digits, hyphenated counts and
# festival names): the scan skips any other token without trying the rules one by one. A rule that starts
# on a new word must add it here; tests/test_fast_paths.py checks the rules find nothing elsewhere.
_STARTERS = frozenset().union(
    lx.NUMBERS, lx.VAGUE_NUMBERS, lx.NUMBER_PREFIX, lx.MONTHS, lx.YEAR_PREFIX, lx.DECADE_WORDS,
    lx.ORDINAL_CENTURIES, lx.DEICTIC, lx.WEEKDAYS, lx.REF_WORDS, lx.SET_WORDS, lx.SET_PREFIX, lx.PARTS_OF_DAY,
    lx.UNITS, lx.PLURAL_UNITS, lx.SEASONS, _DAY_OFFSETS, _HOLIDAYS_BY_FIRST, _LATE, _APPROX, _ANAPHOR_DET,
    _THIS_DET, _VAGUE_ADJ, _ORDINAL_WORDS, _WHOLE, _GENERIC_NOUNS,
    (_COMING[0], _K("हाल"), _K("वर्तमान"), _K("भविष्य"), _K("अतीत"), _K("निकट"), _K("जल्द"), _K("शीघ्र"), _K("इन"),
     _K("समय"), _K("एक")),
)
_ANY_DIGIT = re.compile(r"\d")


def _may_start(keys: list[str], i: int) -> bool:
    """Whether any rule can match at token ``i``: False only where ``_Matcher.best(i)`` is sure to be None."""
    key = keys[i]
    return key in _STARTERS or "-" in key or _ANY_DIGIT.search(key) is not None or fest.can_start(keys, i)


class _Matcher:
    """Finds the longest time expression starting at each token of one sentence."""

    def __init__(self, toks: list[_Tok]) -> None:
        self.toks = toks
        self.keys = [t.key for t in toks]
        self.n = len(toks)

    def key(self, i: int) -> str:
        return self.keys[i] if 0 <= i < self.n else ""

    # numbers ---------------------------------------------------------------------------------------

    def number(self, i: int) -> tuple[int, float | None, tuple[float, float] | None] | None:
        """A number at ``i``: (end, exact value, (lo, hi) when a range or vague)."""
        key = self.key(i)
        if not key:
            return None
        if key in lx.NUMBER_PREFIX:
            base = self._plain_number(self.key(i + 1))
            if base is not None:
                return i + 2, base + lx.NUMBER_PREFIX[key], None
        if key in lx.VAGUE_NUMBERS:
            lo, hi = lx.VAGUE_NUMBERS[key]
            return i + 1, None, (float(lo), float(hi))
        match = _DIGIT_RANGE.fullmatch(key)
        if match:
            return i + 1, None, (float(match.group(1)), float(match.group(2)))
        if "-" in key:
            pieces = key.split("-")
            values = [self._plain_number(p) for p in pieces]
            if len(values) == 2 and all(v is not None for v in values):
                return i + 1, None, (float(values[0]), float(values[1]))  # type: ignore[arg-type]
            return None
        value = self._plain_number(key)
        if value is None:
            return None
        # एक दो दिन: two counts side by side are a range.
        other = self._plain_number(self.key(i + 1))
        if other is not None and not _ascii_digits(key) and other > value and self.key(i + 2) in lx.UNITS:
            return i + 2, None, (value, other)
        # दो-तीन, चार - पांच, दो या तीन: a range of counts.
        if self.key(i + 1) in _RANGE_OR:
            other = self._plain_number(self.key(i + 2))
            if other is not None and other > value and self.key(i + 3) in lx.UNITS:
                return i + 3, None, (value, other)
        return i + 1, value, None

    @staticmethod
    def _plain_number(key: str) -> float | None:
        if _DIGITS.fullmatch(key):
            return float(key)
        if key in lx.NUMBERS:
            return float(lx.NUMBERS[key])
        return None

    def year(self, i: int) -> int | None:
        key = self.key(i)
        if len(key) == 4 and _ascii_digits(key) and 1000 <= int(key) <= 2200:
            return int(key)
        return None

    # rules -----------------------------------------------------------------------------------------

    def best(self, i: int) -> tuple[int, _Sem] | None:
        """The longest expression starting at token ``i``."""
        found: tuple[int, _Sem] | None = None
        for rule in (self.absolute, self.deictic, self.counted, self.day_word, self.weekday, self.references,
                     self.sets, self.clock, self.holiday, self.plural_unit, self.generic, self.festival):
            result = rule(i)
            if result and (found is None or result[0] > found[0]):
                found = result
        if found:
            found = self.extend(*found)
        return found

    def extend(self, j: int, sem: _Sem) -> tuple[int, _Sem]:
        """Add a period part (के अंत), a time of day (की सुबह) or a clock time after a date."""
        if sem.kind in ("abs", "relmonth", "rel", "decade", "century", "generic") and self.key(j) in (_K("के"), _K("की")):
            part = lx.PERIOD_PARTS.get(self.key(j + 1))
            if part:
                sem = replace(sem, mod=part)
                j += 2
                if self.key(j) in lx.UNITS:  # के आखिरी दिनों
                    j += 1
        if (sem.kind in ("abs", "day", "weekday", "relmonth", "anaphor", "festival")
                and (sem.kind != "abs" or sem.day is not None)):
            k = j + 1 if self.key(j) in (_K("की"), _K("को")) else j
            timed = self.time_of_day(k)
            if timed:
                end, part, clock = timed
                sem = replace(sem, part=part, clock=clock)
                j = end
        return j, sem

    def time_of_day(self, i: int) -> tuple[int, str, str] | None:
        """सुबह, देर रात, शाम 5 बजे, 10:30 बजे: (end, part, HH:MM)."""
        part = ""
        j = i
        if self.key(j) in _LATE and lx.PARTS_OF_DAY.get(self.key(j + 1)) == "NI":
            part, j = "NI", j + 2
        elif self.key(j) in lx.PARTS_OF_DAY:
            part, j = lx.PARTS_OF_DAY[self.key(j)], j + 1
            if self.key(j) == _K("बाद") and part == "AF":
                j += 1
        if self.key(j) in _APPROX and self.clock_time(j + 1, part):
            j += 1
        clock = self.clock_time(j, part)
        if clock:
            return clock[0], part, clock[1]
        if part:
            return j, part, ""
        return None

    def clock_time(self, i: int, part: str) -> tuple[int, str] | None:
        j = i
        add = 0.0
        if self.key(j) in lx.NUMBER_PREFIX:
            add = lx.NUMBER_PREFIX[self.key(j)]
            j += 1
        key = self.key(j)
        if self.key(j + 1) == ":" and _ascii_digits(self.key(j + 2)) and len(self.key(j + 2)) == 2:
            key = f"{key}:{self.key(j + 2)}"  # 8:15 is three tokens
            j += 2
        match = _CLOCK.fullmatch(key)
        if match:
            hour, minute = int(match.group(1)), int(match.group(2) or 0)
        elif key in lx.NUMBERS and lx.NUMBERS[key] <= 12:
            hour, minute = int(lx.NUMBERS[key]), 0
        else:
            return None
        if self.key(j + 1) != _K("बजे") and self.key(j + 1) != _K("बजकर"):
            return None
        end = j + 2
        if self.key(j + 1) == _K("बजकर"):
            extra = self.number(j + 2)
            if not extra or extra[1] is None or self.key(extra[0]) not in (_K("मिनट"), _K("मिनिट")):
                return None
            minute, end = int(extra[1]), extra[0] + 1
        if add:
            total = hour * 60 + minute + add * 60
            hour, minute = int(total // 60), int(total % 60)
        if part in ("AF", "EV") and 1 <= hour < 12:
            hour += 12
        if part == "NI" and 7 <= hour < 12:
            hour += 12
        if hour > 24 or minute > 59:
            return None
        return end, f"{hour:02d}:{minute:02d}"

    def clock(self, i: int) -> tuple[int, _Sem] | None:
        timed = self.time_of_day(i)
        if not timed or not timed[2]:
            return None
        return timed[0], _Sem("time", part=timed[1], clock=timed[2])

    def absolute(self, i: int) -> tuple[int, _Sem] | None:
        key = self.key(i)
        options: list[tuple[int, _Sem]] = []
        day = int(key) if _ascii_digits(key) and len(key) <= 2 and 1 <= int(key) <= 31 else None
        if day is None and key in lx.NUMBERS and lx.MONTHS.get(self.key(i + 1)) and 1 <= lx.NUMBERS[key] <= 31:
            day = int(lx.NUMBERS[key])  # तीन मई
        if day is None and (m := _DIGIT_RANGE.fullmatch(key)) and int(m.group(2)) <= 31:
            # 15-20 मार्च: a range of days in one month.
            month = lx.MONTHS.get(self.key(i + 1))
            if month:
                j, year = self._year_after(i + 2)
                first = _Sem("abs", year=year, month=month, day=int(m.group(1)))
                last = _Sem("abs", year=year, month=month, day=int(m.group(2)))
                options.append((j, _Sem("range", parts=(first, last))))
        if day is not None:
            month = lx.MONTHS.get(self.key(i + 1))
            if month:
                j, year = self._year_after(i + 2)
                options.append((j, _Sem("abs", year=year, month=month, day=day)))
            # 15 से 20 मार्च, 15 और 16 मार्च
            if self.key(i + 1) in (_K("से"), _K("-"), _K("–"), _K("और"), _K("व")) and _ascii_digits(self.key(i + 2)):
                month = lx.MONTHS.get(self.key(i + 3))
                last_day = int(self.key(i + 2))
                if month and 1 <= last_day <= 31:
                    j, year = self._year_after(i + 4)
                    first = _Sem("abs", year=year, month=month, day=day)
                    last = _Sem("abs", year=year, month=month, day=last_day)
                    if self.key(i + 1) in (_K("और"), _K("व")):
                        options.append((i + 1, first))
                    else:
                        options.append((j, _Sem("range", parts=(first, last))))
            if self.key(i + 1) in (_K("तारीख"), _K("तारीख़"), _K("तिथि")):
                options.append((i + 2, _Sem("abs", day=day)))
        month = lx.MONTHS.get(key)
        if month:
            j = i + 1
            year = None
            nxt = self.key(j)
            if _ascii_digits(nxt) and len(nxt) <= 2 and self.key(j + 1) == "," and self.year(j + 2):
                options.append((j + 3, _Sem("abs", year=self.year(j + 2), month=month, day=int(nxt))))
            j, year = self._year_after(j)
            if year is not None:
                options.append((j, _Sem("abs", year=year, month=month)))
            elif self.key(j) in (_K("महीने"), _K("माह"), _K("मास")):
                options.append((j + 1, _Sem("abs", month=month)))
            elif self._bare_month_ok(i):
                options.append((j, _Sem("abs", month=month)))
        year = self.year(i)
        span = _YEAR_SPAN.fullmatch(self.key(i + 1)) if key in lx.YEAR_PREFIX else None
        if span and 1000 <= int(span.group(1)) <= 2200:
            # वर्ष 2023-24, साल 2010-2014: a span of years (a financial year among them)
            first = int(span.group(1))
            last = int(span.group(2)) if len(span.group(2)) == 4 else first // 100 * 100 + int(span.group(2))
            if first < last <= first + 200:
                options.append((i + 2, _Sem("range", parts=(_Sem("abs", year=first), _Sem("abs", year=last)))))
        if key in lx.YEAR_PREFIX and self.year(i + 1):
            year = self.year(i + 1)
            j = i + 2
            if self.key(j) in (_K("ई"), _K("ई."), _K("ईस्वी"), _K("ईसवी")):
                j += 1
            options.append((j, _Sem("abs", year=year)))
        elif year is not None:
            if self.key(i + 1) in (_K("के"), _K("की")) and self.key(i + 2) in (_K("दशक"), _K("दशकों")):
                options.append((i + 3, _Sem("decade", year=year - year % 10)))
            elif self._year_ok(i + 1):
                j = i + 1
                if self.key(j) in (_K("ई"), _K("ई."), _K("ईस्वी"), _K("ईसवी")):
                    j += 1
                options.append((j, _Sem("abs", year=year)))
        if (m := _YEAR_SPAN.fullmatch(key)) and 1000 <= int(m.group(1)) <= 2200:
            first = int(m.group(1))
            last = int(m.group(2)) if len(m.group(2)) == 4 else first // 100 * 100 + int(m.group(2))
            if first < last <= first + 200:
                options.append((i + 1, _Sem("range", parts=(_Sem("abs", year=first), _Sem("abs", year=last)))))
        # 90 के दशक, अस्सी के दशक, 70 और 80 के दशक
        decade = self._decade_number(key)
        if decade is not None:
            if self.key(i + 1) in (_K("के"), _K("की")) and self.key(i + 2) in (_K("दशक"), _K("दशकों")):
                options.append((i + 3, _Sem("decade", year=decade)))
            if self.key(i + 1) in (_K("और"), _K("व"), _K("-"), _K("से")):
                other = self._decade_number(self.key(i + 2))
                if other is not None and self.key(i + 3) in (_K("के"), _K("की")) and self.key(i + 4) in (_K("दशक"), _K("दशकों")):
                    options.append((i + 5, _Sem("range", parts=(_Sem("decade", year=decade), _Sem("decade", year=other)))))
        # 21वीं सदी, इक्कीसवीं सदी
        century = lx.ORDINAL_CENTURIES.get(key)
        if century is None and (m := _ORDINAL.fullmatch(key)):
            century = int(m.group(1))
        if century and self.key(i + 1) in (_K("सदी"), _K("शताब्दी"), _K("शती")) and 1 <= century <= 30:
            options.append((i + 2, _Sem("century", year=(century - 1) * 100)))
        return max(options, key=lambda o: o[0]) if options else None

    def _decade_number(self, key: str) -> int | None:
        if _ascii_digits(key) and len(key) == 2 and int(key) % 10 == 0:
            value = int(key)
            return 1900 + value if value >= 30 else 2000 + value
        if _ascii_digits(key) and len(key) == 4 and int(key) % 10 == 0 and 1000 <= int(key) <= 2200:
            return int(key)
        if key in lx.DECADE_WORDS:
            return 1900 + lx.DECADE_WORDS[key]
        return None

    def _year_after(self, j: int) -> tuple[int, int | None]:
        if self.key(j) == "," and self.year(j + 1):
            return j + 2, self.year(j + 1)
        if self.year(j):
            end = j + 1
            if self.key(end) in (_K("ई"), _K("ई."), _K("ईस्वी")):
                end += 1
            return end, self.year(j)
        return j, None

    def _year_ok(self, j: int) -> bool:
        """Whether a bare four-digit number ending before token ``j`` reads as a year."""
        nxt = self.key(j)
        if self.key(j - 2) in _CURRENCY:
            return False
        if not nxt or nxt in _PUNCT_FOLLOW:
            return True
        if nxt in (_K("से"), _K("के")) and self.key(j + 1) in (_K("अधिक"), _K("ज्यादा"), _K("कम"), _K("ऊपर"), _K("करीब"), _K("पार")):
            return False
        if nxt in lx.YEAR_FOLLOWERS:
            return True
        # 1900-2099 before anything but a counted noun is a year in news (भारत 1987 एशियन गेम्स).
        number = int(self.key(j - 1))
        return 1900 <= number <= 2099 and nxt not in _COUNT_NOUNS and not nxt.endswith("ों")

    def _bare_month_ok(self, i: int) -> bool:
        # A month name alone (मार्च also means a protest march) counts only before a postposition.
        return self.key(i + 1) in _POSTPOSITIONS or self.key(i + 1) in _PUNCT_FOLLOW

    def deictic(self, i: int) -> tuple[int, _Sem] | None:
        key = self.key(i)
        j = i + 1
        if (key, self.key(i + 1)) in (_COMING, _COMING_FEM):
            direction, j = 1, i + 2
        elif key in lx.DEICTIC:
            direction = lx.DEICTIC[key]
        else:
            return None
        nxt = self.key(j)
        unit = lx.UNITS.get(nxt)
        if unit:
            if nxt in lx.PLURAL_UNITS and direction != 0:
                # पिछले दिनों (lately), आने वाले वर्षों (in the coming years)
                ref = "PAST_REF" if direction < 0 else "FUTURE_REF"
                return j + 1, _Sem("ref", ref=ref, unit=unit)
            if unit == "D" and nxt == _K("दिन"):
                # इस दिन, अगले दिन, पिछले दिन: counted from the day the story is at, not from publication
                return j + 1, _Sem("anaphor", unit=unit, direction=direction)
            sem = _Sem("rel", unit=unit, n=abs(direction), direction=direction, forced=True)
            if unit == "W" and self.key(j + 1) in lx.WEEKDAYS:
                # अगले हफ्ते सोमवार: that weekday inside the named week
                return j + 2, _Sem("weekday", dow=lx.WEEKDAYS[self.key(j + 1)], n=float(direction), unit="W")
            if unit == "Y":
                month = lx.MONTHS.get(self.key(j + 1))
                if month:
                    return j + 2, _Sem("relmonth", month=month, direction=direction)
                if _ascii_digits(self.key(j + 1)) and lx.MONTHS.get(self.key(j + 2)):
                    day = int(self.key(j + 1))
                    if 1 <= day <= 31:
                        return j + 3, _Sem("relmonth", month=lx.MONTHS[self.key(j + 2)], day=day, direction=direction)
            if unit == "M" and self.key(j + 1) in (_K("की"), _K("के")) and _ascii_digits(self.key(j + 2)):
                day = int(self.key(j + 2))
                end = j + 3
                if self.key(end) in (_K("तारीख"), _K("तिथि")):
                    end += 1
                if 1 <= day <= 31:
                    return end, _Sem("rel", unit="M", n=abs(direction), direction=direction, forced=True, day=day)
            return j + 1, sem
        if nxt in _VAGUE_ADJ and self.key(j + 1) in _TIME_NOUNS and direction != 0:
            return j + 2, _Sem("dur", unit="X", lo=2, hi=10, direction=direction)
        if nxt in _TIME_NOUNS:
            if direction == 0:
                return j + 1, _Sem("ref", ref="PRESENT_REF")
            return j + 1, _Sem("ref", ref="PAST_REF" if direction < 0 else "FUTURE_REF")
        if nxt in lx.WEEKDAYS:
            return j + 1, _Sem("weekday", dow=lx.WEEKDAYS[nxt], direction=direction, forced=direction != 0)
        if nxt in lx.PARTS_OF_DAY and direction != 0:
            return j + 1, _Sem("day", n=float(direction), direction=direction, forced=True, part=lx.PARTS_OF_DAY[nxt])
        counted = self.number(j)
        if counted and lx.UNITS.get(self.key(counted[0])) and direction != 0:
            end, value, span = counted
            unit = lx.UNITS[self.key(end)]
            end += 1
            if self.key(end) in (_K("से"),) and direction < 0:
                pass
            lo, hi = span if span else (None, None)
            return end, _Sem("dur", unit=unit, n=value, lo=lo, hi=hi, direction=direction, forced=True)
        return None

    def counted(self, i: int) -> tuple[int, _Sem] | None:
        """N दिन पहले, कुछ दिनों बाद, छह महीने, 24 घंटे का समय."""
        counted = self.number(i)
        if not counted:
            return None
        end, value, span = counted
        if self.key(end) == _K("ही") and self.key(end + 1) in lx.UNITS:  # कुछ ही दिनों
            end += 1
        unit = lx.UNITS.get(self.key(end))
        if not unit:
            if span and self.key(i) in lx.VAGUE_NUMBERS and self.key(end) in _TIME_NOUNS:
                unit = "X"
            else:
                return None
        if value is not None and value > 1000 and unit != "X":
            return None
        if value is not None and _ascii_digits(self.key(i)) and len(self.key(i)) == 4 and unit == "Y":
            return None
        end += 1
        lo, hi = span if span else (None, None)
        follower = self.key(end)
        event = self.key(i - 1) == _K("के")
        if follower in _BEFORE or follower in _AFTER:
            direction = -1 if follower in _BEFORE else 1
            return end + 1, _Sem("rel", unit=unit, n=value, lo=lo, hi=hi, direction=direction, event_anchor=event)
        if follower in (_K("का"), _K("की")) and self.key(end + 1) in _TIME_NOUNS:
            end += 2
        return end, _Sem("dur", unit=unit, n=value, lo=lo, hi=hi)

    def plural_unit(self, i: int) -> tuple[int, _Sem] | None:
        """सालों बाद, वर्षों से, लंबे समय, कुछ समय पहले: unquantified stretches of time."""
        key = self.key(i)
        j = i
        unit = ""
        if key in _VAGUE_ADJ and (self.key(i + 1) in _TIME_NOUNS or self.key(i + 1) in lx.PLURAL_UNITS):
            unit = lx.UNITS.get(self.key(i + 1), "X")
            j = i + 2
        elif key in lx.PLURAL_UNITS and key not in (_K("दिनों"), _K("घंटों"), _K("मिनटों")) or key in lx.PLURAL_UNITS and self.key(i + 1) in _BEFORE | _AFTER:
            unit = lx.UNITS[key]
            j = i + 1
        if not unit:
            return None
        follower = self.key(j)
        if follower in _BEFORE or follower in _AFTER:
            direction = -1 if follower in _BEFORE else 1
            return j + 1, _Sem("rel", unit=unit, lo=2, hi=10, direction=direction,
                               event_anchor=self.key(i - 1) == _K("के"))
        return j, _Sem("dur", unit=unit, lo=2, hi=10)

    def generic(self, i: int) -> tuple[int, _Sem] | None:
        """Bare time nouns (समय, दिन, रात, साल भर, पहले दिन): time without a calendar value."""
        key, nxt = self.key(i), self.key(i + 1)
        if self.key(i - 1) == _K("-") or nxt == _K("-"):
            return None
        if key in _ORDINAL_WORDS and nxt in (_K("दिन"), _K("रात"), _K("हफ्ते"), _K("सप्ताह"), _K("महीने"), _K("साल")):
            return i + 2, _Sem("anaphor", unit=lx.UNITS.get(nxt, "D"))
        if key in _WHOLE and nxt in lx.UNITS:
            return i + 2, _Sem("dur", unit=lx.UNITS[nxt], n=1.0)
        if key in _LATE and lx.PARTS_OF_DAY.get(nxt) == "NI":
            return i + 2, _Sem("generic", part="NI")
        if key == _K("एक") and nxt in (_K("समय"), _K("जमाने"), _K("दौर")):
            return i + 2, _Sem("ref", ref="PAST_REF")
        if key in lx.PARTS_OF_DAY:
            j = i + 1
            if nxt in (_K("के"), _K("को")) and self.key(i + 2) in (_K("समय"), _K("वक्त")):
                j = i + 3
            return j, _Sem("generic", part=lx.PARTS_OF_DAY[key])
        if key in _GENERIC_NOUNS or key in lx.UNITS and key not in lx.PLURAL_UNITS and key not in _NOT_GENERIC:
            if nxt == _K("भर"):
                return i + 2, _Sem("dur", unit=lx.UNITS.get(key, "X"), n=1.0)
            return i + 1, _Sem("generic", unit=lx.UNITS.get(key, ""))
        if key in lx.PLURAL_UNITS:
            return i + 1, _Sem("dur", unit=lx.UNITS[key], lo=2, hi=10)
        return None

    def festival(self, i: int) -> tuple[int, _Sem] | None:
        """A festival (with पिछली / इस / अगली / आने वाली or a year before it), or a season."""
        found = self._festival_with_modifier(i)
        if found:
            return found
        season = lx.SEASONS.get(self.key(i))
        if season:
            return i + 1, _Sem("generic", ref=season)
        return None

    def _festival_with_modifier(self, i: int) -> tuple[int, _Sem] | None:
        """पिछली दिवाली, इस होली, आने वाली ईद, 2023 की दिवाली, पिछले साल की होली, दिवाली 2023, होली के दिन."""
        key = self.key(i)
        direction: int | None = None
        year: int | None = None
        shift = 0  # पिछले साल की होली: a year counted from publication
        j = i
        if (key, self.key(i + 1)) in (_COMING, _COMING_FEM):
            direction, j = 1, i + 2
        elif key in lx.DEICTIC:
            if lx.UNITS.get(self.key(i + 1)) == "Y":
                # पिछले साल (की) होली: that year's; the plain deictic rule takes पिछले साल alone otherwise
                shift, j = lx.DEICTIC[key], i + 3 if self.key(i + 2) in (_K("की"), _K("के")) else i + 2
            else:
                # पिछली ही दिवाली, इस बार होली, अगली बार की होली: the particle and "time" change nothing
                direction, j = lx.DEICTIC[key], i + 1
                if self.key(j) == _K("बार"):
                    j += 2 if self.key(j + 1) in (_K("की"), _K("के")) else 1
                if self.key(j) == _K("ही"):
                    j += 1
        elif key in lx.YEAR_PREFIX and self.year(i + 1) and self.key(i + 2) in (_K("की"), _K("के")):
            year, j = self.year(i + 1), i + 3
        elif self.year(i) and self.key(i + 1) in (_K("की"), _K("के")):
            year, j = self.year(i), i + 2
        named = fest.match(self.keys, j)
        if named is None:
            return None
        end, fid = named
        if year is None:
            end, year = self._year_after(end)
        nth = None
        if self.key(end) in (_K("के"), _K("की")) and self.key(end + 1) in (_K("दिन"), _K("मौके"), _K("अवसर")):
            end += 2  # होली के दिन, दिवाली के मौके: the festival's day itself
        elif (self.key(end) in (_K("के"), _K("की")) and self.key(end + 1) in fest.DAY_ORDINALS
              and self.key(end + 2) in (_K("दिन"), _K("रोज"))):
            nth, end = fest.DAY_ORDINALS[self.key(end + 1)], end + 3  # नवरात्र के पहले दिन
        return end, _Sem("festival", ref=fid, year=year, n=float(shift), direction=direction or 0,
                         forced=direction is not None, day=nth)

    def day_word(self, i: int) -> tuple[int, _Sem] | None:
        key = self.key(i)
        offsets = _DAY_OFFSETS
        if key not in offsets:
            return None
        if self.key(i - 1) in (_K("आने"), _K("बीते")) or self.key(i + 1) in (_K("-"),):
            return None
        if self.key(i - 1) == _K("-") and self.key(i - 2) == key:  # कल-कल, a sound, not a day
            return None
        sem = _Sem("day", n=float(offsets[key]))
        j = i + 1
        if key == _K("आज") and self.key(j) == _K("तक"):
            return j + 1, _Sem("ref", ref="PRESENT_REF")
        if key == _K("आज") and self.key(j) == _K("कल"):
            return j + 1, _Sem("ref", ref="PRESENT_REF")  # आज कल = आजकल, these days
        if key == _K("आज") and self.key(j) == _K("से"):
            counted = self.counted(j + 1)
            if counted and counted[1].kind == "rel":
                return counted  # आज से पांच साल पहले: counted from today
        return j, sem

    def weekday(self, i: int) -> tuple[int, _Sem] | None:
        dow = lx.WEEKDAYS.get(self.key(i))
        if dow is None:
            return None
        return i + 1, _Sem("weekday", dow=dow)

    def holiday(self, i: int) -> tuple[int, _Sem] | None:
        """A fixed-date holiday, with पिछले / इस / अगले before it (पिछले क्रिसमस: the last one)."""
        direction = lx.DEICTIC.get(self.key(i))
        k = i + 1 if direction is not None else i
        for name in _HOLIDAYS_BY_FIRST.get(self.key(k), ()):
            month, day = lx.HOLIDAYS[name]
            if tuple(self.keys[k:k + len(name)]) == name:
                j, year = self._year_after(k + len(name))
                return j, _Sem("abs", year=year, month=month, day=day, direction=direction or 0,
                               forced=direction is not None)
        return None

    def references(self, i: int) -> tuple[int, _Sem] | None:
        key, nxt = self.key(i), self.key(i + 1)
        if key in lx.REF_WORDS:
            if self.key(i - 1) in (_K("तब"),) or nxt in (_K("-"),):
                return None
            j = i + 2 if nxt == _K("तक") else i + 1
            return j, _Sem("ref", ref=lx.REF_WORDS[key], typ="deictic")
        if key == _K("हाल"):
            if nxt == _K("ही") and self.key(i + 2) == _K("में"):
                return i + 3, _Sem("ref", ref="PAST_REF", typ="deictic")
            if nxt == _K("में"):
                return i + 2, _Sem("ref", ref="PAST_REF", typ="deictic")
            if nxt in (_K("के"), _K("की")) and (self.key(i + 2) in lx.UNITS or self.key(i + 2) in _TIME_NOUNS):
                return i + 3, _Sem("ref", ref="PAST_REF")
        if key in (_K("वर्तमान"), _K("भविष्य"), _K("अतीत")) and nxt == _K("में"):
            ref = {"वर्तमान": "PRESENT_REF", "भविष्य": "FUTURE_REF", "अतीत": "PAST_REF"}[key]
            return i + 2, _Sem("ref", ref=ref, typ="deictic")
        if key == _K("निकट") and self.key(i + 1) == _K("भविष्य"):
            return i + 2, _Sem("ref", ref="FUTURE_REF")
        if key in (_K("जल्द"), _K("शीघ्र")):
            return (i + 2 if nxt == _K("ही") else i + 1), _Sem("ref", ref="FUTURE_REF", typ="deictic")
        if key == _K("इन") and nxt in (_K("दिनों"), _K("दिनो")):
            return i + 2, _Sem("ref", ref="PRESENT_REF")
        if key in _ANAPHOR_DET and nxt in _ANAPHOR_NOUNS | lx.UNITS.keys():
            return i + 2, _Sem("anaphor", unit=lx.UNITS.get(nxt, ""))
        if key in _THIS_DET and nxt in (_K("अवधि"), _K("दिन"), _K("रात")):
            return i + 2, _Sem("anaphor", unit="D" if nxt in (_K("दिन"), _K("रात")) else "")
        if key in _THIS_DET and nxt in (_K("समय"), _K("वक्त")):
            return i + 2, _Sem("ref", ref="PRESENT_REF")
        return None

    def sets(self, i: int) -> tuple[int, _Sem] | None:
        key, nxt = self.key(i), self.key(i + 1)
        if key in lx.SET_WORDS:
            return i + 1, _Sem("set", set_value=lx.SET_WORDS[key])
        if key == _K("समय") and nxt == _K("समय"):
            return i + 2, _Sem("set", set_value="PXX")  # समय समय पर: from time to time
        if key in lx.SET_PREFIX and nxt in _MOMENTS:
            return i + 2, _Sem("set", set_value="PXX")  # हर पल, हर घड़ी: at every moment
        if key in lx.SET_PREFIX:
            if nxt in lx.UNITS:
                unit = lx.UNITS[nxt]
                return i + 2, _Sem("set", set_value=_duration_value(1, unit))
            if nxt in lx.WEEKDAYS:
                return i + 2, _Sem("set", set_value=f"XXXX-WXX-{lx.WEEKDAYS[nxt] + 1}")
            if nxt in (_K("रोज"), _K("रोज़")):
                return i + 2, _Sem("set", set_value="P1D")
            if nxt in lx.PARTS_OF_DAY:
                return i + 2, _Sem("set", set_value=f"T{lx.PARTS_OF_DAY[nxt]}")
            counted = self.number(i + 1)
            if counted and counted[1] and self.key(counted[0]) in lx.UNITS:
                return counted[0] + 1, _Sem("set", set_value=_duration_value(counted[1], lx.UNITS[self.key(counted[0])]))
        return None


# ---------------------------------------------------------------------------------------------------
# Calendar arithmetic


def _add_months(day: date, months: int) -> date:
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    year = min(max(year, 1), 9999)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _shift(day: date, unit: str, amount: float) -> date:
    whole = int(round(amount))
    try:
        if unit == "D":
            return day + timedelta(days=amount)
        if unit == "W":
            return day + timedelta(weeks=amount)
        if unit == "F":
            return day + timedelta(weeks=2 * amount)
        if unit == "M":
            return _add_months(day, whole)
        if unit == "Y":
            return _add_months(day, int(round(amount * 12)))
        if unit == "DE":
            return _add_months(day, whole * 120)
        if unit == "CE":
            return _add_months(day, whole * 1200)
    except (OverflowError, ValueError):
        return day
    return day


_GRANULARITY = {"D": "day", "W": "week", "F": "day", "M": "month", "Y": "year", "DE": "decade", "CE": "century",
                "H": "day", "MIN": "day", "S": "day", "X": "day"}


def _format(day: date, gran: str) -> str:
    if gran == "week":
        iso = day.isocalendar()
        return f"{iso[0]:04d}-W{iso[1]:02d}"
    if gran == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if gran == "year":
        return f"{day.year:04d}"
    if gran == "decade":
        return f"{day.year // 10:03d}"
    if gran == "century":
        return f"{day.year // 100:02d}"
    return day.isoformat()


def _bounds(day: date, gran: str) -> tuple[date, date]:
    if gran == "week":
        first = day - timedelta(days=day.weekday())
        return first, first + timedelta(days=6)
    if gran == "month":
        return day.replace(day=1), day.replace(day=calendar.monthrange(day.year, day.month)[1])
    if gran == "year":
        return date(day.year, 1, 1), date(day.year, 12, 31)
    if gran == "decade":
        first = day.year // 10 * 10
        return date(max(first, 1), 1, 1), date(first + 9, 12, 31)
    if gran == "century":
        first = day.year // 100 * 100
        return date(max(first, 1), 1, 1), date(min(first + 99, 9999), 12, 31)
    return day, day


def _apply_mod(first: date, last: date, mod: str) -> tuple[date, date]:
    span = (last - first).days
    if not mod or mod == "APPROX" or span < 3:
        return first, last
    third = span // 3
    if mod == "START":
        return first, first + timedelta(days=third)
    if mod == "END":
        return last - timedelta(days=third), last
    return first + timedelta(days=third), last - timedelta(days=third)


def _number_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


_CLOCK_UNITS = {"H": "H", "MIN": "M", "S": "S"}


def _duration_value(amount: float | None, unit: str) -> str:
    count = "X" if amount is None else _number_text(amount)
    if unit in ("H", "MIN", "S"):
        return f"PT{count}{_CLOCK_UNITS[unit]}"
    if unit == "F":
        return f"P{'X' if amount is None else _number_text(2 * amount)}W"
    if unit == "X":
        return "PXX"
    return f"P{count}{unit}"


def parse_published(published: str | None) -> date | None:
    """The publication date from an ISO string (YYYY-MM-DD, or a longer ISO timestamp); None if unreadable."""
    if not published:
        return None
    try:
        return date.fromisoformat(str(published).strip()[:10])
    except ValueError:
        return None


# ---------------------------------------------------------------------------------------------------
# Tense


def _tense_cue(keys: list[str], k: int) -> int:
    key = keys[k]
    if key in lx.PAST_WORDS:
        return -1
    if key in lx.FUTURE_WORDS:
        if key in (_K("वाला"), _K("वाली"), _K("वाले")):
            return 1 if k and keys[k - 1].endswith("ने") else 0
        return 1
    if key not in lx.NOT_FUTURE and key.endswith(lx.FUTURE_SUFFIXES) and len(key) > 3:
        return 1
    return 0


class TenseCues:
    """The tense cues of one sentence's tokens, found once, so that each ``of`` is answered in constant time
    (a scan of the sentence per time expression was quadratic in a long sentence full of dates).

    Reading forward from a time expression, the first cue decides, except that a present auxiliary (मिलते हैं,
    किया जा रहा है) makes the clause present — or past, a present perfect, where an ergative ने stands between
    the expression and it — and a past form followed by a passive auxiliary (किया जाएगा) leaves the decision to
    that auxiliary. With nothing forward before the sentence ends, the last cue before the expression decides.
    """

    _STOP, _CUE, _PRESENT = 0, 1, 2

    def __init__(self, keys: list[str]) -> None:
        n = len(keys)
        cues = [_tense_cue(keys, k) for k in range(n)]
        # forward[k]: what a forward read from k finds: (_CUE, tense), (_PRESENT, position) or (_STOP, 0).
        self.forward: list[tuple[int, int]] = [(self._STOP, 0)] * (n + 1)
        for k in range(n - 1, -1, -1):
            nxt = keys[k + 1] if k + 1 < n else ""
            if keys[k] in ("।", "?", "!"):
                self.forward[k] = (self._STOP, 0)
            elif (keys[k] in _PRESENT_AUX or keys[k] in _PROGRESSIVE and nxt in _PRESENT_AUX) and (
                    nxt not in _RELATIVE_PRONOUNS):
                # A relative clause after the auxiliary (... की संभावना है जिसने ... ला दिया था) may still
                # describe the dated thing, so the read goes on through it.
                self.forward[k] = (self._PRESENT, k)
            elif cues[k] and not (cues[k] < 0 and nxt in _PASSIVE):
                self.forward[k] = (self._CUE, cues[k])
            else:
                self.forward[k] = self.forward[k + 1]
        # next_ne[k]: the first ने at k or later (n where none).
        ne = _K("ने")
        self.next_ne = [n] * (n + 1)
        for k in range(n - 1, -1, -1):
            self.next_ne[k] = k if keys[k] == ne else self.next_ne[k + 1]
        self.before = [0] * (n + 1)
        for k in range(n):
            self.before[k + 1] = cues[k] or self.before[k]
        self.fallback = -1 if self.next_ne[0] < n else 0

    def of(self, start: int, end: int) -> int:
        """-1 past, +1 future, 0 unknown: the tense of the clause of the time expression at tokens [start, end)."""
        kind, value = self.forward[min(max(end, 0), len(self.forward) - 1)]
        if kind == self._CUE:
            return value
        if kind == self._PRESENT:
            return -1 if self.next_ne[end] < value else 0
        return self.before[max(start, 0)] or self.fallback


def clause_tense(keys: list[str], start: int, end: int) -> int:
    """-1 past, +1 future, 0 unknown: the first tense cue after tokens [start, end), else before them."""
    return TenseCues(keys).of(start, end)


# ---------------------------------------------------------------------------------------------------
# Resolution


@dataclass
class _Resolved:
    type: str
    value: str
    certainty: str = "exact"
    earliest: str = ""
    latest: str = ""
    anchor: str = ""


def _offset_anchor(direction: int, amount: float | None, unit: str, lo: float | None = None, base: str = "publication") -> str:
    if direction == 0 or amount == 0:
        return base
    sign = "-" if direction < 0 else "+"
    return f"{base}{sign}{_duration_value(amount, unit)}"


def _resolve(sem: _Sem, pub: date | None, tense: int, previous: _Resolved | None) -> _Resolved:
    kind = sem.kind
    if kind == "abs":
        return _resolve_abs(sem, pub, sem.direction if sem.forced else tense)
    if kind == "relmonth":
        if pub is None:
            value = f"XXXX-{sem.month:02d}" + (f"-{sem.day:02d}" if sem.day else "")
            return _Resolved("DATE", value, anchor=_offset_anchor(sem.direction, abs(sem.direction), "Y"))
        year = pub.year + sem.direction
        return _resolve_abs(_Sem("abs", year=year, month=sem.month, day=sem.day, mod=sem.mod, part=sem.part,
                                 clock=sem.clock), pub, tense, anchor="publication")
    if kind == "rel":
        return _resolve_rel(sem, pub)
    if kind == "day":
        direction = sem.direction or (1 if tense > 0 else -1)
        amount = sem.n or 0.0
        certain = "exact" if amount == 0 or tense != 0 or sem.forced else "approximate"
        anchor = _offset_anchor(direction, amount, "D")
        if pub is None:
            ref = "PRESENT_REF" if amount == 0 else ("PAST_REF" if direction < 0 else "FUTURE_REF")
            return _Resolved("TIME" if sem.part or sem.clock else "DATE", ref + _time_suffix(sem), certain, anchor=anchor)
        day = pub + timedelta(days=direction * amount)
        return _with_time(_Resolved("DATE", day.isoformat(), certain, day.isoformat(), day.isoformat(), anchor), sem)
    if kind == "weekday" and sem.unit == "W":
        offset = int(sem.n or 0)
        if pub is None:
            sign = "-" if offset < 0 else "+"
            return _with_time(_Resolved("DATE", f"XXXX-WXX-{(sem.dow or 0) + 1}", "exact",
                                        anchor=f"publication{sign}P{abs(offset)}W"), sem)
        day = pub - timedelta(days=pub.weekday()) + timedelta(weeks=offset, days=sem.dow or 0)
        return _with_time(_Resolved("DATE", day.isoformat(), "exact", day.isoformat(), day.isoformat(), "publication"),
                          sem)
    if kind == "weekday":
        return _resolve_weekday(sem, pub, tense)
    if kind == "ref":
        resolved = _Resolved("DATE", sem.ref, "approximate" if sem.ref != "PRESENT_REF" else "exact", anchor="publication")
        if pub is not None and sem.ref == "PRESENT_REF":
            resolved.earliest = resolved.latest = pub.isoformat()
        elif pub is not None and sem.ref == "PAST_REF" and sem.typ == "deictic":
            resolved.earliest, resolved.latest = (pub - timedelta(days=60)).isoformat(), pub.isoformat()
        return resolved
    if kind == "dur":
        amount = sem.n
        certain = "exact" if amount is not None else "approximate"
        resolved = _Resolved("DURATION", _duration_value(amount, sem.unit), certain)
        if sem.forced and pub is not None and sem.unit in _GRANULARITY and sem.unit != "X":
            size = amount if amount is not None else (sem.hi or 1)
            other = _shift(pub, sem.unit, sem.direction * size)
            first, last = sorted((pub, other))
            resolved.earliest, resolved.latest = first.isoformat(), last.isoformat()
        if sem.forced:
            resolved.anchor = "publication"
        return resolved
    if kind == "set":
        return _Resolved("SET", sem.set_value)
    if kind == "time":
        return _Resolved("TIME", "XXXX-XX-XX" + _time_suffix(sem), "exact")
    if kind == "decade":
        first, last = date(max(sem.year or 1, 1), 1, 1), date((sem.year or 0) + 9, 12, 31)
        first, last = _apply_mod(first, last, sem.mod)
        return _Resolved("DATE", f"{(sem.year or 0) // 10:03d}", "approximate" if sem.mod else "exact",
                         first.isoformat(), last.isoformat())
    if kind == "century":
        start = sem.year or 0
        first, last = date(max(start, 1), 1, 1), date(min(start + 99, 9999), 12, 31)
        first, last = _apply_mod(first, last, sem.mod)
        return _Resolved("DATE", f"{start // 100:02d}", "approximate" if sem.mod else "exact",
                         first.isoformat(), last.isoformat())
    if kind == "generic":
        if sem.ref:
            return _Resolved("DATE", f"XXXX-{sem.ref}", "approximate", anchor="generic")
        if sem.part:
            return _Resolved("TIME", "XXXX-XX-XXT" + sem.part, "approximate", anchor="generic")
        if sem.unit in ("H", "MIN", "S"):
            return _Resolved("DURATION", _duration_value(None, sem.unit), "approximate", anchor="generic")
        value = {"Y": "XXXX", "M": "XXXX-XX", "W": "XXXX-WXX", "DE": "XXX", "CE": "XX"}.get(sem.unit, "XXXX-XX-XX")
        return _Resolved("DATE", value, "approximate", anchor="generic")
    if kind == "anaphor":
        if previous is not None and previous.type in ("DATE", "TIME") and previous.earliest:
            if sem.direction and previous.earliest == previous.latest:
                day = date.fromisoformat(previous.earliest) + timedelta(days=sem.direction)
                return _with_time(_Resolved("DATE", day.isoformat(), "approximate", day.isoformat(), day.isoformat(),
                                            "previous"), sem)
            if not sem.direction:
                return _with_time(_Resolved("DATE", previous.value.split("T")[0], "approximate", previous.earliest,
                                            previous.latest, "previous"), sem)
        return _with_time(_Resolved("DATE", "PAST_REF", "approximate", anchor="previous"), sem)
    if kind == "festival":
        return _resolve_festival(sem, pub, tense)
    if kind == "range":
        first = _resolve(sem.parts[0], pub, tense, previous)
        last = _resolve(sem.parts[1], pub, tense, previous)
        certain = "exact" if first.certainty == last.certainty == "exact" else "approximate"
        earliest = first.earliest
        latest = last.latest or (pub.isoformat() if pub and last.value == "PRESENT_REF" else "")
        if earliest and latest and latest < earliest:
            earliest, latest = latest, earliest
        return _Resolved("DATE", f"{first.value}/{last.value}", certain, earliest, latest, first.anchor or last.anchor)
    return _Resolved("DATE", "XXXX", "approximate")


def _time_suffix(sem: _Sem) -> str:
    if sem.clock:
        return "T" + sem.clock
    if sem.part:
        return "T" + sem.part
    return ""


def _with_time(resolved: _Resolved, sem: _Sem) -> _Resolved:
    suffix = _time_suffix(sem)
    if suffix:
        resolved.type = "TIME"
        resolved.value += suffix
    return resolved


def _resolve_abs(sem: _Sem, pub: date | None, tense: int, anchor: str = "") -> _Resolved:
    year, month, day = sem.year, sem.month, sem.day
    if year is None:
        if pub is None:
            value = "XXXX"
            if month:
                value += f"-{month:02d}"
                if day:
                    value += f"-{day:02d}"
            elif day:
                value = f"XXXX-XX-{day:02d}"
            return _with_time(_Resolved("DATE", value, "exact", anchor="publication"), sem)
        if month is None:
            return _resolve_day_of_month(sem, pub, tense, day)
        year = pub.year
        here = (month, day or 1)
        now = (pub.month, pub.day)
        if tense < 0 and here > now:
            year -= 1
        elif tense > 0 and here < now and (day is not None or month < pub.month):
            year += 1
        anchor = "publication"
    if month is None:
        first, last = date(year, 1, 1), date(year, 12, 31)
        value = f"{year:04d}"
    elif day is None:
        first = date(year, month, 1)
        last = date(year, month, calendar.monthrange(year, month)[1])
        value = f"{year:04d}-{month:02d}"
    else:
        day = min(day, calendar.monthrange(year, month)[1])
        first = last = date(year, month, day)
        value = first.isoformat()
    first, last = _apply_mod(first, last, sem.mod)
    certainty = "approximate" if sem.mod else "exact"
    return _with_time(_Resolved("DATE", value, certainty, first.isoformat(), last.isoformat(), anchor), sem)


def _resolve_day_of_month(sem: _Sem, pub: date, tense: int, day: int | None) -> _Resolved:
    """15 तारीख: this month's 15th, or the previous (next) month's where the tense says it is past (to come)."""
    month_start = pub.replace(day=1)
    if tense < 0 and (day or 1) > pub.day:
        month_start = _add_months(month_start, -1)
    elif tense > 0 and (day or 1) < pub.day:
        month_start = _add_months(month_start, 1)
    return _resolve_abs(replace(sem, year=month_start.year, month=month_start.month), pub, tense, "publication")


def _resolve_rel(sem: _Sem, pub: date | None) -> _Resolved:
    unit = sem.unit
    direction = sem.direction
    vague = sem.n is None
    amount = sem.n if not vague else None
    base = "event" if sem.event_anchor else "publication"
    anchor = _offset_anchor(direction, amount, unit, base=base)
    if sem.event_anchor:
        # Counted from another event in the sentence (हमलों के कुछ दिनों बाद): only an offset is known here.
        return _Resolved("DURATION", _duration_value(amount, unit), "approximate" if vague else "exact", anchor=anchor)
    gran = _GRANULARITY.get(unit, "day")
    if pub is None:
        ref = "PRESENT_REF" if amount == 0 else ("PAST_REF" if direction < 0 else "FUTURE_REF")
        return _Resolved("DATE", ref, "approximate" if vague else "exact", anchor=anchor)
    if vague or unit == "X":
        lo = sem.lo if sem.lo is not None else 1
        hi = sem.hi if sem.hi is not None else lo
        if unit == "X":
            return _Resolved("DATE", "PAST_REF" if direction < 0 else "FUTURE_REF", "approximate", anchor=anchor)
        near, far = _shift(pub, unit, direction * lo), _shift(pub, unit, direction * hi)
        first, last = sorted((near, far))
        first, last = _bounds(first, gran)[0], _bounds(last, gran)[1]
        return _Resolved("DATE", "PAST_REF" if direction < 0 else "FUTURE_REF", "approximate",
                         first.isoformat(), last.isoformat(), anchor)
    target = _shift(pub, unit, direction * (amount or 0))
    if sem.day and unit == "M":
        target = target.replace(day=min(sem.day, calendar.monthrange(target.year, target.month)[1]))
        gran = "day"
    first, last = _apply_mod(*_bounds(target, gran), sem.mod)
    certainty = "approximate" if sem.mod or not float(amount or 0).is_integer() else "exact"
    return _Resolved("DATE", _format(target, gran), certainty, first.isoformat(), last.isoformat(), anchor)


def _resolve_weekday(sem: _Sem, pub: date | None, tense: int) -> _Resolved:
    dow = sem.dow or 0
    direction = sem.direction if sem.forced else (1 if tense > 0 else -1)
    certainty = "exact" if sem.forced or tense != 0 else "approximate"
    if pub is None:
        sign = "-" if direction < 0 else "+"
        return _with_time(_Resolved("DATE", f"XXXX-WXX-{dow + 1}", certainty, anchor=f"publication{sign}weekday"), sem)
    if direction < 0:
        back = (pub.weekday() - dow) % 7
        if sem.forced and back == 0:
            back = 7
        day = pub - timedelta(days=back)
    else:
        ahead = (dow - pub.weekday()) % 7
        if sem.forced and ahead == 0:
            ahead = 7
        day = pub + timedelta(days=ahead)
    return _with_time(_Resolved("DATE", day.isoformat(), certainty, day.isoformat(), day.isoformat(), "publication"), sem)


# ---------------------------------------------------------------------------------------------------
# Festivals and dates whose year is unknown


def _resolve_festival(sem: _Sem, pub: date | None, tense: int) -> _Resolved:
    """A festival's day in the year the publication date, the tense and any modifier point to."""
    fid = sem.ref
    anchor = f"{fest.FESTIVAL_ANCHOR}:{fid}" if fid else fest.FESTIVAL_ANCHOR
    year = sem.year
    if year is None and sem.n and pub is not None:
        year = pub.year + int(sem.n)
    placed = fest.place(fid, pub, tense, sem.direction if sem.forced else None, year) if fid else None
    if placed is None:
        # Unknown festival, no calendar for it, or no publication date: a festival, its date unknown.
        value = f"{year:04d}" if year is not None else "XXXX"
        return _Resolved("DATE", value, "approximate", anchor=anchor)
    first, last = placed.start, placed.end
    if sem.day is not None and placed.day_known:
        # The n-th (or the last) day of a festival of several days.
        first = last = last if sem.day < 0 else min(first + timedelta(days=sem.day - 1), last)
    certainty = "approximate" if placed.approximate else "exact"
    if not placed.day_known:
        value = f"{first.year:04d}"  # the year is known, the day is not: first-last is its season
    elif last > first:
        value = f"{first.isoformat()}/{last.isoformat()}"
    else:
        value = first.isoformat()
    resolved = _Resolved("DATE", value, certainty, first.isoformat(), last.isoformat(), anchor)
    return _with_time(resolved, sem) if placed.day_known and last == first else resolved


FESTIVAL_OFFSET = f"{fest.FESTIVAL_ANCHOR}-offset"  # the anchor of a day counted from a festival
# Between a festival and an offset counted from it: दिवाली से दो दिन पहले, होली के तीन दिन बाद, छठ पर्व से ठीक...
_FESTIVAL_LINK = re.compile(r"\s*(?:(?:पर्व|त्योहार|त्यौहार|महापर्व)\s+)?(?:से|के)\s+(?:ठीक\s+)?")


def _from_festival(sem: _Sem, festival: _Resolved) -> _Resolved:
    """An offset counted from a festival's day rather than from publication."""
    anchor = festival.anchor.replace(fest.FESTIVAL_ANCHOR, FESTIVAL_OFFSET, 1)
    if not festival.earliest or sem.unit not in ("D", "W", "F", "M", "Y"):
        return _Resolved("DATE", "XXXX", "approximate", anchor=anchor)
    day = date.fromisoformat(festival.earliest)
    lo = sem.n if sem.n is not None else (sem.lo if sem.lo is not None else 1)
    hi = sem.n if sem.n is not None else (sem.hi if sem.hi is not None else lo)
    first, last = sorted((_shift(day, sem.unit, sem.direction * lo), _shift(day, sem.unit, sem.direction * hi)))
    exact = sem.n is not None and festival.certainty == "exact" and not sem.mod
    value = first.isoformat() if first == last else "PAST_REF" if sem.direction < 0 else "FUTURE_REF"
    return _Resolved("DATE", value, "exact" if exact else "approximate", first.isoformat(), last.isoformat(), anchor)


_PARTIAL_DATE = re.compile(r"XXXX-(\d{2})(?:-(\d{2}))?(?:T.*)?")


def festival_of(timex: Timex) -> str:
    """The festival id a timex names ("" when it names none or a festival the tagger does not know)."""
    base, _, fid = timex.anchor.partition(":")
    return fid if base == fest.FESTIVAL_ANCHOR else ""


def is_festival(timex: Timex) -> bool:
    """Whether a timex names a festival (known to the calendar or not)."""
    return timex.anchor.split(":", 1)[0] == fest.FESTIVAL_ANCHOR


def year_unknown_window(timex: Timex) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """For a date with a day or month but no year (8 जून, a festival, no publication date): (month, day) bounds."""
    if timex.earliest or timex.type not in ("DATE", "TIME"):
        return None
    partial = _PARTIAL_DATE.fullmatch(timex.value)
    if partial:
        month = int(partial.group(1))
        if not 1 <= month <= 12:
            return None
        if partial.group(2):
            day = int(partial.group(2))
            return ((month, day), (month, day)) if 1 <= day <= calendar.monthrange(2000, month)[1] else None
        return (month, 1), (month, calendar.monthrange(2000, month)[1])
    fid = festival_of(timex)
    if fid and timex.value.startswith("XXXX"):
        return fest.season(fid)
    return None


# ---------------------------------------------------------------------------------------------------
# The tagger


def _tokens(text: str, offset: int) -> list[_Tok]:
    return [_Tok(offset + s, offset + e, tok, _K(tok)) for s, e, tok in tokens(text)]


def _merge_ranges(found: list[tuple[int, int, _Sem]], keys: list[str]) -> list[tuple[int, int, _Sem]]:
    """Join A से B, A - B and A से लेकर B तक into one range when A and B are dates."""
    merged: list[tuple[int, int, _Sem]] = []
    dateish = ("abs", "relmonth", "decade", "century", "weekday", "day", "time", "festival")
    for item in found:
        if merged:
            i0, j0, a = merged[-1]
            i1, j1, b = item
            between = keys[j0:i1]
            joins = (
                len(between) == 1 and between[0] in _RANGE_JOIN
                or between == [_K("से"), _K("लेकर")]
            )
            b_ok = b.kind in dateish or (b.kind == "ref" and b.ref == "PRESENT_REF")
            if joins and a.kind in dateish and b_ok:
                if a.kind == b.kind == "abs" and a.year is None and b.year is not None and a.month is not None:
                    a = replace(a, year=b.year if (a.month or 0) <= (b.month or 13) else b.year - 1)
                end = j1
                if b.kind == "ref" and end < len(keys) and keys[end] == _K("तक") and keys[end - 1] != _K("तक"):
                    end += 1
                merged[-1] = (i0, end, _Sem("range", parts=(a, b)))
                continue
        merged.append(item)
    return _merge_adjacent(merged)


_SPECIFIC = ("abs", "relmonth", "rel", "weekday", "day", "range", "decade", "century", "time", "set", "dur", "ref",
             "festival", "anaphor", "generic")


def _merge_adjacent(found: list[tuple[int, int, _Sem]]) -> list[tuple[int, int, _Sem]]:
    """Join expressions that touch (पहले दिन सोमवार, बुधवार दिन भर): one time, said in two pieces."""
    merged: list[tuple[int, int, _Sem]] = []
    for item in found:
        if merged and merged[-1][1] == item[0]:
            i0, _, a = merged[-1]
            _, j1, b = item
            loose = ("generic", "anaphor", "dur")
            separate = ("rel", "ref", "range")  # अब after "कुछ दिनों बाद" is a second time, not a part of it
            if ((a.kind in loose or b.kind in loose) and not (a.kind == b.kind == "dur")
                    and a.kind not in separate and b.kind not in separate):
                keep = a if _SPECIFIC.index(a.kind) <= _SPECIFIC.index(b.kind) else b
                other = b if keep is a else a
                if other.kind == "generic" and other.part and not keep.part:
                    keep = replace(keep, part=other.part)
                merged[-1] = (i0, j1, keep)
                continue
        merged.append(item)
    return merged


def _numeric_dates(text: str, offset: int) -> list[tuple[int, int, _Sem]]:
    found = []
    ascii_text = to_ascii_digits(text)  # the same length: Devanagari digits map one to one
    for match in _ISO_DATE.finditer(ascii_text):
        year, month, day = (int(g) for g in match.groups())
        if 1 <= month <= 12 and 1 <= day <= 31:
            found.append((offset + match.start(), offset + match.end(), _Sem("abs", year=year, month=month, day=day)))
    iso = [(s, e) for s, e, _ in found]
    next_iso = 0
    for match in _NUMERIC_DATE.finditer(ascii_text):
        day, month, year = int(match.group(1)), int(match.group(3)), int(match.group(4))
        if len(match.group(4)) == 2:
            year += 2000 if year < 50 else 1900
        if 1 <= month <= 12 and 1 <= day <= 31:
            start, end = offset + match.start(), offset + match.end()
            # Both kinds come in text order without overlapping their own kind: one pass over the ISO dates.
            while next_iso < len(iso) and iso[next_iso][1] <= start:
                next_iso += 1
            if not (next_iso < len(iso) and iso[next_iso][0] < end):
                found.append((start, end, _Sem("abs", year=year, month=month, day=day)))
    return found


def tag_sentence(text: str, offset: int = 0) -> list[tuple[int, int, _Sem, int]]:
    """Raw matches in one sentence: (start, end, meaning, tense) with offsets shifted by ``offset``."""
    toks = _tokens(text, offset)
    matcher = _Matcher(toks)
    keys = matcher.keys
    numeric = _numeric_dates(text, offset)
    # Token positions found by bisection: a scan of every token per numeric date was quadratic.
    starts = [t.start for t in toks]
    ends = [t.end for t in toks]
    blocked = {k for s, e, _ in numeric for k in range(bisect.bisect_right(ends, s), bisect.bisect_left(starts, e))}
    found: list[tuple[int, int, _Sem]] = []
    i = 0
    while i < len(toks):
        if i in blocked or not _may_start(keys, i):
            i += 1
            continue
        best = matcher.best(i)
        if best and not any(k in blocked for k in range(i, best[0])):
            found.append((i, best[0], best[1]))
            i = best[0]
        else:
            i += 1
    found = _merge_ranges(found, matcher.keys)
    results: list[tuple[int, int, _Sem, int]] = []
    if not found and not numeric:  # most sentences: no tense to read
        return results
    tenses = TenseCues(matcher.keys)
    for i, j, sem in found:
        tense = tenses.of(i, j)
        if matcher.key(i - 1) in _APPROX:
            sem = replace(sem, mod=sem.mod or "APPROX")  # करीब दो हफ्ते पहले: about, not exactly
        results.append((toks[i].start, toks[j - 1].end, sem, tense))
    for start, end, sem in numeric:
        index, last = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
        results.append((start, end, sem, tenses.of(index, last)))
    results.sort(key=lambda r: r[0])
    return results


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector off for a while (and on again after, if it was on): for work that makes many
    small objects and no reference cycles, where the collections their number sets off would re-read the heap."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def extract(text: str, sentences=None, published: str | None = None) -> list[Timex]:
    """Every time expression in ``text``, normalised against ``published`` (an ISO date or None)."""
    with collector_paused():  # tokens, meanings and time expressions by the hundred thousand, no cycles
        return _extract(text, sentences, published)


def _extract(text: str, sentences, published: str | None) -> list[Timex]:
    if sentences is None or not sentences:
        sentences = [Sentence(i, s, e, text[s:e], p) for i, (s, e, p) in enumerate(sentence_spans(text))]
    pub = parse_published(published)
    timexes: list[Timex] = []
    previous: _Resolved | None = None
    for sentence in sentences:
        chunk = text[sentence.start:sentence.end]
        festival: tuple[int, _Resolved] | None = None  # the last festival of the sentence and where it ends
        for start, end, sem, tense in tag_sentence(chunk, sentence.start):
            resolved = _resolve(sem, pub, tense, previous)
            if festival and sem.kind == "rel" and _FESTIVAL_LINK.fullmatch(text[festival[0]:start]):
                resolved = _from_festival(sem, festival[1])  # दिवाली से दो दिन पहले: counted from Diwali
            if sem.kind == "festival":
                festival = (end, resolved)
            if sem.mod == "APPROX":
                resolved.certainty = "approximate"
            if resolved.type in ("DATE", "TIME") and resolved.earliest and resolved.anchor != "previous":
                previous = resolved
            timexes.append(Timex(
                start=start, end=end, text=text[start:end], type=resolved.type, value=resolved.value,
                sentence=sentence.index, certainty=resolved.certainty, earliest=resolved.earliest,
                latest=resolved.latest, anchor=resolved.anchor,
            ))
    return timexes


DEICTIC_ADVERBS = frozenset(_K(w) for w in (
    "अब", "अभी", "फिलहाल", "हाल ही में", "हाल में", "वर्तमान में", "भविष्य में", "अतीत में", "जल्द", "जल्द ही",
    "शीघ्र", "शीघ्र ही", "अब तक", "अभी तक",
))


def is_deictic_adverb(timex: Timex) -> bool:
    """Whether a timex is a bare adverb of time (अब, फिलहाल, हाल ही में), which some annotation schemes skip."""
    return match_key(timex.text) in DEICTIC_ADVERBS


_UNIT_WORDS = {"D": "day", "W": "week", "M": "month", "Y": "year", "DE": "decade", "CE": "century", "H": "hour",
               "M_": "minute", "S": "second"}


def describe_relative(timex: Timex) -> str:
    """Plain English for a timex's anchor, e.g. "3 days before publication"; empty when it has none."""
    anchor = timex.anchor
    match = re.fullmatch(r"(publication|event)([+-])P(T?)([\dX.]+)([A-Z]+)", anchor)
    if match:
        base, sign, clock, amount, unit = match.groups()
        key = unit + ("_" if clock and unit == "M" else "")
        word = _UNIT_WORDS.get(key, "unit")
        count = "a few" if amount == "X" else amount
        plural = "" if amount == "1" else "s"
        side = "before" if sign == "-" else "after"
        target = "publication" if base == "publication" else "the event it follows"
        return f"{count} {word}{plural} {side} {target}"
    if anchor == "publication" and timex.value == "PRESENT_REF":
        return "at publication"
    if is_festival(timex) and not timex.earliest:
        return f"{fest.english_name(festival_of(timex))}, year unknown"
    partial = re.fullmatch(r"XXXX-(\d{2})(?:-(\d{2}))?", timex.value)
    if partial and anchor.startswith("publication"):
        month = calendar.month_name[int(partial.group(1))] if 1 <= int(partial.group(1)) <= 12 else "?"
        day = f"{int(partial.group(2))} " if partial.group(2) else ""
        return f"{day}{month}, year unknown (no publication date)"
    if anchor.startswith("publication") and "weekday" in anchor:
        return "the nearest such weekday " + ("before" if "-" in anchor else "after") + " publication"
    return ""


class RuleTimexTagger:
    """Offline rule-based Hindi time-expression tagger."""

    info = EngineInfo(
        name="hindi-rules",
        label="Hindi time rules (offline)",
        kind="timex",
        description="Dates, relative days and periods, durations and sets in Hindi, normalised TIMEX3-style.",
        limits="Rules only: no learned model. Festivals are dated from the holidays package's India calendar "
               "(Hindu festivals 2001-2035; outside those years only their season).",
    )

    def availability(self) -> Availability:
        """Always available: plain Python; festivals are placed on the calendar where ``holidays`` is installed."""
        if not fest.calendar_available():
            return Availability.yes("built in; festival dates unknown (the holidays package is not installed)")
        return Availability.yes("built in")

    def extract(self, text: str, sentences, published: str | None) -> list[Timex]:
        """Time expressions in ``text`` (offsets into it), normalised against ``published``."""
        return extract(text, sentences, published)
