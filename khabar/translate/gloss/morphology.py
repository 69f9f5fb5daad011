"""Stage 1 of the gloss, morphology: Hindi words analysed into units (noun and adjective inflection, verb
forms and auxiliaries, names, loanwords, numbers and spans of time)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache

from khabar.entities.lexicon import TITLES, read_soft_gazetteer, strip_titles
from khabar.entities.lexicon import lexicon as name_lexicon
from khabar.numbers import english_number, english_number_word, hindi_number_words, hindi_scales
from khabar.text import to_ascii_digits, tokens
from khabar.timeline.timex import TenseCues
from khabar.translate import english as eng
from khabar.translate.lexicon import Lexicon, key, word_class
from khabar.translate.loanwords import acronym, loanword
from khabar.translit import (
    KEPT_PLACE_HEADS,
    english_name,
    english_spelling,
    name_key,
    transliterate,
    usual_name_spelling,
)

# Verb forms -------------------------------------------------------------------------------------------------
# Irregular perfectives: surface key -> (infinitive, form, plural)
_IRREGULAR_FORMS = {
    "किया": ("करना", "perf", False), "की": ("करना", "perf", False), "किए": ("करना", "perf", True),
    "किये": ("करना", "perf", True), "कीं": ("करना", "perf", True),
    "गया": ("जाना", "perf", False), "गई": ("जाना", "perf", False), "गयी": ("जाना", "perf", False),
    "गए": ("जाना", "perf", True), "गये": ("जाना", "perf", True), "गईं": ("जाना", "perf", True),
    "दिया": ("देना", "perf", False), "दी": ("देना", "perf", False), "दिए": ("देना", "perf", True),
    "दिये": ("देना", "perf", True), "दीं": ("देना", "perf", True),
    "लिया": ("लेना", "perf", False), "ली": ("लेना", "perf", False), "लिए": ("लेना", "perf", True),
    "लिये": ("लेना", "perf", True), "लीं": ("लेना", "perf", True),
    "हुआ": ("होना", "perf", False), "हुई": ("होना", "perf", False), "हुए": ("होना", "perf", True),
    "हुये": ("होना", "perf", True), "हुईं": ("होना", "perf", True),
    "पिया": ("पीना", "perf", False), "मरा": ("मरना", "perf", False),
    "कीजिए": ("करना", "imp", True), "कीजिये": ("करना", "imp", True), "दीजिए": ("देना", "imp", True),
    "दीजिये": ("देना", "imp", True), "लीजिए": ("लेना", "imp", True), "लीजिये": ("लेना", "imp", True),
    # The copula inside a phrase (पता है 'knows', जरूरत है 'needs').
    "है": ("होना", "cop_pres", False), "हैं": ("होना", "cop_pres", True), "था": ("होना", "cop_past", False),
    "थी": ("होना", "cop_past", False), "थे": ("होना", "cop_past", True), "थीं": ("होना", "cop_past", True),
}
# Suffix -> form, longest first. Perfective endings after a vowel stem take य (उठाया), handled below.
_VERB_SUFFIXES = [
    ("ूंगा", "fut"), ("ूंगी", "fut"), ("ऊंगा", "fut"), ("ऊंगी", "fut"), ("ेंगे", "fut"), ("ेंगी", "fut"),
    ("ेगा", "fut"), ("ेगी", "fut"),
    ("ोगे", "fut"), ("ोगी", "fut"), ("एंगे", "fut"), ("एगा", "fut"), ("एगी", "fut"), ("येंगे", "fut"),
    ("येगा", "fut"), ("येगी", "fut"), ("ाएंगे", "fut"), ("ाएगा", "fut"), ("ाएगी", "fut"),
    ("एंगी", "fut"), ("ाएंगी", "fut"), ("येंगी", "fut"), ("ेंगी", "fut"),
    # vowel-final stems take the ending directly: दे-गा, ले-ंगे, हो-गी
    ("गा", "fut"), ("गी", "fut"), ("गे", "fut"), ("ंगे", "fut"), ("ंगी", "fut"), ("गें", "fut"), ("ं", "subj"),
    ("ते", "impf"), ("ता", "impf"), ("ती", "impf"), ("तीं", "impf"),
    ("ना", "inf"), ("नी", "inf"), ("ने", "inf_obl"),
    ("कर", "conj"), ("के", "conj"),
    ("या", "perf"), ("यी", "perf"), ("ये", "perf"), ("ई", "perf"), ("ए", "perf"), ("ईं", "perf"),
    ("ा", "perf"), ("ी", "perf"), ("े", "perf"), ("ीं", "perf"),
    ("ें", "subj"), ("एं", "subj"), ("यें", "subj"),
    ("िए", "imp"), ("िये", "imp"), ("इए", "imp"), ("ो", "imp"),
]
_VERB_SUFFIXES.sort(key=lambda item: -len(item[0]))
_PLURAL_ENDINGS = ("ंगे", "गे", "ंगी", "एंगी", "ाएंगी", "ं", "े", "ें", "ए", "ये", "ते", "ीं", "ेंगे", "ोगे", "एंगे", "ाएंगे", "येंगे", "ईं", "तीं")

# Auxiliary and light-verb surface keys.
AUX_PRESENT = {"है": False, "हैं": True, "हूं": False, "हो": True}
AUX_PAST = {"था": False, "थी": False, "थे": True, "थीं": True}
AUX_FUTURE = {"होगा": False, "होगी": False, "होंगे": True, "होंगी": True, "होगें": True}
PROGRESSIVE = {"रहा": False, "रही": False, "रहे": True, "रहीं": True}
CAN = {"सकता": ("impf", False), "सकती": ("impf", False), "सकते": ("impf", True), "सका": ("perf", False),
       "सकी": ("perf", False), "सके": ("perf", True), "सकें": ("subj", True), "सकेगा": ("fut", False),
       "सकेगी": ("fut", False), "सकेंगे": ("fut", True), "सकतीं": ("impf", True), "सकीं": ("perf", True),
       "सकेंगी": ("fut", True)}
ALREADY = {"चुका": False, "चुकी": False, "चुके": True, "चुकीं": True}
LIGHT_VERBS = word_class("light_verb")
PASSIVE_FORMS = {"जाना"}
MUST = {"पड़ा": "past", "पड़ी": "past", "पड़े": "past", "पड़ेगा": "fut", "पड़ेगी": "fut", "पड़ेंगे": "fut",
        "पड़ता": "pres", "पड़ती": "pres", "पड़ते": "pres", "पड़": "pres"}
SHOULD = {"चाहिए", "चाहिये"}

# Noun and adjective inflection: suffix -> (replacements, plural)
_NOUN_SUFFIXES = [
    ("ियों", ("ी", "ि", "िया"), True), ("ियां", ("ी", "ि", "िया"), True), ("ुओं", ("ु", "ू"), True),
    ("ाओं", ("ा",), True), ("ाएं", ("ा",), True), ("ाये", ("ा",), False), ("ओं", ("",), True), ("एं", ("",), True),
    ("ों", ("", "ा", "ां"), True), ("ें", ("",), True), ("े", ("ा",), False), ("ी", ("ा",), False),
    ("ीं", ("ी",), True),
    # Nouns in a written-out ई (इकाई, कार्रवाई): इकाइयों, कार्रवाइयां.
    ("इयों", ("ई",), True), ("इयां", ("ई",), True),
]

_DIGITS = re.compile(r"^\d+(?:[.,]\d+)*$")
# Hindi number words and scales (सौ, हज़ार, लाख, करोड़, अरब …) by matching key, as floats for the arithmetic here.
# English scale words in Devanagari (10 मिलियन) are read as loanwords, word by word.
_SCALE_KEYS = {k: float(v) for k, v in hindi_scales(loans=False).items()}
NUMBER_WORDS = {k: float(v) for k, v in hindi_number_words().items()}

# A possessive pronoun before the second half of a compound postposition (इसके बाद → after this).
_GEN_PRONOUN_OBJECT = {
    "इसके": "this", "इसकी": "this", "उसके": "that", "उसकी": "that", "उनके": "them", "उनकी": "them",
    "इनके": "these", "इनकी": "these", "आपके": "you", "आपकी": "you", "हमारे": "us", "हमारी": "us",
    "मेरे": "me", "मेरी": "me", "तुम्हारे": "you", "तुम्हारी": "you", "अपने": "themselves",
    "अपनी": "themselves", "किसके": "whom", "किसकी": "whom", "जिसके": "which", "जिसकी": "which",
    "जिनके": "whom", "जिनकी": "whom", "सबके": "everyone", "सबकी": "everyone",
}
# Unknown words are transliterated with a capital, as names usually are.
TITLE_UNKNOWN = True
_PUNCT_MAP = {"।": ".", "॥": ".", "॰": "."}


@dataclass
class Unit:
    """One analysed piece of a sentence: a word, a phrase, a verb group or a punctuation mark."""

    cat: str  # N, GEN, P, V, AUX, NEG, CONJ, PUNCT, ADV, PART, DROP, Q
    en: str
    hindi: str = ""
    pos: str = ""
    lemma: str = ""  # English base form of a verb
    form: str = ""  # verb form: stem perf impf fut subj inf inf_obl conj imp
    plural: bool = False
    name: str = ""  # PER/LOC/ORG/NORP for names
    extra: list[str] = field(default_factory=list)
    attr: str = ""  # the adjective reading of a noun used as a modifier (सुरक्षा → security)


def _num_value(token: str) -> float | None:
    text = to_ascii_digits(token).replace(",", "")
    try:
        return float(text)
    except ValueError:
        return None


def format_number(value: float) -> str:
    """10_000_000_000 → '10 billion', 2_500_000 → '2.5 million', 250_000 → '250,000'."""
    return english_number(value)


_INDIAN_GROUPING = re.compile(r"^\d{1,2}(?:,\d{2})+,\d{3}$")


def _format_plain(token: str) -> str:
    """Digits as ASCII; Indian digit grouping (1,20,000) regrouped the international way (120,000)."""
    text = to_ascii_digits(token)
    if _INDIAN_GROUPING.match(text):
        return f"{int(text.replace(',', '')):,}"
    return text


def verb_candidates(k: str):
    """Every (infinitive, form, plural) reading of a word as a verb form, most specific first."""
    if k in _IRREGULAR_FORMS:
        yield _IRREGULAR_FORMS[k]
    yield k + "ना", "stem", False
    for suffix, form in _VERB_SUFFIXES:
        if not k.endswith(suffix) or len(k) <= len(suffix):
            continue
        stem = k[: -len(suffix)]
        candidates = [stem]
        if suffix.startswith(("ए", "ई", "ये", "यी", "या")):
            candidates += [stem + "ा", stem + "ो"]
        for s in candidates:
            if s:
                yield s + "ना", form, suffix in _PLURAL_ENDINGS


class Analyser:
    """Turns a Hindi sentence into Units using the lexicon and Hindi morphology."""

    def __init__(self, lex: Lexicon, *, names=None) -> None:
        self.lex = lex
        self._names = names
        self._cache: dict[str, Unit | None] = {}
        self._in_variant = False
        self._surnames: frozenset[str] | None = None

    # Names ----------------------------------------------------------------------------------------------
    def _name_lexicon(self):
        if self._names is None:
            try:
                self._names = name_lexicon()
            except Exception:  # noqa: BLE001 - the gloss works without the entity lexicons
                self._names = False
        return self._names or None

    def name(self, words: Sequence[str]) -> Unit | None:
        """A known name spanning exactly ``words``."""
        names = self._name_lexicon()
        text = " ".join(words)
        if names is not None:
            entry = names.lookup(text)
            if entry is not None:
                return Unit("N", entry.english, text, "name", name=entry.label)
            return None
        try:
            english = english_name(text)
        except Exception:  # noqa: BLE001
            english = None
        return Unit("N", english, text, "name", name="NAME") if english else None

    # Words ----------------------------------------------------------------------------------------------
    def entry_unit(self, entry, surface: str, *, plural: bool = False, form: str = "") -> Unit:
        """A Unit for a lexicon entry."""
        pos = entry.pos
        english = entry.english
        if pos == "v":
            return Unit("V", english, surface, pos, lemma=english, form=form or "inf", plural=plural)
        if pos == "n" and plural and english:
            english = eng.plural(english)
        cat = {
            "post": "P", "conj": "CONJ", "aux": "AUX", "neg": "NEG", "adv": "ADV", "part": "PART", "q": "Q",
        }.get(pos, "N")
        if pos == "post" and key(surface) in ("का", "की", "के"):
            cat = "GEN"
        if not english:
            cat = "DROP"
        attr = ""
        if pos == "n":
            adj = self.lex.get(key(entry.hindi), "adj")
            attr = adj.english if adj is not None else ""
        return Unit(cat, english, surface, pos, plural=plural, name="LOC" if pos == "name" else "", attr=attr)

    def verb(self, k: str) -> tuple[str, str, bool] | None:
        """(infinitive, form, plural) of an inflected verb, when its infinitive is in the lexicon."""
        for inf, form, plural in verb_candidates(k):
            if self.lex.get(inf, "v"):
                return inf, form, plural
        return None

    def verb_unit(self, surface: str, k: str) -> Unit | None:
        """``surface`` read as a form of a verb the lexicon has (its key ``k``), else None."""
        verb = self.verb(k)
        if verb is None:
            return None
        inf, form, plural = verb
        entry = self.lex.get(inf, "v")
        return Unit("V", entry.english, surface, "v", lemma=entry.english, form=form, plural=plural)

    def word(self, surface: str) -> Unit:
        """Analyse one word."""
        k = key(surface)
        if k in self._cache and self._cache[k] is not None:
            return replace(self._cache[k], hindi=surface, extra=[])
        unit = self._word(surface, k)
        self._cache[k] = unit
        # A copy: later passes adjust a unit in place (कल → tomorrow), which must not leak into the cache.
        return replace(unit, extra=[])

    def _word(self, surface: str, k: str) -> Unit:
        if _DIGITS.match(to_ascii_digits(surface)):
            return Unit("N", _format_plain(surface), surface, "num")
        ordinal = _ORDINAL_DIGITS.match(to_ascii_digits(k))
        if ordinal:
            return Unit("N", _ordinal(int(ordinal.group(1))), surface, "adj")
        if k in _GENITIVE_LIKE and k in ("की", "के", "का"):
            entry = self.lex.get(k, "post")
            if entry is not None:
                return self.entry_unit(entry, surface)
        entries = self.lex.all(k)
        if entries:
            # घटना, सोना, खाना: a noun reading beats the infinitive (the verb's forms are found by morphology).
            entry = next((e for e in entries if e.pos != "v"), entries[0])
            form = "inf" if entry.pos == "v" else ""
            return self.entry_unit(entry, surface, form=form)
        verb = self.verb_unit(surface, k)
        if verb is not None:
            return verb
        for suffix, replacements, plural in _NOUN_SUFFIXES:
            if k.endswith(suffix) and len(k) > len(suffix) + 1:
                stem = k[: -len(suffix)]
                for rep in replacements:
                    for entry in self.lex.all(stem + rep):
                        if entry.pos in ("n", "adj", "name", "pron", "gen", "det", "num"):
                            return self.entry_unit(entry, surface, plural=plural and entry.pos == "n")
        name = self.name([surface])
        if name is not None:
            return name
        # Oblique plurals of names and loanwords (ईरानियों): try the name lexicon on the stem.
        for suffix, replacements, plural in _NOUN_SUFFIXES[:9]:
            if k.endswith(suffix) and len(k) > len(suffix) + 2:
                for rep in replacements:
                    found = self.name([k[: -len(suffix)] + rep])
                    if found is not None:
                        found.en = eng.plural(found.en) if plural else found.en
                        found.hindi = surface
                        return found
        for variant in _spelling_variants(k) if not self._in_variant else ():
            self._in_variant = True
            try:
                found = self._word(surface, variant)
            finally:
                self._in_variant = False
            if found.pos != "unk":
                return found
        if "-" in k and not self._in_variant:
            # माता-पिता, आर्थिक-सामाजिक: gloss the parts of an unknown hyphenated word.
            parts = [self.word(part) for part in surface.split("-") if part]
            if parts and any(p.pos != "unk" for p in parts):
                return Unit("N", "-".join(p.en for p in parts), surface, parts[-1].pos if parts[-1].pos != "unk"
                            else "n", plural=parts[-1].plural)
        if not self._in_variant:
            english = _english_unit(surface, k)
            if english is not None:
                return english
        roman = _transliterate(surface)
        return Unit("N", roman if TITLE_UNKNOWN else roman.lower(), surface, "unk", name="UNK")

    # Sentences ------------------------------------------------------------------------------------------
    def analyse(self, sentence: str, spans: Sequence[NameSpan] = ()) -> list[Unit]:
        """The Units of one sentence: names the tagger found, then phrases, then words.

        ``spans`` are (start, end, label) character offsets of entity mentions in ``sentence``: a person's
        name, and a place or organisation of one word, is read as a name (कमल Kamal, not "lotus").
        """
        toks, verbatim = _sentence_tokens(sentence)
        keys = [key(t) for t in toks]
        named = _named_tokens(sentence, toks, spans) if spans else {}
        units: list[Unit] = []
        starts: list[int] = []  # the token index each unit starts at
        i = 0
        names = self._name_lexicon()
        max_name = getattr(names, "max_words", 4) if names else 4
        while i < len(toks):
            tok = toks[i]
            starts.append(i)
            if i in named and i not in verbatim:
                end, label = named[i]
                units.append(self.name_span(toks[i:end], label))
                i = end
                continue
            if i in verbatim:
                # Latin words and markup are not Hindi: they pass through exactly as written.
                units.append(replace(self.word(tok), en=tok, hindi=tok))
                i += 1
                continue
            if tok in _CURRENCY_SIGNS and i + 1 < len(toks) and i + 1 not in verbatim:
                number = self._number(toks, keys, i + 1)
                if number is None and _DIGITS.match(to_ascii_digits(toks[i + 1])):
                    number = Unit("N", _format_plain(toks[i + 1]), toks[i + 1], "num"), 1
                if number is not None:
                    # ₹5 करोड़ → ₹50 million: the sign stays with its number.
                    unit, used = number
                    units.append(replace(unit, en=tok + unit.en, hindi=f"{tok} {unit.hindi}", extra=["money"]))
                    i += used + 1
                    continue
            timed = self._time_span(toks, keys, i, units)
            if timed is not None:
                unit, used = timed
                units.append(unit)
                i += used
                continue
            if not _is_word(tok):
                units.append(Unit("PUNCT", _PUNCT_MAP.get(tok, tok), tok))
                i += 1
                continue
            unit, used = self._pronoun_postposition(keys, i)
            if unit is None:
                unit, used = self._phrase(toks, keys, i)
            if unit is None:
                for n in range(min(max_name, len(toks) - i), 1, -1):
                    if all(_is_word(t) for t in toks[i : i + n]):
                        found = self.name(toks[i : i + n])
                        if found is not None:
                            unit, used = found, n
                            break
            if unit is None:
                unit, used = self._person(toks, keys, i)
            if unit is None:
                unit, used = self._place(toks, i)
            if unit is None:
                number = self._number(toks, keys, i)
                if number is not None:
                    unit, used = number
            if unit is None and keys[i] in _DID and i > 0 and _ends_verb_group(keys, i + 1, keys[i - 1] in _NOT):
                # की/किए before a full stop (or after नहीं, before an auxiliary) is करना's past, not the genitive
                # (टिप्पणी नहीं की।); यह राम की है stays "Ram's".
                unit, used = self.verb_unit(tok, keys[i]), 1
            if unit is None:
                unit, used = self.word(tok), 1
            units.append(unit)
            i += used
        units = self._verb_stems(self._article(units))
        self._deictic_days(units, starts, keys)
        return units

    def _person(self, toks: Sequence[str], keys: Sequence[str], i: int) -> tuple[Unit | None, int]:
        """A person's name the text says without a tagger to find it: a surname (शर्मा, सिंह, यादव) after one or
        two given names (सूरज शर्मा Suraj Sharma, not "the sun feel shy"), or a surname alone that has no other
        reading as a noun (शर्मा ने कहा: Sharma said)."""
        surnames = self._surname_keys()
        # The cheap test first: most words have no surname at or after them.
        if not any(k in surnames for k in keys[i : i + 3]) or not _is_word(toks[i]):
            return None, 0
        names = self._name_lexicon()
        for n in (3, 2):
            words = toks[i : i + n]
            if len(words) == n and keys[i + n - 1] in surnames and all(_is_word(w) for w in words) \
                    and all(self._given_like(w, names, common=m == n - 2) for m, w in enumerate(words[:-1])):
                return self.name_span(words, "PER"), n
        # A surname that is also a noun (सिंह lion) is the name when it does something (सिंह ने कहा).
        acts = i + 1 < len(keys) and keys[i + 1] in _AGENT_MARKS
        if keys[i] in surnames and (acts or not any(e.pos in ("n", "adj", "pron", "post") for e in self.lex.all(keys[i]))):
            return self.name_span([toks[i]], "PER"), 1
        return None, 0

    def _place(self, toks: Sequence[str], i: int) -> tuple[Unit | None, int]:
        """An Indian place name said as a name and a head English keeps (लाजपत नगर Lajpat Nagar, चांदनी चौक
        Chandni Chowk), read as a place; नगर alone, or after a common word, stays "town"."""
        if i + 1 >= len(toks) or name_key(toks[i + 1]) not in KEPT_PLACE_HEADS or not _is_word(toks[i]):
            return None, 0
        names = self._name_lexicon()
        if names is None or not (names.lookup(toks[i]) is not None or self._given_like(toks[i], names, common=True)):
            return None, 0
        return self.name_span(toks[i : i + 2], "LOC"), 2

    def _surname_keys(self) -> frozenset[str]:
        """The gloss keys of the name lexicon's surnames (empty without the lexicon)."""
        if self._surnames is None:
            names = self._name_lexicon()
            entries = [e for found in names.by_key.values() for e in found] if names is not None else []
            self._surnames = frozenset(key(e.hindi) for e in entries if e.type == "SURNAME" and " " not in e.hindi)
        return self._surnames

    def _given_like(self, word: str, names, *, common: bool = False) -> bool:
        """Whether a word before a surname reads as a given name: one the name lexicon or the annotated news
        (HiNER, mostly a person) says is, or one the gloss has no reading for; never a title (मंत्री शर्मा).

        With ``common`` (the word right before the surname), a noun English text also writes often as a name
        counts too (सूरज Suraj, कमल Kamal)."""
        k = key(word)
        if name_key(word) in _TITLE_WORDS or k in _NOT_GIVEN:
            return False
        if names.types(word) & {"GIVEN", "SURNAME"} or "hPER" in _name_words().get(word, ()):
            return True
        entries = self.lex.all(k)
        if not entries:
            return self.verb(k) is None and _english_unit(word, k) is None
        if common and all(e.pos == "n" for e in entries):
            usual = usual_name_spelling(word)
            return usual is not None and usual[1] >= MIN_GIVEN_ZIPF
        return False

    def name_span(self, words: Sequence[str], label: str) -> Unit:
        """A name the entity tagger found, read as a name: the lexicon's English for the whole, else word by
        word the name lexicon's, an acronym's, an English word's spelling or a transliteration."""
        whole = self.name(words)
        if whole is not None:
            return replace(whole, name=label)
        parts = []
        for n, word in enumerate(words):
            found = self.name([word])
            if found is None and label == "LOC" and n and n == len(words) - 1 and name_key(word) in KEPT_PLACE_HEADS:
                parts.append(KEPT_PLACE_HEADS[name_key(word)])  # लाजपत नगर: Lajpat Nagar
                continue
            parts.append(found.en if found is not None else english_spelling(word, person=label == "PER"))
        return Unit("N", " ".join(parts), " ".join(words), "name", name=label)

    def _time_span(self, toks: list[str], keys: list[str], i: int, units: list[Unit]) -> tuple[Unit, int] | None:
        """तीन दिन पहले → three days ago, कई साल बाद → several years later (a number, a unit of time, पहले/बाद)."""
        if not any(k in _AGO_LATER for k in keys[i + 1 : i + 7]):
            return None  # the cheap test first: most words open no span of time
        amount, count, used = _time_amount(toks, keys, i, self)
        j = i + used
        if j + 1 >= len(keys) or keys[j] not in _TIME_UNITS or keys[j + 1] not in _AGO_LATER:
            return None
        if not used and not keys[j].endswith("ों"):
            return None  # a bare दिन पहले is not a span of time (सालों पहले is: years ago)
        if j + 2 < len(keys) and keys[j + 2] == "से":
            return None  # तीन दिन पहले से: 'for three days', left to the word-by-word gloss
        singular, plural = _TIME_UNITS[keys[j]]
        noun = plural if count is None or count != 1 else singular
        if amount in ("a", "an"):
            amount = "an" if noun[0] in "aeiou" or noun == "hour" else "a"
        span = f"{amount} {noun}".strip()
        end = j + 2
        if keys[j + 1] == key("बाद") and end < len(keys) and keys[end] == key("में"):
            end += 1  # दो दिन बाद में: still 'two days later'
        hindi = " ".join(toks[i:end])
        relation = "before" if keys[j + 1] == key("पहले") else "after"
        if units and key(units[-1].hindi) in ("के", "की", "का"):
            # चुनाव के तीन दिन बाद → three days after the election: the span is a compound postposition.
            gen = units.pop()
            return Unit("P", f"{span} {relation}", f"{gen.hindi} {hindi}", "post"), end - i
        if units and key(units[-1].hindi) in _GEN_PRONOUN_OBJECT:
            # इसके दो दिन बाद → two days after this
            gen = units.pop()
            obj = _GEN_PRONOUN_OBJECT[key(gen.hindi)]
            return Unit("ADV", f"{span} {relation} {obj}", f"{gen.hindi} {hindi}", "adv"), end - i
        relation = "ago" if keys[j + 1] == key("पहले") else "later"
        return Unit("ADV", f"{span} {relation}", hindi, "adv"), end - i

    def _deictic_days(self, units: list[Unit], starts: list[int], keys: list[str]) -> None:
        """कल is yesterday in a past clause and tomorrow in a future one (परसों likewise)."""
        tenses = TenseCues(keys)  # once per sentence: a scan per deictic word was quadratic
        for n, unit in enumerate(units):
            if unit.cat != "ADV" or (k := key(unit.hindi)) not in _DEICTIC_DAYS:
                continue
            direction = tenses.of(starts[n], starts[n] + 1)
            if direction == 0:
                direction = _unit_tense(units[n + 1 :]) or _unit_tense(units[:n][::-1])
            if direction:
                unit.en = _DEICTIC_DAYS[k][0 if direction < 0 else 1]

    def _verb_stems(self, units: list[Unit]) -> list[Unit]:
        """A word before रहा/सकता/चुका/कर that is also a verb stem is that stem (कर रहे हैं, not 'tax')."""
        for i, unit in enumerate(units[:-1]):
            if unit.cat == "V":
                continue
            nk = key(units[i + 1].hindi)
            light = units[i + 1].cat == "V" and _verb_inf(units[i + 1]) in (*LIGHT_VERBS, "जाना")
            if nk in PROGRESSIVE or nk in CAN or nk in ALREADY or light or (nk in ("कर", "के") and unit.cat != "GEN"):
                entry = self.lex.get(key(unit.hindi) + "ना", "v")
                if entry is not None:
                    units[i] = Unit("V", entry.english, unit.hindi, "v", lemma=entry.english, form="stem")
        return units

    def _pronoun_postposition(self, keys: list[str], i: int) -> tuple[Unit | None, int]:
        obj = _GEN_PRONOUN_OBJECT.get(keys[i])
        if obj is None or i + 1 >= len(keys):
            return None, 1
        marker = "की" if keys[i].endswith("ी") else "के"
        for n in range(min(3, len(keys) - i - 1), 0, -1):
            entry = self.lex.get(" ".join([marker, *keys[i + 1 : i + 1 + n]]), "post")
            if entry is not None and entry.english:
                return Unit("ADV", f"{entry.english} {obj}", keys[i], "adv"), n + 1
        return None, 1

    def _phrase(self, toks: list[str], keys: list[str], i: int) -> tuple[Unit | None, int]:
        unit, used = self._phrase_at(toks, keys, i)
        if unit is not None:
            return unit, used
        # A negated compound verb: बर्दाश्त नहीं करेंगे is बर्दाश्त करना with नहीं inside.
        for j in range(i + 1, min(i + 4, len(keys) - 1)):
            if keys[j] in _NOT:
                # Only the words a phrase at i can reach (and the one after it) are spliced: a copy of the whole
                # sentence at every negation made one long sentence quadratic.
                reach = j + 2 + self.lex.max_len.get(keys[i], 1)
                unit, used = self._phrase_at(toks[i:j] + toks[j + 1 : reach], keys[i:j] + keys[j + 1 : reach], 0)
                if unit is not None and unit.cat == "V" and i + used > j:
                    unit.extra = [*unit.extra, "neg"]
                    unit.hindi = " ".join(toks[i : i + used + 1])
                    return unit, used + 1
                break
        return None, 1

    def _phrase_at(self, toks: list[str], keys: list[str], i: int) -> tuple[Unit | None, int]:
        longest = self.lex.max_len.get(keys[i], 1)
        for n in range(min(longest, len(toks) - i), 1, -1):
            span = keys[i : i + n]
            exact = self.lex.all(" ".join(span))
            if exact:
                entry = exact[0]
                return self.entry_unit(entry, " ".join(toks[i : i + n]), form="inf"), n
            # The last word of a phrase may be inflected: a compound verb (हस्ताक्षर किए) or a noun.
            last = span[-1]
            if last in _GENITIVE_LIKE and not _verb_context(keys, i + n):
                continue  # व्यापार की मात्रा: की is the genitive here, not a form of करना
            for inf, form, plural in verb_candidates(last):
                entry = self.lex.get(" ".join([*span[:-1], inf]), "v")
                if entry is not None and form.startswith("cop_") and entry.english not in _COPULA_PHRASES:
                    continue  # यह मुठभेड़ है is 'this is an encounter', not 'this encounters'
                if entry is not None:
                    return Unit("V", entry.english, " ".join(toks[i : i + n]), "v", lemma=entry.english, form=form,
                                plural=plural), n
            for suffix, replacements, plural in _NOUN_SUFFIXES:
                if last.endswith(suffix) and len(last) > len(suffix) + 1:
                    for rep in replacements:
                        entry = self.lex.get(" ".join([*span[:-1], last[: -len(suffix)] + rep]))
                        if entry is not None and entry.pos in ("n", "adj", "name"):
                            return self.entry_unit(entry, " ".join(toks[i : i + n]), plural=plural), n
        return None, 1

    def _number(self, toks: list[str], keys: list[str], i: int) -> tuple[Unit, int] | None:
        value = _num_value(toks[i])
        if value is None:
            value = NUMBER_WORDS.get(keys[i])
        if value is None or i + 1 >= len(toks) or keys[i + 1] not in _SCALE_KEYS:
            return None
        used = 2
        value *= _SCALE_KEYS[keys[i + 1]]
        # 2 लाख करोड़, 5 हजार करोड़: scale words side by side multiply.
        while i + used < len(toks) and keys[i + used] in _SCALE_KEYS:
            value *= _SCALE_KEYS[keys[i + used]]
            used += 1
        # 1 लाख 20 हजार, 10 अरब 50 करोड़ ...
        while i + used + 1 < len(toks) and keys[i + used + 1] in _SCALE_KEYS:
            more = _num_value(toks[i + used])
            if more is None:
                more = NUMBER_WORDS.get(keys[i + used])
            if more is None:
                break
            value += more * _SCALE_KEYS[keys[i + used + 1]]
            used += 2
            while i + used < len(toks) and keys[i + used] in _SCALE_KEYS:
                value *= _SCALE_KEYS[keys[i + used]]  # 1 लाख 20 हजार करोड़: the last scale takes the whole sum
                used += 1
        return Unit("N", format_number(value), " ".join(toks[i : i + used]), "num", plural=True), used

    def _article(self, units: list[Unit]) -> list[Unit]:
        """एक before a noun is the indefinite article; a noun after a number above one is plural."""
        for i, unit in enumerate(units):
            k = key(unit.hindi)
            if k in ("कोई", "किसी") and (i + 1 >= len(units) or units[i + 1].cat != "N"):
                unit.en = "someone"
            if k == "क्या" and i > 0 and key(units[i - 1].hindi) == "कि":
                unit.en = "whether"
            elif k == "क्या" and _yes_no_question(units, i):
                unit.en, unit.cat = "", "DROP"  # क्या आपको बुखार है? asks yes or no: no "what" in English
            if k in _COMPASS and i + 1 < len(units) and units[i + 1].pos in ("name", "unk"):
                unit.en, unit.pos = _COMPASS[k], "adj"  # उत्तर प्रदेश is a name; उत्तर बिहार is North Bihar
        for i, unit in enumerate(units[:-1]):
            nxt = units[i + 1]
            after = nxt
            j = i + 1
            while j + 1 < len(units) and (units[j].en == "," or units[j].cat == "CONJ" and units[j].en == "and"):
                j += 1  # धार्मिक, सांस्कृतिक, राजनयिक और सुरक्षा मामले: a list of modifiers
                after = units[j]
            if unit.attr and unit.cat == "N" and after.cat == "N" and after.pos in ("n", "adj"):
                # सुरक्षा मामले → security matters: a noun before a noun modifies it.
                unit.en, unit.pos = unit.attr, "adj"
            if (
                (unit.pos == "num" or unit.pos == "det" and key(unit.hindi) in _PLURAL_DETERMINERS)
                and nxt.cat == "N"
                and nxt.pos == "n"
                and not nxt.plural
                and not nxt.en.endswith("s")
                and nxt.en not in _COUNT_WORDS
            ):
                value = _num_value(unit.en.split(" ")[0].lstrip("₹$€£¥")) or NUMBER_WORDS.get(key(unit.hindi))
                if (
                    (value and value > 1)
                    or unit.en.endswith(("million", "billion", "trillion"))
                    or key(unit.hindi) in _PLURAL_DETERMINERS
                ):
                    nxt.en = eng.plural(nxt.en)
                    nxt.plural = True
            if (
                key(unit.hindi) in _DEMONSTRATIVES
                and nxt.cat == "N"
                and (
                    nxt.pos == "n"
                    or (nxt.pos in ("adj", "num") and i + 2 < len(units) and units[i + 2].cat == "N"
                        and units[i + 2].pos == "n")
                )
                and not key(nxt.hindi).endswith("ों")  # वह बच्चों को: an oblique noun is not "that children"
            ):
                unit.en, unit.pos = _DEMONSTRATIVES[key(unit.hindi)], "det"
                if key(unit.hindi) in _PLURAL_DEMONSTRATIVES and nxt.pos == "n" and not nxt.plural:
                    nxt.en = eng.plural(nxt.en)
                    nxt.plural = True
            if key(unit.hindi) == _ANY and nxt.cat == "V" and "neg" in nxt.extra:
                # कोई बदलाव नहीं किया: the noun went into the compound verb ("did not change"); कोई has nothing left
                # to qualify.
                unit.en, unit.cat = "", "DROP"
            if key(unit.hindi) in _ORDINALS and nxt.cat == "N" and nxt.pos in ("n", "adj") and not (
                key(unit.hindi) in _ORDINAL_SINGULAR_ONLY and nxt.plural
            ):
                unit.en, unit.pos, unit.cat = _ORDINALS[key(unit.hindi)], "num", "N"
            if key(unit.hindi) == "एक" and units[i + 1].cat == "N" and units[i + 1].pos in ("n", "adj", "unk"):
                nxt = units[i + 1].en.lstrip()
                unit.en = "an" if nxt[:1].lower() in "aeiou" and nxt else "a"
        return units


