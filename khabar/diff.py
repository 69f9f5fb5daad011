"""Word-level differences between two English texts, as plain data and as escaped HTML.

``word_diff`` compares words and punctuation marks (so "Raisi," against "Raisi" differs only in the comma)
and returns ``(op, text)`` pieces: "equal" pieces belong to both, "delete" pieces only to the first, "insert"
pieces only to the second. Equal and inserted pieces rebuild the second text exactly; equal and deleted
pieces rebuild the first up to spacing. ``diff_html`` escapes every piece before styling it.
"""

from __future__ import annotations

import difflib
import html
import re

EQUAL, DELETE, INSERT = "equal", "delete", "insert"

_TOKEN = re.compile(r"\w+(?:['’.-]\w+)*|[^\w\s]")


def _tokens(text: str) -> list[tuple[str, str]]:
    """Each word or mark with the whitespace that follows it (kept so the pieces rebuild the text)."""
    found = []
    matches = list(_TOKEN.finditer(text))
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        found.append((match.group(), text[match.start():end]))
    return found


def word_diff(a: str | None, b: str | None, *, ignore_case: bool = False) -> list[tuple[str, str]]:
    """The word-level diff from ``a`` to ``b`` as ``(op, text)`` pieces (missing text counts as empty)."""
    a_tokens = _tokens(a or "")
    b_tokens = _tokens(b or "")
    lead = (b or "")[: len(b or "") - len((b or "").lstrip())]

    def key(token: str) -> str:
        return token.lower() if ignore_case else token

    matcher = difflib.SequenceMatcher(None, [key(t) for t, _ in a_tokens], [key(t) for t, _ in b_tokens],
                                      autojunk=False)
    pieces: list[tuple[str, str]] = [(EQUAL, lead)] if lead else []
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal":
            pieces.append((EQUAL, "".join(t for _, t in b_tokens[b0:b1])))
            continue
        if op in ("delete", "replace"):
            pieces.append((DELETE, "".join(t for _, t in a_tokens[a0:a1])))
        if op in ("insert", "replace"):
            pieces.append((INSERT, "".join(t for _, t in b_tokens[b0:b1])))
    merged: list[tuple[str, str]] = []
    for op, text in pieces:
        if merged and merged[-1][0] == op:
            merged[-1] = (op, merged[-1][1] + text)
        elif text:
            merged.append((op, text))
    return merged


def diff_ratio(a: str | None, b: str | None) -> float:
    """Share of words the two texts have in common (1.0 identical, 0.0 nothing shared)."""
    a_words = [t for t, _ in _tokens(a or "")]
    b_words = [t for t, _ in _tokens(b or "")]
    if not a_words and not b_words:
        return 1.0
    return difflib.SequenceMatcher(None, a_words, b_words, autojunk=False).ratio()


DELETE_STYLE = "background:#fde2e1;color:#8a1c1c;text-decoration:line-through;"
INSERT_STYLE = "background:#dcf5e3;color:#14532d;text-decoration:none;"


def diff_html(pieces: list[tuple[str, str]]) -> str:
    """HTML for ``word_diff`` pieces: deletions struck through in red, insertions in green, all escaped."""
    out = []
    for op, text in pieces:
        escaped = html.escape(text)
        if op == DELETE:
            out.append(f'<del style="{DELETE_STYLE}">{escaped}</del>')
        elif op == INSERT:
            out.append(f'<ins style="{INSERT_STYLE}">{escaped}</ins>')
        else:
            out.append(escaped)
    return "".join(out)
