"""What the library says differently to each database: SQLite (embedded, the default) and PostgreSQL (shared).

``khabar.store.Library`` writes its statements once, with ``?`` placeholders and the ``ON CONFLICT`` upserts both
databases share. A dialect connects, opens a write transaction, keeps the schema version and its migrations,
turns a search into the database's own full-text query, and says in plain words what its driver's error means.

Search works on words folded by ``khabar.text.match_key`` (nukta, chandrabindu, case, digits) on both sides:
the index holds folded words and a query is folded the same way, each word matching as a prefix.
- SQLite: an FTS5 table over the folded title and text, ranked with bm25 (the title weighs more). Its tokenizer
  counts combining marks as letters: unicode61's default splits a Hindi word at every vowel sign.
- PostgreSQL: a ``tsvector`` column with a GIN index, ranked with ``ts_rank``. The lexemes are made here, not by
  the server's text-search parser, whose idea of a letter follows the server's locale (under the C locale every
  non-ASCII character is a letter, so ``।`` sticks to the word before it); given as a ``tsvector`` literal they
  are kept as they are, which is what the 'simple' configuration would do with a parser that knew Devanagari.
  pg_trgm was the alternative: it finds substrings but ranks poorly and classifies letters by the same locale.
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
import unicodedata
import urllib.parse
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from khabar.text import match_key, nfc


# Here rather than in store.py, so the command line can name them without loading the pipeline the store runs.
class LibraryError(RuntimeError):
    """The library cannot be opened, read or written, or was given what it cannot keep; the message says why."""


class InvalidArticleError(LibraryError, ValueError):
    """An article the library refuses to store (no text, no Hindi, broken Unicode, an oversized title)."""


BUSY_TIMEOUT_MS = 30_000
LIST_TITLE_CHARS = 200  # the longest title a list returns; the full one stays in the article
_DEVANAGARI_WORD = re.compile(r"(?:[^\W_]|[\u0900-\u0963\u0966-\u097f])+")
# tsvector limits: 16,383 is the last position, 256 positions per lexeme, lexemes under 2 KB.
_PG_MAX_POSITION = 16_383
_PG_POSITIONS_PER_WORD = 255
_PG_MAX_WORD_CHARS = 500
# Every write transaction on PostgreSQL holds this advisory lock: writes queue as under SQLite's BEGIN IMMEDIATE,
# so a content-hash check and the insert after it, or a translation's next position, cannot race.
_PG_WRITE_LOCK = 0x6B6861626172  # "khabar"


def content_hash(text: str) -> str:
    """The SHA-256 hex digest of the NFC form of ``text``: equal for texts that differ only in Unicode form."""
    # An article's text is normalised already: checking that is much cheaper than normalising it again.
    if "\r" in text or "\ufeff" in text or not unicodedata.is_normalized("NFC", text):
        text = nfc(text)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def search_words(text: str) -> list[str]:
    """The words of ``text`` as the search index keeps them: folded by ``match_key``, split at all but letters."""
    return _DEVANAGARI_WORD.findall(match_key(text))


def is_postgres_url(location: str | None) -> bool:
    """Whether ``location`` (a KHABAR_DB value) names a PostgreSQL database rather than a file."""
    return bool(location) and str(location).strip().lower().startswith(("postgresql://", "postgres://"))


def hide_password(url: str) -> str:
    """``url`` with any password replaced by ``***`` (for messages and ``Library.path``)."""
    parts = urllib.parse.urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)
    user = netloc[0].split(":", 1)[0]
    return urllib.parse.urlunsplit(parts._replace(netloc=f"{user}:***@{netloc[1]}"))


@dataclasses.dataclass(frozen=True)
class SearchSQL:
    """A search as SQL: ``hits`` selects the matches' ``n`` and ``score`` (lower is better) best first; ``count``
    counts them; both take ``params``."""

    hits: str
    count: str
    params: tuple[Any, ...]


def display_title(title: str, text: str) -> str:
    """The title a list shows: the title cut to LIST_TITLE_CHARS, or the text's first line where there is none."""
    if title.strip():
        return title if len(title) <= LIST_TITLE_CHARS else title[: LIST_TITLE_CHARS - 1].rstrip() + "…"
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return first if len(first) <= 80 else first[:77].rstrip() + "…"


