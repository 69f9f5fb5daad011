"""khabar.compare: the assembly of engines' English for the Compare page and its tables (cached wrappers in
components/compare_data.py)."""

from __future__ import annotations

import dataclasses
import io

import pandas as pd
import streamlit as st

from components.compare_data import cached_agreement, cached_bootstrap_rows, cached_scores
from khabar import compare
from khabar.compare import (
    USER_ENGINE,
    aligned,
    bootstrap_rows,
    chosen_translations,
    csv_frame,
    diff_blocks,
    engine_options,
    grid_frame,
    grid_html,
    initial_english,
    least_agreement,
    reference_candidates,
    run_label,
    run_plan,
    run_summary,
    starting_points,
    summary_frame,
    unique_labels,
    with_sentence,
)
from khabar.metrics import BootstrapResult, agreement, fidelity
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
    rows = cached_bootstrap_rows({"a": A.texts, "b": B.texts}, REF.texts, {"a": "A", "b": "B"}, "chrF", 200)
    assert len(rows) == 1 and rows[0]["Sentences"] == 1
    assert rows[0]["Verdict"] == "too few sentences to test (1)"  # one sentence is no evidence


def test_grid_html_wraps_whole_sentences_and_escapes_every_cell():
    long = "The two countries agreed <b>to</b> raise trade & travel " + "and much more " * 20 + "at the end."
    tricky = Translation("x", "Engine <i>x</i>", "translation", (long, None), (None, "timed out"))
    article = make_article(HINDI)
    labels = unique_labels([REF, tricky])
    grid = grid_frame(article, [REF, tricky], labels)
    grid.insert(2, "Agreement", [37, None])
    assert list(grid_frame(article, [REF], labels, agreement({"r": REF.texts, "x": tricky.texts})).columns) == [
        "#", "Hindi", "Agreement", "Reference"]
    page = grid_html(grid)
    assert "<b>" not in page and "<i>" not in page
    assert "&lt;b&gt;to&lt;/b&gt;" in page and "Engine &lt;i&gt;x&lt;/i&gt;" in page and "&amp; travel" in page
    assert "at the end." in page  # the whole sentence, not a truncated cell
    assert "overflow-wrap:anywhere" in page and "table-layout:fixed" in page
    assert page.count("<tr>") == 3  # header and one row per sentence
    assert 'lang="hi"' in page and "पहला वाक्य" in page
    assert "width:37%" in page and "n/a" in page  # agreement as a bar, a missing value said in words
    assert "font-style:italic" in page and "⚠ not translated: timed out" in page


def _bootstrap(difference: float, p_value: float = 0.01234, sentences: int = 40) -> BootstrapResult:
    return BootstrapResult(metric="chrF", score_a=61.234, score_b=61.234 - difference, difference=difference,
                           ci_low=1.0, ci_high=9.5, p_value=p_value, sentences=sentences, samples=1000)


def test_bootstrap_verdicts_in_words():
    labels = {"a": "Alpha", "b": "Beta", "c": "Gamma"}
    rows = bootstrap_rows([("a", "b", _bootstrap(6.234)), ("a", "c", _bootstrap(-3.0)), ("b", "c", _bootstrap(1, 0.4)),
                           ("a", "c", _bootstrap(1, sentences=2)), ("a", "b", None)], labels, "chrF")
    assert [r["Verdict"] for r in rows] == ["Alpha is better (significant)", "Gamma is better (significant)",
                                            "no significant difference", "too few sentences to test (2)",
                                            "no sentence that both and the reference have"]
    assert rows[0]["A chrF"] == 61.2 and rows[0]["95% interval"] == "[1.00, 9.50]" and rows[0]["p-value"] == 0.0123
    assert compare.system_pairs(["a", "b", "c"]) == [("a", "b"), ("a", "c"), ("b", "c")]


ROWS = [
    {"name": "reference", "label": "Reference", "available": False, "online": False, "reason": "stored only"},
    {"name": "a", "label": "Same label", "available": True, "online": False, "reason": ""},
    {"name": "google", "label": "Google", "available": True, "online": True, "reason": ""},
    {"name": "argos", "label": "Argos", "available": False, "online": False, "reason": "not installed"},
]


def test_engine_options_list_stored_english_first_then_what_can_run_and_why_not():
    article = dataclasses.replace(make_article(HINDI), translations=(A, REF))
    options = engine_options(article, ROWS)
    assert [o.name for o in options] == ["reference", "a", "google", "argos"]  # the reference ranks first
    assert options[0].stored and options[0].label == "Reference (human)"
    assert options[1].label == "Same label (machine) · 1 failed"
    google, argos = options[2], options[3]
    assert google.enabled and not google.stored and google.reason == "online: sends the Hindi to the provider"
    assert not argos.enabled and argos.reason == "not installed"
    plain = engine_options(make_article(HINDI), ROWS)
    assert "reference" not in [o.name for o in plain]  # a reference is stored with an article, never run
    assert compare.addable_engines(article, ROWS) == {"google": "Google (online)"}


