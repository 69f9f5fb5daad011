"""Translation quality measures for the Compare page: chrF, BLEU and TER against a reference, paired
bootstrap significance, agreement between engines when there is no reference, and entity/number fidelity.

Each metric is a small class with a ``name`` and ``score(hypotheses, references)``, listed once in
``METRICS`` (the MT-Telescope shape). Everything returns plain data; nothing here draws anything.

Missing text (``None``: an engine failed on a sentence, or the reference lacks it) is never scored as if it
were an empty translation: that sentence gets no score and is left out of corpus figures, and every result
says how many sentences it covers.
"""

from __future__ import annotations

import difflib
import itertools
import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from sacrebleu.metrics import BLEU, CHRF, TER

from khabar.model import EntitySpan
from khabar.numbers import AMBIGUOUS_WORDS, HINDI_PREFIX_WORDS, HINDI_SCALE_WORDS, HINDI_UNIT_WORDS
from khabar.text import to_ascii_digits
from khabar.translit import english_name, transliterate

Texts = Sequence[str | None]


# Reference-based metrics -----------------------------------------------------------------------------


@dataclass(frozen=True)
class MetricResult:
    """One metric over one system: the corpus score and a score per sentence (None where not scored)."""

    name: str
    corpus: float | None
    sentences: tuple[float | None, ...]
    higher_is_better: bool = True

    @property
    def scored(self) -> int:
        """How many sentences had both a hypothesis and a reference."""
        return sum(1 for s in self.sentences if s is not None)


def _pairs(hypotheses: Texts, references: Texts) -> list[int]:
    if len(hypotheses) != len(references):
        raise ValueError(f"{len(hypotheses)} hypotheses but {len(references)} references")
    return [i for i, (h, r) in enumerate(zip(hypotheses, references, strict=True)) if h is not None and r is not None]


class SacreMetric:
    """A sacrebleu metric scored per corpus and per sentence, skipping sentences with missing text."""

    name = ""
    higher_is_better = True

    def _corpus_metric(self) -> Any:
        raise NotImplementedError

    def _sentence_metric(self) -> Any:
        return self._corpus_metric()

    def sentence_statistics(self, hypotheses: Texts, references: Texts) -> np.ndarray:
        """Sufficient statistics per sentence (one row each; a row of NaN where either text is missing).

        Computed once, they give the corpus score, every sentence's score and every bootstrap resample:
        TER's shift search is slow enough on reordered English that computing it twice shows.
        """
        keep = _pairs(hypotheses, references)
        if not keep:
            return np.full((len(hypotheses), 0), np.nan)
        found = np.array(self._corpus_metric()._extract_corpus_statistics(
            [hypotheses[i] for i in keep], [[references[i] for i in keep]]), dtype="float64")
        stats = np.full((len(hypotheses), found.shape[1]), np.nan)
        stats[keep] = found
        return stats

    def score_statistics(self, stats: np.ndarray) -> MetricResult:
        """Corpus and per-sentence scores from ``sentence_statistics`` output."""
        valid = ~np.isnan(stats).any(axis=1) if stats.shape[1] else np.zeros(len(stats), dtype=bool)
        sentence_metric = self._sentence_metric()
        per = tuple(float(sentence_metric._compute_score_from_stats(row).score) if ok else None
                    for row, ok in zip(stats, valid, strict=True))
        corpus = self.from_statistics(stats[valid].sum(0)) if valid.any() else None
        return MetricResult(self.name, corpus, per, self.higher_is_better)

    def score(self, hypotheses: Texts, references: Texts) -> MetricResult:
        """Corpus and per-sentence scores of ``hypotheses`` against ``references`` (aligned lists)."""
        return self.score_statistics(self.sentence_statistics(hypotheses, references))

    def from_statistics(self, summed: np.ndarray) -> float:
        """The corpus score from summed sufficient statistics."""
        return float(self._corpus_metric()._compute_score_from_stats(summed).score)


class ChrF(SacreMetric):
    """Character n-gram F-score (chrF2), robust to morphology and spelling of names."""

    name = "chrF"

    def _corpus_metric(self) -> CHRF:
        return CHRF()


class Bleu(SacreMetric):
    """BLEU with sacrebleu's default 13a tokenisation; per sentence with effective order."""

    name = "BLEU"

    def _corpus_metric(self) -> BLEU:
        return BLEU()

    def _sentence_metric(self) -> BLEU:
        return BLEU(effective_order=True)


