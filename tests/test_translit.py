"""Transliteration with schwa deletion and the English-name lexicon."""

from __future__ import annotations

import pytest

from khabar.translit import english_name, name_key, transliterate


@pytest.mark.parametrize(
    ("hindi", "english"),
    [
        ("रायसी", "Raisi"),
        ("इब्राहिम", "Ibrahim"),
        ("पाकिस्तान", "Pakistan"),
        ("शहबाज़", "Shahbaz"),
        ("नरेंद्र", "Narendra"),
        ("कमला", "Kamla"),  # medial schwa deleted
        ("समझना", "Samajhna"),  # only the first of two deletable schwas goes (right to left)
        ("भारत", "Bharat"),  # final schwa deleted
        ("गुप्त", "Gupta"),  # kept after a stop cluster
        ("मिश्र", "Mishra"),  # kept after a cluster ending in r
        ("दोस्त", "Dost"),  # not after a sibilant cluster
        ("सिंह", "Singh"),
        ("कृष्ण", "Krishna"),
        ("केजरीवाल", "Kejriwal"),
        ("स्वामी", "Swami"),
        ("ज्ञान", "Gyan"),
        ("संबंध", "Sambandh"),  # anusvara before a labial
        ("ग़ज़ल", "Ghazal"),  # nukta consonants
    ],
)
def test_transliterate_words(hindi, english):
    assert transliterate(hindi) == english


def test_transliterate_keeps_spacing_digits_and_punctuation():
    assert transliterate("इब्राहिम रायसी, २०२४।") == "Ibrahim Raisi, 2024."
    assert transliterate("पाकिस्तान", title=False) == "pakistan"
    assert transliterate("Iran ईरान") == "Iran Iran"


def test_transliterate_decomposed_nukta_matches_precomposed():
    decomposed = "\u0936\u0939\u092c\u093e\u091c\u093c"  # ज + nukta
    assert transliterate(decomposed) == transliterate("शहबाज़") == "Shahbaz"


def test_english_name_from_lexicon_with_variants():
    assert english_name("संयुक्त राष्ट्र") == "United Nations"
    assert english_name("भाजपा") == "BJP"
    assert english_name("शहबाज़ शरीफ़") == english_name("शहबाज शरीफ") == "Shehbaz Sharif"
    assert english_name("ईरान") == "Iran"
    assert english_name("ईरानी") == "Iranian"


def test_english_name_composes_known_name_parts_and_admits_unknowns():
    assert english_name("मनोज तिवारी") == "Manoj Tiwari"
    assert english_name("झझझ") is None
    assert english_name("") is None


def test_cldr_places_are_in_the_lexicon():
    # From places_cldr.tsv (Babel's CLDR names), not the hand-written list.
    assert english_name("मेडागास्कर") == "Madagascar"


def test_name_key_folds_spelling_variants():
    assert name_key("शहबाज़ शरीफ़") == name_key("शहबाज शरीफ")
    assert name_key("सम्बन्ध") == name_key("संबंध")
    assert name_key("सिस्तान-बलूचिस्तान") == name_key("सिस्तान बलूचिस्तान")
