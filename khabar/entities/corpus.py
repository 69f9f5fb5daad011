"""Reading the NER corpora (IL-NER Hindi, HiNER) into one tag scheme, and entity-level scoring.

Both corpora become BIO sequences over PER, LOC and ORG. IL-NER's other tags (NEN numbers, NETI times,
NEAR artefacts, NEU ...) become O: numbers and money are found by rules, dates by the timeline tagger.
"""

from __future__ import annotations

import os
import random
from collections.abc import Iterable, Iterator
from pathlib import Path

from khabar.text import tokens

Sentence = list[tuple[str, str]]  # (token, BIO tag)

IL_NER_MAP = {"NEP": "PER", "NEL": "LOC", "NEO": "ORG"}
HINER_MAP = {"PERSON": "PER", "LOCATION": "LOC", "ORGANIZATION": "ORG"}
LABELS = ("PER", "LOC", "ORG")


def eval_dir() -> Path | None:
    """The shared evaluation data folder (env KHABAR_EVAL_DIR, else ``<repo>/../shared/eval``), if present."""
    env = os.environ.get("KHABAR_EVAL_DIR")
    candidates = [Path(env)] if env else []
    candidates.append(Path(__file__).resolve().parents[2].parent / "shared" / "eval")
    for path in candidates:
        if path.is_dir():
            return path
    return None


def read_conll(path: Path, mapping: dict[str, str]) -> list[Sentence]:
    """Sentences of a ``token<TAB>tag`` file with tags mapped to PER/LOC/ORG (others O).

    Lines without a tab are skipped; a tag with no B/I prefix (``-NEL``) continues an entity of the same
    type and otherwise starts one; a bare ``-`` is O.
    """
    sentences: list[Sentence] = []
    current: Sentence = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip("\ufeff")
        if not line.strip():
            if current:
                sentences.append(current)
                current = []
            continue
        if "\t" not in line:
            continue
        token, _, tag = line.partition("\t")
        token, tag = token.strip(), tag.strip()
        if not token:
            continue
        prefix, _, kind = tag.partition("-")
        label = mapping.get(kind)
        if label is None:
            current.append((token, "O"))
            continue
        if prefix not in ("B", "I"):
            prev = current[-1][1] if current else "O"
            prefix = "I" if prev != "O" and prev[2:] == label else "B"
        current.append((token, f"{prefix}-{label}"))
    if current:
        sentences.append(current)
    return sentences


def il_ner(split: str, root: Path | None = None) -> list[Sentence]:
    """IL-NER Hindi ``train`` or ``dev`` (the copies without test overlap)."""
    root = root or eval_dir()
    if root is None:
        raise FileNotFoundError("the shared evaluation data (../shared/eval) is not here")
    return read_conll(root / "il_ner_hindi" / f"Hindi-{split}.no-test-overlap.txt", IL_NER_MAP)


def hiner(root: Path | None = None) -> list[Sentence]:
    """HiNER (collapsed) validation, harmonised to PER/LOC/ORG."""
    root = root or eval_dir()
    if root is None:
        raise FileNotFoundError("the shared evaluation data (../shared/eval) is not here")
    return read_conll(root / "hiner" / "collapsed_validation.conll", HINER_MAP)


def unlabelled_sentences(root: Path | None = None) -> Iterator[list[str]]:
    """Tokenised unlabelled Hindi text: the NER corpora's tokens and the UD Hindi PUD sentences."""
    root = root or eval_dir()
    if root is None:
        return
    for sentence in il_ner("train", root) + il_ner("dev", root) + hiner(root):
        yield [token for token, _ in sentence]
    pud = root / "ud_hindi_pud" / "hi_pud.sentences.txt"
    if pud.exists():
        for line in pud.read_text(encoding="utf-8").splitlines():
            yield [t for _, _, t in tokens(line)]


def spans(tags: Iterable[str]) -> set[tuple[int, int, str]]:
    """Entity spans ``(start, end, label)`` of a BIO sequence (an I- without its B- starts an entity)."""
    found = set()
    start, label = None, None
    tags = list(tags)
    for i, tag in enumerate(tags + ["O"]):
        if tag == "O" or tag.startswith("B-") or (tag.startswith("I-") and tag[2:] != label):
            if start is not None:
                found.add((start, i, label))
            start, label = (i, tag[2:]) if tag != "O" else (None, None)
    return found


def bio_tags(n: int, found: Iterable) -> list[str]:
    """The BIO tags of ``n`` tokens with the PER/LOC/ORG spans in ``found`` (objects with first, last, label)."""
    tags = ["O"] * n
    for span in found:
        if span.label in LABELS:
            tags[span.first] = "B-" + span.label
            for i in range(span.first + 1, span.last):
                tags[i] = "I-" + span.label
    return tags


def score(gold: list[list[str]], predicted: list[list[str]]) -> dict[str, dict[str, float]]:
    """Entity-level exact-match precision, recall and F1 per label and micro-averaged ("ALL")."""
    counts = {label: [0, 0, 0] for label in (*LABELS, "ALL")}  # true positives, predicted, gold
    for g, p in zip(gold, predicted, strict=True):
        gs, ps = spans(g), spans(p)
        for label in LABELS:
            gl = {s for s in gs if s[2] == label}
            pl = {s for s in ps if s[2] == label}
            for key in (label, "ALL"):
                counts[key][0] += len(gl & pl)
                counts[key][1] += len(pl)
                counts[key][2] += len(gl)
    result = {}
    for label, (tp, npred, ngold) in counts.items():
        p = tp / npred if npred else 0.0
        r = tp / ngold if ngold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        result[label] = {"p": p, "r": r, "f1": f, "gold": ngold}
    return result


# The held-back part of IL-NER: its dev part plus a seeded eighth of its train part, never trained on.
HELD_BACK_SEED = 13
HELD_BACK_SHARE = 0.125


def held_back_split(root: Path | None = None) -> tuple[list, list]:
    """(train, held back): IL-NER dev plus a seeded eighth of IL-NER train are held back."""
    train = il_ner("train", root)
    dev = il_ner("dev", root)
    rng = random.Random(HELD_BACK_SEED)
    order = list(range(len(train)))
    rng.shuffle(order)
    cut = int(len(train) * HELD_BACK_SHARE)
    held = set(order[:cut])
    return [s for i, s in enumerate(train) if i not in held], dev + [train[i] for i in sorted(held)]
