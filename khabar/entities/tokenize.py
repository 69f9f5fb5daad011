"""Tokenisation the way the NER corpora do it: hyphens and punctuation apart, numbers with their separators whole."""

from __future__ import annotations

import re

_LETTERS = r"\w\u0900-\u0963\u0966-\u097f"
_TOKEN = re.compile(
    r"[0-9\u0966-\u096f]+(?:[.,][0-9\u0966-\u096f]+)*(?:[" + _LETTERS + r"]+)?"  # 1,200  3.5  19वीं
    r"|[" + _LETTERS + r"]+(?:['’][" + _LETTERS + r"]+)*"
    r"|\S"
)


def tokenize(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, token)`` for every token of ``text``."""
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
