"""Tests for khabar.metrics: reference metrics, bootstrap significance, agreement and fidelity."""

from __future__ import annotations

import pytest

from khabar.metrics import (
    METRICS,
    agreement,
    english_numbers,
    fidelity,
    fidelity_items,
    get_metric,
    hindi_numbers,
    name_verdict,
    number_verdict,
    paired_bootstrap,
    parse_value,
    score_all,
    symmetric_chrf,
)
from khabar.model import EntitySpan
from khabar.pipeline import make_article

REFERENCES = [
    "The president of Iran arrived in Islamabad on Monday for a three day visit.",
    "Prime Minister Shehbaz Sharif raised the Kashmir issue during the talks.",
    "The two countries agreed to increase trade to 10 billion dollars.",
    "Both sides accused each other of sheltering armed groups.",
    "The visit comes days after the two neighbours exchanged missile strikes.",
    "Officials said the meeting was held in a cordial atmosphere.",
    "Raisi also raised the issue of Palestine at the press conference.",
    "The leaders signed eight agreements on energy and security.",
    "Iran wants to complete the gas pipeline project quickly.",
    "Pakistan said it would work with Iran against terrorism.",
    "Markets reacted calmly to the news of the agreement.",
    "Analysts expect more visits between the two capitals this year.",
]
# A system that changes one or two words per sentence, and one that keeps only a few words.
GOOD = [r.replace("the ", "a ", 1).replace(".", " today.") for r in REFERENCES]
BAD = [" ".join(r.split()[:3]) + " something else entirely" for r in REFERENCES]


def test_metrics_listed_once_with_names():
    assert [m.name for m in METRICS] == ["chrF", "BLEU", "TER"]
    assert get_metric("chrf").name == "chrF"
    with pytest.raises(KeyError, match="known"):
        get_metric("meteor")


def test_identical_text_scores_perfectly():
    scores = score_all(REFERENCES, REFERENCES)
    assert scores["chrF"].corpus == pytest.approx(100.0)
    assert scores["BLEU"].corpus == pytest.approx(100.0)
    assert scores["TER"].corpus == pytest.approx(0.0)
    assert all(s == pytest.approx(100.0) for s in scores["chrF"].sentences)
    assert scores["TER"].higher_is_better is False


def test_better_system_scores_higher_on_every_metric():
    good = score_all(GOOD, REFERENCES)
    bad = score_all(BAD, REFERENCES)
    assert good["chrF"].corpus > bad["chrF"].corpus
    assert good["BLEU"].corpus > bad["BLEU"].corpus
    assert good["TER"].corpus < bad["TER"].corpus


def test_missing_sentences_are_not_scored():
    hyps = list(REFERENCES[:3])
    hyps[1] = None
    refs = list(REFERENCES[:3])
    refs[2] = None
    result = get_metric("chrF").score(hyps, refs)
    assert result.sentences[1] is None and result.sentences[2] is None
    assert result.sentences[0] == pytest.approx(100.0)
    assert result.scored == 1
    assert result.corpus == pytest.approx(100.0)
    assert get_metric("BLEU").score([None], [REFERENCES[0]]).corpus is None


def test_bootstrap_finds_clear_difference_significant():
    result = paired_bootstrap(GOOD, BAD, REFERENCES, "chrF", samples=500, seed=1)
    assert result.significant
    assert result.difference > 0
    assert result.ci_low > 0
    assert result.better == "a"
    assert result.sentences == len(REFERENCES)
    reverse = paired_bootstrap(BAD, GOOD, REFERENCES, "TER", samples=500, seed=1)
    assert reverse.difference > 0  # the bad system has more edits
    assert reverse.better == "b"  # and TER prefers the lower one


def test_bootstrap_is_deterministic_and_identical_systems_are_not_significant():
    first = paired_bootstrap(GOOD, BAD, REFERENCES, "BLEU", samples=300, seed=7)
    second = paired_bootstrap(GOOD, BAD, REFERENCES, "BLEU", samples=300, seed=7)
    assert first == second
    same = paired_bootstrap(GOOD, GOOD, REFERENCES, "chrF", samples=300)
    assert same.difference == 0 and not same.significant and same.better == ""


def test_bootstrap_small_noisy_difference_not_significant():
    # The two systems differ in one sentence only: too little evidence either way.
    other = list(GOOD)
    other[0] = "A president of Iran came to Islamabad on Monday for a three day trip."
    result = paired_bootstrap(GOOD, other, REFERENCES, "chrF", samples=1000)
    assert not result.significant
    assert result.p_value > 0.05


