"""Settings: which engines can run here and why not, provider keys, models, and where the library lives."""

from __future__ import annotations

import os

import pandas as pd
import streamlit as st

from components.navigation import ensure_router
from components.state import get_library
from components.text import md_escape
from khabar import engines
from khabar.entities.stanza_backend import model_status
from khabar.render import ENGINES_CSS, TABLE_CSS, engines_table_html
from khabar.translate.argos import INSTALL_HELP

ensure_router()


def _has_secret(name: str) -> bool:
    if os.environ.get(name):
        return True
    try:
        return bool(st.secrets.get(name))
    except FileNotFoundError:  # no secrets.toml is the normal case (StreamlitSecretNotFoundError is one)
        return False


st.title("Settings")

st.subheader("Engines")
rows: list[dict] = []
for registry in (engines.translators, engines.ner_backends, engines.time_taggers):
    rows.extend(registry().describe())
st.html("<style>" + TABLE_CSS + ENGINES_CSS + "</style>" + engines_table_html(rows))
if os.environ.get("KHABAR_OFFLINE"):
    st.caption("KHABAR_OFFLINE is set: online engines are switched off.")

st.subheader("Online provider keys")
st.caption("Keys are read from environment variables or `.streamlit/secrets.toml`. Khabar never shows them "
           "and never writes them to the library.")
# Each engine declares the environment variables it reads (keys, server URLs) among its requirements.
keys = [{"Engine": row["label"], "Variable": var["name"], "Required": "optional" if var["optional"] else "required",
         "Set": "yes" if _has_secret(var["name"]) else "no"}
        for row in rows for var in row["env"]]
if not keys:
    st.caption("No engine here reads a key.")
st.dataframe(
    pd.DataFrame(keys, columns=["Engine", "Variable", "Required", "Set"]),
    hide_index=True, width="stretch", key="settings_keys",
)

st.subheader("Stanza models (optional, for named entities)")
try:
    status = model_status()
except OSError as error:  # an unreadable model folder must not take the page down
    st.warning(f"Model status could not be read: {md_escape(str(error))}")
    status = {}
names = {"hi": "Hindi", "en": "English"}
for code, info in status.get("languages", {}).items():
    state = "ready" if info.get("ready") else (
        "not downloaded (the offline model is used instead)" if code == "hi" else "not downloaded")
    st.text(f"{names.get(code, code)}: {state}")
if status:
    with st.expander("Details"):
        st.json(status, expanded=True)
st.markdown("Download them where there is network with:")
st.code("python -m khabar models download", language="bash")

st.subheader("Argos Translate (optional, offline neural translation)")
st.markdown(INSTALL_HELP)

st.subheader("Library")
library = get_library()
path = library.path
st.markdown("Database:")
st.code(str(path), language=None)
st.caption("Set the KHABAR_DB environment variable to use another file, or a postgresql://user:password@host/database "
           "URL to share one library on a PostgreSQL server (the password is never shown here).")
