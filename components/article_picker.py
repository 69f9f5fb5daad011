"""The sidebar's article picker, shared by every page."""

from __future__ import annotations

import streamlit as st

from components.state import ARTICLE_KEY, get_library, summary_field


def article_picker(*, key: str = "sidebar_article") -> str | None:
    """Draw a selectbox of the library's articles in the sidebar; keeps st.session_state["article_id"]."""
    summaries = get_library().list_articles()
    if not summaries:
        st.sidebar.caption("The library is empty: add an article on Upload.")
        st.session_state.pop(ARTICLE_KEY, None)
        return None
    ids = [summary_field(s, "id") for s in summaries]
    titles = {summary_field(s, "id"): summary_field(s, "title") or "(untitled)" for s in summaries}
    current = st.session_state.get(ARTICLE_KEY)
    if current not in ids:
        current = ids[0]
        st.session_state[ARTICLE_KEY] = current
    # The widget follows the open article when another page changes it.
    if st.session_state.get(key) != current:
        st.session_state[key] = current

    def changed() -> None:
        st.session_state[ARTICLE_KEY] = st.session_state[key]
        st.session_state.pop("read_focus", None)

    st.sidebar.selectbox("Article", ids, key=key, format_func=lambda i: titles.get(i, i), on_change=changed)
    return current
