"""Compare: several engines' English side by side, scored against a reference or against each other."""

from __future__ import annotations

import streamlit as st

from components.compare_data import (
    cached_agreement,
    cached_bootstrap_rows,
    cached_fidelity,
    cached_scores,
)
from components.navigation import ensure_router
from components.state import get_library, open_article_or_stop
from components.text import md_escape, plural
from khabar.compare import (
    AGREEMENT_HELP,
    USER_ENGINE,
    USER_LABEL,
    aligned_translations,
    chosen_translations,
    csv_frame,
    diff_blocks,
    engine_options,
    fidelity_frame,
    grid_frame,
    grid_html,
    initial_english,
    least_agreement,
    reference_candidates,
    run_engines,
    run_label,
    run_plan,
    run_summary,
    scores_frame,
    sentence_scores_frame,
    starting_points,
    style_verdicts,
    summary_frame,
    unique_labels,
    with_sentence,
)
from khabar.compare_charts import agreement_heatmap, engine_matrix_heatmap
from khabar.engines import translators
from khabar.hygiene import csv_bytes
from khabar.metrics import METRICS
from khabar.store import LibraryError

ensure_router()

NO_REFERENCE = "__none__"
BOOTSTRAP_SAMPLES = 1000

st.title("Compare translations", anchor=False)

article = open_article_or_stop(library_link=False)  # the page also runs outside the router (its tests)
if not article.sentences:
    st.info("This article has no sentences to compare.")
    st.stop()

library = get_library()
st.caption(md_escape(article.meta.title or "Untitled article") + " · " + plural(len(article.sentences), "sentence"))


# Engines ----------------------------------------------------------------------------------------------------

registry_rows = translators().describe()
options = engine_options(article, registry_rows)
has_reference = any(t.kind == "reference" for t in article.translations)

st.subheader("Engines", anchor=False)
st.caption("Tick the engines to compare. Greyed engines cannot run here; the line under each says why.")
if not has_reference:
    st.caption("This article has no reference translation. Write your own English under **My translation** "
               "(the last tab below) to score the engines against it.")
picker = st.columns(3)
selected: list[str] = []
for number, option in enumerate(options):
    key = f"compare_engine_{option.name}"
    if key not in st.session_state:
        st.session_state[key] = option.stored
    with picker[number % 3]:
        label = option.label + ("" if option.stored else " (not run yet)")
        ticked = st.checkbox(md_escape(label), key=key, disabled=not option.enabled,
                             help=md_escape(option.reason) if option.reason else None)
        if not option.enabled:
            st.caption(f"Unavailable: {md_escape(option.reason)}")
    if ticked and option.enabled:
        selected.append(option.name)

runnable = {row["name"] for row in registry_rows if row["available"]}
plan = run_plan(article, selected, runnable)
if plan.engines:
    button = run_label(plan, {o.name: o.label for o in options}, {t.engine: t.label for t in article.translations})
    if st.button(md_escape(button), key="compare_run", type="primary"):
        with st.status("Translating…", expanded=True) as status:
            bar = st.progress(0.0, text="Starting")

            def report(stage: str, fraction: float, message: str) -> None:
                bar.progress(min(max(fraction, 0.0), 1.0), text=md_escape(message))

            run = run_engines(article, plan.engines, cache=library, progress=report)
            saved, problems = [], list(run.problems)
            for translation in run.kept:
                try:
                    library.save_translation(article.id, translation)
                    saved.append(translation.label)
                except LibraryError as error:  # the English is still shown; only keeping it failed
                    problems.append(f"{translation.label} could not be saved: {error}")
            for problem in problems:
                st.warning(md_escape(problem))
            status.update(label=md_escape(run_summary(saved, problems)), state="error" if not saved else "complete",
                          expanded=bool(problems))
        article = run.article


total = len(article.sentences)
have = aligned_translations(article)
chosen = chosen_translations(article, selected)
if not chosen:
    st.info("Tick at least one engine that has English for this article (or run one above).")
    st.stop()
labels = unique_labels(list(article.translations))
hindi = [s.text for s in article.sentences]

