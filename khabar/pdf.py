"""Reading Hindi PDFs: the text layer where it is real Unicode Hindi, OCR for scanned pages and for layers in a
legacy Hindi font encoding (Kruti Dev, Chanakya and the like store Latin letters that only that font draws as
Devanagari).

The text layer is read with pypdf (pure Python). Pages are rasterised for OCR with pypdfium2, which ships
PDFium inside its wheel: no poppler program to install, the same on Linux, macOS and Windows, and it renders
straight to a PIL image without temporary files.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

from khabar.ingest import IngestError
from khabar.ocr import OcrReading, join_readings, ocr_status, read_image
from khabar.text import devanagari_share, nfc

# Rendering resolution for OCR: Tesseract is trained on text at about 300 dpi.
OCR_DPI = 300
MAX_PAGES = 300
# Frequent English words: real English has many of them, legacy-font Hindi ("Hkkjr ds iz/kkuea=h") few.
_ENGLISH_WORDS = frozenset((
    "the", "of", "and", "to", "in", "is", "was", "for", "that", "on", "with", "as", "by", "at", "from", "it", "be",
    "are", "this", "an", "or", "have", "has", "had", "not", "but", "were", "which", "their", "they", "his", "her",
    "he", "she", "we", "you", "its", "been", "will", "would", "can", "said", "also", "more", "than", "who", "after",
    "about", "new", "one", "two", "all", "there", "when", "into", "out", "up", "over", "other", "some", "such",
    "year", "years", "people", "first", "last", "only", "most", "may", "could",
))
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
# A Devanagari vowel sign or mark at the start of a word: extraction put it before its consonant, so the
# layer's Unicode cannot be trusted (its font drew glyphs in visual order).
_STRAY_SIGN = re.compile(r"(?:^|\s)[\u093e-\u094d\u0901-\u0903]")
_SENTENCE_END = re.compile(r"[।॥?!.:\"'”’)]\s*$")


@dataclass(frozen=True)
class PdfText:
    """The text of a PDF (pages a blank line apart), its title, the OCR of the pages that needed it, and notes."""

    text: str
    title: str = ""
    ocr: OcrReading | None = None
    warnings: tuple[str, ...] = field(default_factory=tuple)


def layer_kind(text: str) -> str:
    """What a page's text layer holds: ``unicode`` Hindi, ``legacy`` font-encoded Hindi, ``broken`` Unicode,
    ``latin`` (English or other Latin-script text), or ``empty``.
    """
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) < 20:
        return "empty"
    share = devanagari_share(text)
    if share >= 0.5:
        words = text.split()
        stray = len(_STRAY_SIGN.findall(text))
        return "broken" if words and stray / len(words) > 0.05 else "unicode"
    latin = [w.lower() for w in _LATIN_WORD.findall(text)]
    if latin and sum(1 for w in latin if w in _ENGLISH_WORDS) / len(latin) >= 0.2:
        return "latin"
    # Legacy encodings put Devanagari glyphs on Latin letters, digits and punctuation, so the "words" are
    # mostly not English and often carry symbols inside them (iz/kkuea=h).
    return "legacy"


def join_lines(text: str) -> str:
    """A page's text with the lines of each paragraph joined (a line that does not end a sentence continues)."""
    paragraphs: list[str] = []
    current: list[str] = []
    for raw in text.splitlines():
        line = " ".join(raw.split())
        if not line:
            if current:
                paragraphs.append(" ".join(current))
                current = []
            continue
        current.append(line)
        if _SENTENCE_END.search(line):
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return "\n".join(paragraphs)


def _reader(name: str, data: bytes):
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise IngestError(f"The file {name!r} is a password-protected PDF; save an unprotected copy first.")
        return reader
    except IngestError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as error:
        raise IngestError(f"The file {name!r} is not a PDF Khabar can read ({' '.join(str(error).split())}).") from error


def render_page(data: bytes, number: int, dpi: int = OCR_DPI):
    """Page ``number`` (from 0) of the PDF in ``data`` as a PIL image at ``dpi``."""
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    try:
        page = document[number]
        try:
            return page.render(scale=dpi / 72, grayscale=True).to_pil()
        finally:
            page.close()
    finally:
        document.close()


def read_pdf(name: str, data: bytes, *, max_pages: int = MAX_PAGES) -> PdfText:
    """The Hindi text of a PDF: each page's Unicode text layer, or its OCR where it has none or a legacy one."""
    reader = _reader(name, data)
    count = len(reader.pages)
    if count == 0:
        raise IngestError(f"The file {name!r} is a PDF with no pages.")
    if count > max_pages:
        raise IngestError(f"The file {name!r} has {count} pages; the limit is {max_pages}. Split the PDF.")
    title = ""
    try:
        title = " ".join(str((reader.metadata or {}).get("/Title") or "").split())
    except (ValueError, KeyError, TypeError):
        title = ""
    pages: list[tuple[str, OcrReading | None]] = []
    legacy: list[int] = []
    broken: list[int] = []
    unread: list[int] = []
    for number, page in enumerate(reader.pages):
        try:
            layer = page.extract_text() or ""
        except Exception:  # a damaged page's layer is treated as missing; OCR may still read the page
            layer = ""
        kind = layer_kind(layer)
        if kind in ("unicode", "latin"):
            pages.append((nfc(join_lines(layer)), None))
            continue
        if kind == "legacy":
            legacy.append(number + 1)
        elif kind == "broken":
            broken.append(number + 1)
        if not ocr_status().ok:
            unread.append(number + 1)
            continue
        pages.append(("", read_image(render_page(data, number))))
    warnings: list[str] = []
    if legacy:
        warnings.append(f"{_pages(legacy)} of {name} {'has' if len(legacy) == 1 else 'have'} text in a legacy Hindi "
                        "font encoding (such as Kruti Dev), not Unicode; "
                        + ("read by OCR instead." if not unread else "OCR is needed to read it."))
    if broken:
        warnings.append(f"{_pages(broken)} of {name}: the text layer has its vowel signs out of order; "
                        + ("read by OCR instead." if not unread else "OCR is needed to read it."))
    if unread:
        reason = ocr_status().reason
        if len(unread) == count:
            raise IngestError(f"The file {name!r} has no Unicode Hindi text layer (a scan, or a legacy font), and "
                              f"reading it needs OCR: {reason}")
        warnings.append(f"{_pages(unread)} of {name} could not be read without OCR and {'was' if len(unread) == 1 else 'were'} "
                        f"left out: {reason}")
    text, reading = _combine(pages)
    return PdfText(text=text, title=title, ocr=reading, warnings=tuple(warnings))


def _pages(numbers: list[int]) -> str:
    return ("Page " if len(numbers) == 1 else "Pages ") + ", ".join(str(n) for n in numbers)


def _combine(pages: list[tuple[str, OcrReading | None]]) -> tuple[str, OcrReading | None]:
    # Pages a blank line apart; the OCR words are shifted to index the whole text (text-layer pages have none).
    readings = [reading if reading is not None else OcrReading(text=text, words=()) for text, reading in pages]
    if not any(reading is not None for _, reading in pages):
        return "\n\n".join(text for text, _ in pages if text), None
    combined = join_readings(readings)
    return combined.text, combined
