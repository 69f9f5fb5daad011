"""Provider keys from Streamlit secrets, handed to the core through the environment."""

from __future__ import annotations

import os

import streamlit as st


def export_secrets_to_environment() -> list[str]:
    """Copy ``KHABAR_*`` entries of ``st.secrets`` into the environment where not already set.

    The core never imports streamlit, so keys reach the translators the one way they read them: the
    environment. Values stay in this process and are never written to the library. Returns the names copied.
    """
    try:
        names = [name for name in st.secrets if name.startswith("KHABAR_")]
    except FileNotFoundError:  # no secrets.toml anywhere (StreamlitSecretNotFoundError): nothing to copy
        return []
    copied = []
    for name in names:
        value = st.secrets[name]
        if isinstance(value, str) and value and not os.environ.get(name):
            os.environ[name] = value
            copied.append(name)
    return copied
