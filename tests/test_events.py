"""Events: what each sentence reports, who took part, and when, with how sure that is."""

from __future__ import annotations

import dataclasses

from khabar.model import ArticleMeta, EntitySpan, Translation
from khabar.pipeline import make_article
from khabar.timeline import analyze_time
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
