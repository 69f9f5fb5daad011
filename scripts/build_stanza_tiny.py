"""Rebuild tests/data/stanza_hi_tiny/: tiny Hindi stanza models (tokenize, ner, pretrain) for the tests.

They are trained with stanza's own training code (``stanza.models.tokenizer`` on UD Hindi PUD,
``stanza.models.ner_tagger`` on an IL-NER train subset, with small word vectors built here by an SVD of
word co-occurrence counts) so the tests can run a real ``stanza.Pipeline``. They are a test fixture, far too
small to be a model for readers.

    nice .venv/bin/python scripts/build_stanza_tiny.py [--out DIR] [--steps N]

Reads the evaluation data from ``$KHABAR_EVAL_DIR`` or ``../shared/eval``; without it, says so and exits 0.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "data" / "stanza_hi_tiny"
TOKENIZE_PACKAGE = "pud_tiny"
NER_PACKAGE = "ilner_tiny"
PRETRAIN_PACKAGE = "khabar_tiny"
NER_TAGS = ("NEP", "NEL", "NEO", "NEN", "NETI", "NEAR", "NEU", "NEMI", "NETO", "NED", "NEB", "NETE")
VECTOR_DIM = 16
VOCAB = 6000


def eval_dir() -> Path:
    """Where the shared evaluation data lives."""
    return Path(os.environ.get("KHABAR_EVAL_DIR") or ROOT.parent / "shared" / "eval")


def read_conllu(path: Path) -> list[tuple[str, list[str]]]:
    """(text, lines) per sentence of a CoNLL-U file."""
    sentences, lines, text = [], [], ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if lines:
                sentences.append((text, lines))
            lines, text = [], ""
        elif line.startswith("# text ="):
            text = line.split("=", 1)[1].strip()
        elif not line.startswith("#"):
            lines.append(line)
    if lines:
        sentences.append((text, lines))
    return sentences


def write_tokenizer_split(sentences, stem: Path) -> None:
    """A raw text file (paragraphs of five sentences) and its CoNLL-U, as stanza's label builder wants."""
    paragraphs = [" ".join(text for text, _ in sentences[i : i + 5]) for i in range(0, len(sentences), 5)]
    stem.with_suffix(".txt").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    blocks = [f"# text = {text}\n" + "\n".join(lines) + "\n" for text, lines in sentences]
    stem.with_suffix(".conllu").write_text("\n".join(blocks) + "\n", encoding="utf-8")


def read_ilner(path: Path, limit: int) -> list[list[tuple[str, str]]]:
    """IL-NER sentences as (token, BIO tag); malformed tags become O."""
    sentences, current = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if current:
                sentences.append(current)
                current = []
                if len(sentences) >= limit:
                    break
            continue
        parts = line.split("\t")
        if len(parts) != 2 or not parts[0].strip():
            continue
        token, tag = parts[0].strip(), parts[1].strip()
        prefix, _, kind = tag.partition("-")
        if prefix not in ("B", "I") or kind not in NER_TAGS:
            tag = "O"
        current.append((token, tag))
    if current and len(sentences) < limit:
        sentences.append(current)
    return sentences


def build_vectors(token_lists: list[list[str]], path: Path) -> None:
    """Word vectors from an SVD of log co-occurrence counts (window 2), written in word2vec text format."""
    counts = Counter(t for tokens in token_lists for t in tokens)
    vocab = [w for w, _ in counts.most_common(VOCAB)]
    index = {w: i for i, w in enumerate(vocab)}
    matrix = np.zeros((len(vocab), len(vocab)), dtype=np.float32)
    for tokens in token_lists:
        ids = [index.get(t, -1) for t in tokens]
        for i, a in enumerate(ids):
            if a < 0:
                continue
            for b in ids[max(0, i - 2) : i]:
                if b >= 0:
                    matrix[a, b] += 1
                    matrix[b, a] += 1
    matrix = np.log1p(matrix)
    # A randomised truncated SVD (the matrix is symmetric): a full SVD of it would take many minutes.
    rng = np.random.default_rng(0)
    sketch = matrix @ rng.standard_normal((len(vocab), VECTOR_DIM + 8)).astype(np.float32)
    for _ in range(2):
        sketch = matrix @ (matrix @ sketch)
    basis, _ = np.linalg.qr(sketch)
    small_u, s, _ = np.linalg.svd(basis.T @ matrix, full_matrices=False)
    vectors = (basis @ small_u)[:, :VECTOR_DIM] * np.sqrt(s[:VECTOR_DIM])
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-6
    with path.open("w", encoding="utf-8") as out:
        out.write(f"{len(vocab)} {VECTOR_DIM}\n")
        for word, row in zip(vocab, vectors, strict=True):
            out.write(word + " " + " ".join(f"{x:.4f}" for x in row) + "\n")


def resources_json() -> dict:
    """The resources.json stanza's Pipeline reads to find the three models."""
    return {
        "hi": {
            "lang_name": "Hindi",
            "packages": {"default": {"tokenize": TOKENIZE_PACKAGE, "ner": NER_PACKAGE}},
            "tokenize": {TOKENIZE_PACKAGE: {}},
            "pretrain": {PRETRAIN_PACKAGE: {}},
            "ner": {NER_PACKAGE: {"dependencies": [{"model": "pretrain", "package": PRETRAIN_PACKAGE}]}},
            "default_processors": {"tokenize": TOKENIZE_PACKAGE, "ner": NER_PACKAGE},
            "default_dependencies": {},
        }
    }


