"""Entities: who, where and which organisations the article is about, every mention in both languages, and
which of them appear together."""

from __future__ import annotations

import streamlit as st

from components.derived import cooccurrence_network, english_spans
from components.engine_picker import engine_picker
from components.navigation import ensure_router
from components.state import get_library, open_article_or_stop
from components.text import md_escape, plural
from khabar.engines import ner_backends
from khabar.entities.chart import labelled, network_figure
from khabar.entities.summary import entity_rows, mentions_in_context
from khabar.model import ENTITY_LABELS
from khabar.pipeline import recognize_entities
from khabar.render import ENTITY_DESCRIPTIONS, PARALLEL_CSS, TABLE_CSS, Cell, highlight_html, html_table

ensure_router()

st.title("Entities", anchor=False)

article = open_article_or_stop()


def _backends() -> dict[str, tuple[str, bool, str]]:
    """NER backends: name -> (label, available, reason)."""
    return {row["name"]: (row["label"], row["available"], row["reason"]) for row in ner_backends().describe()}


def _find_entities(backend: str | None) -> None:
    with st.spinner("Finding names, places and organisations…"):
        updated = recognize_entities(article, backend)
    get_library().save_article(updated)
    st.rerun()


st.caption(md_escape(article.meta.title or "Untitled article"))
backends = _backends()
usable = [name for name, (_, ok, _) in backends.items() if ok]
with st.expander("Entity recogniser", expanded=not article.entity_index):
    for label, ok, reason in backends.values():
        st.markdown(f"- **{md_escape(label)}**: " + ("available" if ok else f"not available — {md_escape(reason)}"))
    if usable:
        chosen = st.selectbox("Backend", usable, key="entities_backend",
                              format_func=lambda n: backends[n][0])
        if st.button("Find entities again" if article.entity_index else "Find entities", key="entities_run"):
            _find_entities(chosen)
    else:
        st.warning("No entity recogniser can run here.")

if not article.entity_index:
    st.info("This article has no entities yet: use “Find entities” above.")
    st.stop()

present = [label for label in ENTITY_LABELS if any(e.label == label for e in article.entity_index)]
# Every type the article has is shown at first: hiding money and numbers by default hid half the findings.
default = present
if "entities_types" in st.session_state and not set(st.session_state["entities_types"]) <= set(present):
    st.session_state["entities_types"] = default
types = st.multiselect("Types", present, default=default if "entities_types" not in st.session_state else None,
                       key="entities_types", format_func=lambda label: f"{label} — {ENTITY_DESCRIPTIONS.get(label, label)}")

rows = entity_rows(article, types)
if not rows:
    st.info("No entities of the chosen types.")
    st.stop()

table = [{"Name": r["canonical"], "Hindi forms": r["forms"], "Type": r["type"], "Title": r["title"],
          "Also called": r["aliases"], "Mentions": r["mentions"], "First sentence": r["first"]} for r in rows]
selection = st.dataframe(table, hide_index=True, width="stretch", on_select="rerun",
                         selection_mode="single-row", key="entities_table")
picked = selection.selection.rows if selection is not None and hasattr(selection, "selection") else []

ids = [r["id"] for r in rows]
names = {r["id"]: f"{r['canonical']} ({r['type']}, {plural(r['mentions'], 'mention')})" for r in rows}
if picked:
    st.session_state["entities_focus"] = ids[picked[0]]
if st.session_state.get("entities_focus") not in ids:
    st.session_state["entities_focus"] = ids[0]
focus = st.selectbox("Entity", ids, key="entities_focus", format_func=lambda i: names[i])

st.subheader("Every mention", anchor=False)
engine = engine_picker(article, key="entities_engine")
english = {}
if engine:
    english = english_spans(article, engine)

contexts = mentions_in_context(article, focus, english, engine)
rows = []
for item in contexts:
    english = (Cell(markup="<em>no English for this sentence</em>") if item["english"] is None
               else Cell(markup=highlight_html(item["english"], item["english_spans"]), lang="en"))
    rows.append([str(item["sentence"] + 1), Cell(markup=highlight_html(item["hindi"], item["hindi_spans"]), lang="hi"),
                 english])
st.html(f"<style>{PARALLEL_CSS}{TABLE_CSS}</style>"
        + html_table(["#", "Hindi", "English"], rows, colgroup=["width:3em", "", ""]))

st.subheader("Who and what appear together", anchor=False)
nodes, edges, positions = cooccurrence_network(
    article, tuple(t for t in types if t in ("PER", "LOC", "ORG", "NORP")) or tuple(types))
if not positions:
    st.caption("Too few entities share a sentence to draw a network.")
else:
    st.plotly_chart(network_figure(nodes, edges, positions), width="stretch", key="entities_network")
    alone = len(nodes) - len(positions)
    written = len(labelled(nodes, positions))
    st.caption("A line joins two entities named in the same sentence; thicker lines, more sentences."
               + (f" The {written} most-mentioned names are written; point at a circle for any other."
                  if written < len(positions) else "")
               + (f" {plural(alone, 'entity', 'entities')} named in no sentence with another {'is' if alone == 1 else 'are'}"
                  " left out." if alone else ""))
