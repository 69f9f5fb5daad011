"""Entities: who, where and which organisations the article is about, every mention in both languages, and
which of them appear together."""

from __future__ import annotations

import html

import streamlit as st

from components.derived import cooccurrence_network, english_spans
from components.engine_picker import engine_picker
from components.navigation import LIBRARY, ensure_router
from components.state import current_article, get_library
from components.text import md_escape, plural
from khabar.entities.summary import entity_rows, mentions_in_context
from khabar.model import ENTITY_LABELS
from khabar.render import ENTITY_COLOURS, ENTITY_DESCRIPTIONS, PARALLEL_CSS, TABLE_CSS, Cell, highlight_html, html_table

ensure_router()

st.title("Entities", anchor=False)

article = current_article()
if article is None:
    st.info("Choose an article in the sidebar or open one from the Library.")
    st.page_link(LIBRARY, label="Go to the Library", icon=":material/library_books:")
    st.stop()


def _backends() -> dict[str, tuple[str, bool, str]]:
    """NER backends: name -> (label, available, reason)."""
    from khabar.engines import ner_backends

    return {row["name"]: (row["label"], row["available"], row["reason"]) for row in ner_backends().describe()}


def _find_entities(backend: str | None) -> None:
    from khabar.pipeline import recognize_entities

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
    try:
        english = english_spans(article, engine)
    except Exception as error:  # the English side is a help; its failure must not hide the Hindi
        st.caption(f"English-side highlighting is unavailable: {md_escape(str(error))}")

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
    import plotly.graph_objects as go

    order = sorted(nodes)
    top = max(edges.values())
    figure = go.Figure()
    for (a, b), weight in edges.items():
        (x0, y0), (x1, y1) = positions[a], positions[b]
        figure.add_trace(go.Scatter(x=[x0, x1], y=[y0, y1], mode="lines", hoverinfo="skip", showlegend=False,
                                    line={"width": 1 + 4 * weight / top, "color": "rgba(120,120,120,0.5)"}))
    for label in sorted({nodes[v]["label"] for v in order}):
        members = [v for v in order if nodes[v]["label"] == label]
        figure.add_trace(go.Scatter(
            x=[positions[v][0] for v in members], y=[positions[v][1] for v in members], mode="markers+text",
            name=ENTITY_DESCRIPTIONS.get(label, label),
            text=[html.escape(nodes[v]["canonical"]) for v in members], textposition="top center",
            hovertext=[html.escape(f"{nodes[v]['canonical']}: {plural(nodes[v]['mentions'], 'mention')}")
                       for v in members],
            hoverinfo="text",
            marker={"size": [12 + 4 * min(nodes[v]["mentions"], 8) for v in members],
                    "color": ENTITY_COLOURS.get(label, "#ccc"), "line": {"width": 1, "color": "#333"}},
        ))
    figure.update_layout(height=480, margin={"l": 10, "r": 10, "t": 10, "b": 10},
                         xaxis={"visible": False}, yaxis={"visible": False}, legend={"orientation": "h"})
    st.plotly_chart(figure, width="stretch", key="entities_network")
    st.caption("A line joins two entities named in the same sentence; thicker lines, more sentences.")
