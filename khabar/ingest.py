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

from lxml import etree

from khabar.hygiene import count_bidi, count_controls, display_text, strip_controls
from khabar.text import devanagari_share, has_devanagari, shorten

MAX_BYTES = 2 * 1024 * 1024
MAX_CHARS = 200_000
# Limits checked before (or while) the work, so no upload can take minutes or gigabytes. Browsers stop nesting
# around 512 levels; a long news page has a few thousand elements.
MAX_HTML_DEPTH = 512
MAX_HTML_ELEMENTS = 200_000
# A .docx is a zip: its parts together may inflate to this much, in at most this many parts.
MAX_DOCX_INFLATED = 16 * 1024 * 1024
# python-docx builds a Python object per XML element: past this many tags its parse alone takes many seconds.
MAX_DOCX_TAGS = 500_000
MAX_DOCX_ENTRIES = 1_000
MAX_TITLE_CHARS = 200
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
    removed = count_controls(text)
    cleaned = strip_controls(text.replace("\r\n", "\n").replace("\r", "\n")) if removed else text
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
    title, title_notes = clean_title(title_hint)
    return IngestedText(text=cleaned, title_hint=title, encoding=encoding or "text", warnings=tuple(notes + title_notes))


def clean_title(title: str, *, max_chars: int = MAX_TITLE_CHARS) -> tuple[str, list[str]]:
    """A title on one line, without controls or bidi overrides, cut at a word to ``max_chars`` with an ellipsis;
    with a warning for each change a reader should know of.
    """
    notes: list[str] = []
    bidi = count_bidi(title)
    if bidi:
        notes.append(f"The title held {bidi} bidirectional override character{'s' if bidi != 1 else ''} "
                     "(U+202A–U+202E, U+2066–U+2069), which can make text display in a misleading order; "
                     "they were removed.")
    given = len(title)
    # Only the head can survive the cut: the cleaning works on that, however long the title is.
    title = " ".join(display_text(title[: 8 * max_chars]).split())
    if len(title) > max_chars or given > 8 * max_chars:
        notes.append(f"The title was {given:,} characters long; it was cut to the limit of {max_chars:,}.")
        title = shorten(title, max_chars)
    return title, notes


def _one_line(message: object) -> str:
    return " ".join(str(message).split())


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


class _TextCollector:
    """An lxml parser target: block-separated text, the first <article>/<main> regions and title candidates.

    libxml2 tokenises and closes implied elements in C; this side handles each event once with counters instead
    of tree walks, so the work is linear in the input and stops at the first limit passed.
    """

    def __init__(self, *, max_depth: int, max_elements: int) -> None:
        self.max_depth, self.max_elements = max_depth, max_elements
        self.stack: list[str] = []
        self.elements = 0
        self.dropping = 0  # open elements whose content is dropped (scripts, page furniture)
        self.pre = 0
        self.pieces: list[str] = []
        self.regions: dict[str, list[int]] = {}  # first article/main: [start piece, end piece]
        self.h1: list[str] | None = None
        self.h1_done = False
        self.og_title = ""
        self.title: list[str] | None = None
        self.title_done = False

    def start(self, tag: str, attrib) -> None:
        self.elements += 1
        if self.elements > self.max_elements:
            raise _LimitReached(f"has more than {self.max_elements:,} HTML elements; the limit is "
                                f"{self.max_elements:,}")
        tag = tag.lower() if isinstance(tag, str) else ""
        self.stack.append(tag)
        if len(self.stack) > self.max_depth:
            raise _LimitReached(f"nests HTML elements more than {self.max_depth:,} levels deep; the limit is "
                                f"{self.max_depth:,} levels")
        if (tag == "meta" and not self.og_title and (attrib.get("property") or "").lower() == "og:title"
                and attrib.get("content")):
                self.og_title = str(attrib["content"]).strip()
        if tag in _DROP_TAGS:
            self.dropping += 1
        elif tag == "pre":
            self.pre += 1
        elif tag in ("article", "main") and tag not in self.regions:
            self.regions[tag] = [len(self.pieces), -1, len(self.stack)]
        elif tag == "h1" and not self.h1_done and self.h1 is None:
            self.h1 = []
        if tag == "title" and not self.title_done and self.title is None:
            self.title = []
        if (tag in _BLOCK_TAGS or tag == "br") and not self.dropping:
            self.pieces.append("\n")

    def end(self, tag: str) -> None:
        depth = len(self.stack)
        tag = self.stack.pop() if self.stack else ""
        if tag in _DROP_TAGS:
            self.dropping -= 1
        elif tag == "pre":
            self.pre -= 1
        elif tag == "h1" and self.h1 is not None and not self.h1_done:
            self.h1_done = bool("".join(self.h1).strip())
            if not self.h1_done:
                self.h1 = None
        region = self.regions.get(tag)
        if region is not None and region[1] < 0 and region[2] == depth:
            region[1] = len(self.pieces)
        if tag == "title" and self.title is not None:
            self.title_done = True
        if tag in _BLOCK_TAGS and not self.dropping:
            self.pieces.append("\n")

    def data(self, data: str) -> None:
        if self.h1 is not None and not self.h1_done:
            self.h1.append(data)
        if self.title is not None and not self.title_done:
            self.title.append(data)
        if not self.dropping:
            self.pieces.append(data if self.pre else _SPACE_RUN.sub(" ", data))

    def comment(self, text: str) -> None:
        """Comments are not text."""

    def close(self) -> _TextCollector:
        """The collector itself, for ``parser.close()``."""
        return self

    def text_of(self, start: int = 0, end: int | None = None) -> str:
        """The collected text between two piece indices, one line per block."""
        text = "".join(self.pieces[start:end])
        lines = [" ".join(line.split()) for line in text.split("\n")]
        return "\n".join(line for line in lines if line)


