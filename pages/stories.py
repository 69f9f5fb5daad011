"""Stories: follow one entity (or a search) across every article in the library, on one merged timeline."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.navigation import ensure_router
from components.state import get_library, open_article
from components.text import md_escape, plural
from khabar.stories import Story, entity_story, link_across, search_story

ensure_router()

MODES = ("An entity", "A search")
LABEL_NAMES = {"PER": "person", "LOC": "place", "ORG": "organisation", "NORP": "group"}


@st.cache_data(show_spinner="Linking the entities of every article…", max_entries=4)
def _index(_library, path: str, signature: tuple[tuple[str, str], ...]):
    """Every article of the library and their entities linked across articles (recomputed when any changes)."""
    articles = [a for a in (_library.get_article(article_id) for article_id, _ in signature) if a is not None]
    return articles, link_across(articles)


def _open(article_id: str, sentence: int | None = None) -> None:
    if sentence is not None:
        st.session_state["read_sentence"] = sentence  # Read takes it and focuses that sentence
    open_article(article_id)


def _show(story: Story) -> None:
    if not story.articles:
        st.info("No article in the library matches." if story.title else "Choose what to follow above.")
        return
    st.subheader(f"{md_escape(story.title)}: {plural(len(story.articles), 'article')}, "
                 f"{plural(len(story.events), 'event')}", anchor=False)
    st.markdown("**Articles**, oldest first")
    for article in story.articles:
        row = st.columns([7, 2])
        when = article.published or "undated"
        row[0].markdown(f"{md_escape(article.title)}  \n{md_escape(when)} · "
                        f"{plural(len(article.sentences), 'sentence')} about it")
        if row[1].button("Open in Read", key=f"stories_open_{article.id}", icon=":material/menu_book:"):
            _open(article.id, article.sentences[0] if article.sentences else None)
    st.markdown("**Timeline** of the events in those sentences, from all the articles")
    if not story.events:
        st.info("None of these sentences reports an event.")
        return
    frame = pd.DataFrame([{
        "when": (e.start_date if e.start_date == e.end_date or not e.end_date else f"{e.start_date} – {e.end_date}")
        or "undated", "certainty": e.certainty, "event": e.summary_en or e.summary_hi, "Hindi": e.summary_hi,
        "article": e.article_title, "published": e.published or "", "sentence": e.sentence + 1,
    } for e in story.events])
    st.dataframe(frame, hide_index=True, width="stretch")
    numbers = list(range(len(story.events)))
    picked = st.selectbox("Event", numbers, key="stories_event",
                          format_func=lambda n: f"{frame.iloc[n]['when']} · {story.events[n].summary_en[:70] or story.events[n].summary_hi} "
                                                f"({story.events[n].article_title[:40]})")
    event = story.events[picked]
    st.markdown(f"Sentence {event.sentence + 1} of “{md_escape(event.article_title)}”: {md_escape(event.sentence_hi)}")
    if st.button("Open this sentence in Read", key="stories_open_event", icon=":material/menu_book:"):
        _open(event.article_id, event.sentence)


st.title("Stories", anchor=False)
st.caption("Follow a person, place or organisation across every article in the library, or search for any words: "
           "the articles that mention it, and one timeline of the events they report. Names are matched across "
           "spellings and articles as they are within one article.")

library = get_library()
summaries = library.list_articles()
articles, linked = _index(library, str(library.path), tuple((s.id, s.updated) for s in summaries))
st.caption(f"{plural(len(articles), 'article')} in the library · {plural(len(linked.entities), 'entity', 'entities')}")

mode = st.radio("Follow", MODES, horizontal=True, key="stories_mode")
if mode == MODES[0]:
    if not linked.entities:
        st.info("No article in the library names a person, place or organisation yet. Add articles on Upload.")
        st.stop()
    choices = {e.id: e for e in linked.entities}
    if st.session_state.get("stories_entity") not in choices:
        st.session_state.pop("stories_entity", None)
    entity_id = st.selectbox(
        "Entity", list(choices), key="stories_entity",
        format_func=lambda i: f"{choices[i].canonical} ({LABEL_NAMES.get(choices[i].label, choices[i].label)}) · "
                              f"{' / '.join(choices[i].forms[:3])} · {plural(choices[i].articles, 'article')}",
    )
    story = entity_story(articles, entity_id, linked)
else:
    query = st.text_input("Words to search for", key="stories_query", placeholder="e.g. बारिश, चुनाव आयोग")
    story = search_story(articles, query) if query.strip() else Story(title="", articles=(), events=())
_show(story)
