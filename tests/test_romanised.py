"""Names spelled as English spells them: the romanised-name index, the readings of a name, initials."""

from __future__ import annotations

import pytest

from khabar.entities.linking import english_for, mention_key, mention_surface
from khabar.model import EntitySpan
from khabar.pipeline import gloss_name
from khabar.translate import romanised
from khabar.translate.loanwords import initial
from khabar.translit import english_spelling, readings, usual_name_spelling


@pytest.mark.parametrize(("one", "other"), [
    ("Srivastava", "shrivastava"), ("Deepak", "dipak"), ("Nawaz", "navaj"), ("Pandey", "pande"),
    ("Farooq", "pharuk"), ("Chaudhary", "chaudhari"), ("Dixit", "dikshit"), ("Jaipur", "jaypur"),
    ("Banerjee", "banarji"), ("Indore", "indaur"),
])
def test_spellings_of_one_name_share_a_latin_key(one, other):
    assert romanised.latin_key(one) == romanised.latin_key(other)


def test_different_names_keep_different_keys():
    assert romanised.latin_key("Kamal") != romanised.latin_key("Kamala")
    assert romanised.latin_key("Dhan") != romanised.latin_key("Dan")


def test_readings_vary_the_inherent_vowels_the_rule_first():
    found = readings("कमला")
    assert found[0] == "kamla"
    assert "kamala" in found
    assert "fadnavis" not in readings("फडणवीस") and "phadnavis" in readings("फडणवीस")


def test_readings_never_end_in_a_new_cluster_or_double_a_consonant():
    assert "atl" not in readings("अटल")
    assert not any(r.startswith("menn") for r in readings("मेनन"))


@pytest.fixture
def tiny_index(tmp_path, monkeypatch):
    """A romanised index written by the real writer from a handful of words, and read by the real reader."""
    words = {("kamala", False): [(3.0, "kamala")], ("kamla", False): [(2.3, "kamla")],
             ("dipak", False): [(2.8, "deepak"), (1.8, "dipak")], ("bos", True): [(4.8, "boss")],
             ("bos", False): [(3.0, "bos")], ("nada", False): [(3.1, "nada"), (1.6, "nadda")],
             ("ram", True): [(4.2, "ram")], ("ram", False): [(1.8, "ramm")]}
    monkeypatch.setattr(romanised, "build_index", lambda: words)
    path = tmp_path / "romanised.tsv.gz"
    monkeypatch.setattr(romanised, "INDEX_PATH", path)
    romanised.write_index(path)
    romanised._index.cache_clear()
    romanised._entries.cache_clear()
    yield path
    romanised._index.cache_clear()
    romanised._entries.cache_clear()


def test_the_most_frequent_spelling_wins(tiny_index):
    assert romanised.usual_spelling(["dipak"], "dipak") == ("deepak", 2.8)
    # कमला: the reading that keeps the vowel is what English writes more (Kamala).
    assert romanised.usual_spelling(["kamla", "kamala"], "kamla")[0] == "kamala"


def test_a_common_english_word_counts_only_as_the_rules_own_reading(tiny_index):
    assert romanised.usual_spelling(["bos"], "bos")[0] == "bos"  # not "boss"
    assert romanised.usual_spelling(["ram"], "ram")[0] == "ram"  # the rule's reading, a common word: kept


def test_a_geminate_is_not_lost(tiny_index):
    assert romanised.usual_spelling(["nadda"], "nadda")[0] == "nadda"  # नड्डा is not "nada"


def test_no_index_no_answer(tmp_path, monkeypatch):
    monkeypatch.setattr(romanised, "INDEX_PATH", tmp_path / "missing.tsv.gz")
    romanised._index.cache_clear()
    romanised._entries.cache_clear()
    try:
        assert romanised.usual_spelling(["dipak"], "dipak") is None
    finally:
        romanised._index.cache_clear()
        romanised._entries.cache_clear()


@pytest.mark.parametrize(("hindi", "english"), [
    ("दीपक", "Deepak"), ("श्रीवास्तव", "Srivastava"), ("मिश्रा", "Mishra"), ("कमला", "Kamala"),
    ("फडणवीस", "Fadnavis"), ("हरप्रीत", "Harpreet"), ("नड्डा", "Nadda"), ("कमल", "Kamal"), ("राम", "Ram"),
])
def test_the_shipped_index_spells_indian_names_as_english_news_does(hindi, english):
    assert english_spelling(hindi, person=True) == english


def test_an_english_name_beats_a_romanised_reading_only_where_english_writes_it_more():
    assert english_spelling("माइकल", person=True) == "Michael"
    assert english_spelling("जेनिफर", person=True) == "Jennifer"
    assert english_spelling("मोदी", person=True) == "Modi"  # not the loanword "Mahdi"


def test_a_word_english_never_writes_gets_no_usual_spelling():
    assert usual_name_spelling("क्ष्ज्ञ") is None


def test_initials_in_a_person_name():
    assert initial("वी") == "V" and initial("एम") == "M" and initial("डब्ल्यू") == "W"
    assert initial("कमल") is None
    assert english_for(("जैमे", "वी"), "PER") == "Jaime V"


def test_canonical_names_read_the_written_words_not_their_keys():
    # The key of न्यूसम folds न् before य into an anusvara; the English must still start with N.
    span = EntitySpan(start=0, end=12, label="PER", text="गेविन न्यूसम")
    written = mention_surface(span)
    assert written == ("गेविन", "न्यूसम")
    assert english_for(mention_key(span), "PER", written).split()[1].startswith("N")


def test_indian_place_names_keep_their_hindi_heads():
    assert english_for(("लक्ष्मी", "नगर"), "LOC") == "Lakshmi Nagar"
    assert english_for(("चांदनी", "चौक"), "LOC") == "Chandni Chowk"
    # a village is translated, and an institution is not a place name (the pipeline's gloss reads them)
    assert english_for(("रामपुर", "गांव"), "LOC", gloss=gloss_name).endswith("Village")
    assert english_for(("नगर", "निगम"), "ORG", gloss=gloss_name) != "Nagar Nigam"