_COPULA_PHRASES = word_class("copula_verb")
_HONA_FORMS = {"हो", "हुआ", "हुई", "हुए", "हुये", "होगा", "होगी", "होंगे", "होता", "होती", "होते", "होने", "होना", "हों"}
_ORDINAL_DIGITS = re.compile(r"^(\d+)(?:वां|वीं|वें|वा|वी|वे)$")


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


_COMPASS = {"उत्तर": "North", "दक्षिण": "South", "पूर्व": "East", "पश्चिम": "West", "पूर्वी": "eastern",
            "पश्चिमी": "western", "उत्तरी": "northern", "दक्षिणी": "southern"}
_COUNT_WORDS = {"million", "billion", "trillion", "thousand", "hundred", "lakh", "crore", "percent", "dozen", "times", "per cent"}
_DEMONSTRATIVES = {"यह": "this", "वह": "that", "ये": "these", "वे": "those", "वो": "that"}
_ORDINALS = {"पहले": "first", "पहली": "first", "पहला": "first", "अगले": "next", "पिछले": "last", "कोई": "any",
             # दूसरा/दूसरी before one noun count (दूसरा अनुच्छेद: the second paragraph); दूसरे stays 'other'.
             "दूसरा": "second", "दूसरी": "second", "तीसरा": "third", "तीसरी": "third"}
