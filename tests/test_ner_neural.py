"""The neural taggers: constrained decoding, a tiny training run, saving and loading, and mixing with the CRF."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from khabar.entities.neural import _VALID_AFTER, TAGS, viterbi

torch = pytest.importorskip("torch")


def _brute_force(probs: np.ndarray) -> list[str]:
    logp = np.log(np.clip(probs, 1e-12, 1.0))
    valid = (s for s in itertools.product(range(len(TAGS)), repeat=len(probs))
             if all(_VALID_AFTER[a][b] for a, b in zip([-1, *s[:-1]], s, strict=True)))
    best = max(valid, key=lambda s: sum(logp[i, k] for i, k in enumerate(s)))
    return [TAGS[k] for k in best]


def test_viterbi_never_starts_an_entity_with_i_and_finds_the_best_valid_sequence():
    rng = np.random.default_rng(3)
    for _ in range(300):
        probs = rng.dirichlet(np.full(len(TAGS), 0.3), size=int(rng.integers(1, 4)))
        assert viterbi(probs) == _brute_force(probs)
    # the likeliest tag alone would be an I- after O
    probs = np.array([[0.9, 0.05, 0.01, 0.01, 0.01, 0.01, 0.01], [0.3, 0.05, 0.6, 0.01, 0.02, 0.01, 0.01]])
    assert viterbi(probs) in (["O", "O"], ["B-PER", "I-PER"])
    assert viterbi(np.zeros((0, len(TAGS)))) == []


def _tiny_corpus() -> list[list[tuple[str, str]]]:
    people = ["राम", "सीता", "मोहन", "गीता", "श्याम", "राधा"]
    places = ["दिल्ली", "पटना", "लखनऊ", "जयपुर", "भोपाल", "इंदौर"]
    sentences = []
    for i in range(60):
        who, where = people[i % 6], places[(i * 5) % 6]
        sentences.append([(who, "B-PER"), ("ने", "O"), (where, "B-LOC"), ("में", "O"), ("भाषण", "O"), ("दिया", "O")])
        sentences.append([("कल", "O"), (where, "B-LOC"), ("गए", "O"), (who, "B-PER"), ("कुमार", "I-PER")])
    return sentences


def test_a_tiny_ensemble_learns_saves_and_loads(tmp_path):
    from khabar.entities.features import FeatureConfig
    from khabar.entities.neural import Featuriser, NeuralEnsemble, train_member

    torch.set_num_threads(1)
    data = _tiny_corpus() * 4
    featuriser = Featuriser.build(data, FeatureConfig(groups=("word",)))
    models = [train_member(featuriser, data, data[:20], epochs=8, seed=s, hidden=16, log=lambda _: None)
              for s in (1, 2)]
    ensemble = NeuralEnsemble(featuriser, models, 16)
    sentence = ["सीता", "ने", "पटना", "में", "भाषण", "दिया"]
    probs = ensemble.probs([sentence, []])
    assert probs[0].shape == (6, len(TAGS)) and probs[1].shape == (0, len(TAGS))
    assert np.allclose(probs[0].sum(axis=1), 1.0, atol=1e-4)
    assert viterbi(probs[0])[:3] == ["B-PER", "O", "B-LOC"]
    path = tmp_path / "neural.pt"
    ensemble.save(path)
    again = NeuralEnsemble.load(FeatureConfig(groups=("word",)), path)
    assert np.allclose(again.probs([sentence])[0], probs[0], atol=2e-2)  # stored in half precision


class _AllOutside:
    """A CRF stand-in that is sure every token is outside any name."""

    def tag(self, words):
        return ["O"] * len(words)

    def marginal(self, tag, position):
        return 1.0 if tag == "O" else 0.0


def test_the_crf_and_the_neural_taggers_weigh_the_same():
    from khabar.entities.offline import label_tokens

    words = ["झलकारी", "ने", "भाषण", "दिया"]
    sure = np.tile(np.eye(len(TAGS))[0], (4, 1))
    sure[0] = np.eye(len(TAGS))[TAGS.index("B-PER")]
    # one neural tagger against the CRF: a tie, which Viterbi breaks towards O (the first tag)
    one = label_tokens(words, tagger=_AllOutside(), neural=(sure, 1), use_lexicon=False, use_rules=False)
    assert not one
    # two agreeing neural taggers outvote the CRF
    two = label_tokens(words, tagger=_AllOutside(), neural=(sure, 2), use_lexicon=False, use_rules=False)
    assert [(s.first, s.last, s.label) for s in two] == [(0, 1, "PER")]
    assert two[0].score == pytest.approx(2 / 3, abs=1e-3)
