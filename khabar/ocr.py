"""Reading Hindi from images with Tesseract's Hindi model (through pytesseract), keeping each word's confidence.

Tesseract is a program, not a Python package: where it (or its Hindi model) is missing, ``ocr_status`` says so
and ``INSTALL_HINT`` says how to get it; nothing else here works without it.
"""

from __future__ import annotations

import io
import shutil
from dataclasses import dataclass
from functools import lru_cache

from khabar.ingest import IngestError
from khabar.model import OcrWord
from khabar.registry import Availability
from khabar.text import nfc

OCR_LANGUAGE = "hin"
# Tesseract's word confidence (0-100) under which a word is shown as doubtful.
LOW_CONFIDENCE = 60.0
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")
INSTALL_HINT = ("Install Tesseract with its Hindi model: on Debian or Ubuntu `apt-get install tesseract-ocr "
                "tesseract-ocr-hin` (scripts/setup.sh does this when run as root); on macOS `brew install tesseract "
                "tesseract-lang`; on Windows the Tesseract installer with the Hindi language ticked.")
# Tesseract reads text best at about 300 dpi; a smaller scan is enlarged up to this height of a page in pixels.
_MIN_HEIGHT = 1000
# Page segmentation: 3 is Tesseract's automatic layout analysis (columns, blocks), which suits news pages.
_CONFIG = "--oem 1 --psm 3"


class OcrUnavailable(IngestError):
    """Tesseract or its Hindi model is not installed; the message says how to install it."""


@dataclass(frozen=True)
class OcrReading:
    """Text read by OCR (NFC, one paragraph a line) with every word's span and confidence (0 to 1)."""

    text: str
    words: tuple[OcrWord, ...]

    @property
    def confidence(self) -> float | None:
        """Mean word confidence weighted by word length (None when no word was read)."""
        total = sum(w.end - w.start for w in self.words)
        if not total:
            return None
        return sum(w.confidence * (w.end - w.start) for w in self.words) / total

    def low_words(self, threshold: float = LOW_CONFIDENCE / 100) -> tuple[OcrWord, ...]:
        """The words read with a confidence under ``threshold``."""
        return tuple(w for w in self.words if w.confidence < threshold)


@lru_cache(maxsize=1)
def ocr_status() -> Availability:
    """Whether Tesseract with the Hindi model can run here, and if not, why and how to install it."""
    try:
        import pytesseract
    except ImportError:
        return Availability(False, "pytesseract is not installed (pip install -r requirements.txt). " + INSTALL_HINT)
    if shutil.which(pytesseract.pytesseract.tesseract_cmd) is None:
        return Availability(False, "Tesseract is not installed. " + INSTALL_HINT)
    try:
        languages = pytesseract.get_languages(config="")
    except (pytesseract.TesseractError, OSError) as error:
        return Availability(False, f"Tesseract does not run ({error}). " + INSTALL_HINT)
    if OCR_LANGUAGE not in languages:
        return Availability(False, "Tesseract's Hindi model (hin) is not installed. " + INSTALL_HINT)
    return Availability(True, "")


def require_ocr() -> None:
    """Raise OcrUnavailable, saying how to install Tesseract, where OCR cannot run."""
    status = ocr_status()
    if not status.ok:
        raise OcrUnavailable(f"Reading images needs OCR: {status.reason}")


def open_image(name: str, data: bytes):
    """The image in ``data`` as a PIL image (every frame of a multi-page TIFF is read by ``image_pages``)."""
    from PIL import Image, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(data))
        image.load()
    except (UnidentifiedImageError, OSError, ValueError) as error:
        raise IngestError(f"The file {name!r} is not an image Khabar can read ({error}).") from error
    return image


def image_pages(name: str, data: bytes) -> list:
    """Each page of an image file (a TIFF may hold several) as a PIL image."""
    from PIL import ImageSequence

    image = open_image(name, data)
    return [frame.copy() for frame in ImageSequence.Iterator(image)]


def _prepare(image):
    # Greyscale on white; a small scan is enlarged so that letters are tall enough for Tesseract's model.
    from PIL import Image

    if image.mode in ("RGBA", "LA", "P"):
        image = image.convert("RGBA")
        background = Image.new("RGBA", image.size, "white")
        image = Image.alpha_composite(background, image)
    image = image.convert("L")
    if image.height < _MIN_HEIGHT:
        scale = _MIN_HEIGHT / max(1, image.height)
        image = image.resize((round(image.width * scale), _MIN_HEIGHT), Image.Resampling.LANCZOS)
    return image


def read_image(image) -> OcrReading:
    """OCR one page image in Hindi: words joined into lines, the lines of a paragraph into one line of text."""
    import pytesseract

    require_ocr()
    try:
        data = pytesseract.image_to_data(_prepare(image), lang=OCR_LANGUAGE, config=_CONFIG,
                                         output_type=pytesseract.Output.DICT)
    except (pytesseract.TesseractError, OSError, RuntimeError) as error:
        raise IngestError(f"Tesseract could not read the image: {' '.join(str(error).split())}") from error
    return _assemble(data)


def _assemble(data: dict) -> OcrReading:
    # Tesseract's rows are words (level 5) numbered by block, paragraph and line; a paragraph becomes one line.
    pieces: list[str] = []
    words: list[OcrWord] = []
    length = 0
    previous_paragraph = None
    for i, raw in enumerate(data.get("text", ())):
        # Tesseract's Hindi model sometimes emits zero-width joiners after a virama: rendering hints, not text.
        word = nfc(" ".join(str(raw).split()).replace("\u200d", "").replace("\u200c", ""))
        if int(data["level"][i]) != 5 or not word:
            continue
        paragraph = (data["block_num"][i], data["par_num"][i])
        if pieces:
            separator = "\n" if paragraph != previous_paragraph else " "
            pieces.append(separator)
            length += 1
        previous_paragraph = paragraph
        try:
            confidence = max(0.0, min(100.0, float(data["conf"][i]))) / 100
        except (TypeError, ValueError):
            confidence = 0.0
        words.append(OcrWord(start=length, end=length + len(word), confidence=round(confidence, 4)))
        pieces.append(word)
        length += len(word)
    return OcrReading(text="".join(pieces), words=tuple(words))


def join_readings(readings: list[OcrReading]) -> OcrReading:
    """Several pages read by OCR as one text, a blank line between pages, word spans shifted to match."""
    pieces: list[str] = []
    words: list[OcrWord] = []
    length = 0
    for reading in readings:
        if not reading.text:
            continue
        if pieces:
            pieces.append("\n\n")
            length += 2
        words.extend(OcrWord(w.start + length, w.end + length, w.confidence) for w in reading.words)
        pieces.append(reading.text)
        length += len(reading.text)
    return OcrReading(text="".join(pieces), words=tuple(words))


def character_error_rate(reference: str, hypothesis: str) -> float:
    """Levenshtein distance between the two texts (whitespace runs as one space) over the reference's length."""
    ref = " ".join(reference.split())
    hyp = " ".join(hypothesis.split())
    if not ref:
        return 0.0 if not hyp else 1.0
    previous = list(range(len(hyp) + 1))
    for i, ref_char in enumerate(ref, 1):
        current = [i]
        for j, hyp_char in enumerate(hyp, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ref_char != hyp_char)))
        previous = current
    return previous[-1] / len(ref)


def read_image_file(name: str, data: bytes) -> OcrReading:
    """OCR every page of an image file (.png, .jpg, .tif) in Hindi."""
    require_ocr()
    return join_readings([read_image(page) for page in image_pages(name, data)])
