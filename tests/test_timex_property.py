"""Property tests: the tagger never crashes and its spans always index the text, whatever the input."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from khabar.pipeline import make_article
from khabar.timeline.events import build_events
from khabar.timeline.timex import extract

# Text mixing arbitrary Unicode with the Hindi pieces the rules look for, so the rules actually fire.
PIECES = st.sampled_from([
    "कल", "आज", "परसों", "सोमवार", "को", "15", "१५", "मार्च", "2024", "से", "तक", "पहले", "बाद", "दिन",
    "दिनों", "साल", "इस", "पिछले", "अगले", "कुछ", "कई", "हर", "था", "होगा", "गया", "।", ",", "-", "/", "के",
    "दशक", "सदी", "बजे", "सुबह", "साढ़े", "दो-तीन", "2010-14", "जनवरी", "अब", "हाल", "ही", "में", "\n", " ",
])
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=4)), max_size=40).map(" ".join)
DATES = st.one_of(st.none(), st.dates().map(str), st.text(max_size=12))


@settings(max_examples=300, deadline=None)
@given(text=st.text(), published=DATES)
def test_extract_never_crashes_on_arbitrary_unicode(text, published):
    for timex in extract(text, None, published):
        assert 0 <= timex.start < timex.end <= len(text)
        assert text[timex.start:timex.end] == timex.text


@settings(max_examples=300, deadline=None)
@given(text=TEXT, published=DATES)
def test_extract_and_events_on_hindi_like_noise(text, published):
    article = make_article(text)
    timexes = extract(article.text, article.sentences, published)
    for timex in timexes:
        assert article.text[timex.start:timex.end] == timex.text
        assert timex.type in ("DATE", "TIME", "DURATION", "SET")
        if timex.earliest and timex.latest:
            assert timex.earliest <= timex.latest
    import dataclasses

    from khabar.model import ArticleMeta

    article = dataclasses.replace(article, timexes=tuple(timexes),
                                  meta=ArticleMeta(published=published or ""))
    for event in build_events(article):
        assert 0 <= event.sentence < len(article.sentences)
        if event.start_date:
            assert event.end_date and event.start_date <= event.end_date
