"""The translator registry, the reference and Argos engines, and translate_cached with each engine."""

from __future__ import annotations

import importlib.util

import pytest

from khabar.engines import register_translators
from khabar.registry import Registry
from khabar.translate.argos import INSTALL_HELP, ArgosTranslator
from khabar.translate.base import MemoryCache, SegmentResult, translate_cached
from khabar.translate.gloss import GlossTranslator
from khabar.translate.reference import NO_REFERENCE, ReferenceTranslator


@pytest.fixture
def registry() -> Registry:
    reg = Registry("translator")
    register_translators(reg)
    return reg


def test_registration_order_is_preference_order(registry):
    names = registry.names()
    assert names[0] == "reference" and names[1] == "argos" and names[-1] == "gloss"
    assert {"google", "mymemory", "libretranslate", "microsoft", "yandex"} <= set(names)
    assert names.index("google") < names.index("microsoft")


def test_every_engine_declares_itself(registry):
    for engine in registry:
        info = engine.info
        assert info.kind == "translator" and info.label and info.name in registry.names()
        assert engine.translation_kind in ("translation", "gloss", "reference")
        assert isinstance(engine.options_key(), str)
        availability = engine.availability()
        assert availability.ok or availability.reason
        if info.online:
            assert any(need.kind == "network" for need in info.needs)


def test_offline_default_is_the_gloss(registry, monkeypatch):
    monkeypatch.setenv("KHABAR_OFFLINE", "1")
    rows = {row["name"]: row for row in registry.describe()}
    assert rows["gloss"]["available"]
    assert not rows["google"]["available"] and "offline mode" in rows["google"]["reason"]
    if importlib.util.find_spec("argostranslate") is None:
        assert registry.default().info.name == "gloss"


def test_gloss_is_labelled_as_a_reading_aid(registry):
    gloss = registry.get("gloss")
    assert gloss.info.label == "Word-by-word gloss (reading aid, not a translation)"
    assert gloss.translation_kind == "gloss" and not gloss.info.online


def test_reference_engine_explains_where_references_come_from(registry):
    reference = registry.get("reference")
    assert reference.info.label == "Reference translation (Khabar editors)"
    assert reference.translation_kind == "reference"
    availability = reference.availability()
    assert not availability.ok and "seed" in availability.reason
    assert reference.translate(["कोई वाक्य"]) == [SegmentResult(None, NO_REFERENCE)]


def test_reference_engine_with_a_table():
    reference = ReferenceTranslator({"ईरान  और पाकिस्तान।": "Iran and Pakistan."})
    assert reference.availability().ok
    results = reference.translate(["ईरान और पाकिस्तान।", "दूसरा वाक्य।"])
    assert results[0].text == "Iran and Pakistan."
    assert results[1].error == NO_REFERENCE
    translation = translate_cached(reference, ["ईरान और पाकिस्तान।"])
    assert translation.kind == "reference" and translation.label == "Reference translation (Khabar editors)"


@pytest.mark.skipif(importlib.util.find_spec("argostranslate") is not None, reason="argostranslate is installed")
def test_argos_unavailable_with_reason():
    argos = ArgosTranslator()
    availability = argos.availability()
    assert not availability.ok and "argostranslate" in availability.reason
    assert all(r.text is None and r.error for r in argos.translate(["नमस्ते"]))
    assert "install_from_path" in INSTALL_HELP and ".argosmodel" in INSTALL_HELP


class CountingEngine:
    """A fake engine that fails on sentences containing 'x' and counts what it is asked."""

    translation_kind = "translation"

    def __init__(self) -> None:
        from khabar.registry import EngineInfo

        self.info = EngineInfo("fake", "Fake", "translator")
        self.asked: list[str] = []
        self.options = "v1"

    def options_key(self) -> str:
        return self.options

    def translate(self, texts, progress=None):
        self.asked.extend(texts)
        return [SegmentResult(None, "boom") if "x" in t else SegmentResult(t.upper()) for t in texts]


def test_cache_is_keyed_by_options():
    engine, cache = CountingEngine(), MemoryCache()
    translate_cached(engine, ["a", "b"], cache=cache)
    translate_cached(engine, ["a", "b"], cache=cache)
    assert engine.asked == ["a", "b"]
    engine.options = "v2"
    translate_cached(engine, ["a"], cache=cache)
    assert engine.asked == ["a", "b", "a"]


def test_failures_are_not_cached():
    engine, cache = CountingEngine(), MemoryCache()
    first = translate_cached(engine, ["a", "x", "a"], cache=cache)
    assert first.texts == ("A", None, "A") and first.errors[1] == "boom"
    translate_cached(engine, ["a", "x"], cache=cache)
    assert engine.asked == ["a", "x", "x"]


def test_gloss_through_the_cache_is_computed_once():
    gloss, cache = GlossTranslator(), MemoryCache()
    sources = ["पाकिस्तान में चुनाव हुए।"]
    first = translate_cached(gloss, sources, cache=cache)
    assert cache.get_many("gloss", gloss.options_key(), sources) == {sources[0]: first.texts[0]}
    assert first.kind == "gloss" and first.texts[0]
