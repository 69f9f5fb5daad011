"""One entry point for every file Khabar reads: text, Markdown, HTML and Word through ``khabar.ingest``, PDFs
through ``khabar.pdf`` and images through OCR (``khabar.ocr``), with the OCR's word confidences kept.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import PurePath

from khabar.ingest import MAX_BYTES, MAX_CHARS, IngestedText, IngestError, check_text, format_size, read_upload
from khabar.model import ArticleMeta
from khabar.ocr import IMAGE_SUFFIXES, OcrReading, read_image_file
from khabar.pdf import read_pdf

PDF_SUFFIXES = (".pdf",)
DOCUMENT_SUFFIXES = PDF_SUFFIXES + IMAGE_SUFFIXES
TEXT_FILE_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml", ".docx")
SUPPORTED_SUFFIXES = TEXT_FILE_SUFFIXES + DOCUMENT_SUFFIXES
# Scans and e-paper PDFs are much larger than the text they hold.
DOCUMENT_MAX_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class DocumentText(IngestedText):
    """Text read from a file, as ``IngestedText``, with the OCR reading (spans index ``text``) where OCR ran."""

    ocr: OcrReading | None = None

    def article_meta(self, meta: ArticleMeta) -> ArticleMeta:
        """``meta`` with the OCR confidence and the low-confidence words where this text came from OCR."""
        if self.ocr is None or self.ocr.confidence is None:
            return meta
        return dataclasses.replace(meta, ocr_confidence=round(self.ocr.confidence, 4),
                                   ocr_words=self.ocr.low_words())


def max_bytes_for(name: str, default: int = MAX_BYTES) -> int:
    """The size limit for a file called ``name``: larger for PDFs and images than for text."""
    return DOCUMENT_MAX_BYTES if PurePath(name).suffix.lower() in DOCUMENT_SUFFIXES else default


def read_document(name: str, data: bytes, *, max_bytes: int | None = None, max_chars: int = MAX_CHARS) -> DocumentText:
    """The checked Hindi text of a file of any supported type; IngestError says what is wrong with it."""
    suffix = PurePath(name or "").suffix.lower()
    if suffix not in DOCUMENT_SUFFIXES:
        return _as_document(read_upload(name, data, max_bytes=max_bytes or MAX_BYTES, max_chars=max_chars))
    limit = max_bytes or DOCUMENT_MAX_BYTES
    label = PurePath(name).name
    if not data:
        raise IngestError(f"The file {label!r} is empty.")
    if len(data) > limit:
        raise IngestError(f"The file {label!r} is {format_size(len(data))}; the limit is {format_size(limit)}.")
    if suffix in PDF_SUFFIXES:
        pdf = read_pdf(label, data)
        text, title, reading, warnings = pdf.text, pdf.title, pdf.ocr, pdf.warnings
        encoding = "pdf" if reading is None else "pdf+ocr"
    else:
        reading = read_image_file(label, data)
        text, title, warnings, encoding = reading.text, "", (), "ocr"
    checked = check_text(text, title_hint=title, encoding=encoding, warnings=warnings, max_chars=max_chars)
    if checked.text != text:  # check_text dropped characters: the OCR spans would no longer line up
        reading = None
    return DocumentText(text=checked.text, title_hint=checked.title_hint, encoding=checked.encoding,
                        warnings=checked.warnings, ocr=reading)


def _as_document(ingested: IngestedText) -> DocumentText:
    fields = {f.name: getattr(ingested, f.name) for f in dataclasses.fields(IngestedText)}
    return DocumentText(**fields)
