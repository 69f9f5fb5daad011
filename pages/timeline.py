"""Timeline: when the article's events happened, how sure that is, and the sentences that say so."""

from __future__ import annotations

import dataclasses
from datetime import date

import streamlit as st

from components.derived import time_analysis
from components.navigation import READ, ensure_router
from components.state import get_library, open_article_or_stop
from components.text import md_escape, plural
from khabar.model import Article, Event
from khabar.pipeline import analyze_time
from khabar.store import LibraryError
from khabar.timeline.chart import (
    english_for,
    event_label,
    events_frame,
    relative_text,
    timeline_figure,
    year_unknown_events,
)
from khabar.timeline.events import best_english
from khabar.timeline.export import events_csv, events_ical

ensure_router()

SELECT_KEY = "timeline_event"


def _show_event(article: Article, number: int) -> None:
    event = article.events[number]
    sentence = article.sentences[event.sentence]
    st.markdown(f"**Sentence {event.sentence + 1}** · {md_escape(event.certainty)} · {md_escape(event.basis)}")
    columns = st.columns(2)
    columns[0].markdown(md_escape(sentence.text))
    english = best_english(article, event.sentence)
    columns[1].markdown(md_escape(english) if english else "_No English for this sentence yet._")
    def ask_read() -> None:
        st.session_state["read_sentence"] = event.sentence  # Read takes it and focuses that sentence

    if st.button("Open this sentence in Read", key="timeline_open_read", icon=":material/menu_book:",
                 on_click=ask_read):
        st.switch_page(READ)


def _listed(article: Article, event: Event) -> str:
    """One line for an event without a calendar date: sentence number, its English if any, then the Hindi."""
    english, kind = english_for(article, event)
    if not english:
        return f"{event.sentence + 1}. {event.summary_hi}"
    gloss = " (word-by-word gloss)" if kind == "gloss" else ""
    return f"{event.sentence + 1}. {english}{gloss} · {event.summary_hi}"


article = open_article_or_stop("Timeline")

if "events" not in article.stages:
    article = time_analysis(article)  # older analyses had no time stage: work it out for display (once)

st.title("Timeline", anchor=False)
st.caption(md_escape(article.meta.title or "Untitled article"))

with st.expander("Publication date", expanded=not article.meta.published):
    st.caption("Relative expressions (कल, पिछले साल, तीन दिन पहले) are dated against this day. Without it they "
               "are shown relative to publication.")
    current = None
    try:
        current = date.fromisoformat(article.meta.published[:10]) if article.meta.published else None
    except ValueError:
        current = None
    picked = st.date_input("Published on", value=current, key="timeline_published", format="YYYY-MM-DD",
                           min_value=date(1800, 1, 1), max_value=date(2200, 12, 31))
    approximate = st.checkbox("The date is approximate", value=article.meta.published_approximate,
                              key="timeline_published_approx")
    library = get_library()

    def redate(article: Article = article) -> None:
        """Save the new publication date and re-run the time analysis (a callback, so no click is lost)."""
        chosen = st.session_state.get("timeline_published")
        meta = dataclasses.replace(article.meta, published=chosen.isoformat() if chosen else "",
                                   published_approximate=bool(chosen and st.session_state.get(
                                       "timeline_published_approx")))
        try:
            library.save_article(analyze_time(dataclasses.replace(article, meta=meta)))
            st.session_state["timeline_flash"] = ("success", "Saved. The events below use the new date.")
        except LibraryError as error:  # a read-only or broken library must not lose the page
            st.session_state["timeline_flash"] = ("error", f"Could not save: {error}")

    st.button("Save and re-date the events", key="timeline_redate", icon=":material/event_repeat:",
              on_click=redate)
    flash = st.session_state.pop("timeline_flash", None)
    if flash:
        (st.success if flash[0] == "success" else st.error)(md_escape(flash[1]))

