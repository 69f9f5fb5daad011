"""stanza's English NER, where its models are installed, adds unlinked names the Hindi side did not account for."""

from __future__ import annotations

import dataclasses

from khabar.entities import crosslingual, stanza_backend
from khabar.entities.crosslingual import english_mentions
from khabar.model import EntitySpan, Translation
from khabar.pipeline import make_article

ENGLISH = "Ebrahim Raisi met officials in Lahore."


def _article():
    article = make_article("इब्राहिम रायसी ने अधिकारियों से मुलाकात की।")
    raisi = EntitySpan(0, len("इब्राहिम रायसी"), "PER", "इब्राहिम रायसी", sentence=0, entity_id="e1",
                       canonical="Ebrahim Raisi")
    article = dataclasses.replace(article, entities=(raisi,))
    return article.with_translation(Translation("mt", "MT", "translation", (ENGLISH,)))


def _english_spans(texts):
    start = ENGLISH.index("Lahore")
    return [[EntitySpan(0, 13, "PER", "Ebrahim Raisi"), EntitySpan(start, start + 6, "LOC", "Lahore")]]


def test_without_english_models_only_linked_mentions(monkeypatch):
    monkeypatch.setattr(stanza_backend, "models_ready", lambda lang: False)
    spans = english_mentions(_article(), "mt")[0]
    assert [(s.text, s.entity_id) for s in spans] == [("Ebrahim Raisi", "e1")]


def test_english_ner_adds_unlinked_names_without_doubling_linked_ones(monkeypatch):
    monkeypatch.setattr(crosslingual, "english_entities", _english_spans)
    spans = english_mentions(_article(), "mt")[0]
    assert [(s.text, s.label, s.entity_id, s.source) for s in spans] == [
        ("Ebrahim Raisi", "PER", "e1", "crosslingual"), ("Lahore", "LOC", "", "stanza-en")]
    assert english_mentions(_article(), "mt", english_ner=False)[0][-1].text == "Ebrahim Raisi"


def test_a_failing_english_model_costs_nothing(monkeypatch):
    def broken(texts):
        raise RuntimeError("model file damaged")

    monkeypatch.setattr(crosslingual, "english_entities", broken)
    assert [s.text for s in english_mentions(_article(), "mt")[0]] == ["Ebrahim Raisi"]
