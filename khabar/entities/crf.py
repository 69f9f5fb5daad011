"""The shipped CRF tagger: loads the model and its resources and labels token sequences with PER/LOC/ORG."""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from khabar.entities.clusters import read_clusters
from khabar.entities.features import FeatureConfig, sentence_features
from khabar.entities.lexicon import COUNTS_PATH, DATA_DIR, lexicon
from khabar.entities.lexicon import word_counts as word_counts  # read here by the taggers and refine

MODEL_PATH = DATA_DIR / "hindi_ner.crfsuite"
CONFIG_PATH = DATA_DIR / "hindi_ner.json"
CLUSTERS_PATH = DATA_DIR / "clusters.tsv"
SOFT_GAZETTEER_PATH = DATA_DIR / "soft_gazetteer.tsv"


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


def read_soft_gazetteer(path: Path = SOFT_GAZETTEER_PATH) -> dict[str, set[str]]:
    """``word<TAB>type,type`` lines: words that another corpus (HiNER) mostly tags as names."""
    found: dict[str, set[str]] = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            word, _, types = line.partition("\t")
            if word and types:
                found[word] = set(types.split(","))
    return found


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
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(model_path))

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
