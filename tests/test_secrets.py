"""Provider keys given as Streamlit secrets reach the translators through the environment, never the page."""

from __future__ import annotations

import os

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

pytestmark = pytest.mark.usefixtures("fresh_streamlit_caches")


def test_secret_key_makes_its_provider_configured_without_showing_it(monkeypatch):
    monkeypatch.delenv("KHABAR_MICROSOFT_KEY", raising=False)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.secrets["KHABAR_MICROSOFT_KEY"] = "sk-very-secret-value"
    at.secrets["UNRELATED"] = "not ours"
    at.run()
    assert not at.exception
    try:
        assert os.environ.get("KHABAR_MICROSOFT_KEY") == "sk-very-secret-value"
        assert "UNRELATED" not in os.environ
        at.switch_page("pages/settings.py").run()
        assert not at.exception
        page_text = " ".join(str(e.value) for e in at.markdown) + " ".join(str(e.value) for e in at.caption)
        assert "sk-very-secret-value" not in page_text
    finally:
        os.environ.pop("KHABAR_MICROSOFT_KEY", None)


def test_an_environment_value_wins_over_a_secret(monkeypatch):
    monkeypatch.setenv("KHABAR_YANDEX_KEY", "from-environment")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.secrets["KHABAR_YANDEX_KEY"] = "from-secrets"
    at.run()
    assert not at.exception
    assert os.environ["KHABAR_YANDEX_KEY"] == "from-environment"
