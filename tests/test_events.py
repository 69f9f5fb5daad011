"""Events: what each sentence reports, who took part, and when, with how sure that is."""

from __future__ import annotations

import dataclasses

from khabar.model import ArticleMeta, EntitySpan, Translation
from khabar.pipeline import analyze_time, make_article, timeline_json
from khabar.timeline.chart import relative_text
from khabar.timeline.events import build_events

PUB = "2024-04-23"


def analysed(text: str, published: str | None = PUB, **changes):
    article = make_article(text, ArticleMeta(published=published or ""))
    if changes:
        article = dataclasses.replace(article, **changes)
    return analyze_time(article)


def test_event_dated_by_its_time_expression():
    article = analysed("इस साल जनवरी में सेना ने हवाई हमले शुरू किए थे।")
    [event] = article.events
    assert (event.start_date, event.end_date, event.certainty) == ("2024-01-01", "2024-01-31", "exact")
    assert "हमले शुरू किए थे" in event.summary_hi
    assert article.timexes[event.timex].value == "2024-01"


def test_response_inherits_the_date_as_inferred():
    article = analysed("मार्च 2023 में सेना ने सीमा पर हमला किया था। हमले का जवाब देते हुए, पड़ोसी देश ने ड्रोन भेजे।")
    first, second = article.events
    assert first.certainty == "exact" and second.sentence == 1
    assert (second.start_date, second.end_date, second.certainty) == ("2023-03-01", "2023-03-31", "inferred")
    assert "ड्रोन भेजे" in second.summary_hi


def test_ongoing_present_is_at_publication_inferred():
    [visit] = analysed("विदेश मंत्री जापान की यात्रा पर हैं।").events
    assert (visit.start_date, visit.end_date, visit.certainty) == (PUB, PUB, "inferred")
    assert visit.summary_hi.endswith("यात्रा पर हैं")


def test_no_basis_means_undated_never_a_made_up_date():
    article = analysed("दोनों देशों ने एक-दूसरे पर आरोप लगाया है।")
    [event] = article.events
    assert event.certainty == "undated" and event.start_date == "" and event.end_date == ""


def test_inheritance_stops_at_a_paragraph_without_a_response():
    article = analysed("मार्च 2023 में बाढ़ आई थी।\nसरकार ने नई नीति बनाई।")
    assert article.events[-1].certainty == "undated"


def test_earlier_event_before_an_offset():
    article = analysed("हमले किए जाने के कुछ दिनों बाद अब सरकार ने बड़ा फैसला लिया है।")
    earlier, main = article.events
    assert main.start_date == PUB and "फैसला लिया है" in main.summary_hi
    assert earlier.certainty == "approximate" and "हमले किए जाने" in earlier.summary_hi
    assert earlier.start_date < earlier.end_date < PUB


def test_without_publication_relative_dates_stay_relative():
    article = analysed("तीन दिन पहले पुलिस ने छापा मारा।", None)
    [event] = article.events
    assert event.start_date == "" and event.certainty == "exact"
    assert "3 days before publication" in event.basis


def test_questions_states_and_quoted_speech_are_not_events():
    text = "सरकार ने क्या कहा? यह फैसला ज़रूरी है। मंत्री ने कहा, ”हम तैयार हैं। हम जल्द काम करेंगे।”"
    article = analysed(text)
    assert [e.summary_hi for e in article.events] == ["मंत्री ने कहा"]


def test_entities_and_english_come_from_the_article():
    text = "सोमवार को मोदी ने दिल्ली में रैली की।"
    article = make_article(text, ArticleMeta(published=PUB))
    start = text.index("मोदी")
    place = text.index("दिल्ली")
    spans = (EntitySpan(start, start + 4, "PER", "मोदी", 0, "e1", "Narendra Modi"),
             EntitySpan(place, place + 6, "LOC", "दिल्ली", 0, "e2", "Delhi"),
             EntitySpan(0, 6, "DATE", "सोमवार", 0))
    gloss = Translation("gloss", "Gloss", "gloss", ("Monday Modi Delhi rally did",))
    reference = Translation("reference", "Reference", "reference", ("On Monday Modi held a rally in Delhi.",))
    article = dataclasses.replace(article, entities=spans, translations=(gloss, reference))
    article = analyze_time(article)
    [event] = build_events(article)
    assert event.entities == ("Narendra Modi", "Delhi")
    assert event.summary_en == "On Monday Modi held a rally in Delhi."
    assert event.start_date == "2024-04-22"


def test_seed_article_dates(seed_text):
    article = analysed(seed_text)
    by_sentence = {}
    for event in article.events:
        by_sentence.setdefault(event.sentence, []).append(event)
    january = [t for t in article.timexes if t.text.startswith("इस साल")]
    assert january and january[0].value == "2024-01"
    strikes = [e for e in article.events if "हमले शुरू" in e.summary_hi]
    assert strikes and strikes[0].start_date == "2024-01-01" and strikes[0].certainty == "exact"
    response = [e for e in article.events if "भेजे" in e.summary_hi]
    assert response and response[0].start_date == "2024-01-01" and response[0].certainty == "inferred"
    earlier = [e for e in article.events if e.sentence == 0 and e.certainty == "approximate"]
    assert earlier and earlier[0].end_date < PUB and earlier[0].start_date >= "2024-04-09"
    visits = [e for e in article.events if e.summary_hi.endswith("यात्रा पर हैं")]
    assert visits and all(v.start_date == PUB for v in visits)


