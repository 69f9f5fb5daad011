"""HTML rendering of articles, displaCy-style: a converter to plain data, then a renderer that escapes
every piece of text and colours entities by label.

Nothing here imports streamlit: the Read page, the export and the tests all draw through these functions.
"""

from __future__ import annotations

import hashlib
import html
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from khabar.model import ENTITY_LABELS, Article, TranslationKind

# Light backgrounds with dark text set explicitly, so a mark reads the same on a light or a dark theme.
ENTITY_COLOURS: dict[str, str] = {
    "PER": "#ffd6a5",
    "LOC": "#b9fbc0",
    "ORG": "#a0c4ff",
    "NORP": "#ffc6ff",
    "DATE": "#fdffb6",
    "TIME": "#e9f5a0",
    "MONEY": "#9bf6ff",
    "QUANTITY": "#d0bfff",
    "PERCENT": "#ffadad",
    "CARDINAL": "#dee2e6",
}
ENTITY_TEXT_COLOUR = "#1b1b1b"
DEFAULT_COLOUR = "#e0e0e0"

ENTITY_DESCRIPTIONS: dict[str, str] = {
    "PER": "person",
    "LOC": "place",
    "ORG": "organisation",
    "NORP": "nationality, religious or political group",
    "DATE": "date",
    "TIME": "time",
    "MONEY": "money",
    "QUANTITY": "quantity",
    "PERCENT": "percentage",
    "CARDINAL": "number",
}

DEVANAGARI_FONTS = (
    '"Noto Sans Devanagari", "Noto Serif Devanagari", "Nirmala UI", "Mangal", "Kohinoor Devanagari", '
    '"Lohit Devanagari", "Devanagari Sangam MN", sans-serif'
)

PARALLEL_CSS = f"""
.khabar-parallel {{ width: 100%; border-collapse: separate; border-spacing: 0; table-layout: fixed; }}
.khabar-parallel th {{ text-align: left; font-weight: 600; padding: 0.4rem 0.6rem;
  border-bottom: 2px solid rgba(128,128,128,0.45); vertical-align: bottom; }}
.khabar-parallel th .khabar-sub {{ display: block; font-weight: 400; font-size: 0.8em; opacity: 0.75; }}
.khabar-parallel col.khabar-num {{ width: 2.6rem; }}
.khabar-parallel td {{ vertical-align: top; padding: 0.35rem 0.6rem; border-top: 1px solid rgba(128,128,128,0.18);
  transition: background-color 0.1s; }}
.khabar-parallel td.khabar-n {{ text-align: right; font-size: 0.8em; opacity: 0.7; padding-top: 0.55rem;
  font-variant-numeric: tabular-nums; }}
.khabar-parallel .khabar-hi {{ font-family: {DEVANAGARI_FONTS}; font-size: 1.12em; line-height: 1.85; }}
.khabar-parallel .khabar-en {{ line-height: 1.65; }}
.khabar-parallel tr.khabar-para-start td {{ padding-top: 1.3rem; border-top: 1px solid rgba(128,128,128,0.45); }}
.khabar-parallel tr.khabar-first td {{ border-top: none; }}
.khabar-parallel tbody tr:hover td {{ background: rgba(255, 193, 7, 0.16); }}
.khabar-parallel tbody tr:focus {{ outline: none; }}
.khabar-parallel tbody tr:focus td, .khabar-parallel tbody tr:target td {{ background: rgba(255, 193, 7, 0.28); }}
.khabar-parallel tbody tr:focus td.khabar-n {{ box-shadow: inset 4px 0 0 #f0a500; opacity: 1; font-weight: 700; }}
.khabar-parallel tbody tr:hover td.khabar-n {{ opacity: 1; font-weight: 700; }}
.khabar-parallel tr.khabar-focus td {{ background: rgba(255, 193, 7, 0.28); }}
.khabar-parallel tr.khabar-focus td.khabar-n {{ box-shadow: inset 4px 0 0 #f0a500; opacity: 1; font-weight: 700; }}
.khabar-parallel .khabar-missing {{ font-style: italic; opacity: 0.65; }}
.khabar-parallel .khabar-gloss {{ font-style: italic; }}
mark.khabar-ent {{ color: {ENTITY_TEXT_COLOUR}; padding: 0.05em 0.25em; border-radius: 0.3em; line-height: 1;
  box-decoration-break: clone; -webkit-box-decoration-break: clone; }}
mark.khabar-ent .khabar-label {{ font-size: 0.62em; font-weight: 700; margin-left: 0.3em; vertical-align: middle;
  font-family: sans-serif; opacity: 0.8; }}
.khabar-ocr-low {{ text-decoration: underline dotted #c0392b; text-decoration-thickness: 2px;
  text-underline-offset: 0.3em; cursor: help; }}
.khabar-legend {{ display: flex; flex-wrap: wrap; gap: 0.4rem; margin: 0.2rem 0 0.6rem 0; }}
.khabar-legend mark.khabar-ent {{ font-size: 0.85em; padding: 0.15em 0.45em; }}
.khabar-legend mark.khabar-off {{ opacity: 0.35; text-decoration: line-through; }}
"""


