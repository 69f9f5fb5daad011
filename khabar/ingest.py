"""Reading what a user uploads or pastes: .txt, .md, .html/.htm and .docx, in whatever common encoding, into
plain Hindi text, or an ``IngestError`` whose message says what is wrong and what to do.
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePath

from khabar.text import devanagari_share, has_devanagari

MAX_BYTES = 2 * 1024 * 1024
MAX_CHARS = 200_000
TEXT_SUFFIXES = (".txt", ".text", "")
MARKDOWN_SUFFIXES = (".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
DOCX_SUFFIXES = (".docx",)
SUPPORTED = ".txt, .md, .html, .htm or .docx"

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Magic numbers of files people upload by mistake, with the words to name them.
_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"RIFF", "a media file"),
    (b"\xd0\xcf\x11\xe0", "an old Word (.doc) or Office file"),
    (b"{\\rtf", "an RTF document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\x7fELF", "a program"),
    (b"MZ", "a program"),
    (b"SQLite format 3", "a database file"),
)

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class IngestError(ValueError):
    """The upload cannot be read as a Hindi article; the message says why in words a reader understands."""


@dataclass(frozen=True)
class IngestedText:
    """Text taken from an upload, ready for ``khabar.pipeline.analyze``."""

    text: str
    title_hint: str = ""
    encoding: str = ""
    warnings: tuple[str, ...] = field(default_factory=tuple)


def format_size(n: int) -> str:
    """A byte count in words a reader knows: ``"5 MB"``, ``"28.3 MB"``, ``"12 KB"``."""
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f}".removesuffix(".0") + " MB"
    return f"{max(1, round(n / 1024))} KB"


def read_upload(name: str, data: bytes, *, max_bytes: int = MAX_BYTES, max_chars: int = MAX_CHARS) -> IngestedText:
    """Extract the text of an uploaded file named ``name`` (its suffix picks the reader) and check it."""
    suffix = PurePath(name or "").suffix.lower()
    if not data or not data.strip():
        raise IngestError(f"{_label(name)} is empty.")
    if len(data) > max_bytes:
        raise IngestError(f"{_label(name)} is {format_size(len(data))}; the limit is {format_size(max_bytes)}. Upload a shorter article.")
    if suffix in DOCX_SUFFIXES:
        text, title = _read_docx(name, data)
        return check_text(text, title_hint=title, encoding="docx", max_chars=max_chars)
    _refuse_known_binary(name, data)
    if suffix in HTML_SUFFIXES:
        declared = _META_CHARSET.search(data[:4096])
        text, encoding, warnings = decode(data, name, declared.group(1).decode("ascii") if declared else None)
        body, title = html_to_text(text)
        return check_text(body, title_hint=title, encoding=encoding, warnings=warnings, max_chars=max_chars)
    if suffix in MARKDOWN_SUFFIXES:
        text, encoding, warnings = decode(data, name)
        body, title = markdown_to_text(text)
        return check_text(body, title_hint=title, encoding=encoding, warnings=warnings, max_chars=max_chars)
    if suffix not in TEXT_SUFFIXES:
        raise IngestError(f"{_label(name)}: files of type {suffix} are not supported; upload {SUPPORTED}.")
    text, encoding, warnings = decode(data, name)
    return check_text(text, encoding=encoding, warnings=warnings, max_chars=max_chars)


def check_text(text: str, *, title_hint: str = "", encoding: str = "", warnings: tuple[str, ...] | list[str] = (),
               max_chars: int = MAX_CHARS) -> IngestedText:
    """Check pasted or extracted text: not empty, not too long, Hindi; drop control characters and a BOM."""
    notes = list(warnings)
    if text.startswith("\ufeff"):
        text = text[1:]
    cleaned, removed = _CONTROL.subn("", text)
    if removed:
        notes.append(f"Removed {removed} control character{'s' if removed != 1 else ''}.")
    if not cleaned.strip():
        raise IngestError("The text is empty." if not text.strip() else "The text has no readable characters.")
    if len(cleaned) > max_chars:
        raise IngestError(
            f"The text is {len(cleaned):,} characters long; the limit is {max_chars:,}. Split the article into parts."
        )
    if not has_devanagari(cleaned):
        read_as = f" (read as {encoding})" if encoding and encoding not in ("utf-8", "text") else ""
        raise IngestError(
            f"No Devanagari (Hindi) text found{read_as}. Khabar reads Hindi articles in Unicode; text in a legacy "
            "Hindi font such as Kruti Dev must be converted to Unicode first."
        )
    share = devanagari_share(cleaned)
    if share < 0.5:
        notes.append(f"Only {share:.0%} of the letters are Devanagari; the rest will be passed through as they are.")
    return IngestedText(text=cleaned, title_hint=" ".join(title_hint.split()), encoding=encoding or "text",
                        warnings=tuple(notes))


def _label(name: str) -> str:
    return f"The file {PurePath(name).name!r}" if name else "The upload"


def _refuse_known_binary(name: str, data: bytes) -> None:
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise IngestError(f"{_label(name)} looks like {what}, not text; upload {SUPPORTED}.")
    if data.startswith(b"PK\x03\x04"):
        raise IngestError(f"{_label(name)} is a zip archive (perhaps a .docx with the wrong name); upload {SUPPORTED}.")


# Decoding ------------------------------------------------------------------------------------------


def decode(data: bytes, name: str = "", declared: str | None = None) -> tuple[str, str, list[str]]:
    """Decode bytes to text: a BOM, else a declared charset, else UTF-8, else UTF-16 by its zero bytes, else a
    charset-normalizer guess; return ``(text, encoding, warnings)`` or raise IngestError.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding), encoding, []
            except UnicodeDecodeError as error:
                raise IngestError(f"{_label(name)} starts with a {encoding} marker but is not valid {encoding}.") from error
    if b"\x00" in data[:8192]:
        utf16 = _guess_utf16(data)
        if utf16:
            try:
                return data.decode(utf16), utf16, [f"Read as {utf16.upper()} (no byte-order mark)."]
            except UnicodeDecodeError:
                pass
        raise IngestError(f"{_label(name)} looks like a binary file, not text; upload {SUPPORTED}.")
    if declared:
        try:
            codec = codecs.lookup(declared).name
            text = data.decode(codec)
        except (LookupError, UnicodeDecodeError):
            pass
        else:
            return text, codec, []
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError:
        pass
    if _looks_binary(data):
        raise IngestError(f"{_label(name)} looks like a binary file, not text; upload {SUPPORTED}.")
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise IngestError(
            f"{_label(name)} could not be decoded: it is not UTF-8 or UTF-16 and no other encoding fits. "
            "Save it as UTF-8 and upload it again."
        )
    encoding = best.encoding
    text = str(best)
    return text, encoding, [f"Converted from {encoding} (the file was not UTF-8)."]


