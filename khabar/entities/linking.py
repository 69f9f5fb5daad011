"""Linking: merge the mentions of one entity and give each entity a canonical English name.

Spelling variants (nukta, chandrabindu, nasal spelling) share a matching key; titles (राष्ट्रपति रायसी) are
stripped; a partial name (रायसी) joins the one full name of its label in the article that contains it (इब्राहिम रायसी; जल,
दिल्ली जल बोर्ड); an alias (मोहन उर्फ पप्पू) is the
entity it names; places and organisations with the same English name (अमेरिका, अमरीका) are one entity.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from functools import cache

from khabar.entities.lexicon import lexicon, strip_titles
from khabar.entities.rules import norp_forms
from khabar.model import Article, Entity, EntitySpan
from khabar.translate.loanwords import initial
from khabar.translit import KEPT_PLACE_HEADS, english_spelling, name_key, transliterate

NAME_LABELS = ("PER", "LOC", "ORG")
# The words that say "also called" between a name and its alias (मोहन उर्फ पप्पू).
ALIAS_WORDS = frozenset(name_key(w) for w in ("उर्फ", "उर्फ़", "ऊर्फ", "अर्फ"))


def mention_key(span: EntitySpan) -> tuple[str, ...]:
    """The matching words of a mention (titles stripped for persons, punctuation and hyphens as spaces)."""
    words = name_key(re.sub(r"[-–—.,'’\"“”]", " ", span.text)).split()
    if span.label == "PER":
        words = strip_titles(words)
    return tuple(words) or (name_key(span.text),)


# Glosses a Hindi phrase word by word into English. The pipeline passes the gloss engine's (an entity module
# never imports a translation engine: engines sit side by side, below the pipeline that joins them).
PhraseGloss = Callable[[str], str]


def mention_surface(span: EntitySpan) -> tuple[str, ...]:
    """The mention's words as written (nukta and all), the same words ``mention_key`` keys; its keys where
    they do not align word for word."""
    key = mention_key(span)
    written = re.sub(r"[-–—.,'’\"“”]", " ", span.text).split()
    keys = [name_key(w) for w in written]
    for at in range(len(keys) - len(key) + 1):
        if tuple(keys[at : at + len(key)]) == key:
            return tuple(written[at : at + len(key)])
    return key


def english_for(words: tuple[str, ...], label: str, written: tuple[str, ...] | None = None,
                gloss: PhraseGloss | None = None) -> str:
    """The canonical English name: the lexicon's, else (given ``gloss``) an institution's English words, else
    known name parts, else each word's English spelling (an acronym, a loanword, the spelling English gives the
    name, or a readable transliteration).

    ``words`` are the matching keys; ``written`` the same words as the text spells them, which the spelling
    reads (a key folds न्यू into ंयू, nukta away: fine for matching, not for reading aloud)."""
    written = written if written is not None and len(written) == len(words) else words
    lex = lexicon()
    entry = lex.lookup(" ".join(words))
    if entry:
        return entry.english
    if label == "LOC" and len(words) > 1 and words[-1] in KEPT_PLACE_HEADS:
        # लक्ष्मी नगर, करोल बाग, चांदनी चौक: English keeps these words of Indian place names (Laxmi Nagar, not "Town").
        return f"{english_for(words[:-1], label, written[:-1], gloss)} {KEPT_PLACE_HEADS[words[-1]]}"
    if gloss is not None and label in ("LOC", "ORG") and len(words) > 1 and not all(lex.entries(w) for w in words):
        # स्वास्थ्य मंत्रालय: an institution named in common words reads as their English (Health Ministry).
        described = described_name(" ".join(written), gloss)
        if described:
            return described
    parts = []
    for word, surface in zip(words, written, strict=True):
        found = lex.entries(word)
        if label == "PER":
            found = [e for e in found if e.type in ("GIVEN", "SURNAME", "PER")] or found
        letter = initial(word) if label == "PER" and len(words) > 1 and not found else None
        if letter:  # an initial in a person's name (जैमे वी Jaime V, पी चिदंबरम P Chidambaram)
            parts.append(letter)
            continue
        parts.append(found[0].english if found else english_spelling(surface, person=label == "PER"))
    return " ".join(parts)


_SMALL_WORDS = {"of", "and", "the", "for", "in", "on", "at", "to", "a", "an"}



@cache
def described_name(hindi: str, gloss: PhraseGloss) -> str:
    """A multi-word place or organisation in English through ``gloss``, in title case (Health Ministry)."""
    english = gloss(hindi).strip().rstrip(".")
    words = english.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    titled = [w if (w.lower() in _SMALL_WORDS and n) or w[:1].isupper() else w[:1].upper() + w[1:]
              for n, w in enumerate(words)]
    return " ".join(titled)


def _slug(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", "-", text.lower()).strip("-") or "x"


_SCALES = ((10**12, "trillion"), (10**9, "billion"), (10**6, "million"), (10**3, "thousand"))


def readable_value(label: str, value: str) -> str:
    """A short English reading of a normalised value (USD 10000000000 → USD 10 billion, >=8 → at least 8)."""
    if not value:
        return ""
    match = re.match(r"^(?:([A-Z]{3}) )?(>=|>|<|~)?([0-9.]+)(.*)$", value)
    if not match:
        return value
    currency, sign, number, rest = match.groups()
    try:
        amount = Decimal(number)
    except InvalidOperation:
        return value
    text = f"{amount:,}" if amount == amount.to_integral_value() else str(amount)
    for scale, word in _SCALES:
        if amount >= scale and (amount / scale) == (amount / scale).quantize(Decimal("0.01")):
            text = f"{(amount / scale).normalize():f} {word}"
            break
    words = {">=": "at least ", ">": "more than ", "<": "less than ", "~": "about "}.get(sign or "", "")
    return f"{currency + ' ' if currency else ''}{words}{text}{rest}".strip()


def link(article: Article, gloss: PhraseGloss | None = None) -> Article:
    """Set entity_id and canonical on every span and fill ``entity_index`` (one Entity per linked group);
    ``gloss`` gives institutions named in common words their English (see ``english_for``)."""
    spans = list(article.entities)
    keys = [mention_key(s) for s in spans]

    # One label per name: the majority over its mentions (first seen breaks ties).
    votes: dict[tuple[str, ...], Counter] = defaultdict(Counter)
    for span, key in zip(spans, keys, strict=True):
        if span.label in NAME_LABELS:
            votes[key][span.label] += 1
    label_of = {key: counts.most_common(1)[0][0] for key, counts in votes.items()}
    spans = [
        dataclasses.replace(s, label=label_of[k]) if s.label in NAME_LABELS and label_of.get(k, s.label) != s.label else s
        for s, k in zip(spans, keys, strict=True)
    ]

    # Full names: the longest forms; a shorter mention joins the one longer name of its label that contains it
    # (रायसी of इब्राहिम रायसी, जल of दिल्ली जल बोर्ड).
    group_of: dict[int, tuple[str, tuple[str, ...]]] = {}
    head: dict[tuple[str, tuple[str, ...]], tuple[str, ...]] = {}
    for label in NAME_LABELS:
        names = sorted({k for s, k in zip(spans, keys, strict=True) if s.label == label}, key=len, reverse=True)
        longer: set[tuple[str, ...]] = set()  # the full names of the longer mentions seen so far
        for name in names:
            fulls = {full for full in longer if full != name and _contains(full, name)}
            head[(label, name)] = fulls.pop() if len(fulls) == 1 else name
            longer.add(head[(label, name)])
    aliases = _aliases(article.text, spans, keys)
    for i, (span, key) in enumerate(zip(spans, keys, strict=True)):
        if span.label in NAME_LABELS:
            group_of[i] = (span.label, head[(span.label, key)])
        elif span.label == "NORP":
            group_of[i] = (span.label, key)
        else:
            group_of[i] = (span.label, (span.value or " ".join(key),))
    # X उर्फ Y: the alias Y, wherever it is said, is the entity X is.
    alias_group = {group_of[j]: group_of[i] for i, j in aliases}
    for i, group in group_of.items():
        seen = {group}
        while group in alias_group and alias_group[group] not in seen:
            group = alias_group[group]
            seen.add(group)
        group_of[i] = group

    written_of: dict[tuple[str, tuple[str, ...]], tuple[str, ...]] = {}
    for i, (span, key) in enumerate(zip(spans, keys, strict=True)):
        if span.label in NAME_LABELS and group_of[i] == (span.label, key) and group_of[i] not in written_of:
            written_of[group_of[i]] = mention_surface(span)
    canonical_of: dict[tuple[str, tuple[str, ...]], str] = {}
    for label, words in set(group_of.values()):
        if label in NAME_LABELS:
            canonical_of[(label, words)] = english_for(words, label, written_of.get((label, words)), gloss)
        elif label == "NORP":
            entry = lexicon().lookup(" ".join(words))
            if entry is None:
                found = norp_forms().get(" ".join(words))
                canonical_of[(label, words)] = found[0] if found else transliterate(" ".join(words))
            else:
                canonical_of[(label, words)] = entry.english
        else:
            canonical_of[(label, words)] = readable_value(label, words[0]) or transliterate(words[0])

    # Groups with the same label and English name are one entity (अमेरिका = अमरीका, ईरानी = ईरानियों).
    entity_id_of = {g: f"{g[0]}:{_slug(canonical_of[g])}" for g in canonical_of}
    linked = []
    for i, span in enumerate(spans):
        group = group_of[i]
        linked.append(dataclasses.replace(span, entity_id=entity_id_of[group], canonical=canonical_of[group]))

    alias_forms = {linked[j].entity_id: set() for _, j in aliases}
    for _, j in aliases:
        alias_forms[linked[j].entity_id].add(linked[j].text)
    index: dict[str, dict] = {}
    for span in sorted(linked, key=lambda s: s.start):
        item = index.setdefault(
            span.entity_id,
            {"label": span.label, "canonical": span.canonical, "forms": [], "mentions": 0, "first": span.sentence,
             "titles": Counter()},
        )
        item["mentions"] += 1
        if span.text not in item["forms"]:
            item["forms"].append(span.text)
        if span.title:
            item["titles"][span.title] += 1
    entities = tuple(
        Entity(id=eid, label=v["label"], canonical=v["canonical"], forms=tuple(v["forms"]), mentions=v["mentions"],
               first_sentence=v["first"], title=v["titles"].most_common(1)[0][0] if v["titles"] else "",
               aliases=tuple(f for f in v["forms"] if f in alias_forms.get(eid, ())))
        for eid, v in index.items()
    )
    return dataclasses.replace(article, entities=tuple(linked), entity_index=entities)


def _aliases(text: str, spans: list[EntitySpan], keys: list[tuple[str, ...]]) -> list[tuple[int, int]]:
    """``(name, alias)`` index pairs of the mentions said as ``name उर्फ alias`` or ``name (ABBR)`` (the same label)."""
    order = sorted(range(len(spans)), key=lambda i: spans[i].start)
    pairs = []
    for a, b in zip(order, order[1:], strict=False):
        first, second = spans[a], spans[b]
        if second.start - first.end > 8:  # उर्फ or a bracket, and spaces, stand between them
            continue
        between = name_key(text[first.end : second.start])
        # and the short form in brackets after an organisation or place: विश्व स्वास्थ्य संगठन (डब्ल्यूएचओ)
        bracketed = between == "(" and first.label in ("ORG", "LOC") and len(keys[b]) == 1 \
            and text[second.end :].lstrip().startswith(")")
        if first.label == second.label and first.label in NAME_LABELS and (between in ALIAS_WORDS or bracketed) \
                and keys[a] != keys[b]:
            pairs.append((a, b))
    return pairs


def _contains(full: tuple[str, ...], part: tuple[str, ...]) -> bool:
    if len(part) >= len(full):
        return False
    return any(full[i : i + len(part)] == part for i in range(len(full) - len(part) + 1))
