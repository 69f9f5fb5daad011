"""Token features for the CRF: word forms, affixes, context, lexicon matches and word clusters."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from khabar.text import match_key

# Feature groups; the trainer measures which help (see benchmarks/ner_experiments.py).
ALL_GROUPS = ("word", "affix", "context", "shape", "lexicon", "clusters", "lexicon_context", "cluster_context", "cues")

# Word classes that announce a name next to them: titles before persons, head nouns of organisations and
# places. A class feature lets one cue word teach the model about all the others.
CUE_WORDS = {
    "TITLE": "राष्ट्रपति उपराष्ट्रपति प्रधानमंत्री मुख्यमंत्री मंत्री राज्यपाल सांसद विधायक नेता अध्यक्ष महासचिव सचिव "
             "न्यायाधीश जज जनरल राजदूत प्रवक्ता श्री श्रीमती सुश्री कुमारी डॉ डॉक्टर प्रोफेसर मौलाना स्वामी पंडित "
             "मिस्टर कैप्टन कर्नल मेजर इमाम अयातुल्ला राजा रानी महाराज संत कवि लेखक अभिनेता अभिनेत्री खिलाड़ी "
             "कप्तान निदेशक प्रमुख अधिकारी कलेक्टर इंस्पेक्टर",
    "ORGHEAD": "पार्टी संगठन विश्वविद्यालय यूनिवर्सिटी बैंक कंपनी आयोग मंत्रालय परिषद समिति संघ सेना लिमिटेड "
               "कॉलेज महाविद्यालय अस्पताल ट्रस्ट बोर्ड निगम प्राधिकरण विभाग संस्थान अकादमी क्लब दल मोर्चा सभा "
               "न्यायालय कोर्ट एजेंसी फाउंडेशन समूह ग्रुप इंडस्ट्रीज कॉर्पोरेशन लीग फोर्स पुलिस मंडल केंद्र "
               "कार्यालय स्कूल विद्यालय मिशन सोसाइटी संस्था कांग्रेस",
    "LOCHEAD": "नगर जिला जिले जिलों गांव गाँव राज्य प्रदेश नदी शहर क्षेत्र इलाके इलाका प्रांत प्रान्त देश पहाड़ पर्वत "
               "झील द्वीप सागर महासागर मंदिर मस्जिद किला किले स्टेशन तहसील ब्लॉक मार्ग रोड चौक बाजार घाटी महाद्वीप "
               "राजधानी कस्बे कस्बा मोहल्ले गली",
}


@dataclass
class FeatureConfig:
    """Which feature groups to extract, and the resources they need."""

    groups: tuple[str, ...] = ALL_GROUPS
    window: int = 2
    gazetteer: dict[str, frozenset[str]] = field(default_factory=dict)  # key -> lexicon types
    phrases: dict[str, str] = field(default_factory=dict)  # multi-word key -> type
    max_phrase: int = 1
    clusters: dict[str, tuple[str, ...]] = field(default_factory=dict)  # key -> cluster ids (coarse..fine)
    cues: dict[str, str] = field(default_factory=lambda: cue_classes())
    # Derived once from the fields above (see ``_token_parts``, ``_phrase_starts``); never compared or shown.
    _parts: dict[str, tuple] = field(default_factory=dict, init=False, repr=False, compare=False)
    _starts: dict[str, int] | None = field(default=None, init=False, repr=False, compare=False)


@lru_cache(maxsize=1)
def _cue_classes() -> tuple[tuple[str, str], ...]:
    return tuple((match_key(word), cls) for cls, words in CUE_WORDS.items() for word in words.split())


def cue_classes() -> dict[str, str]:
    """Matching key -> cue class (TITLE, ORGHEAD, LOCHEAD)."""
    return dict(_cue_classes())


@lru_cache(maxsize=200_000)
def _key(token: str) -> str:
    return match_key(token)


@lru_cache(maxsize=200_000)
def _shape(token: str) -> str:
    if token.isdigit():
        return "digit"
    first = token[0]
    if unicodedata.category(first).startswith("P") or unicodedata.category(first).startswith("S"):
        return "punct"
    if "\u0900" <= first <= "\u097f":
        return "deva"
    if first.isascii() and first.isalpha():
        return "latin-cap" if first.isupper() else "latin"
    if any(ch.isdigit() for ch in token):
        return "mixed-digit"
    return "other"


def _phrase_starts(config: FeatureConfig) -> dict[str, int]:
    """First word of each lexicon phrase -> the most words a phrase starting with it has."""
    if config._starts is None:
        starts: dict[str, int] = {}
        for phrase in config.phrases:
            words = phrase.split(" ")
            starts[words[0]] = max(starts.get(words[0], 0), len(words))
        config._starts = starts
    return config._starts


def _phrase_tags(keys: Sequence[str], config: FeatureConfig) -> list[str]:
    """BIO-style lexicon phrase tags: the longest lexicon match starting at each position wins."""
    tags = [""] * len(keys)
    i = 0
    n = len(keys)
    starts = _phrase_starts(config)
    while i < n:
        matched = 0
        # Only phrases that start with this word can match here (a key with a space in it may start any).
        longest = config.max_phrase if " " in keys[i] else starts.get(keys[i], 0)
        for length in range(min(longest, config.max_phrase, n - i), 1, -1):
            kind = config.phrases.get(" ".join(keys[i : i + length]))
            if kind:
                tags[i] = "B-" + kind
                for j in range(i + 1, i + length):
                    tags[j] = "I-" + kind
                matched = length
                break
        i += matched or 1
    return tags


_PARTS_LIMIT = 20_000  # distinct tokens whose features a config (or a FeatureIds) keeps: some MB at most


def _token_parts(token: str, config: FeatureConfig) -> tuple:
    """What ``token`` adds to the features of its sentence, found once per distinct token (news repeats words):
    (key, its own features before the context ones, "w-d=key" for the token d places after it, "w+d=key" for
    the token d places before, its lexicon features, its cluster features, its lexicon features as seen from
    the token after it and from the one before, its cluster feature as seen from the token after it and from
    the one before). Each part but the key is a tuple of feature strings.
    """
    parts = config._parts.get(token)
    if parts is not None:
        return parts
    groups = config.groups
    key = _key(token)
    shape = _shape(token)
    head = ["bias"]
    if "word" in groups:
        head.append("w=" + key)
    if "affix" in groups and shape == "deva":
        for k in (1, 2, 3, 4):
            if len(key) > k:
                head.append(f"s{k}=" + key[-k:])
        for k in (2, 3):
            if len(key) > k:
                head.append(f"p{k}=" + key[:k])
        head.append("len=" + str(min(len(key), 10)))
    if "shape" in groups:
        head.append("sh=" + shape)
    lex = sorted(config.gazetteer.get(key, ())) if "lexicon" in groups else []
    clus = config.clusters.get(key, ()) if "clusters" in groups else ()
    window = range(1, config.window + 1)
    parts = (
        key, tuple(head), tuple(f"w-{d}=" + key for d in window), tuple(f"w+{d}=" + key for d in window),
        tuple("lx=" + kind for kind in lex), tuple(f"c{level}=" + cid for level, cid in enumerate(clus)),
        tuple("lx-1=" + kind for kind in lex), tuple("lx+1=" + kind for kind in lex),
        ("c-1=" + clus[-1],) if clus else (), ("c+1=" + clus[-1],) if clus else (),
    )
    if len(config._parts) >= _PARTS_LIMIT:
        config._parts.clear()
    config._parts[token] = parts
    return parts


def _same(feature: str) -> str:
    return feature


def _assemble(keys: Sequence[str], parts: Sequence[tuple], config: FeatureConfig, encode=_same) -> list[list]:
    """Each token's features from the parts of it and of its neighbours (``_token_parts``, the features in
    them already encoded); ``encode`` turns the features made here from the context into the same form."""
    groups = set(config.groups)
    n = len(keys)
    phrase = _phrase_tags(keys, config) if "lexicon" in groups and config.phrases else [""] * n
    context, lexicon, lexicon_context = "context" in groups, "lexicon" in groups, "lexicon_context" in groups
    clusters, cues, cluster_context = "clusters" in groups, "cues" in groups, "cluster_context" in groups
    window = config.window
    first = [encode(f"w-{d}=<s>") for d in range(1, window + 1)]
    last = [encode(f"w+{d}=</s>") for d in range(1, window + 1)]
    out: list[list] = []
    for i, key in enumerate(keys):
        own = parts[i]
        feats = list(own[1])
        if context:
            for d in range(1, window + 1):
                feats.append(parts[i - d][2][d - 1] if i - d >= 0 else first[d - 1])
                feats.append(parts[i + d][3][d - 1] if i + d < n else last[d - 1])
            feats.append(encode("w-1|w=" + (keys[i - 1] if i else "<s>") + "|" + key))
            feats.append(encode("w|w+1=" + key + "|" + (keys[i + 1] if i + 1 < n else "</s>")))
        if lexicon:
            feats.extend(own[4])
            if phrase[i]:
                feats.append(encode("ph=" + phrase[i]))
        if lexicon_context:
            if i > 0:
                feats.extend(parts[i - 1][6])
                if phrase[i - 1]:
                    feats.append(encode("ph-1=" + phrase[i - 1]))
            if i + 1 < n:
                feats.extend(parts[i + 1][7])
                if phrase[i + 1]:
                    feats.append(encode("ph+1=" + phrase[i + 1]))
        if clusters:
            feats.extend(own[5])
        if cues:
            for d in (-2, -1, 0, 1, 2):
                j = i + d
                if 0 <= j < n:
                    cls = config.cues.get(keys[j])
                    if cls:
                        feats.append(encode(f"cue{d:+d}=" + cls))
        if cluster_context:
            if i > 0:
                feats.extend(parts[i - 1][8])
            if i + 1 < n:
                feats.extend(parts[i + 1][9])
        out.append(feats)
    return out


def sentence_features(tokens: Sequence[str], config: FeatureConfig) -> list[list[str]]:
    """One list of feature strings per token."""
    parts = [_token_parts(t, config) for t in tokens]
    return _assemble([p[0] for p in parts], parts, config)


class FeatureIds:
    """The features of sentences as a model's attribute ids (``unknown`` for a feature the model never saw),
    in the order ``sentence_features`` lists them: each distinct token's parts are encoded once."""

    def __init__(self, config: FeatureConfig, attributes: dict[str, int], unknown: int) -> None:
        self.config = config
        self.attributes = attributes
        self.unknown = unknown
        self._parts: dict[str, tuple] = {}

    def encode(self, feature: str) -> int:
        """The attribute id of one feature string."""
        return self.attributes.get(feature, self.unknown)

    def _encoded(self, token: str) -> tuple:
        parts = self._parts.get(token)
        if parts is None:
            strings = _token_parts(token, self.config)
            find, unknown = self.attributes.get, self.unknown
            parts = (strings[0], *(tuple([find(f, unknown) for f in part]) for part in strings[1:]))
            if len(self._parts) >= _PARTS_LIMIT:
                self._parts.clear()
            self._parts[token] = parts
        return parts

    def sentence(self, tokens: Sequence[str]) -> list[list[int]]:
        """One list of attribute ids per token."""
        parts = [self._encoded(t) for t in tokens]
        return _assemble([p[0] for p in parts], parts, self.config, self.encode)
