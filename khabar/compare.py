"""Compare: the assembly of several engines' English for one article, and the tables and HTML the Compare page
shows (no Streamlit here; the page calls these through cached wrappers in ``components/compare_data.py``).

A stored translation may predate a re-split of the article, so each is aligned to one entry per sentence; an
engine run that failed on every sentence is dropped rather than stored as if it had run.
"""

from __future__ import annotations

import dataclasses
import html
import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from khabar.diff import diff_html, diff_ratio, word_diff
from khabar.metrics import METRICS, Agreement, BootstrapResult, FidelityReport, MetricResult
from khabar.model import Article, Translation, TranslationKind
from khabar.pipeline import Progress, no_progress, translate
from khabar.render import Cell, html_table
from khabar.translate.base import run_outcome

Texts = tuple[str | None, ...]

USER_ENGINE, USER_LABEL = "user", "My translation"
NO_ENGLISH = "no English stored for this sentence"
NOT_WRITTEN = "not written yet"

# Words rather than symbols or emoji: the table's canvas font may lack them; colour comes from the styler.
VERDICT_MARKS = {"exact": "yes", "fuzzy": "yes (variant)", "partial": "partly", "missing": "MISSING",
                 "no translation": "no translation"}
VERDICT_STYLES = {"yes": "background-color:#dcf5e3", "yes (variant)": "background-color:#dcf5e3",
                  "partly": "background-color:#fff3c4", "MISSING": "background-color:#fde2e1;font-weight:bold",
                  "no translation": "color:#888"}


# Engines ----------------------------------------------------------------------------------------------------

def translation_choice_label(translation: Translation) -> str:
    """How a translation is named in pickers, saying what kind of English it is."""
    kind = translation.translation_kind
    if kind is TranslationKind.GLOSS:
        suffix = "" if "reading aid" in translation.label.lower() else " (reading aid, not a translation)"
    else:
        suffix = {TranslationKind.REFERENCE: " (human)", TranslationKind.USER: " (yours)"}.get(kind, " (machine)")
    if translation.texts and translation.failed == len(translation.texts):
        failed = " · failed on every sentence"
    else:
        failed = f" · {translation.failed} failed" if translation.failed else ""
    return f"{translation.label}{suffix}{failed}"


@dataclass(frozen=True)
class EngineOption:
    """One engine the reader can tick: stored with the article, or runnable here (or neither, and why)."""

    name: str
    label: str
    enabled: bool
    reason: str
    stored: bool


def engine_options(article: Article, registry_rows: Sequence[dict]) -> list[EngineOption]:
    """The article's translations (best first), then every registered engine it has none from; a reference is
    never offered to run (references are stored with an article, not computed)."""
    options = [EngineOption(t.engine, translation_choice_label(t), True, "", True) for t in article.ranked_translations()]
    have = {t.engine for t in article.translations}
    for row in registry_rows:
        if row["name"] in have or row["name"] == "reference":
            continue
        where = "online: sends the Hindi to the provider" if row["online"] else "offline: runs on this machine"
        reason = row["reason"] if not row["available"] else "; ".join(filter(None, (where, row["reason"])))
        options.append(EngineOption(row["name"], row["label"], bool(row["available"]), reason, False))
    return options


def runnable_translators(registry_rows: Sequence[dict], have: Sequence[str] = ()) -> tuple[dict[str, str], list[str]]:
    """(available translators not in ``have``: name -> label, online ones saying so; "label: why not" for the
    unavailable ones). A reference is never offered: it exists only for the articles it was written for."""
    labels: dict[str, str] = {}
    unavailable: list[str] = []
    for row in registry_rows:
        if row["name"] in have or row["name"] == "reference":
            continue
        if row["available"]:
            labels[row["name"]] = row["label"] + (" (online)" if row["online"] else "")
        else:
            unavailable.append(f"{row['label']}: {row['reason']}")
    return labels, unavailable


def addable_engines(article: Article, registry_rows: Sequence[dict]) -> dict[str, str]:
    """Available translators this article has no English from yet: name -> label (online ones say so)."""
    return runnable_translators(registry_rows, [t.engine for t in article.translations])[0]


