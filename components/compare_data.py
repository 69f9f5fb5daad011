"""The Compare page's computations, cached on plain values, and the tables built from them."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pandas as pd
import streamlit as st

from khabar.metrics import (
    METRICS,
    Agreement,
    BootstrapResult,
    FidelityReport,
    MetricResult,
    agreement,
    bootstrap_statistics,
    fidelity,
    get_metric,
)
from khabar.model import Article, Translation
from khabar.render import Cell, html_table

Texts = tuple[str | None, ...]

# Words rather than symbols or emoji: the table's canvas font may lack them; colour comes from the styler.
VERDICT_MARKS = {"exact": "yes", "fuzzy": "yes (variant)", "partial": "partly", "missing": "MISSING",
                 "no translation": "no translation"}
_VERDICT_STYLES = {"yes": "background-color:#dcf5e3", "yes (variant)": "background-color:#dcf5e3",
                   "partly": "background-color:#fff3c4", "MISSING": "background-color:#fde2e1;font-weight:bold",
                   "no translation": "color:#888"}


@st.cache_data(show_spinner=False, max_entries=512)
def cached_statistics(hypotheses: Texts, references: Texts, metric: str) -> np.ndarray:
    """Per-sentence sufficient statistics of one system on one metric (the slow part, computed once)."""
    return get_metric(metric).sentence_statistics(hypotheses, references)


def cached_scores(hypotheses: Texts, references: Texts) -> dict[str, MetricResult]:
    """chrF, BLEU and TER of one system against the reference."""
    return {m.name: m.score_statistics(cached_statistics(hypotheses, references, m.name)) for m in METRICS}


@st.cache_data(show_spinner=False, max_entries=256)
def cached_bootstrap(a: Texts, b: Texts, references: Texts, metric: str, samples: int) -> BootstrapResult | None:
    """Paired bootstrap of system a against system b (fixed seed, so a rerun shows the same figures)."""
    return bootstrap_statistics(cached_statistics(a, references, metric), cached_statistics(b, references, metric),
                                metric, samples=samples)


@st.cache_data(show_spinner=False, max_entries=64)
def cached_agreement(names: tuple[str, ...], texts: tuple[Texts, ...]) -> Agreement:
    """Pairwise symmetric chrF between engines, per sentence."""
    return agreement(dict(zip(names, texts, strict=True)))


@st.cache_data(show_spinner=False, max_entries=64)
def cached_fidelity(article_json: str, names: tuple[str, ...], texts: tuple[Texts, ...]) -> FidelityReport:
    """Entity and number fidelity of each engine (the article travels as its JSON text, a plain value)."""
    return fidelity(Article.from_json(article_json), dict(zip(names, texts, strict=True)))


def cell(translation: Translation, index: int) -> str:
    """One sentence of a translation for a table: the text, or why there is none."""
    text = translation.texts[index] if index < len(translation.texts) else None
    if text is not None:
        return text
    error = translation.errors[index] if index < len(translation.errors) else None
    return f"⚠ not translated: {error}" if error else "⚠ not translated"


def unique_labels(translations: list[Translation]) -> dict[str, str]:
    """Engine name -> a label for columns and pickers, unique even where two engines share a label."""
    labels: dict[str, str] = {}
    for translation in translations:
        label = translation.label or translation.engine
        if label in labels.values() or label in ("#", "Hindi", "Agreement"):
            label = f"{label} [{translation.engine}]"
        labels[translation.engine] = label
    return labels


def grid_frame(article: Article, translations: list[Translation], labels: dict[str, str]) -> pd.DataFrame:
    """One row per sentence: its number, the Hindi, then each engine's English."""
    data: dict[str, list] = {"#": [s.index + 1 for s in article.sentences],
                             "Hindi": [s.text for s in article.sentences]}
    for translation in translations:
        data[labels[translation.engine]] = [cell(translation, s.index) for s in article.sentences]
    return pd.DataFrame(data)


_CELL = "padding:.45em .6em;vertical-align:top;border-bottom:1px solid rgba(128,128,128,.25);"
_HEAD = ("padding:.45em .6em;text-align:left;vertical-align:bottom;position:sticky;top:0;z-index:1;"
         "background:rgba(128,128,128,.18);backdrop-filter:blur(6px);-webkit-backdrop-filter:blur(6px);")
AGREEMENT_HELP = "mean pairwise chrF between the engines, 0 to 100; a low value means distrust the English"