class _LimitReached(Exception):
    """The markup passed one of the parsing limits; the message names the limit."""


_SPACE_RUN = re.compile(r"\s+")


def html_to_text(markup: str, *, max_depth: int = MAX_HTML_DEPTH, max_elements: int = MAX_HTML_ELEMENTS
                 ) -> tuple[str, str]:
    """Readable text of an HTML page (scripts, styles and page furniture dropped; one line per block) and a
    title hint from its ``<h1>``, ``og:title`` or ``<title>``.

    Raises IngestError past ``max_depth`` levels of nesting or ``max_elements`` elements, naming the limit.
    """
    # Each "<" or "&" can cost a parser event in Python: counted first, at C speed, so a page of millions of
    # them is refused before the parse instead of after it.
    marks = markup.count("<") + markup.count("&")
    if marks > 4 * max_elements:
        raise IngestError(f"The page has {marks:,} tags and character references; the limit is {4 * max_elements:,}.")
    collector = _TextCollector(max_depth=max_depth, max_elements=max_elements)
    # No network, no entities, no DTD: the parser reads only the markup it is given.
    parser = etree.HTMLParser(target=collector, no_network=True, remove_comments=True, remove_pis=True,
                              huge_tree=False)
    try:
        parser.feed(markup)
        parser.close()
    except _LimitReached as error:
        raise IngestError(f"The page {error}.") from None
    except etree.LxmlError as error:
        raise IngestError(f"The page could not be read as HTML ({_one_line(error)}).") from None
    title = ""
    if collector.h1:
        title = "".join(collector.h1)
    if not " ".join(title.split()):
        title = collector.og_title
    if not title and collector.title:
        title = "".join(collector.title).strip()
    # Prefer the article body where the page marks one and it holds the Hindi.
    body = collector.text_of()
    for tag in ("article", "main"):
        region = collector.regions.get(tag)
        if region is not None:
            text = collector.text_of(region[0], region[1] if region[1] >= 0 else None)
            if has_devanagari(text):
                body = text
                break
    return body, " ".join(title.split())


# Word ----------------------------------------------------------------------------------------------


