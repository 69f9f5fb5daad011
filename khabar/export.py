"""Exporting an article: a standalone HTML page (Hindi beside English, entities coloured in both), Markdown, JSON.

Every string that came from the user or an engine is escaped before it becomes HTML or Markdown, and no
control character, terminal escape or bidi override reaches the document.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlparse

from khabar.entities.crosslingual import english_mentions
from khabar.fonts import embedded_font_face_css
from khabar.hygiene import dumps, terminal_text
from khabar.model import Article, Translation, TranslationKind
from khabar.render import PARALLEL_CSS, Cell, article_labels, html_table, legend_html, parallel_html

FORMATS = ("html", "md", "json")

_PAGE_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans Devanagari", sans-serif; margin: 2rem auto; max-width: 72rem;
  padding: 0 1rem; color: #1b1b1b; background: #fff; }
h1 { font-size: 1.6rem; margin-bottom: 0.3rem; }
h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #ddd; padding-bottom: 0.2rem; }
.khabar-meta { color: #555; font-size: 0.92rem; margin: 0 0 1rem 0; }
.khabar-meta span + span::before { content: " · "; }
table.khabar-list { border-collapse: collapse; width: 100%; font-size: 0.92rem; }
table.khabar-list th, table.khabar-list td { border-bottom: 1px solid #e4e4e4; padding: 0.3rem 0.5rem;
  text-align: left; vertical-align: top; }
.khabar-notes { color: #555; font-size: 0.88rem; }
footer { margin-top: 2.5rem; color: #777; font-size: 0.8rem; }
"""


class ExportError(ValueError):
    """The export cannot be made as asked (an unknown format or translation)."""


def export(article: Article, fmt: str, *, engine: str | None = None) -> str | bytes:
    """The article as a document in ``fmt`` (html, md or json); ``engine`` picks the English shown beside it."""
    fmt = fmt.lower().lstrip(".")
    if fmt == "markdown":
        fmt = "md"
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "json":
        return dumps(article.to_dict(), indent=2) + "\n"
    translation = pick_translation(article, engine)
    # The markup itself holds no control characters, so cleaning the finished document cleans every string
    # that went into it: nothing a file or an engine sent can reach a terminal that shows the export.
    if fmt == "md":
        return terminal_text(to_markdown(article, translation))
    return terminal_text(to_html(article, translation))


def pick_translation(article: Article, engine: str | None = None) -> Translation | None:
    """The translation to show: ``engine``'s if named, else the reference, else a real translation, else any."""
    if engine:
        chosen = article.translation(engine)
        if chosen is None:
            have = ", ".join(t.engine for t in article.translations) or "none"
            raise ExportError(f"the article has no translation by {engine!r} (it has: {have})")
        return chosen
    ranked = article.ranked_translations()
    return ranked[0] if ranked else None


def _english_spans(article: Article, translation: Translation | None) -> Mapping[int, Sequence[Any]]:
    if translation is None or not article.entities:
        return {}
    return english_mentions(article, translation.engine)


def _safe_url(url: str) -> str:
    # Only web links become clickable: a javascript: or data: URL stays inert text.
    parsed = urlparse(url.strip())
    return url.strip() if parsed.scheme in ("http", "https") and parsed.netloc else ""


def _meta_pieces(article: Article) -> list[tuple[str, str]]:
    meta = article.meta
    pieces = []
    if meta.source:
        pieces.append(("Source", meta.source))
    if meta.published:
        pieces.append(("Published", meta.published + (" (approximate)" if meta.published_approximate else "")))
    if meta.url:
        pieces.append(("URL", meta.url))
    return pieces


def _title(article: Article) -> str:
    if article.meta.title:
        return article.meta.title
    first = " ".join((article.sentences[0].text if article.sentences else article.text).split())
    if len(first) > 80:
        first = first[:79].rstrip() + "…"
    return first or "Untitled article"


