"""Settings: which engines can run here and why not, provider keys, models, and where the library lives."""

from __future__ import annotations

import os
import re

import pandas as pd
import streamlit as st

from components.state import ensure_router, get_library
from khabar import engines

ensure_router()


def _has_secret(name: str) -> bool:
    if os.environ.get(name):
        return True
    try:
        return bool(st.secrets.get(name))
    except Exception:  # no secrets.toml is the normal case, and st.secrets raises then
        return False


st.title("Settings")

st.subheader("Engines")
rows: list[dict] = []
# Registry by registry, so one layer that cannot load does not hide the others.
for kind, registry in (("Translation", engines.translators), ("Named entities", engines.ner_backends),
                       ("Time expressions", engines.time_taggers)):
    try:
        rows.extend(registry().describe())
    except Exception as error:  # a missing or broken engine layer is reported, not fatal
        st.warning(f"{kind} engines could not be listed: {error}")
KINDS = {"translator": "Translation", "ner": "Named entities", "timex": "Time expressions"}
if rows:
    table = pd.DataFrame(
        [
            {
                "Kind": KINDS.get(row["kind"], row["kind"]),
                "Engine": row["label"],
                "Available": "✅ yes" if row["available"] else "❌ no",
                "Why / note": row["reason"],
                "Online": "online" if row["online"] else "offline",
                "Name": row["name"],
                "Needs": ", ".join(row["needs"]),
                "Limits": row["limits"],
            }
            for row in rows
        ]
    )
    st.dataframe(
        table, hide_index=True, width="stretch", key="settings_engines", height=38 + 35 * len(table),
        column_config={"Why / note": st.column_config.TextColumn(width="large"),
                       "Engine": st.column_config.TextColumn(width="medium")},
    )
    if os.environ.get("KHABAR_OFFLINE"):
        st.caption("KHABAR_OFFLINE is set: online engines are switched off.")

st.subheader("Online provider keys")
st.caption("Keys are read from environment variables or `.streamlit/secrets.toml`. Khabar never shows them "
           "and never writes them to the library.")
# Each engine names the variables it reads among its needs ("env:NAME", "optional env:NAME").
keys: list[dict[str, str]] = []
for row in rows:
    for need in row["needs"]:
        for name in re.findall(r"\benv:([A-Za-z_][A-Za-z0-9_]*)", str(need)):
            keys.append({"Engine": row["label"], "Variable": name,
                         "Required": "optional" if "optional" in str(need) else "required",
                         "Set": "yes" if _has_secret(name) else "no"})
if not keys:
    st.caption("No engine here reads a key.")
st.dataframe(
    pd.DataFrame(keys, columns=["Engine", "Variable", "Required", "Set"]),
    hide_index=True, width="stretch", key="settings_keys",
)

st.subheader("Stanza models (optional, for named entities)")
try:
    from khabar.entities.stanza_backend import model_status
except ImportError:
    model_status = None
if model_status is None:
    st.caption("The stanza backend is not part of this installation.")
else:
    try:
        status = model_status()
    except Exception as error:  # a broken model folder must not take the page down
        status = {"error": str(error)}
    languages = status.get("languages") if isinstance(status, dict) else None
    if isinstance(languages, dict) and languages:
        names = {"hi": "Hindi", "en": "English"}
        for code, info in languages.items():
            ready = isinstance(info, dict) and info.get("ready")
            st.markdown(f"- {names.get(code, code)}: " + ("ready" if ready else "not downloaded (the offline "
                        "model is used instead)" if code == "hi" else "not downloaded"))
    elif isinstance(status, dict) and status.get("error"):
        st.warning(f"Model status could not be read: {status['error']}")
    with st.expander("Details"):
        st.json(status, expanded=True)
st.markdown("Download them where there is network with:")
st.code("python -m khabar models download", language="bash")

try:
    from khabar.translate.argos import INSTALL_HELP
except ImportError:
    INSTALL_HELP = None
st.subheader("Argos Translate (optional, offline neural translation)")
if INSTALL_HELP:
    st.markdown(INSTALL_HELP)
else:
    st.caption("The Argos adapter is not part of this installation.")

st.subheader("Library")
library = get_library()
path = getattr(library, "path", None) or os.environ.get("KHABAR_DB") or "default per-user data folder"
st.markdown("Database:")
st.code(str(path), language=None)
st.caption("Set the KHABAR_DB environment variable to use another file, or a postgresql://user:password@host/database "
           "URL to share one library on a PostgreSQL server (the password is never shown here).")