# कई देश → several countries: determiners that count more than one.
_PLURAL_DETERMINERS = {key(w) for w in ("कई", "अनेक", "दोनों", "विभिन्न", "तमाम", "सभी", "सारे")}
# Demonstratives that make the noun after them plural (ये लक्षण these symptoms: the direct plural is unmarked).
_PLURAL_DEMONSTRATIVES = {key(w) for w in ("ये", "वे")}
_ORDINAL_SINGULAR_ONLY = {"दूसरा", "दूसरी", "तीसरा", "तीसरी"}
_GENITIVE_LIKE = {"की", "के", "का", "कर", "ली", "लिए", "दी"}
_CLAUSE_WORDS = {"और", "लेकिन", "कि", "तो", "तथा", "पर", "जबकि", "क्योंकि", "नहीं", "भी", "ही", "जा", "जाए", "जाएं",
                 "जाता", "जाती", "जाते", "जाएगा", "जाएगी", "जाएंगे", "गया", "गई", "गए", "गये", "रहा", "रही", "रहे",
                 "सकता", "सकती", "सकते", "चुका", "चुकी", "चुके", "जाने", "जाना", "हुए", "थे", "थी", "था", "है",
                 "हैं", "हो", "होगा", "होगी", "होंगे", "गयी", "ताकि", "जिससे", "जो", "एवं", "व", "या",
                 # light verbs after a stem (विकसित कर ली, बंद कर दिया)
                 "दिया", "दी", "दिए", "दिये", "दें", "देगा", "देगी", "देंगे", "देते", "देता", "देती", "दे", "देने",
                 "लिया", "ली", "लिए", "लिये", "लें", "लेगा", "लेगी", "लेंगे", "लेते", "लेता", "लेती", "ले", "लेने",
                 "डाला", "डाली", "डाले", "पाया", "पाई", "पाए", "पाते", "पाता", "पाती", "पाएंगे", "पाएगा"}


