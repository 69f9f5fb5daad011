"""The library: articles, their analyses, translations and a translation cache, in SQLite or PostgreSQL.

SQLite is the embedded default (one file, path from ``KHABAR_DB``); ``KHABAR_DB=postgresql://…`` keeps the same
library on a PostgreSQL server that many readers share. What differs between the two (placeholders, write locks,
schema version, full-text search, error texts) lives in ``khabar.store_sql``; everything else is written once here.

Writes run in transactions that hold the database's write lock from the start (SQLite's ``BEGIN IMMEDIATE`` on a
WAL file, an advisory lock on PostgreSQL), so two sessions saving at once both land. The article row is written
before its analysis, so a failed analysis never loses the text. The store checks what it is given (text, Hindi,
valid Unicode, title length) and every problem, with the input or with the database, is a ``LibraryError`` whose
message a reader can act on.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import re
import threading
import uuid
import warnings
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from khabar.model import Article, ArticleMeta, Translation
from khabar.pipeline import enrich, failed_stages, make_article, no_progress, split
from khabar.seeds import SEEDS_DIR, SeedError, load_seed, seed_slugs
from khabar.store_sql import (
    SQLITE_SCHEMA_V1,
    Dialect,
    InvalidArticleError,
    LibraryError,
    PostgresDialect,
    Session,
    SQLiteDialect,
    content_hash,
    display_title,
    hide_password,
    is_postgres_url,
    run_step,
    search_words,
)
from khabar.text import has_devanagari, match_key
from khabar.translate.base import cache_key

__all__ = ["DB_SCHEMA_VERSION", "MAX_TITLE_CHARS", "ArticleSummary", "InvalidArticleError", "Library",
           "LibraryError", "content_hash", "default_path", "new_id", "options_digest", "redact"]

# The schema version this code reads and writes; bump it and add a step to each dialect's migrations.
DB_SCHEMA_VERSION = 4
MAX_TITLE_CHARS = 1_000  # a title longer than this is refused (readers cut titles with an ellipsis before)

_SQL_VARIABLES = 500  # stay well under SQLite's limit on bound parameters per statement
_SCHEMA = SQLITE_SCHEMA_V1  # the first schema, as libraries of version 1 hold it
_SURROGATE = re.compile("[\ud800-\udfff]")

# Environment variables whose values are secrets: never let one reach the database (an error message from a
# provider may quote a request URL that carries a key).
_SECRET_NAME = re.compile(r"(KEY|TOKEN|SECRET|PASSWORD|AUTH)", re.IGNORECASE)

@dataclasses.dataclass(frozen=True)
class ArticleSummary:
    """One library row: enough to list, search and open an article without loading its text or analysis."""

    id: str
    title: str
    published: str
    source: str
    sentences: int
    entities: int
    engines: tuple[str, ...]
    created: str
    updated: str = ""
    url: str = ""
    published_approximate: bool = False
    seed: bool = False
    title_en: str = ""  # the English title, where the reader gave one or the headline's English made one


def default_path() -> Path:
    """Where the library lives: env KHABAR_DB, else the per-user data folder (XDG_DATA_HOME or ~/.local/share)."""
    configured = os.environ.get("KHABAR_DB", "").strip()
    if configured:
        return Path(configured).expanduser()
    if os.name == "nt" and os.environ.get("APPDATA"):
        base = Path(os.environ["APPDATA"])
    else:
        base = Path(os.environ.get("XDG_DATA_HOME", "").strip() or Path.home() / ".local" / "share")
    return base / "khabar" / "library.sqlite3"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def new_id() -> str:
    """A fresh random article id."""
    return uuid.uuid4().hex[:12]


def _secret_values() -> list[str]:
    return [v for k, v in os.environ.items() if _SECRET_NAME.search(k) and len(v) >= 6]


def redact(text: str | None, secrets: Sequence[str] | None = None) -> str | None:
    """``text`` with the value of every secret-looking environment variable replaced by ``***``."""
    if not text:
        return text
    for secret in _secret_values() if secrets is None else secrets:
        text = text.replace(secret, "***")
    return text


def options_digest(options: str) -> str:
    """The form in which a translator's options are stored: a digest, so no option value (a key) is ever kept."""
    if not options:
        return ""
    return hashlib.sha256(options.encode("utf-8")).hexdigest()[:32]


