"""Tests for the Compare page's tables (components/compare_data.py): grid, CSV and summary."""

from __future__ import annotations

import io

import pandas as pd
import streamlit as st

from components.compare_data import (
    bootstrap_rows,
    cached_agreement,
    cached_scores,
    csv_frame,
    grid_frame,
    grid_html,
    summary_frame,
    unique_labels,
)
from khabar.metrics import fidelity
from khabar.model import Translation
from khabar.pipeline import make_article

HINDI = "पहला वाक्य। दूसरा वाक्य 10 अरब का।"
REF = Translation("reference", "Reference", "reference", ("The first sentence.", "The second sentence of 10 billion."))
A = Translation("a", "Same label", "translation", ("First sentence.", None), (None, "timed out"))
B = Translation("b", "Same label", "translation", ("The first one.", "The second, 10 billion."))


def setup_function():
    st.cache_data.clear()


def test_labels_are_unique_and_grid_marks_failures():
    article = make_article(HINDI)
    labels = unique_labels([REF, A, B])
    assert labels == {"reference": "Reference", "a": "Same label", "b": "Same label [b]"}
    grid = grid_frame(article, [REF, A, B], labels)
    assert list(grid.columns) == ["#", "Hindi", "Reference", "Same label", "Same label [b]"]
    assert grid["Same label"].iloc[1] == "⚠ not translated: timed out"


def test_csv_holds_grid_scores_and_agreement():
    article = make_article(HINDI)
    labels = unique_labels([REF, A, B])
    scores = {t.engine: cached_scores(t.texts, REF.texts) for t in (A, B)}
    agree = cached_agreement(("a", "b"), (A.texts, B.texts))
    frame = csv_frame(article, [REF, A, B], scores=scores, agreement_result=agree, labels=labels)
    text = frame.to_csv(index=False)
    back = pd.read_csv(io.StringIO(text))
    assert {"Hindi", "Same label chrF", "Same label [b] TER", "Agreement (mean pairwise chrF)"} <= set(back.columns)
    assert pd.isna(back["Same label chrF"].iloc[1])  # engine a failed there: no score, not zero
    assert back["Same label [b] BLEU"].notna().all()
    report = fidelity(article, {t.engine: t.texts for t in (REF, A, B)})
    summary = summary_frame([REF, A, B], scores=scores, report=report, labels=labels, total=2)
    row = summary.set_index("Name").loc["a"]
    assert row["Translated"] == "1/2" and pd.isna(row["Fidelity %"])  # its only number sits in a failed sentence
    assert summary.set_index("Name").loc["b", "Fidelity %"] == 100.0


def test_bootstrap_rows_name_the_better_engine_or_none():
    rows = bootstrap_rows({"a": A.texts, "b": B.texts}, REF.texts, {"a": "A", "b": "B"}, "chrF", 200)
    assert len(rows) == 1 and rows[0]["Sentences"] == 1
    assert rows[0]["Verdict"] == "too few sentences to test (1)"  # one sentence is no evidence


def test_grid_html_wraps_whole_sentences_and_escapes_every_cell():
    long = "The two countries agreed <b>to</b> raise trade & travel " + "and much more " * 20 + "at the end."
    tricky = Translation("x", "Engine <i>x</i>", "translation", (long, None), (None, "timed out"))
    article = make_article(HINDI)
    labels = unique_labels([REF, tricky])
    grid = grid_frame(article, [REF, tricky], labels)
    grid.insert(2, "Agreement", [37, None])
    page = grid_html(grid)
    assert "<b>" not in page and "<i>" not in page
    assert "&lt;b&gt;to&lt;/b&gt;" in page and "Engine &lt;i&gt;x&lt;/i&gt;" in page and "&amp; travel" in page
    assert "at the end." in page  # the whole sentence, not a truncated cell
    assert "overflow-wrap:anywhere" in page and "table-layout:fixed" in page
    assert page.count("<tr>") == 3  # header and one row per sentence
    assert 'lang="hi"' in page and "पहला वाक्य" in page
    assert "width:37%" in page and "n/a" in page  # agreement as a bar, a missing value said in words
    assert "font-style:italic" in page and "⚠ not translated: timed out" in page