# करना's past forms that are also genitives (की, के), what may follow a verb and never a genitive, negation.
_DID = frozenset(key(w) for w in ("की", "कीं", "किए", "किये"))
_AFTER_VERB = frozenset(key(w) for w in ("है", "हैं", "था", "थी", "थे", "थीं", "गई", "गया", "गए", "गयी", "जाएगी",
                                          "जाएंगी", "जाएंगे", "जा", "जाती", "जाते", "जानी", "जाने"))
_NOT = frozenset(key(w) for w in ("नहीं", "न", "नही"))
_ANY = key("कोई")
_QUESTION_WORDS = frozenset(key(w) for w in ("कौन", "कब", "कहां", "कहाँ", "कैसे", "क्यों", "कितना", "कितने", "कितनी",
                                              "किसने", "किसे", "किसको", "किसका", "किसकी", "किसके", "कौनसा", "कौनसी"))


def _yes_no_question(units: Sequence[Unit], i: int) -> bool:
    """Whether क्या at ``i`` opens a yes-no question: first in the sentence (or after और/तो), the sentence ends in
    "?", it has no other question word, and what follows is not a verb (क्या हुआ? is "what happened?")."""
    before = [u for u in units[:i] if u.cat != "PUNCT"]
    if any(key(u.hindi) not in ("और", "तो") for u in before):
        return False
    if i + 1 >= len(units) or units[i + 1].cat in ("V", "AUX", "PUNCT") or not units[-1].en.endswith("?"):
        return False
    return not any(key(u.hindi) in _QUESTION_WORDS for u in units[i + 1 :])


