"""Small neural taggers that the offline engine averages with the CRF: char-CNN + word, word-cluster, lexicon
and shape embeddings → BiLSTM → per-token tag probabilities, decoded with BIO-constrained Viterbi.

Each member is a few hundred thousand parameters stored in half precision. Training writes them with torch
(``neural.pt``); ``python -m khabar.entities.neural export`` copies them into ``neural.npz``, which the offline
engine runs with numpy alone (``NumpyEnsemble``: the same network, so the same tags), so torch is needed only to
train. Measured in ``MODEL_CARD.md``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

from khabar.entities import corpus
from khabar.entities.crf import TAGS, shipped_tagger
from khabar.entities.features import FeatureConfig, _key, _phrase_tags, _shape

MAX_CHARS = 16
SHAPES = ("digit", "punct", "deva", "latin-cap", "latin", "mixed-digit", "other")
NEURAL_PATH = Path(__file__).resolve().parent / "data" / "neural.pt"
NUMPY_PATH = NEURAL_PATH.with_suffix(".npz")


def _allowed(prev: str, tag: str) -> bool:
    return not tag.startswith("I-") or (prev not in ("<s>", "O") and prev[2:] == tag[2:])


_TRANS = np.array([[0.0 if _allowed(p, t) else -1e9 for t in TAGS] for p in TAGS])
_START = np.array([0.0 if _allowed("<s>", t) else -1e9 for t in TAGS])
# _VALID_AFTER[previous index or -1 at the start][index]
_VALID_AFTER = {-1: [_allowed("<s>", t) for t in TAGS], **{i: [_allowed(p, t) for t in TAGS] for i, p in enumerate(TAGS)}}


def viterbi(probs: np.ndarray) -> list[str]:
    """The most probable BIO-valid tag sequence for per-token tag probabilities (tokens × ``TAGS``)."""
    if len(probs) == 0:
        return []
    best_each = probs.argmax(axis=1)
    # Where the likeliest tag of every token already makes a valid sequence it is the constrained optimum too.
    if all(_VALID_AFTER[a][b] for a, b in zip([-1, *best_each[:-1].tolist()], best_each.tolist(), strict=True)):
        return [TAGS[k] for k in best_each.tolist()]
    logp = np.log(np.clip(probs, 1e-12, 1.0))
    score = _START + logp[0]
    back = np.zeros((len(logp), len(TAGS)), dtype=np.int64)
    for i in range(1, len(logp)):
        total = score[:, None] + _TRANS
        back[i] = total.argmax(0)
        score = total.max(0) + logp[i]
    best = [int(score.argmax())]
    for i in range(len(logp) - 1, 0, -1):
        best.append(int(back[i][best[-1]]))
    return [TAGS[k] for k in reversed(best)]


class Featuriser:
    """Token → ids: word, three word-cluster levels, shape, lexicon types (multi-hot) and characters."""

    def __init__(self, vocab: dict, config: FeatureConfig) -> None:
        self.vocab = vocab
        self.config = config
        self.words = {w: i + 2 for i, w in enumerate(vocab["words"])}
        self.cluster_ids = [{c: i + 1 for i, c in enumerate(level)} for level in vocab["clusters"]]
        self.lex = {name: i for i, name in enumerate(vocab["lex"])}
        self.chars = {ch: i + 2 for i, ch in enumerate(vocab["chars"])}
        self.shapes = {s: i + 1 for i, s in enumerate(SHAPES)}
        self._token_ids: dict[str, tuple[int, tuple[int, int, int], tuple[int, ...], int]] = {}

    @classmethod
    def build(cls, sentences: Sequence[Sequence[tuple[str, str]]], config: FeatureConfig) -> Featuriser:
        """A featuriser whose vocabularies come from training ``sentences`` (words and characters seen twice)."""
        words = Counter(_key(t) for s in sentences for t, _ in s)
        chars = Counter(ch for s in sentences for t, _ in s for ch in unicodedata.normalize("NFC", t))
        levels = [sorted({c[k] for c in config.clusters.values() if len(c) > k}) for k in range(3)]
        lex = sorted({t for types in config.gazetteer.values() for t in types})
        lex += [f"{p}-{k}" for k in ("PER", "LOC", "ORG", "NORP") for p in "BI"]
        vocab = {"words": sorted(w for w, c in words.items() if c >= 2), "clusters": levels, "lex": lex,
                 "chars": sorted(ch for ch, c in chars.items() if c >= 3)}
        return cls(vocab, config)

    def char_row(self, token: str) -> np.ndarray:
        """The character ids of one token (``MAX_CHARS`` long, zero-padded)."""
        row = np.zeros(MAX_CHARS, dtype=np.int64)
        text = unicodedata.normalize("NFC", token)[:MAX_CHARS]
        row[: len(text)] = [self.chars.get(ch, 1) for ch in text]
        return row

    def token_ids(self, token: str) -> tuple[int, tuple[int, int, int], tuple[int, ...], int]:
        """(word id, three cluster ids, lexicon type columns, shape id) of one token, found once per token."""
        ids = self._token_ids.get(token)
        if ids is None:
            key = _key(token)
            levels = [self.cluster_ids[level].get(cid, 0) for level, cid in enumerate(self.config.clusters.get(key, ())[:3])]
            clus = (*levels, 0, 0, 0)[:3]
            lex = tuple(self.lex[kind] for kind in self.config.gazetteer.get(key, ()) if kind in self.lex)
            ids = (self.words.get(key, 1), clus, lex, self.shapes.get(_shape(token), 0))
            if len(self._token_ids) >= 50_000:  # a bound on what a long-running app keeps
                self._token_ids.clear()
            self._token_ids[token] = ids
        return ids

    def sentence(self, tokens: Sequence[str], types: dict[str, int] | None = None) -> dict[str, np.ndarray]:
        """The id arrays of one sentence; with ``types``, each token's index in that (growing) table of distinct
        tokens replaces its characters, so that a batch computes each word's character features once."""
        ids = [self.token_ids(t) for t in tokens]
        n = len(tokens)
        phrase = _phrase_tags([_key(t) for t in tokens], self.config) if self.config.phrases else [""] * n
        word = np.fromiter((x[0] for x in ids), dtype=np.int64, count=n)
        clus = np.array([x[1] for x in ids], dtype=np.int64).reshape(n, 3)
        lex = np.zeros((n, len(self.lex)), dtype=np.float32)
        hot = [(i, column) for i, x in enumerate(ids) for column in x[2]]
        hot += [(i, self.lex[tag]) for i, tag in enumerate(phrase) if tag in self.lex]
        if hot:
            rows, columns = zip(*hot, strict=True)
            lex[list(rows), list(columns)] = 1.0
        shape = np.fromiter((x[3] for x in ids), dtype=np.int64, count=n)
        chars = None
        if types is None:
            chars = np.zeros((n, MAX_CHARS), dtype=np.int64)
            for i, token in enumerate(tokens):
                text = unicodedata.normalize("NFC", token)[:MAX_CHARS]
                chars[i, : len(text)] = [self.chars.get(ch, 1) for ch in text]
        out = {"word": word, "clus": clus, "lex": lex, "shape": shape}
        if chars is not None:
            out["chars"] = chars
        else:
            out["type"] = np.fromiter((types.setdefault(t, len(types)) for t in tokens), dtype=np.int64, count=n)
        return out


