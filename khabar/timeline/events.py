"""Events: what each sentence reports as happening, who took part, and when, with how sure that is.

A sentence is split into clauses at commas and contrastive conjunctions; a clause that ends in a finite
verb and is neither quoted speech, a relative clause nor a plain state ("X is Y") is an event. Its date
comes, in order of preference, from a time expression in the sentence (exact or approximate), from an
offset to another event ("हमलों के कुछ दिनों बाद": a few days before the main event), from an ongoing
present ("यात्रा पर हैं": under way at publication, inferred), from an earlier dated event it continues
(inferred), and otherwise it stays undated. Continuing needs both topical continuity (an earlier clause of the
same sentence, a shared participant in the same paragraph, or a response/anaphoric cue such as "का जवाब",
"इसके बाद", "उसी दिन", "दोनों देशों") and a compatible tense: a past-tense event never takes a date after
publication, nor one from a future-tense event. A duration ("छह महीने") says how long, never when.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import accumulate

from khabar.model import Article, Event, Sentence, Timex
from khabar.text import TOKEN, match_key
from khabar.timeline import lexicon as lx
from khabar.timeline.timex import FESTIVAL_OFFSET, collector_paused, describe_relative, festival_of, parse_published

_K = functools.lru_cache(maxsize=65536)(match_key)  # rules fold the same words again and again
PARTICIPANT_LABELS = frozenset({"PER", "ORG", "LOC", "NORP"})
QUOTES = "\"“”«»„"

_AUX = frozenset(_K(w) for w in (
    "है", "हैं", "था", "थे", "थी", "थीं", "हो", "हूं", "गया", "गई", "गए", "गयी", "गये", "गईं", "रहा", "रहे", "रही",
    "रहीं", "चुका", "चुके", "चुकी", "सकता", "सकते", "सकती", "सका", "सकी", "सके", "दिया", "दी", "दिए", "दिये",
    "लिया", "ली", "हुआ", "हुई", "हुए", "होगा", "होगी", "होंगे", "नहीं", "न", "किया", "किए", "किये", "की", "करना",
    "करने", "जाने", "जाना", "जा", "जाता", "जाती", "जाते", "पड़ा", "पड़ी", "पड़े", "पड़ेगा", "लगा", "लगे", "लगी",
    "जाएगा", "जाएगी", "जाएंगे", "होता", "होती", "होते", "करता", "करती", "करते", "कर", "दे", "ले", "रखा", "रखी",
    "रखे", "बनाए", "गयीं", "होना", "होने", "चाहिए", "हों", "रहें", "दें",
))
_POSTPOSITIONS = frozenset(_K(w) for w in (
    "में", "से", "पर", "तक", "के", "की", "का", "को", "लिए", "खिलाफ", "बारे", "साथ", "द्वारा", "बीच", "दौरान",
    "बाद", "पहले", "ओर", "तरफ", "प्रति",
))
_STOPS = frozenset(_K(w) for w in ("ने", ",", "”", "“", "\"", ":", ";", "-", "–"))
_PARTICLES = frozenset(_K(w) for w in ("भी", "ही", "तो", "तक", "सिर्फ", "केवल"))
_CONJUNCTIONS = frozenset(_K(w) for w in ("और", "तथा", "व", "एवं", "या"))
_CLAUSE_BREAKS = frozenset(_K(w) for w in ("लेकिन", "किंतु", "परंतु", "मगर", "जबकि", "बल्कि", "कि", "क्योंकि", "ताकि"))
_RELATIVES = frozenset(_K(w) for w in (
    "जो", "जिसे", "जिसने", "जिसमें", "जिससे", "जिसका", "जिसकी", "जिसके", "जिन्होंने", "जिन्हें", "जिनमें",
    "जिनके", "जिनका", "जिनकी", "जब", "जहां", "जहाँ", "कि", "क्योंकि", "ताकि", "अगर", "यदि",
))
_PRESENT = frozenset(_K(w) for w in ("है", "हैं", "हूं", "हो"))
_PROGRESSIVE = frozenset(_K(w) for w in ("रहा", "रहे", "रही", "रहीं"))
_ONGOING_WORDS = frozenset(_K(w) for w in ("जारी",))
_NONFINITE_END = frozenset(_K(w) for w in ("कर", "करके", "के", "लिए", "हुए", "बाद", "पहले", "दौरान", "तहत", "समेत"))
_RESPONSE_CUES = tuple(tuple(_K(w) for w in cue.split()) for cue in (
    "जवाब में", "का जवाब", "जवाबी", "के जवाब", "की प्रतिक्रिया", "प्रतिक्रिया में", "प्रतिक्रिया स्वरूप", "के बदले",
    "बदले में", "पलटवार", "इसके बाद", "उसके बाद", "जिसके बाद", "इसके तुरंत बाद", "तब", "फिर", "इसी दौरान",
    "इस दौरान", "उसी दिन", "उसी समय",
))


_CUES_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _cue in _RESPONSE_CUES:
    _CUES_BY_FIRST.setdefault(_cue[0], []).append(_cue)


def _has_cue(keys: list[str]) -> bool:
    # Only the cues that start with a word can start at it: one look-up per word, not a scan per cue.
    for i, key in enumerate(keys):
        for cue in _CUES_BY_FIRST.get(key, ()):
            if tuple(keys[i:i + len(cue)]) == cue:
                return True
    return False
_VERB_ENDINGS = ("ा", "ी", "े", "ीं", "ें", "ो", "ूं", "ों", "ई", "ए", "ईं", "एं")
_NON_EVENT_NOUN_ENDS = frozenset(_K(w) for w in ("बारे", "तरह", "जैसे", "जैसा", "जैसी"))


@dataclass
class _Clause:
    start: int
    end: int
    words: list[tuple[int, int, str, str]]  # (start, end, text, key)
    quoted: bool


def _words(text: str, offset: int) -> list[tuple[int, int, str, str]]:
    """``khabar.text.tokens`` of ``text`` as (start, end, token, key), offsets shifted by ``offset``."""
    return [(offset + m.start(), offset + m.end(), tok, _K(tok)) for m in TOKEN.finditer(text) for tok in (m.group(),)]


def _clauses(sentence: Sentence, words: list[tuple[int, int, str, str]] | None = None) -> list[_Clause]:
    """Split a sentence (its ``words`` where already found) at commas, semicolons, quotes and contrastive
    conjunctions."""
    if words is None:
        words = _words(sentence.text, sentence.start)
    clauses: list[_Clause] = []
    current: list[tuple[int, int, str, str]] = []
    quoted = False
    quote_depth = 0
    scare = False  # quotes around a phrase inside a clause ("आतंकवादी ठिकानों"), not around speech

    def close() -> None:
        nonlocal current
        if current:
            clauses.append(_Clause(current[0][0], current[-1][1], current, quoted))
        current = []

    for word in words:
        text, key = word[2], word[3]
        if text in QUOTES:
            quote_depth = 1 - quote_depth
            if quote_depth == 1:
                # Speech opens a clause (after कहा, or a colon); a quote in mid-clause marks a phrase.
                scare = bool(current)
                if not scare:
                    quoted = True
            elif scare:
                scare = False
            else:
                close()
                quoted = False
            continue
        if text in (",", ";", ":") or key in _CLAUSE_BREAKS and current:
            close()
            if key in _CLAUSE_BREAKS:
                current.append(word)
            continue
        current.append(word)
    close()
    return clauses


_WORDLIKE = re.compile(r"[\w\u0900-\u097f]")


@functools.lru_cache(maxsize=65536)
def _is_content(token: str) -> bool:
    return bool(_WORDLIKE.search(token)) and token not in "।॥?!."


def _content(words: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    return [w for w in words if _is_content(w[2])]


def _finite(words: list[tuple[int, int, str, str]]) -> bool:
    if len(words) < 2:
        return False
    last, before = words[-1][3], words[-2][3]
    if last in _NONFINITE_END and not (last == _K("हुए") and not before.endswith(("ते", "ता", "ती"))):
        return False
    if last in _AUX:
        return True
    if last in _POSTPOSITIONS or last in _NON_EVENT_NOUN_ENDS:
        return False
    if last.endswith("ने") and last not in _AUX:  # an infinitive (करने, जाने)
        return False
    return last in _AUX or last in lx.PAST_WORDS or last.endswith(_VERB_ENDINGS)


class SkippedSpans:
    """Spans a verb phrase must not take in (a sentence's time expressions), prepared once per sentence: whether
    a word overlaps one is a bisection (a scan of every span per word was quadratic in a long sentence)."""

    def __init__(self, spans: Sequence[tuple[int, int]] = ()) -> None:
        ordered = sorted(spans)
        self.starts = [a for a, _ in ordered]
        self.reach = list(accumulate((b for _, b in ordered), max))  # the furthest end so far

    def overlaps(self, start: int, end: int) -> bool:
        """Whether [start, end) overlaps any of the spans."""
        before = bisect_left(self.starts, end)  # spans starting before it ends
        return before > 0 and self.reach[before - 1] > start


def verb_phrase(words: list[tuple[int, int, str, str]], skip: SkippedSpans | None = None) -> tuple[int, int]:
    """The (start, end) of the main verb phrase at the end of a clause, without any of the ``skip`` spans."""
    skip = skip or SkippedSpans()

    def skipped(word: tuple[int, int, str, str]) -> bool:
        return skip.overlaps(word[0], word[1])

    k = len(words) - 1
    start = k
    while k - 1 >= 0 and words[k - 1][3] in _AUX:
        k -= 1
    start = k
    content = 0
    j = k - 1
    while j >= 0 and content < 2:
        key = words[j][3]
        # Time expressions are reported as the date, not repeated (or cut in half) in the summary.
        if key in _STOPS or words[j][2] in QUOTES or skipped(words[j]):
            break
        if key in _POSTPOSITIONS:
            if content:
                break
        elif key not in _CONJUNCTIONS and key not in _PARTICLES:
            content += 1
        start = j
        j -= 1
    if content == 0 and j >= 1 and words[j][3] == _K("ने") and not skipped(words[j - 1]):
        start = j - 1  # a bare speech verb: keep its subject (रायसी ने कहा)
    while start < k and words[start][3] in _PARTICLES | _POSTPOSITIONS | _CONJUNCTIONS:
        start += 1  # a phrase does not start with भी, पर or और
    return words[start][0], words[-1][1]


def _aspect(words: list[tuple[int, int, str, str]], clause_text_keys: list[str]) -> str:
    """past, future, ongoing, state or present for a finite clause."""
    keys = [w[3] for w in words]
    last = keys[-1]
    group = []
    k = len(keys) - 1
    while k >= 0 and (keys[k] in _AUX or k == len(keys) - 1):
        group.append(keys[k])
        k -= 1
    head = keys[k] if k >= 0 else ""
    if any(key in lx.FUTURE_WORDS or key.endswith(lx.FUTURE_SUFFIXES) and key not in lx.NOT_FUTURE for key in group):
        return "future"
    if last in _PRESENT and any(key in _PROGRESSIVE for key in group):
        return "ongoing"
    if last in _PRESENT and (head in _ONGOING_WORDS or head in (_K("पर"), _K("में"))):
        return "ongoing"
    if any(key in lx.PAST_WORDS for key in group) or last in lx.PAST_WORDS:
        return "past"
    if _K("ने") in keys:
        return "past"
    if last in _PRESENT and len(group) == 1 or group[:2] == [keys[-1], _K("नहीं")]:
        return "state"
    if last in (_K("था"), _K("थे"), _K("थी"), _K("थीं")):
        return "state"
    if last.endswith(_VERB_ENDINGS) and last not in _PRESENT:
        return "past"
    return "present"


def best_english(article: Article, index: int) -> str:
    """The English for sentence ``index`` from the best translation present: reference, then others, gloss last."""
    return article.best_english(index)


class _SentenceIndex:
    """One sentence's time expressions and names in text order, so each clause finds its own by bisection
    instead of scanning them all (quadratic in one long sentence full of dates or names)."""

    def __init__(self, article: Article, index: int, timexes: list[tuple[int, Timex]]) -> None:
        self.timexes = sorted(timexes, key=lambda item: item[1].start)
        self.timex_starts = [t.start for _, t in self.timexes]
        self.event_anchored = [(i, t) for i, t in self.timexes if t.anchor.startswith("event")]
        self.event_anchored_starts = [t.start for _, t in self.event_anchored]
        self.entities = sorted((s for s in article.sentence_entities(index) if s.label in PARTICIPANT_LABELS),
                               key=lambda s: s.start)
        self.entity_starts = [s.start for s in self.entities]
        self._fitting: dict[tuple[str, date | None], list[tuple[int, Timex]]] = {}
        self._elsewhere: dict[tuple[str, date | None], tuple[int, Timex] | None] = {}

    def timexes_in(self, start: int, end: int) -> list[tuple[int, Timex]]:
        """The time expressions that start in [start, end)."""
        return self.timexes[bisect_left(self.timex_starts, start):bisect_left(self.timex_starts, end)]

    def event_anchored_in(self, start: int, end: int) -> list[tuple[int, Timex]]:
        """The time expressions counted from another event ("के दो दिन बाद") that start in [start, end)."""
        starts = self.event_anchored_starts
        return self.event_anchored[bisect_left(starts, start):bisect_left(starts, end)]

    def entities_near(self, start: int, end: int) -> list:
        """Participant spans that may overlap [start, end): those starting inside it, and the two before it (names
        do not nest, so no earlier one reaches in)."""
        low = max(0, bisect_left(self.entity_starts, start) - 2)
        return self.entities[low:bisect_left(self.entity_starts, end)]

    def fitting(self, aspect: str, pub: date | None) -> list[tuple[int, Timex]]:
        """The sentence's time expressions whose direction fits a clause of ``aspect`` (worked out once)."""
        key = (aspect, pub)
        if key not in self._fitting:
            self._fitting[key] = [(i, t) for i, t in self.timexes if _tense_fits(aspect, _timex_direction(t, pub))]
        return self._fitting[key]

    def dating_elsewhere(self, aspect: str, pub: date | None) -> tuple[int, Timex] | None:
        """What dates a clause of ``aspect`` that has no usable time expression of its own: the most specific of
        those of the sentence that fit it (``_dating_timex`` of them for any such clause), worked out once."""
        key = (aspect, pub)
        if key not in self._elsewhere:
            usable = _usable(self.fitting(aspect, pub))
            self._elsewhere[key] = _most_specific(usable) if usable else None
        return self._elsewhere[key]


def _participants(spans, start: int, end: int) -> tuple[str, ...]:
    names: list[str] = []
    for span in spans:
        if span.label not in PARTICIPANT_LABELS or span.end <= start or span.start >= end:
            continue
        name = span.canonical or span.text
        if name and name not in names:
            names.append(name)
    return tuple(names)


def _dating_timex(timexes: list[tuple[int, Timex]], clause: _Clause) -> tuple[int, Timex] | None:
    usable = _usable(timexes)
    if not usable:
        return None
    inside = [(i, t) for i, t in usable if clause.start <= t.start < clause.end]
    return _most_specific(inside or usable)


def _usable(timexes: list[tuple[int, Timex]]) -> list[tuple[int, Timex]]:
    """The time expressions that can date an event: calendar bounds, or an offset from publication or from a
    previous date, or a festival."""
    usable = [(i, t) for i, t in timexes if t.type in ("DATE", "TIME") or (t.type == "DURATION" and t.earliest)]
    return [(i, t) for i, t in usable
            if t.earliest or t.anchor.startswith("publication") or t.anchor == "previous" or festival_of(t)]


def _most_specific(pool: list[tuple[int, Timex]]) -> tuple[int, Timex]:
    """The first of the most specific: a resolved range, then the narrowest, then a day counted from a festival
    over the festival itself (दिवाली से दो दिन पहले)."""
    def rank(item: tuple[int, Timex]) -> tuple[int, int, int]:
        t = item[1]
        counted = 0 if t.anchor.startswith(FESTIVAL_OFFSET) else 1
        if t.earliest and t.latest:
            width = (date.fromisoformat(t.latest) - date.fromisoformat(t.earliest)).days
            return (0, width, counted)
        return (1, 0, counted)

    return min(pool, key=rank)


def _shift_range(start: str, end: str, anchor: str) -> tuple[str, str, bool] | None:
    """Move a date range back by an event offset such as "event+PXD" (the earlier event is X days before)."""
    match = re.fullmatch(r"event([+-])P([\dX.]+)([DWMY])", anchor)
    if not match or not start or not end:
        return None
    sign, amount, unit = match.groups()
    days = {"D": 1, "W": 7, "M": 30, "Y": 365}[unit]
    if amount == "X":
        lo, hi = lx.VAGUE_NUMBERS[_K("कुछ")]
        near, far = lo * days, hi * days
        vague = True
    else:
        near = far = int(float(amount) * days)
        vague = False
    direction = -1 if sign == "+" else 1  # the main event is after: the earlier one lies before it
    first, last = date.fromisoformat(start), date.fromisoformat(end)
    if direction < 0:
        return (first - timedelta(days=far)).isoformat(), (last - timedelta(days=near)).isoformat(), vague
    return (first + timedelta(days=near)).isoformat(), (last + timedelta(days=far)).isoformat(), vague


_BOTH = _K("दोनों")
_BOTH_NOUNS = frozenset(_K(w) for w in ("देश", "देशों", "पक्ष", "पक्षों", "नेता", "नेताओं", "सेना", "सेनाओं", "सरकार",
                                        "सरकारों"))
BEFORE_PUBLICATION = "before publication"


@dataclass
class _Dated:
    """A dated event that later clauses may continue, with what continuity and tense checks need."""

    event: Event
    aspect: str
    paragraph: int


class _History:
    """The dated events so far, oldest first, indexed by sentence, paragraph and participant, so a clause finds
    the one it continues without a scan of every earlier event (quadratic in a long article)."""

    def __init__(self) -> None:
        self.items: list[_Dated] = []
        self.by_sentence: dict[int, list[_Dated]] = {}
        self.by_paragraph: dict[int, list[_Dated]] = {}
        self.by_name: dict[tuple[int, str], list[tuple[int, _Dated]]] = {}

    def add(self, item: _Dated) -> None:
        """Remember a dated event."""
        position = len(self.items)
        self.items.append(item)
        self.by_sentence.setdefault(item.event.sentence, []).append(item)
        self.by_paragraph.setdefault(item.paragraph, []).append(item)
        for name in set(item.event.entities):
            self.by_name.setdefault((item.paragraph, name), []).append((position, item))


def _has_pair_anaphor(keys: list[str]) -> bool:
    """"दोनों देशों" and the like: the clause refers back to two participants named before."""
    return any(a == _BOTH and b in _BOTH_NOUNS for a, b in zip(keys, keys[1:], strict=False))


def _direction(start: str, end: str, pub: date | None) -> str:
    """Where a date range lies relative to publication: past, future, present or unknown."""
    if pub is None or not start:
        return "unknown"
    if date.fromisoformat(end or start) < pub:
        return "past"
    if date.fromisoformat(start) > pub:
        return "future"
    return "present"


def _timex_direction(timex: Timex, pub: date | None) -> str:
    """Where a time expression points relative to publication, from its dates or else its offset's sign."""
    if timex.earliest:
        return _direction(timex.earliest, timex.latest or timex.earliest, pub)
    if timex.anchor.startswith("publication+"):
        return "future"
    if timex.anchor.startswith("publication-"):
        return "past"
    return "unknown"


def _tense_fits(aspect: str, direction: str, source_aspect: str = "") -> bool:
    """Whether a date lying in ``direction`` (and the tense of its event) can belong to an event of this tense."""
    if aspect == "past":
        return direction != "future" and source_aspect != "future"
    if aspect == "future":
        return direction != "past" and source_aspect not in ("past",)
    return True


def _source(clause_keys: list[str], sentence: Sentence, aspect: str, entities: tuple[str, ...], response: bool,
            history: _History, pub: date | None) -> tuple[Event, str] | None:
    """The earlier dated event this clause continues, and how, when continuity and tense allow one."""
    if aspect != "past":
        return None

    def fits(item: _Dated) -> bool:
        return _tense_fits(aspect, _direction(item.event.start_date, item.event.end_date, pub), item.aspect)

    # An earlier clause of the same sentence: "X ने A किया, लेकिन B ने C नहीं किया".
    for item in reversed(history.by_sentence.get(sentence.index, ())):
        if fits(item):
            return item.event, "continues"
    # An explicit response or sequence cue points at the latest dated event, whatever the paragraph.
    if response and history.items:
        item = history.items[-1]
        return (item.event, "responds to") if fits(item) else None
    same_paragraph = history.by_paragraph.get(sentence.paragraph, [])
    if _has_pair_anaphor(clause_keys) and same_paragraph:
        item = same_paragraph[-1]
        if len(item.event.entities) >= 2 and fits(item):
            return item.event, "continues"
    # A participant named again in the same paragraph: the latest event that names one and fits.
    latest: tuple[int, _Dated] | None = None
    for name in set(entities):
        for position, item in reversed(history.by_name.get((sentence.paragraph, name), ())):
            if latest is not None and position <= latest[0]:
                break
            if fits(item):
                latest = (position, item)
                break
    return (latest[1].event, "continues") if latest else None


def build_events(article: Article) -> list[Event]:
    """The events the article's sentences report, each dated from its time expressions or its context."""
    # Many small objects and no reference cycles: the collections their number sets off re-read the whole heap,
    # half the builder's time on 1M characters of dates.
    with collector_paused():
        return _build_events(article)


def _build_events(article: Article) -> list[Event]:
    pub = parse_published(article.meta.published or None)
    by_sentence: dict[int, list[tuple[int, Timex]]] = {}
    for index, timex in enumerate(article.timexes):
        by_sentence.setdefault(timex.sentence, []).append((index, timex))
    events: list[Event] = []
    history = _History()  # dated events later clauses may continue
    quote_open = False
    for sentence in article.sentences:
        starts_quoted = quote_open
        quote_open = (quote_open + sum(sentence.text.count(q) for q in QUOTES)) % 2 == 1
        if starts_quoted or sentence.text.rstrip().endswith("?"):
            continue
        timexes = by_sentence.get(sentence.index, [])
        spans = SkippedSpans([(t.start, t.end) for _, t in timexes])
        found = _SentenceIndex(article, sentence.index, timexes)
        sentence_words = _words(sentence.text, sentence.start)
        response = _has_cue([w[3] for w in sentence_words])
        made: list[tuple[Event, str]] = []
        for clause in _clauses(sentence, sentence_words):
            words = _content(clause.words)
            if clause.quoted or not _finite(words) or words[0][3] in _RELATIVES:
                continue
            aspect = _aspect(words, [])
            if aspect == "state":
                continue
            start, end = verb_phrase(words, spans)
            summary_hi = article.text[start:end]
            # Names before "के कुछ दिनों बाद" belong to the earlier event, not to this one.
            first = max([clause.start] + [t.end for _, t in found.event_anchored_in(clause.start, start)])
            entities = _participants(found.entities_near(first, clause.end), first, clause.end)
            source = _source([w[3] for w in words], sentence, aspect, entities, response, history, pub)
            event = _date_event(article, sentence, clause, aspect, found, pub, source, summary_hi, entities)
            made.append((event, aspect))
            # An ongoing present says nothing about when the past events after it happened.
            if event.start_date and not event.basis.startswith("under way"):
                history.add(_Dated(event, aspect, sentence.paragraph))
        if not made:
            continue
        # A clause before "के <offset> बाद" is an earlier event: date it from the main one.
        main = next((e for e, _ in made if e.start_date), made[0][0])
        prepared: _SentenceStart | None = None
        for index, timex in timexes:
            if not timex.anchor.startswith("event"):
                continue
            prepared = prepared or _SentenceStart(article, sentence, sentence_words)
            sub = _offset_event(article, sentence, index, timex, main, spans, prepared)
            if sub:
                events.append(sub)
        events.extend(e for e, _ in made)
    return events


def _date_event(article: Article, sentence: Sentence, clause: _Clause, aspect: str, found: _SentenceIndex,
                pub: date | None, source: tuple[Event, str] | None, summary_hi: str, entities: tuple[str, ...]
                ) -> Event:
    summary_en = best_english(article, sentence.index)
    base = {"sentence": sentence.index, "summary_hi": summary_hi, "summary_en": summary_en, "entities": entities}
    # A date in another clause of the sentence only counts when it does not contradict this clause's tense.
    inside = found.timexes_in(clause.start, clause.end)
    # Where none of the clause's own can date it, none of the fitting ones lies inside it either.
    dated = _dating_timex(inside, clause) or found.dating_elsewhere(aspect, pub)
    if dated:
        index, timex = dated
        if timex.earliest:
            return Event(**base, start_date=timex.earliest, end_date=timex.latest or timex.earliest,
                         certainty=timex.certainty, timex=index, basis=f"time expression “{timex.text}”")
        relative = describe_relative(timex) or timex.value
        return Event(**base, certainty=timex.certainty, timex=index,
                     basis=f"time expression “{timex.text}”: {relative}")
    if aspect == "ongoing":
        day = pub.isoformat() if pub else ""
        return Event(**base, start_date=day, end_date=day, certainty="inferred",
                     basis="under way at publication" if pub else "under way at publication (date unknown)")
    if source is not None:
        event, how = source
        return Event(**base, start_date=event.start_date, end_date=event.end_date, certainty="inferred",
                     timex=event.timex, basis=f"{how} the event of sentence {event.sentence + 1}")
    durations = [t for _, t in inside if t.type == "DURATION"]
    if durations and aspect == "past":
        # "छह महीने जेल में रहा": how long, and (from the tense) that it was over by publication; not when.
        return Event(**base, basis=f"{BEFORE_PUBLICATION} (past tense); “{durations[0].text}” says how long, "
                                   "not when")
    return Event(**base, basis="no time expression or context to date it")


class _Head(Sequence):
    """The first ``count`` items of a list, without copying them."""

    def __init__(self, items: list, count: int) -> None:
        self.items, self.count = items, count

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, k):
        if isinstance(k, slice):
            return self.items[: self.count][k]
        if not -self.count <= k < self.count:
            raise IndexError(k)
        return self.items[k % self.count]