@dataclass(frozen=True)
class RunPlan:
    """Which ticked engines to run: those the article has no English from, and those to retry."""

    missing: tuple[str, ...]
    retry: tuple[str, ...]

    @property
    def engines(self) -> tuple[str, ...]:
        """Every engine to run, the new ones first."""
        return self.missing + self.retry


def run_plan(article: Article, selected: Sequence[str], runnable: set[str]) -> RunPlan:
    """The engines to run for ``selected``; sentences an engine failed on are not cached, so a retry asks only
    for those."""
    have = {t.engine: t for t in article.translations}
    return RunPlan(tuple(n for n in selected if n not in have),
                   tuple(n for n in selected if n in have and have[n].failed and n in runnable))


def run_label(plan: RunPlan, labels: dict[str, str], have_labels: dict[str, str]) -> str:
    """The button's words for ``plan`` ("Translate with Gloss; retry the failed sentences of Google")."""
    wording = []
    if plan.missing:
        wording.append("Translate with " + ", ".join(labels[n] for n in plan.missing))
    if plan.retry:
        wording.append("retry the failed sentences of " + ", ".join(have_labels[n] for n in plan.retry))
    text = "; ".join(wording)
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class EngineRun:
    """An article after running some engines: the translations worth keeping, and what went wrong."""

    article: Article
    kept: tuple[Translation, ...]
    problems: tuple[str, ...]


def run_engines(article: Article, names: Sequence[str], *, cache=None, progress: Progress = no_progress
                ) -> EngineRun:
    """Translate ``article`` with ``names``; a run that failed on every sentence is dropped (storing it would
    list an engine with no English as if it had run) and says why, a partial one is kept and says how much."""
    before = len(article.notes)
    result = translate(article, names, cache=cache, progress=progress)
    # The pipeline's own "failed on N of M" notes are replaced by run_outcome's fuller lines.
    problems = [n for n in result.notes[before:] if " failed on " not in n]
    kept = []
    for name in names:
        translation = result.translation(name)
        if translation is None:
            continue
        outcome = run_outcome(translation)
        if outcome.failed:
            problems.append(outcome.message)
            result = dataclasses.replace(
                result, translations=tuple(t for t in result.translations if t.engine != name))
            continue
        if outcome.state == "partial":
            problems.append(outcome.message)
        kept.append(translation)
    return EngineRun(result, tuple(kept), tuple(problems))


def run_summary(saved: Sequence[str], problems: Sequence[str]) -> str:
    """One line for the end of a run: which engines' English was saved, and whether something failed."""
    if not saved:
        return "No engine could translate this article"
    if problems:
        return f"Translated with {', '.join(saved)}, with failures (see below)"
    return f"Translated with {', '.join(saved)}"


# Assembly ---------------------------------------------------------------------------------------------------

def aligned(translation: Translation, count: int) -> Translation:
    """The translation with exactly one entry per sentence (a stored one may predate a re-split)."""
    if len(translation.texts) == count:
        return translation
    texts = (tuple(translation.texts) + (None,) * count)[:count]
    errors = (tuple(translation.errors) + (NO_ENGLISH,) * count)[:count]
    return dataclasses.replace(translation, texts=texts, errors=errors)


def aligned_translations(article: Article) -> dict[str, Translation]:
    """Engine name -> its translation aligned to the article's sentences."""
    return {t.engine: aligned(t, len(article.sentences)) for t in article.translations}


def chosen_translations(article: Article, selected: Sequence[str]) -> list[Translation]:
    """The ticked engines' translations, best first, aligned to the sentences."""
    have = aligned_translations(article)
    return [have[t.engine] for t in article.ranked_translations() if t.engine in selected]


def reference_candidates(chosen: Sequence[Translation]) -> tuple[list[str], str | None]:
    """(engines that can serve as the reference, the default one: the editors' reference where ticked)."""
    references = [t.engine for t in chosen if t.translation_kind.is_reference]
    default = next((t.engine for t in chosen if t.translation_kind is TranslationKind.REFERENCE), None)
    return references, default