class Ter(SacreMetric):
    """Translation edit rate: edits per reference word, lower is better."""

    name = "TER"
    higher_is_better = False

    def _corpus_metric(self) -> TER:
        return TER()


METRICS: tuple[SacreMetric, ...] = (ChrF(), Bleu(), Ter())


def get_metric(name: str) -> SacreMetric:
    """The metric called ``name`` (case-insensitive); a KeyError lists the known ones."""
    for metric in METRICS:
        if metric.name.lower() == name.lower():
            return metric
    raise KeyError(f"no metric called {name!r} (known: {', '.join(m.name for m in METRICS)})")


def score_all(hypotheses: Texts, references: Texts) -> dict[str, MetricResult]:
    """Every metric in ``METRICS`` for one system."""
    return {metric.name: metric.score(hypotheses, references) for metric in METRICS}


# Paired bootstrap resampling ----------------------------------------------------------------------------


# Resampling one or two sentences only ever redraws the same few differences: no evidence either way.
MIN_BOOTSTRAP_SENTENCES = 5


@dataclass(frozen=True)
class BootstrapResult:
    """System A against system B on one metric: observed difference A - B, its 95% interval, p-value."""

    metric: str
    score_a: float
    score_b: float
    difference: float
    ci_low: float
    ci_high: float
    p_value: float
    sentences: int
    samples: int
    alpha: float = 0.05
    higher_is_better: bool = True

    @property
    def testable(self) -> bool:
        """Whether there are enough sentences for resampling to say anything."""
        return self.sentences >= MIN_BOOTSTRAP_SENTENCES

    @property
    def significant(self) -> bool:
        """Whether the difference is unlikely to be chance at level ``alpha``."""
        return self.testable and self.p_value < self.alpha

    @property
    def better(self) -> str:
        """"a", "b" or "" (tie or not significant): which system the metric prefers, significantly."""
        if not self.significant or self.difference == 0:
            return ""
        a_higher = self.difference > 0
        return "a" if a_higher == self.higher_is_better else "b"


def paired_bootstrap(
    system_a: Texts,
    system_b: Texts,
    references: Texts,
    metric: str | SacreMetric = "chrF",
    *,
    samples: int = 1000,
    seed: int = 12345,
    alpha: float = 0.05,
) -> BootstrapResult | None:
    """Paired bootstrap resampling (Koehn 2004) of the corpus score difference A - B.

    Sentences are resampled with replacement, the same draw for both systems; only sentences where A, B
    and the reference all have text take part. The p-value is two-sided: how often a resampled difference,
    shifted to mean zero (the null hypothesis), is at least as far from zero as the observed one. Fewer than
    ``MIN_BOOTSTRAP_SENTENCES`` sentences are never significant. Returns None when no sentence has all
    three texts.
    """
    chosen = get_metric(metric) if isinstance(metric, str) else metric
    if not len(system_a) == len(system_b) == len(references):
        raise ValueError("systems and references must have one entry per sentence")
    return bootstrap_statistics(chosen.sentence_statistics(system_a, references),
                                chosen.sentence_statistics(system_b, references), chosen,
                                samples=samples, seed=seed, alpha=alpha)


def bootstrap_statistics(
    stats_a: np.ndarray,
    stats_b: np.ndarray,
    metric: str | SacreMetric,
    *,
    samples: int = 1000,
    seed: int = 12345,
    alpha: float = 0.05,
) -> BootstrapResult | None:
    """``paired_bootstrap`` on per-sentence statistics already computed (``SacreMetric.sentence_statistics``)."""
    chosen = get_metric(metric) if isinstance(metric, str) else metric
    if not stats_a.shape[1] or not stats_b.shape[1]:
        return None
    keep = ~np.isnan(stats_a).any(axis=1) & ~np.isnan(stats_b).any(axis=1)
    count = int(keep.sum())
    if not count:
        return None
    stats_a, stats_b = stats_a[keep], stats_b[keep]
    score_a = chosen.from_statistics(stats_a.sum(0))
    score_b = chosen.from_statistics(stats_b.sum(0))
    observed = score_a - score_b
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, count, size=(samples, count))
    sums_a = stats_a[draws].sum(axis=1)
    sums_b = stats_b[draws].sum(axis=1)
    diffs = np.array([chosen.from_statistics(a) - chosen.from_statistics(b) for a, b in zip(sums_a, sums_b, strict=True)])
    centred = np.abs(diffs - diffs.mean())
    # +1 on both sides keeps the test from rejecting more often than alpha with few samples.
    p_value = float((np.sum(centred >= abs(observed) - 1e-9) + 1) / (samples + 1)) if observed else 1.0
    if count < MIN_BOOTSTRAP_SENTENCES:
        p_value = 1.0
    low, high = np.percentile(diffs, [100 * alpha / 2, 100 * (1 - alpha / 2)])
    return BootstrapResult(chosen.name, score_a, score_b, observed, float(low), float(high), min(p_value, 1.0),
                           count, samples, alpha, chosen.higher_is_better)