def _is_break(word: tuple[int, int, str, str]) -> bool:
    return word[2] in (",", ";") or word[2] in QUOTES


class _SentenceStart:
    """What ``_offset_event`` reads of a sentence before each of its time expressions, prepared once per
    sentence: the content words and the participants up to any point are then found by bisection (reading the
    sentence from its start for every time expression was quadratic in one long sentence)."""

    def __init__(self, article: Article, sentence: Sentence, words: list[tuple[int, int, str, str]]) -> None:
        self.article, self.sentence = article, sentence
        self.starts = [w[0] for w in words]
        self.ends = [w[1] for w in words]
        self.content = _content(words)
        self.content_ends = [w[1] for w in self.content]
        self.breaks = [k for k, w in enumerate(self.content) if _is_break(w)]
        self._names: tuple[list[int], list[int], list[str]] | bool | None = None

    def words_before(self, cut: int) -> Sequence[tuple[int, int, str, str]] | None:
        """The content words of the sentence before offset ``cut``, as reading the text up to it finds them;
        None where a word runs across ``cut`` (the text up to it reads otherwise) or a clause breaks there."""
        k = bisect_right(self.starts, cut) - 1
        if k >= 0 and self.starts[k] < cut < self.ends[k]:
            return None
        count = bisect_right(self.content_ends, cut)
        if self.breaks and self.breaks[0] < count:
            return None
        return _Head(self.content, count)

    def participants(self, start: int, end: int) -> tuple[str, ...]:
        """``_participants`` of the sentence's entities over [start, end), for the ``start`` of its first
        content word."""
        spans = self.article.sentence_entities(self.sentence.index)
        if start != self.content[0][0]:
            return _participants(spans, start, end)
        if self._names is None:
            eligible = [s for s in spans if s.label in PARTICIPANT_LABELS and s.end > start]
            starts = [s.start for s in eligible]
            firsts, names, seen = [], [], set()
            for number, span in enumerate(eligible):
                name = span.canonical or span.text
                if name and name not in seen:
                    seen.add(name)
                    firsts.append(number)
                    names.append(name)
            self._names = (starts, firsts, names) if starts == sorted(starts) else False
        if self._names is False:  # spans out of text order: read them all
            return _participants(spans, start, end)
        starts, firsts, names = self._names
        # The spans that reach into [start, end) are those starting before its end: the names first seen there.
        return tuple(names[: bisect_left(firsts, bisect_left(starts, end))])


