"""The registry's contract: each kind's engines satisfy its Protocol, declare structured requirements, and are
built once even when several threads ask at the same moment."""

from __future__ import annotations

import threading
import time

import pytest

from khabar import engines
from khabar.registry import Availability, EngineInfo, Registry, Requirement, TimeTagger


@pytest.mark.parametrize("registry", [engines.translators, engines.ner_backends, engines.time_taggers],
                         ids=["translators", "ner", "timex"])
def test_every_registered_engine_keeps_its_kinds_contract(registry):
    reg = registry()
    for engine in reg:  # building each one checks it against the kind's Protocol
        assert isinstance(engine, reg.protocol)
        assert engine.info.name in reg.names()
        assert all(isinstance(need, Requirement) for need in engine.info.needs)
        assert isinstance(engine.availability(), Availability)


def test_a_registry_refuses_an_engine_without_its_kinds_method():
    class Half:
        info = EngineInfo(name="half", label="Half", kind="timex")

        def availability(self) -> Availability:
            return Availability.yes()

    reg = Registry("timex", TimeTagger)
    reg.register("half", Half)
    with pytest.raises(TypeError, match="TimeTagger"):
        reg.get("half")


def test_engines_are_built_once_under_concurrent_first_use():
    built = []

    class Slow:
        info = EngineInfo(name="slow", label="Slow", kind="timex", needs=(Requirement("env", "SLOW_KEY", True),))

        def __init__(self) -> None:
            built.append(self)
            time.sleep(0.05)

        def availability(self) -> Availability:
            return Availability.yes()

        def extract(self, text, sentences, published):
            return []

    reg = Registry("timex", TimeTagger)
    reg.register("slow", Slow)
    got = []
    threads = [threading.Thread(target=lambda: got.append(reg.get("slow"))) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(built) == 1 and all(engine is built[0] for engine in got)
    row = reg.describe()[0]
    assert row["env"] == [{"name": "SLOW_KEY", "optional": True}] and row["needs"] == ["optional env SLOW_KEY"]
