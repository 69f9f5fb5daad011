"""The Hindi time tagger: every expression family, on sentences composed for the purpose."""

from __future__ import annotations

import pytest

from khabar.model import Timex
from khabar.timeline.timex import RuleTimexTagger, describe_relative, extract, is_deictic_adverb, parse_published

PUB = "2024-04-23"  # a Tuesday


def tag(text: str, published: str | None = PUB) -> list[Timex]:
    return extract(text, None, published)


def one(text: str, published: str | None = PUB) -> Timex:
    found = tag(text, published)
    assert len(found) == 1, [(t.text, t.value) for t in found]
    return found[0]


@pytest.mark.parametrize(
    ("sentence", "span", "value"),
    [
        ("15 मार्च 2024 को संसद का सत्र शुरू हुआ।", "15 मार्च 2024", "2024-03-15"),
        ("१५ मार्च २०२४ को संसद का सत्र शुरू हुआ।", "१५ मार्च २०२४", "2024-03-15"),
        ("फैसला 15/03/2024 को सुनाया गया।", "15/03/2024", "2024-03-15"),
        ("फैसला 5-7-2021 को सुनाया गया।", "5-7-2021", "2021-07-05"),
        ("मार्च 2024 में चुनाव हुए।", "मार्च 2024", "2024-03"),
        ("वर्ष 2004 में सुनामी आई थी।", "वर्ष 2004", "2004"),
        ("2019 में नया कानून बना।", "2019", "2019"),
        ("सन् 1947 में देश आज़ाद हुआ।", "सन् 1947", "1947"),
        ("यह 21 जनवरी, 2020 की बात है।", "21 जनवरी, 2020", "2020-01-21"),
    ],
)
def test_absolute_dates(sentence, span, value):
    timex = one(sentence)
    assert (timex.text, timex.type, timex.value, timex.certainty) == (span, "DATE", value, "exact")


def test_offsets_index_the_text():
    text = "पहला वाक्य है। दूसरे में 3 मई 2023 को मेला लगा।"
    timex = one(text)
    assert text[timex.start:timex.end] == "3 मई 2023" and timex.sentence == 1


def test_bounds_of_a_month_and_a_year():
    month = one("फ़रवरी 2024 में बर्फ गिरी।")
    assert (month.earliest, month.latest) == ("2024-02-01", "2024-02-29")
    year = one("वर्ष 2004 में सुनामी आई थी।")
    assert (year.earliest, year.latest) == ("2004-01-01", "2004-12-31")


@pytest.mark.parametrize(
    ("variant", "month"),
    [("फरवरी", 2), ("फ़रवरी", 2), ("सितंबर", 9), ("सितम्बर", 9), ("अक्टूबर", 10), ("अक्तूबर", 10),
     ("नवंबर", 11), ("नवम्बर", 11), ("दिसंबर", 12), ("दिसम्बर", 12), ("अप्रैल", 4), ("जुलाई", 7)],
)
def test_month_spelling_variants(variant, month):
    timex = one(f"10 {variant} 2022 को बैठक हुई।")
    assert timex.value == f"2022-{month:02d}-10"


def test_month_without_year_takes_the_year_the_tense_says():
    assert one("जून में बाढ़ आई थी।").value == "2023-06"  # past, and June 2024 had not come yet
    assert one("जून में चुनाव होंगे।").value == "2024-06"
    assert one("फरवरी में बैठक हुई थी।").value == "2024-02"
    assert one("फरवरी में बैठक होगी।").value == "2025-02"


def test_month_name_alone_needs_a_postposition():
    # मार्च is also a protest march: without a date context it is not a month.
    assert tag("किसानों ने दिल्ली तक मार्च निकाला।") == []


def test_weekday_direction_follows_tense():
    past = one("सोमवार को मंत्री ने इस्तीफा दिया था।")
    future = one("सोमवार को मंत्री इस्तीफा देंगे।")
    assert past.value == "2024-04-22" and future.value == "2024-04-29"
    assert one("शुक्रवार को मैच खेला गया।").value == "2024-04-19"
    assert one("पिछले बुधवार को बैठक हुई।").value == "2024-04-17"
    assert one("अगले मंगलवार को बैठक होगी।").value == "2024-04-30"