def _guess_utf16(data: bytes) -> str | None:
    # Text in UTF-16 without a BOM: Devanagari has 0x09 high bytes, ASCII has zero high bytes.
    if len(data) < 4 or len(data) % 2:
        return None
    even = data[0::2]
    odd = data[1::2]
    high_odd = sum(1 for b in odd if b in (0, 9)) / len(odd)
    high_even = sum(1 for b in even if b in (0, 9)) / len(even)
    if high_odd > 0.7 and high_even < 0.3:
        return "utf-16-le"
    if high_even > 0.7 and high_odd < 0.3:
        return "utf-16-be"
    return None


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls / max(1, len(sample)) > 0.05


# Markdown ------------------------------------------------------------------------------------------

_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n(?:---|\.\.\.)\s*(?:\n|\Z)", re.DOTALL)
_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_LIST = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+")
_QUOTE = re.compile(r"^\s{0,3}(?:>\s?)+")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)")
_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+.*$")
_AUTOLINK = re.compile(r"<(https?://[^>]+)>")
_TAG = re.compile(r"</?[A-Za-z][^>]*>|<!--.*?-->", re.DOTALL)
_EMPHASIS = re.compile(r"(\*\*|__|\*|_|~~)(?=\S)(.+?)(?<=\S)\1")
_CODE = re.compile(r"`+([^`]*)`+")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


