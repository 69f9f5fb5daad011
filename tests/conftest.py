"""Shared test set-up: every test gets its own library database, and nothing touches the network."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SEED_TEXT = ROOT / "seeds" / "iran-pakistan-raisi-visit.hi.txt"


@pytest.fixture(autouse=True)
def isolated_library(tmp_path, monkeypatch):
    """Point KHABAR_DB at a fresh file for each test."""
    monkeypatch.setenv("KHABAR_DB", str(tmp_path / "library.sqlite3"))
    yield tmp_path / "library.sqlite3"


@pytest.fixture
def seed_text() -> str:
    """The seed article as shipped."""
    return SEED_TEXT.read_text(encoding="utf-8")


@pytest.fixture(scope="session", autouse=True)
def offline_environment():
    """Make any accidental network use by the translators fail fast instead of hanging."""
    os.environ.setdefault("KHABAR_OFFLINE", "1")
    yield


@pytest.fixture
def fresh_streamlit_caches():
    """Clear Streamlit's caches around an AppTest: cached results (the library above all) leak between tests."""
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()
