"""Stories across articles: entities linked across the library, the merged timeline, and the Stories page."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from khabar.model import ArticleMeta
from khabar.pipeline import analyze
from khabar.store import Library
from khabar.stories import entity_story, link_across, search_story
from tests.conftest import ROOT

STORY = (
    ("a-bridge", "पुल का उद्घाटन", "2024-02-12",
     "प्रधानमंत्री नरेंद्र मोदी ने सोमवार को वाराणसी में नए पुल का उद्घाटन किया। उन्होंने कहा कि काम समय पर पूरा हुआ।"),
    ("b-rally", "लखनऊ में सभा", "2024-02-14",
     "मोदी मंगलवार को लखनऊ पहुँचे और वहाँ एक सभा को संबोधित किया। अगले महीने मोदी अमेरिका जाएंगे।"),
    ("c-deal", "नया समझौता", "2024-02-10", "अमरीका के राष्ट्रपति ने कल भारत के साथ नए समझौते की घोषणा की।"),
)


@pytest.fixture(scope="module")
def articles():
    return [analyze(text, ArticleMeta(title=title, published=published), article_id=article_id)
            for article_id, title, published, text in STORY]


def test_a_partial_name_in_one_article_joins_the_full_name_in_another(articles):
    linked = link_across(articles)
    modi = linked.get("PER:narendra-modi")
    assert modi is not None and modi.articles == 2 and modi.mentions == 3
    assert set(modi.forms) == {"नरेंद्र मोदी", "मोदी"}
    assert linked.mentions["PER:narendra-modi"] == {"a-bridge": (0,), "b-rally": (0, 1)}
    # spelling variants merge across articles as within one
    usa = linked.get("LOC:united-states")
    assert usa is not None and set(usa.forms) == {"अमेरिका", "अमरीका"} and usa.articles == 2
    assert linked.entities[0].id == "PER:narendra-modi"  # most articles first


def test_entity_story_merges_the_timelines_in_date_order(articles):
    story = entity_story(articles, "PER:narendra-modi")
    assert story.title == "Narendra Modi"
    assert [a.id for a in story.articles] == ["a-bridge", "b-rally"]
    dates = [e.start_date for e in story.events]
    assert dates == sorted(dates) and len(story.events) == 3
    assert [(e.article_id, e.sentence) for e in story.events] == [("a-bridge", 0), ("b-rally", 0), ("b-rally", 1)]
    assert story.events[0].start_date == "2024-02-12"  # सोमवार against the publication date
    assert story.events[1].start_date == "2024-02-13"  # मंगलवार before 14 February
    assert all(e.sentence_hi for e in story.events)


def test_search_story_folds_spelling(articles):
    story = search_story(articles, "अमेरिका")
    assert [a.id for a in story.articles] == ["b-rally"]
    assert search_story(articles, "समझौते").articles[0].id == "c-deal"
    assert search_story(articles, "   ").articles == ()
    assert entity_story(articles, "PER:nobody").articles == ()


def _stories_page(articles) -> AppTest:
    Library().save_articles(articles)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90).run()
    return at.switch_page("pages/stories.py").run()


@pytest.mark.usefixtures("fresh_streamlit_caches")
def test_stories_page_follows_an_entity_into_read(articles):
    at = _stories_page(articles)
    assert not at.exception
    assert at.selectbox(key="stories_entity").value == "PER:narendra-modi"
    shown = "\n".join(str(e.value) for kind in ("subheader", "markdown") for e in getattr(at, kind))
    assert "Narendra Modi: 2 articles, 3 events" in shown
    assert "पुल का उद्घाटन" in shown and "लखनऊ में सभा" in shown and "नया समझौता" not in shown
    frame = at.dataframe[0].value
    assert list(frame["when"])[:2] == ["2024-02-12", "2024-02-13"]
    at.selectbox(key="stories_event").set_value(2).run()
    at.button(key="stories_open_event").click().run()
    assert not at.exception
    assert at.session_state["article_id"] == "b-rally"
    assert at.selectbox(key="read_focus").value == 1


@pytest.mark.usefixtures("fresh_streamlit_caches")
def test_stories_page_search_and_escaping(articles):
    at = _stories_page(articles)
    at.radio(key="stories_mode").set_value("A search").run()
    at.text_input(key="stories_query").input("<b>कुछ नहीं</b>").run()
    assert not at.exception
    assert "No article in the library matches." in [i.value for i in at.info]
    at.text_input(key="stories_query").input("समझौते").run()
    shown = "\n".join(str(e.value) for e in at.subheader)
    assert "समझौते: 1 article" in shown
