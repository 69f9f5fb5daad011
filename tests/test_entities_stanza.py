"""The stanza adapter: tag mapping on hand-annotated Documents, then a real stanza Pipeline built from the tiny
Hindi models in tests/data/stanza_hi_tiny (trained by scripts/build_stanza_tiny.py), through the backend."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from khabar.entities import stanza_backend
from khabar.entities.stanza_backend import ONTONOTES_LABELS, StanzaNer, convert, download_models, merge_rules
from khabar.model import Sentence
from khabar.pipeline import make_article, recognize_entities

ROOT = Path(__file__).resolve().parent.parent
TINY = ROOT / "tests" / "data" / "stanza_hi_tiny"
KHABAR_LABELS = {"PER", "LOC", "ORG", "CARDINAL", "NORP", "MONEY", "PERCENT", "QUANTITY"}
ARTICLE = ("भारत और पाकिस्तान के बीच दिल्ली में बातचीत हुई। प्रधानमंत्री नरेंद्र मोदी ने कहा कि भारत शांति चाहता है। "
           "पाकिस्तान के विदेश मंत्री ने 10 अरब डॉलर के व्यापार की बात की।")

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



def _env(**extra) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), **extra}


def test_without_models_the_backend_says_why_and_imports_neither_stanza_nor_torch(tmp_path):
    code = ("import json, sys; from khabar.entities.stanza_backend import StanzaNer, model_status; "
            "a = StanzaNer().availability(); "
            "print(json.dumps([a.ok, a.reason, model_status()['languages']['hi']['ready'], "
            "'stanza' in sys.modules, 'torch' in sys.modules]))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                          env=_env(STANZA_RESOURCES_DIR=str(tmp_path)))
    ok, reason, ready, stanza_loaded, torch_loaded = json.loads(done.stdout)
    assert not ok and not ready
    assert f"no stanza models in {tmp_path}" in reason and "models download" in reason
    assert not stanza_loaded and not torch_loaded


def test_resources_without_hindi_are_explained(tmp_path, monkeypatch):
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path))
    (tmp_path / "resources.json").write_text(json.dumps({"en": {"lang_name": "English"}}))
    assert "lists no hi models" in StanzaNer().availability().reason
    (tmp_path / "resources.json").write_text("{not json")
    assert "cannot be read" in StanzaNer().availability().reason


def test_broken_model_files_report_stanzas_own_error(tmp_path, monkeypatch):
    """Files that are there but are not models: availability comes from building the Pipeline, which fails."""
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path))
    (tmp_path / "resources.json").write_text((TINY / "resources.json").read_text(encoding="utf-8"))
    hindi = json.loads((TINY / "resources.json").read_text(encoding="utf-8"))["hi"]
    for processor in ("tokenize", "ner", "pretrain"):
        for package in hindi[processor]:
            target = tmp_path / "hi" / processor / f"{package}.pt"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(b"not a torch file")
    availability = StanzaNer().availability()
    assert not availability.ok
    assert availability.reason.startswith("stanza could not load its Hindi models: ")
    assert "Error" in availability.reason  # stanza's (torch's) exception, named


def test_download_reports_stanzas_error_plainly_and_fast(tmp_path, monkeypatch):
    """stanza's own download, pointed at a local address where nothing listens: its error, in one line."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.delenv("KHABAR_OFFLINE", raising=False)
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path))
    monkeypatch.setenv("STANZA_RESOURCES_URL", f"http://127.0.0.1:{port}/stanza-resources")
    started = time.monotonic()
    with pytest.raises(RuntimeError) as raised:
        download_models("hi")
    message = str(raised.value)
    assert time.monotonic() - started < 30  # stanza is imported here; the failure itself is immediate
    assert message.startswith(f"stanza could not download its hi models into {tmp_path}: ")
    assert "ConnectionError" in message or "Connection refused" in message
    assert "\n" not in message


def test_download_refuses_offline_mode_and_unknown_languages(monkeypatch):
    monkeypatch.setenv("KHABAR_OFFLINE", "1")
    with pytest.raises(RuntimeError, match="models download"):
        download_models("hi")
    with pytest.raises(ValueError):
        download_models("xx")


def test_english_entities_need_english_models(tmp_path, monkeypatch):
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path))
    assert stanza_backend.english_entities(["Raisi visited Pakistan."]) is None
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(TINY))  # Hindi only
    assert stanza_backend.english_entities(["Raisi visited Pakistan."]) is None