# Converter -----------------------------------------------------------------------------------------


def _field(span: Any, name: str, default: Any = "") -> Any:
    if isinstance(span, Mapping):
        return span.get(name, default)
    return getattr(span, name, default)


def entity_token(entity_id: str) -> str:
    """A CSS-safe token standing for ``entity_id`` (ids may hold any character; the token never does)."""
    return "e" + hashlib.sha1(entity_id.encode("utf-8")).hexdigest()[:10]


def plain_spans(spans: Iterable[Any], *, offset: int = 0, length: int | None = None) -> list[dict[str, Any]]:
    """Spans (objects or dicts with start, end, label, entity_id) as plain dicts, shifted by ``-offset``.

    Spans outside ``[0, length)`` after the shift are dropped, so one sentence takes only its own mentions.
    """
    out = []
    for span in spans:
        start = int(_field(span, "start", 0)) - offset
        end = int(_field(span, "end", 0)) - offset
        if start < 0 or end <= start or (length is not None and end > length):
            continue
        out.append(
            {
                "start": start,
                "end": end,
                "label": str(_field(span, "label", "")),
                "entity_id": str(_field(span, "entity_id", "") or ""),
                "canonical": str(_field(span, "canonical", "") or ""),
            }
        )
    return out


def parallel_data(
    article: Article,
    *,
    engine: str | None = None,
    english_spans: Mapping[int, Sequence[Any]] | None = None,
) -> dict[str, Any]:
    """The article as plain data for ``render_parallel``: one row per sentence with both sides' entities."""
    translation = article.translation(engine) if engine else None
    by_sentence: dict[int, list[Any]] = {}
    for span in article.entities:
        by_sentence.setdefault(span.sentence, []).append(span)
    rows = []
    for sentence in article.sentences:
        english: str | None = None
        error: str | None = None
        if translation is not None and sentence.index < len(translation.texts):
            english = translation.texts[sentence.index]
            if translation.errors and sentence.index < len(translation.errors):
                error = translation.errors[sentence.index]
        hi_ents = plain_spans(by_sentence.get(sentence.index, ()), offset=sentence.start,
                              length=len(sentence.text))
        doubtful = [{"start": w.start - sentence.start, "end": w.end - sentence.start, "confidence": w.confidence}
                    for w in article.meta.ocr_words if sentence.start <= w.start and w.end <= sentence.end]
        en_ents = []
        if english is not None and english_spans:
            en_ents = plain_spans(english_spans.get(sentence.index, ()), length=len(english))
        rows.append(
            {
                "index": sentence.index,
                "paragraph": sentence.paragraph,
                "hi": {"text": sentence.text, "ents": hi_ents, "ocr": doubtful},
                "en": {"text": english, "ents": en_ents, "error": error},
            }
        )
    return {
        "title": article.meta.title,
        "engine": translation.engine if translation else "",
        "engine_label": translation.label if translation else "",
        "kind": translation.kind if translation else "",
        "rows": rows,
    }


# Renderer ------------------------------------------------------------------------------------------


def _non_overlapping(spans: list[dict[str, Any]]) -> list[dict[str, Any]]:
    # Earliest first, the longest at one start; a span overlapping one already kept is dropped.
    kept: list[dict[str, Any]] = []
    last_end = -1
    for span in sorted(spans, key=lambda s: (s["start"], -(s["end"] - s["start"]))):
        if span["start"] >= last_end:
            kept.append(span)
            last_end = span["end"]
    return kept


