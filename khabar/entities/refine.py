"""What the taggers get wrong about news and rules get right, applied to their spans: calendar words and
reporters are not names, titles and ranks stand outside a person's name (kept as the title), an alias (उर्फ)
is a name of its own, a name word before a head noun (मंत्रालय, मस्जिद) makes an institution or place, and a
name found once in an article is found, with one label, in all its mentions.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from khabar.entities.crf import word_counts
from khabar.entities.features import CUE_WORDS
from khabar.entities.features import _key as token_key
from khabar.entities.heads import name_heads
from khabar.entities.lexicon import NAME_TITLES, TITLES, lexicon
from khabar.entities.linking import ALIAS_WORDS
from khabar.entities.rules import norp_forms
from khabar.text import match_key
from khabar.timeline.lexicon import MONTHS, WEEKDAYS
from khabar.translate.lexicon import LEXICON_PATH, read_tsv
from khabar.translate.loanwords import loanword

NAME_LABELS = ("PER", "LOC", "ORG")
# Steps the benchmarks can switch off one by one (benchmarks/ner_eval.py --ablate) to measure each.
# heads_unknown: a possible name before a head becomes one where the article repeats it; heads: a found name takes
# the head after it; org_heads: only an organisation takes an institution's head after it (आईडीबीआई बैंक);
# widen: a shorter find inside a known longer name grows to it. "heads" and "widen" are measured and off (each cost
# 0.001-0.002 micro F1 on the held-back split: the taggers learnt where the corpus ends a name).
ALL_STEPS = frozenset({"calendar", "reporter", "titles", "alias", "acronym", "heads", "heads_unknown", "majority",
                       "widen", "brackets", "foreign", "inner_titles", "org_heads"})
STEPS = set(ALL_STEPS - {"heads", "widen"})


@dataclass(frozen=True)
class TokenSpan:
    """An entity over token indices [first, last) of one sentence (``title``: the title or rank before a person,
    kept out of the span)."""

    first: int
    last: int
    label: str
    value: str = ""
    source: str = "crf"
    score: float = 1.0
    title: str = ""


def overlaps(a: TokenSpan, spans: Sequence[TokenSpan]) -> bool:
    """Whether ``a`` shares a token with any of ``spans``."""
    return any(a.first < b.last and b.first < a.last for b in spans)


REPORTER_WORDS = frozenset(match_key(w) for w in ("संवाददाता", "संवाददाताओं", "रिपोर्टर", "रिपोर्टरों", "प्रतिनिधि"))
_PUNCT = frozenset("।.,;:!?\"'“”‘’()[]{}-–—|/")
# A word seen fewer times than this in the unlabelled text, and not common vocabulary, may be an unknown name
# (where the taggers' probabilities are not to hand); with them, one they give at least this chance of a name.
RARE_COUNT = 20
HEAD_NAME_PROB = 0.2
# A possible name before a head is a name only where the article says it again (measured: taken sentence by
# sentence these cost more precision than they gain recall); until then its span is a candidate.
HEAD_CANDIDATE = "head?"
HEAD_MIN_MENTIONS = 2


@cache
def calendar_words() -> frozenset[str]:
    """Keys of the weekday and month names (never a person, place or organisation)."""
    return frozenset(WEEKDAYS) | frozenset(k for k in MONTHS if not k.isascii())


_COMMON_POS = frozenset({"adj", "adv", "v", "aux", "post", "conj", "pron", "det", "neg", "part", "q"})


@cache
def gloss_words() -> dict[str, frozenset[str]]:
    """Key → parts of speech of every single word of the gloss lexicon."""
    kinds: dict[str, set[str]] = {}
    for entry in read_tsv(LEXICON_PATH):
        if " " not in entry.hindi:
            kinds.setdefault(token_key(entry.hindi), set()).add(entry.pos)
    return {k: frozenset(pos) for k, pos in kinds.items()}


@cache
def common_words() -> frozenset[str]:
    """Keys of the words the gloss lexicon lists only as common vocabulary (never as a noun or name)."""
    return frozenset(k for k, pos in gloss_words().items() if pos <= _COMMON_POS)


def _letters(key: str) -> bool:
    """Whether ``key`` is letters and vowel signs only (no digit, punctuation or symbol)."""
    return all(ch.isalpha() or unicodedata.category(ch).startswith("M") for ch in key)


@cache
def title_keys() -> frozenset[str]:
    """Keys of every word of the titles and ranks (linking's table and the CRF's title cue words)."""
    words = {w for title in TITLES for w in match_key(title).split()}
    return frozenset(words | {match_key(w) for w in CUE_WORDS["TITLE"].split()})


@cache
def _stripped_title_keys() -> frozenset[str]:
    return title_keys() - {match_key(w) for w in NAME_TITLES}


# A one-word name the taggers are less sure of than this, that the gloss lexicon knows only as common vocabulary,
# is that word.
DOUBTFUL_SCORE = 0.5


def not_names(spans: list[TokenSpan], keys: Sequence[str]) -> list[TokenSpan]:
    """The taggers' spans less those that are no name: titles and ranks alone (राष्ट्रपति, डीसीपी), a nationality
    alone or before a title (ईरानी राष्ट्रपति: a NORP for the rules), and a doubtful one-word name that is common
    vocabulary (अशांत "restive" before a place)."""
    norp = norp_forms()
    titles = title_keys()
    common = common_words()

    def title(key: str) -> bool:
        return key in titles or key.rstrip(".") in titles

    return [
        s for s in spans
        if not (keys[s.first] in norp and all(title(k) for k in keys[s.first + 1 : s.last]))
        and not all(title(k) for k in keys[s.first : s.last])
        and not (s.last - s.first == 1 and s.score < DOUBTFUL_SCORE and keys[s.first] in common)
    ]


def _trim(span: TokenSpan, keys: Sequence[str], drop: frozenset[str]) -> TokenSpan | None:
    first, last = span.first, span.last
    while first < last and keys[first] in drop:
        first += 1
    while last > first and keys[last - 1] in drop:
        last -= 1
    if first == last:
        return None
    return span if (first, last) == (span.first, span.last) else replace(span, first=first, last=last)


def strip_title(span: TokenSpan, words: Sequence[str], keys: Sequence[str]) -> TokenSpan:
    """A person span without its leading titles and ranks (मैनेजर रमेश सिंह → रमेश सिंह, title मैनेजर)."""
    titles = _stripped_title_keys()
    first = span.first
    while first < span.last - 1 and (keys[first] in titles or keys[first].rstrip(".") in titles):
        first += 1
        if first < span.last - 1 and keys[first] == ".":  # डॉ . as the corpora tokenise it
            first += 1
    if first == span.first:
        return span
    title = re.sub(r" (?=[.])", "", " ".join(words[span.first : first]))
    return replace(span, first=first, title=title)


def after_inner_title(span: TokenSpan, keys: Sequence[str]) -> TokenSpan | None:
    """A person span with a title or rank after its first word: Hindi puts a title before the name, so the words
    before it are not the name (लौटे डीसीपी रमेश सिंह: रमेश सिंह, with the title); a span that ends in a title
    after one word is no name at all (लौटे डीसीपी)."""
    titles = _stripped_title_keys()
    inner = [i for i in range(span.first + 1, span.last) if keys[i] in titles or keys[i].rstrip(".") in titles]
    if not inner:
        return span
    if inner[0] == span.last - 1:
        # धर्मेंद्र प्रधान, दीपिका कुमारी, जॉन मेजर: after a known name, a title word is a surname
        if lexicon().types(keys[inner[0] - 1]) & {"GIVEN", "PER", "SURNAME"}:
            return span
        return None if span.last - span.first == 2 else replace(span, last=span.last - 1)
    return replace(span, first=inner[0])


def split_alias(span: TokenSpan, keys: Sequence[str]) -> list[TokenSpan]:
    """``X उर्फ Y`` inside one span: the name X and the alias Y, two spans of its label."""
    inner = [i for i in range(span.first + 1, span.last - 1) if keys[i] in ALIAS_WORDS]
    if not inner:
        return [span]
    cut = inner[0]
    return [replace(span, last=cut), replace(span, first=cut + 1, title="", source=span.source)]


_OPEN, _CLOSE = frozenset("([{"), frozenset(")]}")


def split_brackets(span: TokenSpan, keys: Sequence[str]) -> list[TokenSpan]:
    """A span whose brackets do not pair up (अंतरराष्ट्रीय श्रम संगठन ( आईएलओ) is the names on either side of its
    brackets, each of its label; punctuation never starts or ends a name."""
    inside = keys[span.first : span.last]
    depth = 0
    balanced = True
    for key in inside:
        depth += (key in _OPEN) - (key in _CLOSE)
        balanced = balanced and depth >= 0
    edge = _PUNCT
    if balanced and depth == 0:
        pieces = [(span.first, span.last)]
        edge = _PUNCT - _OPEN - _CLOSE  # विश्व स्वास्थ्य संगठन ( डब्लूएचओ ): its brackets are its own
    else:
        pieces, start = [], span.first
        for i in range(span.first, span.last + 1):
            if i == span.last or keys[i] in _OPEN or keys[i] in _CLOSE:
                pieces.append((start, i))
                start = i + 1
    out = []
    for first, last in pieces:
        while first < last and keys[first] in edge:
            first += 1
        while last > first and keys[last - 1] in edge:
            last -= 1
        if first < last:
            out.append(span if (first, last) == (span.first, span.last) else
                       replace(span, first=first, last=last, title=span.title if first == span.first else ""))
    return out


_NATIONALITY = ("ian", "ish", "ese", "ean")


@lru_cache(maxsize=1 << 16)
def _english_name(key: str) -> bool:
    """A word whose likeliest English reading is a name English writes with a capital (जेनिफर Jennifer, not बिल
    "bill") and that the gloss has no Hindi word for (मेरी is "my", not Mary)."""
    if key in gloss_words() or not _letters(key):
        return False
    english = loanword(key)
    # Italian, Scottish, Chinese: English capitalises its nationality words too
    return english is not None and english[:1].isupper() and not (len(english) > 5 and english.endswith(_NATIONALITY))


def foreign_names(words: Sequence[str], keys: Sequence[str], spans: list[TokenSpan]) -> list[TokenSpan]:
    """Untagged runs of two or three words that each spell an English name (जेनिफर हडसन Jennifer Hudson): a person
    the taggers, trained on Indian names, did not know."""
    taken = {i for s in spans for i in range(s.first, s.last)}
    common = common_words()
    counts = word_counts()
    out = list(spans)
    i = 0
    while i < len(keys):
        if i in taken or not _english_name(keys[i]):
            i += 1
            continue
        j = i + 1
        while j < len(keys) and j - i < 3 and j not in taken and _english_name(keys[j]):
            j += 1
        # A surname English does not know (हॉवर्ड थुरमन Howard Thurman) may close the name: a rare word that is no
        # Hindi word, no inflected one (प्राधिकरणों), nor an English common noun (रिएक्शन reaction).
        if j == i + 1 and j < len(keys) and j not in taken and _unknown(keys[j], counts, common) \
                and keys[j] not in gloss_words() and not keys[j].endswith(("ों", "ओं")) \
                and not (loanword(keys[j]) or "A")[:1].islower() \
                and "LOC" not in {e.label for e in lexicon().entries(keys[i])}:
            j += 1
        if j - i >= 2:
            out.append(TokenSpan(i, j, "PER", source="foreign", score=0.5))
        i = j
    return out


def _unknown(key: str, counts: dict[str, int], common: frozenset[str]) -> bool:
    """A word that may be a name nobody listed: letters only, rare in the unlabelled text, not common vocabulary."""
    return len(key) > 1 and _letters(key) \
        and counts.get(key, 0) < RARE_COUNT and key not in common


def head_spans(words: Sequence[str], keys: Sequence[str], spans: list[TokenSpan],
               name_prob: Sequence[float] | None = None, *, extend: bool = True, extend_org: bool = False,
               unknown: bool = True) -> list[TokenSpan]:
    """Names closed by a head noun: a name span followed by a head (जामा मस्जिद, दिल्ली विश्वविद्यालय) takes the
    head and the head's label (with ``extend_org`` alone, only an organisation followed by an institution's head:
    एकलव्य विद्यालय); with ``unknown``, so does a word before a head that may be a name: one the taggers give some
    chance of being a name (``name_prob``, per token), else one rare and not common vocabulary."""
    heads = name_heads()
    if not heads:
        return spans
    counts = word_counts() if unknown else {}
    common = common_words() if unknown else frozenset()
    calendar = calendar_words()
    titles = title_keys()
    ending_at = {s.last: s for s in spans}
    taken = {i for s in spans for i in range(s.first, s.last)}
    out = list(spans)
    for i, key in enumerate(keys):
        label = heads.get(key)
        if label is None or i == 0 or i in taken:
            continue
        before = ending_at.get(i)
        if before is not None and (extend and before.label in NAME_LABELS
                                   or extend_org and before.label == label == "ORG"):
            grown = replace(before, last=i + 1, label=label, source=before.source + "+head", title="")
            out[out.index(before)] = grown
            taken.add(i)
            continue
        maybe = _unknown(keys[i - 1], counts, common) if name_prob is None else \
            name_prob[i - 1] >= HEAD_NAME_PROB and keys[i - 1] not in common
        if unknown and i - 1 not in taken and maybe and keys[i - 1] not in calendar and keys[i - 1] not in titles:
            out.append(TokenSpan(i - 1, i + 1, label, source=HEAD_CANDIDATE, score=0.6))
            taken.update((i - 1, i))
    return sorted(out, key=lambda s: s.first)


def refine_sentence(words: Sequence[str], keys: Sequence[str], spans: list[TokenSpan],
                    name_prob: Sequence[float] | None = None, *, candidates: bool = False) -> list[TokenSpan]:
    """The sentence-level rules above, applied to the taggers' (and lexicon's) name spans; other spans pass
    (``name_prob``: per token, the taggers' probability that it is part of a name). With ``candidates``, possible
    names before a head come back with source ``HEAD_CANDIDATE`` for ``harmonise`` to settle."""
    out: list[TokenSpan] = []
    calendar = calendar_words()
    for span in spans:
        if span.label not in NAME_LABELS:
            out.append(span)
            continue
        trimmed: TokenSpan | None = span
        if "calendar" in STEPS:
            trimmed = _trim(span, keys, calendar)
        if trimmed is not None and "reporter" in STEPS:
            trimmed = _trim(trimmed, keys, REPORTER_WORDS)
        if trimmed is None:
            continue
        pieces = split_brackets(trimmed, keys) if "brackets" in STEPS else [trimmed]
        if "alias" in STEPS:
            pieces = [part for piece in pieces for part in split_alias(piece, keys)]
        for piece in pieces:
            if piece.label == "PER" and "inner_titles" in STEPS:
                piece = after_inner_title(piece, keys)
                if piece is None:
                    continue
            if piece.label == "PER" and "titles" in STEPS:
                piece = strip_title(piece, words, keys)
            out.append(piece)
    if "alias" in STEPS:
        out = _alias_after(words, keys, out)
    if "acronym" in STEPS:
        out = _acronym_after(keys, out)
    if "foreign" in STEPS:
        out = foreign_names(words, keys, out)
    if STEPS & {"heads", "heads_unknown", "org_heads"}:
        out = head_spans(words, keys, out, name_prob, extend="heads" in STEPS, extend_org="org_heads" in STEPS,
                         unknown="heads_unknown" in STEPS and candidates)
    return sorted(out, key=lambda s: s.first)


def _alias_after(words: Sequence[str], keys: Sequence[str], spans: list[TokenSpan]) -> list[TokenSpan]:
    """A name followed by उर्फ and an untagged word: that word is the alias, a name of the same label."""
    taken = {i for s in spans for i in range(s.first, s.last)}
    out = list(spans)
    for span in spans:
        at = span.last
        if span.label in NAME_LABELS and at + 1 < len(keys) and keys[at] in ALIAS_WORDS and at + 1 not in taken \
                and keys[at + 1] not in _PUNCT and not keys[at + 1][:1].isdigit():
            out.append(TokenSpan(at + 1, at + 2, span.label, source="alias", score=span.score))
    return out


def _acronym_after(keys: Sequence[str], spans: list[TokenSpan]) -> list[TokenSpan]:
    """``Name ( ABBR )``: the one word in brackets after an organisation or place is its short form, a name of the
    same label (so that the article's later mentions of it are found too)."""
    taken = {i for s in spans for i in range(s.first, s.last)}
    alone = {s.first: n for n, s in enumerate(spans) if s.last == s.first + 1 and s.label in NAME_LABELS}
    common = common_words()
    out = list(spans)
    for span in spans:
        at = span.last
        if span.label in ("ORG", "LOC") and at + 2 < len(keys) and keys[at] == "(" and keys[at + 2] == ")":
            if at + 1 in alone:
                # found already, perhaps with another label (संयुक्त राष्ट्र ( यूएन ) with यूएन a place): the name's
                out[alone[at + 1]] = replace(out[alone[at + 1]], label=span.label)
            elif at + 1 not in taken and keys[at + 1] not in common and _letters(keys[at + 1]):
                out.append(TokenSpan(at + 1, at + 2, span.label, source="acronym", score=span.score))
    return out


PROPAGATE_MIN_SCORE = 0.5
# A one-word name seen this often in the unlabelled text is not spread (None: any is).
PROPAGATE_MAX_COUNT: int | None = 200


def spreads(key: str) -> bool:
    """Whether a one-word name may be found again elsewhere in the article: not common vocabulary, nor frequent."""
    if key in common_words() or not any(ch.isalpha() for ch in key):
        return False
    return PROPAGATE_MAX_COUNT is None or word_counts().get(key, 0) < PROPAGATE_MAX_COUNT


def harmonise(sentence_tokens: Sequence[Sequence[tuple[int, int, str]]], found: list[list[TokenSpan]]) -> None:
    """One sense per article: a possible name before a head is a name where the article says it at least
    ``HEAD_MIN_MENTIONS`` times (else dropped), a confident name is found wherever it recurs (a shorter find inside
    it grows to it), every mention of a name takes the label most of its mentions have, and a person's surname
    found alone is that person."""
    keys_of = [[token_key(t[2]) for t in tokens] for tokens in sentence_tokens]
    said: Counter = Counter(tuple(keys[s.first : s.last]) for keys, spans in zip(keys_of, found, strict=True)
                            for s in spans if s.source == HEAD_CANDIDATE)
    for keys, spans in zip(keys_of, found, strict=True):
        spans[:] = [replace(s, source="head") if s.source == HEAD_CANDIDATE else s for s in spans
                    if s.source != HEAD_CANDIDATE or said[tuple(keys[s.first : s.last])] >= HEAD_MIN_MENTIONS]
    votes: dict[tuple[str, ...], Counter] = {}
    known: dict[tuple[str, ...], str] = {}
    for keys, spans in zip(keys_of, found, strict=True):
        for span in spans:
            if span.label not in NAME_LABELS:
                continue
            words = tuple(keys[span.first : span.last])
            votes.setdefault(words, Counter())[span.label] += 1
            # Only confident finds spread: one doubtful tag must not become many; nor does a one-word name common
            # in the unlabelled text (the taggers know where भारत is a name and where it is part of a scheme's).
            if span.score >= PROPAGATE_MIN_SCORE and (len(words) > 1 or spreads(words[0])):
                known.setdefault(words, span.label)
                if span.label == "PER" and span.last - span.first > 1:
                    last_word = words[-1]
                    if len(last_word) > 2 and last_word not in norp_forms() and spreads(last_word):
                        known.setdefault((last_word,), "PER")
    if "majority" in STEPS:
        for words, counts in votes.items():
            if words in known and len(counts) > 1:
                known[words] = counts.most_common(1)[0][0]
        for keys, spans in zip(keys_of, found, strict=True):
            for n, span in enumerate(spans):
                counts = votes.get(tuple(keys[span.first : span.last])) if span.label in NAME_LABELS else None
                if counts and len(counts) > 1:
                    best, top = counts.most_common(1)[0]
                    if top > counts[span.label]:
                        spans[n] = replace(span, label=best)
    if not known:
        return
    longest = max(len(k) for k in known)
    starts = {k[0] for k in known}
    for keys, spans in zip(keys_of, found, strict=True):
        # The spans by number, in list order, and the numbers covering each token: finding the spans a
        # candidate overlaps costs its length, not the number of spans (a long sentence stays linear).
        alive = dict(enumerate(spans))
        fresh = itertools.count(len(spans))
        covering: list[list[int]] = [[] for _ in keys]
        for number, span in alive.items():
            for k in range(max(span.first, 0), min(span.last, len(keys))):
                covering[k].append(number)
        i = 0
        while i < len(keys):
            added = False
            for length in range(min(longest, len(keys) - i), 0, -1) if keys[i] in starts else ():
                label = known.get(tuple(keys[i : i + length]))
                if not label:
                    continue
                candidate = TokenSpan(i, i + length, label, source="article", score=0.8)
                numbers = sorted({n for k in range(candidate.first, candidate.last) for n in covering[k]})
                inside = [alive[n] for n in numbers]
                widen = "widen" in STEPS and length > 1 and inside and all(
                    candidate.first <= s.first and s.last <= candidate.last and s.label in NAME_LABELS
                    and (s.first, s.last) != (candidate.first, candidate.last) for s in inside)
                if not inside or widen:
                    for n in numbers:
                        gone = alive.pop(n)
                        for k in range(max(gone.first, 0), min(gone.last, len(keys))):
                            covering[k].remove(n)
                    number = next(fresh)
                    alive[number] = candidate
                    for k in range(candidate.first, candidate.last):
                        covering[k].append(number)
                    added = True
                    i += length
                break
            if not added:
                i += 1
        spans[:] = sorted(alive.values(), key=lambda s: s.first)