# A real stanza Pipeline from the tiny models -------------------------------------------------------------

@pytest.fixture
def tiny(monkeypatch):
    if not (TINY / "resources.json").exists():
        pytest.skip("tests/data/stanza_hi_tiny is missing (scripts/build_stanza_tiny.py builds it)")
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(TINY))
    import khabar.engines

    khabar.engines.ner_backends.cache_clear()
    yield
    khabar.engines.ner_backends.cache_clear()


def test_the_backend_builds_a_real_pipeline_from_the_tiny_models(tiny):
    assert StanzaNer().availability().ok
    nlp, why = stanza_backend.pipeline("hi")
    assert why == "" and type(nlp).__name__ == "Pipeline" and type(nlp).__module__ == "stanza.pipeline.core"
    assert set(nlp.processors) == {"tokenize", "ner"}


def test_one_bulk_call_per_article_with_offsets_into_the_article(tiny, monkeypatch):
    nlp, _ = stanza_backend.pipeline("hi")
    calls = []
    real = type(nlp).bulk_process
    monkeypatch.setattr(type(nlp), "bulk_process", lambda self, docs, *a, **k: calls.append(len(docs)) or
                        real(self, docs, *a, **k))
    article = make_article(ARTICLE)
    spans = StanzaNer().recognize(article.text, article.sentences)
    assert calls == [len(article.sentences)]  # the whole article in one call, not one call per sentence
    assert spans, "the tiny model finds at least the frequent place names"
    for span in spans:
        assert article.text[span.start : span.end] == span.text
        sentence = article.sentences[span.sentence]
        assert sentence.start <= span.start < span.end <= sentence.end
        assert span.label in KHABAR_LABELS
        assert span.source in ("stanza", "rules")
    assert {"PER", "LOC"} <= {s.label for s in spans if s.source == "stanza"}
    money = [s for s in spans if s.label == "MONEY"]
    assert money and money[0].text == "10 अरब डॉलर"  # Khabar's rules merged in


def test_linking_end_to_end_through_the_pipeline(tiny):
    article = recognize_entities(make_article(ARTICLE), "stanza")
    assert "entities" in article.stages and not any("entities:" in n for n in article.notes)
    stanza_spans = [s for s in article.entities if s.source == "stanza"]
    assert stanza_spans and all(s.entity_id for s in article.entities)
    by_text: dict[str, set[str]] = {}
    for span in stanza_spans:
        by_text.setdefault(span.text, set()).add(span.entity_id)
    assert all(len(ids) == 1 for ids in by_text.values())  # the same name in two sentences is one entity


def test_cli_entities_with_the_tiny_models_prints_json_lines(tiny, tmp_path, capsys, monkeypatch):
    """`STANZA_RESOURCES_DIR=tests/data/stanza_hi_tiny python -m khabar entities --backend stanza FILE`, in-process
    (the interpreter has torch loaded already; a subprocess would load it again for half a minute)."""
    from khabar.cli import main

    nlp, _ = stanza_backend.pipeline("hi")
    calls = []
    real = type(nlp).bulk_process
    monkeypatch.setattr(type(nlp), "bulk_process", lambda self, docs, *a, **k: calls.append(len(docs)) or
                        real(self, docs, *a, **k))
    path = tmp_path / "in.txt"
    path.write_text(ARTICLE.replace("। ", "।\n") + "\n", encoding="utf-8")
    assert main(["entities", "--backend", "stanza", str(path)]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [r["line"] for r in rows] == list(range(1, len(lines) + 1))
    found = [(r["line"], e) for r in rows for e in r["entities"]]
    assert found
    for number, entity in found:
        assert lines[number - 1][entity["start"] : entity["end"]] == entity["text"]
    assert calls == [len(lines)]  # stanza's Pipeline ran, once, over every line


def test_cli_entities_with_an_empty_model_dir_fails_in_one_line(tmp_path):
    path = tmp_path / "in.txt"
    path.write_text(ARTICLE + "\n", encoding="utf-8")
    empty = tmp_path / "models"
    empty.mkdir()
    done = subprocess.run([sys.executable, "-m", "khabar", "entities", "--backend", "stanza", str(path)],
                          capture_output=True, text=True, timeout=120, cwd=ROOT,
                          env=_env(STANZA_RESOURCES_DIR=str(empty)))
    assert done.returncode != 0 and done.stdout == ""
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("khabar: error: stanza (Hindi IL-NER) is not available: ")
    assert str(empty) in lines[0]