def _ends_verb_group(keys: Sequence[str], j: int, auxiliary: bool = True) -> bool:
    """Whether position ``j`` ends a clause (the sentence's end, punctuation) or, with ``auxiliary``, carries on a
    verb group (है, गई): what may follow a verb and never follows a genitive."""
    return j >= len(keys) or auxiliary and keys[j] in _AFTER_VERB or not any(ch.isalnum() for ch in keys[j])


def _verb_context(keys: list[str], j: int) -> bool:
    """Whether position ``j`` (just after a possible verb) looks like the end of a verb group."""
    if j >= len(keys):
        return True
    nxt = keys[j]
    return nxt in _CLAUSE_WORDS or not any(ch.isalnum() for ch in nxt)


_VARIANTS = (("ये", "ए"), ("यी", "ई"), ("यें", "एं"), ("ए", "ये"), ("ई", "यी"), ("एं", "यें"), ("ु", "ू"), ("ू", "ु"),
             ("ि", "ी"), ("ी", "ि"), ("त्त", "त"))


def _spelling_variants(k: str) -> list[str]:
    """Other common spellings of a word (नये ~ नए, गयी ~ गई, शुरु ~ शुरू, जरुरी ~ जरूरी)."""
    out = []
    if k.endswith("ो") and len(k) > 2:
        out.append(k + "ं")  # संबंधो ~ संबंधों: a dropped anusvara on the oblique plural
    for old, new in _VARIANTS:
        if old in k:
            variant = k.replace(old, new)
            if variant != k and variant not in out:
                out.append(variant)
    return out


