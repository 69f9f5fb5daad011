"""The name lexicons: spelling slips in multi-word names are found by rule, not by listing each variant."""

from __future__ import annotations

from khabar.entities.lexicon import Entry, Lexicon, lexicon, within_one_edit
from khabar.entities.offline import TokenSpan, lexicon_spans
from khabar.entities.tokenize import tokenize
from khabar.text import match_key


def test_within_one_edit():
    assert within_one_edit("सिस्तान", "सिएस्तान")  # one inserted letter
    assert within_one_edit("abcdef", "abxdef") and within_one_edit("abcdef", "abcde") and within_one_edit("a", "a")
    assert not within_one_edit("abcdef", "abxdey")
    assert not within_one_edit("abcdef", "abcd")
    assert not within_one_edit("abcdef", "bacdef")


def test_a_misspelt_word_in_a_known_name_is_looked_up():
    lex = lexicon()
    assert not lex.entries("सिएस्तान-बलूचिस्तान")  # not listed ...
    entry = lex.lookup("सिएस्तान-बलूचिस्तान")  # ... but found as a slip of सिस्तान-बलूचिस्तान
    assert entry is not None and (entry.english, entry.label) == ("Sistan and Baluchestan", "LOC")
    assert lex.lookup("सिएस्तान बलूचिस्तान").english == "Sistan and Baluchestan"


def test_fuzzy_matching_is_narrow():
    lex = Lexicon([Entry("सिस्तान-बलूचिस्तान", "Sistan and Baluchestan", "LOC"), Entry("अमित शाह", "Amit Shah", "PER"),
                   Entry("तारापुर", "Tarapur", "LOC")])
    assert lex.fuzzy(["सिएस्तान", "बलूचिस्तान"]).english == "Sistan and Baluchestan"
    assert lex.fuzzy(["सिस्तानी", "बलूचिस्तान"]) is not None
    assert lex.fuzzy(["अमित", "शाही"]) is None  # short words one edit apart are different words
    assert lex.fuzzy(["सिएस्तान", "बलोचिस्तानी"]) is None  # two words changed
    assert lex.fuzzy(["सियेस्तानम", "बलूचिस्तान"]) is None  # two edits
    assert lex.fuzzy(["तारापुरा"]) is None  # single words are never matched loosely
    assert lex.fuzzy(["सिएस्तान", "बलूचिस्तान"], rare=lambda w: False) is None  # a common word is no slip


def test_the_engine_finds_a_misspelt_hyphenated_place_and_replaces_its_found_part():
    keys = [match_key(t[2]) for t in tokenize("पाकिस्तान ने ईरान के सिएस्तान-बलूचिस्तान प्रांत में हमले किए")]
    assert keys[4:7] == ["सिएस्तान", "-", "बलूचिस्तान"]
    found = lexicon_spans(keys, [TokenSpan(0, 1, "LOC"), TokenSpan(2, 3, "LOC"), TokenSpan(6, 7, "LOC")])
    assert [(s.first, s.last, s.label) for s in found] == [(4, 7, "LOC")]
