"""CSV and iCalendar export of events."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

from khabar.model import Article, ArticleMeta, Event
from khabar.timeline.export import events_csv, events_ical, ical_escape


def article() -> Article:
    events = (
        Event(0, "हमले शुरू किए, थे; \\ अंत", "Strikes began, then; more\nlines", "2024-01-01", "2024-01-31",
              "exact", ("Iran", "Pakistan")),
        Event(1, "यात्रा पर हैं", "", "", "", "undated"),
    )
    return Article(text="x", meta=ArticleMeta(title="A, B; C"), id="a1", events=events)


def test_csv_has_a_row_per_event():
    rows = list(csv.DictReader(io.StringIO(events_csv(article()))))
    assert len(rows) == 2
    assert rows[0]["start_date"] == "2024-01-01" and rows[0]["entities"] == "Iran; Pakistan"
    assert rows[0]["summary_en"] == "Strikes began, then; more\nlines"
    assert rows[1]["certainty"] == "undated" and rows[1]["sentence"] == "2"


def test_ical_is_valid_and_escaped():
    text = events_ical(article(), now=datetime(2024, 4, 23, tzinfo=UTC))
    lines = text.split("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR" and lines[-1] == ""
    assert text.count("BEGIN:VEVENT") == 1  # the undated event is left out
    assert "DTSTART;VALUE=DATE:20240101" in text and "DTEND;VALUE=DATE:20240201" in text
    unfolded = text.replace("\r\n ", "")
    assert "SUMMARY:Strikes began\\, then\\; more\\nlines" in unfolded
    assert "X-WR-CALNAME:A\\, B\\; C" in unfolded
    for line in lines:
        assert len(line.encode("utf-8")) <= 75
    assert ical_escape("a\\b") == "a\\\\b"
