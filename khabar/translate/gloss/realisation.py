"""Stage 3 of the gloss, realisation: English output (verb forms, articles, subject agreement, punctuation and
capitals)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from khabar.translate import english as eng
from khabar.translate.gloss.morphology import Unit, Verbatim

# Verb groups ------------------------------------------------------------------------------------------------

_AUX_WORDS = ("is", "are", "am", "was", "were", "has", "have", "had", "will", "can", "could", "should", "would",
              "may", "must")


def _be(tense: str, plural: bool) -> str:
    if tense == "past":
        return "were" if plural else "was"
    if tense == "fut":
        return "will be"
    return "are" if plural else "is"


def render_verb(lemma: str, form: str, *, tense: str = "", aspect: str = "", voice: str = "", modal: str = "",
                plural: bool = False, already: bool = False, negative: bool = False) -> str:
    """English for a Hindi verb group described by its features."""
    if lemma.startswith("be ") and not voice:
        # शहीद होना 'be martyred', घायल होना 'be injured': inflect be, keep the complement.
        head = render_verb("be", form, tense=tense, aspect=aspect, modal=modal, plural=plural, already=already,
                           negative=negative)
        return f"{head} {lemma[3:]}"
    base = lemma
    aspect = aspect or {"perf": "perf", "impf": "impf", "inf": "inf", "inf_obl": "inf_obl", "conj": "conj",
                        "fut": "", "subj": "subj", "imp": "imp", "stem": ""}.get(form, "")
    if form == "fut":
        tense = "fut"
    if base == "be" and not voice and not modal and aspect in ("", "perf", "impf", "subj"):
        if aspect == "perf" and not tense:
            tense = "past"
        out = _be(tense or "pres", plural)
        if aspect == "perf" and tense == "pres":
            out = "have been" if plural else "has been"
        return _negate(out, negative)
    if voice == "pass":
        pp = eng.participle(base)
        if modal == "can":
            out = f"{'could' if tense == 'past' else 'can'} be {pp}"
        elif aspect == "prog":
            out = f"{_be(tense or 'pres', plural)} being {pp}"
        elif aspect == "perf":
            out = {"pres": f"{'have' if plural else 'has'} been {pp}", "past": f"had been {pp}",
                   "fut": f"will have been {pp}"}.get(tense, f"{_be('past', plural)} {pp}")
        elif aspect in ("inf", "inf_obl"):
            out = f"to be {pp}"
        elif aspect == "subj":
            out = f"should be {pp}"
        else:
            out = f"{_be(tense or 'pres', plural)} {pp}"
        return _negate(out, negative)
    if modal == "can":
        out = {"past": f"could {base}", "fut": f"will be able to {base}"}.get(tense, f"can {base}")
        if aspect == "perf" and not tense:
            out = f"could {base}"
        return _negate(out, negative)
    if modal in ("must-pres", "must-past", "must-fut"):
        return _negate(f"{_have(modal.removeprefix('must-'), plural)} to {base}", negative)
    if modal == "should":
        return _negate(f"should {base}", negative)
    if aspect == "prog":
        if tense == "fut":
            return _negate(f"will be {eng.gerund(base)}", negative)
        if tense == "past":
            return _negate(f"{_be('past', plural)} {eng.gerund(base)}", negative)
        if tense == "pres":
            return _negate(f"{_be('pres', plural)} {eng.gerund(base)}", negative)
        return _negate(eng.gerund(base), negative)
    if aspect == "perf":
        adv = "already " if already else ""
        if tense in _HAVE:
            return _negate(f"{_have(tense, plural)} {adv}{eng.participle(base)}", negative)
        if negative:
            return f"did not {base}"
        return (adv + eng.past(base)) if not already else f"{'have' if plural else 'has'} already {eng.participle(base)}"
    if tense == "fut":
        return _negate(f"will {base}", negative)
    if aspect == "impf":
        if tense == "past":
            return f"did not {base}" if negative else eng.past(base)
        if tense == "pres" or not tense:
            if negative:
                return f"{'do' if plural else 'does'} not {base}"
            return base if plural else eng.third_person(base)
    if aspect == "hue":
        return _negate(eng.gerund(base), negative)
    if aspect == "inf":
        if tense in _HAVE:
            return _negate(f"{_have(tense, plural)} to {base}", negative)
        return _negate(f"to {base}", negative)
    if aspect in ("inf_obl", "conj"):
        return _negate(eng.gerund(base), negative)
    if tense == "pres":
        return _negate(base if plural else eng.third_person(base), negative)
    if tense == "past":
        return f"did not {base}" if negative else eng.past(base)
    return _negate(base, negative)


_HAVE = {"pres": ("have", "has"), "past": ("had", "had"), "fut": ("will have", "will have")}


def _have(tense: str, plural: bool) -> str:
    """"have" in the tense: the auxiliary of the perfect and of obligation (has to, had to, will have to)."""
    many, one = _HAVE[tense]
    return many if plural else one


def _negate(english: str, negative: bool) -> str:
    if not negative:
        return english
    words = english.split(" ")
    if words[0] in _AUX_WORDS:
        if words[0] == "can":
            return "cannot " + " ".join(words[1:])
        return " ".join([words[0], "not", *words[1:]])
    return "not " + english

@dataclass
class Chunk:
    """A phrase of the English gloss: NP, PP, VG or OTHER."""

    kind: str
    en: str
    subject: bool = False  # an NP marked with ने
    finite: bool = False
    attached: bool = False  # an object already placed after its verb
    lemma: str = ""
    passive: bool = False
    dative: bool = False  # a को-phrase
    intransitive: bool = False  # a verb of happening (हुआ, शुरू हो गया): its subject stands just before it

ARTICLES = True
_NO_ARTICLE_AFTER = {"the", "a", "an", "this", "that", "these", "those", "some", "any", "no", "every", "each", "all",
                     "both", "several", "many", "most", "more", "other", "another", "such", "which", "whose"}


def _looks_plural(english: str) -> bool:
    word = english.split(" ")[-1].lower()
    if word in ("children", "people", "men", "women", "police", "data", "media"):
        return True
    return word.endswith("s") and not word.endswith(("ss", "us", "is", "ics", "news"))


def _np_text(np: list[Unit]) -> str:
    text = " ".join(u.en for u in np if u.en)
    if ARTICLES and np and text:
        first = np[0]
        head = next((u for u in np if u.pos not in ("adj",)), None)
        if (
            first.pos in ("n", "adj")
            and not any(u.pos in ("name", "unk") for u in np)
            and head is not None
            and head.pos == "n"
            and head.en.split(" ")[-1] not in eng.UNCOUNTABLE
            and not head.plural
            and not _looks_plural(head.en)
            and text.split(" ")[0].lower() not in _NO_ARTICLE_AFTER
            and not text[:1].isupper()
        ):
            text = "the " + text
    return text

def replace_chunk(chunk: Chunk, **changes) -> Chunk:
    """A copy of ``chunk`` with ``changes``."""
    return Chunk(**{**chunk.__dict__, **changes})


_PLURAL_SUBJECT = re.compile(
    r"(?:\band\b|^(?:both|these|those|all|many|several|some|we|they)\b|[^suiy']s$|\b(?:people|children|men|women|police)$)",
    re.I,
)
_SINGULAR_AUX = {"have": "has", "are": "is", "were": "was"}
_PLURAL_AUX = {v: k for k, v in _SINGULAR_AUX.items()}


def _base_of(verb: str) -> str:
    """wants → want, goes → go (for I and you)."""
    if verb.endswith("ies"):
        return verb[:-3] + "y"
    if verb.endswith(("ches", "shes", "sses", "xes", "oes")):
        return verb[:-2]
    return verb[:-1]


def _agree(verb: str, subject: Chunk) -> str:
    """Make the first auxiliary of ``verb`` agree with an English subject (cheaply)."""
    words = verb.split(" ")
    plural = bool(_PLURAL_SUBJECT.search(subject.en.strip()))
    who = subject.en.strip().lower()
    if who in ("i", "you"):
        table = {"i": {"are": "am", "is": "am", "were": "was", "has": "have"},
                 "you": {"is": "are", "am": "are", "was": "were", "has": "have"}}[who]
        words[0] = table.get(words[0], words[0])
        if len(words) == 1 and words[0].endswith("s") and not words[0].endswith("ss") and words[0] not in _AUX_WORDS:
            words[0] = _base_of(words[0])
        return " ".join(words)
    table = _PLURAL_AUX if plural else _SINGULAR_AUX
    if words and words[0] in table and (plural or subject.subject):
        words[0] = table[words[0]]
    elif (
        plural
        and len(words) == 1
        and words[0].endswith("s")
        and not words[0].endswith("ss")
        and words[0] not in _AUX_WORDS
    ):
        words[0] = _base_of(words[0])  # colleagues knows → know
    return " ".join(words)


def render(chunks: list[Chunk], verbatim: Sequence[Verbatim] = ()) -> str:
    """Join chunks into an English sentence with tidy spacing and a capital first letter.

    ``verbatim`` runs (Latin words, markup) get back the spacing they had and never change case.
    """
    text = " ".join(c.en for c in chunks if c.en)
    text = re.sub(r"\s+([.,;:!?)\]”’])", r"\1", text)
    text = re.sub(r"([(\[“‘])\s+", r"\1", text)
    text = re.sub(r"\s{2,}", " ", text).strip()
    cursor = 0
    for run in verbatim:
        at = text.find(run.text, cursor)
        if at < 0:
            at = text.find(run.text)
        if at < 0:
            continue
        end = at + len(run.text)
        if run.glue_right and text[end : end + 1] == " ":
            text = text[:end] + text[end + 1 :]
        if run.glue_left and at and text[at - 1] == " ":
            text = text[: at - 1] + text[at:]
            at, end = at - 1, end - 1
        cursor = end
    i = 0
    while i < len(text):
        run = next((r for r in verbatim if text.startswith(r.text, i)), None)
        if run is not None:
            if not _is_markup(run.text):
                break  # the sentence opens with a Latin word: it keeps its own case
            i += len(run.text)
            continue
        ch = text[i]
        if ch.isalpha():
            text = text[:i] + ch.upper() + text[i + 1 :]
            break
        if ch.isdigit():
            break
        i += 1
    return text


def _is_markup(text: str) -> bool:
    """A tag or entity (<b>, </p>, &amp;): no word of the sentence."""
    return bool(re.fullmatch(r"(?:<[^<>]*>|&#?\w+;)+", text))
