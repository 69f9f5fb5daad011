"""The HTML renderer: entity marks, escaping of every user-supplied piece, the parallel view."""

from __future__ import annotations

import dataclasses
import re

from khabar.model import ArticleMeta, EntitySpan, Translation
from khabar.pipeline import make_article
from khabar.render import (
    ENTITY_COLOURS,
    ENTITY_LABELS,
    entity_token,
    highlight_html,
    legend_html,
    parallel_html,
)

HOSTILE = '<script>alert("x")</script> रायसी ने <img src=x onerror=alert(1)> कहा।'


def _article_with_entities():
    text = "इब्राहिम रायसी पाकिस्तान गए।\nरायसी ने शहबाज शरीफ से बात की।"
    article = make_article(text, ArticleMeta(title="Test"))
    first, second = article.sentences
    spans = (
        EntitySpan(0, 14, "PER", "इब्राहिम रायसी", sentence=0, entity_id="raisi", canonical="Ebrahim Raisi"),
        EntitySpan(15, 24, "LOC", "पाकिस्तान", sentence=0, entity_id="pak", canonical="Pakistan"),
        EntitySpan(second.start, second.start + 5, "PER", "रायसी", sentence=1, entity_id="raisi"),
    )
    english = Translation("reference", "Reference translation (Khabar editors)", "reference",
                          ("Ebrahim Raisi went to Pakistan.", "Raisi spoke with Shehbaz Sharif."))
    return dataclasses.replace(article, entities=spans).with_translation(english)


def test_every_label_has_a_distinct_colour():
    assert set(ENTITY_LABELS) <= set(ENTITY_COLOURS)
    assert len(set(ENTITY_COLOURS.values())) == len(ENTITY_COLOURS)


def test_highlight_marks_spans_with_colour_and_entity_token():
    text = "इब्राहिम रायसी पाकिस्तान गए।"
    out = highlight_html(text, [{"start": 0, "end": 14, "label": "PER", "entity_id": "raisi"}])
    assert out.startswith("<mark ")
    assert ENTITY_COLOURS["PER"] in out
    assert f'data-entity="{entity_token("raisi")}"' in out
    assert "इब्राहिम रायसी" in out and out.endswith("पाकिस्तान गए।")


def test_highlight_label_filter_and_overlap():
    text = "abcdefghij"
    spans = [
        {"start": 0, "end": 5, "label": "PER", "entity_id": ""},
        {"start": 3, "end": 8, "label": "LOC", "entity_id": ""},  # overlaps the first: dropped
        {"start": 8, "end": 10, "label": "ORG", "entity_id": ""},
        {"start": 9, "end": 30, "label": "ORG", "entity_id": ""},  # past the end: dropped
    ]
    out = highlight_html(text, spans)
    assert out.count("<mark") == 2
    visible = re.sub(r"<[^>]+>", "", re.sub(r'<span class="khabar-label">[^<]*</span>', "", out))
    assert visible == "abcdefghij"
    only_org = highlight_html(text, spans, labels=["ORG"])
    assert only_org.count("<mark") == 1 and 'data-label="ORG"' in only_org


def test_highlight_escapes_text_inside_and_outside_marks():
    start = HOSTILE.index("रायसी")
    span = {"start": 0, "end": start + 5, "label": "PER", "entity_id": '"><script>x</script>'}
    out = highlight_html(HOSTILE, [span])
    assert "<script>" not in out and "<img" not in out
    assert "&lt;script&gt;" in out and "&lt;img src=x onerror=alert(1)&gt;" in out
    # a hostile entity id never reaches an attribute: only its hashed token does
    assert 'data-entity="e' in out and "x</script>" not in out


def test_highlight_escapes_canonical_in_title():
    out = highlight_html("रायसी", [{"start": 0, "end": 5, "label": "PER", "entity_id": "r",
                                    "canonical": '"><img src=x onerror=alert(1)>'}])
    assert "<img" not in out and "&quot;&gt;&lt;img" in out


def test_parallel_html_rows_paragraphs_and_focus():
    article = _article_with_entities()
    out = parallel_html(article, engine="reference", focus=1)
    assert out.count('<tr id="khabar-s') == 2
    assert 'id="khabar-s1" data-sentence="1" class="khabar-para-start khabar-focus" tabindex="0"' in out
    assert "Ebrahim Raisi went to Pakistan." in out
    assert "Reference translation (Khabar editors)" in out
    # the two mentions of Raisi share one token, and hovering one outlines both
    token = entity_token("raisi")
    assert out.split("</style>")[1].count(f'data-entity="{token}"') == 2
    assert f':has(mark[data-entity="{token}"]:hover)' in out
    assert "Noto Sans Devanagari" in out


def test_parallel_html_english_spans_and_label_toggle():
    article = _article_with_entities()
    english = {0: [EntitySpan(0, 13, "PER", "Ebrahim Raisi", sentence=0, entity_id="raisi")]}
    out = parallel_html(article, engine="reference", english_spans=english)
    assert out.split("</style>")[1].count(f'data-entity="{entity_token("raisi")}"') == 3
    no_people = parallel_html(article, engine="reference", english_spans=english, labels=["LOC"])
    assert 'data-label="PER"' not in no_people and 'data-label="LOC"' in no_people


def test_parallel_html_gloss_is_labelled_a_reading_aid_and_failures_show():
    article = make_article("पहला वाक्य। दूसरा वाक्य।")
    gloss = Translation("gloss", "Word-by-word gloss", "gloss", ("first sentence.", None),
                        (None, "no <entry> found"))
    out = parallel_html(article.with_translation(gloss), engine="gloss")
    assert "reading aid" in out and "word-by-word gloss" in out
    assert "no &lt;entry&gt; found" in out


def test_parallel_html_without_translation():
    article = make_article("पहला वाक्य।")
    out = parallel_html(article)
    assert "No translation yet" in out and "पहला वाक्य।" in out


def test_parallel_html_escapes_hostile_article():
    article = make_article(HOSTILE + "\n<b>bold</b> दूसरा।", ArticleMeta(title="<script>t</script>"))
    english = Translation("user", '<img src=x onerror=alert(2)>', "user",
                          tuple('<script>alert("en")</script>' for _ in article.sentences))
    out = parallel_html(article.with_translation(english), engine="user")
    assert "<script>" not in out and "<img" not in out and "<b>" not in out
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in out


def test_legend_in_label_order():
    out = legend_html(["LOC", "PER", "LOC"])
    assert out.index('data-label="PER"') < out.index('data-label="LOC"')
    assert out.count("<mark") == 2


def test_legend_counts_and_hidden_types():
    out = legend_html(["PER", "LOC"], counts={"PER": 3, "LOC": 1}, hidden=["LOC"])
    assert "person (3)" in out and "place (1)" in out
    assert out.count("khabar-off") == 1 and 'khabar-off khabar-loc"' in out