def test_weekday_with_time_of_day():
    timex = one("बुधवार की देर रात धमाका हुआ।")
    assert timex.text == "बुधवार की देर रात" and timex.type == "TIME" and timex.value == "2024-04-17TNI"


def test_ranges():
    timex = one("परीक्षाएं 30 अप्रैल से 16 मई तक होंगी।")
    assert timex.text == "30 अप्रैल से 16 मई"
    assert (timex.earliest, timex.latest) == ("2024-04-30", "2024-05-16")
    days = one("मेला 15 से 20 मार्च 2023 तक चला।")
    assert (days.earliest, days.latest) == ("2023-03-15", "2023-03-20")
    years = one("वे 2010 से 2014 तक मंत्री रहे।")
    assert (years.earliest, years.latest) == ("2010-01-01", "2014-12-31")


def test_today():
    timex = one("आज बारिश हुई।")
    assert timex.value == PUB and timex.anchor == "publication"


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("कल प्रधानमंत्री ने रैली की थी।", "2024-04-22"),
        ("कल उन्होंने बयान दिया।", "2024-04-22"),
        ("कल बाजार बंद रहेगा।", "2024-04-24"),
        ("कल वे दिल्ली जाएंगे।", "2024-04-24"),
        ("परसों नतीजे आ गए थे।", "2024-04-21"),
        ("परसों नतीजे घोषित होंगे।", "2024-04-25"),
    ],
)
def test_kal_and_parson_by_tense(sentence, value):
    timex = one(sentence)
    assert timex.value == value and timex.certainty == "exact"


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("इस साल", "2024"), ("इस वर्ष", "2024"), ("पिछले साल", "2023"), ("पिछले वर्ष", "2023"),
        ("अगले साल", "2025"), ("इस महीने", "2024-04"), ("पिछले महीने", "2024-03"), ("अगले महीने", "2024-05"),
        ("इस हफ्ते", "2024-W17"), ("पिछले हफ़्ते", "2024-W16"), ("अगले सप्ताह", "2024-W18"),
        ("पिछले सप्ताह", "2024-W16"),
    ],
)
def test_this_last_next(phrase, value):
    timex = one(f"{phrase} कई बदलाव हुए।")
    assert timex.text == phrase and timex.value == value


@pytest.mark.parametrize(
    ("phrase", "value", "earliest", "latest"),
    [
        ("दो दिन पहले", "2024-04-21", "2024-04-21", "2024-04-21"),
        ("3 दिन बाद", "2024-04-26", "2024-04-26", "2024-04-26"),
        ("तीन हफ्ते पहले", "2024-W14", "2024-04-01", "2024-04-07"),
        ("दस साल पहले", "2014", "2014-01-01", "2014-12-31"),
        ("छह महीने बाद", "2024-10", "2024-10-01", "2024-10-31"),
    ],
)
def test_counted_offsets(phrase, value, earliest, latest):
    timex = one(f"यह घटना {phrase} की है।")
    assert (timex.text, timex.value, timex.earliest, timex.latest) == (phrase, value, earliest, latest)
    assert timex.certainty == "exact"


def test_vague_offsets_carry_a_range_and_are_approximate():
    few = one("कुछ दिनों बाद नतीजे आएंगे।")
    assert few.text == "कुछ दिनों बाद" and few.certainty == "approximate"
    assert PUB < few.earliest < few.latest
    several = one("कई साल पहले यह पुल बना था।")
    assert several.certainty == "approximate" and several.latest < PUB and several.value == "PAST_REF"


def test_this_year_january():
    timex = one("इस साल जनवरी में हमला हुआ था।")
    assert (timex.text, timex.value) == ("इस साल जनवरी", "2024-01")
    assert one("पिछले साल जून में बाढ़ आई।").value == "2023-06"


