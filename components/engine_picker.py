"""Choice of the translation shown beside the Hindi."""

from __future__ import annotations

import streamlit as st

from khabar.model import Article, Translation

# Best first: a human reference, the reader's own, a machine translation, then the gloss (a reading aid).
_KIND_ORDER = {"reference": 0, "user": 1, "translation": 2, "gloss": 3}


def translation_choice_label(translation: Translation) -> str:
    """How a translation is named in pickers, saying what kind of English it is."""
    if translation.kind == "gloss":
        suffix = "" if "reading aid" in translation.label.lower() else " (reading aid, not a translation)"
    elif translation.kind == "reference":
        suffix = " (human)"
    elif translation.kind == "user":
        suffix = " (yours)"
    else:
        suffix = " (machine)"
    if translation.texts and translation.failed == len(translation.texts):
        failed = " · failed on every sentence"
    else:
        failed = f" · {translation.failed} failed" if translation.failed else ""
    return f"{translation.label}{suffix}{failed}"


def ordered_translations(article: Article) -> list[Translation]:
    """The article's translations, best first."""
    return sorted(article.translations, key=lambda t: _KIND_ORDER.get(t.kind, 9))


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
