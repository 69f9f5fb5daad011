"""What the offline path imports: never torch or stanza, and the online clients only when every engine is listed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from khabar.registry import Registry

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("torch", "stanza", "deep_translator", "bs4", "requests", "plotly", "pandas", "sacrebleu", "streamlit")


def _imported_after(code: str) -> dict:
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "KHABAR_OFFLINE": "1"}
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, cwd=ROOT,
                          timeout=120, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_analyze_never_imports_torch_stanza_or_the_online_clients():
    code = ("import contextlib, io\nfrom khabar import cli\n"
            "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
            "    cli.main(['analyze', 'seeds/iran-pakistan-raisi-visit.hi.txt', '--published', '2024-04-23'])\n"
            "assert '\"entities\"' in out.getvalue()")
    assert _imported_after(code) == []


def test_importing_the_cli_imports_nothing_heavy():
    assert _imported_after("import khabar.cli") == []


def test_a_group_is_listed_in_its_place_and_only_when_every_name_is_needed():
    loaded = []

    def group():
        loaded.append(True)
        return [("b", lambda: "engine b"), ("c", lambda: "engine c")]

    registry = Registry("test")
    registry.register("a", lambda: "engine a")
    registry.register_group(group)
    registry.register("d", lambda: "engine d")
    assert registry.get("d") == "engine d" and not loaded
    assert registry.names() == ["a", "b", "c", "d"] and loaded == [True]
    assert list(registry) == ["engine a", "engine b", "engine c", "engine d"]


def test_an_unknown_name_lists_the_groups_too():
    registry = Registry("test")
    registry.register_group(lambda: [("x", lambda: "engine x")])
    assert registry.get("x") == "engine x"
    try:
        registry.get("y")
    except KeyError as error:
        assert "x" in str(error)
    else:
        raise AssertionError("an unknown engine must raise KeyError")


def test_stanzas_model_folder_is_found_without_importing_stanza(monkeypatch):
    monkeypatch.delenv("STANZA_RESOURCES_DIR", raising=False)
    code = ("from khabar.entities import stanza_backend\n"
            "print(stanza_backend.model_dir(), file=__import__('sys').stderr)")
    assert _imported_after(code) == []
    from khabar.entities import stanza_backend

    common = pytest.importorskip("stanza.resources.common")
    assert stanza_backend.model_dir() == Path(common.DEFAULT_MODEL_DIR)
    monkeypatch.setenv("STANZA_RESOURCES_DIR", "/somewhere/else")
    assert stanza_backend.model_dir() == Path("/somewhere/else")
