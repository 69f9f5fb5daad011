"""Read: the Hindi beside English, sentence by sentence, with entities in both columns."""

from __future__ import annotations

import streamlit as st

from components.derived import english_spans as cached_english_spans
from components.engine_picker import engine_picker, ordered_translations
from components.entity_legend import entity_legend
from components.navigation import ensure_router
from components.parallel_view import parallel_view
from components.state import get_library, open_article_or_stop
from components.text import md_escape, plural
from khabar.compare import addable_engines, run_engines
from khabar.engines import translators
from khabar.export import export
from khabar.store import LibraryError
from khabar.translate.base import run_outcome

ensure_router()

FOCUS_KEY = "read_focus"

article = open_article_or_stop("Read")

st.title(md_escape(article.meta.title) if article.meta.title else "Untitled article", anchor=False)
published = article.meta.published
when = (f"published about {published} (approximate)" if article.meta.published_approximate
        else f"published {published}") if published else "publication date unknown"
facts = [when, plural(len(article.sentences), "sentence")]
if article.meta.source:
    facts.append(article.meta.source)
st.caption(" · ".join(md_escape(f) for f in facts))
if article.meta.url:
    st.caption(f"Source: {md_escape(article.meta.url)}")
if article.meta.ocr_confidence is not None:
    doubtful = len(article.meta.ocr_words)
    st.caption(f"Read by OCR from a scan: mean word confidence {article.meta.ocr_confidence:.0%}. "
               + (f"{plural(doubtful, 'word')} read with low confidence {'is' if doubtful == 1 else 'are'} "
                  "underlined with dots; point at one to see its confidence, and check it against the original."
                  if doubtful else "No word was read with low confidence."))

controls = st.columns([2, 3])
with controls[0]:
    engine = engine_picker(article, key="read_engine")
translation = article.translation(engine) if engine else None

# The Timeline page asks for one sentence to be shown focused.
requested = st.session_state.pop("read_sentence", None)
indices = [s.index for s in article.sentences]
if requested is not None and requested in indices:
    st.session_state[FOCUS_KEY] = requested
elif st.session_state.get(FOCUS_KEY) not in (None, *indices):
    st.session_state[FOCUS_KEY] = None


def _sentence_label(index) -> str:
    if index is None:
        return "none"
    text = article.sentences[index].text
    return f"{index + 1}. {text[:60]}{'…' if len(text) > 60 else ''}"


with controls[1]:
    focus = st.selectbox("Focus sentence", [None, *indices], key=FOCUS_KEY, format_func=_sentence_label,
                         help="Marks a sentence and its translation; hovering a row does the same.")

if translation is None:
    st.warning("This article has no English yet: use “Add English from another engine” below the text.")
elif translation.kind == "gloss":
    st.info("This English is a word-by-word gloss to help you follow the Hindi: a reading aid, not a "
            "translation. Word order and grammar are rough"
            + ("; choose another English above for a translation." if len(article.translations) > 1 else "."),
            icon=":material/translate:")
elif translation.failed == len(translation.texts):
    st.error(md_escape(run_outcome(translation).message) + ". Choose another English above, or add one below.")
elif translation.failed:
    st.warning(f"{md_escape(translation.label)} could not translate {translation.failed} of "
               f"{plural(len(translation.texts), 'sentence')}; "
               f"{'it is' if translation.failed == 1 else 'they are'} marked in the English column.")
st.caption("Each numbered row pairs a Hindi sentence with its English. Point at a row to light the pair"
           + ("; point at a name to outline every mention of it." if article.entities else "."))

labels: list[str] | None = None
english_spans = None
if article.entities:
    labels = entity_legend(article, key="read_labels")
    if engine:
        english_spans = cached_english_spans(article, engine)

parallel_view(article, engine=engine, labels=labels, focus=focus, english_spans=english_spans, key="read_parallel")

addable = addable_engines(article, translators().describe())
if addable:
    with st.expander("Add English from another engine"):
        extra = st.selectbox("Engine", list(addable), key="read_add_engine", format_func=lambda n: addable[n])
        if st.button("Translate this article", key="read_add_go"):
            library = get_library()
            bar = st.progress(0.0, text="Starting")
            run = run_engines(article, [extra], cache=library,
                              progress=lambda stage, share, message: bar.progress(min(1.0, share),
                                                                                 text=md_escape(message)))
            if not run.kept:
                # Nothing to keep: the reader sees why instead of an English column of blanks.
                st.error(md_escape("; ".join(run.problems) or f"{addable[extra]} failed"))
            else:
                try:
                    library.save_article(run.article)
                except LibraryError as error:
                    st.error(f"The English could not be saved: {md_escape(str(error))}")
                else:
                    st.session_state["read_engine"] = extra  # a partial run is then flagged at the top
                    st.rerun()

others = [t for t in ordered_translations(article) if t.engine != engine]
notes = list(article.notes)
if others or notes:
    with st.expander("About this analysis"):
        if others:
            st.markdown("Other English for this article: "
                        + ", ".join(md_escape(t.label) for t in others) + ". Choose one above.")
        if notes:
            st.markdown("Engines that were not used, or not fully:")
            for note in notes:
                st.markdown(f"- {md_escape(note)}")

slug = "".join(ch if ch.isalnum() else "-" for ch in (article.meta.title or article.id).lower())[:60].strip("-")
downloads = st.columns(3)
for column, (fmt, label, mime) in zip(
    downloads,
    (("html", "Download HTML (side by side)", "text/html"), ("md", "Download Markdown", "text/markdown"),
     ("json", "Download JSON (full analysis)", "application/json")),
    strict=True,
):
    # Made only when clicked, so reading never waits for three exports.
    def make(fmt=fmt) -> str | bytes:
        return export(article, fmt, engine=engine)

    column.download_button(label, make, file_name=f"{slug or 'article'}.{fmt}", mime=mime, key=f"read_dl_{fmt}",
                           on_click="ignore")
