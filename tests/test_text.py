"""Unit and property tests for khabar.text: normalisation, matching keys, digits, sentence splitting."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from khabar.text import (
    devanagari_share,
    has_devanagari,
    match_key,
    normalize,
    sentence_spans,
    split_sentences,
    to_ascii_digits,
    tokens,
)


def rebuild(text: str) -> str:
    """The sentences plus the gaps between them, in order."""
    pieces, position = [], 0
    for start, end, _ in sentence_spans(text):
        assert start >= position and end > start
        pieces.append(text[position:start])
        pieces.append(text[start:end])
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def test_splits_on_danda_question_and_exclamation():
    assert split_sentences("वह आया। क्या तुम आए? हाँ! ठीक है॥ अंत") == [
        "वह आया।", "क्या तुम आए?", "हाँ!", "ठीक है॥", "अंत"]


def test_full_stop_ends_a_sentence_but_not_abbreviations_initials_or_decimals():
    text = "डॉ. ए. के. शर्मा ने कहा कि दर 3.5 प्रतिशत रही. श्री. गुप्ता सहमत थे."
    assert split_sentences(text) == ["डॉ. ए. के. शर्मा ने कहा कि दर 3.5 प्रतिशत रही.", "श्री. गुप्ता सहमत थे."]


def test_prof_and_latin_initials_do_not_split():
    assert split_sentences("प्रो. यशपाल और A. K. Singh आए।") == ["प्रो. यशपाल और A. K. Singh आए।"]


def test_ellipsis_inside_a_line_does_not_split_but_ends_at_line_end():
    assert split_sentences("वह रुका... फिर बोला।\nऔर फिर…\nअंत।") == ["वह रुका... फिर बोला।", "और फिर…", "अंत।"]


def test_closing_quotes_stay_with_their_sentence():
    assert split_sentences("उसने कहा, “हम आएँगे।” फिर गया।") == ["उसने कहा, “हम आएँगे।”", "फिर गया।"]
    assert split_sentences("«ठीक है!» उसने कहा।") == ["«ठीक है!»", "उसने कहा।"]
    assert split_sentences('उसने कहा "हाँ।" बस।') == ['उसने कहा "हाँ।"', "बस।"]


def test_heading_on_its_own_line_and_paragraphs():
    text = "शीर्षक बिना विराम\nपहला वाक्य। दूसरा वाक्य।\n\nनया अनुच्छेद।"
    spans = sentence_spans(text)
    assert [text[s:e] for s, e, _ in spans] == ["शीर्षक बिना विराम", "पहला वाक्य।", "दूसरा वाक्य।", "नया अनुच्छेद।"]
    assert [p for _, _, p in spans] == [0, 1, 1, 2]


def test_space_before_danda_stays_inside_the_sentence():
    assert split_sentences("हमले शुरू किए थे । अगला।") == ["हमले शुरू किए थे ।", "अगला।"]


def test_seed_article_splits_into_eighteen_sentences_in_seven_paragraphs(seed_text):
    spans = sentence_spans(seed_text)
    assert len(spans) == 18
    assert len({p for _, _, p in spans}) == 7
    assert rebuild(seed_text) == seed_text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("कखग ािे्ं़।॥?!.…\n\"“”'«»0123456789डॉश्रीए")) | st.characters(), max_size=200))
def test_split_never_loses_or_duplicates_a_character(text):
    assert rebuild(text) == text
    for start, end, _ in sentence_spans(text):
        assert not text[start].isspace() and not text[end - 1].isspace()


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_normalize_map_points_back_into_the_original(text):
    normalised, mapping = normalize(text)
    assert len(mapping) == len(normalised) + 1
    assert mapping[-1] == len(text)
    assert list(mapping) == sorted(mapping)
    assert normalised == unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n")).replace("\ufeff", "") or "\ufeff" in text


def test_normalize_maps_decomposed_nukta_and_crlf():
    given_text = "क\u093c\r\nख"
    normalised, mapping = normalize(given_text)
    assert normalised == unicodedata.normalize("NFC", "क\u093c") + "\nख"
    start = normalised.index("ख")
    assert given_text[mapping[start]:mapping[start + 1]] == "ख"


def test_match_key_folds_spelling_variants():
    assert match_key("शहबाज़ शरीफ़") == match_key("शहबाज शरीफ")
    assert match_key("सम्बन्धों") == match_key("संबंधों")
    assert match_key("हँसी") == match_key("हंसी")
    assert match_key("२०२४") == "2024"
    assert match_key("रायसी") != match_key("राय")


def test_digits_and_script_checks():
    assert to_ascii_digits("१५ मार्च २०२४") == "15 मार्च 2024"
    assert has_devanagari("abc क") and not has_devanagari("abc")
    assert devanagari_share("कखग ab") == 0.6
    assert devanagari_share("123") == 0.0


def test_tokens_keep_hyphenated_words_and_offsets():
    text = "एक-दूसरे के खिलाफ, 10 अरब"
    found = list(tokens(text))
    assert [t for _, _, t in found] == ["एक-दूसरे", "के", "खिलाफ", ",", "10", "अरब"]
    assert all(text[s:e] == t for s, e, t in found)
