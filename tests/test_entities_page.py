"""The Entities page under AppTest: table, type filter, mentions in both languages, network, escaping."""

from __future__ import annotations

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from khabar.entities.linking import link
from khabar.model import ArticleMeta, EntitySpan, Translation
from khabar.pipeline import make_article
from khabar.store import Library
from tests.conftest import ROOT

APP = str(ROOT / "app.py")


@pytest.fixture(autouse=True)
def fresh_caches():
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


def _article(hostile: bool = False):
    name = 'रायसी<script>alert(1)</script>' if hostile else "रायसी"
    text = f"इब्राहिम रायसी पाकिस्तान गए।\nशहबाज शरीफ ने {name} से 10 अरब डॉलर की बात की।"
    article = make_article(text, ArticleMeta(title="Entities test"))
    spans = []
    for surface, label, value in (("इब्राहिम रायसी", "PER", ""), ("पाकिस्तान", "LOC", ""), ("शहबाज शरीफ", "PER", ""),
                                  (name, "PER", ""), ("10 अरब डॉलर", "MONEY", "USD 10000000000")):
        start = text.index(surface, spans[-1].end if spans else 0)
        sentence = 0 if start < text.index("\n") else 1
        spans.append(EntitySpan(start, start + len(surface), label, surface, sentence=sentence, value=value))
    article = link(article.__class__(**{**article.__dict__, "entities": tuple(spans)}))
    english = ("Ebrahim Raisi went to Pakistan.", "Shehbaz Sharif talked with Raisi about $10 billion.")
    return article.with_translation(Translation("ref", "Reference", "reference", english))


def _texts(at: AppTest) -> str:
    parts = []
    for kind in ("title", "subheader", "markdown", "caption", "info", "warning", "html"):
        parts.extend(str(element.value) for element in getattr(at, kind))
    return "\n".join(parts)


def _open(article) -> AppTest:
    article_id = Library().save_article(article)
    at = AppTest.from_file(APP, default_timeout=90)
    at.session_state["article_id"] = article_id
    return at.switch_page("pages/entities.py").run()


def test_entities_page_shows_table_mentions_and_network():
    at = _open(_article())
    assert not at.exception
    assert at.title[0].value == "Entities"
    frame = at.dataframe[0].value
    assert "Ebrahim Raisi" in list(frame["Name"])
    assert set(frame["Type"]) == {"PER", "LOC", "MONEY"}  # every type present is shown by default
    assert at.multiselect(key="entities_types").value == ["PER", "LOC", "MONEY"]
    options = at.selectbox(key="entities_focus").options
    assert "Ebrahim Raisi (PER, 2 mentions)" in options
    assert "Pakistan (LOC, 1 mention)" in options
    at.selectbox(key="entities_focus").set_value("PER:ebrahim-raisi").run()
    html_out = _texts(at)
    assert "Ebrahim Raisi" in html_out and "इब्राहिम" in html_out
    assert "<mark" in html_out
    assert len(at.get("plotly_chart")) == 1


def test_type_filter_and_money():
    at = _open(_article())
    at.multiselect(key="entities_types").set_value(["MONEY"]).run()
    assert not at.exception
    frame = at.dataframe[0].value
    assert list(frame["Type"]) == ["MONEY"]
    assert list(frame["Name"]) == ["USD 10 billion"]


def test_hostile_text_is_escaped():
    at = _open(_article(hostile=True))
    assert not at.exception
    at.selectbox(key="entities_focus").set_value("PER:ebrahim-raisi").run()
    for element in at.get("html"):
        assert "<script>" not in str(element.value)


def test_article_without_entities_offers_to_find_them():
    article = make_article("राहुल गांधी लखनऊ गए।", ArticleMeta(title="No entities yet"))
    at = _open(article)
    assert not at.exception
    assert "no entities yet" in _texts(at)
    at.button(key="entities_run").click().run()
    assert not at.exception
    assert len(at.dataframe) == 1
