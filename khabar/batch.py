"""Batch ingest: many files analysed in parallel (local processes or a Dask cluster), saved by one writer.

Work goes in two steps per file, both run by the workers: ``extract_file`` reads the text (OCR included) and
hashes it; the parent looks the hash up in the library, and only a text it does not hold goes on to
``analyse_text``. The parent alone writes, in batched transactions (``Library.save_articles``), so an
interruption loses at most the batch in hand, and a re-run skips every text already stored.

The worker functions are plain top-level functions of plain data, so they run the same in a process started
by ``spawn``, ``forkserver`` or ``fork`` and on a Dask worker on another machine: the parent sends each file's
bytes, so workers need no access to the parent's files or library.
"""

from __future__ import annotations

import concurrent.futures
import concurrent.futures.process
import csv
import dataclasses
import multiprocessing
import os
import re
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from khabar.documents import SUPPORTED_SUFFIXES, max_bytes_for, read_document
from khabar.ingest import IngestError, format_size
from khabar.model import Article, ArticleMeta
from khabar.ocr import OcrReading
from khabar.pipeline import analyze
from khabar.store import Library, content_hash, new_id
from khabar.translate.base import MemoryCache

# Articles saved per transaction, and the longest an analysed article waits for its batch to be saved.
SAVE_BATCH = 25
SAVE_INTERVAL_S = 5.0
# Tasks in flight per worker: enough to keep every worker busy while the parent saves a batch, few enough to
# bound the memory of the queue.
IN_FLIGHT_PER_WORKER = 8
DASK_CONNECT_TIMEOUT = "20s"
META_COLUMNS = ("path", "title", "published", "source", "url")


@dataclass(frozen=True)
class Extracted:
    """What a worker read from one file: its text and content hash, or the reason it could not be read."""

    path: str
    text: str = ""
    digest: str = ""
    title_hint: str = ""
    warnings: tuple[str, ...] = ()
    ocr: OcrReading | None = None
    error: str = ""


@dataclass(frozen=True)
class AnalysisOptions:
    """How each article is analysed: translation engines and the entity backend (None: the best available)."""

    translators: tuple[str, ...] = ("gloss",)
    ner: str | None = None


@dataclass
class IngestReport:
    """The outcome of a batch: one entry per file, by outcome, and the time it took."""

    total: int = 0
    stored: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[dict[str, Any]] = field(default_factory=list)
    failed: list[dict[str, Any]] = field(default_factory=list)
    seconds: float = 0.0
    runner: str = ""
    interrupted: bool = False

    @property
    def done(self) -> int:
        """Files finished so far, whatever their outcome."""
        return len(self.stored) + len(self.skipped) + len(self.failed)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data for ``--report``."""
        return {"total": self.total, "stored": self.stored, "skipped": self.skipped, "failed": self.failed,
                "counts": {"stored": len(self.stored), "skipped": len(self.skipped), "failed": len(self.failed)},
                "seconds": round(self.seconds, 3), "runner": self.runner, "interrupted": self.interrupted}


# Work done by the workers ----------------------------------------------------------------------------


def extract_file(path: str, data: bytes) -> Extracted:
    """Read one file's Hindi text (OCR where it is an image or a scan) and hash it; never raises."""
    try:
        document = read_document(path, data, max_bytes=max_bytes_for(path))
    except IngestError as error:
        return Extracted(path=path, error=" ".join(str(error).split()))
    except Exception as error:  # a reader's own failure on a strange file must not stop the batch
        return Extracted(path=path, error=f"{type(error).__name__}: {' '.join(str(error).split())}")
    return Extracted(path=path, text=document.text, digest=content_hash(document.text),
                     title_hint=document.title_hint, warnings=tuple(document.warnings), ocr=document.ocr)