_CURRENCY_SIGNS = {"₹", "$", "€", "£", "¥"}
_DEICTIC_DAYS = {key("कल"): ("yesterday", "tomorrow"),
                 key("परसों"): ("the day before yesterday", "the day after tomorrow")}
_AGO_LATER = {key("पहले"), key("बाद")}
_TIME_UNITS = {key(k): v for k, v in {
    "दिन": ("day", "days"), "दिनों": ("day", "days"), "साल": ("year", "years"), "सालों": ("year", "years"),
    "वर्ष": ("year", "years"), "वर्षों": ("year", "years"), "बरस": ("year", "years"), "बरसों": ("year", "years"),
    "महीना": ("month", "months"), "महीने": ("month", "months"), "महीनों": ("month", "months"),
    "माह": ("month", "months"), "हफ्ता": ("week", "weeks"), "हफ्ते": ("week", "weeks"), "हफ्तों": ("week", "weeks"),
    "सप्ताह": ("week", "weeks"), "सप्ताहों": ("week", "weeks"), "घंटा": ("hour", "hours"), "घंटे": ("hour", "hours"),
    "घंटों": ("hour", "hours"), "मिनट": ("minute", "minutes"), "मिनटों": ("minute", "minutes"),
    "दशक": ("decade", "decades"), "दशकों": ("decade", "decades"), "सदी": ("century", "centuries"),
    "सदियों": ("century", "centuries"), "शताब्दी": ("century", "centuries"),
}.items()}
_QUANTIFIERS = {key("कई"): "several", key("कुछ"): "a few", key("अनेक"): "many"}


