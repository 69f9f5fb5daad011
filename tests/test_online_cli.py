"""`python -m khabar translate --engine google|mymemory` goes through deep-translator's own classes, and a
misbehaving provider ends the command within the deadline with one line."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import deep_translator
import pytest
from provider_server import ProviderServer, Reply, google_page, mymemory_json

from khabar.cli import main

ROOT = Path(__file__).resolve().parent.parent
LINES = "ईरान के राष्ट्रपति पाकिस्तान पहुँचे।\nदोनों देशों ने समझौते किए।\n"


@pytest.fixture
def online(monkeypatch):
    monkeypatch.setenv("KHABAR_OFFLINE", "0")
    monkeypatch.setenv("KHABAR_ONLINE_PROBE", "0")
    import khabar.engines

    khabar.engines.translators.cache_clear()  # fresh engines: no breaker state from other tests
    yield
    khabar.engines.translators.cache_clear()


@pytest.fixture
def server():
    srv = ProviderServer()
    yield srv
    srv.close()


@pytest.mark.parametrize(("engine", "cls"), [("google", deep_translator.GoogleTranslator),
                                             ("mymemory", deep_translator.MyMemoryTranslator)])
def test_the_cli_prints_what_deep_translators_class_returns(engine, cls, online, tmp_path, monkeypatch, capsys):
    """The one place a stand-in is right: it shows the CLI's words come from deep-translator's translate."""
    seen = []

    def stand_in(self, text, **kwargs):
        seen.append((type(self).__name__, self._source, self._target, text))
        return f"<{type(self).__name__} {len(text)} chars>"

    monkeypatch.setattr(cls, "translate", stand_in)
    path = tmp_path / "in.txt"
    path.write_text(LINES, encoding="utf-8")
    assert main(["translate", str(path), "--engine", engine]) == 0
    out = capsys.readouterr().out.splitlines()
    lines = LINES.splitlines()
    assert out == [f"<{cls.__name__} {len(line)} chars>" for line in lines]
    assert sorted(text for *_, text in seen) == sorted(lines)
    assert {source for _, source, _, _ in seen} == ({"hi"} if engine == "google" else {"hi-IN"})


def test_the_cli_reaches_a_configured_google_endpoint(online, server, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("KHABAR_GOOGLE_URL", server.url + "/m")
    server.default = lambda request: google_page(f"EN {len(request['query']['q'][0])}")
    path = tmp_path / "in.txt"
    path.write_text(LINES, encoding="utf-8")
    assert main(["translate", str(path), "--engine", "google"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [f"EN {len(line)}" for line in LINES.splitlines()]


@pytest.mark.parametrize("reply", [Reply(trickle="body", body=mymemory_json("x").body), Reply(hang=True),
                                   Reply(status=429, headers={"Retry-After": "3600"})],
                         ids=["trickle", "hang", "429"])
def test_a_misbehaving_provider_ends_the_command_in_one_line(reply, server, tmp_path):
    server.default = reply
    path = tmp_path / "in.txt"
    path.write_text(LINES, encoding="utf-8")
    env = {**os.environ, "KHABAR_OFFLINE": "0", "KHABAR_ONLINE_PROBE": "0", "KHABAR_TRANSLATE_DEADLINE": "2",
           "KHABAR_MYMEMORY_URL": server.url + "/get", "PYTHONPATH": str(ROOT)}
    start = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "khabar", "translate", str(path), "--engine", "mymemory"],
                          capture_output=True, text=True, env=env, timeout=60, cwd=ROOT)
    elapsed = time.monotonic() - start
    assert done.returncode != 0
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("khabar: error: MyMemory translated nothing"), done.stderr
    assert elapsed < 12  # interpreter start-up plus the 2 s deadline; abandoned threads do not hold exit
    if reply.status == 429:
        assert len(server.requests) == 1 and "3600 s" in lines[0]
