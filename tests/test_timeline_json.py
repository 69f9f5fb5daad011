"""The timeline object of the command line: offsets into the text as given, and the exact field set."""

from __future__ import annotations

from khabar.pipeline import timeline_json

FIELDS_TIMEX = {"start", "end", "text", "type", "value", "sentence"}
FIELDS_EVENT = {"sentence", "start_date", "end_date", "certainty", "summary_hi", "summary_en", "entities"}


def test_shape_and_offsets_into_the_text_as_given():
    # Decomposed nukta, a BOM and Windows line endings all change offsets under normalisation.
    text = "\ufeffफ़रवरी 2024 में बैठक हुई।\r\nकल उन्होंने कहा था कि 3 दिन बाद फ़ैसला होगा।"
    data = timeline_json(text, "2024-04-23")
    assert set(data) == {"published", "sentences", "timexes", "events"}
    assert data["published"] == "2024-04-23"
    assert [set(s) for s in data["sentences"]] == [{"index", "start", "end"}] * 2
    for sentence in data["sentences"]:
        assert text[sentence["start"]:sentence["end"]].strip() == text[sentence["start"]:sentence["end"]]
    values = {}
    for timex in data["timexes"]:
        assert set(timex) == FIELDS_TIMEX
        given = text[timex["start"]:timex["end"]]
        values[given] = timex["value"]
    assert values["फ़रवरी 2024"] == "2024-02"
    assert values["कल"] == "2024-04-22"
    assert values["3 दिन बाद"] == "2024-04-26"
    for event in data["events"]:
        assert set(event) == FIELDS_EVENT


def test_decomposed_input_maps_back():
    decomposed = "फ\u093cरवरी 2024 में चुनाव हुए।"  # फ + nukta: NFC may compose it
    data = timeline_json(decomposed, None)
    [timex] = data["timexes"]
    assert decomposed[timex["start"]:timex["end"]] == "फ\u093cरवरी 2024"


def test_without_publication_date():
    data = timeline_json("तीन दिन पहले हमला हुआ।")
    assert data["published"] is None
    assert data["timexes"][0]["value"] == "PAST_REF"
    assert data["events"][0]["start_date"] == ""
