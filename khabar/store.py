"""The library: an embedded SQLite database of articles, their analyses, translations and a translation cache.

Writes run in ``BEGIN IMMEDIATE`` transactions on a WAL database with a busy timeout, so two sessions saving at
once both land. The article row is written before its analysis, so a failed analysis never loses the text.
Every problem with the database file itself surfaces as ``LibraryError`` with a message a reader can act on.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import re
import sqlite3
import threading
import time
import uuid
import warnings
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from khabar.model import Article, ArticleMeta, Translation
from khabar.text import match_key, nfc
from khabar.translate.base import cache_key

# user_version of the database; bump it and add a step to _MIGRATIONS when the schema changes.
DB_SCHEMA_VERSION = 2

BUSY_TIMEOUT_MS = 30_000
_SQL_VARIABLES = 500  # stay well under SQLite's limit on bound parameters per statement

_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT '',
    url TEXT NOT NULL DEFAULT '',
    published TEXT NOT NULL DEFAULT '',
    text TEXT NOT NULL,
    meta TEXT NOT NULL DEFAULT '{}',
    search TEXT NOT NULL DEFAULT '',
    created TEXT NOT NULL,
    updated TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS analyses (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    data TEXT NOT NULL,
    sentences INTEGER NOT NULL DEFAULT 0,
    entities INTEGER NOT NULL DEFAULT 0,
    updated TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS translations (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    engine TEXT NOT NULL,
    label TEXT NOT NULL,
    kind TEXT NOT NULL,
    texts TEXT NOT NULL,
    errors TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL DEFAULT 0,
    updated TEXT NOT NULL,
    PRIMARY KEY (article_id, engine)
);
CREATE TABLE IF NOT EXISTS translation_cache (
    engine TEXT NOT NULL,
    options TEXT NOT NULL,
    source TEXT NOT NULL,
    text TEXT NOT NULL,
    created TEXT NOT NULL,
    PRIMARY KEY (engine, options, source)
);
CREATE TABLE IF NOT EXISTS seeds_loaded (
    slug TEXT PRIMARY KEY,
    article_id TEXT NOT NULL,
    loaded TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_created ON articles(created);
"""


def _add_content_hash(conn: sqlite3.Connection) -> None:
    # Version 1 → 2: every article gets the digest of its text, so identical texts can be stored once.
    conn.execute("ALTER TABLE articles ADD COLUMN content_hash TEXT NOT NULL DEFAULT ''")
    rows = conn.execute("SELECT id, text FROM articles").fetchall()
    conn.executemany("UPDATE articles SET content_hash = ? WHERE id = ?",
                     [(content_hash(row[1]), row[0]) for row in rows])
    conn.execute("CREATE INDEX IF NOT EXISTS articles_content_hash ON articles(content_hash)")


# Steps from each older user_version to the next (SQL, or a function of the connection); 0 is an empty file.
_MIGRATIONS: dict[int, str | Callable[[sqlite3.Connection], None]] = {0: _SCHEMA, 1: _add_content_hash}

# Environment variables whose values are secrets: never let one reach the database (an error message from a
# provider may quote a request URL that carries a key).
_SECRET_NAME = re.compile(r"(KEY|TOKEN|SECRET|PASSWORD|AUTH)", re.IGNORECASE)


class LibraryError(RuntimeError):
    """The library database cannot be opened, read or written; the message says why and what to do."""


@dataclasses.dataclass(frozen=True)
class ArticleSummary:
    """One library row: enough to list, search and open an article without loading its analysis."""

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


def content_hash(text: str) -> str:
    """The SHA-256 hex digest of the NFC form of ``text``: equal for texts that differ only in Unicode form."""
    return hashlib.sha256(nfc(text).encode("utf-8", "surrogatepass")).hexdigest()


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


