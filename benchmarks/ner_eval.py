"""Entity-level exact-match P/R/F1 (PER/LOC/ORG) of the offline NER on the held-back split, and its speed.

The held-back split is IL-NER dev plus a seeded eighth of IL-NER train (never a test split). The shipped
models have seen those sentences, so this trains the same configuration (the CRF, and the neural taggers
where the shipped settings have them) on the rest first (several minutes).
Usage: python benchmarks/ner_eval.py [--sweep] [--save MODEL_PATH] [--models DIR] [--crf-only]
(skips where ../shared/eval is absent; ``--crf-only`` leaves the neural taggers out: they take hours on a busy
two-core machine).
``--models DIR`` keeps the held-back CRF and neural taggers in DIR and reuses them on the next run (for measuring
changes after tagging without retraining).
"""

# run_all: training

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from khabar.entities import corpus, offline  # noqa: E402
from khabar.entities.clusters import read_clusters  # noqa: E402
from khabar.entities.crf import CLUSTERS_PATH, CONFIG_PATH, CrfTagger, make_config, read_soft_gazetteer  # noqa: E402
from khabar.entities.offline import OfflineNer, label_tokens  # noqa: E402
from khabar.entities.train import (  # noqa: E402
    ARTICLE_SENTENCES,
    evaluate_engine,
    fit,
    fit_neural,
    held_back_split,
    with_augmentation,
)
from khabar.pipeline import make_article  # noqa: E402


def report(name: str, result: dict) -> None:
    print(f"\n{name}")
    print(f"{'type':6s} {'P':>6s} {'R':>6s} {'F1':>6s} {'gold':>6s}")
    for label in (*corpus.LABELS, "ALL"):
        r = result[label]
        print(f"{label if label != 'ALL' else 'micro':6s} {r['p']:6.3f} {r['r']:6.3f} {r['f1']:6.3f} {r['gold']:6d}")


def main(argv: list[str]) -> int:
    if corpus.eval_dir() is None:
        print("skipped: ../shared/eval is not here")
        return 0
    train, held = held_back_split()
    with tempfile.TemporaryDirectory() as tmp:
        keep = Path(argv[argv.index("--models") + 1]) if "--models" in argv else None
        folder = keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        model = folder / "heldback.crfsuite"
        tagger_settings = json.loads(CONFIG_PATH.read_text(encoding="utf-8"))
        config = make_config(tagger_settings["groups"], clusters=read_clusters(CLUSTERS_PATH),
                             soft=read_soft_gazetteer() if tagger_settings.get("soft_gazetteer") else {},
                             window=tagger_settings.get("window", 2))
        data = with_augmentation(train) if tagger_settings.get("augment") else train
        seconds = 0.0 if keep and model.exists() else fit(data, config, model, tagger_settings["params"])
        if "--save" in argv:  # keep the held-back model for error analysis
            import shutil

            shutil.copy(model, argv[argv.index("--save") + 1])
        print(f"trained on {len(train)} sentences in {seconds:.0f}s; held back {len(held)} sentences "
              f"({sum(len(s) for s in held)} tokens)")
        tagger = CrfTagger(model_path=model, config_path=CONFIG_PATH)
        gold = [[t for _, t in s] for s in held]
        words = [[w for w, _ in s] for s in held]
        started = time.process_time()
        crf_only = [tagger.tag(w) for w in words]
        crf_speed = sum(map(len, words)) / (time.process_time() - started)
        report("CRF alone", corpus.score(gold, crf_only))
        started = time.process_time()
        engine = [corpus.bio_tags(len(w), label_tokens(w, tagger=tagger)) for w in words]
        engine_speed = sum(map(len, words)) / (time.process_time() - started)
        report(f"engine (CRF + lexicon back-off below {offline.BACKOFF_MAX_COUNT} occurrences + rules)",
               corpus.score(gold, engine))
        report(f"the same, articles of {ARTICLE_SENTENCES} consecutive sentences (one sense per article)",
               evaluate_engine(tagger, held, article=ARTICLE_SENTENCES))
        if tagger_settings.get("neural") and "--crf-only" not in argv:
            import torch

            from khabar.entities.neural import NeuralEnsemble

            saved = folder / "heldback_neural.pt"
            if keep and saved.exists():
                ensemble = NeuralEnsemble.load(tagger.config, saved)
            else:
                ensemble = fit_neural(train, tagger.config)
                if keep:
                    ensemble.save(saved)
            torch.set_num_threads(1)
            report("CRF + neural taggers", evaluate_engine(tagger, held, ensemble, full=False))
            result = evaluate_engine(tagger, held, ensemble)
            report("engine as shipped (CRF + neural taggers + lexicon + rules)", result)
            report(f"the same, articles of {ARTICLE_SENTENCES} consecutive sentences",
                   evaluate_engine(tagger, held, ensemble, article=ARTICLE_SENTENCES))
            print(f"engine as shipped, one core: {result['tokens_per_s']:,.0f} tokens/s")
        if "--sweep" in argv:
            print("\nlexicon back-off threshold sweep (micro P/R/F1):")
            for limit in (0, 3, 10, 30, 100, None):
                offline.BACKOFF_MAX_COUNT = limit
                tags = [corpus.bio_tags(len(w), label_tokens(w, tagger=tagger)) for w in words]
                r = corpus.score(gold, tags)["ALL"]
                print(f"  {'any' if limit is None else limit!s:>4}: {r['p']:.3f} {r['r']:.3f} {r['f1']:.3f}")
    print(f"\nspeed on one core (CPU time, features included): CRF {crf_speed:,.0f} tokens/s; engine {engine_speed:,.0f} tokens/s")
    article = make_article("\n".join(" ".join(w) for w in words[:1500]))
    started = time.process_time()
    spans = OfflineNer().recognize(article.text, article.sentences)
    elapsed = time.process_time() - started
    print(f"OfflineNer.recognize over an article of {len(article.sentences)} sentences (tokenising, CRF, lexicon, "
          f"rules, propagation), CPU time: {sum(map(len, words[:1500])) / elapsed:,.0f} tokens/s, {len(spans)} spans")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