# Numerical libraries start one thread per core in every process; with one process per core that
# oversubscribes the machine, so each worker process keeps to one (Dask's nanny sets the same for its workers).
_ONE_THREAD = {name: "1" for name in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS")}


def one_thread_per_process() -> None:
    """Initialiser of a worker process: numerical libraries use one thread each."""
    os.environ.update(_ONE_THREAD)
    torch = sys.modules.get("torch")
    if torch is not None:
        torch.set_num_threads(1)


def analyse_text(text: str, meta: ArticleMeta, options: AnalysisOptions) -> Article:
    """The whole offline-first analysis of one article (as ``khabar.pipeline.analyze``)."""
    return analyze(text, meta, translators=options.translators, ner=options.ner, cache=MemoryCache())


# Inputs -----------------------------------------------------------------------------------------------


def collect_files(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[Path], list[dict[str, str]]]:
    """The files to ingest, in a stable order (folders searched recursively for supported types), and the
    paths that could not be used, each with the reason.
    """
    files: list[Path] = []
    problems: list[dict[str, str]] = []
    seen: set[Path] = set()

    def add(file: Path) -> None:
        key = file.resolve()
        if key not in seen:
            seen.add(key)
            files.append(file)

    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
                           and not any(part.startswith(".") for part in p.relative_to(path).parts))
            for file in found:
                add(file)
        elif path.is_file():
            add(path)
        else:
            problems.append({"path": str(path), "error": "no such file or folder"})
    return files, problems