def doubtful_html(text: str, words: Iterable[Mapping[str, Any]] = (), *, offset: int = 0) -> str:
    """``text`` escaped, with each OCR word read with low confidence (spans of ``offset + index``) underlined
    with dots and its confidence as a tooltip.
    """
    pieces = []
    position = 0
    for word in sorted(words, key=lambda w: w["start"]):
        start = max(position, int(word["start"]) - offset)
        end = min(len(text), int(word["end"]) - offset)
        if end <= start:
            continue
        pieces.append(html.escape(text[position:start]))
        tip = f"Read by OCR with {float(word['confidence']):.0%} confidence: check this word against the original"
        pieces.append(f'<span class="khabar-ocr-low" title="{html.escape(tip, quote=True)}">'
                      f"{html.escape(text[start:end])}</span>")
        position = end
    pieces.append(html.escape(text[position:]))
    return "".join(pieces)


def mark_html(text: str, label: str, *, entity_id: str = "", title: str = "", show_label: bool = True,
              doubtful: Iterable[Mapping[str, Any]] = (), offset: int = 0) -> str:
    """One coloured entity mark around ``text`` (escaped; ``doubtful`` OCR words marked as ``doubtful_html``)."""
    colour = ENTITY_COLOURS.get(label, DEFAULT_COLOUR)
    attrs = [f'class="khabar-ent khabar-{html.escape(label.lower(), quote=True)}"',
             f'style="background:{colour}"', f'data-label="{html.escape(label, quote=True)}"']
    if entity_id:
        attrs.append(f'data-entity="{entity_token(entity_id)}"')
    if title:
        attrs.append(f'title="{html.escape(title, quote=True)}"')
    tag = f'<span class="khabar-label">{html.escape(label)}</span>' if show_label else ""
    return f"<mark {' '.join(attrs)}>{doubtful_html(text, doubtful, offset=offset)}{tag}</mark>"


def highlight_html(text: str, spans: Iterable[Any], *, labels: Iterable[str] | None = None,
                   show_labels: bool = True, doubtful: Sequence[Mapping[str, Any]] = ()) -> str:
    """``text`` as HTML with each span marked in its label's colour; every piece of text is escaped.

    ``spans`` are objects or dicts with start, end, label and entity_id, offsets into ``text``. ``labels``
    limits the marks to those labels (None: all). Overlapping spans keep the earliest, longest one.
    ``doubtful`` are words OCR read with low confidence (start, end, confidence), underlined with dots.
    """
    wanted = None if labels is None else set(labels)
    plain = [s for s in plain_spans(spans, length=len(text)) if wanted is None or s["label"] in wanted]
    pieces = []
    position = 0
    for span in _non_overlapping(plain):
        pieces.append(doubtful_html(text[position:span["start"]], doubtful, offset=position))
        title = ENTITY_DESCRIPTIONS.get(span["label"], span["label"])
        if span["canonical"]:
            title = f"{span['canonical']} ({title})"
        pieces.append(mark_html(text[span["start"]:span["end"]], span["label"], entity_id=span["entity_id"],
                                title=title, show_label=show_labels, doubtful=doubtful, offset=span["start"]))
        position = span["end"]
    pieces.append(doubtful_html(text[position:], doubtful, offset=position))
    return "".join(pieces)


def legend_html(labels: Iterable[str], *, counts: Mapping[str, int] | None = None,
                hidden: Iterable[str] = ()) -> str:
    """A row of coloured chips naming each label, with its count when given; hidden labels are faded."""
    off = set(hidden)
    chips = []
    for label in _ordered(labels):
        name = ENTITY_DESCRIPTIONS.get(label, label)
        if counts is not None and label in counts:
            name = f"{name} ({counts[label]})"
        chip = mark_html(name, label, title=f"{label}: {ENTITY_DESCRIPTIONS.get(label, label)}")
        if label in off:
            chip = chip.replace('class="khabar-ent ', 'class="khabar-ent khabar-off ', 1)
        chips.append(chip)
    return f'<div class="khabar-legend">{"".join(chips)}</div>'


def _ordered(labels: Iterable[str]) -> list[str]:
    present = list(dict.fromkeys(labels))
    known = [label for label in ENTITY_LABELS if label in present]
    return known + sorted(label for label in present if label not in ENTITY_LABELS)


def _entity_css(tokens: Iterable[str]) -> str:
    # Hovering one mention outlines every mention of that entity, in both columns.
    rules = [
        f'.khabar-parallel:has(mark[data-entity="{t}"]:hover) mark[data-entity="{t}"]'
        "{ outline: 2px solid #e85d04; outline-offset: 1px; }"
        for t in sorted(set(tokens))
    ]
    return "\n".join(rules)


