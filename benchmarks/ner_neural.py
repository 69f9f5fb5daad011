"""Experiment: a small neural tagger (char-CNN + word, cluster and lexicon embeddings + BiLSTM, softmax with
BIO-constrained Viterbi) against the shipped CRF on the held-back split of IL-NER train+dev (never a test split),
alone and averaged with the CRF's marginals.

Usage: python benchmarks/ner_neural.py [--epochs N] [--hidden N] [--seeds S ...] [--vectors NPZ] [--crf MODEL]
                                      [--threads N] [--no-augment] [--save PREFIX]
``--crf`` is a CRF trained on the held-back split's training part (``python benchmarks/ner_eval.py --save M``);
without it only the neural taggers are scored. With several ``--seeds`` one tagger is trained per seed and
their probabilities are averaged with equal weights (and with the CRF's marginals, the CRF as one more member). Epochs are chosen on a seeded 5% of the training part, not on
the held-back sentences. Skips where ../shared/eval is absent.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402
import torch  # noqa: E402
from torch import nn  # noqa: E402

from khabar.entities import corpus  # noqa: E402
from khabar.entities.clusters import read_clusters  # noqa: E402
from khabar.entities.crf import CLUSTERS_PATH, CONFIG_PATH, CrfTagger, make_config, read_soft_gazetteer  # noqa: E402
from khabar.entities.features import _phrase_tags, _shape  # noqa: E402
from khabar.entities.train import DEFAULT_GROUPS, held_back_split, with_augmentation  # noqa: E402
from khabar.text import match_key  # noqa: E402

TAGS = ("O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG")
MAX_CHARS = 16


def allowed(prev: str, tag: str) -> bool:
    """Whether BIO allows ``tag`` after ``prev`` (``prev`` "<s>" at the start)."""
    return not tag.startswith("I-") or (prev != "<s>" and prev != "O" and prev[2:] == tag[2:])


TRANS = np.array([[0.0 if allowed(p, t) else -1e9 for t in TAGS] for p in TAGS])
START = np.array([0.0 if allowed("<s>", t) else -1e9 for t in TAGS])


def viterbi(logp: np.ndarray) -> list[str]:
    """The best BIO-valid tag sequence for per-token log probabilities (n × tags)."""
    n = len(logp)
    score = START + logp[0]
    back = np.zeros((n, len(TAGS)), dtype=int)
    for i in range(1, n):
        total = score[:, None] + TRANS
        back[i] = total.argmax(0)
        score = total.max(0) + logp[i]
    best = [int(score.argmax())]
    for i in range(n - 1, 0, -1):
        best.append(int(back[i][best[-1]]))
    return [TAGS[k] for k in reversed(best)]


class Featuriser:
    """Token → ids: word, three cluster levels, shape, lexicon types (multi-hot) and characters."""

    def __init__(self, train: list[corpus.Sentence], vectors: dict[str, np.ndarray] | None = None) -> None:
        counts = Counter(match_key(t) for s in train for t, _ in s)
        known = {w for w, c in counts.items() if c >= 2} | set(vectors or ())
        self.words = {w: i + 2 for i, w in enumerate(sorted(known))}
        self.vectors = vectors or {}
        self.config = make_config(DEFAULT_GROUPS, clusters=read_clusters(CLUSTERS_PATH), soft=read_soft_gazetteer())
        levels = [sorted({c[k] for c in self.config.clusters.values() if len(c) > k}) for k in range(3)]
        self.cluster_ids = [{c: i + 1 for i, c in enumerate(level)} for level in levels]
        lex_names = sorted({t for types in self.config.gazetteer.values() for t in types})
        lex_names += [f"{p}-{k}" for k in ("PER", "LOC", "ORG", "NORP") for p in "BI"]
        self.lex = {name: i for i, name in enumerate(lex_names)}
        self.shapes = {s: i + 1 for i, s in enumerate(("digit", "punct", "deva", "latin-cap", "latin", "mixed-digit", "other"))}
        chars = Counter(ch for s in train for t, _ in s for ch in unicodedata.normalize("NFC", t))
        self.chars = {ch: i + 2 for i, ch in enumerate(sorted(ch for ch, c in chars.items() if c >= 3))}

    def sentence(self, tokens: list[str]) -> dict[str, np.ndarray]:
        """The id arrays of one sentence."""
        keys = [match_key(t) for t in tokens]
        n = len(tokens)
        phrase = _phrase_tags(keys, self.config)
        word = np.array([self.words.get(k, 1) for k in keys], dtype=np.int64)
        clus = np.zeros((n, 3), dtype=np.int64)
        lex = np.zeros((n, len(self.lex)), dtype=np.float32)
        chars = np.zeros((n, MAX_CHARS), dtype=np.int64)
        shape = np.zeros(n, dtype=np.int64)
        for i, (token, key) in enumerate(zip(tokens, keys, strict=True)):
            for level, cid in enumerate(self.config.clusters.get(key, ())[:3]):
                clus[i, level] = self.cluster_ids[level].get(cid, 0)
            for kind in self.config.gazetteer.get(key, ()):
                lex[i, self.lex[kind]] = 1.0
            if phrase[i] and phrase[i] in self.lex:
                lex[i, self.lex[phrase[i]]] = 1.0
            shape[i] = self.shapes.get(_shape(token), 0)
            text = unicodedata.normalize("NFC", token)[:MAX_CHARS]
            chars[i, : len(text)] = [self.chars.get(ch, 1) for ch in text]
        return {"word": word, "clus": clus, "lex": lex, "chars": chars, "shape": shape}


def batch(items: list[dict[str, np.ndarray]]) -> tuple[dict[str, torch.Tensor], torch.Tensor]:
    """Pad a list of featurised sentences into tensors; also return the lengths."""
    lengths = torch.tensor([len(x["word"]) for x in items])
    top = int(lengths.max())
    out = {}
    for name in items[0]:
        shape = (len(items), top, *items[0][name].shape[1:])
        arr = np.zeros(shape, dtype=items[0][name].dtype)
        for b, x in enumerate(items):
            arr[b, : len(x[name])] = x[name]
        out[name] = torch.from_numpy(arr)
    return out, lengths


class Tagger(nn.Module):
    """char-CNN + word/cluster/lexicon/shape embeddings → BiLSTM → tag scores."""

    def __init__(self, f: Featuriser, word_dim: int = 64, hidden: int = 128) -> None:
        super().__init__()
        if f.vectors:
            word_dim = len(next(iter(f.vectors.values())))
        self.word = nn.Embedding(len(f.words) + 2, word_dim, padding_idx=0)
        if f.vectors:  # start from the PPMI vectors of the unlabelled text, scaled like the random rows
            with torch.no_grad():
                scale = float(self.word.weight[2:].norm(dim=1).mean())
                for w, i in f.words.items():
                    if w in f.vectors:
                        self.word.weight[i] = torch.from_numpy(f.vectors[w]) * scale
        self.clus = nn.ModuleList(nn.Embedding(len(ids) + 1, 16, padding_idx=0) for ids in f.cluster_ids)
        self.lex = nn.Linear(len(f.lex), 16)
        self.shape = nn.Embedding(len(f.shapes) + 1, 4, padding_idx=0)
        self.char = nn.Embedding(len(f.chars) + 2, 24, padding_idx=0)
        self.conv = nn.Conv1d(24, 64, kernel_size=3, padding=1)
        self.drop = nn.Dropout(0.33)
        self.lstm = nn.LSTM(word_dim + 48 + 16 + 4 + 64, hidden, batch_first=True, bidirectional=True)
        self.out = nn.Linear(2 * hidden, len(TAGS))

    def forward(self, x: dict[str, torch.Tensor], lengths: torch.Tensor) -> torch.Tensor:
        b, n, c = x["chars"].shape
        ch = self.char(x["chars"].view(b * n, c)).transpose(1, 2)
        ch = torch.relu(self.conv(ch)).max(dim=2).values.view(b, n, -1)
        parts = [self.word(x["word"]), *(emb(x["clus"][:, :, k]) for k, emb in enumerate(self.clus)),
                 self.lex(x["lex"]), self.shape(x["shape"]), ch]
        h = self.drop(torch.cat(parts, dim=-1))
        packed = nn.utils.rnn.pack_padded_sequence(h, lengths, batch_first=True, enforce_sorted=False)
        out, _ = self.lstm(packed)
        out, _ = nn.utils.rnn.pad_packed_sequence(out, batch_first=True, total_length=n)
        return self.out(self.drop(out))


def log_probs(model: Tagger, feats: list[dict[str, np.ndarray]], size: int = 64) -> list[np.ndarray]:
    """Per-token log probabilities for each featurised sentence."""
    model.eval()
    out: list[np.ndarray | None] = [None] * len(feats)
    order = sorted(range(len(feats)), key=lambda i: len(feats[i]["word"]))
    with torch.no_grad():
        for start in range(0, len(order), size):
            idx = order[start : start + size]
            x, lengths = batch([feats[i] for i in idx])
            lp = torch.log_softmax(model(x, lengths), dim=-1).numpy()
            for row, i in enumerate(idx):
                out[i] = lp[row, : int(lengths[row])]
    return out  # type: ignore[return-value]


def train_model(f: Featuriser, train: list[corpus.Sentence], dev: list[corpus.Sentence], epochs: int,
                seed: int = 1, hidden: int = 128) -> tuple[Tagger, list[float]]:
    """Train with Adam and word dropout; keep the epoch best on ``dev``."""
    torch.manual_seed(seed)
    rng = random.Random(seed)
    model = Tagger(f, hidden=hidden)
    optimiser = torch.optim.Adam(model.parameters(), lr=2e-3)
    feats = [f.sentence([t for t, _ in s]) for s in train]
    gold = [torch.tensor([TAGS.index(tag) for _, tag in s]) for s in train]
    dev_feats = [f.sentence([t for t, _ in s]) for s in dev]
    best, best_state, history = -1.0, None, []
    for epoch in range(epochs):
        model.train()
        order = sorted(range(len(feats)), key=lambda i: (len(feats[i]["word"]) + rng.random() * 8))
        batches = [order[i : i + 32] for i in range(0, len(order), 32)]
        rng.shuffle(batches)
        started, total = time.time(), 0.0
        for idx in batches:
            x, lengths = batch([feats[i] for i in idx])
            keep = torch.rand(x["word"].shape) > 0.1  # word dropout: learn to tag from context and characters
            x["word"] = torch.where(keep | (x["word"] == 0), x["word"], torch.ones_like(x["word"]))
            y = nn.utils.rnn.pad_sequence([gold[i] for i in idx], batch_first=True, padding_value=-100)
            loss = nn.functional.cross_entropy(model(x, lengths).reshape(-1, len(TAGS)), y.reshape(-1),
                                               ignore_index=-100)
            optimiser.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            optimiser.step()
            total += loss.item()
        predicted = [viterbi(lp) for lp in log_probs(model, dev_feats)]
        f1 = corpus.score([[t for _, t in s] for s in dev], predicted)["ALL"]["f1"]
        history.append(f1)
        print(f"epoch {epoch + 1}: loss {total / len(batches):.4f} dev F1 {f1:.3f} ({time.time() - started:.0f}s)",
              flush=True)
        if f1 > best:
            best, best_state = f1, {k: v.clone() for k, v in model.state_dict().items()}
    model.load_state_dict(best_state)
    return model, history


def crf_log_probs(tagger: CrfTagger, tokens: list[str]) -> np.ndarray:
    """The CRF's per-token marginal log probabilities."""
    tagger.tag(tokens)
    m = np.array([[tagger.marginal(t, i) for t in TAGS] for i in range(len(tokens))])
    return np.log(np.clip(m, 1e-9, 1.0))