references, default_reference = reference_candidates(chosen)
reference_choices = [NO_REFERENCE, *references]
if st.session_state.get("compare_reference") not in reference_choices:
    st.session_state["compare_reference"] = default_reference or NO_REFERENCE
reference_name = st.selectbox(
    "Reference for scoring", reference_choices, key="compare_reference",
    format_func=lambda n: "None: compare the engines with each other" if n == NO_REFERENCE else labels[n],
    help="A human translation the others are scored against. Without one, the engines are compared with "
         "each other.",
)
reference = have.get(reference_name) if reference_name != NO_REFERENCE else None
systems = [t for t in chosen if reference is None or t.engine != reference.engine]

# Computations (cached on plain values) ----------------------------------------------------------------------

with st.spinner("Scoring the translations…"):
    scores = ({t.engine: cached_scores(t.texts, reference.texts) for t in systems} if reference is not None
              else None)
    agreement_result = (cached_agreement(tuple(t.engine for t in systems), tuple(t.texts for t in systems))
                        if len(systems) >= 2 else None)
    fidelity_report = cached_fidelity(article.to_json(), tuple(t.engine for t in chosen),
                                      tuple(t.texts for t in chosen))

tabs = st.tabs(["Sentences", "Differences", "Scores" if reference is not None else "Agreement",
                "Names & numbers", "My translation"])

with tabs[0]:
    grid = grid_frame(article, chosen, labels, agreement_result)
    if agreement_result is not None:
        st.caption(f"Agreement: {AGREEMENT_HELP}.")
    # An HTML table rather than st.dataframe: its cells wrap, so a long sentence can be read whole.
    st.html(grid_html(grid))
    failed = [t for t in chosen if t.failed]
    for translation in failed:
        st.warning(f"{md_escape(labels[translation.engine])} has no English for {translation.failed} of "
                   f"{plural(total, 'sentence')}; those sentences are left out of its scores.")
    downloads = st.columns(2)
    downloads[0].download_button(
        "Download grid and sentence scores (CSV)",
        csv_bytes(csv_frame(article, chosen, scores=scores, agreement_result=agreement_result, labels=labels)),
        file_name=f"khabar-compare-{article.id}.csv", mime="text/csv", key="compare_csv")
    downloads[1].download_button(
        "Download engine scores (CSV)",
        csv_bytes(summary_frame(chosen, scores=scores, report=fidelity_report, labels=labels, total=total)),
        file_name=f"khabar-compare-{article.id}-engines.csv", mime="text/csv", key="compare_csv_engines")

with tabs[1]:
    if len(chosen) < 2:
        st.info("Tick two engines (or an engine and the reference) to see their differences.")
    else:
        names = [t.engine for t in chosen]
        default_b = reference.engine if reference is not None else names[1]
        default_a = next(n for n in names if n != default_b)
        pick = st.columns(3)
        diff_a = pick[0].selectbox("From", names, index=names.index(default_a), key="compare_diff_a",
                                   format_func=labels.get)
        diff_b = pick[1].selectbox("To", names, index=names.index(default_b), key="compare_diff_b",
                                   format_func=labels.get)
        only_changed = pick[2].checkbox("Only sentences that differ", value=False, key="compare_diff_changed")
        ignore_case = pick[2].checkbox("Ignore case", value=False, key="compare_diff_case")
        st.caption("Struck-through red words are only in the first; green words only in the second.")
        blocks = diff_blocks(article, have[diff_a], have[diff_b], labels, only_changed=only_changed,
                             ignore_case=ignore_case)
        if blocks:
            # st.html, not st.markdown: Markdown in the (escaped) text would still become images and links.
            st.html(blocks)
        else:
            st.success("The two translations say the same thing word for word.")

