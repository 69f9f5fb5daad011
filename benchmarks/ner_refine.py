"""Measure the rules applied after tagging (``khabar.entities.refine``) one by one, on held-back IL-NER and HiNER
validation, with the held-back models ``benchmarks/ner_eval.py --models DIR`` trained and kept.

Scores are entity-level exact match (PER/LOC/ORG) per sentence and per "article" (runs of consecutive held-back
sentences, so that the article-level rules have mentions to share); every step on, each step off alone, none.
Usage: python benchmarks/ner_refine.py DIR [--article N] [--hiner] [--steps a,b] [--crf-only] [--heads TSV] [--head-prob P] [--head-mentions N] [--spread-count N|any]   (never a test split)
"""

from __future__ import annotations

import pickle
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from khabar.entities import corpus, refine  # noqa: E402
from khabar.entities.crf import CONFIG_PATH, CrfTagger  # noqa: E402
from khabar.entities.neural import NeuralEnsemble  # noqa: E402
from khabar.entities.offline import NEURAL_WEIGHT, label_tokens  # noqa: E402
from khabar.entities.train import held_back_split  # noqa: E402


def run(sentences, probs, tagger, members: int, article: int) -> tuple[dict, dict, float]:
    """(sentence-level scores, article-level scores, tokens/s of the sentence pass)."""
    words = [[w for w, _ in s] for s in sentences]
    gold = [[t for _, t in s] for s in sentences]
    started = time.process_time()
    found = [label_tokens(w, tagger=tagger, neural=(p, members) if p is not None else None, candidates=True)
             for w, p in zip(words, probs, strict=True)]
    speed = sum(map(len, words)) / max(time.process_time() - started, 1e-9)
    alone = [[s for s in f if s.source != refine.HEAD_CANDIDATE] for f in found]  # as one sentence would have it
    plain = corpus.score(gold, [corpus.bio_tags(len(w), f) for w, f in zip(words, alone, strict=True)])
    merged = [list(f) for f in found]
    for start in range(0, len(words), article):
        chunk = slice(start, start + article)
        refine.harmonise([[(0, 0, w) for w in s] for s in words[chunk]], merged[chunk])
    whole = corpus.score(gold, [corpus.bio_tags(len(w), f) for w, f in zip(words, merged, strict=True)])
    return plain, whole, speed


def line(name: str, result: dict) -> str:
    cells = " ".join(f"{label} {result[label]['p']:.3f}/{result[label]['r']:.3f}/{result[label]['f1']:.3f}"
                     for label in corpus.LABELS)
    micro = result["ALL"]
    return f"{name:28s} {cells}  micro {micro['p']:.3f}/{micro['r']:.3f}/{micro['f1']:.4f}"


def main(argv: list[str]) -> int:
    if corpus.eval_dir() is None:
        print("skipped: ../shared/eval is not here")
        return 0
    folder = Path(argv[0])
    article = int(argv[argv.index("--article") + 1]) if "--article" in argv else 40
    tagger = CrfTagger(model_path=folder / "heldback.crfsuite", config_path=CONFIG_PATH)
    crf_only = "--crf-only" in argv
    ensemble = None if crf_only else NeuralEnsemble.load(tagger.config, folder / "heldback_neural.pt")
    sets = {} if "--hiner-only" in argv else {"held-back": held_back_split()[1]}
    if "--hiner" in argv or "--hiner-only" in argv:
        sets["HiNER validation"] = corpus.hiner()
    if "--heads" in argv:  # another head list (python -m khabar.entities.heads build --out PATH)
        from khabar.entities import heads

        path = Path(argv[argv.index("--heads") + 1])
        refine.name_heads = lambda: heads.name_heads(path)
    if "--spread-count" in argv:
        value = argv[argv.index("--spread-count") + 1]
        refine.PROPAGATE_MAX_COUNT = None if value == "any" else int(value)
    if "--head-mentions" in argv:
        refine.HEAD_MIN_MENTIONS = int(argv[argv.index("--head-mentions") + 1])
    if "--head-prob" in argv:
        refine.HEAD_NAME_PROB = float(argv[argv.index("--head-prob") + 1])
    everything = set(refine.STEPS)  # the shipped steps; --steps may name the optional ones too
    chosen = argv[argv.index("--steps") + 1].split(",") if "--steps" in argv else sorted(everything)
    for name, sentences in sets.items():
        cache = folder / f"probs-{name.split()[0].lower()}.pkl"
        if crf_only:
            probs = [None] * len(sentences)
        elif cache.exists():
            probs = pickle.loads(cache.read_bytes())
        else:
            probs = ensemble.probs([[w for w, _ in s] for s in sentences])
            cache.write_bytes(pickle.dumps(probs))
        print(f"\n{name}: {len(sentences)} sentences; P/R/F1 per type; articles of {article} sentences")
        configs = [("all steps", everything), ("none", set())]
        configs += [(f"without {step}", everything - {step}) if step in everything else (f"with {step}", everything | {step})
                    for step in chosen]
        for label, steps in configs:
            refine.STEPS.clear()
            refine.STEPS.update(steps)
            plain, whole, speed = run(sentences, probs, tagger, NEURAL_WEIGHT if ensemble else 0, article)
            print(line(label + " / sentence", plain))
            print(line(label + " / article", whole) + f"   ({speed:,.0f} tok/s CRF+rules)", flush=True)
        refine.STEPS.clear()
        refine.STEPS.update(everything)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