def _agreement_cell(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return '<span style="opacity:.6">n/a</span>'
    value = max(0.0, min(100.0, float(value)))
    # A bar as well as the number: the eye finds the short bars (the doubtful sentences) at a glance.
    return (f'<div style="font-variant-numeric:tabular-nums">{value:.0f}</div>'
            '<div style="height:.35em;border-radius:.2em;background:rgba(128,128,128,.25)">'
            f'<div style="height:100%;width:{value:.0f}%;border-radius:.2em;background:#1f77b4"></div></div>')


def grid_html(frame: pd.DataFrame, *, max_height: str = "75vh") -> str:
    """The sentence grid as an HTML table whose cells wrap, every cell escaped, the header kept in view."""
    columns = list(frame.columns)
    text_columns = [c for c in columns if c not in ("#", "Agreement")]
    widths = {"#": "3em", "Agreement": "6.5em"}
    share = f"{100 / max(len(text_columns), 1):.2f}%"
    head = [Cell(text=str(c), style=_HEAD, title=AGREEMENT_HELP if c == "Agreement" else "") for c in columns]
    rows = []
    for record in frame.itertuples(index=False, name=None):
        cells = []
        for column, value in zip(columns, record, strict=True):
            if column == "Agreement":
                cells.append(Cell(markup=_agreement_cell(value), style=_CELL))
                continue
            text = "" if value is None else " ".join(str(value).split())
            style = _CELL + ("white-space:nowrap;opacity:.7;" if column == "#" else
                             "overflow-wrap:anywhere;line-height:1.5;")
            if text.startswith("⚠ not translated"):
                style += "font-style:italic;opacity:.7;"
            cells.append(Cell(text=text, style=style, lang="hi" if column == "Hindi" else ""))
        rows.append(cells)
    table = html_table(head, rows, css_class="khabar-grid", colgroup=[f"width:{widths.get(c, share)}" for c in columns],
                       style="width:100%;border-collapse:collapse;table-layout:fixed;font-size:.92em")
    return (f'<div style="max-height:{max_height};overflow:auto;border:1px solid rgba(128,128,128,.3);'
            f'border-radius:.4em">{table}</div>')


def scores_frame(results: dict[str, dict[str, MetricResult]], labels: dict[str, str], total: int) -> pd.DataFrame:
    """One row per engine: corpus chrF, BLEU, TER and how many sentences were scored."""
    rows = []
    for engine, by_metric in results.items():
        row = {"Engine": labels[engine]}
        for metric in METRICS:
            result = by_metric[metric.name]
            row[metric.name + ("" if metric.higher_is_better else " (lower is better)")] = (
                round(result.corpus, 1) if result.corpus is not None else None)
        row["Sentences scored"] = f"{by_metric[METRICS[0].name].scored}/{total}"
        rows.append(row)
    return pd.DataFrame(rows)


def sentence_scores_frame(results: dict[str, dict[str, MetricResult]], labels: dict[str, str], metric: str,
                          count: int) -> pd.DataFrame:
    """One row per sentence, one column per engine: that sentence's score on ``metric``."""
    data: dict[str, list] = {"#": list(range(1, count + 1))}
    for engine, by_metric in results.items():
        data[labels[engine]] = [round(v, 1) if v is not None else None for v in by_metric[metric].sentences]
    return pd.DataFrame(data)


def bootstrap_rows(systems: dict[str, Texts], references: Texts, labels: dict[str, str], metric: str,
                   samples: int) -> list[dict]:
    """Every pair of systems tested against each other on ``metric`` against the reference."""
    rows = []
    for a, b in itertools.combinations(systems, 2):
        result = cached_bootstrap(systems[a], systems[b], references, metric, samples)
        if result is None:
            rows.append({"A": labels[a], "B": labels[b], "Verdict": "no sentence that both and the reference have"})
            continue
        if not result.testable:
            verdict = f"too few sentences to test ({result.sentences})"
        elif result.better == "a":
            verdict = f"{labels[a]} is better (significant)"
        elif result.better == "b":
            verdict = f"{labels[b]} is better (significant)"
        else:
            verdict = "no significant difference"
        rows.append({
            "A": labels[a], "B": labels[b], f"A {metric}": round(result.score_a, 1),
            f"B {metric}": round(result.score_b, 1), "A − B": round(result.difference, 2),
            "95% interval": f"[{result.ci_low:.2f}, {result.ci_high:.2f}]", "p-value": round(result.p_value, 4),
            "Sentences": result.sentences, "Verdict": verdict,
        })
    return rows


def fidelity_frame(report: FidelityReport, labels: dict[str, str]) -> pd.DataFrame:
    """The fidelity table: one row per name or number in the Hindi, one verdict column per engine."""
    rows = []
    for row in report.rows():
        out = {"#": row["sentence"], "Kind": row["kind"], "Label": row["label"], "Hindi": row["hindi"],
               "Expected in English": row["expected"]}
        for engine in report.engines:
            out[labels[engine]] = VERDICT_MARKS.get(row[engine], row[engine])
        rows.append(out)
    return pd.DataFrame(rows)


def style_verdicts(frame: pd.DataFrame, engine_columns: list[str]):
    """The fidelity table coloured by verdict: green carried, amber partly, red missing."""
    return frame.style.map(lambda value: _VERDICT_STYLES.get(value, ""), subset=engine_columns)


def csv_frame(article: Article, translations: list[Translation], *,
              scores: dict[str, dict[str, MetricResult]] | None, agreement_result: Agreement | None,
              labels: dict[str, str]) -> pd.DataFrame:
    """The grid with each sentence's scores beside it, for download."""
    frame = grid_frame(article, translations, labels)
    for engine, by_metric in (scores or {}).items():
        for name, result in by_metric.items():
            frame[f"{labels[engine]} {name}"] = [round(v, 2) if v is not None else None for v in result.sentences]
    if agreement_result is not None:
        frame["Agreement (mean pairwise chrF)"] = [round(v, 2) if v is not None else None
                                                   for v in agreement_result.by_sentence]
    return frame


def summary_frame(translations: list[Translation], *, scores: dict[str, dict[str, MetricResult]] | None,
                  report: FidelityReport | None, labels: dict[str, str], total: int) -> pd.DataFrame:
    """One row per engine: its corpus scores (with a reference) and its fidelity score."""
    rows = []
    for translation in translations:
        row = {"Engine": labels[translation.engine], "Name": translation.engine, "Kind": translation.kind,
               "Translated": f"{total - translation.failed}/{total}"}
        for name, result in ((scores or {}).get(translation.engine) or {}).items():
            row[name] = round(result.corpus, 2) if result.corpus is not None else None
        if report is not None and translation.engine in report.scores:
            value = report.scores[translation.engine]
            row["Fidelity %"] = round(value, 1) if value is not None else None
        rows.append(row)
    return pd.DataFrame(rows)
