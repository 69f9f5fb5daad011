"""Default titles: an article saved without one gets a Hindi title from its first line and an English one from
the best English of its headline (its first sentence). The command line and the app use the same defaults."""

from __future__ import annotations

import dataclasses

from khabar.model import Article
from khabar.text import shorten

TITLE_CHARS = 80


def cut_title(text: str, limit: int = TITLE_CHARS) -> str:
    """``text`` on one line, cut at a word boundary to at most ``limit`` characters, with an ellipsis."""
    return shorten(text, limit)


def first_line(text: str) -> str:
    """The first line of ``text`` that has any letters or digits ("" where none has)."""
    return next((line.strip() for line in text.splitlines() if any(ch.isalnum() for ch in line)), "")


def with_default_titles(article: Article) -> Article:
    """``article`` with an empty Hindi title taken from its first line and an empty English title from the best
    English of its first sentence; titles the reader gave are kept as they are."""
    meta = article.meta
    title = meta.title or cut_title(first_line(article.text))
    title_en = meta.title_en
    if not title_en and not meta.title and article.sentences:
        title_en = cut_title(article.best_english(0))
    if (title, title_en) == (meta.title, meta.title_en):
        return article
    return dataclasses.replace(article, meta=dataclasses.replace(meta, title=title, title_en=title_en))
