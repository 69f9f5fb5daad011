"""Safe display of user-supplied strings in Streamlit markdown."""

from __future__ import annotations

import re

from khabar.hygiene import display_text

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


def plural(count: int, word: str, many: str | None = None) -> str:
    """``count`` with ``word`` in the right number: ``1 sentence``, ``2 sentences``, ``1,204 entities``."""
    if count == 1:
        return f"1 {word}"
    if many is None:
        many = word[:-1] + "ies" if word.endswith("y") and word[-2:-1] not in "aeiou" else word + "s"
    return f"{count:,} {many}"
