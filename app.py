"""Khabar: the router. Page config, navigation over pages/, and the shared sidebar article picker."""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

ROOT = Path(__file__).resolve().parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from components.article_picker import article_picker  # noqa: E402
from components.secrets import export_secrets_to_environment  # noqa: E402

# (file, title, icon, default)
PAGES = (
    ("pages/library.py", "Library", ":material/library_books:", True),
    ("pages/read.py", "Read", ":material/menu_book:", False),
    ("pages/upload.py", "Upload", ":material/upload_file:", False),
    ("pages/compare.py", "Compare", ":material/compare_arrows:", False),
    ("pages/timeline.py", "Timeline", ":material/timeline:", False),
    ("pages/entities.py", "Entities", ":material/hub:", False),
    ("pages/stories.py", "Stories", ":material/auto_stories:", False),
    ("pages/settings.py", "Settings", ":material/settings:", False),
)

st.set_page_config(page_title="Khabar: Hindi news, read in English", page_icon="📰", layout="wide")
export_secrets_to_environment()

navigation = st.navigation(
    [st.Page(path, title=title, icon=icon, default=default) for path, title, icon, default in PAGES]
)
st.sidebar.markdown("**Khabar** · Hindi news beside English")
article_picker()
navigation.run()