def test_run_plan_runs_new_engines_and_retries_failed_sentences_of_runnable_ones():
    article = dataclasses.replace(make_article(HINDI), translations=(A, B))
    plan = run_plan(article, ["a", "b", "google"], runnable={"a", "google"})
    assert plan.missing == ("google",) and plan.retry == ("a",) and plan.engines == ("google", "a")
    assert run_plan(article, ["a"], runnable=set()).engines == ()  # a stored engine that cannot run here
    assert run_label(plan, {"google": "Google"}, {"a": "Same label"}) == (
        "Translate with Google; retry the failed sentences of Same label")
    assert run_label(compare.RunPlan((), ("a",)), {}, {"a": "A"}) == "Retry the failed sentences of A"
    assert run_summary([], ["x"]) == "No engine could translate this article"
    assert run_summary(["Gloss"], ["x"]) == "Translated with Gloss, with failures (see below)"
    assert run_summary(["Gloss", "Google"], []) == "Translated with Gloss, Google"


def test_run_engines_keeps_a_run_and_drops_one_that_failed_everywhere():
    article = make_article(HINDI)
    run = compare.run_engines(article, ["gloss", "no-such-engine"])
    assert [t.engine for t in run.kept] == ["gloss"] and run.article.translation("gloss") is not None
    assert len(run.problems) == 1 and "no-such-engine" in run.problems[0]


def test_run_engines_drops_an_engine_that_translated_nothing(monkeypatch):
    article = make_article(HINDI)
    failed = Translation("x", "X", "translation", (None, None), ("down", "down"))
    monkeypatch.setattr(compare, "translate", lambda a, names, **_: a.with_translation(failed))
    run = compare.run_engines(article, ["x"])
    assert run.kept == () and run.article.translation("x") is None
    assert run.problems == ("X could not translate any of the 2 sentences: down",)


def test_translations_are_aligned_to_the_sentences_and_chosen_best_first():
    short = Translation("s", "Short", "translation", ("Only one.",))
    long = Translation("l", "Long", "translation", ("One.", "Two.", "Three."))
    assert aligned(short, 2).texts == ("Only one.", None)
    assert aligned(short, 2).errors[1] == compare.NO_ENGLISH
    assert aligned(long, 2).texts == ("One.", "Two.")
    article = dataclasses.replace(make_article(HINDI), translations=(short, REF, B))
    assert [t.engine for t in chosen_translations(article, ["s", "reference"])] == ["reference", "s"]
    assert all(len(t.texts) == 2 for t in chosen_translations(article, ["s", "reference", "b"]))
    user = Translation(USER_ENGINE, "My translation", "user", ("Mine.", None))
    assert reference_candidates([B, user, REF]) == (["user", "reference"], "reference")
    assert reference_candidates([B, user]) == (["user"], None)


def test_least_agreement_is_lowest_first_and_skips_sentences_without_english():
    result = agreement({"a": ("Alpha.", "Beta gamma.", None, "Same."), "b": ("Alpha.", "Delta.", "X.", "Same.")})
    ranked = least_agreement(result, 2)
    assert [i for _, i in ranked] == [1, 0] and ranked[0][0] < ranked[1][0]


def test_diff_blocks_escape_the_text_and_say_which_engine_has_no_english():
    article = make_article(HINDI)
    first = Translation("a", "A <b>", "translation", ("Same <i>words</i>.", None), (None, "down"))
    second = Translation("b", "B", "translation", ("Same <i>words</i>.", "The second."))
    labels = unique_labels([first, second])
    page = diff_blocks(article, first, second, labels)
    assert "<i>" not in page and "&lt;i&gt;" in page and "(A &lt;b&gt; has no English here)" in page
    assert page.count('<div style="margin') == 2
    changed = diff_blocks(article, first, second, labels, only_changed=True)
    assert changed.count('<div style="margin') == 1 and "दूसरा" in changed
    assert diff_blocks(article, second, second, labels, only_changed=True) == ""


def test_my_translation_starts_from_a_machine_and_keeps_each_saved_sentence():
    article = dataclasses.replace(make_article(HINDI), translations=(REF, B))
    assert [t.engine for t in starting_points(article)] == ["b", "reference"]  # never the reference first
    first = with_sentence(None, B, 2, 0, "  My first.  ")
    assert first.engine == USER_ENGINE and first.texts == ("My first.", "The second, 10 billion.")
    assert first.note == "Started from Same label"
    blank = with_sentence(first, None, 2, 1, "   ")
    assert blank.texts == ("My first.", None) and blank.errors[1] == compare.NOT_WRITTEN
    assert initial_english(blank, B, 0) == "My first." and initial_english(blank, B, 1) == "The second, 10 billion."
    assert with_sentence(None, None, 2, 1, "Two.").texts == (None, "Two.")
