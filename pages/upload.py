"""Upload: paste or upload a Hindi article, analyse it with visible progress, save it and open it in Read."""

from __future__ import annotations

import dataclasses
import datetime as dt

import streamlit as st

from components.navigation import ensure_router
from components.state import get_library, open_article
from components.text import md_escape, plural
from khabar import engines
from khabar.compare import runnable_translators
from khabar.documents import read_document
from khabar.ingest import IngestError, clean_title
from khabar.model import ArticleMeta
from khabar.ocr import ocr_status
from khabar.pipeline import enrich, make_article, plan
from khabar.store import LibraryError
from khabar.translate.base import run_outcome

ensure_router()

MODES = ("Paste text", "Upload a file")
FILE_TYPES = ["txt", "md", "html", "htm", "docx", "pdf", "png", "jpg", "jpeg", "tif", "tiff"]


st.title("Add an article")
st.caption("Paste Hindi text or upload a file. Khabar splits it into sentences, adds English, and finds "
           "names, places and dates. Everything stays on this computer unless you choose an online engine.")

# Title and date come first: the date picker's calendar then opens over the text box, never over the Save button.
meta_cols = st.columns([5, 2, 2], vertical_alignment="bottom")
meta_cols[0].text_input("Title", key="upload_title", placeholder="Leave empty to use the first line (and its English)")
published = meta_cols[1].date_input("Publication date (optional)", value=None, key="upload_published",
                                    min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31),
                                    format="YYYY-MM-DD")
approximate = meta_cols[2].checkbox("Approximate date", key="upload_approximate",
                                    help="Dates in the article are then worked out as uncertain.")
st.text_input("Source URL", key="upload_url", placeholder="https://…")

mode = st.radio("Input", MODES, horizontal=True, key="upload_mode", label_visibility="collapsed")
if mode == MODES[0]:
    st.text_area("Hindi text", key="upload_text", height=260,
                 placeholder="ईरान और पाकिस्तान ने … (one paragraph per line)")
else:
    st.file_uploader("A .txt, .md, .html, .docx or .pdf file, or a scan (.png, .jpg, .tif)", type=FILE_TYPES,
                     key="upload_file",
                     help="HTML keeps the text and drops the markup; text files in legacy encodings are converted. "
                          "Scans, and PDFs without a Unicode Hindi text layer, are read by OCR (Tesseract).")
    ocr = ocr_status()
    if not ocr.ok:
        st.caption("Scans and image PDFs cannot be read here: " + md_escape(ocr.reason))


labels, missing = runnable_translators(engines.translators().describe())
names = list(labels)
default = [n for n in ("gloss",) if n in names]
chosen = st.multiselect("English from", names, default=default, key="upload_engines",
                        format_func=lambda n: labels.get(n, n),
                        help="The word-by-word gloss works offline. Online engines send the text to their provider.")
if missing:
    with st.expander("Engines not available here"):
        for line in missing:
            st.markdown(f"- {md_escape(line)}")

if not st.button("Analyse and save", type="primary", key="upload_save"):
    st.stop()

# Read and check the input; nothing is saved until it passes.

try:
    if mode == MODES[0]:
        raw = st.session_state.get("upload_text", "") or ""
        ingested = read_document("pasted.txt", raw.encode("utf-8"))
        source_name = ""
    else:
        uploaded = st.session_state.get("upload_file")
        if uploaded is None:
            raise IngestError("Choose a file to upload first.")
        with st.spinner("Reading the file (a scan is read by OCR, which takes a few seconds a page)…"):
            ingested = read_document(uploaded.name, uploaded.getvalue())
        source_name = uploaded.name
except IngestError as error:
    # The checks are the file checks; for pasted text, say so instead of naming a file the reader never saw.
    message = str(error).replace("The file 'pasted.txt'", "The pasted text").replace("'pasted.txt'", "the pasted text")
    st.error(md_escape(message))  # the message quotes the file's name, which may hold Markdown
    st.stop()

