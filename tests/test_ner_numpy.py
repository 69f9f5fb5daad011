"""The numpy tagger the offline engine runs: the same probabilities and tags as the torch network it was exported
from, on the shipped model and on a freshly trained one."""

from __future__ import annotations

import numpy as np
import pytest

from khabar.entities.crf import shipped_tagger
from khabar.entities.neural import NEURAL_PATH, NUMPY_PATH, TAGS, NumpyEnsemble, viterbi
from khabar.entities.tokenize import tokenize
from khabar.text import sentence_spans


def _seed_sentences(seed_text: str) -> list[list[str]]:
    sentences = [[t[2] for t in tokenize(seed_text[s:e])] for s, e, _ in sentence_spans(seed_text)]
    words = [w for s in sentences for w in s]
    # Lengths a batch must pad: none, one word, and one longer than every other sentence in its batch.
    return [*sentences, [], words[:1], words[:150], words[3:40]]


def test_the_shipped_numpy_tagger_tags_every_token_of_the_seed(seed_text):
    ensemble = NumpyEnsemble.load(shipped_tagger().config)
    sentences = _seed_sentences(seed_text)
    probs = ensemble.probs(sentences)
    assert [p.shape for p in probs] == [(len(s), len(TAGS)) for s in sentences]
    assert all(np.allclose(p.sum(axis=1), 1.0, atol=1e-5) for p in probs if len(p))
    assert any(tag != "O" for p in probs for tag in viterbi(p))  # the seed names people and places


def test_the_numpy_tagger_gives_the_torch_taggers_probabilities_and_tags(seed_text):
    pytest.importorskip("torch")
    from khabar.entities.neural import NeuralEnsemble

    config = shipped_tagger().config
    sentences = _seed_sentences(seed_text)
    with_torch = NeuralEnsemble.load(config).probs(sentences)
    with_numpy = NumpyEnsemble.load(config).probs(sentences)
    for a, b in zip(with_torch, with_numpy, strict=True):
        assert a.shape == b.shape
        assert np.allclose(a, b, atol=1e-5)
        assert viterbi(a) == viterbi(b)


def test_the_shipped_npz_holds_the_weights_of_neural_pt(tmp_path):
    pytest.importorskip("torch")
    from khabar.entities.neural import export_numpy

    fresh = tmp_path / "fresh.npz"
    export_numpy(NEURAL_PATH, fresh)
    with np.load(NUMPY_PATH) as shipped, np.load(fresh) as exported:
        assert sorted(shipped.files) == sorted(exported.files)
        for name in exported.files:
            assert np.array_equal(shipped[name], exported[name]), name


def test_a_freshly_trained_ensemble_exports_to_the_same_tagger(tmp_path):
    torch = pytest.importorskip("torch")
    from khabar.entities.features import FeatureConfig
    from khabar.entities.neural import Featuriser, NeuralEnsemble, export_numpy, train_member

    torch.set_num_threads(1)
    data = [[("राम", "B-PER"), ("ने", "O"), ("पटना", "B-LOC"), ("में", "O"), ("भाषण", "O")],
            [("कल", "O"), ("दिल्ली", "B-LOC"), ("गए", "O"), ("मोहन", "B-PER"), ("कुमार", "I-PER")]] * 20
    config = FeatureConfig(groups=("word",))
    featuriser = Featuriser.build(data, config)
    models = [train_member(featuriser, data, data[:4], epochs=2, seed=s, hidden=8, log=lambda _: None) for s in (1, 2)]
    NeuralEnsemble(featuriser, models, 8).save(tmp_path / "t.pt")
    export_numpy(tmp_path / "t.pt", tmp_path / "t.npz")
    sentences = [["मोहन", "ने", "दिल्ली", "में", "भाषण", "दिया"], ["कल"], [], ["अनदेखा", "शब्द", "राम"]]
    a = NeuralEnsemble.load(config, tmp_path / "t.pt").probs(sentences)
    b = NumpyEnsemble.load(config, tmp_path / "t.npz").probs(sentences)
    for x, y in zip(a, b, strict=True):
        assert np.allclose(x, y, atol=1e-5)
