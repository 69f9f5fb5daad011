"""Feature ablations for the Hindi NER CRF on the held-back split of IL-NER train+dev (not a test split).

Usage: python benchmarks/ner_experiments.py [NAME ...]   (skips where ../shared/eval is absent)
"""

# run_all: training

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from khabar.entities import corpus  # noqa: E402
from khabar.entities.clusters import read_clusters  # noqa: E402
from khabar.entities.crf import CLUSTERS_PATH, make_config, read_soft_gazetteer  # noqa: E402
from khabar.entities.train import DEFAULT_PARAMS, augment, evaluate, fit, held_back_split, name_pool  # noqa: E402

BASE = ("word", "affix", "context", "shape")
EXPERIMENTS = {
    "plain": (BASE, False, False),
    "lexicon": (BASE + ("lexicon", "lexicon_context"), False, False),
    "soft": (BASE + ("lexicon", "lexicon_context"), True, False),
    "clusters": (BASE + ("clusters", "cluster_context"), False, False),
    "all": (BASE + ("lexicon", "lexicon_context", "clusters", "cluster_context"), True, False),
    "all+cues": (BASE + ("lexicon", "lexicon_context", "clusters", "cluster_context", "cues"), True, False),
    "all-w3": (BASE + ("lexicon", "lexicon_context", "clusters", "cluster_context"), True, False),
    "all+aug": (BASE + ("lexicon", "lexicon_context", "clusters", "cluster_context"), True, False),
    "all+aug-self": (BASE + ("lexicon", "lexicon_context", "clusters", "cluster_context"), True, False),
    "all+aug-po": (BASE + ("lexicon", "lexicon_context", "clusters", "cluster_context"), True, False),
    "all+hiner": (BASE + ("lexicon", "lexicon_context", "clusters", "cluster_context"), True, True),
}
ALL = EXPERIMENTS["all+cues"][0]
# Regularisation variants of the full feature set: (c1, c2, iterations).
PARAMS = {"c-low": (0.02, 0.005, 200), "c-high": (0.1, 0.05, 200), "c-l2": (0.0, 0.1, 200), "c-long": (0.05, 0.01, 400)}
for _name in PARAMS:
    EXPERIMENTS[_name] = (ALL, True, False)
# The shipped set-up (features "all", PER/ORG name-swap augmentation) under other regularisation.
ADOPTED_PARAMS = {"adopted": None, "adopted-long": (0.05, 0.01, 400), "adopted-c2": (0.05, 0.05, 200),
                  "adopted-c1": (0.15, 0.01, 200)}
for _name in ADOPTED_PARAMS:
    EXPERIMENTS[_name] = (EXPERIMENTS["all"][0], True, False)


def main(names: list[str]) -> int:
    if corpus.eval_dir() is None:
        print("skipped: ../shared/eval is not here")
        return 0
    train, held = held_back_split()
    clusters = read_clusters(CLUSTERS_PATH)
    soft = read_soft_gazetteer()
    hiner = corpus.hiner()
    for name in names or list(EXPERIMENTS):
        groups, use_soft, add_hiner = EXPERIMENTS[name]
        config = make_config(groups, clusters=clusters, soft=soft if use_soft else {}, window=3 if name == "all-w3" else 2)
        data = train + (hiner if add_hiner else [])
        if name == "all+aug":
            data = train + augment(train, name_pool(hiner))
        if name == "all+aug-self":  # swap names among the training sentences themselves
            data = train + augment(train, name_pool(train))
        if name == "all+aug-po" or name in ADOPTED_PARAMS:  # the same for persons and organisations only
            pool = {k: v for k, v in name_pool(train).items() if k in ("PER", "ORG")}
            data = train + augment(train, pool)
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "m.crfsuite"
            params = dict(DEFAULT_PARAMS)
            if name in PARAMS:
                params.update(zip(("c1", "c2", "max_iterations"), PARAMS[name], strict=True))
            if ADOPTED_PARAMS.get(name):
                params.update(zip(("c1", "c2", "max_iterations"), ADOPTED_PARAMS[name], strict=True))
            seconds = fit(data, config, path, params)
            r = evaluate(path, config, held)
        cells = " ".join(f"{k}={r[k]['p']:.3f}/{r[k]['r']:.3f}/{r[k]['f1']:.3f}" for k in ("PER", "LOC", "ORG", "ALL"))
        print(f"{name:10s} {cells} train={seconds:.0f}s {r['tokens_per_s']:,.0f} tok/s", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