dated = [e for e in article.events if e.start_date]
yearless = {number for number, _, _ in year_unknown_events(article)}  # drawn in their own lane, not undated
undated = [e for n, e in enumerate(article.events) if not e.start_date and n not in yearless]
counts = {c: sum(1 for e in article.events if e.certainty == c) for c in ("exact", "approximate", "inferred",
                                                                            "undated")}
st.caption(plural(len(article.events), "event") + ": " + ", ".join(f"{n} {c}" for c, n in counts.items() if n)
           + " · " + plural(len(article.timexes), "time expression"))

if not article.events:
    st.info("No sentence in this article reports something happening that could be placed in time.")
    st.stop()

choice_numbers = list(range(len(article.events)))
if dated or yearless:
    colour_by = st.radio("Colour by", ("certainty", "main entity"), horizontal=True, key="timeline_colour")
    figure = timeline_figure(article, colour_by="entity" if colour_by == "main entity" else "certainty")
    state = st.plotly_chart(figure, width="stretch", on_select="rerun", selection_mode="points",
                            key="timeline_chart")
    st.caption("Each row is one event: its sentence number (a letter when a sentence reports several) and the "
               "start of its English. The key under the chart says what the marks mean. Hover a marker for the "
               "full English and the Hindi; click it to show the sentence below.")
    if yearless:
        st.caption(f"{plural(len(yearless), 'event')} in the “Year unknown” lane: the text gives the day and "
                   "month (or names a festival) but, without a publication date, not the year. Add the "
                   "publication date above to place them on the calendar.")
    points = []
    try:
        points = state.selection.points if state else []
    except AttributeError:
        points = []
    if points:
        data = points[0].get("customdata") if isinstance(points[0], dict) else None
        number = data[0] if isinstance(data, list | tuple) else data
        # Follow a new click only: an old selection must not undo a choice made in the box below.
        if (isinstance(number, int | float) and 0 <= int(number) < len(article.events)
                and st.session_state.get("timeline_last_point") != int(number)):
            st.session_state["timeline_last_point"] = int(number)
            st.session_state[SELECT_KEY] = int(number)
else:
    st.info("No event could be dated" + ("" if article.meta.published else
                                         ": add the publication date above to place relative ones") + ".")

if st.session_state.get(SELECT_KEY) not in (None, *choice_numbers):
    st.session_state[SELECT_KEY] = None
selected = st.selectbox(
    "Event", [None, *choice_numbers], key=SELECT_KEY,
    format_func=lambda n: "choose one (or click a point)" if n is None else
    event_label(article, n, 70) + (f" ({article.events[n].summary_hi})" if english_for(article, article.events[n])[0]
                                   else ""),
)
if selected is not None:
    _show_event(article, selected)

st.subheader("Events", anchor=False)
st.dataframe(events_frame(article), hide_index=True, width="stretch")
if yearless:
    st.subheader("Year unknown", anchor=False)
    for number in sorted(yearless):
        event = article.events[number]
        st.markdown("- " + md_escape(f"{_listed(article, event)} — {relative_text(article, event)}"))
relative = [(e, relative_text(article, e)) for e in undated]
if any(text for _, text in relative):
    st.subheader("Dated only relative to publication", anchor=False)
    st.caption("Nothing in these sentences fixes a calendar date." if article.meta.published else
               "Add the publication date above to place these on the timeline.")
    for event, text in relative:
        if text:
            st.markdown("- " + md_escape(f"{_listed(article, event)} — {text}"))
if any(not text for _, text in relative):
    st.subheader("Undated", anchor=False)
    st.caption("Nothing in these sentences or their context says when they happened.")
    for event, text in relative:
        if not text:
            st.markdown("- " + md_escape(_listed(article, event)))

name = (article.id or "article")[:40]
downloads = st.columns(2)
downloads[0].download_button("Download CSV", events_csv(article), file_name=f"{name}-events.csv", mime="text/csv",
                             key="timeline_csv", icon=":material/download:")
downloads[1].download_button("Download iCalendar", events_ical(article), file_name=f"{name}-events.ics",
                             mime="text/calendar", key="timeline_ics", icon=":material/calendar_month:",
                             disabled=not dated)