def report(name: str, result: dict) -> None:
    cells = " ".join(f"{k}={result[k]['p']:.3f}/{result[k]['r']:.3f}/{result[k]['f1']:.3f}"
                     for k in ("PER", "LOC", "ORG", "ALL"))
    print(f"{name:22s} {cells}", flush=True)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=12)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--crf")
    parser.add_argument("--no-augment", action="store_true")
    parser.add_argument("--save", help="prefix for the trained taggers' state dicts (PREFIX.SEED.pt)")
    parser.add_argument("--hidden", type=int, default=128)
    parser.add_argument("--seeds", type=int, nargs="+", default=[1])
    parser.add_argument("--vectors", help="npz with words and vectors (PPMI, from khabar.entities.clusters)")
    args = parser.parse_args(argv)
    if corpus.eval_dir() is None:
        print("skipped: ../shared/eval is not here")
        return 0
    torch.set_num_threads(args.threads)
    train, held = held_back_split()
    rng = random.Random(5)
    order = list(range(len(train)))
    rng.shuffle(order)
    dev_ids = set(order[: len(train) // 20])
    dev = [train[i] for i in sorted(dev_ids)]
    fit_part = [s for i, s in enumerate(train) if i not in dev_ids]
    data = fit_part if args.no_augment else with_augmentation(fit_part)
    vectors = None
    if args.vectors:
        loaded = np.load(args.vectors)
        vectors = dict(zip(loaded["words"].tolist(), loaded["vectors"], strict=True))
    f = Featuriser(fit_part, vectors)
    gold = [[t for _, t in s] for s in held]
    words = [[w for w, _ in s] for s in held]
    members = []
    for seed in args.seeds:
        torch.set_num_threads(args.threads)
        started = time.time()
        model, _ = train_model(f, data, dev, args.epochs, seed=seed, hidden=args.hidden)
        print(f"seed {seed}: trained on {len(data)} sentences in {time.time() - started:.0f}s; "
              f"{sum(p.numel() for p in model.parameters()):,} parameters")
        if args.save:
            torch.save(model.state_dict(), f"{args.save}.{seed}.pt")
        torch.set_num_threads(1)
        started = time.process_time()
        lp = log_probs(model, [f.sentence(w) for w in words])
        nn_tags = [viterbi(x) for x in lp]
        speed = sum(map(len, words)) / (time.process_time() - started)
        report(f"neural seed {seed}", corpus.score(gold, nn_tags))
        print(f"neural speed, one thread, features and decoding included: {speed:,.0f} tokens/s")
        members.append([np.exp(x) for x in lp])
    if len(members) > 1:
        mean = [sum(parts) / len(parts) for parts in zip(*members, strict=True)]
        report("neural mean", corpus.score(gold, [viterbi(np.log(p)) for p in mean]))
    if args.crf:
        tagger = CrfTagger(model_path=Path(args.crf), config_path=CONFIG_PATH)
        crf = [np.exp(crf_log_probs(tagger, w)) for w in words]
        report("crf (marginal viterbi)", corpus.score(gold, [viterbi(np.log(p)) for p in crf]))
        everything = [*members, crf]
        mixed = [sum(parts) / len(parts) for parts in zip(*everything, strict=True)]
        report("crf + neural, equal", corpus.score(gold, [viterbi(np.log(p)) for p in mixed]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