# Agreement without a reference --------------------------------------------------------------------------


@dataclass(frozen=True)
class Agreement:
    """Per-sentence agreement between engines: symmetric chrF for each pair of engines.

    ``by_pair[s][p]`` is the agreement of ``pairs[p]`` on sentence s (None where either lacks text);
    ``engine_matrix`` is the engines x engines mean over sentences (diagonal 100); ``by_sentence`` the mean
    over pairs, low where the engines disagree and the English deserves least trust.
    """

    engines: tuple[str, ...]
    pairs: tuple[tuple[str, str], ...]
    by_pair: tuple[tuple[float | None, ...], ...]
    engine_matrix: tuple[tuple[float | None, ...], ...]
    by_sentence: tuple[float | None, ...]


def symmetric_chrf(a: str | None, b: str | None) -> float | None:
    """chrF of a against b and of b against a, averaged (None if either is missing; 100 if both empty)."""
    if a is None or b is None:
        return None
    if not a.strip() and not b.strip():
        return 100.0
    metric = CHRF()
    return (metric.sentence_score(a, [b]).score + metric.sentence_score(b, [a]).score) / 2


def agreement(translations: dict[str, Texts]) -> Agreement:
    """Pairwise symmetric chrF between every two engines, per sentence."""
    engines = tuple(translations)
    lengths = {len(texts) for texts in translations.values()}
    if len(lengths) > 1:
        raise ValueError("every engine must have one entry per sentence")
    count = lengths.pop() if lengths else 0
    pairs = tuple(itertools.combinations(engines, 2))
    columns = {pair: [symmetric_chrf(translations[pair[0]][s], translations[pair[1]][s]) for s in range(count)]
               for pair in pairs}
    by_pair = tuple(tuple(columns[pair][s] for pair in pairs) for s in range(count))
    matrix: list[list[float | None]] = []
    for a in engines:
        row: list[float | None] = []
        for b in engines:
            if a == b:
                row.append(100.0)
                continue
            values = [v for v in columns[(a, b) if (a, b) in columns else (b, a)] if v is not None]
            row.append(sum(values) / len(values) if values else None)
        matrix.append(row)
    by_sentence = tuple(_mean([v for v in row if v is not None]) for row in by_pair)
    return Agreement(engines, pairs, by_pair, tuple(tuple(r) for r in matrix), by_sentence)


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


# Numbers in Hindi and English ------------------------------------------------------------------------------

# From the one numbers module, by surface spelling (the regex below matches the text itself).
_HI_UNITS = {word: float(value) for word, value in HINDI_UNIT_WORDS.items()}
_HI_PREFIXES = {word: float(value) for word, value in HINDI_PREFIX_WORDS.items()}
_HI_SCALES = dict(HINDI_SCALE_WORDS)
_HI_AMBIGUOUS = set(AMBIGUOUS_WORDS)
_HI_WORDS = "|".join(sorted(map(re.escape, [*_HI_UNITS, *_HI_SCALES, *_HI_PREFIXES]), key=len, reverse=True))
_HI_SCALE_WORDS = "|".join(sorted(map(re.escape, _HI_SCALES), key=len, reverse=True))
# Digits may touch a hyphen (कोविड-19, 2.23-4.82) but never continue another number; number words must
# stand alone (एक-दूसरे is "each other", नौसेना is "navy").
_HI_DIGITS = r"(?<![\w.,])[0-9०-९]+(?:,[0-9०-९]+)*(?:\.[0-9०-९]+)?(?![0-9०-९]|[.,][0-9०-९])"
_HI_WORD = rf"(?<![\w\u0900-\u097f-])(?:{_HI_WORDS})(?![\w\u0900-\u097f-])"
_HI_BOUNDED = r"(?<![\w\u0900-\u097f-])(?:{})(?![\w\u0900-\u097f-])"
# After digits only scale words continue the number (10 अरब); "COVID-19 एक नया" is 19, then "a".
_HI_NUMBER = re.compile(
    rf"{_HI_DIGITS}(?:\s+{_HI_BOUNDED.format(_HI_SCALE_WORDS)})*|{_HI_WORD}(?:\s+{_HI_WORD})*"
)
# A lone scale word is not counted: अरब alone is "Arab" far more often than "billion", and लाख alone is
# often "countless" (लाख कोशिशों).
_HI_LONE_SKIP = _HI_AMBIGUOUS | set(_HI_SCALES)

