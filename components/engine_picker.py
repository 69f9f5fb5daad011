"""Choice of the translation shown beside the Hindi."""

from __future__ import annotations

import streamlit as st

from khabar.compare import translation_choice_label
from khabar.model import Article, Translation


def ordered_translations(article: Article) -> list[Translation]:
    """The article's translations, best first."""
    return article.ranked_translations()


def engine_picker(article: Article, *, key: str, label: str = "English shown") -> str | None:
    """A picker over the translations the article has; returns the chosen engine name (None: none)."""
    translations = ordered_translations(article)
    if not translations:
        return None
    names = [t.engine for t in translations]
    by_name = {t.engine: t for t in translations}
    if st.session_state.get(key) not in names:
        st.session_state[key] = names[0]
    return st.selectbox(label, names, key=key, format_func=lambda n: translation_choice_label(by_name[n]))