def check_article(article: Article) -> None:
    """Raise InvalidArticleError, saying what is wrong, unless the library can keep ``article`` as it is."""
    # The title as the message names it: short, and printable even where it is the broken part.
    name = f"“{_SURROGATE.sub(chr(0xFFFD), article.meta.title[:60])}”" if article.meta.title.strip() else "The article"
    if not article.text.strip():
        raise InvalidArticleError(f"{name} has no text, so there is nothing to save.")
    fields = {"text": article.text, **{f"{key} in the metadata": value
                                       for key, value in dataclasses.asdict(article.meta).items()
                                       if isinstance(value, str)}}
    for field, value in fields.items():
        found = _SURROGATE.search(value)
        if found:
            raise InvalidArticleError(
                f"The {field} of {name if article.meta.title.strip() else 'the article'} has an unpaired surrogate "
                f"(U+{ord(found.group()):04X}) at character {found.start():,}, which is not text; it was probably "
                "decoded wrongly. Nothing was saved."
            )
        if "\x00" in value:
            raise InvalidArticleError(f"The {field} of the article has a NUL character at {value.index(chr(0)):,}; "
                                      "remove control characters first. Nothing was saved.")
    if not has_devanagari(article.text):
        raise InvalidArticleError(
            f"{name} has no Devanagari (Hindi) text; the library keeps Hindi articles. Text in a legacy Hindi font "
            "such as Kruti Dev must be converted to Unicode first."
        )
    if len(article.meta.title) > MAX_TITLE_CHARS:
        raise InvalidArticleError(
            f"The title is {len(article.meta.title):,} characters long; the limit is {MAX_TITLE_CHARS:,}. "
            "Shorten it (the text itself can be as long as the upload limit allows)."
        )