_EN_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12,
}
_EN_SCALES = {
    "hundred": 100, "thousand": 1_000, "lakh": 100_000, "lakhs": 100_000, "million": 1_000_000,
    "mn": 1_000_000, "crore": 10_000_000, "crores": 10_000_000, "billion": 1_000_000_000, "bn": 1_000_000_000,
    "trillion": 1_000_000_000_000,
}
_EN_UNIT = "(?:" + "|".join(_EN_UNITS) + ")"
_EN_SCALE = "(?:" + "|".join(_EN_SCALES) + ")"
_EN_NUMBER = re.compile(
    rf"(?<![\w.])(?:\d+(?:,\d+)*(?:\.\d+)?|{_EN_UNIT}(?:-{_EN_UNIT})?\b|an?(?=\s+{_EN_SCALE}\b))"
    rf"(?:(?:\s*-?\s*|\s+and\s+)(?:a\s+half|{_EN_SCALE}|{_EN_UNIT})\b)*",
    re.IGNORECASE,
)
_HALF = "half"


def _combine(parts: list[float | str], scales: dict[str, int]) -> list[float]:
    """Combine number pieces left to right into values: units add (twenty five, दो सौ पचास), scales
    multiply what came before them, and a unit right after a unit that cannot extend it starts a new
    number (दो तीन दिन: 2 and 3, not 5)."""
    values: list[float] = []
    total = 0.0
    current: float | None = None
    last = ""
    for part in parts:
        if part == _HALF:
            current = (current or 0.0) + 0.5
            last = "unit"
            continue
        if isinstance(part, str):
            value = scales[part]
            base = current if current is not None else (total or 1.0)
            if value < 1000 and current is not None:
                current = base * value
            else:
                total = (total if current is not None else 0.0) + base * value
                current = None
            last = "scale"
            continue
        extends = last == "scale" or (
            last == "unit" and current is not None and current >= 20 and current % 10 == 0 and current < 100
            and part < 10)
        if last == "unit" and not extends:
            values.append(total + (current or 0.0))
            total, current = 0.0, None
        current = part if current is None else current + part
        last = "unit"
    if last:
        values.append(total + (current or 0.0))
    return values


def hindi_numbers(text: str) -> list[tuple[int, int, float]]:
    """Numbers in Hindi text as ``(start, end, value)``: digits (either script) and number words.

    10 अरब -> 1e10, ढाई लाख -> 250000, ५ हज़ार करोड़ -> 5e10. A lone एक, दो or अरब is not counted; numbers
    written one after another (दो तीन) share the span of the whole run.
    """
    found = []
    text = unicodedata.normalize("NFC", text)
    for match in _HI_NUMBER.finditer(text):
        words = match.group().split()
        if len(words) == 1 and words[0] in _HI_LONE_SKIP:
            continue
        parts: list[float | str] = []
        shift = None
        for word in words:
            if word in _HI_PREFIXES:
                shift = _HI_PREFIXES[word]
                continue
            if word in _HI_SCALES:
                parts.append(word)
            elif word in _HI_UNITS:
                parts.append(float(_HI_UNITS[word]) + (shift or 0.0))
            else:
                parts.append(float(to_ascii_digits(word).replace(",", "")))
            shift = None
        if shift == _HI_PREFIXES["सवा"] and not parts:
            parts.append(1.25)
        for value in _combine(parts, _HI_SCALES):
            found.append((match.start(), match.end(), value))
    return found


