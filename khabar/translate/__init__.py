"""Translation engines: reference, Argos (offline neural), online providers and the word-by-word gloss."""

from __future__ import annotations

from khabar.registry import Registry


def register_translators(registry: Registry) -> None:
    """Register every translator in preference order: reference, argos, online providers, gloss last."""
    from khabar.translate.argos import ArgosTranslator
    from khabar.translate.gloss import GlossTranslator
    from khabar.translate.reference import ReferenceTranslator

    registry.register("reference", ReferenceTranslator)
    registry.register("argos", ArgosTranslator)
    registry.register_group(_online_providers)
    registry.register("gloss", GlossTranslator)


def _online_providers() -> list[tuple[str, type]]:
    # Imported only when every engine is listed: the HTTP clients cost a quarter of a second to import.
    from khabar.translate.online import PROVIDERS

    return [(provider.name, provider) for provider in PROVIDERS]