def valid_date(value: str) -> bool:
    """Whether ``value`` is a real date written YYYY-MM-DD."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def read_meta_csv(path: str | os.PathLike[str]) -> dict[Path, ArticleMeta]:
    """Metadata per file from a CSV with a header row: path, then any of title, published, source, url.

    A relative path is taken from the CSV's folder, else from the current folder. ValueError names the line of
    any problem.
    """
    csv_path = Path(path)
    try:
        handle = csv_path.open(encoding="utf-8-sig", newline="")
    except OSError as error:
        raise ValueError(f"{csv_path}: cannot be read ({error.strerror or error})") from error
    metas: dict[Path, ArticleMeta] = {}
    with handle:
        reader = csv.DictReader(handle)
        columns = [c.strip().lower() for c in reader.fieldnames or ()]
        if "path" not in columns:
            raise ValueError(f"{csv_path}: the first line must name the columns, with at least 'path' "
                             f"(known: {', '.join(META_COLUMNS)})")
        unknown = [c for c in columns if c not in META_COLUMNS]
        if unknown:
            raise ValueError(f"{csv_path}: unknown column {unknown[0]!r} (known: {', '.join(META_COLUMNS)})")
        for number, row in enumerate(reader, start=2):
            values = {k.strip().lower(): " ".join((v or "").split()) for k, v in row.items() if k}
            if not values.get("path"):
                raise ValueError(f"{csv_path}, line {number}: the path is empty")
            published = values.get("published", "")
            if published and not valid_date(published):
                raise ValueError(f"{csv_path}, line {number}: published {published!r} is not a date as YYYY-MM-DD")
            target = Path(values["path"])
            if not target.is_absolute():
                beside = csv_path.parent / target
                target = beside if beside.exists() or not target.exists() else target
            metas[target.resolve()] = ArticleMeta(title=values.get("title", ""), published=published,
                                                  source=values.get("source", ""), url=values.get("url", ""))
    return metas


def _meta_for(file: Path, extracted: Extracted, metas: dict[Path, ArticleMeta], published: str) -> ArticleMeta:
    given = metas.get(file.resolve(), ArticleMeta())
    meta = ArticleMeta(title=given.title or extracted.title_hint, published=given.published or published,
                       source=given.source or file.name, url=given.url)
    if extracted.ocr is not None and extracted.ocr.confidence is not None:
        meta = dataclasses.replace(meta, ocr_confidence=round(extracted.ocr.confidence, 4),
                                   ocr_words=extracted.ocr.low_words())
    return meta


# Runners ------------------------------------------------------------------------------------------------


class _InlineRunner:
    """Runs each task at once in this process: ``--workers 1`` without the cost of a second process."""

    name = "1 process"
    slots = 1

    def submit(self, fn: Callable[..., Any], *args: Any) -> concurrent.futures.Future:
        future: concurrent.futures.Future = concurrent.futures.Future()
        try:
            future.set_result(fn(*args))
        except Exception as error:  # reported for that file, as a worker's failure would be
            future.set_exception(error)
        return future

    def wait_first(self, pending: set) -> set:
        return {f for f in pending if f.done()}

    def close(self) -> None:
        return None


class _ProcessRunner:
    """A pool of worker processes started with ``spawn`` (the same on every platform, safe with threads)."""

    def __init__(self, workers: int) -> None:
        self.name = f"{workers} processes"
        self.workers = self.slots = workers
        self.pool = self._start()

    def _start(self) -> concurrent.futures.ProcessPoolExecutor:
        return concurrent.futures.ProcessPoolExecutor(max_workers=self.workers,
                                                      mp_context=multiprocessing.get_context("spawn"),
                                                      initializer=one_thread_per_process)

    def submit(self, fn: Callable[..., Any], *args: Any) -> concurrent.futures.Future:
        try:
            return self.pool.submit(fn, *args)
        except concurrent.futures.process.BrokenProcessPool:
            # A worker died (a crash inside a native reader): the files it held fail, a new pool takes the rest.
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = self._start()
            return self.pool.submit(fn, *args)

    def wait_first(self, pending: set) -> set:
        done, _ = concurrent.futures.wait(pending, return_when=concurrent.futures.FIRST_COMPLETED)
        return done

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


class _DaskRunner:
    """Tasks on a Dask distributed cluster: ``local`` starts a LocalCluster of processes on this machine."""

    def __init__(self, address: str, workers: int) -> None:
        from distributed import Client, LocalCluster

        self.cluster = None
        if address == "local":
            self.cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                                        dashboard_address=None)
            self.client = Client(self.cluster)
        else:
            self.client = Client(address, timeout=DASK_CONNECT_TIMEOUT)
        workers_info = self.client.scheduler_info(n_workers=-1).get("workers", {})
        count = len(workers_info)
        # Task slots: a cluster's threads, so that a large cluster is kept busy too.
        self.slots = max(1, sum(int(w.get("nthreads", 1)) for w in workers_info.values()))
        self.name = f"Dask at {self.client.scheduler.address} ({count} worker{'s' if count != 1 else ''})"

    def submit(self, fn: Callable[..., Any], *args: Any):
        return self.client.submit(fn, *args, pure=False)

    def wait_first(self, pending: set) -> set:
        from distributed import wait

        return set(wait(list(pending), return_when="FIRST_COMPLETED").done)

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def make_runner(workers: int = 1, dask: str | None = None):
    """The runner for ``--workers N`` or ``--dask ADDRESS`` (``local`` for a cluster on this machine)."""
    if dask:
        return _DaskRunner(dask, workers)
    if workers <= 1:
        return _InlineRunner()
    return _ProcessRunner(workers)


# The batch --------------------------------------------------------------------------------------------------


def ingest(
    paths: Sequence[str | os.PathLike[str]],
    *,
    library: Library | None = None,
    workers: int = 1,
    dask: str | None = None,
    published: str = "",
    metas: dict[Path, ArticleMeta] | None = None,
    options: AnalysisOptions | None = None,
    progress: Callable[[IngestReport], None] | None = None,
    runner=None,
) -> IngestReport:
    """Ingest every file under ``paths`` into ``library``; return what happened to each file.

    A file that cannot be read or analysed is reported and the batch goes on. On KeyboardInterrupt the
    articles analysed so far are saved before the interrupt propagates (``report.interrupted`` is then set on
    the report passed to ``progress``).
    """
    started = time.monotonic()
    library = library or Library()
    options = options or AnalysisOptions()
    metas = metas or {}
    files, problems = collect_files(paths)
    report = IngestReport(total=len(files) + len(problems), failed=list(problems))
    notify = progress or (lambda _report: None)
    if not files:  # nothing to analyse: no cluster or pool is started
        report.seconds = time.monotonic() - started
        return report
    runner = runner or make_runner(workers, dask)
    report.runner = runner.name
    by_name = {str(file): file for file in files}
    queue = list(files)
    queue.reverse()  # popped from the end: files go out in order
    window = max(2, IN_FLIGHT_PER_WORKER * max(1, getattr(runner, "slots", workers)))
    pending: dict[Any, tuple[str, str, Any]] = {}  # future -> (step, file path, digest)
    order = {str(file): number for number, file in enumerate(files)}
    claimed: dict[str, str] = {}  # digest -> path of the file whose text is being analysed
    superseded: set[str] = set()  # files whose analysis is dropped: an earlier file has the same text
    saved: set[str] = set()
    unsaved: list[tuple[str, Article]] = []
    last_save = time.monotonic()

    def save() -> None:
        nonlocal last_save
        if unsaved:
            ids = library.save_articles([article for _, article in unsaved])
            for (path, article), article_id in zip(unsaved, ids, strict=True):
                entry = {"path": path, "id": article_id, "sentences": len(article.sentences)}
                if article.meta.ocr_confidence is not None:
                    entry["ocr_confidence"] = article.meta.ocr_confidence
                if article.id and article_id != article.id:
                    report.skipped.append({"path": path, "id": article_id, "reason": "already in the library"})
                else:
                    report.stored.append(entry)
                    saved.add(path)
            unsaved.clear()
        last_save = time.monotonic()

    def submit_next() -> None:
        while queue and len(pending) < window:
            file = queue.pop()
            try:
                size = file.stat().st_size
                limit = max_bytes_for(file.name)
                if size > limit:
                    raise IngestError(f"the file is {format_size(size)}; the limit is {format_size(limit)}")
                data = file.read_bytes()
            except (OSError, IngestError) as error:
                message = getattr(error, "strerror", None) or str(error)
                report.failed.append({"path": str(file), "error": f"cannot be read ({message})"})
                notify(report)
                continue
            pending[runner.submit(extract_file, str(file), data)] = ("extract", str(file), "")

    def finish(future, step: str, path: str, digest: str) -> None:
        try:
            result = future.result()
        except Exception as error:  # a worker's failure on one file is that file's failure only
            if claimed.get(digest) == path:
                claimed.pop(digest)
            report.failed.append({"path": path, "error": f"{step} failed: {type(error).__name__}: "
                                                         f"{' '.join(str(error).split())}"})
            return
        if step == "extract":
            if result.error:
                report.failed.append({"path": path, "error": result.error})
                return
            existing = library.find_by_hash(result.digest)
            if existing:
                report.skipped.append({"path": path, "id": existing, "reason": "already in the library"})
                return
            holder = claimed.get(result.digest)
            if holder is not None:
                if order[holder] < order[path] or holder in saved:
                    report.skipped.append({"path": path, "reason": f"the same text as {holder}"})
                    return
                # The same text as a later file not saved yet: the first file in order keeps it, whichever
                # worker finished reading first, so every runner stores the same articles.
                superseded.add(holder)
                for item in [item for item in unsaved if item[0] == holder]:
                    unsaved.remove(item)
                    report.skipped.append({"path": holder, "reason": f"the same text as {path}"})
            claimed[result.digest] = path
            meta = _meta_for(by_name[path], result, metas, published)
            pending[runner.submit(analyse_text, result.text, meta, options)] = ("analyse", path, result.digest)
            return
        if path in superseded:
            report.skipped.append({"path": path, "reason": f"the same text as {claimed.get(digest, '')}"})
            return
        unsaved.append((path, dataclasses.replace(result, id=new_id())))

    try:
        submit_next()
        notify(report)
        while pending:
            done = runner.wait_first(set(pending))
            for future in [f for f in pending if f in done]:  # in the order they were sent
                step, path, digest = pending.pop(future)
                finish(future, step, path, digest)
            if len(unsaved) >= SAVE_BATCH or (unsaved and time.monotonic() - last_save >= SAVE_INTERVAL_S):
                save()
            submit_next()
            report.seconds = time.monotonic() - started
            notify(report)
        save()
    except KeyboardInterrupt:
        report.interrupted = True
        save()
        raise
    finally:
        report.seconds = time.monotonic() - started
        runner.close()
        notify(report)
    return report