def render_parallel(
    data: Mapping[str, Any],
    *,
    labels: Iterable[str] | None = None,
    focus: int | None = None,
    hindi_heading: str = "Hindi",
    hindi_note: str = "the original (हिन्दी)",
    english_heading: str = "English",
    english_note: str = "",
    include_css: bool = True,
) -> str:
    """The plain data of ``parallel_data`` as a table of numbered sentence pairs, one aligned row each.

    Hovering a row lights both sentences; ``focus`` marks one pair; a new paragraph opens with a gap.
    """
    wanted = None if labels is None else list(labels)
    gloss = data.get("kind") == "gloss"
    body = []
    tokens: list[str] = []
    previous_paragraph = None
    for position, row in enumerate(data.get("rows", ())):
        index = int(row["index"])
        classes = []
        if position == 0:
            classes.append("khabar-first")
        elif row.get("paragraph") != previous_paragraph:
            classes.append("khabar-para-start")
        previous_paragraph = row.get("paragraph")
        if focus is not None and index == focus:
            classes.append("khabar-focus")
        hi = row["hi"]
        en = row["en"]
        hi_html = highlight_html(hi["text"], hi.get("ents", ()), labels=wanted, doubtful=hi.get("ocr", ()))
        if en.get("text") is None:
            reason = en.get("error") or ("no translation chosen" if not data.get("engine") else "not translated")
            en_html = f'<span class="khabar-missing">— {html.escape(str(reason))} —</span>'
        else:
            en_html = highlight_html(en["text"], en.get("ents", ()), labels=wanted)
            if gloss:
                en_html = f'<span class="khabar-gloss">{en_html}</span>'
        for side in (hi, en):
            tokens.extend(entity_token(s["entity_id"]) for s in side.get("ents", ()) if s.get("entity_id"))
        class_attr = f' class="{" ".join(classes)}"' if classes else ""
        number = index + 1
        body.append(
            f'<tr id="khabar-s{index}" data-sentence="{index}"{class_attr} tabindex="0">'
            f'<td class="khabar-n" title="Sentence {number}">{number}</td>'
            f'<td class="khabar-hi" lang="hi">{hi_html}</td>'
            f'<td class="khabar-en" lang="en">{en_html}</td></tr>'
        )
    note = f'<span class="khabar-sub">{html.escape(english_note)}</span>' if english_note else ""
    hi_note = f'<span class="khabar-sub">{html.escape(hindi_note)}</span>' if hindi_note else ""
    table = (
        '<table class="khabar-parallel">'
        '<colgroup><col class="khabar-num"><col><col></colgroup>'
        f'<thead><tr><th title="Sentence number">#</th><th>{html.escape(hindi_heading)}{hi_note}</th>'
        f"<th>{html.escape(english_heading)}{note}</th></tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table>"
    )
    if not include_css:
        return table
    return f"<style>{PARALLEL_CSS}\n{_entity_css(tokens)}</style>{table}"


def translation_heading(kind: str, label: str) -> tuple[str, str]:
    """The English column's heading and its sub-line naming who made the English, for ``kind`` by ``label``."""
    kind = TranslationKind.of(kind)
    if kind is TranslationKind.GLOSS:
        aid = "" if "reading aid" in label.lower() else f" · {kind.caption}"
        return "English (word-by-word gloss)", f"{label}{aid}"
    return "English", f"{label} · {kind.caption}"


def parallel_html(
    article: Article,
    *,
    engine: str | None = None,
    labels: Iterable[str] | None = None,
    focus: int | None = None,
    english_spans: Mapping[int, Sequence[Any]] | None = None,
    include_css: bool = True,
) -> str:
    """The Read page's two-column view of ``article`` with ``engine``'s English (see ``render_parallel``)."""
    data = parallel_data(article, engine=engine, english_spans=english_spans)
    if data["engine"]:
        heading, note = translation_heading(data["kind"], data["engine_label"])
    else:
        heading, note = "English", "No translation yet"
    return render_parallel(data, labels=labels, focus=focus, english_heading=heading, english_note=note,
                           include_css=include_css)


def article_labels(article: Article) -> list[str]:
    """The entity labels the article has, in legend order."""
    return _ordered(span.label for span in article.entities)


