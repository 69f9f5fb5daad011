"""The Devanagari font Khabar ships (Noto Sans Devanagari, OFL): where it lies and how a page embeds it."""

from __future__ import annotations

import base64
from functools import cache
from pathlib import Path

FONT_DIR = Path(__file__).resolve().parent / "static" / "fonts"
FONT_FAMILY = "Noto Sans Devanagari"
# Devanagari, Vedic extensions, ZWJ/ZWNJ, the rupee sign and the dotted circle: the face serves these only,
# so Latin text keeps the page's own font.
DEVANAGARI_UNICODE_RANGE = "U+0900-097F, U+1CD0-1CFF, U+200C-200D, U+20B9, U+25CC, U+A8E0-A8FF"
_FILES = {400: "NotoSansDevanagari-Regular.ttf", 700: "NotoSansDevanagari-Bold.ttf"}


def devanagari_font_path(weight: int = 400) -> Path:
    """The shipped Noto Sans Devanagari file of ``weight`` (400 or 700)."""
    if weight not in _FILES:
        raise ValueError(f"no shipped Devanagari font of weight {weight}; have {sorted(_FILES)}")
    return FONT_DIR / _FILES[weight]


@cache
def embedded_font_face_css() -> str:
    """@font-face rules carrying the font as data URLs, for standalone pages such as the HTML export."""
    rules = []
    for weight, name in _FILES.items():
        data = base64.b64encode((FONT_DIR / name).read_bytes()).decode("ascii")
        rules.append(
            f'@font-face {{ font-family: "{FONT_FAMILY}"; font-weight: {weight}; font-style: normal; '
            f"font-display: swap; unicode-range: {DEVANAGARI_UNICODE_RANGE}; "
            f'src: url("data:font/ttf;base64,{data}") format("truetype"); }}'
        )
    return "\n".join(rules)