def published_approximate(meta_json: str) -> int:
    """1 if the stored metadata says the publication date is approximate, else 0."""
    try:
        return int(bool(json.loads(meta_json or "{}").get("published_approximate", False)))
    except (ValueError, AttributeError):
        return 0


class Session:
    """One connection to the library, speaking through its dialect (placeholders, rows)."""

    def __init__(self, raw: Any, dialect: Dialect) -> None:
        self.raw = raw
        self.dialect = dialect

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Run one statement; the cursor has ``fetchone``/``fetchall`` of rows readable by column name."""
        return self.raw.execute(self.dialect.sql(sql, bool(params)), tuple(params))

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """Run one statement for each row of parameters."""
        self.dialect.executemany(self.raw, sql, rows)


class Dialect:
    """The part of the library that differs between databases (see the module docstring)."""

    name = ""
    errors: tuple[type[BaseException], ...] = ()
    # (from version, to version, step): a step is SQL statements separated by ';' or a function of the session.
    migrations: tuple[tuple[int, int, str | Callable[[Session], None]], ...] = ()

    def sql(self, statement: str, has_params: bool) -> str:
        """``statement`` in this database's placeholder style."""
        return statement

    def executemany(self, raw: Any, statement: str, rows: Sequence[Sequence[Any]]) -> None:
        """Run ``statement`` once per row."""
        raw.executemany(self.sql(statement, True), rows)

    def release(self, raw: Any, location: Any, read_only: bool, failed: bool) -> None:
        """Done with a connection from ``connect``: close it (a dialect may keep it for the next call)."""
        raw.close()

    def schema_version(self, session: Session) -> int:
        """The schema version the database holds (0 for a new one)."""
        raise NotImplementedError

    def set_schema_version(self, session: Session, version: int) -> None:
        """Record that the database now holds schema ``version``."""
        raise NotImplementedError

    def search(self, words: Sequence[str]) -> SearchSQL:
        """Full-text search for articles containing every one of ``words`` (folded), each as a prefix."""
        raise NotImplementedError

    def index_article(self, session: Session, article_id: str, title_key: str, text_key: str) -> None:
        """Bring the search index up to date with one saved article (nothing where triggers do it)."""


# The tables both databases define alike (SQL both accept): everything but articles and the search index.
_SHARED_TABLES = """
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
"""

# An article's own columns, as every version of the schema has them.
_ARTICLE_TEXT_COLUMNS = """
    title TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT '',
    url TEXT NOT NULL DEFAULT '',
    published TEXT NOT NULL DEFAULT '',
    text TEXT NOT NULL,
    meta TEXT NOT NULL DEFAULT '{}',
    search TEXT NOT NULL DEFAULT '',
"""

SQLITE_SCHEMA_V1 = """
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,""" + _ARTICLE_TEXT_COLUMNS + """    created TEXT NOT NULL,
    updated TEXT NOT NULL
);
""" + _SHARED_TABLES + """CREATE INDEX IF NOT EXISTS articles_created ON articles(created);
"""


def _sqlite_add_content_hash(session: Session) -> None:
    # Version 1 → 2: every article gets the digest of its text, so identical texts can be stored once.
    session.execute("ALTER TABLE articles ADD COLUMN content_hash TEXT NOT NULL DEFAULT ''")
    rows = session.execute("SELECT id, text FROM articles").fetchall()
    session.executemany("UPDATE articles SET content_hash = ? WHERE id = ?",
                        [(content_hash(row["text"]), row["id"]) for row in rows])
    session.execute("CREATE INDEX IF NOT EXISTS articles_content_hash ON articles(content_hash)")


# The articles table since version 3, after its key (each database has its own kind of counter).
_ARTICLE_COLUMNS = """
    id TEXT NOT NULL UNIQUE,""" + _ARTICLE_TEXT_COLUMNS + """    title_key TEXT NOT NULL DEFAULT '',
    list_title TEXT NOT NULL DEFAULT '',
    published_approximate INTEGER NOT NULL DEFAULT 0,
    content_hash TEXT NOT NULL DEFAULT '',
    created TEXT NOT NULL,
    updated TEXT NOT NULL
)"""
_SQLITE_ARTICLES_V3 = "CREATE TABLE articles_v3 (n INTEGER PRIMARY KEY," + _ARTICLE_COLUMNS

