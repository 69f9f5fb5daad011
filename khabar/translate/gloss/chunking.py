"""Stage 2 of the gloss, chunking: verb groups built from verbs and auxiliaries, then chunks built and
reordered into English order by small named rules."""

from __future__ import annotations

from dataclasses import replace

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
from khabar.translate.lexicon import key


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

_WEEKDAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
_WITH_VERBS = {"meet", "talk", "hold talks", "speak", "discuss", "marry", "fight", "clash", "agree", "disagree",
               "cooperate", "compete", "collide", "join hands", "ally"}
_MONTHS = {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"}
_WALA = {"वाला", "वाली", "वाले", "वालों", "वालीं"}
_MODIFIER_POS = {"adj", "det", "num", "gen", "q"}
_TITLE_WORDS = {"president", "prime minister", "minister", "chief minister", "governor", "mr", "mrs", "shri",
                "general", "judge", "chief", "king", "queen", "leader", "secretary", "ambassador"}


_CURRENCY_WORDS = {"rupee", "rupees", "dollar", "dollars", "euro", "euros", "pound", "pounds", "yen", "taka"}


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

def reorder(units: list[Unit]) -> list[Chunk]:
    """Postpositions to prepositions, genitives turned round, ने dropped: a flat list of chunks."""
    chunks: list[Chunk] = []
    np: list[Unit] = []  # the noun-phrase words collected so far
    np_text_override: str | None = None

    def np_value() -> str:
        return np_text_override if np_text_override is not None else _np_text(np)

    def flush() -> None:
        nonlocal np, np_text_override
        if np or np_text_override:
            chunks.append(Chunk("NP", np_value()))
        np, np_text_override = [], None

    i = 0
    while i < len(units):
        unit = units[i]
        if unit.cat == "N" and np and key(unit.hindi) == "एक" and np[-1].pos in ("n", "name", "unk", "adj"):
            flush()  # X एक गांव है: the article opens a new phrase
        if unit.cat == "N" and np and (unit.pos == "pron" or np[-1].pos == "pron"):
            flush()  # वह नेता है: a personal pronoun is a phrase of its own
        if unit.cat == "N":
            if np_text_override is not None:
                if np_text_override and i > 0 and units[i - 1].cat == "CONJ":
                    np = [Unit("N", np_text_override, pos="np")]
                    np_text_override = None
                else:
                    flush()
            np.append(unit)
            i += 1
            continue
        if (
            (unit.cat == "CONJ" and unit.en in ("and", "or") or unit.cat == "PUNCT" and unit.en == ",")
            and (np or np_text_override)
            and i + 1 < len(units)
            and units[i + 1].cat == "N"
        ):
            # ईरान और पाकिस्तान: one coordinated noun phrase, so a following postposition takes both.
            if np_text_override is not None:
                np, np_text_override = [Unit("N", np_text_override, pos="np")], None
            if unit.en == ",":
                np[-1] = replace(np[-1], en=np[-1].en + ",")
                np.append(Unit("N", "", unit.hindi, "conj"))
            else:
                np.append(Unit("N", unit.en, unit.hindi, "conj"))
            i += 1
            continue
        if unit.cat == "GEN" and (np or np_text_override is not None):
            # X का Y → Y of X; the possessor is the last noun group before का.
            if np_text_override is not None:
                before, possessor = [], np_text_override
            else:
                start = _possessor_start(np)
                before, possessor = np[:start], _np_text(np[start:])
            end = _head_end(units, i + 1)
            if end > i + 1:
                head = _np_text(units[i + 1 : end])
                if np_text_override is None and _is_money(np[start:]) and head.startswith("the "):
                    # ₹5 करोड़ का जुर्माना → a fine of ₹50 million: an amount measures its noun, not defines it.
                    head = ("an " if head[4:5].lower() in "aeiou" else "a ") + head[4:]
                if before:
                    chunks.append(Chunk("NP", _np_text(before)))
                np = []
                np_text_override = f"{head} of {possessor}"
                i = end
                continue
            if i + 1 < len(units) and units[i + 1].cat == "VG" and " " in units[i + 1].hindi.strip():
                # X का समर्थन करना → support X: the possessor of a noun+verb compound is its object.
                if before:
                    chunks.append(Chunk("NP", _np_text(before)))
                np, np_text_override = [], None
                vg = units[i + 1]
                if key(vg.hindi.split(" ")[1]) in _HONA_FORMS:
                    # X की मौत हो गई → X died: with होना the possessor is the subject.
                    chunks.append(Chunk("NP", possessor))
                    chunks.append(_vg_chunk(vg))
                elif vg.lemma == "accuse":
                    # सरकार पर भ्रष्टाचार का आरोप लगाया → accused the government of corruption
                    target = next((c for c in reversed(chunks[-3:]) if c.kind == "PP" and c.en.startswith("on ")), None)
                    chunks.append(_vg_chunk(vg))
                    if target is not None:
                        chunks.remove(target)
                        chunks.append(Chunk("NP", target.en[3:], attached=True))
                    chunks.append(Chunk("NP", f"of {possessor}", attached=True))
                else:
                    chunks.append(_vg_chunk(vg))
                    chunks.append(Chunk("NP", possessor, attached=True))
                i += 2
                continue
            chunks_text = f"of {possessor}"
            if before:
                chunks.append(Chunk("NP", _np_text(before)))
            np, np_text_override = [], None
            chunks.append(Chunk("PP", chunks_text))
            i += 1
            continue
        if unit.cat in ("P", "GEN") and (np or np_text_override is not None):
            if np_text_override is None and np:
                start = _possessor_start(np)
                if start:
                    chunks.append(Chunk("NP", _np_text(np[:start])))
                    np = np[start:]
            last_word = (np[-1].en if np else (np_text_override or "")).split(" ")[-1]
            text = np_value()
            np, np_text_override = [], None
            prep = unit.en
            k = key(unit.hindi)
            if k == "को" and (last_word in _WEEKDAYS or last_word in _MONTHS or last_word.isdigit()):
                prep = "on"  # सोमवार को → on Monday, 26 जनवरी को → on 26 January
            elif k == "से" and i + 1 < len(units) and units[i + 1].cat == "VG" and units[i + 1].lemma in _WITH_VERBS:
                prep = "with"  # मंत्री से मुलाकात की → met with the minister
            if prep:
                chunks.append(Chunk("PP", f"{prep} {text}", dative=k == "को" and prep == "to"))
            else:
                chunks.append(Chunk("NP", text))
            i += 1
            continue
        if unit.cat == "DROP" and key(unit.hindi) in ("ने",) and (np or np_text_override is not None):
            chunks.append(Chunk("NP", np_value(), subject=True))
            np, np_text_override = [], None
            i += 1
            continue
        if unit.cat == "VG" and unit.form == "inf_obl" and i + 1 < len(units) and key(units[i + 1].hindi) in _WALA:
            # लड़ने वाले → those fighting
            np.append(Unit("N", f"those {eng.gerund(unit.lemma)}", unit.hindi, "n"))
            i += 2
            continue
        if unit.cat == "VG" and unit.form == "inf_obl" and i + 1 < len(units) and units[i + 1].cat in ("P", "GEN"):
            # करने के लिए → to do; करने से → by doing; with its object after it (संबंध सुधारने के लिए → to improve relations).
            nxt = units[i + 1]
            obj = np_value() if (np or np_text_override is not None) else ""
            np, np_text_override = [], None
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
            tail = f" {obj}" if obj else ""
            if nxt.en == "for":
                chunks.append(Chunk("PP", f"to {unit.lemma}{tail}"))
                i += 2
                continue
            if nxt.cat == "GEN":
                end = _head_end(units, i + 2)
                if end > i + 2:
                    head = _np_text(units[i + 2 : end])
                    np_text_override = f"{head} of {eng.gerund(unit.lemma)}{tail}"
                    i = end
                    continue
                if i + 2 < len(units) and units[i + 2].cat == "VG" and units[i + 2].lemma == "accuse":
                    # एक-दूसरे पर ... मुहैया कराने का आरोप लगाया → accused each other of providing ...
                    target = next((c for c in reversed(chunks[-3:]) if c.kind == "PP" and c.en.startswith("on ")),
                                  None)
                    chunks.append(_vg_chunk(units[i + 2]))
                    if target is not None:
                        chunks.remove(target)
                        chunks.append(Chunk("NP", target.en[3:], attached=True))
                    chunks.append(Chunk("NP", f"of {eng.gerund(unit.lemma)}{tail}", attached=True))
                    i += 3
                    continue
                chunks.append(Chunk("PP", f"{eng.gerund(unit.lemma)}{tail}"))
                i += 2
                continue
            chunks.append(Chunk("PP", f"{nxt.en} {eng.gerund(unit.lemma)}{tail}".strip()))
            i += 2
            continue
        if (
            unit.cat == "VG"
            and unit.form == "perf"
            and unit.extra[:2] == ["", ""]
            and i + 1 < len(units)
            and units[i + 1].cat == "N"
            and (units[i + 1].pos == "n" or unit.lemma == "be")
            and (unit.lemma.startswith("be") or (len(unit.extra) > 2 and unit.extra[2] == "pass"))
        ):
            if unit.lemma == "be":
                i += 1
                continue
            # घायल हुए लोग → injured people, मारे गए लोग → killed people: a participle modifying a noun.
            # (हुए एक धमाके में: a bare होना participle is dropped.)
            np.append(Unit("N", unit.lemma[3:] if unit.lemma.startswith("be ") else eng.participle(unit.lemma),
                           unit.hindi, "adj"))
            i += 1
            continue
        flush()
        if unit.cat == "VG":
            chunk = _vg_chunk(unit)
            if (
                not chunk.finite
                and chunks
                and chunks[-1].kind == "NP"
                and not chunks[-1].subject
                and not chunks[-1].attached
                and len(chunks) >= 2
                and chunks[-2].kind in ("NP", "PUNCT", "PP")
                and chunks[-2].subject | (chunks[-2].kind != "NP")
            ):
                # बड़ा फैसला लेते हुए → taking big decision: the object follows a non-finite verb.
                obj = chunks.pop()
                chunks.append(chunk)
                chunks.append(Chunk("NP", obj.en, attached=True))
            else:
                chunks.append(chunk)
        elif unit.cat == "DROP":
            pass
        elif unit.cat == "PUNCT":
            chunks.append(Chunk("PUNCT", unit.en))
        elif unit.cat == "CONJ":
            chunks.append(Chunk("CONJ", unit.en))
        elif unit.en:
            chunks.append(Chunk("OTHER", unit.en))
        i += 1
    flush()
    return _svo(chunks)


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
_RECIPIENT_VERBS = {"say", "tell", "give", "send", "ask", "be", "get", "show", "explain", "announce", "issue",
                    "provide", "inform", "offer", "sell", "write", "return", "pay", "hand over", "advise", "suggest",
                    "instruct", "order", "deliver", "distribute", "assign", "allot", "lend", "grant", "allow",
                    "permit", "request", "urge", "appeal", "promise", "report", "reply", "answer", "warn", "accuse"}
_DATIVE_VERBS = {"get", "feel", "need", "seem", "like", "remember", "know", "come to know", "be needed", "benefit",
                 "fear"}


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
