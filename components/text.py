"""Safe display of user-supplied strings in Streamlit markdown."""

from __future__ import annotations

import re

from khabar.hygiene import display_text
from khabar.text import plural as plural  # the pages' counts ("2 sentences") are worded in the core

# Every ASCII punctuation character CommonMark lets a backslash escape, plus Streamlit's own ":" directives.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&\"'=^])")


# GitHub-flavoured Markdown turns bare web addresses and e-mail addresses into links after escapes are read, so
# a backslash cannot stop it: an invisible word joiner (U+2060) after the scheme, "www" or "@" does.
_AUTOLINK_START = re.compile(r"(?i)(?<![a-z0-9])(https?|ftp|mailto|xmpp|www)(?=[:.])|(@)")
WORD_JOINER = "\u2060"


def md_escape(text: str) -> str:
    """``text`` with markdown, HTML and Streamlit directive syntax neutralised, for st.markdown/captions; controls
    and bidi overrides dropped, web and e-mail addresses kept from becoming links. Every string a user or an
    engine supplied goes through it before any Markdown."""
    plain = _AUTOLINK_START.sub(lambda m: m.group() + WORD_JOINER, " ".join(display_text(str(text)).split()))
    return _MARKDOWN_SPECIAL.sub(r"\\\1", plain)
