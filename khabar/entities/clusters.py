"""Word clusters from unlabelled Hindi text: distributional vectors (PPMI of neighbouring words, reduced by
an eigen-decomposition) grouped by k-means at several granularities. Names that never occur in the labelled
data still land in the clusters of names that do, which is what lets the CRF generalise to them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from khabar.text import match_key


def ppmi_vectors(sentences: Iterable[list[str]], *, min_count: int = 2, contexts: int = 1500, dims: int = 80):
    """``(words, vectors)``: a unit-length ``dims``-dimensional PPMI vector (±2 word contexts, reduced by an
    eigen-decomposition) for every word seen at least ``min_count`` times, commonest first."""
    import numpy as np

    corpus = [[match_key(t) for t in sentence] for sentence in sentences]
    counts = Counter(t for sentence in corpus for t in sentence)
    vocab = [w for w, c in counts.most_common() if c >= min_count]
    index = {w: i for i, w in enumerate(vocab)}
    context_words = [w for w, _ in counts.most_common(contexts)]
    cindex = {w: i for i, w in enumerate(context_words)}
    width = len(context_words) + 1  # the last column collects every rarer context word
    matrix = np.zeros((len(vocab), 4 * width), dtype=np.float32)
    for sentence in corpus:
        padded = ["<s>", "<s>"] + sentence + ["</s>", "</s>"]
        for i in range(2, len(padded) - 2):
            row = index.get(padded[i])
            if row is None:
                continue
            for slot, offset in enumerate((-2, -1, 1, 2)):
                col = cindex.get(padded[i + offset], width - 1)
                matrix[row, slot * width + col] += 1.0
    # Positive pointwise mutual information, smoothed for rare contexts.
    total = matrix.sum()
    row_sum = matrix.sum(axis=1, keepdims=True)
    col_sum = matrix.sum(axis=0, keepdims=True) ** 0.75
    col_sum = col_sum / col_sum.sum() * total
    with np.errstate(divide="ignore", invalid="ignore"):
        pmi = np.log(matrix * total / (row_sum * col_sum))
    pmi[~np.isfinite(pmi)] = 0.0
    np.maximum(pmi, 0.0, out=pmi)
    gram = pmi.T @ pmi
    values, vectors = np.linalg.eigh(gram)
    top = vectors[:, np.argsort(values)[::-1][:dims]]
    embedded = pmi @ top
    embedded /= np.linalg.norm(embedded, axis=1, keepdims=True) + 1e-8
    return vocab, embedded


def build_clusters(
    sentences: Iterable[list[str]],
    *,
    min_count: int = 2,
    contexts: int = 1500,
    dims: int = 80,
    ks: tuple[int, ...] = (64, 256, 1024),
    seed: int = 0,
    iterations: int = 15,
) -> dict[str, tuple[str, ...]]:
    """Cluster ids (coarse to fine) for every word seen at least ``min_count`` times."""
    import numpy as np

    vocab, embedded = ppmi_vectors(sentences, min_count=min_count, contexts=contexts, dims=dims)
    index = {w: i for i, w in enumerate(vocab)}
    rng = np.random.default_rng(seed)
    levels = []
    for k in ks:
        k = min(k, len(vocab))
        centroids = embedded[rng.choice(len(vocab), size=k, replace=False)]
        for _ in range(iterations):
            assign = np.argmax(embedded @ centroids.T, axis=1)
            for c in range(k):
                members = embedded[assign == c]
                if len(members):
                    centre = members.mean(axis=0)
                    centroids[c] = centre / (np.linalg.norm(centre) + 1e-8)
        levels.append(np.argmax(embedded @ centroids.T, axis=1))
    return {w: tuple(f"{k}:{int(level[i])}" for k, level in zip(ks, levels, strict=True)) for w, i in index.items()}


def write_clusters(clusters: dict[str, tuple[str, ...]], path: Path) -> None:
    """Write ``word<TAB>id<TAB>id…`` lines."""
    lines = ["\t".join((word, *ids)) for word, ids in sorted(clusters.items())]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def read_clusters(path: Path) -> dict[str, tuple[str, ...]]:
    """Read what ``write_clusters`` wrote (empty when the file is absent)."""
    if not path.exists():
        return {}
    clusters = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2:
            clusters[parts[0]] = tuple(parts[1:])
    return clusters