with tabs[2]:
    if reference is not None:
        if not systems:
            st.info("Tick at least one engine besides the reference to score it.")
        else:
            st.markdown(f"Scored against **{md_escape(labels[reference.engine])}**. chrF and BLEU: higher is "
                        "closer to the reference; TER: the share of words to edit, lower is better.")
            st.dataframe(scores_frame(scores, labels, total), hide_index=True, width="stretch",
                         key="compare_scores")
            metric = st.radio("Per-sentence metric", [m.name for m in METRICS], horizontal=True,
                              key="compare_metric")
            st.dataframe(sentence_scores_frame(scores, labels, metric, total), hide_index=True, width="stretch",
                         key="compare_sentence_scores")
            if len(systems) >= 2:
                st.markdown("**Is the difference real?** Paired bootstrap resampling "
                            f"({BOOTSTRAP_SAMPLES} resamples of the sentences, fixed seed, 95% level).")
                rows = cached_bootstrap_rows({t.engine: t.texts for t in systems}, reference.texts, labels, metric,
                                             BOOTSTRAP_SAMPLES)
                st.dataframe(rows, hide_index=True, width="stretch", key="compare_bootstrap")
                if total < 30:
                    st.caption(f"With just {plural(total, 'sentence')}, only large differences can show as significant.")
    if agreement_result is not None:
        if reference is not None:
            st.divider()
        st.markdown("Where the engines disagree, at least one of them is wrong: read those sentences in the "
                    "Hindi before trusting the English.")
        st.plotly_chart(agreement_heatmap(agreement_result, hindi, labels), key="compare_heatmap")
        st.plotly_chart(engine_matrix_heatmap(agreement_result, labels), key="compare_matrix")
        ranked = least_agreement(agreement_result)
        if ranked:
            st.markdown("**Least agreement**")
            for value, index in ranked:
                st.markdown(f"- {index + 1}. {md_escape(hindi[index])} · agreement {value:.0f}")
    elif reference is None:
        st.info("Tick two or more engines to see where they agree, or choose a reference to score them.")

with tabs[3]:
    if not fidelity_report.items:
        st.info("No names or numbers were found in the Hindi"
                + ("" if article.entities else " (this article has no entity analysis yet)") + ".")
    else:
        st.markdown("For each name and number in the Hindi: does the engine's English carry it? A surname "
                    "alone counts as carrying a name; 10 billion, 10,000,000,000 and $10 billion all carry "
                    "10 अरब.")
        metric_columns = st.columns(min(len(chosen), 4))
        for number, translation in enumerate(chosen):
            value = fidelity_report.scores[translation.engine]
            checked = fidelity_report.checked[translation.engine]
            metric_columns[number % len(metric_columns)].metric(
                md_escape(labels[translation.engine]), f"{value:.0f}%" if value is not None else "n/a",
                help=f"{plural(checked, 'name or number', 'names and numbers')} checked in sentences this engine "
                     "translated")
        table = fidelity_frame(fidelity_report, labels)
        st.dataframe(style_verdicts(table, [labels[t.engine] for t in chosen]), hide_index=True, width="stretch",
                     key="compare_fidelity")

with tabs[4]:
    st.markdown("Write your own English for any sentence, starting from an engine's text. It is saved as "
                f"**{USER_LABEL}** and can be compared, scored and used as a reference like any other.")
    mine = have.get(USER_ENGINE)
    sources = starting_points(article)
    columns = st.columns([3, 2])
    index = columns[0].selectbox("Sentence", list(range(total)), key="compare_my_sentence",
                                 format_func=lambda i: f"{i + 1}. {hindi[i][:70]}")
    start = columns[1].selectbox("Start from", [t.engine for t in sources] or [""], key="compare_my_start",
                                 format_func=lambda n: labels.get(n, "nothing (blank)"))
    st.markdown(f"**Hindi:** {md_escape(hindi[index])}")
    starting = have.get(start)
    edited = st.text_area("Your English", value=initial_english(mine, starting, index),
                          key=f"compare_my_text_{index}_{start}", height=110)
    if st.button("Save my translation", key="compare_my_save"):
        try:
            library.save_translation(article.id, with_sentence(mine, starting, total, index, edited))
        except LibraryError as error:  # say why the save failed rather than losing the page
            st.error(f"Your translation could not be saved: {md_escape(str(error))}")
        else:
            # Forget the tick box so it comes back ticked now that the translation is stored.
            st.session_state.pop(f"compare_engine_{USER_ENGINE}", None)
            st.toast(f"Saved sentence {index + 1} of {USER_LABEL}")
            st.rerun()