def english_numbers(text: str) -> list[float]:
    """Every number an English text states, scale words applied: "$10 billion", "10,000,000,000",
    "ten billion", "a hundred and two", "1.5 lakh" and "Rs 10 crore" all become their value."""
    values = []
    for match in _EN_NUMBER.finditer(text):
        raw = re.sub(r"\ba\s+half\b", f" {_HALF} ", match.group().lower())
        parts: list[float | str] = []
        for word in re.findall(r"\d+(?:,\d+)*(?:\.\d+)?|[a-z]+", raw):
            if word == _HALF:
                parts.append(_HALF)
            elif word in _EN_SCALES:
                parts.append(word)
            elif word in _EN_UNITS:
                parts.append(float(_EN_UNITS[word]))
            elif word in ("a", "an"):
                parts.append(1.0)
            elif word[0].isdigit():
                parts.append(float(word.replace(",", "")))
        values.extend(_combine(parts, _EN_SCALES))
    return values


def parse_value(value: str) -> tuple[float | None, str]:
    """A NER ``value`` such as "USD 10000000000", "~50%" or "5 km" as (number, unit); (None, "") if none."""
    match = re.search(r"-?\d+(?:,\d+)*(?:\.\d+)?(?:[eE][+-]?\d+)?", to_ascii_digits(value or ""))
    if not match:
        return None, ""
    # Approximation marks (~50%, >=8) qualify the number; the English need only state the number.
    unit = (value[: match.start()] + value[match.end():]).strip(" ~<>=≈")
    return float(match.group().replace(",", "")), unit


