"""Library: every article, a page at a time, searchable; open one to read it, or delete it after confirming."""

from __future__ import annotations

import math

import streamlit as st

from components.navigation import UPLOAD, ensure_router
from components.state import get_library, open_article
from components.text import md_escape, plural
from khabar.store import ArticleSummary, LibraryError

ensure_router()

CONFIRM_KEY = "library_confirm_delete"
PAGE_KEY = "library_page"
PER_PAGE_KEY = "library_per_page"
PER_PAGE_CHOICES = (10, 20, 50, 100)

library = get_library()

st.title("Library")
st.caption("Every article you have added, with what Khabar found in it. Open one to read it beside English.")


def _back_to_first_page() -> None:
    st.session_state[PAGE_KEY] = 1


def _turn(by: int) -> None:
    st.session_state[PAGE_KEY] = max(1, int(st.session_state.get(PAGE_KEY, 1)) + by)


top = st.columns([3, 1])
# Every word must start a word of the article (रायस finds रायसी); nukta and chandrabindu spellings match alike.
query = top[0].text_input("Search titles and text", key="library_search", placeholder="e.g. रायसी or Pakistan",
                          on_change=_back_to_first_page).strip()
top[1].page_link(UPLOAD, label="Add an article", icon=":material/add:")

deleted = st.session_state.pop("library_deleted", None)
if deleted:
    st.success(f"Deleted “{md_escape(deleted)}”.")

total = library.count(query)
if not total:
    if query:
        st.info(f"No article matches “{md_escape(query)}”.")
    else:
        st.info("The library is empty. Add an article on the Upload page.")
    st.stop()

per_page = int(st.session_state.get(PER_PAGE_KEY, PER_PAGE_CHOICES[1]))
pages = max(1, math.ceil(total / per_page))
# A page number from before a deletion or a narrower search may be past the end now.
st.session_state[PAGE_KEY] = min(max(1, int(st.session_state.get(PAGE_KEY, 1))), pages)
page = st.session_state[PAGE_KEY]
first = (page - 1) * per_page
summaries = library.list_articles(query, limit=per_page, offset=first)

found = plural(total, "article") + (f" {'matches' if total == 1 else 'match'} “{md_escape(query)}”" if query else "")
shown = f" · showing {first + 1:,}–{first + len(summaries):,}, best match first" if query and pages > 1 else (
    f" · showing {first + 1:,}–{first + len(summaries):,}, newest first" if pages > 1 else "")
st.caption(found + shown)


def _date(summary: ArticleSummary) -> str:
    if not summary.published:
        return "date unknown"
    return f"about {summary.published}" if summary.published_approximate else summary.published


for summary in summaries:
    article_id = summary.id
    title = summary.title or "(untitled)"
    with st.container(border=True, key=f"card_{article_id}"):
        left, right = st.columns([5, 1])
        left.markdown(f"**{md_escape(title)}**")
        if summary.title_en and summary.title_en != summary.title:
            left.markdown(md_escape(summary.title_en))  # the English title under the Hindi one
        source = summary.source or summary.url or "source not given"
        left.caption(md_escape(
            f"{_date(summary)} · {source} · {plural(summary.sentences, 'sentence')} · "
            f"{plural(summary.entities, 'entity')} · English: {', '.join(summary.engines) or 'none yet'}"
        ))
        if right.button("Open", key=f"open_{article_id}", type="primary", width="stretch"):
            open_article(article_id)
        if right.button("Delete", key=f"delete_{article_id}", width="stretch"):
            st.session_state[CONFIRM_KEY] = article_id
        if st.session_state.get(CONFIRM_KEY) == article_id:
            st.warning(f"Delete “{md_escape(title)}” and everything Khabar found in it? This cannot be undone.")
            yes, no, _ = st.columns([1, 1, 4])
            if yes.button("Yes, delete", key="confirm_delete_yes", type="primary"):
                try:
                    library.delete_article(article_id)
                except LibraryError as error:  # a read-only or broken library: say so, keep the page
                    st.error(f"The article was not deleted: {md_escape(str(error))}")
                    st.stop()
                st.session_state.pop(CONFIRM_KEY, None)
                if st.session_state.get("article_id") == article_id:
                    st.session_state.pop("article_id", None)
                st.session_state["library_deleted"] = title
                st.rerun()
            if no.button("Cancel", key="confirm_delete_no"):
                st.session_state.pop(CONFIRM_KEY, None)
                st.rerun()

controls = st.columns([1, 1, 2, 2])
controls[0].button("Previous", key="library_previous", icon=":material/chevron_left:", disabled=page <= 1,
                   on_click=_turn, args=(-1,), width="stretch")
controls[1].button("Next", key="library_next", icon=":material/chevron_right:", disabled=page >= pages,
                   on_click=_turn, args=(1,), width="stretch")
controls[2].number_input(f"Page (of {pages:,})", min_value=1, max_value=pages, step=1, key=PAGE_KEY)
controls[3].selectbox("Articles per page", PER_PAGE_CHOICES, key=PER_PAGE_KEY, on_change=_back_to_first_page,
                      index=PER_PAGE_CHOICES.index(per_page) if per_page in PER_PAGE_CHOICES else 1)
