"""Cross-lingual highlighting: find each Hindi entity in the aligned English sentence.

An entity is looked for by its canonical English name, the parts of that name (a surname alone), the
lexicon's other English names for its Hindi forms, their transliterations, and for values the English ways
of writing the number (10 अरब डॉलर → "10 billion", "$10 billion"). Exact word matches come first; a
fuzzy match on word windows catches spelling differences (Ibrahim / Ebrahim, Shahbaz / Shehbaz).
"""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal, InvalidOperation
from difflib import SequenceMatcher

from khabar.entities.lexicon import lexicon
from khabar.entities.linking import mention_key
from khabar.entities.stanza_backend import english_entities
from khabar.model import Article, EntitySpan, Translation
from khabar.translit import transliterate

FUZZY_THRESHOLD = 0.8
_SMALL = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"]
_SCALES = ((10**12, "trillion"), (10**9, "billion"), (10**6, "million"), (10**5, "lakh"), (10**3, "thousand"))
_CURRENCY_WORDS = {"USD": ("$", "dollars", "dollar", "US dollars"), "INR": ("₹", "Rs", "Rs.", "rupees", "rupee"),
                   "PKR": ("PKR", "Pakistani rupees", "rupees"), "EUR": ("€", "euros", "euro"),
                   "GBP": ("£", "pounds"), "JPY": ("yen",), "CNY": ("yuan",)}
_WORD = re.compile(r"[\w’'.-]+|[$₹€£%]")


def _number_forms(amount: Decimal) -> list[str]:
    forms = []
    if amount == amount.to_integral_value():
        whole = int(amount)
        forms += [f"{whole:,}", str(whole)]
        if whole < len(_SMALL):
            forms.append(_SMALL[whole])
    else:
        forms.append(format(amount.normalize(), "f"))
    for scale, word in _SCALES:
        if amount >= scale:
            scaled = (amount / scale).normalize()
            forms.insert(0, f"{format(scaled, 'f')} {word}")
            if scaled == scaled.to_integral_value() and int(scaled) < len(_SMALL):
                forms.append(f"{_SMALL[int(scaled)]} {word}")
    return forms


def value_candidates(label: str, value: str) -> list[str]:
    """English strings that may write a normalised value (USD 10000000000 → "$10 billion", "10 billion", …)."""
    match = re.match(r"^(?:([A-Z]{3}) )?(?:>=|>|<|~)?([0-9.]+)\s*(%|.*)$", value or "")
    if not match:
        return []
    currency, number, rest = match.groups()
    try:
        amount = Decimal(number)
    except InvalidOperation:
        return []
    numbers = _number_forms(amount)
    out = []
    if currency:
        for form in numbers:
            for word in _CURRENCY_WORDS.get(currency, ()):
                out.append(f"{word}{form}" if word in "$₹€£" else f"{form} {word}")
            out.append(f"{currency} {form}")
    if label == "PERCENT" or rest == "%":
        for form in numbers:
            out += [f"{form}%", f"{form} percent", f"{form} per cent"]
    out += numbers
    return out


def name_candidates(span: EntitySpan) -> tuple[list[str], list[str]]:
    """English strings that may write a named entity: (whole names, best first; name parts for persons)."""
    words = mention_key(span)
    whole = [span.canonical] if span.canonical else []
    whole += [entry.english for entry in lexicon().entries(" ".join(words))]
    whole.append(transliterate(" ".join(words)))
    if span.label == "NORP" and span.canonical:
        whole += [span.canonical + "s", span.canonical + "es"]
    parts = []
    if span.label == "PER":
        parts = [p for c in whole for p in c.split() if len(p) > 2 and len(c.split()) > 1][::-1]  # surname first
    return _unique(whole), [p for p in _unique(parts) if p.lower() not in {w.lower() for w in whole}]


def _unique(items: list[str]) -> list[str]:
    seen, out = set(), []
    for item in items:
        if item and item.lower() not in seen:
            seen.add(item.lower())
            out.append(item)
    return out