def _batch(items: list[dict[str, np.ndarray]]):
    import torch

    lengths = torch.tensor([len(x["word"]) for x in items])
    top = int(lengths.max())
    out = {}
    for name, first in items[0].items():
        arr = np.zeros((len(items), top, *first.shape[1:]), dtype=first.dtype)
        for b, x in enumerate(items):
            arr[b, : len(x[name])] = x[name]
        out[name] = torch.from_numpy(arr)
    return out, lengths


def make_model(featuriser: Featuriser, hidden: int = 64):
    """The tagger network for ``featuriser``'s vocabularies."""
    import torch
    from torch import nn

    class Tagger(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            f = featuriser
            self.word = nn.Embedding(len(f.words) + 2, 64, padding_idx=0)
            self.clus = nn.ModuleList(nn.Embedding(len(ids) + 1, 16, padding_idx=0) for ids in f.cluster_ids)
            self.lex = nn.Linear(len(f.lex), 16)
            self.shape = nn.Embedding(len(f.shapes) + 1, 4, padding_idx=0)
            self.char = nn.Embedding(len(f.chars) + 2, 24, padding_idx=0)
            self.conv = nn.Conv1d(24, 64, kernel_size=3, padding=1)
            self.drop = nn.Dropout(0.33)
            self.lstm = nn.LSTM(64 + 48 + 16 + 4 + 64, hidden, batch_first=True, bidirectional=True)
            self.out = nn.Linear(2 * hidden, len(TAGS))

        def char_features(self, rows):
            """Character-CNN features of rows of character ids (words × ``MAX_CHARS``)."""
            return torch.relu(self.conv(self.char(rows).transpose(1, 2))).max(dim=2).values

        def forward(self, x, lengths, type_features=None):
            if type_features is not None:  # features of distinct tokens, computed once, indexed by x["type"]
                ch = type_features[x["type"]]
            else:
                b, n, c = x["chars"].shape
                ch = self.char_features(x["chars"].view(b * n, c)).view(b, n, -1)
            n = x["word"].shape[1]
            parts = [self.word(x["word"]), *(emb(x["clus"][:, :, k]) for k, emb in enumerate(self.clus)),
                     self.lex(x["lex"]), self.shape(x["shape"]), ch]
            h = self.drop(torch.cat(parts, dim=-1))
            if bool((lengths == n).all()):  # no padding: packing would only cost time
                out, _ = self.lstm(h)
            else:
                packed = nn.utils.rnn.pack_padded_sequence(h, lengths, batch_first=True, enforce_sorted=False)
                out, _ = self.lstm(packed)
                out, _ = nn.utils.rnn.pad_packed_sequence(out, batch_first=True, total_length=n)
            return self.out(self.drop(out))

    return Tagger()


def _probs(model, feats: list[dict[str, np.ndarray]], size: int = 64, min_same: int = 8,
           type_rows: np.ndarray | None = None) -> list[np.ndarray]:
    import torch

    model.eval()
    type_features = None
    if type_rows is not None:
        with torch.inference_mode():
            type_features = model.char_features(torch.from_numpy(type_rows))
    out: list[np.ndarray] = [np.zeros((0, len(TAGS)))] * len(feats)
    by_length: dict[int, list[int]] = {}
    for i, f in enumerate(feats):
        if len(f["word"]):
            by_length.setdefault(len(f["word"]), []).append(i)
    # Batches of sentences of one length need no padding; short leftovers are pooled into padded batches.
    batches, rest = [], []
    for length in sorted(by_length):
        ids = by_length[length]
        whole = len(ids) - len(ids) % min_same if len(ids) >= min_same else 0
        batches += [ids[k : min(k + size, whole)] for k in range(0, whole, size)]
        rest += ids[whole:]
    batches += [rest[k : k + size] for k in range(0, len(rest), size)]
    with torch.inference_mode():
        for idx in batches:
            x, lengths = _batch([feats[i] for i in idx])
            probs = torch.softmax(model(x, lengths, type_features).float(), dim=-1).numpy()
            for row, i in enumerate(idx):
                out[i] = probs[row, : int(lengths[row])]
    return out


def train_member(featuriser: Featuriser, train: Sequence[Sequence[tuple[str, str]]],
                 dev: Sequence[Sequence[tuple[str, str]]], *, epochs: int = 15, seed: int = 1, hidden: int = 64,
                 log=print):
    """Train one tagger with Adam and word dropout; keep the epoch whose ``dev`` micro F1 is best."""
    import torch
    from torch import nn

    torch.manual_seed(seed)
    rng = random.Random(seed)
    model = make_model(featuriser, hidden)
    optimiser = torch.optim.Adam(model.parameters(), lr=2e-3)
    feats = [featuriser.sentence([t for t, _ in s]) for s in train]
    gold = [torch.tensor([TAGS.index(tag) for _, tag in s]) for s in train]
    dev_feats = [featuriser.sentence([t for t, _ in s]) for s in dev]
    best, best_state = -1.0, None
    for epoch in range(epochs):
        model.train()
        order = sorted(range(len(feats)), key=lambda i: len(feats[i]["word"]) + rng.random() * 8)
        batches = [order[i : i + 32] for i in range(0, len(order), 32)]
        rng.shuffle(batches)
        started, total = time.time(), 0.0
        for idx in batches:
            x, lengths = _batch([feats[i] for i in idx])
            # Word dropout: unseen names must be tagged from their context and characters.
            keep = torch.rand(x["word"].shape) > 0.1
            x["word"] = torch.where(keep | (x["word"] == 0), x["word"], torch.ones_like(x["word"]))
            y = nn.utils.rnn.pad_sequence([gold[i] for i in idx], batch_first=True, padding_value=-100)
            loss = nn.functional.cross_entropy(model(x, lengths).reshape(-1, len(TAGS)), y.reshape(-1),
                                               ignore_index=-100)
            optimiser.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            optimiser.step()
            total += loss.item()
        predicted = [viterbi(p) for p in _probs(model, dev_feats)]
        f1 = corpus.score([[t for _, t in s] for s in dev], predicted)["ALL"]["f1"]
        log(f"  seed {seed} epoch {epoch + 1}: loss {total / max(len(batches), 1):.4f} dev F1 {f1:.3f} "
            f"({time.time() - started:.0f}s)")
        if f1 > best:
            best, best_state = f1, {k: v.clone() for k, v in model.state_dict().items()}
    if best_state is not None:
        model.load_state_dict(best_state)
    model.eval()
    return model


class NeuralEnsemble:
    """Trained taggers sharing one featuriser; ``probs`` averages their tag probabilities."""

    def __init__(self, featuriser: Featuriser, models: list, hidden: int = 64) -> None:
        self.featuriser = featuriser
        self.models = models
        self.hidden = hidden

    def probs(self, sentences: Sequence[Sequence[str]]) -> list[np.ndarray]:
        """Per-token tag probabilities (tokens × ``TAGS``) for each sentence, averaged over the members."""
        import torch

        types: dict[str, int] = {}
        feats = [self.featuriser.sentence(list(s), types) for s in sentences]
        rows = np.stack([self.featuriser.char_row(t) for t in types]) if types else np.zeros((1, MAX_CHARS), np.int64)
        threads = torch.get_num_threads()
        torch.set_num_threads(1)  # small matrices: more threads cost more CPU than they save
        try:
            runs = [_probs(model, feats, type_rows=rows) for model in self.models]
        finally:
            torch.set_num_threads(threads)
        return [sum(parts) / len(parts) for parts in zip(*runs, strict=True)]

    def save(self, path: Path = NEURAL_PATH) -> None:
        """Write the members (half precision) and vocabularies to ``path``."""
        import torch

        states = [{k: v.half() if v.is_floating_point() else v for k, v in m.state_dict().items()} for m in self.models]
        torch.save({"vocab": self.featuriser.vocab, "hidden": self.hidden, "states": states}, path)

    @classmethod
    def load(cls, config: FeatureConfig, path: Path = NEURAL_PATH) -> NeuralEnsemble:
        """Read what ``save`` wrote; ``config`` is the CRF's feature configuration (lexicons, clusters)."""
        import torch

        saved = torch.load(path, map_location="cpu", weights_only=True)
        featuriser = Featuriser(saved["vocab"], config)
        models = []
        for state in saved["states"]:
            model = make_model(featuriser, saved["hidden"])
            model.load_state_dict({k: v.float() if v.is_floating_point() else v for k, v in state.items()})
            model.eval()
            models.append(model)
        return cls(featuriser, models, saved["hidden"])


def export_numpy(source: Path = NEURAL_PATH, target: Path = NUMPY_PATH) -> None:
    """Copy the taggers ``NeuralEnsemble.save`` wrote (read with ``weights_only``) into a numpy ``.npz``."""
    import torch

    saved = torch.load(source, map_location="cpu", weights_only=True)
    arrays = {"vocab": np.array(json.dumps(saved["vocab"], ensure_ascii=False)),
              "hidden": np.array(saved["hidden"]), "members": np.array(len(saved["states"]))}
    for index, state in enumerate(saved["states"]):
        arrays.update({f"{index}/{name}": value.numpy() for name, value in state.items()})
    with open(target, "wb") as handle:  # an open file: np.savez would add ".npz" to a name without it
        np.savez_compressed(handle, **arrays)


_STEPS = 16  # steps of the BiLSTM whose input gates are gathered at a time


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * x))