class Library:
    """The reader's library of articles in one SQLite file or one PostgreSQL database (see the module docstring)."""

    def __init__(self, path: str | os.PathLike[str] | None = None, *, read_only: bool = False) -> None:
        target = os.fspath(path) if path is not None else os.environ.get("KHABAR_DB", "").strip()
        self.read_only = read_only
        self._lock = threading.Lock()
        self.dialect: Dialect
        if is_postgres_url(target):
            try:
                self.dialect = PostgresDialect()
            except ImportError as error:
                raise LibraryError(
                    "KHABAR_DB names a PostgreSQL database but the driver psycopg is not installed: "
                    "pip install 'psycopg[binary]' (it is in requirements.txt), or unset KHABAR_DB."
                ) from error
            self._url = target
            # For messages and `khabar library path`: where the library is, without its password.
            self.path: Path | str = hide_password(target)
        else:
            self.dialect = SQLiteDialect()
            self._url = ""
            self.path = Path(target).expanduser() if target else default_path()
        self._open_check()

    @property
    def is_shared(self) -> bool:
        """Whether the library is on a database server (PostgreSQL) rather than in a file."""
        return bool(self._url)

    # Connections ------------------------------------------------------------------------------------

    def _describe(self, error: BaseException) -> str:
        message = redact(str(error).strip(), [*_secret_values(), *self._password()]) or type(error).__name__
        lowered = message.lower()
        where = f"The library at {self.path}"
        if isinstance(error, UnicodeError):
            return (f"{where} was given text that is not valid Unicode ({message}); it was probably decoded "
                    "wrongly. Nothing was saved.")
        if self.is_shared:
            if "connection" in lowered or "authentication" in lowered or "could not translate host" in lowered \
                    or "timeout" in lowered or "does not exist" in lowered and "database" in lowered:
                return (f"{where} cannot be reached ({message}). Check that the PostgreSQL server is running and "
                        "that the URL in KHABAR_DB (user, password, host, port, database) is right, or unset "
                        "KHABAR_DB to use the embedded SQLite library.")
            if "read-only" in lowered or "permission denied" in lowered:
                return (f"{where} does not let this user write ({message}), so nothing can be saved. Grant the "
                        "user write access, or set KHABAR_DB to another database.")
            if "deadlock" in lowered or "lock timeout" in lowered or "could not serialize" in lowered:
                return f"{where} stayed busy with another session's write for too long ({message}); try again."
            return f"{where} could not be used: {message}"
        if "not a database" in lowered or "malformed" in lowered or "corrupt" in lowered:
            return (f"{where} is damaged or is not a Khabar library ({message}). Move the file aside to start a "
                    "new library, or set KHABAR_DB to another path.")
        if "readonly" in lowered or "read-only" in lowered or "read only" in lowered:
            return (f"{where} is read-only, so nothing can be saved ({message}). Make the file and its folder "
                    "writable, or set KHABAR_DB to a writable path.")
        if "unable to open" in lowered or "disk i/o" in lowered:
            return (f"{where} cannot be opened ({message}). Check that its folder exists and is writable, or set "
                    "KHABAR_DB to another path.")
        if "locked" in lowered or "busy" in lowered:
            return f"{where} stayed busy with another session's write for too long ({message}); try again."
        return f"{where} could not be used: {message}"

    def _password(self) -> list[str]:
        import urllib.parse

        password = urllib.parse.urlsplit(self._url).password if self._url else None
        return [password] if password else []

    def _open_check(self) -> None:
        if not self.is_shared:
            path = Path(self.path)
            if not self.read_only:
                if path.exists() and not os.access(path, os.W_OK):
                    self.read_only = True
                elif not path.exists():
                    try:
                        path.parent.mkdir(parents=True, exist_ok=True)
                    except OSError as error:
                        raise LibraryError(
                            f"The library folder {path.parent} cannot be created ({error.strerror or error}). "
                            "Set KHABAR_DB to a writable path."
                        ) from error
            if self.read_only and not path.exists():
                raise LibraryError(f"The library at {path} does not exist and is opened read-only.")
        with self._connection() as session:
            self._migrate(session)

    def _connect(self) -> Any:
        if self.is_shared:
            return self.dialect.connect(self._url, self.read_only)
        return self.dialect.connect(Path(self.path), self.read_only)

    @contextlib.contextmanager
    def _connection(self) -> Iterator[Session]:
        # One short-lived connection per operation: safe across Streamlit's threads and across processes.
        failures = (*self.dialect.errors, UnicodeError)
        try:
            raw = self._connect()
        except failures as error:
            raise LibraryError(self._describe(error)) from error
        failed = True
        try:
            yield Session(raw, self.dialect)
            failed = False
        except failures as error:
            raise LibraryError(self._describe(error)) from error
        finally:
            self.dialect.release(raw, self._url or self.path, self.read_only, failed)

    @contextlib.contextmanager
    def _write(self) -> Iterator[Session]:
        if self.read_only:
            raise LibraryError(
                f"The library at {self.path} is read-only, so nothing can be saved. Make the file and its folder "
                "writable, or set KHABAR_DB to a writable path."
            )
        with self._connection() as session, self.dialect.transaction(session):
            yield session

    def _migrate(self, session: Session) -> None:
        self.dialect.touch(session)
        version = self.dialect.schema_version(session)
        if version > DB_SCHEMA_VERSION:
            raise LibraryError(
                f"The library at {self.path} was written by a newer Khabar (schema {version}, this one reads "
                f"{DB_SCHEMA_VERSION}). Update Khabar, or set KHABAR_DB to another path."
            )
        if version == DB_SCHEMA_VERSION:
            return
        if self.read_only:
            raise LibraryError(f"The library at {self.path} is read-only and needs setting up first; it cannot be.")
        with self.dialect.migration(session):
            # Another session may have upgraded it while this one waited for the lock.
            version = self.dialect.schema_version(session)
            for start, end, step in self.dialect.migrations:
                if start == version and end <= DB_SCHEMA_VERSION:
                    run_step(session, step)
                    version = end
                    self.dialect.set_schema_version(session, version)
            if version != DB_SCHEMA_VERSION:
                raise LibraryError(f"The library at {self.path} has schema {version}, which this Khabar cannot "
                                   f"upgrade to {DB_SCHEMA_VERSION}.")

    # Articles ---------------------------------------------------------------------------------------

    def save_article(self, article: Article) -> str:
        """Store ``article`` (text, metadata, analysis, translations); return its id (a new one if it had none).

        The article row and its analysis are written in one transaction; translations already stored for other
        engines are kept. InvalidArticleError if the article cannot be kept (see ``check_article``).
        """
        check_article(article)
        article_id = article.id or new_id()
        if article.id != article_id:
            article = dataclasses.replace(article, id=article_id)
        with self._write() as session:
            self._put_article(session, article)
        return article_id

    def save_articles(self, articles: Sequence[Article]) -> list[str]:
        """Store many articles (as ``save_article`` does) in one transaction; return their ids in order.

        An article whose text (by ``content_hash``) is already stored under another id, or earlier in the same
        batch, is not stored again: its place in the result holds the existing id. Every article is checked
        first: one the library cannot keep raises InvalidArticleError (saying which) and nothing is saved.
        """
        ids: list[str] = []
        if not articles:
            return ids
        for number, article in enumerate(articles, 1):
            try:
                check_article(article)
            except InvalidArticleError as error:
                raise InvalidArticleError(f"Article {number} of {len(articles)}: {error}") from error
        secrets = _secret_values()
        with self._write() as session:
            stored: dict[str, str] = {}
            for article in articles:
                digest = content_hash(article.text)
                existing = stored.get(digest) or self._find_by_hash(session, digest)
                if existing and existing != article.id:
                    ids.append(existing)
                    continue
                if not article.id:
                    article = dataclasses.replace(article, id=new_id())
                self._put_article(session, article, secrets, digest)
                stored[digest] = article.id
                ids.append(article.id)
        return ids

    def find_by_hash(self, digest: str) -> str | None:
        """The id of the earliest stored article whose ``content_hash`` is ``digest``, or None."""
        with self._connection() as session:
            return self._find_by_hash(session, digest)

    @staticmethod
    def _find_by_hash(session: Session, digest: str) -> str | None:
        row = session.execute(
            "SELECT id FROM articles WHERE content_hash = ? ORDER BY created, n LIMIT 1", (digest,)
        ).fetchone()
        return row["id"] if row else None

    @staticmethod
    def _put_article(session: Session, article: Article, secrets: Sequence[str] | None = None,
                     digest: str = "") -> None:
        article_id = article.id
        secrets = _secret_values() if secrets is None else secrets
        meta = article.meta
        analysis = article.to_dict()
        for key in ("translations", "text", "meta", "id"):
            analysis.pop(key, None)
        analysis["notes"] = [redact(note, secrets) for note in article.notes]
        now = _now()
        meta_json = json.dumps(dataclasses.asdict(meta), ensure_ascii=False)
        title_key, text_key = match_key(meta.title), match_key(article.text)
        session.execute(
            """INSERT INTO articles (id, title, source, url, published, text, meta, search, title_key, list_title,
                                    list_title_en, published_approximate, content_hash, created, updated)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT(id) DO UPDATE SET title=excluded.title, source=excluded.source, url=excluded.url,
                 published=excluded.published, text=excluded.text, meta=excluded.meta, search=excluded.search,
                 title_key=excluded.title_key, list_title=excluded.list_title, list_title_en=excluded.list_title_en,
                 published_approximate=excluded.published_approximate, content_hash=excluded.content_hash,
                 updated=excluded.updated""",
            (article_id, meta.title, meta.source, meta.url, meta.published, article.text, meta_json,
             title_key + "\n" + text_key, title_key, display_title(meta.title, article.text),
             display_title(meta.title_en, "") if meta.title_en else "", int(bool(meta.published_approximate)), digest or content_hash(article.text), now, now),
        )
        session.dialect.index_article(session, article_id, title_key, text_key)
        session.execute(
            """INSERT INTO analyses (article_id, data, sentences, entities, updated) VALUES (?, ?, ?, ?, ?)
               ON CONFLICT(article_id) DO UPDATE SET data=excluded.data, sentences=excluded.sentences,
                 entities=excluded.entities, updated=excluded.updated""",
            (article_id, json.dumps(analysis, ensure_ascii=False), len(article.sentences),
             _entity_count(article), now),
        )
        for translation in article.translations:
            Library._put_translation(session, article_id, translation, now, secrets)

    def save_text(self, text: str, meta: ArticleMeta | None = None, article_id: str = "") -> Article:
        """Split ``text`` into an article and store it before any analysis; return the stored article."""
        article = make_article(text, meta, article_id or new_id())
        self.save_article(article)
        return article

    def analyze_and_save(
        self,
        text: str,
        meta: ArticleMeta | None = None,
        *,
        article_id: str = "",
        translators: Sequence[str] = ("gloss",),
        progress: Callable[[str, float, str], None] | None = None,
        **options: Any,
    ) -> Article:
        """Save the text first, then analyse it (translations cached here), saving after every stage.

        A stage that fails becomes a note on the article (see ``khabar.pipeline.enrich``); what the other stages
        found is saved all the same.
        """
        article = self.save_text(text, meta, article_id)
        analysed = enrich(article, translators=translators, cache=self, progress=progress or no_progress,
                          on_stage=lambda stage, result, error: self.save_article(result), **options)
        return self.get_article(article.id) or analysed

    def get_article(self, article_id: str) -> Article | None:
        """The stored article with its analysis and every stored translation, or None."""
        with self._connection() as session:
            row = session.execute("SELECT id, text, meta FROM articles WHERE id = ?", (article_id,)).fetchone()
            if row is None:
                return None
            analysis = session.execute("SELECT data FROM analyses WHERE article_id = ?", (article_id,)).fetchone()
            rows = session.execute(
                "SELECT engine, label, kind, texts, errors, note FROM translations WHERE article_id = ? "
                "ORDER BY position, updated, engine", (article_id,)
            ).fetchall()
        data: dict[str, Any] = json.loads(analysis["data"]) if analysis else {}
        data["id"] = row["id"]
        data["text"] = row["text"]
        data["meta"] = json.loads(row["meta"] or "{}")
        data["translations"] = [
            {"engine": t["engine"], "label": t["label"], "kind": t["kind"], "texts": json.loads(t["texts"]),
             "errors": json.loads(t["errors"]), "note": t["note"]}
            for t in rows
        ]
        article = Article.from_dict(data)
        if not article.sentences:
            article = split(article)
        return article

    def list_articles(self, query: str = "", *, limit: int | None = None, offset: int = 0) -> list[ArticleSummary]:
        """Articles newest first, or with ``query`` those containing each of its words (best match first).

        Matching folds case, nukta, chandrabindu and Devanagari digits (शहबाज़ finds शहबाज) and takes each word as
        the start of a word (रायस finds रायसी). ``limit`` and ``offset`` give one page; no text is read.
        """
        if limit is None and offset:
            raise ValueError("an offset needs a limit")
        page, page_params = (" LIMIT ? OFFSET ?", (max(0, int(limit)), max(0, int(offset)))) if limit is not None \
            else ("", ())
        if not query or not query.strip():
            # The page's rows are found in the index on (created, n) alone, so a far page skips no joined rows.
            sql = (f"SELECT {_SUMMARY_COLUMNS} FROM (SELECT n FROM articles ORDER BY created DESC, n DESC{page}) "
                   f"newest JOIN articles a ON a.n = newest.n{_SUMMARY_JOINS} ORDER BY a.created DESC, a.n DESC")
            params: tuple[Any, ...] = page_params
        else:
            words = search_words(query)
            if not words:
                return []
            search = self.dialect.search(words)
            # The page of matches is chosen inside the index; only its rows are joined to their summaries.
            sql = (f"SELECT {_SUMMARY_COLUMNS} FROM ({search.hits}{page}) hits JOIN articles a ON a.n = hits.n"
                   f"{_SUMMARY_JOINS} ORDER BY hits.score, a.n DESC")
            params = (*search.params, *page_params)
        with self._connection() as session:
            rows = session.execute(sql, params).fetchall()
            engines = self._engines(session, [row["id"] for row in rows])
        return [_summary(row, engines.get(row["id"], ())) for row in rows]

    def summary(self, article_id: str) -> ArticleSummary | None:
        """The list row of one article (no text read), or None if there is none."""
        with self._connection() as session:
            row = session.execute(f"SELECT {_SUMMARY_COLUMNS} FROM articles a{_SUMMARY_JOINS} WHERE a.id = ?",
                                  (article_id,)).fetchone()
            if row is None:
                return None
            return _summary(row, self._engines(session, [article_id]).get(article_id, ()))

    @staticmethod
    def _engines(session: Session, ids: Sequence[str]) -> dict[str, tuple[str, ...]]:
        found: dict[str, list[str]] = {}
        for i in range(0, len(ids), _SQL_VARIABLES):
            chunk = ids[i : i + _SQL_VARIABLES]
            marks = ",".join("?" * len(chunk))
            rows = session.execute(
                f"SELECT article_id, engine FROM translations WHERE article_id IN ({marks}) "
                "ORDER BY article_id, position, updated, engine", tuple(chunk)
            ).fetchall()
            for row in rows:
                found.setdefault(row["article_id"], []).append(row["engine"])
        return {key: tuple(value) for key, value in found.items()}

    def delete_article(self, article_id: str) -> bool:
        """Remove an article with its analysis and translations; False if there was none.

        A deleted seed stays deleted (its loaded marker is kept).
        """
        with self._write() as session:
            cursor = session.execute("DELETE FROM articles WHERE id = ?", (article_id,))
            return cursor.rowcount > 0

    def count(self, query: str = "") -> int:
        """How many articles the library holds, or with ``query`` how many ``list_articles(query)`` finds."""
        if query and query.strip():
            words = search_words(query)
            if not words:
                return 0
            search = self.dialect.search(words)
            sql, params = search.count, search.params
        else:
            sql, params = "SELECT count(*) AS total FROM articles", ()
        with self._connection() as session:
            return int(session.execute(sql, params).fetchone()["total"])

    # Translations -----------------------------------------------------------------------------------

    def save_translation(self, article_id: str, translation: Translation) -> None:
        """Store (or replace) one engine's translation of an article; LibraryError if the article is unknown."""
        with self._write() as session:
            row = session.execute("SELECT 1 AS found FROM articles WHERE id = ?", (article_id,)).fetchone()
            if row is None:
                raise LibraryError(f"There is no article {article_id!r} in the library to attach a translation to.")
            self._put_translation(session, article_id, translation, _now(), _secret_values())

    def delete_translation(self, article_id: str, engine: str) -> bool:
        """Remove one engine's translation of an article; False if there was none."""
        with self._write() as session:
            cursor = session.execute("DELETE FROM translations WHERE article_id = ? AND engine = ?",
                                     (article_id, engine))
            return cursor.rowcount > 0

    @staticmethod
    def _put_translation(session: Session, article_id: str, translation: Translation, now: str,
                         secrets: Sequence[str]) -> None:
        existing = session.execute(
            "SELECT position FROM translations WHERE article_id = ? AND engine = ?", (article_id, translation.engine)
        ).fetchone()
        if existing is not None:
            position = existing["position"]
        else:
            position = session.execute(
                "SELECT COALESCE(MAX(position) + 1, 0) AS next FROM translations WHERE article_id = ?", (article_id,)
            ).fetchone()["next"]
        session.execute(
            """INSERT INTO translations (article_id, engine, label, kind, texts, errors, note, position, updated)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT(article_id, engine) DO UPDATE SET label=excluded.label, kind=excluded.kind,
                 texts=excluded.texts, errors=excluded.errors, note=excluded.note, updated=excluded.updated""",
            (article_id, translation.engine, translation.label, translation.kind,
             json.dumps(list(translation.texts), ensure_ascii=False),
             json.dumps([redact(e, secrets) for e in translation.errors], ensure_ascii=False),
             redact(translation.note, secrets) or "", position, now),
        )

    # TranslationCache -------------------------------------------------------------------------------

    def get_many(self, engine: str, options: str, sources: Sequence[str]) -> dict[str, str]:
        """Cached translations of those ``sources`` that have one (keyed by normalised source sentence)."""
        keys: dict[str, list[str]] = {}
        for source in sources:
            keys.setdefault(cache_key(source), []).append(source)
        found: dict[str, str] = {}
        if not keys:
            return found
        digest = options_digest(options)
        unique = list(keys)
        with self._connection() as conn:
            for i in range(0, len(unique), _SQL_VARIABLES):
                chunk = unique[i : i + _SQL_VARIABLES]
                marks = ",".join("?" * len(chunk))
                rows = conn.execute(
                    f"SELECT source, text FROM translation_cache WHERE engine = ? AND options = ? AND source IN ({marks})",
                    (engine, digest, *chunk),
                ).fetchall()
                for row in rows:
                    for source in keys[row["source"]]:
                        found[source] = row["text"]
        return found

    def put_many(self, engine: str, options: str, pairs: dict[str, str]) -> None:
        """Cache translations of source sentences."""
        if not pairs:
            return
        digest = options_digest(options)
        now = _now()
        rows = [(engine, digest, cache_key(source), text, now) for source, text in pairs.items() if text is not None]
        with self._write() as conn:
            conn.executemany(
                """INSERT INTO translation_cache (engine, options, source, text, created) VALUES (?, ?, ?, ?, ?)
                   ON CONFLICT(engine, options, source) DO UPDATE SET text=excluded.text, created=excluded.created""",
                rows,
            )

    def clear_cache(self, engine: str | None = None) -> int:
        """Forget cached sentence translations (of one engine, or all); return how many were removed."""
        with self._write() as conn:
            if engine is None:
                return conn.execute("DELETE FROM translation_cache").rowcount
            return conn.execute("DELETE FROM translation_cache WHERE engine = ?", (engine,)).rowcount

    # Seeds ------------------------------------------------------------------------------------------

    def seeds_loaded(self) -> dict[str, str]:
        """Slug → article id of every seed loaded so far (deleted ones included)."""
        with self._connection() as conn:
            return {row["slug"]: row["article_id"] for row in conn.execute("SELECT slug, article_id FROM seeds_loaded")}

    def ensure_seeds(self, seeds_dir: str | os.PathLike[str] | None = None) -> list[str]:
        """Load each bundled seed the library has never had, analysed offline; return the ids added.

        Runs once per seed: a seed the reader deleted is not brought back. A library opened read-only is left
        as it is.
        """
        if self.read_only:
            return []
        directory = Path(seeds_dir) if seeds_dir is not None else SEEDS_DIR
        with self._lock:
            done = self.seeds_loaded()
            added = []
            for slug in seed_slugs(directory):
                if slug in done:
                    continue
                try:
                    seed = load_seed(directory, slug)
                except SeedError as error:
                    # A broken bundled file must not keep the reader out of their library.
                    warnings.warn(f"seed {slug!r} skipped: {error}", stacklevel=2)
                    continue
                article, complete = _analyse_seed(seed)
                with self._write() as conn:
                    if conn.execute("SELECT 1 FROM seeds_loaded WHERE slug = ?", (slug,)).fetchone():
                        continue  # another session loaded it meanwhile
                    self._put_article(conn, article)
                    # A seed whose analysis raised is shown as it is but analysed again on the next start.
                    if complete:
                        conn.execute("INSERT INTO seeds_loaded (slug, article_id, loaded) VALUES (?, ?, ?)",
                                     (slug, article.id, _now()))
                added.append(article.id)
            return added


