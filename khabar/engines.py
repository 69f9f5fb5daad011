"""The registries: every translator, NER backend and time tagger Khabar knows, registered in one place.

Registration order is preference order: ``Registry.default()`` picks the first available engine. This module
sits above the engine packages (translate, entities, timeline), which never import it or each other's engines.
"""

from __future__ import annotations

from functools import cache

from khabar.entities.stanza_backend import StanzaNer
from khabar.registry import NerBackend, Registry, TimeTagger, Translator
from khabar.timeline.timex import RuleTimexTagger
from khabar.translate.argos import ArgosTranslator
from khabar.translate.reference import ReferenceTranslator


def register_translators(registry: Registry) -> None:
    """Register every translator in preference order: reference, argos, online providers, gloss last."""
    registry.register("reference", ReferenceTranslator)
    registry.register("argos", ArgosTranslator)
    registry.register_group(_online_providers)
    registry.register("gloss", _gloss)


def _online_providers() -> list[tuple[str, type]]:
    # Lazy for cold start: the HTTP clients (deep-translator, requests) cost a quarter of a second to import,
    # and only a full listing of the engines or a run of an online one needs them.
    from khabar.translate.online import PROVIDERS

    return [(provider.name, provider) for provider in PROVIDERS]


# The gloss (its lexicons and morphology) and the offline tagger (numpy, the CRF and neural taggers) are the two
# heavy engine modules: imported when the engine is first built, so importing the pipeline or the library (the
# pages' start, `khabar library`, `khabar --help`) does not load them.
def _gloss():
    from khabar.translate.gloss import GlossTranslator

    return GlossTranslator()


def _offline_ner():
    from khabar.entities.offline import OfflineNer

    return OfflineNer()


def register_ner(registry: Registry) -> None:
    """Register every NER backend, preferred first: stanza (when its models exist), then the offline CRF."""
    registry.register("stanza", StanzaNer)
    registry.register("offline", _offline_ner)


def register_timex(registry: Registry) -> None:
    """Register every time tagger (the offline rule tagger is the default)."""
    registry.register(RuleTimexTagger.info.name, RuleTimexTagger)


@cache
def translators() -> Registry:
    """Every translation engine (offline first)."""
    registry = Registry("translator", Translator)
    register_translators(registry)
    return registry


@cache
def ner_backends() -> Registry:
    """Every named-entity backend (best available first)."""
    registry = Registry("ner", NerBackend)
    register_ner(registry)
    return registry


@cache
def time_taggers() -> Registry:
    """Every time-expression tagger."""
    registry = Registry("timex", TimeTagger)
    register_timex(registry)
    return registry


def all_engines() -> list[dict]:
    """One plain row per engine of every kind, with its availability and reason."""
    rows = []
    for registry in (translators(), ner_backends(), time_taggers()):
        rows.extend(registry.describe())
    return rows
