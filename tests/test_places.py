"""GeoNames place names: which Devanagari names are kept, and that they give English names, never new finds."""

from __future__ import annotations

from khabar.entities.lexicon import Entry, Lexicon, lexicon
from khabar.entities.places import City, name_shares, select_places


def _never_common(word: str) -> bool:
    return False


def test_the_bigger_city_wins_a_name_that_folds_to_the_same_key():
    cities = [City("Jalgaon Jamod", 30_000, "IN", ("जलगांव",)), City("Jalgaon", 460_000, "IN", ("जलगाँव", "Jalgaon"))]
    chosen = select_places(cities, common_word=_never_common, shares={})
    assert list(chosen.values()) == ["Jalgaon"] and len(chosen) == 1


def test_small_towns_abroad_and_latin_or_short_names_are_left_out():
    cities = [City("Pinner", 19_158, "GB", ("पिनर",)), City("Wardha", 113_759, "IN", ("वर्धा", "Wardha")),
              City("Ay", 9_000, "IN", ("ऐ",))]
    assert select_places(cities, common_word=_never_common, shares={}) == {"वर्धा": "Wardha"}


def test_a_name_the_gloss_reads_as_a_word_or_the_corpora_seldom_tag_is_left_out():
    cities = [City("Mila", 70_000, "IN", ("मिला",)), City("Nagar", 50_000, "IN", ("नगर",)),
              City("Wardha", 113_759, "IN", ("वर्धा",)), City("Port Blair", 100_000, "IN", ("पोर्ट ब्लेयर",))]
    shares = name_shares([[("शहर", "O"), ("नगर", "O")], [("नगर", "O")], [("नगर", "B-LOC")], [("नगर", "O")]])
    assert shares["नगर"] == (4, 0.25)
    chosen = select_places(cities, common_word=lambda w: w == "मिला", shares=shares)
    assert chosen == {"वर्धा": "Wardha", "पोर्ट ब्लेयर": "Port Blair"}


def test_places_give_an_english_name_only_after_every_other_lexicon():
    lex = Lexicon([Entry("गया", "Gaya", "LOC")], places=[Entry("गया", "Went", "LOC"), Entry("वर्धा", "Wardha", "LOC")])
    assert lex.lookup("गया").english == "Gaya"
    assert lex.lookup("वर्धा").english == "Wardha"
    # never a detection entry: the taggers' lexicon features and back-off read by_key only
    assert "वर्धा" not in lex.by_key and lex.types("वर्धा") == set()


def test_the_shipped_list_reads_towns_and_leaves_common_words():
    lex = lexicon()
    assert lex.lookup("जलगांव").english == "Jalgaon"
    assert lex.lookup("वियना").english == "Vienna"
    assert all(lex.lookup(word) is None for word in ("मिला", "नगर", "मोबाइल"))
