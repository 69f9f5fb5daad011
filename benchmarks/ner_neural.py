"""Experiment: the shipped neural tagger (``khabar/entities/neural.py``: char-CNN + word, cluster, lexicon and
shape embeddings + BiLSTM, softmax with BIO-constrained Viterbi) against the shipped CRF on the held-back split of
IL-NER train+dev (never a test split), alone and averaged with the CRF's marginals.

Usage: python benchmarks/ner_neural.py [--epochs N] [--hidden N] [--seeds S ...] [--crf MODEL] [--threads N]
                                      [--no-augment] [--save PREFIX] [--limit N]
Training, featurising, decoding and the epoch choice are those of ``khabar.entities.train.fit_neural`` (one
tagger per seed; epochs chosen on a seeded 5% of the training part, not on the held-back sentences).
``--crf`` is a CRF trained on the held-back split's training part (``python benchmarks/ner_eval.py --save M``);
without it only the neural taggers are scored. With several ``--seeds`` their probabilities are averaged with
equal weights (and with the CRF's marginals, the CRF as one more member). ``--limit`` keeps the first N
training and held-back sentences (a smoke test). Skips where ../shared/eval is absent.
"""

# run_all: training

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402
import torch  # noqa: E402

from khabar.entities import corpus  # noqa: E402
from khabar.entities.clusters import read_clusters  # noqa: E402
from khabar.entities.crf import CLUSTERS_PATH, CONFIG_PATH, CrfTagger, make_config, read_soft_gazetteer  # noqa: E402
from khabar.entities.neural import TAGS, _probs, viterbi  # noqa: E402
from khabar.entities.train import DEFAULT_GROUPS, fit_neural, held_back_split  # noqa: E402


def crf_probs(tagger: CrfTagger, tokens: list[str]) -> np.ndarray:
    """The CRF's per-token marginal probabilities (tokens × ``TAGS``)."""
    tagger.tag(tokens)
    return np.array([[tagger.marginal(t, i) for t in TAGS] for i in range(len(tokens))])


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
    parser.add_argument("--limit", type=int, help="keep the first N training and held-back sentences (smoke test)")
    args = parser.parse_args(argv)
    if corpus.eval_dir() is None:
        print("skipped: ../shared/eval is not here")
        return 0
    torch.set_num_threads(args.threads)
    train, held = held_back_split()
    if args.limit:
        train, held = train[: args.limit], held[: args.limit]
    config = make_config(DEFAULT_GROUPS, clusters=read_clusters(CLUSTERS_PATH), soft=read_soft_gazetteer())
    gold = [[t for _, t in s] for s in held]
    words = [[w for w, _ in s] for s in held]
    members = []
    for seed in args.seeds:
        torch.set_num_threads(args.threads)
        started = time.time()
        ensemble = fit_neural(train, config, seeds=[seed], epochs=args.epochs, hidden=args.hidden,
                              augment=not args.no_augment)
        model = ensemble.models[0]
        print(f"seed {seed}: trained in {time.time() - started:.0f}s; "
              f"{sum(p.numel() for p in model.parameters()):,} parameters")
        if args.save:
            torch.save(model.state_dict(), f"{args.save}.{seed}.pt")
        torch.set_num_threads(1)
        started = time.process_time()
        probs = _probs(model, [ensemble.featuriser.sentence(w) for w in words])
        nn_tags = [viterbi(p) for p in probs]
        speed = sum(map(len, words)) / max(time.process_time() - started, 1e-9)
        report(f"neural seed {seed}", corpus.score(gold, nn_tags))
        print(f"neural speed, one thread, features and decoding included: {speed:,.0f} tokens/s")
        members.append(probs)
    if len(members) > 1:
        mean = [sum(parts) / len(parts) for parts in zip(*members, strict=True)]
        report("neural mean", corpus.score(gold, [viterbi(p) for p in mean]))
    if args.crf:
        tagger = CrfTagger(model_path=Path(args.crf), config_path=CONFIG_PATH)
        crf = [crf_probs(tagger, w) for w in words]
        report("crf (marginal viterbi)", corpus.score(gold, [viterbi(p) for p in crf]))
        everything = [*members, crf]
        mixed = [sum(parts) / len(parts) for parts in zip(*everything, strict=True)]
        report("crf + neural, equal", corpus.score(gold, [viterbi(p) for p in mixed]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
