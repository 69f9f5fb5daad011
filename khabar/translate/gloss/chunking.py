"""Stage 2 of the gloss, chunking: verb groups built from verbs and auxiliaries, then chunks built and
reordered into English order by small named rules."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from babel.dates import get_day_names, get_month_names

from khabar.translate import english as eng
from khabar.translate.gloss.morphology import (
    _AFTER_STEM,
    _HONA_FORMS,
    ALREADY,
    AUX_FUTURE,
    AUX_PAST,
    AUX_PRESENT,
    CAN,
    LIGHT_VERBS,
    MUST,
    PASSIVE_FORMS,
    PROGRESSIVE,
    SHOULD,
    Unit,
    _tense_of,
    _verb_inf,
)
from khabar.translate.gloss.realisation import Chunk, _agree, _np_text, render_verb, replace_chunk
from khabar.translate.lexicon import key, word_class


def build_verb_groups(units: list[Unit]) -> list[Unit]:
    """Merge each verb with its auxiliaries (and a preceding नहीं) into one verb-group Unit."""
    out: list[Unit] = []
    i = 0
    while i < len(units):
        unit = units[i]
        k = key(unit.hindi) if unit.hindi else ""
        lone_aux = unit.cat in ("AUX", "N", "V", "DROP") and (k in AUX_PRESENT or k in AUX_PAST or k in AUX_FUTURE)
        if lone_aux and k == "हो" and i + 1 < len(units) and key(units[i + 1].hindi) in _AFTER_STEM:
            lone_aux = False  # हो सकता है, हो गया, हो रहा: the stem of होना
        if unit.cat != "V" and not lone_aux:
            out.append(unit)
            i += 1
            continue
        if lone_aux:
            lemma, form = "be", ""
        else:
            lemma, form = unit.lemma, unit.form
        plural = unit.plural
        feats = {"tense": "", "aspect": "", "voice": "", "modal": "", "already": False}
        if form.startswith("cop_"):
            feats["tense"] = "pres" if form == "cop_pres" else "past"
            form = "stem"
        if lone_aux:
            feats["tense"], plural = _tense_of(k)
        j = i + 1
        while j < len(units):
            nk = key(units[j].hindi) if units[j].hindi else ""
            if units[j].cat == "PUNCT":
                break
            if nk in AUX_PRESENT or nk in AUX_PAST or nk in AUX_FUTURE:
                if feats["tense"]:
                    break
                feats["tense"], plural = _tense_of(nk)
                if feats["modal"].startswith("must") or (form == "inf" and not feats["modal"]):
                    feats["modal"] = "must-" + feats["tense"]
            elif nk in PROGRESSIVE and form in ("stem", "") and not feats["aspect"]:
                feats["aspect"] = "prog"
                plural = PROGRESSIVE[nk]
            elif nk in CAN and form in ("stem",) and not feats["modal"]:
                feats["modal"] = "can"
                can_form, plural = CAN[nk]
                if can_form == "perf":
                    feats["tense"] = "past"
                elif can_form == "fut":
                    feats["tense"] = "fut"
            elif units[j].cat == "V" and form == "stem" and _verb_inf(units[j]) == "पाना" and not feats["modal"]:
                # जा पा रहे हैं, कर पाया: पाना after a stem is 'be able to'
                feats["modal"] = "can"
                pform = units[j].form
                plural = units[j].plural
                if pform == "perf":
                    feats["tense"] = "past"
                elif pform == "fut":
                    feats["tense"] = "fut"
            elif nk in PROGRESSIVE and feats["modal"] == "can":
                pass  # पा रहे हैं: still 'can'
            elif nk in ALREADY and form == "stem":
                feats["aspect"] = "perf"
                feats["already"] = True
                plural = ALREADY[nk]
            elif nk in SHOULD and form in ("inf", "stem", "perf"):
                feats["modal"] = "should"
            elif nk in MUST and form in ("inf", "inf_obl"):
                feats["modal"] = "must-" + MUST[nk]
            elif units[j].cat == "V" and units[j].hindi and _verb_inf(units[j]) in PASSIVE_FORMS and form in (
                "perf",) and not feats["voice"]:
                feats["voice"] = "pass"
                form2 = units[j].form
                plural = units[j].plural
                feats["aspect"] = {"perf": "perf", "impf": "simple", "stem": "", "fut": "simple", "inf": "inf",
                                   "inf_obl": "inf", "subj": "subj"}.get(form2, "simple")
                if form2 == "fut":
                    feats["tense"] = "fut"
                if form2 == "perf":
                    feats["aspect"] = "perf"
            elif units[j].cat == "V" and form == "stem" and (_verb_inf(units[j]) in LIGHT_VERBS | {"जाना"}):
                # A compound verb (उठा लिया, चला गया): the light verb carries the tense, the first the meaning.
                form = units[j].form if units[j].form != "stem" else "stem"
                plural = units[j].plural
            elif nk == "हुए" and form == "impf":
                feats["aspect"] = "hue"
            elif nk in ("कर", "के") and form == "stem":
                form = "conj"
            else:
                break
            j += 1
        negative = bool(out) and out[-1].cat == "NEG"
        if negative:
            out.pop()
        negative = negative or "neg" in unit.extra
        english = render_verb(
            lemma, form, tense=feats["tense"], aspect=feats["aspect"], voice=feats["voice"], modal=feats["modal"],
            plural=plural, already=feats["already"], negative=negative,
        )
        hindi = " ".join(u.hindi for u in units[i:j])
        out.append(Unit("VG", english, hindi, "v", lemma=lemma, form=form, plural=plural,
                        extra=[feats["tense"] or "", feats["modal"], feats["voice"]]))
        i = j
    return out


# Reordering -------------------------------------------------------------------------------------------------

# English weekday and month names (CLDR, through Babel): a को-phrase ending in one is "on" (सोमवार को → on Monday).
_WEEKDAYS = frozenset(get_day_names("wide", locale="en").values())
_MONTHS = frozenset(get_month_names("wide", locale="en").values())
_WITH_VERBS = word_class("with_verb")
_TITLE_WORDS = word_class("title")
_WALA = {"वाला", "वाली", "वाले", "वालों", "वालीं"}
_MODIFIER_POS = {"adj", "det", "num", "gen", "q"}
_CURRENCY_WORDS = word_class("currency")


def _is_money(np: list[Unit]) -> bool:
    """₹5 करोड़, 10 लाख रुपये: an amount of money."""
    return bool(np) and np[0].pos == "num" and (
        "money" in np[0].extra or (len(np) == 2 and np[1].en.lower() in _CURRENCY_WORDS)
    )


def _possessor_start(np: list[Unit]) -> int:
    """Where the possessor (the words before का/की/के) starts inside a run of noun-phrase words."""
    j = len(np) - 1
    last = np[j]
    if last.pos in ("name", "unk") and last.name in ("PER", "UNK", "NAME", "GIVEN", "SURNAME"):
        while j > 0 and np[j - 1].pos in ("name", "unk") and np[j - 1].name not in ("LOC", "ORG", "NORP"):
            j -= 1
        if j > 0 and (np[j - 1].en.lower() in _TITLE_WORDS or np[j - 1].pos == "n"):
            # कांग्रेस नेता राहुल गांधी, बीबीसी संवाददाता अल्ताफ़ हुसैन: a title before the name belongs to it.
            j -= 1
            while j > 0 and (
                (np[j - 1].pos in ("name", "unk") and np[j - 1].name in ("ORG", "UNK", "NAME"))
                or (np[j - 1].pos == "n" and np[j - 1].en[:1].isupper())
            ):
                j -= 1
    elif last.pos == "num":
        # 23 जनवरी 2020 तक: a date is one phrase.
        while j > 0 and np[j - 1].pos in ("num", "name") and (np[j - 1].pos == "num" or np[j - 1].en in _MONTHS):
            j -= 1
    elif last.pos == "n" and j > 1 and np[j - 1].pos == "n" and np[j - 2].pos in ("adj", "det", "gen"):
        # अपने साप्ताहिक रेडियो संदेश में: a modifier before two nouns makes them one phrase.
        j -= 1
    elif last.pos == "n" and j > 0 and np[j - 1].pos in ("name", "unk") and np[j - 1].name in ("LOC", "UNK", "NAME"):
        # A place before its noun (बलूचिस्तान प्रांत) stays with it; a common noun before the possessor is
        # usually the subject (पुलिस मामले की जांच), so the possessor stops there.
        j -= 1
    while j > 0 and np[j - 1].pos in _MODIFIER_POS:
        j -= 1
    if j > 1 and np[j - 1].pos == "conj":
        return _possessor_start(np[: j - 1])
    return j


def _head_end(units: list[Unit], start: int) -> int:
    """The end of the possessed noun phrase that starts at ``start`` (modifiers, then one noun)."""
    j = start
    while j < len(units) and units[j].cat == "N" and units[j].pos in _MODIFIER_POS:
        j += 1
    if j < len(units) and units[j].cat == "N":
        j += 1
        # ईरान के सिस्तान प्रांत: a name followed by its noun (province, district, city) is one head.
        if units[j - 1].pos in ("name", "unk") and j < len(units) and units[j].cat == "N" and units[j].pos == "n":
            j += 1
    return j


def _vg_chunk(unit: Unit) -> Chunk:
    finite = bool(unit.extra and unit.extra[0]) or unit.form in ("perf", "fut", "impf") or unit.lemma == "be"
    words = [key(w) for w in unit.hindi.split(" ")]
    intransitive = (unit.lemma == "be" and unit.form not in ("", "stem")) or any(w in _HONA_FORMS for w in words[1:2])
    if words and words[0] in _HONA_FORMS and unit.form not in ("", "stem"):
        intransitive = True
    return Chunk("VG", unit.en, finite=finite and unit.form not in ("inf_obl", "conj"), lemma=unit.lemma,
                 passive="pass" in unit.extra, intransitive=intransitive)

@dataclass
class ChunkState:
    """The chunker's work in progress: the units, the position, the chunks made so far and the open noun phrase.

    ``np`` holds the noun-phrase words collected so far; ``override`` is a phrase already written in English
    (Y of X) that stands for them.
    """

    units: list[Unit]
    i: int = 0
    chunks: list[Chunk] = field(default_factory=list)
    np: list[Unit] = field(default_factory=list)
    override: str | None = None

    @property
    def unit(self) -> Unit:
        """The unit at the current position."""
        return self.units[self.i]

    def after(self, n: int = 1) -> Unit | None:
        """The unit ``n`` places after the current one, if there is one."""
        j = self.i + n
        return self.units[j] if j < len(self.units) else None

    def has_np(self) -> bool:
        """Whether a noun phrase is open (words collected, or an English phrase standing for them)."""
        return bool(self.np) or self.override is not None

    def np_value(self) -> str:
        """The English of the open noun phrase."""
        return self.override if self.override is not None else _np_text(self.np)

    def take_np(self) -> str:
        """The English of the open noun phrase, which is closed."""
        text = self.np_value()
        self.np, self.override = [], None
        return text

    def flush(self) -> None:
        """Close the open noun phrase into an NP chunk."""
        if self.np or self.override:
            self.chunks.append(Chunk("NP", self.np_value()))
        self.np, self.override = [], None

    def add_before(self, before: list[Unit]) -> None:
        """The noun-phrase words before a possessor become a phrase of their own."""
        if before:
            self.chunks.append(Chunk("NP", _np_text(before)))


def article_opens_phrase(state: ChunkState) -> bool:
    """X एक गांव है: the numeral-article एक after a noun or adjective opens a new noun phrase."""
    unit = state.unit
    if unit.cat == "N" and state.np and key(unit.hindi) == "एक" and state.np[-1].pos in ("n", "name", "unk", "adj"):
        state.flush()
    return False


def pronoun_own_phrase(state: ChunkState) -> bool:
    """वह नेता है: a personal pronoun is a noun phrase of its own."""
    unit = state.unit
    if unit.cat == "N" and state.np and (unit.pos == "pron" or state.np[-1].pos == "pron"):
        state.flush()
    return False


def noun_joins_phrase(state: ChunkState) -> bool:
    """A noun-phrase word joins the open phrase; after a phrase written in English (Y of X) it starts a new one,
    unless a conjunction joins the two."""
    unit = state.unit
    if unit.cat != "N":
        return False
    if state.override is not None:
        if state.override and state.i > 0 and state.units[state.i - 1].cat == "CONJ":
            state.np, state.override = [Unit("N", state.override, pos="np")], None
        else:
            state.flush()
    state.np.append(unit)
    state.i += 1
    return True


def coordination(state: ChunkState) -> bool:
    """ईरान और पाकिस्तान: और/या or a comma between nouns makes one coordinated noun phrase, so a following
    postposition takes both."""
    unit, nxt = state.unit, state.after()
    if not (
        (unit.cat == "CONJ" and unit.en in ("and", "or") or unit.cat == "PUNCT" and unit.en == ",")
        and (state.np or state.override)
        and nxt is not None
        and nxt.cat == "N"
    ):
        return False
    if state.override is not None:
        state.np, state.override = [Unit("N", state.override, pos="np")], None
    if unit.en == ",":
        state.np[-1] = replace(state.np[-1], en=state.np[-1].en + ",")
        state.np.append(Unit("N", "", unit.hindi, "conj"))
    else:
        state.np.append(Unit("N", unit.en, unit.hindi, "conj"))
    state.i += 1
    return True


def _possessor(state: ChunkState) -> tuple[list[Unit], list[Unit], str]:
    """(the words before the possessor, the possessor's words, the possessor in English) of an open phrase."""
    if state.override is not None:
        return [], [], state.override
    start = _possessor_start(state.np)
    return state.np[:start], state.np[start:], _np_text(state.np[start:])


def _is_genitive(state: ChunkState) -> bool:
    return state.unit.cat == "GEN" and state.has_np()


def genitive_turned_round(state: ChunkState) -> bool:
    """X का Y → Y of X: the possessor is the last noun group before का; an amount measures its noun
    (₹5 करोड़ का जुर्माना → a fine of ₹50 million)."""
    if not _is_genitive(state):
        return False
    end = _head_end(state.units, state.i + 1)
    if end <= state.i + 1:
        return False
    before, possessor_words, possessor = _possessor(state)
    head = _np_text(state.units[state.i + 1 : end])
    if state.override is None and _is_money(possessor_words) and head.startswith("the "):
        head = ("an " if head[4:5].lower() in "aeiou" else "a ") + head[4:]
    state.add_before(before)
    state.np, state.override = [], f"{head} of {possessor}"
    state.i = end
    return True


def _compound_verb_after(state: ChunkState, n: int = 1) -> Unit | None:
    nxt = state.after(n)
    return nxt if nxt is not None and nxt.cat == "VG" and " " in nxt.hindi.strip() else None


def genitive_of_compound_verb(state: ChunkState) -> bool:
    """X का समर्थन करना → support X: the possessor of a noun+verb compound is its object; with होना it is the
    subject (X की मौत हो गई → X died); with आरोप लगाना it is what someone is accused of."""
    if not _is_genitive(state) or _compound_verb_after(state) is None:
        return False
    before, _, possessor = _possessor(state)
    state.add_before(before)
    state.np, state.override = [], None
    vg = state.units[state.i + 1]
    if key(vg.hindi.split(" ")[1]) in _HONA_FORMS:
        state.chunks.append(Chunk("NP", possessor))
        state.chunks.append(_vg_chunk(vg))
    elif vg.lemma == "accuse":
        _accuse(state, vg, f"of {possessor}")
    else:
        state.chunks.append(_vg_chunk(vg))
        state.chunks.append(Chunk("NP", possessor, attached=True))
    state.i += 2
    return True


def _drop_recent(chunks: list, target) -> None:
    """Remove ``target``, one of the last few chunks, found from the end by identity (``list.remove`` compares
    from the start, which made one long sentence quadratic)."""
    for k in range(len(chunks) - 1, -1, -1):
        if chunks[k] is target:
            del chunks[k]
            return


def _accuse(state: ChunkState, vg: Unit, charge: str) -> None:
    """सरकार पर भ्रष्टाचार का आरोप लगाया → accused the government of corruption: the पर-phrase is the accused."""
    chunks = state.chunks
    target = next((c for c in reversed(chunks[-3:]) if c.kind == "PP" and c.en.startswith("on ")), None)
    chunks.append(_vg_chunk(vg))
    if target is not None:
        _drop_recent(chunks, target)
        chunks.append(Chunk("NP", target.en[3:], attached=True))
    chunks.append(Chunk("NP", charge, attached=True))


def genitive_alone(state: ChunkState) -> bool:
    """X का with no noun after it → of X."""
    if not _is_genitive(state):
        return False
    before, _, possessor = _possessor(state)
    state.add_before(before)
    state.np, state.override = [], None
    state.chunks.append(Chunk("PP", f"of {possessor}"))
    state.i += 1
    return True


def postposition_to_preposition(state: ChunkState) -> bool:
    """पाकिस्तान में → in Pakistan; को before a day, month or date is "on" (सोमवार को → on Monday) and से before
    a verb of meeting is "with" (मंत्री से मुलाकात की → met with the minister)."""
    unit = state.unit
    if unit.cat not in ("P", "GEN") or not state.has_np():
        return False
    if state.override is None and state.np:
        start = _possessor_start(state.np)
        if start:
            state.chunks.append(Chunk("NP", _np_text(state.np[:start])))
            state.np = state.np[start:]
    last_word = (state.np[-1].en if state.np else (state.override or "")).split(" ")[-1]
    text = state.take_np()
    prep = unit.en
    k = key(unit.hindi)
    nxt = state.after()
    if k == "को" and (last_word in _WEEKDAYS or last_word in _MONTHS or last_word.isdigit()):
        prep = "on"
    elif k == "से" and nxt is not None and nxt.cat == "VG" and nxt.lemma in _WITH_VERBS:
        prep = "with"
    if prep:
        state.chunks.append(Chunk("PP", f"{prep} {text}", dative=k == "को" and prep == "to"))
    else:
        state.chunks.append(Chunk("NP", text))
    state.i += 1
    return True


def ergative_dropped(state: ChunkState) -> bool:
    """प्रधानमंत्री ने …: ने is dropped and the phrase before it is marked as the subject."""
    if state.unit.cat == "DROP" and key(state.unit.hindi) in ("ने",) and state.has_np():
        state.chunks.append(Chunk("NP", state.take_np(), subject=True))
        state.i += 1
        return True
    return False


def _oblique_infinitive(state: ChunkState) -> Unit | None:
    """The postposition after an oblique infinitive at the current position (करने के लिए, करने से)."""
    nxt = state.after()
    if state.unit.cat == "VG" and state.unit.form == "inf_obl" and nxt is not None and nxt.cat in ("P", "GEN"):
        return nxt
    return None


def agent_noun(state: ChunkState) -> bool:
    """लड़ने वाले → those fighting: an oblique infinitive with वाला is a noun."""
    unit, nxt = state.unit, state.after()
    if unit.cat == "VG" and unit.form == "inf_obl" and nxt is not None and key(nxt.hindi) in _WALA:
        state.np.append(Unit("N", f"those {eng.gerund(unit.lemma)}", unit.hindi, "n"))
        state.i += 2
        return True
    return False


def _infinitive_object(state: ChunkState) -> str:
    """The object of an oblique infinitive, placed after it in English (संबंध सुधारने के लिए → to improve
    relations), as " object" (or "" where it has none); the words it takes are removed from the state."""
    chunks = state.chunks
    obj = state.take_np() if state.has_np() else ""
    if (
        obj
        and len(chunks) >= 2
        and chunks[-1].kind == "NP"
        and not chunks[-1].subject
        and not chunks[-1].attached
        and chunks[-2].kind in ("NP", "PP")
    ):
        obj = f"{chunks.pop().en} {obj}"  # आय दोगुनी करने: both words are the verb's
    if not obj:
        # संबंधों को सुधारने के लिए → to improve relations: the को-object follows the verb in English.
        for back in (1, 2):
            if len(chunks) >= back and chunks[-back].kind == "PP" and chunks[-back].dative:
                moved = chunks.pop(-back)
                obj = moved.en[3:] + "".join(" " + c.en for c in chunks[len(chunks) - back + 1 :])
                del chunks[len(chunks) - back + 1 :]
                break
    return f" {obj}" if obj else ""


def infinitive_of_purpose(state: ChunkState) -> bool:
    """करने के लिए → to do: an oblique infinitive with के लिए is an English to-infinitive."""
    nxt = _oblique_infinitive(state)
    if nxt is None or nxt.en != "for":
        return False
    tail = _infinitive_object(state)
    state.chunks.append(Chunk("PP", f"to {state.unit.lemma}{tail}"))
    state.i += 2
    return True


def infinitive_possessor(state: ChunkState) -> bool:
    """मदद करने का फैसला → the decision of helping: an oblique infinitive before का and a noun is a gerund
    possessor."""
    nxt = _oblique_infinitive(state)
    if nxt is None or nxt.cat != "GEN" or _head_end(state.units, state.i + 2) <= state.i + 2:
        return False
    unit, end = state.unit, _head_end(state.units, state.i + 2)
    tail = _infinitive_object(state)
    state.override = f"{_np_text(state.units[state.i + 2 : end])} of {eng.gerund(unit.lemma)}{tail}"
    state.i = end
    return True


def infinitive_accusation(state: ChunkState) -> bool:
    """एक-दूसरे पर … मुहैया कराने का आरोप लगाया → accused each other of providing …"""
    nxt, vg = _oblique_infinitive(state), state.after(2)
    if nxt is None or nxt.cat != "GEN" or vg is None or vg.cat != "VG" or vg.lemma != "accuse":
        return False
    unit = state.unit
    tail = _infinitive_object(state)
    _accuse(state, vg, f"of {eng.gerund(unit.lemma)}{tail}")
    state.i += 3
    return True


def infinitive_gerund(state: ChunkState) -> bool:
    """करने का / करने से → doing, by doing: an oblique infinitive before any other postposition is a gerund
    after the preposition."""
    nxt = _oblique_infinitive(state)
    if nxt is None:
        return False
    unit = state.unit
    tail = _infinitive_object(state)
    gerund = f"{eng.gerund(unit.lemma)}{tail}"
    text = gerund if nxt.cat == "GEN" else f"{nxt.en} {gerund}".strip()
    state.chunks.append(Chunk("PP", text))
    state.i += 2
    return True


def participle_modifier(state: ChunkState) -> bool:
    """घायल हुए लोग → injured people, मारे गए लोग → killed people: a perfective participle before a noun modifies
    it; a bare होना participle (हुए एक धमाके में) is dropped."""
    unit, nxt = state.unit, state.after()
    if not (
        unit.cat == "VG"
        and unit.form == "perf"
        and unit.extra[:2] == ["", ""]
        and nxt is not None
        and nxt.cat == "N"
        and (nxt.pos == "n" or unit.lemma == "be")
        and (unit.lemma.startswith("be") or (len(unit.extra) > 2 and unit.extra[2] == "pass"))
    ):
        return False
    if unit.lemma != "be":
        state.np.append(Unit("N", unit.lemma[3:] if unit.lemma.startswith("be ") else eng.participle(unit.lemma),
                             unit.hindi, "adj"))
    state.i += 1
    return True


def object_after_nonfinite_verb(state: ChunkState) -> bool:
    """बड़ा फैसला लेते हुए → taking big decision: the object before a non-finite verb follows it in English."""
    if state.unit.cat != "VG":
        return False
    chunk = _vg_chunk(state.unit)
    state.flush()
    chunks = state.chunks
    if not (
        not chunk.finite
        and chunks
        and chunks[-1].kind == "NP"
        and not chunks[-1].subject
        and not chunks[-1].attached
        and len(chunks) >= 2
        and chunks[-2].kind in ("NP", "PUNCT", "PP")
        and chunks[-2].subject | (chunks[-2].kind != "NP")
    ):
        return False
    obj = chunks.pop()
    chunks.append(chunk)
    chunks.append(Chunk("NP", obj.en, attached=True))
    state.i += 1
    return True


def one_chunk_each(state: ChunkState) -> bool:
    """Anything else closes the open noun phrase and is a chunk of its own: a verb group, a punctuation mark, a
    conjunction or another word; a dropped word (DROP) makes none."""
    state.flush()
    unit = state.unit
    if unit.cat == "VG":
        state.chunks.append(_vg_chunk(unit))
    elif unit.cat == "DROP":
        pass
    elif unit.cat == "PUNCT":
        state.chunks.append(Chunk("PUNCT", unit.en))
    elif unit.cat == "CONJ":
        state.chunks.append(Chunk("CONJ", unit.en))
    elif unit.en:
        state.chunks.append(Chunk("OTHER", unit.en))
    state.i += 1
    return True


# The chunking rules in the order they are tried at each unit: the first that returns True has taken the unit
# (and moved the position on); a rule that returns False may still have closed the open noun phrase.
CHUNK_RULES = (
    article_opens_phrase,
    pronoun_own_phrase,
    noun_joins_phrase,
    coordination,
    genitive_turned_round,
    genitive_of_compound_verb,
    genitive_alone,
    postposition_to_preposition,
    ergative_dropped,
    agent_noun,
    infinitive_of_purpose,
    infinitive_possessor,
    infinitive_accusation,
    infinitive_gerund,
    participle_modifier,
    object_after_nonfinite_verb,
    one_chunk_each,
)


def chunk(units: list[Unit]) -> list[Chunk]:
    """The units as a flat list of chunks in Hindi order, built by ``CHUNK_RULES``."""
    state = ChunkState(list(units))
    while state.i < len(state.units):
        any(rule(state) for rule in CHUNK_RULES)
    state.flush()
    return state.chunks


def reorder(units: list[Unit]) -> list[Chunk]:
    """Postpositions to prepositions, genitives turned round, ने dropped, then verbs after their subjects."""
    return _svo(chunk(units))


_CLAUSE_BREAKS = {"PUNCT", "CONJ"}


def _svo(chunks: list[Chunk]) -> list[Chunk]:
    """Within each clause, move a clause-final verb group to just after the subject."""
    out: list[Chunk] = []
    clause: list[Chunk] = []

    def close() -> None:
        out.extend(_svo_clause(clause))
        clause.clear()

    for chunk in chunks:
        if chunk.kind == "PUNCT" and chunk.en in ('"', "'", "“", "”", "‘", "’"):
            clause.append(chunk)
            continue
        is_break = chunk.kind in _CLAUSE_BREAKS
        if chunk.kind == "PUNCT" and chunk.en == "," and not (clause and clause[-1].kind == "VG"):
            is_break = False  # a comma in a list, not between clauses
        if chunk.kind == "CONJ" and chunk.en in ("and", "or") and not (
            clause and (clause[-1].kind == "VG" or clause[-1].attached)
        ):
            is_break = False  # ईरान और पाकिस्तान: a coordination inside a phrase
        if is_break:
            close()
            out.append(chunk)
        else:
            clause.append(chunk)
    close()
    return out


def _verb_span(clause: list[Chunk]) -> tuple[int, int] | None:
    """The clause-final verb group as (first, last) indices, skipping objects already placed after it."""
    content = [i for i, c in enumerate(clause) if c.kind != "PUNCT"]
    while len(content) > 1 and clause[content[-1]].attached:
        content.pop()
    if len(content) < 2:
        return None
    last = content[-1]
    if clause[last].kind != "VG" or not clause[last].finite:
        return None
    while last + 1 < len(clause) and clause[last + 1].attached:
        last += 1
    first = content[-1]
    while first - 1 >= 0 and clause[first - 1].kind == "VG":
        first -= 1
    return first, last


def _svo_clause(clause: list[Chunk]) -> list[Chunk]:
    span = _verb_span(clause)
    if span is None:
        return list(clause)
    clause = _dative_and_objects(clause, span[0])
    span = _verb_span(clause)
    if span is None:
        return list(clause)
    first_vg, last = span
    subject = next((i for i, c in enumerate(clause[:first_vg]) if c.kind == "NP" and c.subject), None)
    if (
        subject is None
        and (clause[first_vg].intransitive or clause[first_vg].passive)
        and first_vg > 0
        and clause[first_vg - 1].kind == "NP"
    ):
        subject = first_vg - 1  # मतदान शुरू हो गया: what happens stands just before the verb
    if subject is None:
        # Otherwise the first bare noun phrase; when it is the one just before the verb, nothing moves.
        subject = next((i for i, c in enumerate(clause[:first_vg]) if c.kind == "NP" and not c.attached), None)
    if subject is None:
        return list(clause)
    verb = [replace_chunk(c, en=_agree(c.en, clause[subject])) if c.kind == "VG" else c
            for c in clause[first_vg : last + 1]]
    rest = clause[subject + 1 : first_vg]
    return clause[: subject + 1] + verb + rest + clause[last + 1 :]


# Verbs whose को-phrase is the one something goes to (सरकार को नोटिस जारी किया → issued a notice to).
_RECIPIENT_VERBS = word_class("recipient_verb")
_DATIVE_VERBS = word_class("dative_verb")


def _dative_and_objects(clause: list[Chunk], first_vg: int) -> list[Chunk]:
    """छात्रों को राहत मिलेगी → students will get relief; पुलिस ने आरोपी को गिरफ्तार किया → arrested the accused."""
    verb = clause[first_vg]
    before = clause[:first_vg]
    datives = [i for i, c in enumerate(before) if c.kind == "PP" and c.dative]
    if not datives:
        return clause
    if (verb.lemma in _DATIVE_VERBS or verb.passive) and not any(c.kind == "NP" and c.subject for c in before):
        i = datives[0]
        out = list(clause)
        out[i] = Chunk("NP", before[i].en[3:], subject=True)
        # The thing got follows the verb.
        objs = [j for j in range(i + 1, first_vg) if out[j].kind == "NP"]
        if objs:
            j = objs[-1]
            obj = out.pop(j)
            out.insert(first_vg, Chunk("NP", obj.en, attached=True))
        return out
    has_subject = any(c.kind == "NP" and c.subject for c in before) or (
        any(c.kind != "PUNCT" for c in before)
        and next(c for c in before if c.kind != "PUNCT").kind == "NP"
        and datives[-1] > 0
        and not verb.intransitive
        and not verb.passive
    )
    if has_subject and " " not in verb.lemma and verb.lemma not in _RECIPIENT_VERBS:
        # With a ने-subject, a को-phrase is the verb's object.
        i = datives[-1]
        out = list(clause)
        obj = out.pop(i)
        out.insert(first_vg, Chunk("NP", obj.en[3:], attached=True))
        return out
    return clause
