"""The shipped CRF tagger: loads the model and its resources and labels token sequences with PER/LOC/ORG."""

from __future__ import annotations

import json
import struct
from collections.abc import Sequence
from functools import cache, cached_property
from pathlib import Path

import numpy as np

from khabar.entities.clusters import read_clusters
from khabar.entities.features import FeatureConfig, FeatureIds, sentence_features
from khabar.entities.lexicon import COUNTS_PATH, DATA_DIR, lexicon
from khabar.entities.lexicon import SOFT_GAZETTEER_PATH as SOFT_GAZETTEER_PATH  # where training writes it
from khabar.entities.lexicon import read_soft_gazetteer as read_soft_gazetteer  # read here by the taggers
from khabar.entities.lexicon import word_counts as word_counts  # read here by the taggers and refine

# The BIO tags in the order the CRF's marginals and the neural taggers' probabilities are columns of.
TAGS = ("O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG")

MODEL_PATH = DATA_DIR / "hindi_ner.crfsuite"
CONFIG_PATH = DATA_DIR / "hindi_ner.json"
CLUSTERS_PATH = DATA_DIR / "clusters.tsv"


def write_counts(counts: dict[str, int], path: Path = COUNTS_PATH, min_count: int = 2) -> None:
    """Write ``word<TAB>count`` for words seen at least ``min_count`` times in the unlabelled text."""
    lines = [f"{w}\t{c}" for w, c in sorted(counts.items()) if c >= min_count]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def lexicon_resources() -> tuple[dict[str, set[str]], dict[str, str], int]:
    """Token-level lexicon types, multi-word phrases and the longest phrase length, from the shipped lexicons."""
    tokens: dict[str, set[str]] = {}
    phrases: dict[str, str] = {}
    longest = 1
    for key, entries in lexicon().by_key.items():
        words = key.split()
        types = {e.type for e in entries}
        if len(words) == 1:
            tokens.setdefault(key, set()).update(types)
        else:
            phrases[key] = entries[0].label
            longest = max(longest, len(words))
            for word in words:
                tokens.setdefault(word, set()).update(f"{e.label}_part" for e in entries)
    return tokens, phrases, longest


def make_config(groups: Sequence[str], *, clusters: dict | None = None, soft: dict | None = None,
                window: int = 2) -> FeatureConfig:
    """A FeatureConfig with the shipped lexicons plus the given clusters and soft gazetteer."""
    tokens, phrases, longest = lexicon_resources()
    gazetteer: dict[str, set[str]] = {k: set(v) for k, v in tokens.items()}
    for word, types in (soft or {}).items():
        gazetteer.setdefault(word, set()).update(types)
    return FeatureConfig(
        groups=tuple(groups),
        window=window,
        gazetteer={k: frozenset(v) for k, v in gazetteer.items()},
        phrases=phrases,
        max_phrase=longest,
        clusters=clusters or {},
    )


def _cqdb_strings(data: bytes, start: int) -> list[str]:
    """The strings of a crfsuite CQDB chunk (its labels or attributes), in id order."""
    magic, _, _, _, count, backward = struct.unpack_from("<4sIIIII", data, start)
    if magic != b"CQDB":
        raise ValueError("not a crfsuite string table")
    strings = []
    for number, offset in enumerate(np.frombuffer(data, dtype="<u4", count=count, offset=start + backward).tolist()):
        found, size = struct.unpack_from("<II", data, start + offset)
        if found != number:
            raise ValueError("a crfsuite string table out of order")
        strings.append(data[start + offset + 8 : start + offset + 8 + size].rstrip(b"\0").decode("utf-8"))
    return strings


_FEATURE = np.dtype([("type", "<u4"), ("source", "<u4"), ("target", "<u4"), ("weight", "<f8")])