# The FTS5 index reads its words from articles (external content) and triggers keep it in step with every write.
_SQLITE_SEARCH_INDEX = """
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title_key, search, content='articles', content_rowid='n', prefix='2 3',
    tokenize="unicode61 remove_diacritics 2 categories 'L* N* Co M*'"
);
INSERT INTO articles_fts (articles_fts, rank) VALUES ('rank', 'bm25(4.0, 1.0)');
CREATE INDEX seeds_loaded_article ON seeds_loaded(article_id);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title_key, search) VALUES (new.n, new.title_key, new.search);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title_key, search) VALUES ('delete', old.n, old.title_key, old.search);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title_key, search ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title_key, search) VALUES ('delete', old.n, old.title_key, old.search);
    INSERT INTO articles_fts (rowid, title_key, search) VALUES (new.n, new.title_key, new.search);
END
"""


def _sqlite_rebuild_for_search(session: Session) -> None:
    # Version 2 → 3: a stable integer key for the FTS5 index (a plain rowid may change on VACUUM), the columns a
    # list needs without reading text or metadata, and the search index itself.
    session.execute(_SQLITE_ARTICLES_V3)
    columns = "id, title, source, url, published, text, meta, content_hash, created, updated"
    rows = session.execute(f"SELECT {columns} FROM articles ORDER BY created, rowid")
    # The folded words are made again, so that the index holds what today's match_key makes of a query.
    session.executemany(
        f"INSERT INTO articles_v3 ({columns}, search, title_key, list_title, published_approximate) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(*tuple(row), match_key(row["title"]) + "\n" + match_key(row["text"]), match_key(row["title"]),
          display_title(row["title"], row["text"]), published_approximate(row["meta"])) for row in rows],
    )
    for statement in ("DROP TABLE articles", "ALTER TABLE articles_v3 RENAME TO articles",
                      "CREATE INDEX articles_created ON articles(created, n)",
                      "CREATE INDEX articles_content_hash ON articles(content_hash)"):
        session.execute(statement)
    _run_script(session, _SQLITE_SEARCH_INDEX)
    session.execute("INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')")


# Version 3 → 4: the list shows an article's English title beside its Hindi one (older articles have none).
ADD_ENGLISH_TITLE = "ALTER TABLE articles ADD COLUMN list_title_en TEXT NOT NULL DEFAULT ''"


def _run_script(session: Session, script: str) -> None:
    # A statement ends at ';' before a CREATE or INSERT at a line's start, so that a trigger keeps its own ';'.
    for statement in re.split(r";\s*\n(?=CREATE\b|INSERT\b)", script):
        if statement.strip():
            session.execute(statement)


def run_step(session: Session, step: str | Callable[[Session], None]) -> None:
    """Run one migration step: a function of the session, or SQL statements."""
    if callable(step):
        step(session)
    else:
        _run_script(session, step)


