"""Library: every article, searchable; open one to read it, or delete it after confirming."""

from __future__ import annotations

import streamlit as st

from components.navigation import UPLOAD, ensure_router
from components.state import get_library, open_article, summary_field
from components.text import md_escape, plural

ensure_router()

CONFIRM_KEY = "library_confirm_delete"

library = get_library()

st.title("Library")
st.caption("Every article you have added, with what Khabar found in it. Open one to read it beside English.")

top = st.columns([3, 1])
query = top[0].text_input("Search titles and text", key="library_search", placeholder="e.g. रायसी or Pakistan")
top[1].page_link(UPLOAD, label="Add an article", icon=":material/add:")

deleted = st.session_state.pop("library_deleted", None)
if deleted:
    st.success(f"Deleted “{md_escape(deleted)}”.")

summaries = library.list_articles(query.strip())
if not summaries:
    if query.strip():
        st.info(f"No article matches “{md_escape(query.strip())}”.")
    else:
        st.info("The library is empty. Add an article on the Upload page.")
    st.stop()

st.caption(plural(len(summaries), "article"))


def _date(summary) -> str:
    published = summary_field(summary, "published", "") or ""
    if not published:
        return "date unknown"
    return f"about {published}" if summary_field(summary, "published_approximate", False) else published


def _engines(summary) -> str:
    engines = summary_field(summary, "engines", None) or summary_field(summary, "translations", None) or ()
    if isinstance(engines, str):
        return engines
    return ", ".join(str(e) for e in engines) or "none yet"


for summary in summaries:
    article_id = summary_field(summary, "id")
    title = summary_field(summary, "title", "") or "(untitled)"
    with st.container(border=True, key=f"card_{article_id}"):
        left, right = st.columns([5, 1])
        left.markdown(f"**{md_escape(title)}**")
        source = summary_field(summary, "source", "") or summary_field(summary, "url", "") or "source not given"
        left.caption(md_escape(
            f"{_date(summary)} · {source} · {plural(summary_field(summary, 'sentences', 0) or 0, 'sentence')} · "
            f"{plural(summary_field(summary, 'entities', 0) or 0, 'entity')} · English: {_engines(summary)}"
        ))
        if right.button("Open", key=f"open_{article_id}", type="primary", width="stretch"):
            open_article(article_id)
        if right.button("Delete", key=f"delete_{article_id}", width="stretch"):
            st.session_state[CONFIRM_KEY] = article_id
        if st.session_state.get(CONFIRM_KEY) == article_id:
            st.warning(f"Delete “{md_escape(title)}” and everything Khabar found in it? This cannot be undone.")
            yes, no, _ = st.columns([1, 1, 4])
            if yes.button("Yes, delete", key="confirm_delete_yes", type="primary"):
                library.delete_article(article_id)
                st.session_state.pop(CONFIRM_KEY, None)
                if st.session_state.get("article_id") == article_id:
                    st.session_state.pop("article_id", None)
                st.session_state["library_deleted"] = title
                st.rerun()
            if no.button("Cancel", key="confirm_delete_no"):
                st.session_state.pop(CONFIRM_KEY, None)
                st.rerun()