def test_reference_words():
    assert one("हाल ही में नया नियम आया।").value == "PAST_REF"
    now = one("अब वे घर लौट आए हैं।")
    assert now.value == "PRESENT_REF" and now.earliest == PUB
    assert one("फिलहाल कोई फैसला नहीं हुआ।").value == "PRESENT_REF"
    assert is_deictic_adverb(one("फिलहाल कोई फैसला नहीं हुआ।"))


@pytest.mark.parametrize(
    ("phrase", "value"),
    [("छह महीने", "P6M"), ("70 साल", "P70Y"), ("4 हफ्ते", "P4W"), ("60 घंटे", "PT60H"), ("डेढ़ साल", "P1.5Y"),
     ("दो दशक", "P2DE")],
)
def test_durations(phrase, value):
    timex = one(f"काम {phrase} तक चला।")
    assert (timex.text, timex.type, timex.value) == (phrase, "DURATION", value)


def test_duration_over_the_last_years_is_bounded_by_publication():
    timex = one("पिछले चार सालों में अपराध घटे।")
    assert timex.type == "DURATION" and timex.value == "P4Y"
    assert (timex.earliest, timex.latest) == ("2020-04-23", PUB)


@pytest.mark.parametrize(
    ("phrase", "value"),
    [("हर साल", "P1Y"), ("रोज़", "P1D"), ("रोजाना", "P1D"), ("प्रति माह", "P1M"), ("हर सोमवार", "XXXX-WXX-1"),
     ("प्रत्येक वर्ष", "P1Y")],
)
def test_sets(phrase, value):
    timex = one(f"यहां {phrase} मेला लगता है।")
    assert (timex.text, timex.type, timex.value) == (phrase, "SET", value)


def test_number_words_and_ranges_of_counts():
    assert one("दस दिन पहले चोरी हुई।").value == "2024-04-13"
    approx = one("दो-तीन दिन पहले चोरी हुई।")
    assert approx.certainty == "approximate" and (approx.earliest, approx.latest) == ("2024-04-20", "2024-04-21")


def test_decades_centuries_and_clock_times():
    assert one("1990 के दशक में उदारीकरण हुआ।").value == "199"
    assert one("अस्सी के दशक में यह बना।").value == "198"
    assert one("इक्कीसवीं सदी में बहुत बदला।").value == "20"
    clock = one("सुबह 10 बजे बैठक शुरू हुई।")
    assert clock.type == "TIME" and clock.value.endswith("T10:00")
    assert one("शाम 5 बजे सभा हुई।").value.endswith("T17:00")


def test_without_publication_relative_expressions_stay_relative():
    timex = one("तीन दिन पहले हमला हुआ।", None)
    assert timex.value == "PAST_REF" and timex.anchor == "publication-P3D" and timex.earliest == ""
    assert describe_relative(timex) == "3 days before publication"
    kal = one("कल बैठक होगी।", None)
    assert kal.value == "FUTURE_REF" and describe_relative(kal) == "1 day after publication"
    month = one("जनवरी में हमला हुआ था।", None)
    assert month.value == "XXXX-01"


def test_event_anchored_offset_is_not_dated_from_publication():
    timex = one("हमलों के कुछ दिनों बाद बातचीत शुरू हुई।")
    assert timex.anchor == "event+PXD" and timex.type == "DURATION" and timex.earliest == ""


def test_no_false_years_or_counts():
    assert tag("इस रैली में 2000 लोग शामिल हुए।") == []
    assert tag("दो देशों के बीच समझौता हुआ।") == []
    assert tag("हर व्यक्ति को टीका लगेगा।") == []


def test_engine_contract():
    engine = RuleTimexTagger()
    assert engine.info.kind == "timex" and engine.availability().ok
    from khabar.model import Sentence

    text = "आज बैठक हुई।"
    found = engine.extract(text, (Sentence(0, 0, len(text), text),), PUB)
    assert [t.value for t in found] == [PUB]


def test_registry_lists_the_tagger():
    from khabar.engines import register_timex
    from khabar.registry import Registry

    registry = Registry("timex")
    register_timex(registry)
    assert registry.default().info.kind == "timex"