# Tables ----------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Cell:
    """One table cell: ``text`` is escaped; ``markup`` is HTML this module (or another renderer) already made safe."""

    text: str = ""
    markup: str = ""
    lang: str = ""
    style: str = ""
    title: str = ""


TABLE_CSS = f"""
table.khabar-table {{ width: 100%; border-collapse: collapse; font-size: 0.92em; }}
table.khabar-table th {{ text-align: left; vertical-align: bottom; padding: .45em .6em; font-weight: 600;
  border-bottom: 2px solid rgba(128,128,128,.35); }}
table.khabar-table td {{ vertical-align: top; padding: .45em .6em; border-bottom: 1px solid rgba(128,128,128,.25);
  overflow-wrap: anywhere; line-height: 1.5; }}
table.khabar-table td[lang="hi"] {{ font-family: {DEVANAGARI_FONTS}; }}
"""


def _cell_html(tag: str, cell: str | Cell) -> str:
    if not isinstance(cell, Cell):
        cell = Cell(text="" if cell is None else str(cell))
    attributes = "".join(
        f' {name}="{html.escape(value, quote=True)}"'
        for name, value in (("lang", cell.lang), ("style", cell.style), ("title", cell.title)) if value)
    body = cell.markup if cell.markup else html.escape(cell.text)
    return f"<{tag}{attributes}>{body}</{tag}>"


def html_table(headers: Sequence[str | Cell], rows: Iterable[Sequence[str | Cell]], *,
               css_class: str = "khabar-table", style: str = "", colgroup: Sequence[str] = ()) -> str:
    """A table with every header and cell escaped (or already-safe ``Cell.markup``); the one table writer."""
    cols = "".join(f'<col style="{html.escape(width, quote=True)}">' for width in colgroup)
    head = "".join(_cell_html("th", header) for header in headers)
    body = "".join("<tr>" + "".join(_cell_html("td", cell) for cell in row) + "</tr>" for row in rows)
    attributes = f' class="{html.escape(css_class, quote=True)}"' + (
        f' style="{html.escape(style, quote=True)}"' if style else "")
    return (f"<table{attributes}>" + (f"<colgroup>{cols}</colgroup>" if cols else "")
            + f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")


# Settings' table of engines -----------------------------------------------------------------------------------

ENGINE_KINDS = {"translator": "Translation", "ner": "Named entities", "timex": "Time expressions"}
# A tick and a cross drawn in CSS beside the word: they need no font (✓ and ✕ are missing from many, and
# st.html drops inline SVG).
ENGINES_CSS = (
    ".khabar-yes{color:#1a7f37;font-weight:600;white-space:nowrap}"
    ".khabar-no{color:#b42318;font-weight:600;white-space:nowrap}"
    ".khabar-yes::before{content:'';display:inline-block;width:.3em;height:.62em;margin:0 .5em .1em .15em;"
    "border:solid currentColor;border-width:0 .16em .16em 0;transform:rotate(45deg)}"
    ".khabar-no::before{content:'';display:inline-block;width:.62em;height:.62em;margin-right:.35em;"
    "background:linear-gradient(45deg,transparent 42%,currentColor 42%,currentColor 58%,transparent 58%),"
    "linear-gradient(-45deg,transparent 42%,currentColor 42%,currentColor 58%,transparent 58%)}"
)


def engines_table_html(rows: Sequence[Mapping[str, Any]]) -> str:
    """Every engine (rows of ``Registry.describe``): kind, label, whether it can run here (the word, and with
    ``ENGINES_CSS`` a drawn tick or cross), why (never cut: the note cell wraps at spaces), where it runs, and its name whole."""
    yes = Cell(markup='<span class="khabar-yes">yes</span>')
    no = Cell(markup='<span class="khabar-no">no</span>')
    whole = "overflow-wrap:normal;word-break:normal;white-space:nowrap;"
    body = [[ENGINE_KINDS.get(row["kind"], row["kind"]), row["label"], yes if row["available"] else no,
             Cell(text=row["reason"], style="overflow-wrap:break-word;"),
             "online" if row["online"] else "offline",
             Cell(markup=f"<code>{html.escape(row['name'])}</code>", style=whole)]
            for row in rows]
    table = html_table(["Kind", "Engine", "Available", "Why / note", "Where", "Name"], body,
                       colgroup=["width:11%", "width:18%", "width:9%", "width:40%", "width:7%", "width:15%"])
    return f'<div style="overflow-x:auto">{table}</div>'