def to_html(article: Article, translation: Translation | None = None) -> str:
    """A standalone HTML page: metadata, legend, Hindi | English per sentence, entities, events, notes."""
    esc = html.escape
    title = _title(article)
    meta_html = []
    for name, value in _meta_pieces(article):
        if name == "URL":
            href = _safe_url(value)
            shown = (f'<a href="{esc(href, quote=True)}" rel="noopener noreferrer">{esc(value)}</a>'
                     if href else esc(value))
            meta_html.append(f"<span>{shown}</span>")
        else:
            meta_html.append(f"<span>{esc(name)}: {esc(value)}</span>")
    labels = article_labels(article)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; font-src data:\">",
        f"<title>{esc(title)}</title>",
        f"<style>{embedded_font_face_css()}\n{_PAGE_CSS}\n{PARALLEL_CSS}</style></head><body>",
        f"<h1>{esc(title)}</h1>",
        f'<p class="khabar-meta">{"".join(meta_html)}</p>' if meta_html else "",
    ]
    if article.meta.note:
        parts.append(f'<p class="khabar-notes">{esc(article.meta.note)}</p>')
    if labels:
        parts.append(legend_html(labels))
    english = _english_spans(article, translation)
    parts.append(
        parallel_html(article, engine=translation.engine if translation else None, english_spans=english,
                      include_css=False)
    )
    if article.entity_index:
        parts.append(_list_table(
            "Entities", ("Name", "Type", "Hindi forms", "Mentions", "First in sentence"),
            [(e.canonical, e.label, ", ".join(e.forms), e.mentions, e.first_sentence + 1)
             for e in article.entity_index], hindi_column=2))
    if article.events:
        parts.append(_list_table(
            "Timeline", ("When", "Certainty", "Sentence", "Hindi", "English"),
            [(_when(ev.start_date, ev.end_date), ev.certainty, ev.sentence + 1, ev.summary_hi, ev.summary_en)
             for ev in article.events], hindi_column=3))
    others = [t for t in article.translations if translation is None or t.engine != translation.engine]
    if others:
        names = ", ".join(f"{t.label} ({t.kind})" for t in others)
        parts.append(f'<p class="khabar-notes">Other translations stored: {esc(names)}.</p>')
    if article.notes:
        items = "".join(f"<li>{esc(note)}</li>" for note in article.notes)
        parts.append(f'<h2>Notes</h2><ul class="khabar-notes">{items}</ul>')
    parts.append("<footer>Exported from Khabar.</footer></body></html>")
    return "\n".join(part for part in parts if part) + "\n"


def _when(start: str, end: str) -> str:
    if start and end and end != start:
        return f"{start} – {end}"
    return start or "undated"


# Enough to stop emphasis, links, code and table cells; < > & are already entities.
_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]|~"})


def md_escape(text: str) -> str:
    """``text`` safe inside Markdown: HTML escaped (so no raw tag survives) and markup characters backslashed."""
    return html.escape(" ".join(str(text).split()), quote=False).translate(_MD_SPECIAL)


def to_markdown(article: Article, translation: Translation | None = None) -> str:
    """The article as Markdown: metadata, then a Hindi | English table per paragraph, entities and events."""
    lines = [f"# {md_escape(_title(article))}", ""]
    for name, value in _meta_pieces(article):
        lines.append(f"- **{name}:** {md_escape(value)}")
    if article.meta.note:
        lines.append(f"- **Note:** {md_escape(article.meta.note)}")
    heading = "English"
    if translation is not None:
        heading = f"English — {md_escape(translation.label)}"
        if translation.translation_kind is TranslationKind.GLOSS and "gloss" not in translation.label.lower():
            heading += " (word-by-word gloss, a reading aid)"
    lines += ["", "## Text", ""]
    paragraph = None
    for sentence in article.sentences:
        if sentence.paragraph != paragraph:
            if paragraph is not None:
                lines.append("")
            lines += [f"| # | Hindi | {heading} |", "|---|---|---|"]
            paragraph = sentence.paragraph
        english = ""
        if translation is not None and sentence.index < len(translation.texts):
            text = translation.texts[sentence.index]
            error = translation.errors[sentence.index] if sentence.index < len(translation.errors) else None
            english = md_escape(text) if text is not None else f"*— {md_escape(error or 'not translated')} —*"
        lines.append(f"| {sentence.index + 1} | {md_escape(sentence.text)} | {english} |")
    if article.entity_index:
        lines += ["", "## Entities", "", "| Name | Type | Hindi forms | Mentions |", "|---|---|---|---|"]
        for entity in article.entity_index:
            lines.append(f"| {md_escape(entity.canonical)} | {md_escape(entity.label)} | "
                         f"{md_escape(', '.join(entity.forms))} | {entity.mentions} |")
    if article.events:
        lines += ["", "## Timeline", "", "| When | Certainty | Sentence | English |", "|---|---|---|---|"]
        for event in article.events:
            lines.append(f"| {md_escape(_when(event.start_date, event.end_date))} | {md_escape(event.certainty)} | "
                         f"{event.sentence + 1} | {md_escape(event.summary_en or event.summary_hi)} |")
    if article.notes:
        lines += ["", "## Notes", ""] + [f"- {md_escape(note)}" for note in article.notes]
    return "\n".join(lines) + "\n"


def _list_table(heading: str, headers: tuple[str, ...], rows: list[tuple], *, hindi_column: int) -> str:
    """A headed HTML table with every cell escaped; the cells of ``hindi_column`` are marked as Hindi."""
    cells = [[Cell(text=str(cell), lang="hi") if i == hindi_column else str(cell) for i, cell in enumerate(row)]
             for row in rows]
    return f"<h2>{html.escape(heading)}</h2>" + html_table(headers, cells, css_class="khabar-list")