def _same_number(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def human_number(value: float) -> str:
    """A short English form of a number: 10000000000 -> "10 billion", 250000 -> "250,000", 2024 -> "2024"."""
    for scale, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(value) >= scale:
            return f"{value / scale:g} {word}"
    if not float(value).is_integer():
        return f"{value:g}"
    # Below 10,000 without separators, so a year reads 2024, not 2,024.
    return f"{value:,.0f}" if abs(value) >= 10_000 else f"{value:.0f}"


# Entity and number fidelity --------------------------------------------------------------------------------

NAME_LABELS = frozenset({"PER", "LOC", "ORG", "NORP", "GPE", "FAC", "EVENT", "PRODUCT"})
NUMBER_LABELS = frozenset({"MONEY", "QUANTITY", "PERCENT", "CARDINAL"})


@dataclass(frozen=True)
class FidelityItem:
    """Something in a Hindi sentence an English translation should carry: a name or a number."""

    sentence: int
    kind: str  # "name" or "number"
    label: str
    hindi: str
    english: str  # the English name, or the number in words
    value: float | None = None
    unit: str = ""


@dataclass(frozen=True)
class FidelityReport:
    """Fidelity of each engine: one row per item with each engine's verdict, and a score per engine.

    Verdicts: "exact", "partial" (surname or one word of the name), "fuzzy" (a spelling variant), "missing",
    or "no translation" (the engine has no text for that sentence: not counted either way).
    """

    engines: tuple[str, ...]
    items: tuple[FidelityItem, ...]
    verdicts: tuple[dict[str, str], ...]
    scores: dict[str, float | None] = field(default_factory=dict)
    checked: dict[str, int] = field(default_factory=dict)

    def rows(self) -> list[dict[str, Any]]:
        """Plain table rows: the item followed by one column per engine."""
        rows = []
        for item, verdict in zip(self.items, self.verdicts, strict=True):
            row: dict[str, Any] = {"sentence": item.sentence + 1, "kind": item.kind, "label": item.label,
                                   "hindi": item.hindi, "expected": item.english}
            row.update(verdict)
            rows.append(row)
        return rows


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", _fold(text))


def _word_match(expected: str, seen: str) -> str:
    if expected == seen:
        return "exact"
    shorter, longer = sorted((expected, seen), key=len)
    # Iran ~ Iranian, Israel ~ Israeli, Pakistan ~ Pakistani: demonyms and possessives share the stem.
    if len(shorter) >= 4 and longer.startswith(shorter) and len(longer) - len(shorter) <= 3:
        return "fuzzy"
    # Shahbaz ~ Shehbaz, Ibrahim ~ Ebrahim, Sharif ~ Shareef; short words (Iran/Iraq) must match exactly.
    if len(shorter) >= 5 and difflib.SequenceMatcher(None, expected, seen).ratio() >= 0.75:
        return "fuzzy"
    return ""


_NAME_STOPWORDS = frozenset({"the", "of", "and", "for", "in", "on", "at", "a", "an", "to", "de", "al", "el", "bin"})


def name_verdict(name: str, english: str) -> str:
    """Whether ``english`` carries ``name``: "exact", "fuzzy", "partial" or "missing" (case-insensitive)."""
    wanted = _words(name)
    seen = _words(english)
    if len(wanted) > 1:
        # Sistan and Baluchestan ~ Sistan-Baluchestan: joining words do not decide whether a name is there.
        wanted = [w for w in wanted if w not in _NAME_STOPWORDS] or wanted
        seen = [w for w in seen if w not in _NAME_STOPWORDS]
    if not wanted:
        return "missing"
    n = len(wanted)
    best = ""
    for start in range(len(seen) - n + 1):
        window = seen[start:start + n]
        verdicts = [_word_match(w, s) for w, s in zip(wanted, window, strict=True)]
        if all(v == "exact" for v in verdicts):
            return "exact"
        if all(verdicts):
            best = "fuzzy"
    if best:
        return best
    significant = [w for w in wanted if w not in _NAME_STOPWORDS and len(w) >= 3] if n > 1 else []
    # The surname alone (Raisi for Ebrahim Raisi) or one word of a longer name still carries the name.
    if any(_word_match(w, s) for w in significant for s in seen):
        return "partial"
    return "missing"


def number_verdict(value: float, english: str) -> str:
    """Whether ``english`` states ``value`` in any form ("10 billion", "10,000,000,000", "$10bn")."""
    return "exact" if any(_same_number(value, v) for v in english_numbers(english)) else "missing"


def _english_name(span: EntitySpan) -> str:
    return span.canonical or english_name(span.text) or transliterate(span.text)


def fidelity_items(article: Any) -> list[FidelityItem]:
    """What each Hindi sentence holds that a translation must carry: its named entities (from
    ``article.entities``) and its numbers (entity values, or found in the text)."""
    items: list[FidelityItem] = []
    for sentence in article.sentences:
        spans = [s for s in article.entities if s.sentence == sentence.index
                 or (s.sentence < 0 and sentence.start <= s.start < sentence.end)]
        names_seen: set[str] = set()
        covered: list[tuple[int, int]] = []
        for span in sorted(spans, key=lambda s: s.start):
            if span.label in NAME_LABELS:
                # A number inside a name (जी-20) is part of the name, not a quantity to check on its own.
                covered.append((span.start, span.end))
                english = _english_name(span)
                key = (span.entity_id or english or span.text).lower()
                if not english or key in names_seen:
                    continue
                names_seen.add(key)
                items.append(FidelityItem(sentence.index, "name", span.label, span.text, english))
            elif span.label in NUMBER_LABELS:
                value, unit = parse_value(span.value) if span.value else (None, "")
                if value is None:
                    parsed = hindi_numbers(span.text)
                    value = parsed[0][2] if len(parsed) == 1 else None
                if value is None:
                    continue
                covered.append((span.start, span.end))
                english = human_number(value) + (f" ({unit})" if unit else "")
                items.append(FidelityItem(sentence.index, "number", span.label, span.text, english, value, unit))
        for start, end, value in hindi_numbers(sentence.text):
            absolute = (sentence.start + start, sentence.start + end)
            if any(a < absolute[1] and absolute[0] < b for a, b in covered):
                continue
            items.append(FidelityItem(sentence.index, "number", "NUMBER", sentence.text[start:end],
                                      human_number(value), value))
    return items


def fidelity(article: Any, translations: dict[str, Texts]) -> FidelityReport:
    """For each name and number in the Hindi, whether each engine's English carries it, with a score per
    engine: carried items over items in sentences the engine translated (None when there are none)."""
    items = fidelity_items(article)
    verdicts: list[dict[str, str]] = []
    for item in items:
        row = {}
        for engine, texts in translations.items():
            english = texts[item.sentence] if item.sentence < len(texts) else None
            if english is None:
                row[engine] = "no translation"
            elif item.kind == "name":
                row[engine] = name_verdict(item.english, english)
            else:
                row[engine] = number_verdict(item.value, english)
        verdicts.append(row)
    scores: dict[str, float | None] = {}
    checked: dict[str, int] = {}
    for engine in translations:
        counted = [v[engine] for v in verdicts if v[engine] != "no translation"]
        checked[engine] = len(counted)
        scores[engine] = 100.0 * sum(1 for v in counted if v != "missing") / len(counted) if counted else None
    return FidelityReport(tuple(translations), tuple(items), tuple(verdicts), scores, checked)
