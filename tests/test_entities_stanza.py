"""The stanza adapter, tested without stanza's models: Documents built from annotated token dicts."""

from __future__ import annotations

import time

import pytest

from khabar.entities import stanza_backend
from khabar.entities.stanza_backend import ONTONOTES_LABELS, StanzaNer, convert, download_models, merge_rules
from khabar.model import Sentence

stanza_doc = pytest.importorskip("stanza.models.common.doc")


def make_doc(text: str, tags: list[str]):
    """A stanza Document over ``text`` split at spaces, with one BIOES NER tag per token."""
    tokens, position = [], 0
    for i, (word, tag) in enumerate(zip(text.split(), tags, strict=True)):
        start = text.index(word, position)
        position = start + len(word)
        tokens.append({"id": i + 1, "text": word, "ner": tag, "misc": f"start_char={start}|end_char={position}"})
    doc = stanza_doc.Document([tokens], text=text)
    doc.build_ents()
    return doc


def test_il_ner_tags_map_to_khabar_labels():
    text = "राष्ट्रपति इब्राहिम रायसी ने संयुक्त राष्ट्र में 19वीं सदी के ताजमहल की बात की"
    tags = ["O", "B-NEP", "E-NEP", "O", "B-NEO", "E-NEO", "O", "B-NETI", "E-NETI", "O", "S-NEAR", "O", "O", "O"]
    spans = convert(make_doc(text, tags), offset=100, sentence=3)
    assert [(s.text, s.label) for s in spans] == [("इब्राहिम रायसी", "PER"), ("संयुक्त राष्ट्र", "ORG")]
    assert spans[0].start == 100 + text.index("इब्राहिम")
    assert spans[0].sentence == 3
    assert all(s.source == "stanza" for s in spans)


def test_english_ontonotes_tags_map():
    text = "Ebrahim Raisi visited Pakistan on Monday with 10 billion dollars"
    tags = ["B-PERSON", "E-PERSON", "O", "S-GPE", "O", "S-DATE", "O", "B-MONEY", "I-MONEY", "E-MONEY"]
    spans = convert(make_doc(text, tags), mapping=ONTONOTES_LABELS)
    assert [(s.text, s.label) for s in spans] == [("Ebrahim Raisi", "PER"), ("Pakistan", "LOC"),
                                                   ("10 billion dollars", "MONEY")]


def test_rules_replace_stanza_numbers_and_nationalities():
    text = "ईरानी नेता ने 10 अरब डॉलर दिए"
    sentence = Sentence(0, 0, len(text), text)
    doc = make_doc(text, ["S-NEL", "O", "O", "S-NEN", "O", "O", "O"])
    merged = merge_rules(text, sentence, convert(doc, sentence=0))
    assert [(s.text, s.label, s.value) for s in merged] == [
        ("ईरानी", "NORP", "Iranian"),
        ("10 अरब डॉलर", "MONEY", "USD 10000000000"),
    ]


def test_without_models_the_backend_says_why(tmp_path, monkeypatch):
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path))
    status = stanza_backend.model_status()
    assert status["model_dir"] == str(tmp_path)
    assert status["languages"]["hi"]["ready"] is False
    availability = StanzaNer().availability()
    assert not availability.ok
    assert "models" in availability.reason


def test_models_on_disk_are_detected(tmp_path, monkeypatch):
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path))
    (tmp_path / "resources.json").write_text("{}")
    for kind in ("ner", "tokenize"):
        (tmp_path / "hi" / kind).mkdir(parents=True)
        (tmp_path / "hi" / kind / "x.pt").write_bytes(b"")
    assert stanza_backend.model_status()["languages"]["hi"]["ready"] is True
    assert StanzaNer().availability().ok


def test_download_fails_fast_without_network(monkeypatch):
    monkeypatch.delenv("KHABAR_OFFLINE", raising=False)
    seen = []

    def unreachable(address, timeout=None):
        seen.append(timeout)
        raise OSError("network is unreachable")

    monkeypatch.setattr(stanza_backend.socket, "create_connection", unreachable)
    started = time.monotonic()
    with pytest.raises(RuntimeError, match="no network"):
        download_models("hi")
    assert time.monotonic() - started < 5
    assert seen and seen[0] <= 5  # a short timeout, not the OS default


def test_download_refuses_offline_mode_and_unknown_languages(monkeypatch):
    monkeypatch.setenv("KHABAR_OFFLINE", "1")
    with pytest.raises(RuntimeError, match="models download"):
        download_models("hi")
    with pytest.raises(ValueError):
        download_models("xx")


def test_recognize_maps_offsets_through_sentences(monkeypatch):
    """StanzaNer.recognize with stanza's pipeline replaced by one that returns annotated Documents."""
    annotations = {"रायसी पाकिस्तान गए।": ["S-NEP", "S-NEL", "O"], "ईरानी नेता ने 5 करोड़ रुपये दिए।": ["S-NEL", "O", "O", "B-NEN", "E-NEN", "O", "O"]}

    def fake_pipeline(lang):
        assert lang == "hi"
        return lambda text: make_doc(text, annotations[text])

    monkeypatch.setattr(stanza_backend, "_pipeline", fake_pipeline)
    text = "रायसी पाकिस्तान गए। ईरानी नेता ने 5 करोड़ रुपये दिए।"
    spans = StanzaNer().recognize(text)
    found = [(s.text, s.label, s.sentence, s.value) for s in spans]
    assert found == [
        ("रायसी", "PER", 0, ""),
        ("पाकिस्तान", "LOC", 0, ""),
        ("ईरानी", "NORP", 1, "Iranian"),
        ("5 करोड़ रुपये", "MONEY", 1, "INR 50000000"),
    ]
    for span in spans:
        assert text[span.start : span.end] == span.text


def test_english_entities_need_english_models(tmp_path, monkeypatch):
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path))
    assert stanza_backend.english_entities(["Raisi visited Pakistan."]) is None