class CrfWeights:
    """A crfsuite model's weights read from its file (full precision, which ``Tagger.info`` rounds), so that
    numpy computes the tag marginals of many sentences at once, as crfsuite does one sentence at a time.

    Only first-order models (crfsuite's CRF1d, the one it trains) are read; every attribute weighs 1, as the
    feature strings ``sentence_features`` makes do.
    """

    def __init__(self, path: Path, labels: Sequence[str]) -> None:
        data = path.read_bytes()
        magic, _, kind, version, _, n_labels, n_attrs, features, label_table, attr_table = struct.unpack_from(
            "<4sI4sIIIIIII", data, 0)
        if magic != b"lCRF" or kind != b"FOMC" or version != 100:
            raise ValueError(f"{path} is not a crfsuite first-order model")
        names = _cqdb_strings(data, label_table)
        column = np.array([list(labels).index(name) for name in names])  # model label id -> column
        self.attributes = {name: k for k, name in enumerate(_cqdb_strings(data, attr_table))}
        if len(names) != n_labels or len(self.attributes) != n_attrs:
            raise ValueError(f"{path}: the string tables disagree with the header")
        count = struct.unpack_from("<I", data, features + 8)[0]
        table = np.frombuffer(data, dtype=_FEATURE, count=count, offset=features + 12)
        # One row per attribute and a last row of zeros that attributes the model never saw map to.
        self.state = np.zeros((n_attrs + 1, len(labels)))
        self.unknown = n_attrs
        state, transition = table[table["type"] == 0], table[table["type"] == 1]
        self.state[state["source"], column[state["target"]]] = state["weight"]
        self.transition = np.zeros((len(labels), len(labels)))
        self.transition[column[transition["source"]], column[transition["target"]]] = transition["weight"]
        self.exp_transition = np.exp(self.transition)

    def scores(self, items: Sequence[Sequence[int]]) -> np.ndarray:
        """Tokens × labels: the sum of each token's attribute weights (items: one list of attribute ids per
        token, ``unknown`` for an attribute the model never saw)."""
        starts = np.cumsum([0] + [len(item) or 1 for item in items[:-1]])
        flat = [k for item in items for k in item or (self.unknown,)]
        return np.add.reduceat(self.state[flat], starts, axis=0)

    def marginals(self, sentences: Sequence[Sequence[Sequence[int]]], size: int = 64) -> list[np.ndarray]:
        """Per sentence (one list of attribute ids per token), tokens × labels marginal probabilities by
        forward-backward, a batch of sentences of similar length at a time."""
        out: list[np.ndarray] = [np.zeros((0, len(self.transition)))] * len(sentences)
        order = sorted((i for i, s in enumerate(sentences) if len(s)), key=lambda i: len(sentences[i]))
        for k in range(0, len(order), size):
            batch = order[k : k + size]
            for i, found in zip(batch, self._batch([sentences[i] for i in batch]), strict=True):
                out[i] = found
        return out

    def _batch(self, sentences: Sequence[Sequence[Sequence[int]]]) -> list[np.ndarray]:
        lengths = np.array([len(s) for s in sentences])
        count, top, labels = len(sentences), int(lengths.max()), len(self.transition)
        scores = np.zeros((count, top, labels))
        for b, sentence in enumerate(sentences):
            scores[b, : len(sentence)] = self.scores(sentence)
        # Scaled per token (the marginals do not change): exp never overflows, however large the weights.
        potential = np.exp(scores - scores.max(axis=2, keepdims=True))
        alpha = np.empty_like(potential)
        forward = potential[:, 0] / potential[:, 0].sum(axis=1, keepdims=True)
        alpha[:, 0] = forward
        for t in range(1, top):
            forward = (forward @ self.exp_transition) * potential[:, t]
            forward /= forward.sum(axis=1, keepdims=True)
            alpha[:, t] = forward
        beta = np.ones_like(potential)
        for t in range(top - 2, -1, -1):
            backward = (potential[:, t + 1] * beta[:, t + 1]) @ self.exp_transition.T
            backward /= backward.sum(axis=1, keepdims=True)
            # A sentence's last token (and the padding after it) starts its backward pass afresh.
            beta[:, t] = np.where((t >= lengths - 1)[:, None], 1.0, backward)
        joint = alpha * beta
        joint /= joint.sum(axis=2, keepdims=True)
        return [joint[b, :n] for b, n in enumerate(lengths.tolist())]


class CrfTagger:
    """A trained CRF and the feature configuration it was trained with."""

    def __init__(self, model_path: Path = MODEL_PATH, config_path: Path = CONFIG_PATH) -> None:
        import pycrfsuite

        settings = json.loads(config_path.read_text(encoding="utf-8"))
        self.settings = settings
        self.config = make_config(
            settings["groups"],
            clusters=read_clusters(CLUSTERS_PATH) if "clusters" in settings["groups"] else {},
            soft=read_soft_gazetteer() if settings.get("soft_gazetteer") else {},
            window=settings.get("window", 2),
        )
        self.model_path = model_path
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(model_path))

    @cached_property
    def _weights(self) -> tuple[CrfWeights, FeatureIds]:
        weights = CrfWeights(self.model_path, TAGS)
        return weights, FeatureIds(self.config, weights.attributes, weights.unknown)

    def marginals(self, sentences: Sequence[Sequence[str]]) -> list[np.ndarray]:
        """For each sentence of tokens, tokens × ``TAGS`` marginal probabilities (those ``marginal``
        gives after ``tag``, to within 1e-12), found for all the sentences together."""
        weights, ids = self._weights
        return weights.marginals([ids.sentence(tokens) for tokens in sentences])

    def tag(self, tokens: Sequence[str]) -> list[str]:
        """BIO tags (PER/LOC/ORG) for one sentence of tokens."""
        if not tokens:
            return []
        return list(self._tagger.tag(sentence_features(tokens, self.config)))

    def marginal(self, tag: str, position: int) -> float:
        """The model's marginal probability of ``tag`` at ``position`` in the sentence tagged last."""
        return self._tagger.marginal(tag, position)


def model_available() -> bool:
    """Whether the shipped model files are present."""
    return MODEL_PATH.exists() and CONFIG_PATH.exists()


@cache
def shipped_tagger() -> CrfTagger:
    """The shipped CRF (loaded once)."""
    return CrfTagger()