class NumpyEnsemble:
    """The taggers ``NeuralEnsemble`` trains, run with numpy alone (the same arithmetic in float32).

    The members' weights are stacked so that each step of the BiLSTM is one batched product for every member and
    both directions.
    """

    def __init__(self, featuriser: Featuriser, states: list[dict[str, np.ndarray]], hidden: int) -> None:
        self.featuriser = featuriser
        self.models = states
        self.hidden = hidden
        w = [{k: v.astype(np.float32) for k, v in state.items()} for state in states]
        self.weights = w
        # Directions of every member, member-major: (2 × members, ...), the forward direction first.
        self.w_ih = np.stack([m[f"lstm.weight_ih_l0{d}"].T for m in w for d in ("", "_reverse")])
        self.w_hh = np.stack([m[f"lstm.weight_hh_l0{d}"].T for m in w for d in ("", "_reverse")])
        self.b = np.stack([m[f"lstm.bias_ih_l0{d}"] + m[f"lstm.bias_hh_l0{d}"] for m in w for d in ("", "_reverse")])
        # torch orders the gates input, forget, cell, output; with the output gate moved before the cell the three
        # sigmoid gates are one block, one call.
        order = np.r_[0 : 2 * hidden, 3 * hidden : 4 * hidden, 2 * hidden : 3 * hidden]
        self.w_ih, self.w_hh, self.b = self.w_ih[..., order], self.w_hh[..., order], self.b[..., order]
        self.distinct_inputs = True  # multiply each distinct row of inputs by the input weights once
        # Conv1d weights (out, in, width) as one matrix over windows of (width, in) character embeddings.
        self.conv = [m["conv.weight"].transpose(2, 1, 0).reshape(-1, m["conv.weight"].shape[0]) for m in w]

    @classmethod
    def load(cls, config: FeatureConfig, path: Path = NUMPY_PATH) -> NumpyEnsemble:
        """Read what ``export_numpy`` wrote; ``config`` is the CRF's feature configuration."""
        with np.load(path, allow_pickle=False) as data:
            vocab = json.loads(str(data["vocab"]))
            members = int(data["members"])
            states = [{name.split("/", 1)[1]: data[name] for name in data.files if name.startswith(f"{m}/")}
                      for m in range(members)]
            hidden = int(data["hidden"])
        return cls(Featuriser(vocab, config), states, hidden)

    def _char_features(self, member: int, rows: np.ndarray) -> np.ndarray:
        w = self.weights[member]
        emb = w["char.weight"][rows]  # words × MAX_CHARS × dims
        width = w["conv.weight"].shape[2]
        pad = width // 2
        padded = np.pad(emb, ((0, 0), (pad, pad), (0, 0)))
        windows = np.concatenate([padded[:, k : k + rows.shape[1]] for k in range(width)], axis=2)
        return np.maximum(windows @ self.conv[member] + w["conv.bias"], 0.0).max(axis=1)

    def _inputs(self, member: int, x: dict[str, np.ndarray], type_features: np.ndarray) -> np.ndarray:
        w = self.weights[member]
        parts = [w["word.weight"][x["word"]], *(w[f"clus.{k}.weight"][x["clus"][..., k]] for k in range(3)),
                 x["lex"] @ w["lex.weight"].T + w["lex.bias"], w["shape.weight"][x["shape"]], type_features[x["type"]]]
        return np.concatenate(parts, axis=-1)

    def _batch_probs(self, items: list[dict[str, np.ndarray]], type_features: list[np.ndarray]) -> list[np.ndarray]:
        lengths = np.array([len(x["word"]) for x in items])
        top, count = int(lengths.max()), len(items)
        x = {}
        for name, first in items[0].items():
            arr = np.zeros((count, top, *first.shape[1:]), dtype=first.dtype)
            for b, item in enumerate(items):
                arr[b, : len(item[name])] = item[name]
            x[name] = arr
        # The backward direction reads each sentence from its own last token: position t of row b is token
        # lengths[b] - 1 - t, so that padding trails in both directions and never reaches a real token.
        steps = np.arange(top)
        reverse = np.where(steps < lengths[:, None], lengths[:, None] - 1 - steps, steps)
        rows = np.arange(count)[:, None]
        directions = 2 * len(self.weights)
        # A word the batch repeats with the same lexicon tags has the same inputs: each distinct row of inputs is
        # embedded and multiplied by the input weights once, then copied to where it stands.
        flat = np.column_stack([x["word"].reshape(-1), x["clus"].reshape(-1, 3), x["shape"].reshape(-1),
                                x["type"].reshape(-1), x["lex"].reshape(count * top, -1).astype(np.int64)])
        if self.distinct_inputs and flat.shape[1] - 6 <= 40:
            # Word, clusters and shape follow from the token (its type): a row is its type and its lexicon bits
            # (padding, all zeros, a type of its own), one integer to sort by.
            types = np.where(steps < lengths[:, None], x["type"], x["type"].max() + 1).reshape(-1)
            key = types << (flat.shape[1] - 6) | flat[:, 6:] @ (1 << np.arange(flat.shape[1] - 6, dtype=np.int64))
            _, first, where = np.unique(key, return_index=True, return_inverse=True)
            distinct = flat[first]
        elif self.distinct_inputs:
            distinct, where = np.unique(flat, axis=0, return_inverse=True)
        else:  # every row for itself (the slow path, kept to check the fast one against)
            distinct, where = flat, np.arange(len(flat))
        if len(distinct) == 1 < len(flat):  # two rows keep the product a matrix product (BLAS rounds a
            distinct = np.concatenate([distinct, distinct])  # vector product otherwise)
        unique = {"word": distinct[:, 0], "clus": distinct[:, 1:4], "shape": distinct[:, 4], "type": distinct[:, 5],
                  "lex": distinct[:, 6:].astype(np.float32)}
        where = where.reshape(count, top)
        # Which distinct row each direction reads at each step (the backward ones from each sentence's end), as
        # rows of one table of every direction's projected inputs, step-major so that each step's slice is
        # contiguous.
        projected = []
        for m in range(len(self.weights)):
            inputs = self._inputs(m, unique, type_features[m])
            projected += [inputs @ self.w_ih[2 * m + d] + self.b[2 * m + d] for d in range(2)]
        table = np.concatenate(projected)
        backward = where[rows, reverse]
        reads = np.stack([read + k * len(distinct) for k, read in enumerate([where, backward] * len(self.weights))])
        reads = np.ascontiguousarray(reads.transpose(2, 0, 1))  # steps × directions × sentences
        h_size = self.hidden
        h = np.zeros((directions, count, h_size), dtype=np.float32)
        c = np.zeros_like(h)
        outputs = np.empty((top, directions, count, h_size), dtype=np.float32)
        for t in range(top):
            if t % _STEPS == 0:  # the input gates of the next steps only: one long sentence stays small in memory
                gates_in = table[reads[t : t + _STEPS]]
            gates = gates_in[t % _STEPS] + h @ self.w_hh
            sig = _sigmoid(gates[..., : 3 * h_size])
            c = sig[..., h_size : 2 * h_size] * c + sig[..., :h_size] * np.tanh(gates[..., 3 * h_size :])
            h = sig[..., 2 * h_size :] * np.tanh(c)
            outputs[t] = h
        outputs = outputs.transpose(1, 2, 0, 3)  # directions × sentences × steps × hidden
        total = np.zeros((count, top, len(TAGS)), dtype=np.float32)
        for m, w in enumerate(self.weights):
            both = np.concatenate([outputs[2 * m], outputs[2 * m + 1][rows, reverse]], axis=-1)
            logits = both @ w["out.weight"].T + w["out.bias"]
            logits -= logits.max(axis=-1, keepdims=True)
            e = np.exp(logits)
            total += e / e.sum(axis=-1, keepdims=True)
        total /= len(self.weights)
        return [total[b, : int(n)] for b, n in enumerate(lengths)]

    def _probs(self, sentences: Sequence[Sequence[str]], size: int = 64) -> list[np.ndarray]:
        types: dict[str, int] = {}
        feats = [self.featuriser.sentence(list(s), types) for s in sentences]
        rows = np.stack([self.featuriser.char_row(t) for t in types]) if types else np.zeros((1, MAX_CHARS), np.int64)
        type_features = [self._char_features(m, rows) for m in range(len(self.weights))]
        out: list[np.ndarray] = [np.zeros((0, len(TAGS)))] * len(feats)
        # Sorted by length, a batch pads little; its steps are those of its longest sentence.
        order = sorted((i for i, f in enumerate(feats) if len(f["word"])), key=lambda i: len(feats[i]["word"]))
        for k in range(0, len(order), size):
            idx = order[k : k + size]
            for i, p in zip(idx, self._batch_probs([feats[i] for i in idx], type_features), strict=True):
                out[i] = p
        return out

    def probs(self, sentences: Sequence[Sequence[str]]) -> list[np.ndarray]:
        """Per-token tag probabilities (tokens × ``TAGS``) for each sentence, averaged over the members."""
        # Small products: BLAS threads cost far more than they save (ten times the time on a busy machine).
        with threadpool_limits(limits=1, user_api="blas"):
            return self._probs(sentences)


def torch_available() -> bool:
    """Whether torch can be imported."""
    try:
        import torch  # noqa: F401
    except ImportError:
        return False
    return True


@cache
def shipped_ensemble() -> NumpyEnsemble | None:
    """The shipped neural taggers run with numpy, or None where their file is missing."""
    if not NUMPY_PATH.exists():
        return None
    return NumpyEnsemble.load(shipped_tagger().config)


def main(argv: list[str] | None = None) -> int:
    """``export``: write ``neural.npz`` from ``neural.pt`` (run after training)."""
    parser = argparse.ArgumentParser(prog="python -m khabar.entities.neural")
    parser.add_argument("command", choices=["export"])
    parser.add_argument("--source", type=Path, default=NEURAL_PATH)
    parser.add_argument("--target", type=Path, default=NUMPY_PATH)
    args = parser.parse_args(argv)
    export_numpy(args.source, args.target)
    print(f"{args.source} -> {args.target} ({args.target.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
