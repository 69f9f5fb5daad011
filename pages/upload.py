"""Upload: paste or upload a Hindi article, analyse it with visible progress, save it and open it in Read."""

from __future__ import annotations

import dataclasses
import datetime as dt

import streamlit as st

from components.state import ensure_router, get_library, open_article
from components.text import md_escape, plural
from khabar.model import ArticleMeta
from khabar.store import LibraryError

ensure_router()

MODES = ("Paste text", "Upload a file")
FILE_TYPES = ["txt", "md", "html", "htm", "docx"]


def translator_options() -> tuple[list[str], dict[str, str], list[str]]:
    """Available translators a new article can use (names, labels), and unavailable ones with reasons."""
    try:
        from khabar.engines import translators

        registry = translators()
    except Exception as error:  # the translation layer may be missing or broken; the gloss default still tries
        return [], {}, [f"Translators could not be listed: {error}"]
    names: list[str] = []
    labels: dict[str, str] = {}
    missing: list[str] = []
    for engine in registry:
        info = engine.info
        if info.name == "reference":  # reference English exists only for articles it was written for
            continue
        availability = engine.availability()
        if availability.ok:
            names.append(info.name)
            labels[info.name] = info.label + (" (online)" if info.online else "")
        else:
            missing.append(f"{info.label}: {availability.reason}")
    return names, labels, missing


st.title("Add an article")
st.caption("Paste Hindi text or upload a file. Khabar splits it into sentences, adds English, and finds "
           "names, places and dates. Everything stays on this computer unless you choose an online engine.")

mode = st.radio("Input", MODES, horizontal=True, key="upload_mode", label_visibility="collapsed")
if mode == MODES[0]:
    st.text_area("Hindi text", key="upload_text", height=260,
                 placeholder="ईरान और पाकिस्तान ने … (one paragraph per line)")
else:
    st.file_uploader("A .txt, .md, .html or .docx file", type=FILE_TYPES, key="upload_file",
                     help="HTML keeps the text and drops the markup; text files in legacy encodings are converted.")

st.text_input("Title", key="upload_title", placeholder="Leave empty to use the first line")
st.text_input("Source URL", key="upload_url", placeholder="https://…")
date_cols = st.columns([2, 2, 3])
published = date_cols[0].date_input("Publication date (optional)", value=None, key="upload_published",
                                    min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31),
                                    format="YYYY-MM-DD")
approximate = date_cols[1].checkbox("Approximate date", key="upload_approximate",
                                    help="Dates in the article are then worked out as uncertain.")

names, labels, missing = translator_options()
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
from khabar.ingest import IngestError, read_upload  # noqa: E402

try:
    if mode == MODES[0]:
        raw = st.session_state.get("upload_text", "") or ""
        ingested = read_upload("pasted.txt", raw.encode("utf-8"))
        source_name = ""
    else:
        uploaded = st.session_state.get("upload_file")
        if uploaded is None:
            raise IngestError("Choose a file to upload first.")
        ingested = read_upload(uploaded.name, uploaded.getvalue())
        source_name = uploaded.name
except IngestError as error:
    # The checks are the file checks; for pasted text, say so instead of naming a file the reader never saw.
    message = str(error).replace("The file 'pasted.txt'", "The pasted text").replace("'pasted.txt'", "the pasted text")
    st.error(message)
    st.stop()

for warning in getattr(ingested, "warnings", ()) or ():
    st.warning(warning)

title = (st.session_state.get("upload_title") or "").strip() or (ingested.title_hint or "").strip()
if not title:
    title = next((line.strip() for line in ingested.text.splitlines() if line.strip()), "Untitled")[:80]
meta = ArticleMeta(
    title=title,
    source=source_name,
    url=(st.session_state.get("upload_url") or "").strip(),
    published=published.isoformat() if published else "",
    published_approximate=bool(approximate and published),
)

from khabar.pipeline import date_events, make_article, recognize_entities, tag_time, translate  # noqa: E402

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
               "time": "Finding dates", "events": "Dating events"}
STAGE_SHARE = {"split": (0.0, 0.05), "translate": (0.05, 0.6), "entities": (0.6, 0.85), "time": (0.85, 0.95),
               "events": (0.95, 1.0)}

with st.status("Analysing the article…", expanded=True) as status:
    bar = st.progress(0.0, text="Saved. Starting the analysis")
    seen: set[str] = set()

    def progress(stage: str, fraction: float, message: str) -> None:
        low, high = STAGE_SHARE.get(stage, (0.0, 1.0))
        share = low + (high - low) * max(0.0, min(1.0, fraction))
        bar.progress(share, text=f"{STAGE_NAMES.get(stage, stage)}: {message}")
        if stage not in seen:
            seen.add(stage)
            st.write(f"{STAGE_NAMES.get(stage, stage)}…")

    progress("split", 1.0, plural(len(article.sentences), "sentence"))
    # Stage by stage, saving after each, so one failing stage keeps what the others found.
    stages = [("translate", lambda a: translate(a, tuple(chosen), cache=library, progress=progress))] if chosen else []
    stages += [
        ("entities", lambda a: recognize_entities(a, progress=progress)),
        ("time", lambda a: tag_time(a, progress=progress)),
        ("events", lambda a: date_events(a, progress=progress)),
    ]
    failures = []
    for stage, run in stages:
        try:
            article = run(article)
        except Exception as error:  # a stage's failure becomes a note on the article, never a lost article
            failures.append(f"{STAGE_NAMES[stage]} failed: {error}")
            article = dataclasses.replace(article, notes=article.notes + (f"{stage}: failed: {error}",))
            st.write(f"{STAGE_NAMES[stage]} failed: {md_escape(str(error))}")
        try:
            library.save_article(article)
        except Exception as error:  # the text itself was saved before any stage ran
            failures.append(f"Saving the {stage} results failed: {error}")
    bar.progress(1.0, text="Done")
    if failures:
        status.update(label="Saved; some steps of the analysis failed (see Read)", state="error", expanded=False)
    else:
        status.update(label="Analysed and saved", state="complete", expanded=False)

# The saved article's fields are cleared so returning here does not save it twice.
for key in ("upload_text", "upload_title", "upload_url", "upload_published", "upload_approximate"):
    st.session_state.pop(key, None)
open_article(article_id)
