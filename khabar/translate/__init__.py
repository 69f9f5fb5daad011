"""Translation engines: reference, Argos (offline neural), online providers and the word-by-word gloss."""

from __future__ import annotations

from khabar.registry import Registry


def register_translators(registry: Registry) -> None:
    """Register every translator in preference order: reference, argos, online providers, gloss last."""
    from khabar.translate.argos import ArgosTranslator
    from khabar.translate.gloss import GlossTranslator
    from khabar.translate.online import PROVIDERS
    from khabar.translate.reference import ReferenceTranslator

    registry.register("reference", ReferenceTranslator)
    registry.register("argos", ArgosTranslator)
    for provider in PROVIDERS:
        registry.register(provider.name, provider)
    registry.register("gloss", GlossTranslator)