def _exact(text: str, candidate: str, taken: list[tuple[int, int]]) -> tuple[int, int] | None:
    pattern = r"(?<![\w])" + re.escape(candidate) + r"(?![\w])"
    for match in re.finditer(pattern, text, flags=re.IGNORECASE):
        if not any(match.start() < e and s < match.end() for s, e in taken):
            return match.start(), match.end()
    return None


def _fuzzy(text: str, candidate: str, taken: list[tuple[int, int]]) -> tuple[int, int] | None:
    words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    width = len(candidate.split())
    best, best_ratio = None, FUZZY_THRESHOLD
    target = candidate.lower()
    for i in range(len(words) - width + 1):
        start, end = words[i][0], words[i + width - 1][1]
        if any(start < e and s < end for s, e in taken):
            continue
        piece = text[start:end].lower().strip(".’'")
        ratio = SequenceMatcher(None, piece, target).ratio()
        if ratio > best_ratio:
            best, best_ratio = (start, start + len(text[start:end].rstrip(".’'"))), ratio
    return best


def find_in_english(span: EntitySpan, english: str, taken: list[tuple[int, int]]) -> tuple[int, int] | None:
    """Where ``span``'s entity is written in the English sentence, if anywhere: whole names exactly, then
    fuzzily, then a person's name parts exactly, then fuzzily."""
    if span.label not in ("PER", "LOC", "ORG", "NORP"):
        for candidate in value_candidates(span.label, span.value):
            found = _exact(english, candidate, taken)
            if found:
                return found
        return None
    for group in name_candidates(span):
        for candidate in group:
            found = _exact(english, candidate, taken)
            if found:
                return found
        for candidate in group:
            if len(candidate) >= 4:
                found = _fuzzy(english, candidate, taken)
                if found:
                    return found
    return None


def english_mentions(article: Article, engine: str | Translation, *, english_ner: bool = True
                     ) -> dict[int, list[EntitySpan]]:
    """For each sentence index, spans over that sentence's English in ``engine``'s translation, sharing the
    Hindi mention's entity_id, label and canonical name.

    Where stanza's English models are installed (and ``english_ner``), names its English NER finds that no
    Hindi mention accounts for are added too, unlinked (no entity_id), so the English side misses less.
    """
    translation = engine if isinstance(engine, Translation) else article.translation(engine)
    if translation is None:
        return {}
    out: dict[int, list[EntitySpan]] = {}
    english_found = _english_ner(translation) if english_ner else None
    for sentence in article.sentences:
        if sentence.index >= len(translation.texts):
            continue
        english = translation.texts[sentence.index]
        if not english:
            continue
        taken: list[tuple[int, int]] = []
        found = []
        # Longer mentions first so "Ebrahim Raisi" is claimed before a bare "Raisi" elsewhere.
        for span in sorted(article.sentence_entities(sentence.index), key=lambda s: -(s.end - s.start)):
            place = find_in_english(span, english, taken)
            if place is None:
                continue
            taken.append(place)
            start, end = place
            found.append(EntitySpan(start=start, end=end, label=span.label, text=english[start:end],
                                    sentence=sentence.index, entity_id=span.entity_id, canonical=span.canonical,
                                    value=span.value, source="crosslingual", score=span.score))
        if english_found and sentence.index < len(english_found):
            for extra in english_found[sentence.index]:
                if not any(extra.start < end and start < extra.end for start, end in taken):
                    taken.append((extra.start, extra.end))
                    found.append(dataclasses.replace(extra, sentence=sentence.index, entity_id="",
                                                     canonical=extra.text, source="stanza-en"))
        if found:
            out[sentence.index] = sorted(found, key=lambda s: s.start)
    return out


def _english_ner(translation: Translation) -> list[list[EntitySpan]] | None:
    """stanza's English NER over the translation's sentences, or None where its models are not installed."""
    try:
        return english_entities(translation.texts)
    except Exception:  # a broken optional model must not cost the reader the linked highlights
        return None
