"""Tests for the data model: JSON round trips and translation alignment."""

from __future__ import annotations

import pytest

from khabar.model import Article, ArticleMeta, EntitySpan, Event, Timex, Translation
from khabar.pipeline import make_article


def test_article_round_trips_through_json():
    article = make_article("पहला वाक्य। दूसरा वाक्य।", ArticleMeta(title="T", published="2024-04-23"))
    article = article.with_translation(Translation("gloss", "Gloss", "gloss", ("first sentence", None), (None, "boom")))
    article = article.__class__(**{**article.__dict__,
        "entities": (EntitySpan(0, 4, "PER", "पहला", sentence=0, entity_id="e1", canonical="Pahla"),),
        "timexes": (Timex(0, 4, "पहला", "DATE", "2024-01", sentence=0),),
        "events": (Event(sentence=1, summary_hi="दूसरा", summary_en="second", entities=("Pahla",)),)})
    again = Article.from_json(article.to_json())
    assert again == article
    assert again.translation("gloss").errors == (None, "boom")
    assert again.translation("gloss").failed == 1


def test_translation_errors_must_align():
    with pytest.raises(ValueError):
        Translation("x", "X", "translation", ("a", "b"), ("e",))


def test_with_translation_replaces_the_same_engine():
    article = make_article("एक। दो।")
    article = article.with_translation(Translation("g", "G", "gloss", ("a", "b")))
    article = article.with_translation(Translation("g", "G", "gloss", ("c", "d")))
    assert [t.texts for t in article.translations] == [("c", "d")]


def test_make_article_keeps_a_map_to_the_text_as_given():
    given = "क\u093cलम।\r\nदूसरा।"
    article = make_article(given)
    second = article.sentences[1]
    assert given[article.source_map[second.start]:article.source_map[second.end]] == "दूसरा।"


def test_translation_kinds_rank_best_first_and_pick_the_best_english():
    from khabar.model import Article, Sentence, Translation, TranslationKind

    assert [k.rank for k in (TranslationKind.REFERENCE, TranslationKind.USER, TranslationKind.TRANSLATION,
                             TranslationKind.GLOSS)] == [0, 1, 2, 3]
    assert TranslationKind.of("no-such-kind") is TranslationKind.TRANSLATION
    assert TranslationKind.USER.is_reference and not TranslationKind.GLOSS.is_reference
    gloss = Translation("gloss", "Gloss", "gloss", ("gloss one", "gloss two"))
    reference = Translation("reference", "Editors", "reference", ("ref one", None))
    failed = Translation("google", "Google", "translation", (None, None))
    article = Article(text="क। ख।", sentences=(Sentence(0, 0, 2, "क।"), Sentence(1, 3, 5, "ख।")),
                      translations=(gloss, failed, reference))
    assert [t.engine for t in article.ranked_translations()] == ["reference", "google", "gloss"]
    assert article.best_translation() is reference
    # sentence by sentence: the reference where it has English, the gloss where nothing better has
    assert article.best_english(0) == "ref one"
    assert article.best_english(1) == "gloss two"
    assert Article(text="क।", translations=(failed,)).best_translation() is None


def test_an_article_whose_text_needed_no_change_keeps_no_map():
    # The identity map was one number per character: in memory and in every saved article.
    article = make_article("पहला वाक्य। दूसरा।")
    assert article.source_map == ()
    assert "source_map" not in article.to_dict()
    assert article.given_offset(5) == 5
