"""The timeline figure and table: uncertainty drawn as uncertainty, publication marked, text escaped."""

from __future__ import annotations

from khabar.model import Article, ArticleMeta, Event, Sentence, Timex, Translation
from khabar.timeline.chart import (
    english_for,
    event_label,
    events_frame,
    relative_text,
    shorten,
    timeline_figure,
)

LONG = ("A few days after Iran and Israel carried out strikes against each other, Pakistan has taken a big "
        "decision.")


def article(published: str = "2024-04-23", translations: tuple[Translation, ...] = ()) -> Article:
    events = (
        Event(0, "हमले <b>शुरू</b>", "Strikes <script>x</script>", "2024-01-01", "2024-01-31", "exact", ("Iran",)),
        Event(1, "ड्रोन भेजे", "Drones sent", "2024-01-01", "2024-01-31", "inferred", ("Pakistan",)),
        Event(2, "हमले", "Strikes", "2024-04-16", "2024-04-21", "approximate"),
        Event(3, "यात्रा पर हैं", "Visiting", "2024-04-23", "2024-04-23", "inferred"),
        Event(4, "आरोप लगाया", "Accused", certainty="undated"),
        Event(5, "छापा मारा", "Raid", certainty="exact", timex=0),
    )
    sentences = tuple(Sentence(i, 0, 1, "x") for i in range(6))
    timexes = (Timex(0, 1, "x", "DATE", "PAST_REF", 5, anchor="publication-P3D"),)
    return Article(text="x", meta=ArticleMeta(published=published), sentences=sentences, events=events,
                   timexes=timexes, translations=translations)


def _drawn(figure):
    """The traces that draw events (legend keys carry no customdata)."""
    return [t for t in figure.data if t.customdata is not None]


def test_a_range_is_one_band_and_the_marker_shape_says_the_certainty():
    figure = timeline_figure(article())
    lines = [t for t in _drawn(figure) if t.mode == "lines"]
    markers = [t for t in _drawn(figure) if t.mode == "markers"]
    assert len(markers) == 4  # every dated event has a point; undated ones are not drawn
    assert len(lines) == 3  # the three ranges, one band each; the one-day visit is a point only
    assert all(t.line.dash in (None, "solid") for t in lines)  # a dashed band reads as several events
    assert all(len(t.x) == 2 for t in lines)
    opacity = {t.legendgroup: t.opacity for t in lines}
    assert opacity["approximate"] < opacity["exact"] < 1
    symbols = {t.legendgroup: t.marker.symbol for t in markers}
    assert symbols == {"exact": "circle", "inferred": "circle-open", "approximate": "diamond"}
    assert [t.customdata[0] for t in markers] == [0, 1, 2, 3]
    # The marker of a range sits inside it.
    inferred = next(t for t in markers if t.legendgroup == "inferred")
    assert str(inferred.x[0]).startswith("2024-01-16")


def test_the_legend_explains_the_marks_in_words():
    figure = timeline_figure(article())
    keys = [t.name for t in figure.data if t.showlegend is not False]
    text = " | ".join(keys)
    assert "open circle = inferred" in text and "filled circle = exact" in text and "diamond = approximate" in text
    assert "range of dates" in text and "publication date" in text
    assert not any(t.showlegend for t in _drawn(figure))  # the key, not one entry per event
    assert figure.layout.legend.itemclick is False


def test_labels_are_english_with_the_sentence_number():
    figure = timeline_figure(article())
    rows = [t.y[0] for t in _drawn(figure) if t.mode == "markers"]
    assert rows == ["1. Strikes &lt;script&gt;x&lt;/script&gt;", "2. Drones sent", "3. Strikes", "4. Visiting"]


def test_several_events_of_one_sentence_get_distinct_rows():
    base = article()
    events = (Event(0, "हमले किए जाने", LONG, "2024-04-16", "2024-04-21", "approximate"),
              Event(0, "फैसला लिया है", LONG, "2024-04-23", "2024-04-23", "exact"))
    two = Article(text="x", meta=base.meta, sentences=base.sentences, events=events)
    labels = [event_label(two, 0), event_label(two, 1)]
    # Both would read "A few days after…"; each is labelled with a gloss of its own verb phrase instead.
    assert labels[0].startswith("1a. ≈ ") and labels[1].startswith("1b. ≈ ")
    assert "attack" in labels[0].lower() and "decision" in labels[1].lower()
    figure = timeline_figure(two)
    assert len({t.y[0] for t in _drawn(figure)}) == 2


def test_shorten_cuts_at_a_word_boundary():
    cut = shorten(LONG, 45)
    assert len(cut) <= 45 and cut.endswith("…")
    assert cut == "A few days after Iran and Israel carried out…"
    assert shorten("Short one.", 45) == "Short one."
    assert shorten("x" * 80, 20) == "x" * 19 + "…"  # one long word is cut, not dropped


def test_hover_has_hindi_full_english_and_says_when_it_is_a_gloss():
    gloss = Translation("gloss", "Word-by-word gloss", "gloss", (LONG, None, None, None, None, None))
    base = article(translations=(gloss,))
    events = (Event(0, "हमले किए जाने", "", "2024-04-16", "2024-04-21", "approximate"),)
    glossed = Article(text="x", meta=base.meta, sentences=base.sentences, events=events,
                      translations=(gloss,))
    assert english_for(glossed, events[0]) == (LONG, "gloss")
    hover = _drawn(timeline_figure(glossed))[0].hovertext[0]
    assert "हमले किए जाने" in hover and "word-by-word gloss" in hover
    assert "Pakistan has taken a big" in hover  # the full English, wrapped, not cut
    reference = Translation("reference", "Reference", "reference", (LONG, None, None, None, None, None))
    referenced = Article(text="x", meta=base.meta, sentences=base.sentences, events=events,
                         translations=(gloss, reference))
    assert english_for(referenced, events[0]) == (LONG, "reference")
    assert "gloss" not in _drawn(timeline_figure(referenced))[0].hovertext[0]


def test_an_event_without_english_is_labelled_from_its_hindi():
    base = article()
    events = (Event(0, "यात्रा पर हैं", "", "2024-04-23", "2024-04-23", "inferred"),)
    bare = Article(text="x", meta=base.meta, sentences=base.sentences, events=events)
    assert event_label(bare, 0) == "1. यात्रा पर हैं (no English yet)"


def test_publication_marked_and_hover_escaped():
    figure = timeline_figure(article())
    assert any(shape.x0 == shape.x1 for shape in figure.layout.shapes)
    hover = " ".join(" ".join(t.hovertext) for t in _drawn(figure))
    assert "<script>" not in hover and "&lt;script&gt;" in hover and "&lt;b&gt;" in hover
    assert not timeline_figure(article("")).layout.shapes


def test_colour_by_entity_groups_by_first_participant_and_keeps_the_shapes():
    figure = timeline_figure(article(), colour_by="entity")
    assert {t.legendgroup for t in _drawn(figure)} == {"Iran", "Pakistan", "no entity"}
    keys = [t.name for t in figure.data if t.customdata is None]
    assert {"main entity: Iran", "main entity: Pakistan", "main entity: no entity"} <= set(keys)
    assert any(name.startswith("open circle = inferred") for name in keys)


def test_table_says_relative_when_there_are_no_dates():
    frame = events_frame(article())
    assert list(frame["when"])[-2:] == ["undated", "3 days before publication"]
    assert relative_text(article(), article().events[5]) == "3 days before publication"
