"""Events out of Khabar: CSV for spreadsheets and iCalendar (RFC 5545) for calendars."""

from __future__ import annotations

import csv
import hashlib
import io
from datetime import UTC, date, datetime, timedelta

from khabar.hygiene import csv_cell, display_text
from khabar.model import Article, Event

CSV_FIELDS = ("sentence", "start_date", "end_date", "certainty", "summary_hi", "summary_en", "entities", "basis",
              "sentence_text")


def events_csv(article: Article) -> str:
    """The article's events as CSV text (UTF-8, one row per event, sentence numbers from 1; no cell a formula)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_FIELDS)
    for event in article.events:
        text = article.sentences[event.sentence].text if 0 <= event.sentence < len(article.sentences) else ""
        row = [event.sentence + 1, event.start_date, event.end_date, event.certainty, event.summary_hi,
               event.summary_en, "; ".join(event.entities), event.basis, text]
        writer.writerow([csv_cell(cell) for cell in row])
    return buffer.getvalue()


def ical_escape(text: str) -> str:
    """Escape a TEXT value for iCalendar: controls dropped; backslash, semicolon, comma and newlines escaped."""
    text = "\n".join(display_text(line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n")
            .replace("\n", "\\n").replace("\r", "\\n"))


def _fold(line: str) -> str:
    """Fold a content line at 75 octets without splitting a UTF-8 character (RFC 5545 3.1)."""
    pieces: list[str] = []
    current = ""
    size = 0
    limit = 75
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > limit:
            pieces.append(current)
            current, size, limit = ch, width, 74  # continuation lines start with a space
        else:
            current += ch
            size += width
    pieces.append(current)
    return "\r\n ".join(pieces)


def _summary(event: Event) -> str:
    mark = {"approximate": " (approximate)", "inferred": " (inferred)"}.get(event.certainty, "")
    return (event.summary_en or event.summary_hi) + mark


def events_ical(article: Article, *, now: datetime | None = None) -> str:
    """Dated events as an iCalendar VCALENDAR with all-day VEVENTs (undated events are left out)."""
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Khabar//Hindi news timeline//EN", "CALSCALE:GREGORIAN"]
    title = article.meta.title or "Khabar article"
    lines.append(f"X-WR-CALNAME:{ical_escape(title)}")
    for number, event in enumerate(article.events):
        if not event.start_date:
            continue
        try:
            first = date.fromisoformat(event.start_date)
            last = date.fromisoformat(event.end_date or event.start_date)
        except ValueError:
            continue
        if last < first:
            first, last = last, first
        seed = f"{article.id}|{number}|{event.sentence}|{event.summary_hi}".encode()
        uid = hashlib.sha1(seed).hexdigest()[:20] + "@khabar"
        description = "\n".join(part for part in (
            event.summary_hi, event.summary_en, f"Certainty: {event.certainty}", event.basis,
            "Who: " + ", ".join(event.entities) if event.entities else "",
        ) if part)
        lines += [
            "BEGIN:VEVENT",
            f"UID:{uid}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{first.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{(last + timedelta(days=1)).strftime('%Y%m%d')}",
            f"SUMMARY:{ical_escape(_summary(event))}",
            f"DESCRIPTION:{ical_escape(description)}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