class SQLiteDialect(Dialect):
    """The embedded library: one SQLite file in WAL mode, writes in ``BEGIN IMMEDIATE`` transactions."""

    name = "sqlite"
    errors = (sqlite3.Error,)
    migrations = ((0, 1, SQLITE_SCHEMA_V1), (1, 2, _sqlite_add_content_hash), (2, 3, _sqlite_rebuild_for_search),
                  (3, 4, ADD_ENGLISH_TITLE))

    def connect(self, path: Path, read_only: bool) -> sqlite3.Connection:
        """A new connection to the file at ``path``."""
        if read_only:
            uri = path.resolve().as_uri()
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
            conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                                   check_same_thread=False)
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        if not read_only:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
        return conn

    @contextlib.contextmanager
    def transaction(self, session: Session) -> Iterator[None]:
        """A write transaction that holds SQLite's write lock from its start."""
        for attempt in range(5):
            try:
                session.execute("BEGIN IMMEDIATE")
                break
            except sqlite3.OperationalError as error:
                # busy_timeout normally waits; this covers the rare immediate SQLITE_BUSY under WAL.
                if "locked" not in str(error).lower() or attempt == 4:
                    raise
                time.sleep(0.05 * (attempt + 1))
        try:
            yield
        except BaseException:
            session.execute("ROLLBACK")
            raise
        session.execute("COMMIT")

    @contextlib.contextmanager
    def migration(self, session: Session) -> Iterator[None]:
        """A transaction for schema changes: foreign keys are off so that a table can be rebuilt in place."""
        session.execute("PRAGMA foreign_keys = OFF")
        try:
            with self.transaction(session):
                yield
                broken = session.execute("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise sqlite3.IntegrityError(f"{len(broken)} rows lost their article during the upgrade")
        finally:
            session.execute("PRAGMA foreign_keys = ON")

    def touch(self, session: Session) -> None:
        """Read the schema, so that a file that is not SQLite fails at once rather than on first use."""
        session.execute("SELECT count(*) FROM sqlite_master").fetchone()

    def schema_version(self, session: Session) -> int:
        return session.execute("PRAGMA user_version").fetchone()[0]

    def set_schema_version(self, session: Session, version: int) -> None:
        session.execute(f"PRAGMA user_version = {int(version)}")

    def search(self, words: Sequence[str]) -> SearchSQL:
        # Each word quoted (so no user input is FTS5 syntax) and starred (a prefix); words side by side mean AND.
        # Ranked inside the index (rank is bm25 with the title weighing 4, set at creation), before any join.
        match = " ".join('"' + word.replace('"', '""') + '"*' for word in words)
        return SearchSQL(
            hits="SELECT rowid AS n, rank AS score FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rank, rowid DESC",
            count="SELECT count(*) AS total FROM articles_fts WHERE articles_fts MATCH ?", params=(match,))


class PostgresDialect(Dialect):
    """A shared library on a PostgreSQL server (psycopg 3); writes queue on one advisory lock."""

    name = "postgresql"

    def __init__(self) -> None:
        import psycopg  # only a PostgreSQL library needs the driver

        self.psycopg = psycopg
        self.errors = (psycopg.Error,)
        self._idle = threading.local()
        self._idle_status = psycopg.pq.TransactionStatus.IDLE
        self.migrations = ((0, 3, _POSTGRES_SCHEMA), (3, 4, ADD_ENGLISH_TITLE))

    def connect(self, url: str, read_only: bool) -> Any:
        """An autocommitting connection to the database at ``url`` (this thread's idle one if it has one)."""
        # A server connection costs far more than a file's, and a page makes several calls: keep one per thread
        # and process (a forked child must not share its parent's socket).
        key = (os.getpid(), url, read_only)
        kept_key, kept = getattr(self._idle, "kept", (None, None))
        self._idle.kept = (None, None)
        if kept is not None and kept_key == key and not kept.closed \
                and kept.info.transaction_status == self._idle_status:
            return kept
        if kept is not None and kept_key[0] == os.getpid():  # a parent's connection is the parent's to close
            kept.close()
        return self._open(url, read_only)

    def release(self, raw: Any, url: str, read_only: bool, failed: bool) -> None:
        """Keep a healthy idle connection for this thread's next call (one at most); close a failed one."""
        if failed or raw.closed or raw.info.transaction_status != self._idle_status:
            raw.close()
            return
        previous_key, previous = getattr(self._idle, "kept", (None, None))
        if previous is not None and previous is not raw and previous_key[0] == os.getpid():
            previous.close()
        self._idle.kept = ((os.getpid(), url, read_only), raw)

    def _open(self, url: str, read_only: bool) -> Any:
        from psycopg.rows import dict_row

        given = self.psycopg.conninfo.conninfo_to_dict(url)
        settings: dict[str, Any] = {} if "connect_timeout" in given else {"connect_timeout": 10}
        if read_only:
            # Added to the URL's own options (a search_path, say), which a keyword would replace.
            settings["options"] = f"{given.get('options', '')} -c default_transaction_read_only=on".strip()
        return self.psycopg.connect(url, autocommit=True, row_factory=_row_factory(dict_row), **settings)

    def sql(self, statement: str, has_params: bool) -> str:
        # psycopg reads '%' as the start of a placeholder only when parameters are given.
        return statement.replace("%", "%%").replace("?", "%s") if has_params else statement

    def executemany(self, raw: Any, statement: str, rows: Sequence[Sequence[Any]]) -> None:
        with raw.cursor() as cursor:
            cursor.executemany(self.sql(statement, True), rows)

    @contextlib.contextmanager
    def transaction(self, session: Session) -> Iterator[None]:
        """A write transaction that first takes the library's write lock."""
        with session.raw.transaction():
            session.execute("SELECT pg_advisory_xact_lock(?)", (_PG_WRITE_LOCK,))
            yield

    migration = transaction

    def touch(self, session: Session) -> None:
        session.execute("SELECT 1").fetchone()

    def schema_version(self, session: Session) -> int:
        exists = session.execute("SELECT to_regclass('schema_version') IS NOT NULL AS present").fetchone()
        if not exists["present"]:
            return 0
        row = session.execute("SELECT max(version) AS version FROM schema_version").fetchone()
        return int(row["version"] or 0)

    def set_schema_version(self, session: Session, version: int) -> None:
        session.execute("DELETE FROM schema_version")
        session.execute("INSERT INTO schema_version (version) VALUES (?)", (int(version),))

    def search(self, words: Sequence[str]) -> SearchSQL:
        query = " & ".join(_pg_quote(word) + ":*" for word in words)
        condition = "FROM articles, CAST(? AS tsquery) AS q WHERE search_vector @@ q"
        return SearchSQL(hits=f"SELECT n, -ts_rank(search_vector, q) AS score {condition} ORDER BY score, n DESC",
                         count=f"SELECT count(*) AS total {condition}", params=(query,))

    def index_article(self, session: Session, article_id: str, title_key: str, text_key: str) -> None:
        session.execute("UPDATE articles SET search_vector = CAST(? AS tsvector) WHERE id = ?",
                        (_tsvector(title_key, text_key), article_id))


def _row_factory(dict_row: Callable[[Any], Callable[[Sequence[Any]], dict[str, Any]]]) -> Callable[[Any], Any]:
    # Rows readable by name (as sqlite3.Row) and by position (row[0]) alike.
    def factory(cursor: Any) -> Callable[[Sequence[Any]], _Row]:
        names = [column.name for column in cursor.description or ()]
        return lambda values: _Row(zip(names, values, strict=True))

    return factory


class _Row(dict):
    """A result row: ``row["name"]`` as a dict, ``row[0]`` by position as sqlite3.Row allows."""

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, int):
            return list(self.values())[key]
        return super().__getitem__(key)


