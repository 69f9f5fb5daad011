"""Safe display of user-supplied strings in Streamlit markdown."""

from __future__ import annotations

import re

# Every ASCII punctuation character CommonMark lets a backslash escape, plus Streamlit's own ":" directives.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&\"'=^])")


def md_escape(text: str) -> str:
    """``text`` with markdown, HTML and Streamlit directive syntax neutralised, for st.markdown/captions."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))
