"""The timeline figure and table: uncertainty drawn as uncertainty, publication marked, text escaped."""

from __future__ import annotations

from khabar.model import Article, ArticleMeta, Event, Sentence, Timex
from khabar.timeline.chart import events_frame, relative_text, timeline_figure


def article(published: str = "2024-04-23") -> Article:
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
                   timexes=timexes)


def test_ranges_bands_points_and_dashes():
    figure = timeline_figure(article())
    lines = [t for t in figure.data if t.mode == "lines"]
    markers = [t for t in figure.data if t.mode == "markers"]
    assert len(markers) == 4  # every dated event has a point; undated ones are not drawn
    assert len(lines) == 3  # the three ranges; the one-day visit is a point only
    dashes = {t.legendgroup: t.line.dash for t in lines}
    assert dashes["inferred"] == "dash" and dashes["exact"] == "solid"
    opacity = {t.legendgroup: t.opacity for t in lines}
    assert opacity["approximate"] < opacity["exact"]
    assert [t.customdata[0] for t in markers] == [0, 1, 2, 3]


def test_publication_marked_and_hover_escaped():
    figure = timeline_figure(article())
    assert any(shape.x0 == shape.x1 for shape in figure.layout.shapes)
    hover = " ".join(" ".join(t.hovertext) for t in figure.data)
    assert "<script>" not in hover and "&lt;script&gt;" in hover and "&lt;b&gt;" in hover
    assert not timeline_figure(article("")).layout.shapes


def test_colour_by_entity_groups_by_first_participant():
    figure = timeline_figure(article(), colour_by="entity")
    assert {t.legendgroup for t in figure.data} == {"Iran", "Pakistan", "no entity"}


def test_table_says_relative_when_there_are_no_dates():
    frame = events_frame(article())
    assert list(frame["when"])[-2:] == ["undated", "3 days before publication"]
    assert relative_text(article(), article().events[5]) == "3 days before publication"
