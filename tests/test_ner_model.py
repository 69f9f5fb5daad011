"""The shipped offline model: it loads, labels composed sentences sensibly, and the engine adds rules."""

from __future__ import annotations

import pytest

from khabar.entities.crf import model_available, shipped_tagger
from khabar.entities.offline import OfflineNer, bio_spans, lexicon_spans
from khabar.pipeline import make_article, recognize_entities
from khabar.text import match_key

pytestmark = pytest.mark.skipif(not model_available(), reason="the model has not been trained")


def labelled(text: str) -> dict[str, str]:
    return {s.text: s.label for s in OfflineNer().recognize(text)}


def test_the_model_loads_and_tags():
    words = ["प्रधानमंत्री", "नरेंद्र", "मोदी", "ने", "दिल्ली", "में", "भारतीय", "जनता", "पार्टी", "के", "नेताओं", "से", "मुलाकात", "की", "।"]
    tags = shipped_tagger().tag(words)
    assert len(tags) == len(words)
    found = {" ".join(words[a:b]): label for a, b, label in bio_spans(tags)}
    assert found.get("नरेंद्र मोदी") == "PER"
    assert found.get("दिल्ली") == "LOC"


def test_lexicon_backs_up_rare_names_only():
    keys = [match_key(w) for w in ["वह", "गया", "गया", "और", "मोसाद", "तथा", "क्वेटा", "में", "ओपेक", "का", "बयान"]]
    found = {" ".join(keys[s.first : s.last]): s.label for s in lexicon_spans(keys, [])}
    assert found.get("मोसाद") == "ORG"
    assert found.get("क्वेटा") == "LOC"
    assert found.get("ओपेक") == "ORG"
    assert "गया" not in found  # a city, and the commonest form of "went": left to the CRF
    everything = {" ".join(keys[s.first : s.last]) for s in lexicon_spans(keys, [], max_count=None)}
    assert "गया" in everything


def test_engine_on_a_composed_sentence():
    found = labelled("पाकिस्तानी सेना ने लाहौर में 5 करोड़ रुपये के साथ एक व्यक्ति को पकड़ा और ईरानी अधिकारियों से बात की।")
    assert found.get("लाहौर") == "LOC"
    assert found.get("5 करोड़ रुपये") == "MONEY"
    assert found.get("ईरानी") == "NORP"


def test_a_nationality_before_a_title_is_not_a_place():
    found = labelled("ईरानी राष्ट्रपति ने कहा और पाकिस्तानी प्रधानमंत्री ने सुना।")
    assert found.get("ईरानी") == "NORP"
    assert found.get("पाकिस्तानी") == "NORP"
    assert "ईरानी राष्ट्रपति" not in found and "राष्ट्रपति" not in found


def test_engine_offsets_and_sentences():
    text = "अमित शाह पटना गए। वहां नीतीश कुमार से मिले।"
    article = make_article(text)
    spans = OfflineNer().recognize(article.text, article.sentences)
    for span in spans:
        assert article.text[span.start : span.end] == span.text
        sentence = article.sentences[span.sentence]
        assert sentence.start <= span.start < span.end <= sentence.end
    names = {s.text: s.label for s in spans}
    assert names.get("अमित शाह") == "PER"
    assert names.get("नीतीश कुमार") == "PER"


def test_seed_expectations(seed_text):
    article = recognize_entities(make_article(seed_text), "offline")
    spans = article.entities
    by_text: dict[str, set[str]] = {}
    for span in spans:
        by_text.setdefault(span.text, set()).add(span.label)
    for person in ("इब्राहिम रायसी", "शहबाज शरीफ", "शहबाज़ शरीफ़"):
        assert by_text.get(person) == {"PER"}, person
    for place in ("पाकिस्तान", "ईरान", "कश्मीर", "फिलिस्तीन", "बलूचिस्तान"):
        assert by_text.get(place) == {"LOC"}, place
    assert by_text.get("ईरानी") == {"NORP"}
    assert by_text.get("10 अरब डॉलर") == {"MONEY"}
    money = next(s for s in spans if s.label == "MONEY")
    assert money.value == "USD 10000000000"
    sharif = {s.entity_id for s in spans if s.text in ("शहबाज शरीफ", "शहबाज़ शरीफ़")}
    assert len(sharif) == 1
    raisi = {s.entity_id for s in spans if "रायसी" in s.text}
    assert len(raisi) == 1
    raisi_forms = {s.text for s in spans if "रायसी" in s.text}
    assert "इब्राहिम रायसी" in raisi_forms and any(f != "इब्राहिम रायसी" for f in raisi_forms)
    entity = next(e for e in article.entity_index if e.id in raisi)
    assert entity.canonical == "Ebrahim Raisi"


def test_entities_for_lines_with_the_offline_backend(seed_text):
    from khabar.pipeline import entities_for_lines

    lines = seed_text.splitlines()
    out = entities_for_lines(lines, backend="offline")
    assert len(out) == len(lines)
    canon = {}
    for obj, line in zip(out, lines, strict=True):
        for ent in obj["entities"]:
            assert ent["text"] == line[ent["start"] : ent["end"]]
            canon.setdefault(ent["text"], set()).add(ent["canonical"])
    assert canon["शहबाज शरीफ"] == canon["शहबाज़ शरीफ़"] == {"Shehbaz Sharif"}
    assert canon["इब्राहिम रायसी"] == canon["रायसी"] == {"Ebrahim Raisi"}
    assert canon["10 अरब डॉलर"] == {"USD 10 billion"}


def test_a_name_found_once_is_found_again():
    from khabar.entities.offline import TokenSpan
    from khabar.entities.refine import harmonise as _propagate
    from khabar.entities.tokenize import tokenize

    sentences = [tokenize("पत्रकार झलकारी ठुमरेवाल ने लखनऊ में किताब लिखी।"),
                 tokenize("ठुमरेवाल ने कहा कि लखनऊ सुंदर है।")]
    found = [[TokenSpan(1, 3, "PER"), TokenSpan(4, 5, "LOC")], []]
    _propagate(sentences, found)
    second = {" ".join(t[2] for t in sentences[1][s.first : s.last]): s.label for s in found[1]}
    assert second == {"ठुमरेवाल": "PER", "लखनऊ": "LOC"}
    assert all(s.source == "article" for s in found[1])


def test_a_hyphenated_known_name_replaces_the_part_the_model_found():
    from khabar.entities.offline import TokenSpan
    from khabar.entities.tokenize import tokenize

    keys = [match_key(t[2]) for t in tokenize("ईरान के सिस्तान-बलूचिस्तान प्रांत में")]
    assert keys[2:5] == ["सिस्तान", "-", "बलूचिस्तान"]
    found = lexicon_spans(keys, [TokenSpan(0, 1, "LOC"), TokenSpan(4, 5, "LOC")])
    assert [(s.first, s.last, s.label) for s in found] == [(2, 5, "LOC")]
    # a single known word never displaces what the model found
    assert all(s.first >= 2 for s in lexicon_spans(keys, [TokenSpan(0, 2, "ORG")], max_count=None))
