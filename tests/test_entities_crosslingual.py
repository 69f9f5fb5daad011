"""Finding Hindi entities in the aligned English sentence, and the Entities page's plain data."""

from __future__ import annotations

from khabar.entities.crosslingual import english_mentions, value_candidates
from khabar.entities.linking import link
from khabar.entities.summary import cooccurrence, entity_rows, layout, mentions_in_context
from khabar.model import Article, EntitySpan, Sentence, Translation

HINDI = [
    "राष्ट्रपति इब्राहिम रायसी पाकिस्तान पहुंचे।",
    "शहबाज शरीफ ने ईरानी राष्ट्रपति से 10 अरब डॉलर के व्यापार पर बात की।",
    "रायसी ने कहा।",
]
ENGLISH = (
    "President Ebrahim Raisi reached Pakistan.",
    "Shahbaz Sharif talked to the Iranian President about trade of $10 billion.",
    None,
)
MENTIONS = [
    [("इब्राहिम रायसी", "PER", ""), ("पाकिस्तान", "LOC", "")],
    [("शहबाज शरीफ", "PER", ""), ("ईरानी", "NORP", ""), ("10 अरब डॉलर", "MONEY", "USD 10000000000")],
    [("रायसी", "PER", "")],
]


def make_article() -> Article:
    text = " ".join(HINDI)
    sentences, spans, position = [], [], 0
    for index, (sentence, mentions) in enumerate(zip(HINDI, MENTIONS, strict=True)):
        start = text.index(sentence, position)
        sentences.append(Sentence(index, start, start + len(sentence), sentence))
        for surface, label, value in mentions:
            s = text.index(surface, start)
            spans.append(EntitySpan(s, s + len(surface), label, surface, sentence=index, value=value))
        position = start + len(sentence)
    translation = Translation(engine="ref", label="Reference", kind="reference", texts=ENGLISH)
    return link(Article(text=text, sentences=tuple(sentences), entities=tuple(spans), translations=(translation,)))


def test_english_mentions_share_entity_ids_and_index_the_english():
    article = make_article()
    found = english_mentions(article, "ref")
    assert set(found) == {0, 1}  # no English for sentence 2
    for index, spans in found.items():
        english = ENGLISH[index]
        for span in spans:
            assert english[span.start : span.end] == span.text
    texts = {s.text: s for spans in found.values() for s in spans}
    assert set(texts) == {"Ebrahim Raisi", "Pakistan", "Shahbaz Sharif", "Iranian", "$10 billion"}
    hindi_ids = {s.text: s.entity_id for s in article.entities}
    assert texts["Ebrahim Raisi"].entity_id == hindi_ids["इब्राहिम रायसी"]
    assert texts["Shahbaz Sharif"].entity_id == hindi_ids["शहबाज शरीफ"]  # fuzzy: Shehbaz / Shahbaz
    assert texts["$10 billion"].label == "MONEY"


def test_unknown_engine_gives_nothing_and_a_translation_object_works():
    article = make_article()
    assert english_mentions(article, "nope") == {}
    assert english_mentions(article, article.translations[0]) == english_mentions(article, "ref")


def test_value_candidates():
    assert "$10 billion" in value_candidates("MONEY", "USD 10000000000")
    assert "10 billion" in value_candidates("MONEY", "USD 10000000000")
    assert "eight" in value_candidates("CARDINAL", ">=8")
    assert "20 percent" in value_candidates("PERCENT", "20%")
    assert value_candidates("CARDINAL", "") == []


def test_page_data():
    article = make_article()
    rows = entity_rows(article)
    raisi = next(r for r in rows if r["canonical"] == "Ebrahim Raisi")
    assert raisi["mentions"] == 2 and raisi["first"] == 1 and raisi["type"] == "PER"
    assert rows[0] is raisi  # most mentioned first
    assert all(r["type"] == "LOC" for r in entity_rows(article, ["LOC"]))
    contexts = mentions_in_context(article, raisi["id"], english_mentions(article, "ref"), "ref")
    assert [c["sentence"] for c in contexts] == [0, 2]
    first = contexts[0]
    span = first["hindi_spans"][0]
    assert first["hindi"][span["start"] : span["end"]] == "इब्राहिम रायसी"
    assert first["english"][first["english_spans"][0]["start"] : first["english_spans"][0]["end"]] == "Ebrahim Raisi"
    assert contexts[1]["english"] is None
    nodes, edges = cooccurrence(article)
    assert "MONEY:usd-10-billion" not in nodes
    ids = {n["canonical"]: i for i, n in nodes.items()}
    pair = tuple(sorted((ids["Ebrahim Raisi"], ids["Pakistan"])))
    assert edges[pair] == 1
    positions = layout(sorted(nodes), edges)
    assert set(positions) == set(nodes)
    assert all(-1.0001 <= x <= 1.0001 and -1.0001 <= y <= 1.0001 for x, y in positions.values())