class Library:
    """The reader's library of articles in one SQLite file (see the module docstring)."""

    def __init__(self, path: str | os.PathLike[str] | None = None, *, read_only: bool = False) -> None:
        self.path = Path(path).expanduser() if path is not None else default_path()
        self.read_only = read_only
        self._lock = threading.Lock()
        self._open_check()

    # Connections ------------------------------------------------------------------------------------

    def _describe(self, error: BaseException) -> str:
        message = str(error)
        lowered = message.lower()
        where = f"The library at {self.path}"
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

    def _open_check(self) -> None:
        if not self.read_only:
            if self.path.exists() and not os.access(self.path, os.W_OK):
                self.read_only = True
            elif not self.path.exists():
                try:
                    self.path.parent.mkdir(parents=True, exist_ok=True)
                except OSError as error:
                    raise LibraryError(
                        f"The library folder {self.path.parent} cannot be created ({error.strerror or error}). "
                        "Set KHABAR_DB to a writable path."
                    ) from error
        if self.read_only and not self.path.exists():
            raise LibraryError(f"The library at {self.path} does not exist and is opened read-only.")
        with self._connection() as conn:
            self._migrate(conn)

    def _connect(self) -> sqlite3.Connection:
        if self.read_only:
            uri = self.path.resolve().as_uri()
            conn = sqlite3.connect(uri + "?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000,
                                   isolation_level=None, check_same_thread=False)
            try:
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            except sqlite3.OperationalError as error:
                if "unable to open" not in str(error).lower():
                    raise
                # A WAL database in a folder we cannot write to: read it as an unchanging file.
                conn.close()
                conn = sqlite3.connect(uri + "?immutable=1", uri=True, isolation_level=None,
                                       check_same_thread=False)
        else:
            conn = sqlite3.connect(str(self.path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                                   check_same_thread=False)
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        if not self.read_only:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
        return conn

    @contextlib.contextmanager
    def _connection(self) -> Iterator[sqlite3.Connection]:
        # One short-lived connection per operation: safe across Streamlit's threads and across processes.
        try:
            conn = self._connect()
        except sqlite3.Error as error:
            raise LibraryError(self._describe(error)) from error
        try:
            yield conn
        except sqlite3.Error as error:
            raise LibraryError(self._describe(error)) from error
        finally:
            conn.close()

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        if self.read_only:
            raise LibraryError(
                f"The library at {self.path} is read-only, so nothing can be saved. Make the file and its folder "
                "writable, or set KHABAR_DB to a writable path."
            )
        with self._connection() as conn:
            for attempt in range(5):
                try:
                    conn.execute("BEGIN IMMEDIATE")
                    break
                except sqlite3.OperationalError as error:
                    # busy_timeout normally waits; this covers the rare immediate SQLITE_BUSY under WAL.
                    if "locked" not in str(error).lower() or attempt == 4:
                        raise
                    time.sleep(0.05 * (attempt + 1))
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    def _migrate(self, conn: sqlite3.Connection) -> None:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        # Touch a table so that a file that is not SQLite fails here, not on first use.
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        if version > DB_SCHEMA_VERSION:
            raise LibraryError(
                f"The library at {self.path} was written by a newer Khabar (schema {version}, this one reads "
                f"{DB_SCHEMA_VERSION}). Update Khabar, or set KHABAR_DB to another path."
            )
        if version == DB_SCHEMA_VERSION:
            return
        if self.read_only:
            raise LibraryError(f"The library at {self.path} is read-only and needs setting up first; it cannot be.")
        conn.execute("BEGIN IMMEDIATE")
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            while version < DB_SCHEMA_VERSION:
                step = _MIGRATIONS[version]
                if callable(step):
                    step(conn)
                else:
                    for statement in step.split(";"):
                        if statement.strip():
                            conn.execute(statement)
                version += 1
                conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    # Articles ---------------------------------------------------------------------------------------

    def save_article(self, article: Article) -> str:
        """Store ``article`` (text, metadata, analysis, translations); return its id (a new one if it had none).

        The article row and its analysis are written in one transaction; translations already stored for other
        engines are kept.
        """
        article_id = article.id or new_id()
        if article.id != article_id:
            article = dataclasses.replace(article, id=article_id)
        with self._write() as conn:
            self._put_article(conn, article)
        return article_id

    def save_articles(self, articles: Sequence[Article]) -> list[str]:
        """Store many articles (as ``save_article`` does) in one transaction; return their ids in order.

        An article whose text (by ``content_hash``) is already stored under another id, or earlier in the same
        batch, is not stored again: its place in the result holds the existing id.
        """
        ids: list[str] = []
        if not articles:
            return ids
        secrets = _secret_values()
        with self._write() as conn:
            stored: dict[str, str] = {}
            for article in articles:
                digest = content_hash(article.text)
                existing = stored.get(digest) or self._find_by_hash(conn, digest)
                if existing and existing != article.id:
                    ids.append(existing)
                    continue
                if not article.id:
                    article = dataclasses.replace(article, id=new_id())
                self._put_article(conn, article, secrets)
                stored[digest] = article.id
                ids.append(article.id)
        return ids

    def find_by_hash(self, digest: str) -> str | None:
        """The id of the earliest stored article whose ``content_hash`` is ``digest``, or None."""
        with self._connection() as conn:
            return self._find_by_hash(conn, digest)

    @staticmethod
    def _find_by_hash(conn: sqlite3.Connection, digest: str) -> str | None:
        row = conn.execute(
            "SELECT id FROM articles WHERE content_hash = ? ORDER BY created, rowid LIMIT 1", (digest,)
        ).fetchone()
        return row[0] if row else None

    @staticmethod
    def _put_article(conn: sqlite3.Connection, article: Article, secrets: Sequence[str] | None = None) -> None:
        article_id = article.id
        secrets = _secret_values() if secrets is None else secrets
        meta = article.meta
        analysis = article.to_dict()
        for key in ("translations", "text", "meta", "id"):
            analysis.pop(key, None)
        analysis["notes"] = [redact(note, secrets) for note in article.notes]
        now = _now()
        conn.execute(
            """INSERT INTO articles (id, title, source, url, published, text, meta, search, content_hash, created,
                                    updated)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT(id) DO UPDATE SET title=excluded.title, source=excluded.source, url=excluded.url,
                 published=excluded.published, text=excluded.text, meta=excluded.meta, search=excluded.search,
                 content_hash=excluded.content_hash, updated=excluded.updated""",
            (article_id, meta.title, meta.source, meta.url, meta.published, article.text,
             json.dumps(dataclasses.asdict(meta), ensure_ascii=False), _search_key(meta.title, article.text),
             content_hash(article.text), now, now),
        )
        conn.execute(
            """INSERT INTO analyses (article_id, data, sentences, entities, updated) VALUES (?, ?, ?, ?, ?)
               ON CONFLICT(article_id) DO UPDATE SET data=excluded.data, sentences=excluded.sentences,
                 entities=excluded.entities, updated=excluded.updated""",
            (article_id, json.dumps(analysis, ensure_ascii=False), len(article.sentences),
             _entity_count(article), now),
        )
        for translation in article.translations:
            Library._put_translation(conn, article_id, translation, now, secrets)

    def save_text(self, text: str, meta: ArticleMeta | None = None, article_id: str = "") -> Article:
        """Split ``text`` into an article and store it before any analysis; return the stored article."""
        from khabar.pipeline import make_article

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
        """Save the text first, then analyse it (translations cached here) and save the analysis.

        If the analysis raises, the article is still in the library (split into sentences) and the error
        propagates for the caller to show.
        """
        from khabar.pipeline import enrich

        article = self.save_text(text, meta, article_id)
        kwargs: dict[str, Any] = {"translators": translators, "cache": self, **options}
        if progress is not None:
            kwargs["progress"] = progress
        analysed = enrich(article, **kwargs)
        self.save_article(analysed)
        return self.get_article(article.id) or analysed

    def get_article(self, article_id: str) -> Article | None:
        """The stored article with its analysis and every stored translation, or None."""
        with self._connection() as conn:
            row = conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
            if row is None:
                return None
            analysis = conn.execute("SELECT data FROM analyses WHERE article_id = ?", (article_id,)).fetchone()
            rows = conn.execute(
                "SELECT * FROM translations WHERE article_id = ? ORDER BY position, updated, engine", (article_id,)
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
            from khabar.pipeline import split

            article = split(article)
        return article

    def list_articles(self, query: str = "") -> list[ArticleSummary]:
        """Every article, newest first; with ``query``, those whose title or text contains it.

        Matching folds case, nukta, chandrabindu and Devanagari digits (शहबाज़ finds शहबाज).
        """
        sql = """SELECT a.id, a.title, a.published, a.source, a.url, a.meta, a.created, a.updated, substr(a.text, 1, 400) AS text,
                        COALESCE(n.sentences, 0) AS sentences, COALESCE(n.entities, 0) AS entities,
                        (SELECT group_concat(engine, char(31)) FROM
                            (SELECT engine FROM translations t WHERE t.article_id = a.id
                             ORDER BY position, updated, engine)) AS engines,
                        s.slug AS seed
                 FROM articles a LEFT JOIN analyses n ON n.article_id = a.id
                      LEFT JOIN seeds_loaded s ON s.article_id = a.id"""
        params: list[str] = []
        key = match_key(query) if query and query.strip() else ""
        if key:
            sql += " WHERE a.search LIKE ? ESCAPE '\\'"
            params.append("%" + key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
        sql += " ORDER BY a.created DESC, a.rowid DESC"
        with self._connection() as conn:
            rows = conn.execute(sql, params).fetchall()
        summaries = []
        for row in rows:
            meta = json.loads(row["meta"] or "{}")
            summaries.append(
                ArticleSummary(
                    id=row["id"],
                    title=row["title"] or _fallback_title(row["text"]),
                    published=row["published"],
                    source=row["source"],
                    sentences=row["sentences"],
                    entities=row["entities"],
                    engines=tuple(row["engines"].split("\x1f")) if row["engines"] else (),
                    created=row["created"],
                    updated=row["updated"],
                    url=row["url"],
                    published_approximate=bool(meta.get("published_approximate", False)),
                    seed=row["seed"] is not None,
                )
            )
        return summaries

    def delete_article(self, article_id: str) -> bool:
        """Remove an article with its analysis and translations; False if there was none.

        A deleted seed stays deleted (its loaded marker is kept).
        """
        with self._write() as conn:
            cursor = conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))
            return cursor.rowcount > 0

    def count(self) -> int:
        """How many articles the library holds."""
        with self._connection() as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]

    # Translations -----------------------------------------------------------------------------------

    def save_translation(self, article_id: str, translation: Translation) -> None:
        """Store (or replace) one engine's translation of an article; LibraryError if the article is unknown."""
        with self._write() as conn:
            row = conn.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()
            if row is None:
                raise LibraryError(f"There is no article {article_id!r} in the library to attach a translation to.")
            self._put_translation(conn, article_id, translation, _now(), _secret_values())

    def delete_translation(self, article_id: str, engine: str) -> bool:
        """Remove one engine's translation of an article; False if there was none."""
        with self._write() as conn:
            cursor = conn.execute("DELETE FROM translations WHERE article_id = ? AND engine = ?", (article_id, engine))
            return cursor.rowcount > 0

    @staticmethod
    def _put_translation(conn: sqlite3.Connection, article_id: str, translation: Translation, now: str,
                         secrets: Sequence[str]) -> None:
        existing = conn.execute(
            "SELECT position FROM translations WHERE article_id = ? AND engine = ?", (article_id, translation.engine)
        ).fetchone()
        if existing is not None:
            position = existing[0]
        else:
            position = conn.execute(
                "SELECT COALESCE(MAX(position) + 1, 0) FROM translations WHERE article_id = ?", (article_id,)
            ).fetchone()[0]
        conn.execute(
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
                "INSERT OR REPLACE INTO translation_cache (engine, options, source, text, created) VALUES (?, ?, ?, ?, ?)",
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
        from khabar.seeds import SEEDS_DIR, SeedError, load_seed, seed_slugs

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
    # The offline pipeline over a seed; if a stage raises, the seed still loads with its reference translation.
    from khabar.pipeline import enrich

    try:
        return enrich(article, translators=("gloss",)), True
    except Exception as error:  # a broken stage must not keep the bundled article out of the library
        return dataclasses.replace(article, notes=article.notes + (f"analysis failed: {error}",)), False


def _search_key(title: str, text: str) -> str:
    return match_key(title) + "\n" + match_key(text)


def _entity_count(article: Article) -> int:
    return len(article.entity_index) if article.entity_index else len(article.entities)


def _fallback_title(text: str) -> str:
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return first if len(first) <= 80 else first[:77].rstrip() + "…"
