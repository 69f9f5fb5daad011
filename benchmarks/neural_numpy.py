"""The numpy tagger the offline engine runs against the torch network it was exported from, on IL-NER dev.

Usage: python benchmarks/neural_numpy.py [--limit N]

Reports the largest difference of a tag probability, how many tokens and sentences get the same Viterbi tags,
each side's time (one thread each), and the whole offline engine's F1 with either tagger. Needs torch (the dev
requirements) and ../shared/eval (or $KHABAR_EVAL_DIR); skips without them.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402

from khabar.entities import corpus  # noqa: E402
from khabar.entities.crf import shipped_tagger  # noqa: E402
from khabar.entities.neural import NumpyEnsemble, viterbi  # noqa: E402
from khabar.entities.train import evaluate_engine  # noqa: E402


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, help="the first N sentences only")
    args = parser.parse_args(argv)
    try:
        import torch
    except ImportError:
        print("skipped: torch is not installed (pip install -r requirements-dev.txt)")
        return 0
    if corpus.eval_dir() is None:
        print("skipped: ../shared/eval is not here")
        return 0
    from khabar.entities.neural import NeuralEnsemble

    sentences = corpus.il_ner("dev")[: args.limit]
    words = [[w for w, _ in s] for s in sentences]
    config = shipped_tagger().config
    torch.set_num_threads(1)
    ensembles = {"torch": NeuralEnsemble.load(config), "numpy": NumpyEnsemble.load(config)}
    probs, seconds = {}, {}
    for name, ensemble in ensembles.items():
        started = time.perf_counter()
        probs[name] = ensemble.probs(words)
        seconds[name] = time.perf_counter() - started
    tokens = sum(len(w) for w in words)
    tags = {name: [viterbi(p) for p in found] for name, found in probs.items()}
    same_tokens = sum(a == b for x, y in zip(tags["torch"], tags["numpy"], strict=True)
                      for a, b in zip(x, y, strict=True))
    same_sentences = sum(x == y for x, y in zip(tags["torch"], tags["numpy"], strict=True))
    largest = max((float(np.abs(a - b).max()) for a, b in zip(probs["torch"], probs["numpy"], strict=True) if len(a)),
                  default=0.0)
    print(f"IL-NER dev: {len(words)} sentences, {tokens} tokens")
    print(f"largest probability difference: {largest:.2e}")
    print(f"same tags: {same_tokens}/{tokens} tokens ({same_tokens / max(tokens, 1):.2%}), "
          f"{same_sentences}/{len(words)} sentences")
    for name in ensembles:
        print(f"{name:6s} taggers: {seconds[name]:.2f} s ({len(words) / seconds[name]:,.0f} sentences/s)")
    tagger = shipped_tagger()
    for name, ensemble in ensembles.items():
        result = evaluate_engine(tagger, sentences, ensemble)
        print(f"engine F1 with the {name} taggers: " + " ".join(
            f"{k}={result[k]['f1']:.3f}" for k in (*corpus.LABELS, "ALL")))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