def test_bootstrap_skips_missing_and_handles_nothing():
    a = list(GOOD)
    a[0] = None
    result = paired_bootstrap(a, BAD, REFERENCES, samples=100)
    assert result.sentences == len(REFERENCES) - 1
    assert paired_bootstrap([None], ["x"], ["y"]) is None
    few = paired_bootstrap(GOOD[:3], BAD[:3], REFERENCES[:3], samples=100)
    assert few.difference > 0 and not few.testable and not few.significant and few.better == ""


def test_agreement_matrix_is_symmetric():
    texts = {
        "a": ["The president arrived.", "Trade will grow.", None],
        "b": ["The president came.", "Commerce is set to rise.", "Talks ended."],
        "c": ["President arrived.", "Trade will grow.", "The talks ended."],
    }
    result = agreement(texts)
    assert result.pairs == (("a", "b"), ("a", "c"), ("b", "c"))
    matrix = result.engine_matrix
    for i in range(3):
        assert matrix[i][i] == 100.0
        for j in range(3):
            assert matrix[i][j] == pytest.approx(matrix[j][i])
    assert symmetric_chrf("x y z", "a b") == pytest.approx(symmetric_chrf("a b", "x y z"))
    # sentence 2: engine a failed, so its pairs have no value; b and c still compare
    assert result.by_pair[2][0] is None and result.by_pair[2][2] is not None
    # a and c agree exactly on sentence 1, a and b barely
    assert result.by_pair[1][1] == pytest.approx(100.0)
    assert result.by_pair[1][0] < 50
    assert result.by_sentence[1] is not None


def test_hindi_numbers_digits_words_and_scales():
    assert [v for *_, v in hindi_numbers("10 अरब डॉलर")] == [1e10]
    assert [v for *_, v in hindi_numbers("१० अरब डॉलर")] == [1e10]
    assert [v for *_, v in hindi_numbers("ढाई लाख लोग और तीन सौ बसें")] == [250_000, 300]
    assert [v for *_, v in hindi_numbers("५ हज़ार करोड़ रुपये")] == [5e10]
    assert hindi_numbers("एक बड़ा फैसला, एक-दूसरे पर") == []
    assert hindi_numbers("नौसेना का प्रचार") == []


def test_english_number_forms_are_equivalent():
    for text in ("10 billion", "$10 billion", "10,000,000,000 dollars", "ten billion", "USD 10bn", "1,000 crore"):
        assert 1e10 in english_numbers(text), text
    assert 1e10 not in english_numbers("10 million")
    assert english_numbers("twenty-five and one and a half million") == [25, 1_500_000]
    assert parse_value("USD 10000000000") == (1e10, "USD")
    assert parse_value("~50%") == (50, "%") and parse_value(">=8") == (8, "") and parse_value("5 km") == (5, "km")
    assert parse_value("") == (None, "")
    assert number_verdict(1e10, "trade of $10 billion") == "exact"
    assert number_verdict(1e10, "trade of $10") == "missing"


def test_name_matching_is_fuzzy_and_accepts_surname():
    assert name_verdict("Ebrahim Raisi", "ebrahim raisi arrived") == "exact"
    assert name_verdict("Ebrahim Raisi", "Ibrahim Raisi arrived") == "fuzzy"
    assert name_verdict("Ebrahim Raisi", "Raisi arrived") == "partial"
    assert name_verdict("Iran", "the Iranian president") == "fuzzy"
    assert name_verdict("Iran", "Iraq said") == "missing"
    assert name_verdict("Sistan and Baluchestan", "in Iran's Sistan-Baluchestan province") == "exact"
    assert name_verdict("Shehbaz Sharif", "the prime minister spoke") == "missing"


HINDI = "ईरान के राष्ट्रपति इब्राहिम रायसी पाकिस्तान पहुंचे। दोनों देश व्यापार को 10 अरब डॉलर तक बढ़ाएंगे।"


def _article():
    article = make_article(HINDI)
    text = article.text

    def span(word, label, canonical="", value=""):
        start = text.index(word)
        sentence = next(s.index for s in article.sentences if s.start <= start < s.end)
        return EntitySpan(start, start + len(word), label, word, sentence, canonical=canonical, value=value,
                          entity_id=canonical.lower())

    spans = (span("ईरान", "LOC", "Iran"), span("इब्राहिम रायसी", "PER", "Ebrahim Raisi"),
             span("पाकिस्तान", "LOC", "Pakistan"), span("10 अरब डॉलर", "MONEY", value="USD 10000000000"))
    import dataclasses

    return dataclasses.replace(article, entities=spans)


