"""A doubtful one-word name that is common vocabulary is dropped; a confident one, or a real name, stays."""

from __future__ import annotations

from khabar.entities.offline import label_tokens


class FixedTagger:
    """A stand-in CRF that tags every word LOC with a given confidence."""

    def __init__(self, confidence: float) -> None:
        self.confidence = confidence

    def tag(self, words):
        return ["B-LOC" for _ in words]

    def marginal(self, tag, index):
        return self.confidence


def test_doubtful_common_adjective_is_not_a_place():
    spans = label_tokens(["अशांत"], tagger=FixedTagger(0.4), use_lexicon=False, use_rules=False)
    assert spans == []


def test_confident_or_unknown_words_stay():
    assert [s.label for s in label_tokens(["अशांत"], tagger=FixedTagger(0.9), use_lexicon=False,
                                          use_rules=False)] == ["LOC"]
    assert [s.label for s in label_tokens(["बलूचिस्तान"], tagger=FixedTagger(0.4), use_lexicon=False,
                                          use_rules=False)] == ["LOC"]