def least_agreement(result: Agreement, count: int = 3) -> list[tuple[float, int]]:
    """The ``count`` sentences the engines agree on least: (agreement, sentence index), lowest first."""
    return sorted((v, i) for i, v in enumerate(result.by_sentence) if v is not None)[:count]


def diff_blocks(article: Article, first: Translation, second: Translation, labels: dict[str, str], *,
                only_changed: bool = False, ignore_case: bool = False) -> str:
    """HTML of the word differences of two aligned translations, sentence by sentence, every text escaped
    ("" where nothing differs and ``only_changed``)."""
    blocks = []
    for sentence in article.sentences:
        a_text, b_text = first.texts[sentence.index], second.texts[sentence.index]
        pieces = word_diff(a_text, b_text, ignore_case=ignore_case)
        if only_changed and all(op == "equal" for op, _ in pieces):
            continue
        missing_note = ""
        if a_text is None or b_text is None:
            absent = labels[first.engine] if a_text is None else labels[second.engine]
            missing_note = f' <em>({html.escape(absent)} has no English here)</em>'
        blocks.append(
            f'<div style="margin:0 0 .7em 0"><div style="color:#666;font-size:.85em">{sentence.index + 1}. '
            f'{html.escape(sentence.text)} · {diff_ratio(a_text, b_text):.0%} words shared{missing_note}'
            f'</div><div>{diff_html(pieces)}</div></div>')
    return "".join(blocks)


# My translation ---------------------------------------------------------------------------------------------

def starting_points(article: Article) -> list[Translation]:
    """Translations to start one's own English from: machine ones first (starting from the reference would make
    "your" English the reference's), the user's own where there is nothing else."""
    have = aligned_translations(article)
    sources = sorted((have[t.engine] for t in article.ranked_translations() if t.engine != USER_ENGINE),
                     key=lambda t: t.translation_kind is TranslationKind.REFERENCE)
    return sources or ([have[USER_ENGINE]] if USER_ENGINE in have else [])


def initial_english(mine: Translation | None, start: Translation | None, index: int) -> str:
    """The text the editor opens with for sentence ``index``: the user's own, else the starting engine's."""
    if mine is not None and mine.texts[index] is not None:
        return mine.texts[index]
    return (start.texts[index] if start is not None else None) or ""


def with_sentence(mine: Translation | None, start: Translation | None, count: int, index: int, text: str
                  ) -> Translation:
    """The user's translation with sentence ``index`` set to ``text`` (blank: not written); the first save copies
    the starting engine's English for the other sentences."""
    if mine is not None:
        texts, errors, note = list(mine.texts), list(mine.errors), mine.note
    elif start is not None:
        texts, errors, note = list(start.texts), list(start.errors), f"Started from {start.label}"
    else:
        texts, errors, note = [None] * count, [NOT_WRITTEN] * count, ""
    texts[index] = text.strip() or None
    errors[index] = None if texts[index] is not None else NOT_WRITTEN
    return Translation(USER_ENGINE, USER_LABEL, TranslationKind.USER.value, tuple(texts), tuple(errors), note)


# Tables -----------------------------------------------------------------------------------------------------

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


def grid_frame(article: Article, translations: list[Translation], labels: dict[str, str],
               agreement_result: Agreement | None = None) -> pd.DataFrame:
    """One row per sentence: its number, the Hindi, the engines' agreement (given one), then each engine's English."""
    data: dict[str, list] = {"#": [s.index + 1 for s in article.sentences],
                             "Hindi": [s.text for s in article.sentences]}
    if agreement_result is not None:
        data["Agreement"] = [round(v) if v is not None else None for v in agreement_result.by_sentence]
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


def system_pairs(names: Sequence[str]) -> list[tuple[str, str]]:
    """Every pair of systems, each once, in the order given (the bootstrap tests each pair)."""
    return list(itertools.combinations(names, 2))


def bootstrap_rows(results: Sequence[tuple[str, str, BootstrapResult | None]], labels: dict[str, str],
                   metric: str) -> list[dict]:
    """One row per tested pair (a, b, its bootstrap result on ``metric`` against the reference), with a verdict."""
    rows = []
    for a, b, result in results:
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
    return frame.style.map(lambda value: VERDICT_STYLES.get(value, ""), subset=engine_columns)


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