def _time_amount(toks: list[str], keys: list[str], i: int, analyser: Analyser) -> tuple[str, float | None, int]:
    """The quantity opening a span of time at ``i``: (English, value or None, tokens used)."""
    if keys[i] in _QUANTIFIERS:
        return _QUANTIFIERS[keys[i]], None, 1
    if keys[i] == key("एक"):
        return "a", 1, 1
    scaled = analyser._number(toks, keys, i)
    if scaled is not None:
        unit, used = scaled
        return unit.en, 1e9, used
    value = _num_value(toks[i]) if _DIGITS.match(to_ascii_digits(toks[i])) else NUMBER_WORDS.get(keys[i])
    if value is None:
        return "", None, 0
    english = _format_plain(toks[i]) if _DIGITS.match(to_ascii_digits(toks[i])) else english_number_word(value)
    return english, value, 1


_PERFECTIVE_ENDINGS = ("ा", "ी", "े", "ीं", "या", "ई", "ए", "ईं")


def _unit_tense(units: Sequence[Unit]) -> int:
    """-1 past, +1 future, 0 unknown: the tense of the first verb or auxiliary among ``units``."""
    for unit in units:
        if unit.cat == "PUNCT" and unit.en in (".", "?", "!"):
            break
        k = key(unit.hindi)
        if unit.cat == "V" and unit.form == "fut" or k in AUX_FUTURE:
            return 1
        if unit.cat == "V" and unit.form == "perf" or k in AUX_PAST:
            return -1
        if unit.cat == "V" and unit.form == "stem" and k.endswith(_PERFECTIVE_ENDINGS) and (
            unit is units[-1] or units[units.index(unit) + 1].cat == "PUNCT"
        ):
            return -1  # वह लौटा: a clause-final -आ/-ई/-ए form is a perfective, whatever else it could be
    return 0


def _is_word(tok: str) -> bool:
    return any(ch.isalnum() for ch in tok)


# Characters that mark a run of text as markup or code rather than prose (<b>, a&b, x=1, a/b).
_MARKUP_CHARS = set("<>&=\\@#_{}|~^*`")
_FOREIGN = re.compile(r"[^\W\d\u0900-\u097f]|[<>&=\\@#_{}|~^*`]")
_EDGE_PUNCT = ".,;:!?'\"“”‘’()[]।॥"


@dataclass(frozen=True)
class Verbatim:
    """A run of Latin text or markup, and whether it touched its neighbours without a space."""

    text: str
    glue_left: bool = False
    glue_right: bool = False


def _is_devanagari(ch: str) -> bool:
    return "\u0900" <= ch <= "\u097f" and ch not in "\u0964\u0965"


def _sentence_tokens(sentence: str) -> tuple[list[str], dict[int, Verbatim]]:
    """Tokens of the sentence, and by token index each run of Latin text or markup, kept whole."""
    if not _FOREIGN.search(sentence):
        return _merge_number_tokens(sentence), {}
    pieces: list[tuple[int, int, bool]] = []  # (start, end, verbatim)
    for match in re.finditer(r"\S+", sentence):
        word, base = match.group(), match.start()
        for run in re.finditer(r"[^\u0900-\u0963\u0966-\u097f]+|[\u0900-\u0963\u0966-\u097f]+", word):
            text = run.group()
            if _is_devanagari(text[0]):
                pieces.append((base + run.start(), base + run.end(), False))
                continue
            lead = len(text) - len(text.lstrip(_EDGE_PUNCT))
            core = text.strip(_EDGE_PUNCT)
            trail = len(text) - lead - len(core)
            joined = core.startswith("-") or core.endswith("-")  # ACE2-व्यक्त: one hyphenated word
            if core and not joined and (any(ch.isalpha() for ch in core) or any(ch in _MARKUP_CHARS for ch in core)):
                start = base + run.start()
                if lead:
                    pieces.append((start, start + lead, False))
                pieces.append((start + lead, start + lead + len(core), True))
                if trail:
                    pieces.append((start + lead + len(core), base + run.end(), False))
            else:
                pieces.append((base + run.start(), base + run.end(), False))
    toks: list[str] = []
    verbatim: dict[int, Verbatim] = {}
    plain: list[tuple[int, int]] = []

    def flush_plain() -> None:
        if plain:
            first, last = plain[0][0], plain[-1][1]
            toks.extend(_merge_number_tokens(sentence[first:last]))
            plain.clear()

    for n, (start, end, is_verbatim) in enumerate(pieces):
        if not is_verbatim:
            plain.append((start, end))
            continue
        flush_plain()
        text = sentence[start:end]
        # Glue only to a neighbouring word (<b>बोल्ड</b>); spacing around punctuation is render's job.
        left = bool(n) and pieces[n - 1][1] == start and _is_word(sentence[pieces[n - 1][0] : start])
        right = n + 1 < len(pieces) and pieces[n + 1][0] == end and _is_word(sentence[end : pieces[n + 1][1]])
        verbatim[len(toks)] = Verbatim(text, left, right)
        toks.append(text)
    flush_plain()
    return toks, verbatim


