"""The timeline figure and table: uncertainty drawn as uncertainty, publication marked, text escaped."""

from __future__ import annotations

from datetime import date

from khabar.model import Article, ArticleMeta, Event, Sentence, Timex, Translation
from khabar.timeline.chart import (
    DAILY_TICKS_UP_TO,
    DAY_MS,
    TICK_LABEL_PX,
    axis_ticks,
    date_axis,
    english_for,
    event_label,
    events_frame,
    padded_range,
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


def week_article() -> Article:
    """Events on each day of one week, published on its Sunday."""
    days = [f"2024-04-{d:02d}" for d in range(15, 22)]
    events = tuple(Event(i, "बैठक हुई", f"Meeting {i}", day, day, "exact") for i, day in enumerate(days))
    sentences = tuple(Sentence(i, 0, 1, "x") for i in range(len(days)))
    return Article(text="x", meta=ArticleMeta(published="2024-04-21"), sentences=sentences, events=events)


def test_a_week_has_one_tick_a_day_each_date_once_and_no_hours():
    axis = timeline_figure(week_article()).layout.xaxis
    assert axis.dtick == DAY_MS and "%H" not in axis.tickformat and "%I" not in axis.tickformat
    settings = {"range": [date.fromisoformat(str(d)[:10]) for d in axis.range], "tick0": axis.tick0[:10],
                "dtick": axis.dtick}
    ticks = axis_ticks(settings)
    labels = [t.strftime("%d %b %Y") for t in ticks]
    assert len(labels) == len(set(labels))  # no date written twice
    assert {date(2024, 4, d) for d in range(15, 22)} <= set(ticks)  # every day of the week has its tick
    assert len(ticks) <= DAILY_TICKS_UP_TO


def test_longer_spans_tick_by_week_then_leave_months_to_plotly():
    two_months = date_axis([date(2024, 1, 1), date(2024, 2, 25)])
    assert two_months["dtick"] == 7 * DAY_MS and date.fromisoformat(two_months["tick0"]).weekday() == 0
    assert all(t.weekday() == 0 for t in axis_ticks(two_months))
    year = date_axis([date(2023, 4, 1), date(2024, 4, 23)])
    assert "dtick" not in year and axis_ticks(year) == []  # plotly's month ticks, whole days anyway
    one_day = date_axis([date(2024, 4, 23)])
    assert [t.isoformat() for t in axis_ticks(one_day)] == ["2024-04-22", "2024-04-23", "2024-04-24"]
    assert padded_range([date(2024, 1, 1), date(2024, 3, 1)])[0] == date(2023, 12, 29)  # 5%, at least 3 days


def test_the_key_sits_below_the_date_labels_at_every_height():
    for figure in (timeline_figure(week_article()), timeline_figure(article()),
                   timeline_figure(article(published=""))):
        layout = figure.layout
        keys = sum(1 for t in figure.data if t.customdata is None)
        plot = layout.height - layout.margin.t - layout.margin.b
        gap_px = -layout.legend.y * plot
        assert gap_px >= TICK_LABEL_PX - 0.5  # the key starts under the tick labels, not over them
        assert layout.margin.b >= TICK_LABEL_PX + 20 * keys  # and the margin holds every line of the key
        assert layout.legend.yanchor == "top"