def markdown_to_text(markdown: str) -> tuple[str, str]:
    """Plain text of a Markdown document (markup dropped, one line per block) and a title hint.

    The title hint is the front matter's ``title`` or the first heading.
    """
    title = ""
    front = _FRONT_MATTER.match(markdown)
    if front:
        for line in front.group(1).splitlines():
            key, _, value = line.partition(":")
            if key.strip().lower() == "title" and value.strip():
                title = value.strip().strip("'\"")
        markdown = markdown[front.end():]
    lines: list[str] = []
    paragraph: list[str] = []
    in_fence = False

    def flush() -> None:
        if paragraph:
            lines.append(" ".join(paragraph))
            paragraph.clear()

    for raw in markdown.splitlines():
        if _FENCE.match(raw):
            flush()
            in_fence = not in_fence
            continue
        if in_fence:
            if raw.strip():
                lines.append(raw.strip())
            continue
        if not raw.strip():
            flush()
            continue
        if _RULE.match(raw) or _REF_DEF.match(raw) or _TABLE_RULE.match(raw):
            flush()
            continue
        if _SETEXT.match(raw) and paragraph:
            heading = " ".join(paragraph)
            paragraph.clear()
            lines.append(_inline(heading))
            title = title or _inline(heading)
            continue
        heading = _HEADING.match(raw)
        if heading:
            flush()
            text = _inline(heading.group(2))
            if text:
                lines.append(text)
                title = title or text
            continue
        line = raw
        starts_block = bool(_LIST.match(line) or _QUOTE.match(line) or "|" in line)
        line = _QUOTE.sub("", line)
        line = _LIST.sub("", line)
        if line.count("|") >= 2:
            line = "  ".join(cell.strip() for cell in line.strip().strip("|").split("|"))
        if starts_block:
            flush()
            text = _inline(line)
            if text:
                lines.append(text)
            continue
        paragraph.append(_inline(line))
    flush()
    return "\n".join(line for line in lines if line), title


def _inline(text: str) -> str:
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _REF_LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _TAG.sub("", text)
    text = _CODE.sub(r"\1", text)
    for _ in range(3):  # nested emphasis
        text = _EMPHASIS.sub(r"\2", text)
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!|>])", r"\1", text)
    return " ".join(text.split())


# HTML ----------------------------------------------------------------------------------------------

_DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "svg", "canvas", "object", "embed", "form",
              "button", "select", "input", "textarea", "nav", "footer", "aside", "head", "title")
_BLOCK_TAGS = frozenset(
    ["address", "article", "blockquote", "dd", "details", "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "li", "main", "ol", "p", "pre", "section", "summary", "table", "tbody", "thead", "tfoot", "tr", "td", "th", "ul", "caption"]
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)


def html_to_text(markup: str) -> tuple[str, str]:
    """Readable text of an HTML page (scripts, styles and page furniture dropped; one line per block) and a
    title hint from its ``<h1>``, ``og:title`` or ``<title>``.
    """
    from bs4 import BeautifulSoup, Comment, NavigableString

    soup = BeautifulSoup(markup, "html.parser")
    title = ""
    heading = soup.find("h1")
    if heading and heading.get_text(strip=True):
        title = heading.get_text(" ", strip=True)
    if not title:
        og = soup.find("meta", attrs={"property": "og:title"})
        if og and og.get("content"):
            title = str(og["content"]).strip()
    if not title and soup.title and soup.title.string:
        title = soup.title.string.strip()
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    # Prefer the article body where the page marks one and it holds the Hindi.
    root = soup.body or soup
    for candidate in (soup.find("article"), soup.find("main")):
        if candidate is not None and has_devanagari(candidate.get_text()):
            root = candidate
            break
    for node in list(root.find_all(string=True)):
        if node.find_parent("pre") is None:
            node.replace_with(NavigableString(re.sub(r"\s+", " ", str(node))))
    for br in root.find_all("br"):
        br.replace_with(NavigableString("\n"))
    for tag in root.find_all(_BLOCK_TAGS):
        tag.insert_before(NavigableString("\n"))
        tag.insert_after(NavigableString("\n"))
    text = root.get_text()
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return "\n".join(line for line in lines if line), " ".join(title.split())


# Word ----------------------------------------------------------------------------------------------


def _read_docx(name: str, data: bytes) -> tuple[str, str]:
    if not data.startswith(b"PK"):
        _refuse_known_binary(name, data)
        raise IngestError(f"{_label(name)} is not a valid .docx file (a .docx is a zip archive).")
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError

        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise IngestError(f"{_label(name)} is not a valid .docx file: {error}.") from error
    except PackageNotFoundError as error:
        raise IngestError(f"{_label(name)} is not a valid .docx file (no Word document inside).") from error
    lines: list[str] = []
    title = ""
    for block in _docx_blocks(document):
        text = " ".join(block.split())
        if text:
            lines.append(text)
    for paragraph in document.paragraphs:
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        if style in ("Title",) or style.startswith("Heading"):
            title = " ".join(paragraph.text.split())
            if title:
                break
    core_title = (document.core_properties.title or "").strip()
    return "\n".join(lines), title or core_title


def _docx_blocks(document) -> list[str]:
    # Paragraphs and table cells in document order.
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    blocks: list[str] = []
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            blocks.append(item.text)
        elif isinstance(item, Table):
            for row in item.rows:
                seen = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:  # merged cells repeat
                        continue
                    seen.add(id(cell._tc))
                    blocks.extend(p.text for p in cell.paragraphs)
    return blocks