given_title, title_warnings = clean_title(st.session_state.get("upload_title") or "")
for warning in [*ingested.warnings, *title_warnings]:
    st.warning(md_escape(warning))

# Without a typed or found title, the analysis gives the article its default Hindi and English titles.
title = given_title or (ingested.title_hint or "").strip()
meta = ArticleMeta(
    title=title,
    source=source_name,
    url=(st.session_state.get("upload_url") or "").strip(),
    published=published.isoformat() if published else "",
    published_approximate=bool(approximate and published),
)
meta = ingested.article_meta(meta)

library = get_library()
article = make_article(ingested.text, meta)
# Saved before the analysis, so a failing engine can never lose the text.
try:
    article_id = library.save_article(article)
except LibraryError as error:  # the store's own checks (title length, broken Unicode) or the database itself
    st.error(f"The article was not saved: {md_escape(str(error))}")
    st.stop()
article = dataclasses.replace(article, id=article_id)

STAGE_NAMES = {"split": "Splitting", "translate": "Translating", "entities": "Finding names and places",
               "time": "Finding dates", "events": "Dating events", "titles": "Naming the article"}
# Shares of the bar, in the order the stages run (names first: the gloss reads them as names).
STAGE_SHARE = {"split": (0.0, 0.05), "entities": (0.05, 0.3), "translate": (0.3, 0.85), "time": (0.85, 0.95),
               "events": (0.95, 0.99), "titles": (0.99, 1.0)}

with st.status("Analysing the article…", expanded=True) as status:
    bar = st.progress(0.0, text="Saved. Starting the analysis")
    seen: set[str] = set()

    def progress(stage: str, fraction: float, message: str) -> None:
        low, high = STAGE_SHARE.get(stage, (0.0, 1.0))
        share = low + (high - low) * max(0.0, min(1.0, fraction))
        bar.progress(share, text=f"{STAGE_NAMES.get(stage, stage)}: {md_escape(message)}")
        if stage not in seen:
            seen.add(stage)
            st.write(f"{STAGE_NAMES.get(stage, stage)}…")

    progress("split", 1.0, plural(len(article.sentences), "sentence"))
    failures: list[str] = []
    partial: list[str] = []

    def after_stage(stage: str, result, error: Exception | None) -> None:
        # Saved after every stage, so one failing stage keeps what the others found.
        if error is not None:
            failures.append(f"{STAGE_NAMES[stage]} failed: {error}")
            st.text(f"{STAGE_NAMES[stage]} failed: {error}")
        if stage == "translate":
            # An engine that failed on every sentence is a failure, not a translation; a partial run says how many.
            for translation in result.translations:
                if translation.engine in chosen:
                    outcome = run_outcome(translation)
                    if outcome.state != "complete":
                        (failures if outcome.failed else partial).append(outcome.message)
                        st.text(outcome.message)
        try:
            library.save_article(result)
        except LibraryError as save_error:  # the text itself was saved before any stage ran
            failures.append(f"Saving the {stage} results failed: {save_error}")

    article = enrich(article, plan(translators=tuple(chosen), cache=library), on_stage=after_stage,
                     progress=progress)
    bar.progress(1.0, text="Done")
    if failures:
        status.update(label="Saved; some steps of the analysis failed: " + md_escape("; ".join(failures)),
                      state="error", expanded=True)
    elif partial:
        status.update(label="Analysed and saved; " + md_escape("; ".join(partial)), state="complete", expanded=True)
    else:
        status.update(label="Analysed and saved", state="complete", expanded=False)

# The saved article's fields are cleared so returning here does not save it twice.
for key in ("upload_text", "upload_title", "upload_url", "upload_published", "upload_approximate"):
    st.session_state.pop(key, None)
open_article(article_id)  # Read then says what failed, an engine that failed everywhere as an error