def _merge_number_tokens(sentence: str) -> list[str]:
    """Tokens of the sentence, with 1,20,000 and 2.5 kept whole."""
    out: list[tuple[int, int, str]] = []
    for start, end, tok in tokens(sentence):
        if out and tok in ",." and out[-1][1] == start and _DIGITS.match(to_ascii_digits(out[-1][2])):
            out.append((start, end, tok))
            continue
        if (
            len(out) >= 2
            and out[-1][2] in ",."
            and out[-1][1] == start
            and _DIGITS.match(to_ascii_digits(tok))
            and _DIGITS.match(to_ascii_digits(out[-2][2]))
        ):
            sep = out.pop()
            prev = out.pop()
            out.append((prev[0], end, prev[2] + sep[2] + tok))
            continue
        out.append((start, end, tok))
    return [t for _, _, t in out]


NameSpan = tuple[int, int, str]  # (start, end, label) of an entity mention in a sentence
# The labels whose words are read as a name rather than translated.
NAME_LABELS = ("PER", "LOC", "ORG")


def _named_tokens(sentence: str, toks: Sequence[str], spans: Sequence[NameSpan]) -> dict[int, tuple[int, str]]:
    """First token index → (end token index, label) of each span to read as a name.

    A person's name is read as a name whole, less the titles and honorifics around it (राष्ट्रपति, जी),
    which are glossed; a place or organisation only when it is one word (कमल नगर reads its parts, दिल्ली
    विकास प्राधिकरण is Delhi Development Authority).
    """
    offsets = []
    cursor = 0
    for tok in toks:
        found = sentence.find(tok, cursor)
        start = found if found >= 0 else cursor
        offsets.append((start, start + len(tok)))
        cursor = start + len(tok)
    out: dict[int, tuple[int, str]] = {}
    for start, end, label in spans:
        if label not in NAME_LABELS:
            continue
        inside = [n for n, (s, e) in enumerate(offsets) if s >= start and e <= end and _is_word(toks[n])]
        if not inside or inside != list(range(inside[0], inside[-1] + 1)):
            continue
        first, last = inside[0], inside[-1] + 1
        if label == "PER":
            first, last = _without_titles(toks, first, last)
        elif last - first > 1:
            continue
        if first < last:
            out[first] = (last, label)
    return out


def _without_titles(toks: Sequence[str], first: int, last: int) -> tuple[int, int]:
    """The token range of a person's name less its leading titles and trailing honorifics."""
    words = [name_key(t) for t in toks[first:last]]
    kept = strip_titles(words)
    lead = next((n for n in range(len(words) - len(kept) + 1) if words[n : n + len(kept)] == kept), 0)
    return first + lead, first + lead + len(kept)


_TITLE_WORDS = frozenset(name_key(t) for t in TITLES)
_AGENT_MARKS = frozenset(key(w) for w in ("ने", "जी"))
# How often (Zipf) English text must write a Hindi noun's romanisation to read it as a given name before a surname.
MIN_GIVEN_ZIPF = 2.3
# Words that stand before a name without being part of it (और राम शर्मा, के पिता रमेश कुमार).
_NOT_GIVEN = frozenset(key(w) for w in ("और", "तथा", "व", "एवं", "या", "के", "की", "का", "को", "से", "ने", "में",
                                        "पर", "पिता", "पुत्र", "बेटे", "बेटा", "बेटी", "पत्नी", "पति", "भाई", "बहन"))


@cache
def _name_words() -> dict[str, set[str]]:
    """Words that annotated news (HiNER) mostly tags as names, with the types it gives them."""
    return read_soft_gazetteer()


# Plurals a loanword takes in Hindi and what its singular ends in instead (मैनेजरों managers, टीमें teams,
# कंपनियों companies).
_LOAN_PLURALS = (("ों", ""), ("ओं", ""), ("ें", ""), ("एं", ""), ("ियों", "ी"), ("ियां", "ी"))


def _english_unit(surface: str, k: str) -> Unit | None:
    """An unknown word that is an acronym (डीसीपी DCP) or an English word in Devanagari (मैनेजर manager)."""
    caps = acronym(surface)
    if caps:
        return Unit("N", caps, surface, "name", name="NAME")
    for suffix, ending in (("", ""), *_LOAN_PLURALS):
        if suffix and not (k.endswith(suffix) and len(k) > len(suffix) + 2):
            continue
        english = loanword(k[: len(k) - len(suffix)] + ending, unknown=True)
        if english is None:
            continue
        if english[:1].isupper():
            return Unit("N", english, surface, "name", name="NAME")
        return Unit("N", eng.plural(english) if suffix else english, surface, "n", plural=bool(suffix))
    return None


def _transliterate(word: str) -> str:
    """An unknown word as English would spell it were it a name (most are: श्रीहरिकोटा Sriharikota), else read
    out letter by letter."""
    try:
        usual = usual_name_spelling(word)
        return usual[0] if usual else transliterate(word)
    except Exception:  # noqa: BLE001 - a gloss without the transliterator still shows the word
        return word


_AFTER_STEM = {*PROGRESSIVE, *CAN, *ALREADY, "गया", "गई", "गए", "गये", "जाएगा", "जाएगी", "जाएंगे", "जाता", "जाती",
               "जाते", "जाए", "जाएं", "चुका", "पाया", "पाए", "पाता", "पाते"}


def _tense_of(k: str) -> tuple[str, bool]:
    if k in AUX_PRESENT:
        return "pres", AUX_PRESENT[k]
    if k in AUX_PAST:
        return "past", AUX_PAST[k]
    return "fut", AUX_FUTURE[k]


def _verb_inf(unit: Unit) -> str:
    k = key(unit.hindi.split(" ")[-1])
    if k in _IRREGULAR_FORMS:
        return _IRREGULAR_FORMS[k][0]
    for suffix, _ in _VERB_SUFFIXES:
        if k.endswith(suffix):
            stem = k[: -len(suffix)]
            for s in (stem, stem + "ा"):
                if s + "ना" in (*LIGHT_VERBS, "जाना", "पाना"):
                    return s + "ना"
    if k + "ना" in (*LIGHT_VERBS, "जाना", "पाना"):
        return k + "ना"
    return ""