def _read_docx(name: str, data: bytes) -> tuple[str, str]:
    if not data.startswith(b"PK"):
        _refuse_known_binary(name, data)
        raise IngestError(f"{_label(name)} is not a valid .docx file (a .docx is a zip archive).")
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError

        _check_docx_archive(name, data)
        document = docx.Document(io.BytesIO(data))
    except IngestError:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, NotImplementedError, RuntimeError, EOFError,
            etree.LxmlError) as error:
        raise IngestError(f"{_label(name)} is not a valid .docx file: {_one_line(error)}.") from error
    except PackageNotFoundError as error:
        raise IngestError(f"{_label(name)} is not a valid .docx file (no Word document inside).") from error
    # One pass over the body's XML: python-docx's cell and style objects walk the tree again for every
    # paragraph and every vertically merged cell, which is quadratic on a long document.
    style_names = {style.style_id: style.name or "" for style in document.styles}
    lines: list[str] = []
    title = ""
    for child in document.element.body.iterchildren():
        if child.tag == _W_P:
            text = " ".join(_paragraph_text(child).split())
            if text:
                lines.append(text)
                style = style_names.get(child.style or "", "")
                if not title and (style == "Title" or style.startswith("Heading")):
                    title = text
        elif child.tag == _W_TBL:
            lines.extend(_table_lines(child))
    core_title = (document.core_properties.title or "").strip()
    return "\n".join(lines), title or core_title


def _check_docx_archive(name: str, data: bytes) -> None:
    """Refuse a .docx whose zip holds too many parts or inflates past the limit, before python-docx reads it.

    The central directory's sizes are checked first; then every part is inflated in chunks and counted (bytes,
    and tags of the XML parts), since a declared size can lie.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        entries = archive.infolist()
        if len(entries) > MAX_DOCX_ENTRIES:
            raise IngestError(f"{_label(name)} holds {len(entries):,} parts; the limit for a .docx is "
                              f"{MAX_DOCX_ENTRIES:,}.")
        declared = sum(entry.file_size for entry in entries)
        if declared > MAX_DOCX_INFLATED:
            raise IngestError(f"{_label(name)} would inflate to {format_size(declared)}; the limit for a .docx is "
                              f"{format_size(MAX_DOCX_INFLATED)} uncompressed.")
        inflated = tags = 0
        for entry in entries:
            markup = entry.filename.lower().endswith((".xml", ".rels"))
            with archive.open(entry) as part:
                while chunk := part.read(_INFLATE_CHUNK):
                    inflated += len(chunk)
                    if markup:
                        tags += chunk.count(b"<")
                        if tags > MAX_DOCX_TAGS:
                            raise IngestError(f"{_label(name)} has more than {MAX_DOCX_TAGS:,} XML tags; the limit "
                                              f"for a .docx is {MAX_DOCX_TAGS:,}.")
                    if inflated > MAX_DOCX_INFLATED:
                        raise IngestError(f"{_label(name)} inflates to more than {format_size(MAX_DOCX_INFLATED)}; "
                                          f"the limit for a .docx is {format_size(MAX_DOCX_INFLATED)} uncompressed.")


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_W_P, _W_TBL, _W_TR, _W_TC, _W_T = _W + "p", _W + "tbl", _W + "tr", _W + "tc", _W + "t"
_W_TAB, _W_BR, _W_CR, _W_VMERGE, _W_TCPR = _W + "tab", _W + "br", _W + "cr", _W + "vMerge", _W + "tcPr"
_INFLATE_CHUNK = 1024 * 1024


def _paragraph_text(paragraph) -> str:
    # Runs, hyperlinks and fields alike: every w:t in the paragraph, with tabs and breaks as spaces.
    pieces = []
    for node in paragraph.iter(_W_T, _W_TAB, _W_BR, _W_CR):
        pieces.append(node.text or "" if node.tag == _W_T else " ")
    return "".join(pieces)


def _table_lines(table) -> list[str]:
    # Each cell once: a vertically merged cell's continuation repeats the cell above, so it is skipped.
    lines: list[str] = []
    for row in table.iterchildren(_W_TR):
        for cell in row.iterchildren(_W_TC):
            merge = cell.find(f"{_W_TCPR}/{_W_VMERGE}")
            if merge is not None and merge.get(_W + "val", "continue") == "continue":
                continue
            for child in cell.iterchildren(_W_P, _W_TBL):
                if child.tag == _W_P:
                    text = " ".join(_paragraph_text(child).split())
                    if text:
                        lines.append(text)
                else:
                    lines.extend(_table_lines(child))
    return lines