def main(argv: list[str] | None = None) -> int:
    """Train the three models and lay them out as a stanza resources directory."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--steps", type=int, default=300, help="tokenizer training steps")
    parser.add_argument("--ner-steps", type=int, default=800, help="NER training steps")
    parser.add_argument("--ner-sentences", type=int, default=3000)
    parser.add_argument("--only", choices=("tokenize", "ner"), help="rebuild one model, keeping the other")
    args = parser.parse_args(argv)
    data = eval_dir()
    pud = data / "ud_hindi_pud" / "hi_pud-ud-test.conllu"
    ilner = data / "il_ner_hindi" / "Hindi-train.no-test-overlap.txt"
    ilner_dev = data / "il_ner_hindi" / "Hindi-dev.no-test-overlap.txt"
    if not (pud.exists() and ilner.exists() and ilner_dev.exists()):
        print(f"skipped: the evaluation data is not in {data} (set KHABAR_EVAL_DIR)", file=sys.stderr)
        return 0
    import torch

    torch.set_num_threads(1)  # small models: more threads only fight over a shared CPU
    work = Path(tempfile.mkdtemp(prefix="stanza_tiny_"))
    out = args.out
    for kind in ("tokenize", "ner", "pretrain"):
        (out / "hi" / kind).mkdir(parents=True, exist_ok=True)

    # Tokenizer: UD Hindi PUD, 900 sentences to train, 100 to pick the best step.
    sentences = read_conllu(pud)
    if args.only != "ner":
        train_tokenizer(sentences, work, out, args.steps)
    if args.only != "tokenize":
        train_ner(sentences, ilner, ilner_dev, work, out, args)
    (out / "resources.json").write_text(json.dumps(resources_json(), indent=1) + "\n", encoding="utf-8")
    shutil.rmtree(work, ignore_errors=True)
    total = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    print(f"wrote {out} ({total / 1e6:.2f} MB)", file=sys.stderr)
    return 0


def train_tokenizer(sentences, work: Path, out: Path, steps: int) -> None:
    """stanza's tokenizer trainer on PUD, the best dev step kept."""
    from stanza.models import tokenizer
    from stanza.utils.datasets import prepare_tokenizer_data

    for name, part in (("train", sentences[:900]), ("dev", sentences[900:])):
        write_tokenizer_split(part, work / f"tok_{name}")
        prepare_tokenizer_data.main([str(work / f"tok_{name}.txt"), str(work / f"tok_{name}.conllu"),
                                     "-o", str(work / f"tok_{name}.toklabels"), "-m", str(work / f"tok_{name}_mwt.json")])
    tokenizer.main([
        "--mode", "train", "--lang", "hi", "--shorthand", "hi_tiny",
        "--txt_file", str(work / "tok_train.txt"), "--label_file", str(work / "tok_train.toklabels"),
        "--mwt_json_file", str(work / "tok_train_mwt.json"),
        "--dev_txt_file", str(work / "tok_dev.txt"), "--dev_label_file", str(work / "tok_dev.toklabels"),
        "--dev_conll_gold", str(work / "tok_dev.conllu"), "--conll_file", str(work / "tok_dev.pred.conllu"),
        "--emb_dim", "16", "--hidden_dim", "24", "--steps", str(steps), "--eval_steps", "250",
        "--save_dir", str(work), "--save_name", "tokenize.pt", "--cpu",
    ])
    shutil.copy(work / "tokenize.pt", out / "hi" / "tokenize" / f"{TOKENIZE_PACKAGE}.pt")


def train_ner(sentences, ilner: Path, ilner_dev: Path, work: Path, out: Path, args) -> None:
    """Word vectors, stanza's pretrain file from them, then stanza's NER trainer on an IL-NER subset."""
    from stanza.models import ner_tagger
    from stanza.models.common.pretrain import Pretrain

    # Word vectors from the project's unlabelled and NER training text, then stanza's pretrain file.
    train_sentences = read_ilner(ilner, args.ner_sentences)
    dev_sentences = read_ilner(ilner_dev, 300)
    token_lists = [[t for t, _ in s] for s in train_sentences] + [
        [line.split("\t")[1] for line in lines] for _, lines in sentences
    ]
    build_vectors(token_lists, work / "vectors.txt")
    pretrain_path = out / "hi" / "pretrain" / f"{PRETRAIN_PACKAGE}.pt"
    pretrain_path.unlink(missing_ok=True)
    Pretrain(str(pretrain_path), str(work / "vectors.txt")).load()

    # NER: an IL-NER train subset, scored on part of IL-NER dev.
    for name, part in (("train", train_sentences), ("dev", dev_sentences)):
        doc = [[{"text": t, "ner": tag} for t, tag in s] for s in part]
        (work / f"ner_{name}.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    ner_tagger.main([
        "--mode", "train", "--shorthand", "hi_tiny",
        "--train_file", str(work / "ner_train.json"), "--eval_file", str(work / "ner_dev.json"),
        "--wordvec_pretrain_file", str(pretrain_path),
        # No character model: on a shared CPU it makes each step many times slower, and a fixture needs none.
        "--hidden_dim", "32", "--no_char", "--word_emb_dim", str(VECTOR_DIM), "--batch_size", "16",
        "--max_steps", str(args.ner_steps), "--eval_interval", "100", "--optim", "adam", "--lr", "0.003",
        "--save_dir", str(work), "--save_name", "ner.pt", "--cpu",
    ])
    shutil.copy(work / "ner.pt", out / "hi" / "ner" / f"{NER_PACKAGE}.pt")


if __name__ == "__main__":
    sys.exit(main())