def _pg_quote(word: str) -> str:
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


def _tsvector(title_key: str, text_key: str) -> str:
    # Title words weigh most (A), text words least (D, written without a letter); positions count words.
    positions: dict[str, list[tuple[int, str]]] = defaultdict(list)
    position = 0
    for weight, words in (("A", _DEVANAGARI_WORD.findall(title_key)), ("", _DEVANAGARI_WORD.findall(text_key))):
        for word in words:
            position = min(position + 1, _PG_MAX_POSITION)
            kept = positions[word]
            if len(word) <= _PG_MAX_WORD_CHARS and len(kept) < _PG_POSITIONS_PER_WORD and (
                    not kept or kept[-1][0] != position):
                kept.append((position, weight))
    return " ".join(_pg_quote(word) + ":" + ",".join(f"{at}{weight}" for at, weight in kept)
                    for word, kept in positions.items())


_POSTGRES_SCHEMA = """
CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS articles (n BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    search_vector TSVECTOR NOT NULL DEFAULT ''::tsvector,""" + _ARTICLE_COLUMNS + """;
CREATE INDEX IF NOT EXISTS articles_created ON articles(created, n);
CREATE INDEX IF NOT EXISTS articles_content_hash ON articles(content_hash);
CREATE INDEX IF NOT EXISTS articles_search ON articles USING GIN (search_vector);
""" + _SHARED_TABLES + """CREATE INDEX IF NOT EXISTS seeds_loaded_article ON seeds_loaded(article_id)
"""
