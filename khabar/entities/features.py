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


def _phrase_tags(keys: Sequence[str], config: FeatureConfig) -> list[str]:
    """BIO-style lexicon phrase tags: the longest lexicon match starting at each position wins."""
    tags = [""] * len(keys)
    i = 0
    n = len(keys)
    while i < n:
        matched = 0
        for length in range(min(config.max_phrase, n - i), 1, -1):
            kind = config.phrases.get(" ".join(keys[i : i + length]))
            if kind:
                tags[i] = "B-" + kind
                for j in range(i + 1, i + length):
                    tags[j] = "I-" + kind
                matched = length
                break
        i += matched or 1
    return tags


def sentence_features(tokens: Sequence[str], config: FeatureConfig) -> list[list[str]]:
    """One list of feature strings per token."""
    groups = set(config.groups)
    keys = [_key(t) for t in tokens]
    n = len(tokens)
    lex = [sorted(config.gazetteer.get(k, ())) for k in keys] if "lexicon" in groups else [[]] * n
    phrase = _phrase_tags(keys, config) if "lexicon" in groups and config.phrases else [""] * n
    clus = [config.clusters.get(k, ()) for k in keys] if "clusters" in groups else [()] * n
    shapes = [_shape(t) for t in tokens]
    out: list[list[str]] = []
    window = config.window
    for i, key in enumerate(keys):
        feats = ["bias"]
        if "word" in groups:
            feats.append("w=" + key)
        if "affix" in groups and shapes[i] == "deva":
            for k in (1, 2, 3, 4):
                if len(key) > k:
                    feats.append(f"s{k}=" + key[-k:])
            for k in (2, 3):
                if len(key) > k:
                    feats.append(f"p{k}=" + key[:k])
            feats.append("len=" + str(min(len(key), 10)))
        if "shape" in groups:
            feats.append("sh=" + shapes[i])
        if "context" in groups:
            for d in range(1, window + 1):
                feats.append(f"w-{d}=" + (keys[i - d] if i - d >= 0 else "<s>"))
                feats.append(f"w+{d}=" + (keys[i + d] if i + d < n else "</s>"))
            feats.append("w-1|w=" + (keys[i - 1] if i else "<s>") + "|" + key)
            feats.append("w|w+1=" + key + "|" + (keys[i + 1] if i + 1 < n else "</s>"))
        if "lexicon" in groups:
            for kind in lex[i]:
                feats.append("lx=" + kind)
            if phrase[i]:
                feats.append("ph=" + phrase[i])
        if "lexicon_context" in groups:
            for d in (-1, 1):
                j = i + d
                if 0 <= j < n:
                    for kind in lex[j]:
                        feats.append(f"lx{d:+d}=" + kind)
                    if phrase[j]:
                        feats.append(f"ph{d:+d}=" + phrase[j])
        if "clusters" in groups:
            for level, cid in enumerate(clus[i]):
                feats.append(f"c{level}=" + cid)
        if "cues" in groups:
            for d in (-2, -1, 0, 1, 2):
                j = i + d
                if 0 <= j < n:
                    cls = config.cues.get(keys[j])
                    if cls:
                        feats.append(f"cue{d:+d}=" + cls)
        if "cluster_context" in groups:
            for d in (-1, 1):
                j = i + d
                if 0 <= j < n and clus[j]:
                    feats.append(f"c{d:+d}=" + clus[j][-1])
        out.append(feats)
    return out