def test_parse_published():
    assert str(parse_published("2024-04-23T10:00:00")) == "2024-04-23"
    assert parse_published("not a date") is None and parse_published(None) is None


def test_partial_dates_without_publication_are_described():
    month = one("जनवरी में हमला हुआ था।", None)
    assert describe_relative(month) == "January, year unknown (no publication date)"


def test_time_nouns_festivals_and_seasons_are_tagged_but_not_placed():
    # Without a publication date a festival is typed (its name known) but not placed.
    found = {t.text: t for t in tag("दिवाली पर लोग सर्दियों में भी देर रात तक जागे।", None)}
    assert found["दिवाली"].anchor == "festival:diwali" and found["दिवाली"].earliest == ""
    assert found["दिवाली"].value == "XXXX"
    assert found["सर्दियों"].value == "XXXX-WI"
    assert found["देर रात"].type == "TIME"


def test_anaphoric_day_follows_the_previous_date():
    found = tag("15 मार्च 2023 को हमला हुआ। अगले दिन सेना पहुंची।")
    assert [t.value for t in found] == ["2023-03-15", "2023-03-16"]
    assert found[1].anchor == "previous" and found[1].certainty == "approximate"


def test_clock_time_with_minutes_and_approximation():
    timex = one("शनिवार रात करीब 8:30 बजे धमाका हुआ।")
    assert timex.text == "शनिवार रात करीब 8:30 बजे" and timex.value == "2024-04-20T20:30"


def test_reduplicated_kal_is_a_sound_not_a_day():
    assert tag("नदी की कल - कल सुनाई दी।") == []


def test_weekday_inside_a_named_week_and_financial_years():
    assert one("अगले हफ्ते सोमवार को बैठक होगी।").value == "2024-04-29"
    assert one("पिछले सप्ताह शुक्रवार को मैच हुआ।").value == "2024-04-19"
    fiscal = one("वित्त वर्ष 2023-24 में विकास दर बढ़ी।")
    assert fiscal.text == "वर्ष 2023-24" and (fiscal.earliest, fiscal.latest) == ("2023-01-01", "2024-12-31")


def test_about_makes_a_date_approximate():
    timex = one("करीब दो हफ्ते पहले यह हुआ।")
    assert timex.text == "दो हफ्ते पहले" and timex.certainty == "approximate"


def test_a_passive_or_progressive_auxiliary_decides_the_tense():
    assert one("कल फैसला किया जाएगा।").value == "2024-04-24"  # किया जाएगा is future, not past
    assert one("कल बैठक की गई थी।").value == "2024-04-22"
    # A present verb ends the search: the past speech verb before कि does not make the clause past.
    assert one("उन्होंने बताया कि सोमवार को दुकानें खुलती हैं।").certainty == "approximate"


def test_a_day_of_the_month_moves_by_a_month_not_a_year():
    assert one("15 तारीख को हमला हुआ था।", "2024-04-10").value == "2024-03-15"
    assert one("5 तारीख को बैठक होगी।", "2024-04-10").value == "2024-05-05"
    assert one("8 तारीख को हमला हुआ था।", "2024-04-10").value == "2024-04-08"


def test_from_time_to_time_and_every_moment_are_sets():
    assert (one("समय-समय पर जांच होती है।").type, one("हर पल डर लगता है।").type) == ("SET", "SET")


def test_present_perfect_and_relative_clauses_keep_their_past():
    # ने ... है: the present perfect reports a past event.
    assert one("4 सितंबर को कमिटी ने (मिनट्स हमारे पास हैं) इसे उल्लंघन माना है।", "2024-06-15").value == "2023-09-04"
    # A relative clause after the present verb still describes the dated thing.
    assert one("यह 21 अक्टूबर के हमलों जैसा है जिसने वेबसाइटें ठप कर दी थीं।").value == "2023-10-21"
    # हो before जाएगा is not a present tense.
    assert one("सोमवार को रामलीलाओं का समापन हो जाएगा।").value == "2024-04-29"
