"""The registries: every translator, NER backend and time tagger Khabar knows, listed in one place.

Registration order is preference order: ``Registry.default()`` picks the first available engine.
"""

from __future__ import annotations

from functools import cache

from khabar.registry import NerBackend, Registry, TimeTagger, Translator


@cache
def translators() -> Registry:
    """Every translation engine (offline first)."""
    from khabar.translate import register_translators

    registry = Registry("translator", Translator)
    register_translators(registry)
    return registry


@cache
def ner_backends() -> Registry:
    """Every named-entity backend (best available first)."""
    from khabar.entities import register_ner

    registry = Registry("ner", NerBackend)
    register_ner(registry)
    return registry


@cache
def time_taggers() -> Registry:
    """Every time-expression tagger."""
    from khabar.timeline import register_timex

    registry = Registry("timex", TimeTagger)
    register_timex(registry)
    return registry


def all_engines() -> list[dict]:
    """One plain row per engine of every kind, with its availability and reason."""
    rows = []
    for registry in (translators(), ner_backends(), time_taggers()):
        rows.extend(registry.describe())
    return rows
