"""The sidebar's article picker, shared by every page: the most recent articles, or those a search finds."""

from __future__ import annotations

import streamlit as st

from components.state import ARTICLE_KEY, get_library

RECENT = 20  # how many articles the picker offers; the Library page pages through all of them


def article_picker(*, key: str = "sidebar_article") -> str | None:
    """Draw the sidebar's article choice (recent articles, or a search's); keeps st.session_state["article_id"]."""
    library = get_library()
    search_key = f"{key}_search"
    query = (st.session_state.get(search_key) or "").strip()
    summaries = library.list_articles(query, limit=RECENT)
    if not summaries and not query and not library.count():
        st.sidebar.caption("The library is empty: add an article on Upload.")
        st.session_state.pop(ARTICLE_KEY, None)
        return None
    current = st.session_state.get(ARTICLE_KEY)
    ids = [s.id for s in summaries]
    titles = {s.id: s.title or "(untitled)" for s in summaries}
    if current and current not in ids:
        # The open article stays on offer even where it is neither recent nor found.
        open_one = library.summary(current)
        if open_one is not None:
            ids.insert(0, current)
            titles[current] = open_one.title or "(untitled)"
        else:
            current = None  # deleted meanwhile
    if current is None:
        recent = summaries or library.list_articles(limit=1)
        if not recent:
            st.session_state.pop(ARTICLE_KEY, None)
            return None
        current = recent[0].id
        if current not in ids:
            ids.insert(0, current)
            titles[current] = recent[0].title or "(untitled)"
        st.session_state[ARTICLE_KEY] = current
    # The widget follows the open article when another page changes it.
    if st.session_state.get(key) != current:
        st.session_state[key] = current

    def changed() -> None:
        st.session_state[ARTICLE_KEY] = st.session_state[key]
        st.session_state.pop("read_focus", None)

    st.sidebar.selectbox("Article", ids, key=key, format_func=lambda i: titles.get(i, i), on_change=changed,
                         help=f"The {RECENT} most recent articles; search below for any other.")
    st.sidebar.text_input("Find an article", key=search_key, placeholder="title or words from the text")
    if query and not summaries:
        st.sidebar.caption("No article matches that search.")
    return current