def test_fidelity_detects_missing_name_and_number():
    article = _article()
    items = fidelity_items(article)
    assert [(i.kind, i.english) for i in items] == [
        ("name", "Iran"), ("name", "Ebrahim Raisi"), ("name", "Pakistan"), ("number", "10 billion (USD)")]
    report = fidelity(article, {
        "good": ["Iranian President Raisi reached Pakistan.", "The two countries will raise trade to $10 billion."],
        "bad": ["The president reached Pakistan.", "The two countries will raise trade to 10 million dollars."],
        "failed": [None, "Trade will grow to 10,000,000,000 dollars."],
    })
    verdicts = {row["expected"]: row for row in report.rows()}
    assert verdicts["Ebrahim Raisi"]["good"] == "partial"
    assert verdicts["Ebrahim Raisi"]["bad"] == "missing"
    assert verdicts["10 billion (USD)"]["good"] == "exact"
    assert verdicts["10 billion (USD)"]["bad"] == "missing"
    assert verdicts["Iran"]["failed"] == "no translation"
    assert report.scores["good"] == pytest.approx(100.0)
    assert report.scores["bad"] == pytest.approx(25.0)
    assert report.scores["failed"] == pytest.approx(100.0) and report.checked["failed"] == 1


def test_fidelity_finds_numbers_without_entities():
    article = make_article("सरकार ने ढाई लाख घर बनाए। 1,500 लोग आए।")
    items = fidelity_items(article)
    assert [(i.sentence, i.value) for i in items] == [(0, 250_000), (1, 1500)]
    report = fidelity(article, {"x": ["The government built 2.5 lakh houses.", "150 people came."],
                                "y": ["It built 250,000 homes.", "Fifteen hundred people came."]})
    assert [v["x"] for v in report.verdicts] == ["exact", "missing"]
    assert report.scores["x"] == pytest.approx(50.0)
    assert report.scores["y"] == pytest.approx(100.0)


def test_fidelity_names_without_canonical_use_the_lexicon():
    pytest.importorskip("khabar.translit")
    article = make_article("शहबाज शरीफ ने मुद्दा उठाया।")
    start = article.text.index("शहबाज शरीफ")
    span = EntitySpan(start, start + len("शहबाज शरीफ"), "PER", "शहबाज शरीफ", 0)
    import dataclasses

    article = dataclasses.replace(article, entities=(span,))
    items = fidelity_items(article)
    assert len(items) == 1 and items[0].kind == "name" and items[0].english
    report = fidelity(article, {"a": ["Shahbaz Sharif raised the issue."], "b": ["He raised the issue."]})
    assert report.verdicts[0]["a"] in ("exact", "fuzzy")
    assert report.verdicts[0]["b"] == "missing"


def test_number_runs_ranges_and_ambiguous_words():
    assert english_numbers("a fever of a hundred and two") == [102]
    assert english_numbers("two and three") == [2, 3]
    assert english_numbers("a million people") == [1e6]
    assert [v for *_, v in hindi_numbers("दो तीन दिन")] == [2, 3]
    assert hindi_numbers("सऊदी अरब के साथ") == []  # Arabia, not a billion
    assert [v for *_, v in hindi_numbers("कोविड-19 के 2.23-4.82 मामले")] == [19, 2.23, 4.82]


def test_hindi_fractions_and_borrowed_scales():
    assert [v for *_, v in hindi_numbers("साढ़े सात दिन")] == [7.5]
    assert [v for *_, v in hindi_numbers("सवा दो लाख")] == [225_000]
    assert [v for *_, v in hindi_numbers("पौने तीन सौ")] == [275]
    assert [v for *_, v in hindi_numbers("1.61 मिलियन मामले")] == [1_610_000]
    assert [v for *_, v in hindi_numbers("COVID-19 एक नया रोग")] == [19]


def test_human_number_forms():
    from khabar.metrics import human_number

    assert human_number(1e10) == "10 billion"
    assert human_number(1_610_000) == "1.61 million"
    assert human_number(250_000) == "250,000"
    assert human_number(2024) == "2024"
    assert human_number(7.5) == "7.5"


def test_scores_from_statistics_match_sacrebleu_directly():
    from sacrebleu.metrics import BLEU, CHRF, TER

    hyps, refs = GOOD[:5], REFERENCES[:5]
    direct = {"chrF": CHRF(), "BLEU": BLEU(effective_order=True), "TER": TER()}
    corpus = {"chrF": CHRF(), "BLEU": BLEU(), "TER": TER()}
    for name, result in score_all(hyps, refs).items():
        for hyp, ref, value in zip(hyps, refs, result.sentences, strict=True):
            assert value == pytest.approx(direct[name].sentence_score(hyp, [ref]).score)
        assert result.corpus == pytest.approx(corpus[name].corpus_score(hyps, [refs]).score)
