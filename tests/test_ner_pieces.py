"""A sentence of thousands of words is tagged in pieces, and its names keep their places in the text."""

from __future__ import annotations

import pytest

from khabar.entities.crf import model_available
from khabar.entities.offline import PIECE_TOKENS, OfflineNer, _pieces


def test_pieces_cover_every_token_in_order_and_cut_after_punctuation():
    tokens = [(i, i + 1, "," if i % 97 == 96 else "शब्द") for i in range(1000)]
    pieces = _pieces(tokens)
    assert [t for piece in pieces for t in piece] == tokens
    assert all(len(piece) <= PIECE_TOKENS for piece in pieces)
    assert all(piece[-1][2] == "," for piece in pieces[:-1])
    assert _pieces(tokens[:10]) == [tokens[:10]]


@pytest.mark.skipif(not model_available(), reason="the shipped NER model is missing")
def test_a_text_without_full_stops_finds_its_names_where_they_are():
    clause = "प्रधानमंत्री नरेंद्र मोदी ने दिल्ली में कहा कि काम होगा और"
    text = " ".join([clause] * 120)  # about 1,300 words, no sentence end
    spans = OfflineNer().recognize(text)
    people = [s for s in spans if s.label == "PER"]
    places = [s for s in spans if s.label == "LOC"]
    assert len(people) >= 110 and len(places) >= 110
    assert all(text[s.start : s.end] == s.text for s in spans)
    assert {s.text for s in people} == {"नरेंद्र मोदी"}
