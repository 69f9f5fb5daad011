"""English inflection for the gloss: plurals, past tenses, participles and -ing forms."""

from __future__ import annotations

import re

_IRREGULAR_VERBS = """
be was been; have had had; do did done; go went gone; say said said; make made made; take took taken;
come came come; see saw seen; know knew known; get got got; give gave given; find found found;
think thought thought; tell told told; become became become; show showed shown; leave left left;
feel felt felt; put put put; bring brought brought; begin began begun; keep kept kept; hold held held;
write wrote written; stand stood stood; hear heard heard; let let let; mean meant meant; set set set;
meet met met; run ran run; pay paid paid; sit sat sat; speak spoke spoken; lie lay lain; lead led led;
read read read; grow grew grown; lose lost lost; fall fell fallen; send sent sent; build built built;
understand understood understood; draw drew drawn; break broke broken; spend spent spent; cut cut cut;
rise rose risen; drive drove driven; buy bought bought; wear wore worn; choose chose chosen; seek sought sought;
throw threw thrown; catch caught caught; deal dealt dealt; win won won; fight fought fought; teach taught taught;
eat ate eaten; sell sold sold; forget forgot forgotten; fly flew flown; hit hit hit; shoot shot shot;
hurt hurt hurt; strike struck struck; steal stole stolen; hang hung hung; sleep slept slept; drink drank drunk;
sing sang sung; swim swam swum; ride rode ridden; hide hid hidden; bear bore borne; beat beat beaten;
bind bound bound; bite bit bitten; blow blew blown; cost cost cost; dig dug dug; feed fed fed; forgive forgave forgiven;
freeze froze frozen; light lit lit; quit quit quit; shake shook shaken; shut shut shut; spread spread spread;
stick stuck stuck; swear swore sworn; tear tore torn; wake woke woken; withdraw withdrew withdrawn;
undertake undertook undertaken; overcome overcame overcome; arise arose arisen; flee fled fled; slay slew slain;
stop stopped stopped; plan planned planned; ban banned banned; drop dropped dropped; admit admitted admitted;
commit committed committed; control controlled controlled; ship shipped shipped; step stepped stepped;
occur occurred occurred; refer referred referred; prefer preferred preferred; transfer transferred transferred;
submit submitted submitted; permit permitted permitted; regret regretted regretted; rob robbed robbed;
grab grabbed grabbed; shop shopped shopped; beg begged begged; hug hugged hugged; jog jogged jogged;
""".strip()

IRREGULAR: dict[str, tuple[str, str]] = {}
for _entry in _IRREGULAR_VERBS.replace("\n", " ").split(";"):
    _parts = _entry.split()
    if len(_parts) == 3:
        IRREGULAR[_parts[0]] = (_parts[1], _parts[2])

_IRREGULAR_PLURALS = {
    "man": "men", "woman": "women", "child": "children", "person": "people", "foot": "feet", "tooth": "teeth",
    "mouse": "mice", "life": "lives", "wife": "wives", "knife": "knives", "leaf": "leaves", "half": "halves",
    "thief": "thieves", "crisis": "crises", "analysis": "analyses", "criterion": "criteria",
    "phenomenon": "phenomena", "datum": "data", "medium": "media", "policeman": "policemen",
    "shelf": "shelves", "self": "selves", "wolf": "wolves", "sheep": "sheep", "deer": "deer", "fish": "fish",
    "series": "series", "species": "species", "news": "news", "police": "police", "people": "people",
}
UNCOUNTABLE = {"information", "advice", "equipment", "news", "police", "money", "evidence", "research",
                "progress", "violence", "support", "help", "water", "rain", "trade", "security", "health",
                "justice", "peace", "knowledge", "traffic", "weather", "pollution", "corruption", "terrorism",
                "education", "agriculture", "inflation", "unemployment", "poverty", "rice", "wheat", "milk",
                "data", "staff", "cattle", "furniture", "electricity", "oil", "gold", "silver", "land", "time"}

_VOWELS = set("aeiou")


def _split_head(phrase: str, last: bool) -> tuple[str, str, str]:
    words = phrase.split(" ")
    if len(words) == 1:
        return "", phrase, ""
    if last:
        return " ".join(words[:-1]) + " ", words[-1], ""
    return "", words[0], " " + " ".join(words[1:])


def plural(noun: str) -> str:
    """The plural of an English noun (the last word of a phrase)."""
    pre, word, post = _split_head(noun, last=True)
    lower = word.lower()
    if not lower.isalpha() or lower in UNCOUNTABLE or lower.endswith("ed"):
        return noun
    if lower in _IRREGULAR_PLURALS:
        out = _IRREGULAR_PLURALS[lower]
    elif (lower.endswith("s") and not lower.endswith("ss") and len(lower) > 3 and lower[-2] not in _VOWELS) \
            or (len(lower) > 4 and (lower.endswith("ies") or (lower.endswith("es") and lower[-3] in "cgsvz"))):
        out = word  # already plural (talks, relations, forces, cities): the lexicon gives some nouns in the plural
    elif lower.endswith(("s", "x", "z", "ch", "sh")):
        out = word + "es"
    elif lower.endswith("y") and len(lower) > 1 and lower[-2] not in _VOWELS:
        out = word[:-1] + "ies"
    else:
        out = word + "s"
    return pre + out + post


def third_person(verb: str) -> str:
    """The -s form of an English verb phrase (its first word)."""
    pre, word, post = _split_head(verb, last=False)
    if word == "be":
        return "is" + post
    if word == "have":
        return "has" + post
    if word in ("do", "go"):
        return word + "es" + post
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es" + post
    if word.endswith("y") and len(word) > 1 and word[-2] not in _VOWELS:
        return word[:-1] + "ies" + post
    return word + "s" + post


def past(verb: str) -> str:
    """The simple past of an English verb phrase (its first word)."""
    pre, word, post = _split_head(verb, last=False)
    if word in IRREGULAR:
        return IRREGULAR[word][0] + post
    return _ed(word) + post


def participle(verb: str) -> str:
    """The past participle of an English verb phrase (its first word)."""
    pre, word, post = _split_head(verb, last=False)
    if word in IRREGULAR:
        return IRREGULAR[word][1] + post
    return _ed(word) + post


def _ed(word: str) -> str:
    if word.endswith("e"):
        return word + "d"
    if word.endswith("y") and len(word) > 1 and word[-2] not in _VOWELS:
        return word[:-1] + "ied"
    return word + "ed"


def gerund(verb: str) -> str:
    """The -ing form of an English verb phrase (its first word)."""
    pre, word, post = _split_head(verb, last=False)
    if word == "be":
        return "being" + post
    if word.endswith("ie"):
        out = word[:-2] + "ying"
    elif word.endswith("e") and not word.endswith(("ee", "ye", "oe")) and len(word) > 2:
        out = word[:-1] + "ing"
    elif word in IRREGULAR and IRREGULAR[word][0].endswith(word[-1] * 2 + "ed") or re.fullmatch(r"[^aeiou]*[aeiou][bdgmnprt]", word) and len(word) <= 4:
        out = word + word[-1] + "ing"
    else:
        out = word + "ing"
    return out + post
