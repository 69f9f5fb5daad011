"""The command line, ``python -m khabar``: analyze, export, translate, engines, entities, timeline, models, library.

Bad input ends with one clear line on stderr and a non-zero exit, never a traceback (set KHABAR_DEBUG=1 to see
one). Offsets printed are Python string indices into the file's text as given: decoded, before normalisation.
A byte-order mark is an encoding mark, not text: a UTF-8 file is decoded as ``utf-8-sig``, so offset 0 is the
first character after a BOM (likewise for UTF-16/32 files with a BOM). stdout carries only the result; warnings
and progress go to stderr.
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from khabar.documents import SUPPORTED_SUFFIXES, DocumentText, max_bytes_for, read_document
from khabar.hygiene import atomic_write, dumps, terminal_text
from khabar.ingest import IngestedText, IngestError, check_text, clean_title, format_size
from khabar.model import Article, ArticleMeta, plain
from khabar.paths import app_dir
from khabar.registry import EngineUnavailable
from khabar.store_sql import LibraryError

# Each command imports the engines, the pipeline and the library inside its own function: `khabar --help`,
# `khabar engines` or `khabar library` start without loading the gloss, the taggers or SQLite they do not run
# (tests/test_layers.py lists these lazy imports).
EXIT_ERROR = 1
EXIT_USAGE = 2

# Longer than an upload allows (a benchmark feeds it the seed a hundred times, about 200,900 characters), yet
# small enough that `analyze` ends in about a minute instead of running for many minutes without a word.
CLI_MAX_BYTES = 5 * 1024 * 1024
CLI_MAX_CHARS = 2_000_000
# Past this many sentences `analyze` and `export` report progress on stderr even when it is not a terminal.
PROGRESS_SENTENCES = 200
READ_CHUNK = 1024 * 1024
BOM_NOTE = "A UTF-8 byte-order mark is not part of the text: offset 0 is the first character after it."


class _TerminalSafe(io.TextIOBase):
    """A text stream that passes on what is written without escape sequences, controls or bidi overrides.

    Titles, translations and entity names come from files and engines: whatever they hold, the terminal
    showing the output receives only text.
    """

    def __init__(self, stream) -> None:
        super().__init__()
        self.unfiltered = stream

    def write(self, text: str) -> int:
        self.unfiltered.write(terminal_text(text))
        return len(text)

    def flush(self) -> None:
        self.unfiltered.flush()

    def isatty(self) -> bool:
        return bool(getattr(self.unfiltered, "isatty", lambda: False)())

    @property
    def encoding(self) -> str:
        return getattr(self.unfiltered, "encoding", "utf-8")

    @property
    def buffer(self):
        """The byte stream underneath, for output that is already bytes."""
        return self.unfiltered.buffer


class CliError(Exception):
    """A problem to report as one line on stderr; ``code`` is the exit status."""

    def __init__(self, message: str, code: int = EXIT_ERROR) -> None:
        super().__init__(message)
        self.code = code


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, not the whole usage block
        raise CliError(f"{self.prog}: {message} (see --help)", EXIT_USAGE)


# Input ---------------------------------------------------------------------------------------------


def _too_large(path: str, size: int, limit: int = CLI_MAX_BYTES) -> CliError:
    return CliError(f"{path}: the file is {format_size(size)}; the limit is {format_size(limit)} "
                    f"({CLI_MAX_CHARS:,} characters). Split the article into parts.")


def _read_bounded(stream, label: str, limit: int = CLI_MAX_BYTES) -> bytes:
    """At most ``limit`` bytes from ``stream``, read in chunks, so a device or a pipe that never ends is refused."""
    chunks: list[bytes] = []
    size = 0
    while size <= limit:
        chunk = stream.read(min(READ_CHUNK, limit + 1 - size))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
    raise CliError(f"{label}: more than {format_size(limit)} of input; the limit is "
                   f"{format_size(limit)} ({CLI_MAX_CHARS:,} characters). Split the article into parts.")


def read_input(path: str) -> IngestedText:
    """The text of FILE (``-`` reads stdin), checked as a Hindi article, with its title hint and any warnings.

    A UTF-8 file is decoded as ``utf-8-sig`` and otherwise kept exactly as decoded, so offsets index it as other
    tools read it; other encodings and .md/.html/.docx go through ``khabar.ingest``, which drops a BOM too.
    """
    if path == "-":
        data = _read_bounded(sys.stdin.buffer, "stdin")
        name = "stdin.txt"
    else:
        file = Path(path)
        if not file.exists():
            raise CliError(f"{path}: no such file")
        if file.is_dir():
            raise CliError(f"{path}: is a folder, not a file")
        limit = max_bytes_for(file.name, CLI_MAX_BYTES)  # PDFs and scans may be larger than text
        try:
            size = file.stat().st_size
            if size > limit:  # before reading it: a huge file is refused at once
                raise _too_large(path, size, limit)
            with file.open("rb") as stream:  # a device, a pipe or a growing file stops at the limit too
                data = _read_bounded(stream, path, limit)
        except OSError as error:
            raise CliError(f"{path}: cannot be read ({error.strerror or error})") from error
        name = file.name
    suffix = Path(name).suffix.lower()
    try:
        if suffix in ("", ".txt", ".text") and b"\x00" not in data:
            try:
                text = data.decode("utf-8-sig")
            except UnicodeDecodeError:
                pass
            else:
                checked = check_text(text, encoding="utf-8", max_chars=CLI_MAX_CHARS)
                return IngestedText(text=text, encoding="utf-8", warnings=checked.warnings)
        return read_document(name, data, max_bytes=max_bytes_for(name, CLI_MAX_BYTES), max_chars=CLI_MAX_CHARS)
    except IngestError as error:
        raise CliError(f"{path}: {error}") from error


def _published(value: str | None) -> str | None:
    if value is None:
        return None
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise CliError(f"--published {value!r}: expected a date as YYYY-MM-DD", EXIT_USAGE)
    try:
        date.fromisoformat(value)
    except ValueError as error:
        raise CliError(f"--published {value!r}: not a real date ({error})", EXIT_USAGE) from error
    return value


def _check_translators(names: Sequence[str]) -> None:
    from khabar.engines import translators

    registry = translators()
    for name in names:
        try:
            engine = registry.get(name)  # by name: listing every engine would import the online clients
        except KeyError:
            raise CliError(f"no translation engine called {name!r} (known: {', '.join(registry.names())})",
                           EXIT_USAGE) from None
        wait_for_probe = getattr(engine, "wait_for_probe", None)
        if wait_for_probe is not None:
            wait_for_probe()  # the command line can wait a few seconds for the reachability probe; a page never does
        try:
            registry.require(name)
        except EngineUnavailable as error:
            raise CliError(str(error)) from error


def _warn(lines: Sequence[str]) -> None:
    for line in lines:
        print(f"khabar: warning: {line}", file=sys.stderr)


class _Progress:
    """Stage-by-stage progress on stderr: rewritten in place on a terminal, else a line every few seconds."""

    def __init__(self, stream=None, interval: float = 5.0) -> None:
        self.stream = stream or sys.stderr
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.interval = interval
        self.started = time.monotonic()
        self.last = float("-inf")
        self.stage = ""
        self.width = 0

    def __call__(self, stage: str, fraction: float, message: str) -> None:
        now = time.monotonic()
        if stage == self.stage and fraction < 1.0 and now - self.last < (0.2 if self.tty else self.interval):
            return
        self.stage, self.last = stage, now
        line = f"khabar: {stage}: {message} ({now - self.started:.0f} s)"
        if self.tty:  # the carriage return is the display's own; the terminal filter would drop it
            getattr(self.stream, "unfiltered", self.stream).write("\r" + line.ljust(self.width))
            self.width = len(line)
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    def done(self) -> None:
        """End the progress display (a terminal's rewritten line gets its newline)."""
        if self.tty and self.width:
            self.stream.write("\n")
            self.stream.flush()


def _wants_progress(sentences: int) -> bool:
    return sys.stderr.isatty() or sentences > PROGRESS_SENTENCES


# Offsets back to the text as given ------------------------------------------------------------------


def as_given(article: Article, original: str) -> dict[str, Any]:
    """The article as plain data with every offset (and span text) indexing ``original``, the text as given."""
    def span(item: Any) -> dict[str, Any]:
        data = plain(item)
        start, end = article.given_offset(item.start), article.given_offset(item.end)
        data["start"], data["end"], data["text"] = start, end, original[start:end]
        return data

    data = article.to_dict()
    data.pop("source_map", None)
    data["text"] = original
    data["sentences"] = [span(s) for s in article.sentences]
    data["entities"] = [span(e) for e in article.entities]
    data["timexes"] = [span(t) for t in article.timexes]
    return data


# Commands ------------------------------------------------------------------------------------------


def _analyse(args: argparse.Namespace) -> tuple[Article, str, list[str]]:
    from khabar.pipeline import enrich, make_article
    from khabar.translate.base import MemoryCache

    ingested = read_input(args.file)
    published = _published(getattr(args, "published", None))
    engines = args.engine or ["gloss"]
    _check_translators(engines)
    # The title found in an HTML, Markdown or Word file stands in when --title is not given.
    given, title_warnings = clean_title(getattr(args, "title", None) or "")
    _warn(title_warnings)
    title = given or ingested.title_hint
    meta = ArticleMeta(title=title, published=published or "")
    if isinstance(ingested, DocumentText):  # read by OCR: keep its confidence and doubtful words
        meta = ingested.article_meta(meta)
    article = make_article(ingested.text, meta)
    if not _wants_progress(len(article.sentences)):
        article = enrich(article, translators=engines, ner=args.ner, cache=MemoryCache())
        return article, ingested.text, list(ingested.warnings)
    progress = _Progress()
    count = len(article.sentences)
    progress("split", 1.0, f"{count:,} sentence{'' if count == 1 else 's'}")
    try:
        article = enrich(article, translators=engines, ner=args.ner, cache=MemoryCache(), progress=progress)
    finally:
        progress.done()
    return article, ingested.text, list(ingested.warnings)


def cmd_analyze(args: argparse.Namespace) -> int:
    """Print the analysed article as JSON."""
    article, text, warnings = _analyse(args)
    _warn(warnings)
    _warn(article.notes)
    print(dumps(as_given(article, text), indent=2 if args.pretty else None))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Write the article as a standalone HTML, Markdown or JSON document."""
    from khabar.export import export

    article = _article_from_json(args.file)
    if article is None:
        article, _, warnings = _analyse(args)
        _warn(warnings)
    output = export(article, args.format, engine=args.translation)
    if args.output and args.output != "-":
        target = Path(args.output)
        try:
            data = output if isinstance(output, bytes) else output.encode("utf-8")
        except UnicodeEncodeError as error:
            raise CliError(f"{args.output}: not written: the article holds text that is not valid Unicode "
                           f"({error.reason} at character {error.start:,})") from error
        try:
            # Through a temporary file and a rename: a failed export leaves an existing OUT as it was.
            atomic_write(target, data)
        except OSError as error:
            raise CliError(f"{args.output}: cannot be written ({error.strerror or error})") from error
        print(f"Wrote {target}", file=sys.stderr)
    elif isinstance(output, bytes):
        sys.stdout.buffer.write(output)
    else:
        sys.stdout.write(output if output.endswith("\n") else output + "\n")
    return 0


def _article_from_json(path: str) -> Article | None:
    # An Article saved by `analyze` or `export --format json` can be exported without analysing again.
    if not path.lower().endswith(".json") or not Path(path).is_file():
        return None
    try:
        with open(path, "rb") as stream:
            data = json.loads(_read_bounded(stream, path).decode("utf-8-sig"))
        return Article.from_dict(data)
    except OSError as error:
        raise CliError(f"{path}: cannot be read ({error.strerror or error})") from error
    except (ValueError, KeyError, TypeError, UnicodeDecodeError) as error:
        raise CliError(f"{path}: not an article JSON file ({_one_line(error)})") from error


def cmd_translate(args: argparse.Namespace) -> int:
    """Translate each line of FILE; print one English line per input line."""
    from khabar.engines import translators

    ingested = read_input(args.file)
    text = ingested.text
    _warn(ingested.warnings)
    _check_translators([args.engine])
    engine = translators().get(args.engine)
    lines = _lines(text)
    todo = list(dict.fromkeys(line.strip() for line in lines if line.strip()))
    try:
        results = engine.translate(todo) if todo else []
    except Exception as error:  # an engine's own failure is reported in one line
        raise CliError(f"{engine.info.label} failed: {_one_line(error)}") from error
    found = dict(zip(todo, results, strict=True))
    failed = [(line, found[line].error) for line in todo if found[line].text is None]
    if todo and len(failed) == len(todo):
        raise CliError(f"{engine.info.label} translated nothing: {_one_line(failed[0][1] or 'no result')}")
    out = []
    for line in lines:
        key = line.strip()
        result = found.get(key)
        out.append((result.text or "") if result is not None else "")
    sys.stdout.write("\n".join(" ".join(line.split("\n")) for line in out) + "\n")
    if failed:
        print(f"khabar: {engine.info.label} failed on {len(failed)} of {len(todo)} lines "
              f"(left empty): {_one_line(failed[0][1] or 'no result')}", file=sys.stderr)
        return EXIT_ERROR
    return 0


def _lines(text: str) -> list[str]:
    lines = re.split(r"\r\n|\n|\r", text)
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def _one_line(message: object) -> str:
    return " ".join(str(message).split())


def cmd_engines(args: argparse.Namespace) -> int:
    """List every engine with its availability and the reason."""
    from khabar.engines import all_engines, translators

    # Start every reachability probe, then wait for them together (a few seconds at most, not per engine).
    online = [e for e in translators() if getattr(e, "wait_for_probe", None) is not None]
    for engine in online:
        engine.availability()
    for engine in online:
        engine.wait_for_probe()
    rows = all_engines()
    if args.json:
        print(dumps(rows, indent=2))
        return 0
    width = max((len(r["name"]) for r in rows), default=4)
    for row in rows:
        state = "available" if row["available"] else "unavailable"
        where = "online" if row.get("online") else "offline"
        reason = f" — {row['reason']}" if row.get("reason") else ""
        print(f"{row['kind']:<10} {row['name']:<{width}}  {state:<11} {where:<7} {row['label']}{reason}")
    return 0


def cmd_entities(args: argparse.Namespace) -> int:
    """Print JSON Lines: the entities of each line of FILE."""
    ingested = read_input(args.file)
    _warn(ingested.warnings)
    from khabar.pipeline import entities_for_lines

    if args.backend:
        from khabar.engines import ner_backends

        try:
            ner_backends().require(args.backend)
        except KeyError as error:
            raise CliError(_one_line(error.args[0] if error.args else error), EXIT_USAGE) from error
        except EngineUnavailable as error:
            raise CliError(str(error)) from error
    for row in entities_for_lines(_lines(ingested.text), backend=args.backend):
        print(dumps(row))
    return 0


def cmd_timeline(args: argparse.Namespace) -> int:
    """Print the time expressions and dated events of FILE as one JSON object."""
    ingested = read_input(args.file)
    _warn(ingested.warnings)
    published = _published(args.published)
    from khabar.pipeline import timeline_json

    print(dumps(timeline_json(ingested.text, published), indent=2 if args.pretty else None))
    return 0


def cmd_models(args: argparse.Namespace) -> int:
    """Download stanza models, or show their status."""
    from khabar.entities import stanza_backend

    if args.action == "status":
        print(dumps(stanza_backend.model_status(), indent=2, default=str))
        return 0
    languages = [args.lang] if args.lang else ["hi", "en"]
    for lang in languages:
        print(f"Downloading stanza models for {lang}…", file=sys.stderr)
        try:
            stanza_backend.download_models(lang)
        except (RuntimeError, OSError, ValueError) as error:
            raise CliError(_one_line(error)) from error
    print("Done.", file=sys.stderr)
    return 0


class _IngestProgress:
    """Batch progress on stderr: a tqdm bar with counts and ETA on a terminal, else a plain line every few seconds."""

    def __init__(self, stream=None, interval: float = 5.0) -> None:
        self.stream = stream or sys.stderr
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.interval = interval
        self.last = float("-inf")
        self.shown = -1
        self.bar = None

    @staticmethod
    def counts(report) -> str:
        return f"{len(report.stored)} stored, {len(report.skipped)} skipped, {len(report.failed)} failed"

    def __call__(self, report) -> None:
        if self.tty:
            if self.bar is None:
                from tqdm import tqdm

                self.bar = tqdm(total=report.total, unit="file", file=self.stream, dynamic_ncols=True)
            self.bar.set_postfix_str(self.counts(report), refresh=False)
            self.bar.update(report.done - self.bar.n)
            return
        now = time.monotonic()
        finished = report.done >= report.total
        if report.done == self.shown or (not finished and now - self.last < self.interval):
            return
        self.last, self.shown = now, report.done
        eta = ""
        if report.done and not finished and report.seconds:
            eta = f", about {report.seconds / report.done * (report.total - report.done):.0f} s left"
        self.stream.write(f"khabar: ingest: {report.done}/{report.total} files ({self.counts(report)}) "
                          f"in {report.seconds:.0f} s{eta}\n")
        self.stream.flush()

    def done(self) -> None:
        """Close the bar (a terminal's line gets its newline)."""
        if self.bar is not None:
            self.bar.close()


def cmd_ingest(args: argparse.Namespace) -> int:
    """Analyse every file under PATH… in parallel and save them in the library; exit 1 if any file failed."""
    from khabar.batch import AnalysisOptions, ingest, read_meta_csv
    from khabar.store import Library

    if args.workers < 1:
        raise CliError("--workers must be at least 1", EXIT_USAGE)
    published = _published(args.published) or ""
    metas = {}
    if args.meta:
        try:
            metas = read_meta_csv(args.meta)
        except ValueError as error:
            raise CliError(str(error), EXIT_USAGE) from error
    engines = args.engine or ["gloss"]
    _check_translators(engines)
    library = Library()
    progress = _IngestProgress()
    report = None

    def track(current) -> None:
        nonlocal report
        report = current
        progress(current)

    try:
        report = ingest(args.paths, library=library, workers=args.workers, dask=args.dask, published=published,
                        metas=metas, options=AnalysisOptions(translators=tuple(engines), ner=args.ner),
                        progress=track)
    except KeyboardInterrupt:
        progress.done()
        if report is not None:
            _write_report(args.report, report)
            print(f"khabar: ingest interrupted: {_IngestProgress.counts(report)} of {report.total} files; "
                  "run the same command again to go on (stored texts are skipped)", file=sys.stderr)
        raise
    except OSError as error:  # a Dask scheduler that cannot be reached, for one
        progress.done()
        raise CliError(f"--dask {args.dask}: {_one_line(error)}" if args.dask else _one_line(error)) from error
    progress.done()
    if report.total == 0:
        raise CliError(f"no files to ingest under {' '.join(args.paths)} (looked for "
                       f"{' '.join(SUPPORTED_SUFFIXES)})")
    _write_report(args.report, report)
    for failure in report.failed:
        print(f"khabar: failed: {failure['path']}: {_one_line(failure['error'])}", file=sys.stderr)
    print(f"khabar: ingest: {report.total} file{'' if report.total == 1 else 's'} in {report.seconds:.1f} s on {report.runner}: "
          f"{_IngestProgress.counts(report)}; library {library.path}", file=sys.stderr)
    return EXIT_ERROR if report.failed else 0


def _write_report(path: str | None, report) -> None:
    if not path:
        return
    target = Path(path)
    temporary = target.with_name(target.name + ".part")
    try:
        temporary.write_text(json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        os.replace(temporary, target)
    except OSError as error:
        raise CliError(f"{path}: the report cannot be written ({error.strerror or error})") from error


def cmd_library(args: argparse.Namespace) -> int:
    """List, show or delete articles in the library."""
    from khabar.store import Library

    library = Library()
    if args.action == "list":
        if not args.no_seeds:
            library.ensure_seeds()
        rows = library.list_articles(args.query or "")
        if args.json:
            print(dumps([dataclasses.asdict(r) for r in rows], indent=2))
            return 0
        if not rows:
            print("The library is empty." if not args.query else f"No article matches {args.query!r}.")
        for row in rows:
            when = row.published + ("~" if row.published_approximate else "") if row.published else "undated"
            engines = ",".join(row.engines) or "-"
            print(f"{row.id}  {when:<11}  {row.sentences:>4} sent  {row.entities:>4} ent  [{engines}]  {row.title}")
        return 0
    if args.action == "show":
        article = library.get_article(args.id)
        if article is None:
            raise CliError(f"no article {args.id!r} in the library at {library.path}")
        print(dumps(article.to_dict(), indent=2))
        return 0
    if args.action == "delete":
        if not library.delete_article(args.id):
            raise CliError(f"no article {args.id!r} in the library at {library.path}")
        print(f"Deleted {args.id}", file=sys.stderr)
        return 0
    if args.action == "path":
        print(library.path)
        return 0
    raise CliError(f"unknown library action {args.action!r}", EXIT_USAGE)


# Parser --------------------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    """The argparse parser for every command."""
    parser = _Parser(prog="khabar", description="Khabar: read Hindi news beside English, offline first.")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True

    def add(name: str, help_text: str, func) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(func=func)
        return sub

    def analysis_options(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("file", metavar="FILE",
                         help="Hindi article: .txt (UTF-8 or another encoding), .md, .html, .docx, .pdf, or an image "
                              "(.png .jpg .tif, read by OCR); - for stdin. "
                              f"At most {format_size(CLI_MAX_BYTES)} and {CLI_MAX_CHARS:,} characters. {BOM_NOTE}")
        sub.add_argument("--published", metavar="YYYY-MM-DD", help="publication date, to resolve relative dates")
        sub.add_argument("--engine", action="append", metavar="NAME",
                         help="translation engine (repeatable; default gloss; see `engines`)")
        sub.add_argument("--ner", metavar="NAME", help="entity backend (default: the best available)")
        sub.add_argument("--title", help="article title (default: the title an HTML, Markdown or Word file names)")

    analyze = add("analyze", "Analyse an article and print it as JSON (offsets index FILE's text).", cmd_analyze)
    analysis_options(analyze)
    analyze.add_argument("--pretty", action="store_true", help="indent the JSON")

    export = add("export", "Write an article as a standalone HTML, Markdown or JSON document.", cmd_export)
    analysis_options(export)
    export.add_argument("--format", required=True, choices=("html", "md", "json"))
    export.add_argument("-o", "--output", metavar="OUT", help="file to write (default: stdout)")
    export.add_argument("--translation", metavar="ENGINE",
                        help="which translation to show beside the Hindi (default: the reference, else the first)")

    translate = add("translate", "Translate FILE line by line: one English line per input line.", cmd_translate)
    translate.add_argument("file", metavar="FILE", help="Hindi text, one segment per line")
    translate.add_argument("--engine", required=True, metavar="NAME", help="translation engine (see `engines`)")

    engines = add("engines", "List every engine with its availability and the reason.", cmd_engines)
    engines.add_argument("--json", action="store_true")

    entities = add("entities", "Named entities of each line of FILE, as JSON Lines.", cmd_entities)
    entities.add_argument("file", metavar="FILE",
                          help="UTF-8, one sentence per line; output lines count from 1 and offsets index each "
                               f"line as decoded. {BOM_NOTE}")
    entities.add_argument("--backend", metavar="NAME", help="entity backend (default: the best available)")

    timeline = add("timeline", "Time expressions and dated events of FILE, as JSON.", cmd_timeline)
    timeline.add_argument("file", metavar="FILE", help=f"Hindi article (as for analyze). {BOM_NOTE}")
    timeline.add_argument("--published", metavar="YYYY-MM-DD")
    timeline.add_argument("--pretty", action="store_true")

    models = add("models", "Stanza models for the optional stanza backend.", cmd_models)
    models.add_argument("action", choices=("download", "status"))
    models.add_argument("--lang", choices=("hi", "en"), help="one language (default: both)")

    ingest = add("ingest", "Analyse many files in parallel and save them in the library (a re-run skips stored texts).",
                 cmd_ingest)
    ingest.add_argument("paths", metavar="PATH", nargs="+",
                        help="files and folders (searched recursively for .txt .md .html .docx .pdf .png .jpg .tif)")
    ingest.add_argument("--workers", type=int, default=1, metavar="N",
                        help="analyse in N processes (default 1); with --dask local, the number of Dask workers")
    ingest.add_argument("--dask", metavar="ADDRESS",
                        help="analyse on a Dask cluster: a scheduler address such as tcp://host:8786, or 'local'")
    dates = ingest.add_mutually_exclusive_group()
    dates.add_argument("--published", metavar="YYYY-MM-DD", help="publication date of every file")
    dates.add_argument("--meta", metavar="FILE.csv",
                       help="per-file metadata: a CSV with columns path,title,published,source,url "
                            "(paths relative to the CSV's folder)")
    ingest.add_argument("--report", metavar="FILE.json", help="write what happened to each file as JSON")
    ingest.add_argument("--engine", action="append", metavar="NAME",
                        help="translation engine (repeatable; default gloss; see `engines`)")
    ingest.add_argument("--ner", metavar="NAME", help="entity backend (default: the best available)")

    library = add("library", "The library of saved articles (KHABAR_DB, else the per-user data folder).", cmd_library)
    library.add_argument("action", choices=("list", "show", "delete", "path"))
    library.add_argument("id", nargs="?", help="article id (show, delete)")
    library.add_argument("--query", "-q", help="search titles and text (list)")
    library.add_argument("--json", action="store_true")
    library.add_argument("--no-seeds", action="store_true", help="do not load the bundled seed articles first")
    app = add("app", "Start the dashboard (streamlit run on Khabar's app.py); extra options go to streamlit.",
              cmd_app)
    app.add_argument("streamlit_args", nargs=argparse.REMAINDER, metavar="STREAMLIT_OPTION",
                     help="options for `streamlit run`, e.g. --server.port 8502")
    return parser


def cmd_app(args: argparse.Namespace) -> int:
    """Run the Streamlit front end from the checkout or the installed package, with its own config."""
    folder = app_dir()
    command = [sys.executable, "-m", "streamlit", "run", str(folder / "app.py"), *args.streamlit_args]
    # Streamlit reads .streamlit/config.toml (the font faces, static serving) from the working folder.
    return subprocess.call(command, cwd=folder)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status. Everything it prints passes the terminal filter."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure") and (stream.encoding or "").lower() not in ("utf-8", "utf8"):
            stream.reconfigure(encoding="utf-8")
    streams = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _TerminalSafe(sys.stdout), _TerminalSafe(sys.stderr)
    try:
        return _run(argv)
    finally:
        sys.stdout, sys.stderr = streams


def _run(argv: Sequence[str] | None) -> int:
    try:
        args = build_parser().parse_args(argv)
        if args.func is cmd_library and args.action in ("show", "delete") and not args.id:
            raise CliError(f"library {args.action} needs an article id", EXIT_USAGE)
        return args.func(args)
    except CliError as error:
        print(f"khabar: error: {error}", file=sys.stderr)
        return error.code
    except (LibraryError, EngineUnavailable, IngestError) as error:
        print(f"khabar: error: {_one_line(error)}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("khabar: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except SystemExit as exit_:  # --help
        return int(exit_.code or 0) if not isinstance(exit_.code, str) else EXIT_ERROR
    except Exception as error:
        if os.environ.get("KHABAR_DEBUG"):
            raise
        print(f"khabar: error: {type(error).__name__}: {_one_line(error)} (KHABAR_DEBUG=1 shows the traceback)",
              file=sys.stderr)
        return EXIT_ERROR
