"""Linking mentions into entities: spelling variants, partial names, titles, canonical English names."""

from __future__ import annotations

from khabar.entities.linking import link, readable_value, strip_titles
from khabar.model import Article, EntitySpan


def article_with(text: str, mentions: list[tuple[str, str]], value: str = "") -> Article:
    """An article whose spans are the first occurrences (left to right) of each mention."""
    spans = []
    position = 0
    for surface, label in mentions:
        start = text.index(surface, position)
        spans.append(EntitySpan(start=start, end=start + len(surface), label=label, text=surface, sentence=0,
                                value=value if label == "MONEY" else ""))
        position = start + len(surface)
    return Article(text=text, entities=tuple(spans))


def test_variants_partials_and_titles_link_to_one_person():
    text = ("राष्ट्रपति इब्राहिम रायसी आए। शहबाज शरीफ ने स्वागत किया। राष्ट्रपति रायसी ने कहा। "
            "शहबाज़ शरीफ़ ने कहा। रायसी लौटे।")
    article = link(article_with(text, [
        ("इब्राहिम रायसी", "PER"), ("शहबाज शरीफ", "PER"), ("राष्ट्रपति रायसी", "PER"),
        ("शहबाज़ शरीफ़", "PER"), ("रायसी", "PER"),
    ]))
    ids = [s.entity_id for s in article.entities]
    assert ids[0] == ids[2] == ids[4]
    assert ids[1] == ids[3]
    assert ids[0] != ids[1]
    by_id = {e.id: e for e in article.entity_index}
    raisi = by_id[ids[0]]
    assert raisi.canonical == "Ebrahim Raisi"
    assert raisi.mentions == 3
    assert set(raisi.forms) == {"इब्राहिम रायसी", "राष्ट्रपति रायसी", "रायसी"}
    assert by_id[ids[1]].canonical == "Shehbaz Sharif"
    assert all(s.canonical == by_id[s.entity_id].canonical for s in article.entities)


def test_unknown_names_get_a_transliteration_and_ambiguous_partials_stay_apart():
    text = "रमेश झुनझुनवाला और सुरेश झुनझुनवाला मिले। झुनझुनवाला ने कहा।"
    article = link(article_with(text, [
        ("रमेश झुनझुनवाला", "PER"), ("सुरेश झुनझुनवाला", "PER"), ("झुनझुनवाला", "PER"),
    ]))
    canon = [s.canonical for s in article.entities]
    assert canon[0] == "Ramesh Jhunjhunwala"
    assert canon[1] == "Suresh Jhunjhunwala"
    assert len({s.entity_id for s in article.entities}) == 3  # two full names contain it: no guess


def test_places_with_one_english_name_merge_and_labels_are_unified():
    text = "अमेरिका और अमरीका और ईरान। ईरान ने कहा।"
    article = link(article_with(text, [("अमेरिका", "LOC"), ("अमरीका", "LOC"), ("ईरान", "LOC"), ("ईरान", "ORG")]))
    spans = article.entities
    assert spans[0].entity_id == spans[1].entity_id
    assert spans[0].canonical == "United States"
    assert spans[2].entity_id == spans[3].entity_id  # majority (first on a tie) decides the label
    assert spans[3].label == "LOC"


def test_norp_and_money_entities():
    text = "ईरानी नेता ईरानियों से मिले और 10 अरब डॉलर का सौदा हुआ।"
    article = link(article_with(text, [("ईरानी", "NORP"), ("ईरानियों", "NORP"), ("10 अरब डॉलर", "MONEY")],
                                value="USD 10000000000"))
    norp, norp2, money = article.entities
    assert norp.entity_id == norp2.entity_id
    assert norp.canonical == "Iranian"
    assert money.canonical == "USD 10 billion"
    assert money.value == "USD 10000000000"


def test_strip_titles_and_readable_values():
    assert strip_titles(["राष्ट्रपति", "रायसी"]) == ["रायसी"]
    assert strip_titles(["प्रधान", "मंत्री", "मोदी", "जी"]) == ["मोदी"]
    assert strip_titles(["राष्ट्रपति"]) == ["राष्ट्रपति"]
    assert readable_value("CARDINAL", ">=8") == "at least 8"
    assert readable_value("MONEY", "INR 350000") == "INR 350 thousand"
    assert readable_value("PERCENT", "20%") == "20%"
