"""Khabar: the router. Page config, navigation over pages/, and the shared sidebar article picker."""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

ROOT = Path(__file__).resolve().parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from components.article_picker import article_picker  # noqa: E402
from components.navigation import build_navigation  # noqa: E402
from components.secrets import export_secrets_to_environment  # noqa: E402

st.set_page_config(page_title="Khabar: Hindi news, read in English", page_icon="📰", layout="wide")
export_secrets_to_environment()

navigation = build_navigation()
st.sidebar.markdown("**Khabar** · Hindi news beside English")
article_picker()
navigation.run()
