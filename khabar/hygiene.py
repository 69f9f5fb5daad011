"""Output hygiene: text that came from a file or an engine made safe for a terminal, a spreadsheet or a file.

A terminal obeys escape sequences (ESC, CSI, OSC) and C1 controls, a spreadsheet runs a cell that starts with
``=``, and bidirectional overrides make a title read backwards: each is neutralised here, in one place, so the
command line, the exports and the pages all treat hostile text the same way.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any

# A whole escape sequence goes, not only its ESC: CSI (ESC [ or U+009B ... final byte), OSC (ESC ] or U+009D
# ... BEL or ST, or to the end when unterminated), and the two-byte forms (ESC followed by one character).
_ESCAPE_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -~]?"
)
# C0 controls but tab and newline, DEL and the C1 range.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Embeddings, overrides and isolates: U+202A-U+202E and U+2066-U+2069.
BIDI_CONTROLS = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
# What JSON leaves raw but a terminal or an editor may act on: DEL, C1, bidi controls, line/paragraph separators.
_JSON_UNSAFE = re.compile(r"[\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
# A spreadsheet reads a cell starting with one of these as a formula (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def strip_controls(text: str) -> str:
    """``text`` without terminal escape sequences and control characters (tab and newline kept)."""
    return _CONTROLS.sub("", _ESCAPE_SEQUENCE.sub("", text))


def count_controls(text: str) -> int:
    """How many escape sequences and control characters (other than tab, newline, CR) ``text`` holds."""
    without_escapes, sequences = _ESCAPE_SEQUENCE.subn("", text)
    return sequences + len(_CONTROLS.findall(without_escapes.replace("\r", "")))


def count_bidi(text: str) -> int:
    """How many bidirectional embedding, override or isolate characters ``text`` holds."""
    return len(BIDI_CONTROLS.findall(text))


def without_bidi(text: str) -> str:
    """``text`` without bidirectional embeddings, overrides and isolates."""
    return BIDI_CONTROLS.sub("", text)


def display_text(text: str) -> str:
    """``text`` safe to show as a line: no controls, no escape sequences, no bidi overrides."""
    return without_bidi(strip_controls(str(text)))


def terminal_text(text: str) -> str:
    """``text`` safe to write to a terminal: escape sequences, controls and bidi overrides removed, lines kept."""
    return display_text(text.replace("\r\n", "\n"))


def dumps(data: Any, **kwargs: Any) -> str:
    """JSON text (UTF-8 kept readable) with DEL, C1, bidi controls and line separators written as \\u escapes.

    Those characters can only occur inside JSON strings, so escaping them keeps the same data.
    """
    text = json.dumps(data, ensure_ascii=False, **kwargs)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def csv_cell(value: Any) -> Any:
    """A CSV cell that a spreadsheet shows as text: controls dropped, a formula start behind an apostrophe."""
    if not isinstance(value, str):
        return value
    value = display_text(value)
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def csv_bytes(frame) -> bytes:
    """A pandas DataFrame as CSV bytes (UTF-8 with a BOM, for spreadsheets) with every text cell and header
    passed through ``csv_cell``."""
    safe = frame.copy()
    for column in safe.columns:
        safe[column] = safe[column].map(csv_cell)
    safe.columns = [csv_cell(str(c)) for c in safe.columns]
    return safe.to_csv(index=False).encode("utf-8-sig")


def atomic_write(path: str | os.PathLike, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename.

    A failure at any point leaves an existing file as it was and no partial file behind.
    """
    target = Path(path)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if target.exists():
            os.chmod(temporary, target.stat().st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
