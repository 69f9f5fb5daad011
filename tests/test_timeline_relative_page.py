"""Without a publication date the Timeline page says when things happened relative to publication."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from khabar.model import ArticleMeta
from khabar.pipeline import analyze_time, make_article
from khabar.store import Library
from tests.conftest import ROOT

pytestmark = pytest.mark.usefixtures("fresh_streamlit_caches")


def test_relative_dates_are_listed_relative_to_publication():
    article = analyze_time(make_article("तीन दिन पहले पुलिस ने छापा मारा। सरकार ने नई नीति बनाई।", ArticleMeta()))
    article_id = Library().save_article(article)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.session_state["article_id"] = article_id
    at.switch_page("pages/timeline.py").run()
    assert not at.exception
    text = "\n".join(str(m.value) for m in at.markdown)
    assert "3 days before publication" in text
    assert [s.value for s in at.subheader][-2:] == ["Dated only relative to publication", "Undated"]


def test_a_past_duration_is_listed_as_before_publication_not_dated():
    text = "15 जून को संसद का सत्र शुरू होगा। वह तीन साल विदेश में रहा।"
    article = analyze_time(make_article(text, ArticleMeta(published="2024-04-23")))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.session_state["article_id"] = Library().save_article(article)
    at.switch_page("pages/timeline.py").run()
    assert not at.exception
    listed = "\n".join(str(m.value) for m in at.markdown)
    assert "विदेश में रहा — before publication" in listed
    assert "Dated only relative to publication" in [s.value for s in at.subheader]
    assert "Add the publication date" not in "\n".join(str(c.value) for c in at.caption)


def test_day_and_month_without_publication_date_go_in_the_year_unknown_lane():
    text = "8 जून को सेना ने हमला किया। दिवाली पर पुलिस ने छापा मारा। सरकार ने नई नीति बनाई।"
    article = analyze_time(make_article(text, ArticleMeta()))
    assert article.timexes[0].value == "XXXX-06-08"
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.session_state["article_id"] = Library().save_article(article)
    at.switch_page("pages/timeline.py").run()
    assert not at.exception
    charts = at.get("plotly_chart")
    assert len(charts) == 1
    spec = json.loads(charts[0].proto.spec)
    assert any("Year unknown" in note.get("text", "") for note in spec["layout"]["annotations"])
    drawn = [trace for trace in spec["data"] if trace.get("customdata")]
    assert {trace["customdata"][0] for trace in drawn} == {0, 1}  # both yearless events are drawn
    assert any(str(x).startswith("2000-06-08") for trace in drawn for x in trace["x"])
    subheaders = [s.value for s in at.subheader]
    assert "Year unknown" in subheaders
    listed = "\n".join(str(m.value) for m in at.markdown)
    assert "8 June, year unknown" in listed and "Diwali, year unknown" in listed
    # Each yearless event is listed once, under "Year unknown"; only the sentence with no date is undated.
    items = [str(m.value) for m in at.markdown if str(m.value).startswith("- ")]
    assert [i for i in items if "हमला किया" in i] == [i for i in items if "8 June, year unknown" in i]
    assert len([i for i in items if "हमला किया" in i]) == 1
    assert subheaders[-1] == "Undated" and any("नीति बनाई" in i and "year unknown" not in i for i in items)