def _analyse_seed(article: Article) -> tuple[Article, bool]:
    # The offline pipeline over a seed; a stage that fails leaves a note, and the seed is analysed again next start.
    analysed = enrich(article, translators=("gloss",))
    return analysed, not failed_stages(analysed)


def _entity_count(article: Article) -> int:
    return len(article.entity_index) if article.entity_index else len(article.entities)


_SUMMARY_COLUMNS = ("a.id, a.list_title, a.list_title_en, a.published, a.source, substr(a.url, 1, 2000) AS url, a.published_approximate, "
                    "a.created, a.updated, COALESCE(n.sentences, 0) AS sentences, "
                    "COALESCE(n.entities, 0) AS entities, s.slug AS seed")
_SUMMARY_JOINS = " LEFT JOIN analyses n ON n.article_id = a.id LEFT JOIN seeds_loaded s ON s.article_id = a.id"


def _summary(row: Any, engines: tuple[str, ...]) -> ArticleSummary:
    return ArticleSummary(id=row["id"], title=row["list_title"], title_en=row["list_title_en"],
                          published=row["published"], source=row["source"],
                          sentences=row["sentences"], entities=row["entities"], engines=engines,
                          created=row["created"], updated=row["updated"], url=row["url"],
                          published_approximate=bool(row["published_approximate"]), seed=row["seed"] is not None)