def test_scare_quotes_do_not_split_a_clause_but_speech_does():
    article = analysed("मार्च 2023 में सेना ने “आतंकी ठिकानों” पर हमले किए। मंत्री ने कहा, ”हमने जवाब दिया।”")
    first, second = article.events
    assert first.summary_hi == "हमले किए"
    assert first.start_date == "2023-03-01"
    assert second.summary_hi == "मंत्री ने कहा"


def test_particles_do_not_count_as_the_complement():
    [event] = analysed("दोनों नेताओं के बीच व्यापार पर भी बातचीत हुई।").events
    assert event.summary_hi == "बातचीत हुई"


def _spans(text: str, names: dict[str, tuple[str, str]]) -> tuple[EntitySpan, ...]:
    """Entity spans for every occurrence of each form: form -> (label, canonical)."""
    spans = []
    article = make_article(text, ArticleMeta(published=PUB))
    for form, (label, canonical) in names.items():
        at = text.find(form)
        while at >= 0:
            sentence = next(s.index for s in article.sentences if s.start <= at < s.end)
            spans.append(EntitySpan(at, at + len(form), label, form, sentence, canonical.lower(), canonical))
            at = text.find(form, at + 1)
    return tuple(sorted(spans, key=lambda s: s.start))


def test_past_event_never_inherits_a_future_date():
    article = analysed("15 जून को संसद का सत्र शुरू होगा। वह तीन साल विदेश में रहा।")
    session, stay = article.events
    assert session.start_date == "2024-06-15"
    assert (stay.start_date, stay.end_date, stay.certainty) == ("", "", "undated")


def test_a_duration_says_how_long_not_when():
    article = analysed("वह तीन साल विदेश में रहा।")
    [stay] = article.events
    assert stay.start_date == "" and stay.certainty == "undated"
    assert stay.basis.startswith("before publication") and "तीन साल" in stay.basis
    assert relative_text(article, stay) == "before publication"


def test_summary_leaves_the_time_expression_out_whole():
    article = analysed("मंत्री छह महीने जेल में रहे। कल शाम बैठक हुई।")
    assert [e.summary_hi for e in article.events] == ["जेल में रहे", "बैठक हुई"]


def test_even_a_response_cue_does_not_carry_a_future_date_into_the_past():
    article = analysed("जुलाई 2025 में चुनाव होंगे। इसके बाद मंत्री ने इस्तीफा दिया।")
    assert article.events[-1].certainty == "undated"
    # Without a publication date the future tense of the source still rules it out.
    article = analysed("मार्च 2030 में चुनाव होंगे। इसके बाद मंत्री ने इस्तीफा दिया।", None)
    assert article.events[-1].certainty == "undated"


def test_a_future_date_in_another_clause_does_not_date_a_past_clause():
    article = analysed("जून 2025 में चुनाव होंगे, लेकिन मंत्री ने इस्तीफा दिया।")
    vote, resignation = article.events
    assert vote.start_date == "2025-06-01"
    assert resignation.start_date == "" and resignation.certainty == "undated"


def test_a_past_date_in_another_clause_still_dates_a_past_clause():
    article = analysed("मार्च 2023 में सेना ने हमला किया, लेकिन पुलिस ने कार्रवाई नहीं की।")
    attack, police = article.events
    assert attack.start_date == police.start_date == "2023-03-01"


def test_inheritance_needs_topical_continuity():
    article = analysed("मार्च 2023 में बाढ़ आई थी। सरकार ने नई नीति बनाई।")
    assert article.events[-1].certainty == "undated"
    article = analysed("मार्च 2023 में बाढ़ आई थी। इसके जवाब में सरकार ने नई नीति बनाई।")
    assert (article.events[-1].start_date, article.events[-1].certainty) == ("2023-03-01", "inferred")


def test_a_shared_participant_carries_the_date_and_another_one_does_not():
    names = {"मोदी": ("PER", "Narendra Modi"), "शाह": ("PER", "Amit Shah")}
    text = "मार्च 2023 में मोदी ने दिल्ली में रैली की। मोदी ने भाषण दिया। शाह ने बैठक की।"
    article = analysed(text, entities=_spans(text, names))
    rally, speech, meeting = article.events
    assert rally.start_date == "2023-03-01"
    assert (speech.start_date, speech.certainty) == ("2023-03-01", "inferred")
    assert meeting.certainty == "undated" and meeting.start_date == ""


def test_both_countries_refers_back_to_two_named_participants():
    names = {"भारत": ("LOC", "India"), "चीन": ("LOC", "China")}
    text = "मार्च 2023 में भारत और चीन ने समझौता किया। दोनों देशों ने सेनाएं हटाईं।"
    article = analysed(text, entities=_spans(text, names))
    assert (article.events[-1].start_date, article.events[-1].certainty) == ("2023-03-01", "inferred")
    bare = analysed("मार्च 2023 में बाढ़ आई थी। दोनों देशों ने सेनाएं हटाईं।")
    assert bare.events[-1].certainty == "undated"


def test_timeline_json_keeps_a_future_date_away_from_a_past_sentence():
    result = timeline_json("15 जून को संसद का सत्र शुरू होगा। वह तीन साल विदेश में रहा।", PUB,
                           translators=(), entities=False)
    session, stay = result["events"]
    assert session["start_date"] == "2024-06-15" and session["certainty"] == "exact"
    assert stay["start_date"] == "" and stay["certainty"] == "undated"
    assert stay["summary_hi"] == "विदेश में रहा"


def test_without_publication_a_forward_offset_in_another_clause_does_not_date_a_past_clause():
    article = analysed("तीन दिन बाद चुनाव होंगे, लेकिन मंत्री ने इस्तीफा दिया।", None)
    vote, resignation = article.events
    assert "after publication" in vote.basis
    assert resignation.certainty == "undated" and "publication" not in resignation.basis
