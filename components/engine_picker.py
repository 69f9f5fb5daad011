"""Choice of the translation shown beside the Hindi."""

from __future__ import annotations

import streamlit as st

from khabar.model import Article, Translation, TranslationKind


def translation_choice_label(translation: Translation) -> str:
    """How a translation is named in pickers, saying what kind of English it is."""
    kind = translation.translation_kind
    if kind is TranslationKind.GLOSS:
        suffix = "" if "reading aid" in translation.label.lower() else " (reading aid, not a translation)"
    else:
        suffix = {TranslationKind.REFERENCE: " (human)", TranslationKind.USER: " (yours)"}.get(kind, " (machine)")
    if translation.texts and translation.failed == len(translation.texts):
        failed = " · failed on every sentence"
    else:
        failed = f" · {translation.failed} failed" if translation.failed else ""
    return f"{translation.label}{suffix}{failed}"


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