def _offset_event(article: Article, sentence: Sentence, index: int, timex: Timex, main: Event,
                  spans: SkippedSpans | None = None, prepared: _SentenceStart | None = None) -> Event | None:
    words = prepared.words_before(timex.start) if prepared is not None else None
    if words is None:
        before = article.text[sentence.start:timex.start]
        words = _content(_words(before, sentence.start))
    if words and words[-1][3] == _K("के"):
        words = _Head(words, len(words) - 1) if isinstance(words, _Head) else words[:-1]
    # Only the stretch after the last clause break belongs to the earlier event.
    if not isinstance(words, _Head):  # (a prepared stretch has none)
        for k in range(len(words) - 1, -1, -1):
            if _is_break(words[k]):
                words = words[k + 1:]
                break
    if len(words) < 2:
        return None
    start, end = verb_phrase(words, spans)
    if prepared is not None:
        entities = prepared.participants(words[0][0], words[-1][1])
    else:
        entities = _participants(article.sentence_entities(sentence.index), words[0][0], words[-1][1])
    base = {"sentence": sentence.index, "summary_hi": article.text[start:end],
            "summary_en": best_english(article, sentence.index), "entities": entities, "timex": index}
    shifted = _shift_range(main.start_date, main.end_date, timex.anchor)
    relation = describe_relative(timex).replace("the event it follows", "this event")
    if shifted:
        first, last, vague = shifted
        certainty = "approximate" if vague or main.certainty != "exact" else "exact"
        if main.certainty == "inferred":
            certainty = "inferred"
        return Event(**base, start_date=first, end_date=last, certainty=certainty,
                     basis=f"“{timex.text}” before the event of the same sentence ({relation})")
    return Event(**base, basis=f"“{timex.text}”: dated only relative to another event ({relation})")
