"""The library on both back ends: round trips, search, pages, checks, concurrency, failure, damaged files.

Every test runs on SQLite and on PostgreSQL. The PostgreSQL leg needs a server: KHABAR_TEST_POSTGRES_URL names one
(``scripts/postgres.sh start`` prints a throwaway one's URL; .ci/run sets it); each test gets its own schema there.
Tests that take the ``sqlite_only`` fixture are about SQLite's file (or need no database) and run once.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import re
import sqlite3
import threading
import urllib.parse
import uuid

import pytest

from khabar.model import Article, ArticleMeta, EntitySpan, Translation
from khabar.pipeline import make_article, name_spans, named_source
from khabar.store import _SCHEMA, DB_SCHEMA_VERSION, Library, LibraryError, content_hash, default_path, options_digest

TEXT = "ईरान के राष्ट्रपति इब्राहिम रायसी पाकिस्तान पहुँचे। शहबाज़ शरीफ़ ने उनका स्वागत किया।\nदोनों देशों ने आठ समझौते किए।"


POSTGRES_URL = os.environ.get("KHABAR_TEST_POSTGRES_URL", "").strip()


@pytest.fixture(params=["sqlite", "postgresql"], autouse=True)
def backend(request, isolated_library, monkeypatch):
    """Run the test on SQLite (KHABAR_DB is a fresh file) and on PostgreSQL (a fresh schema on the test server)."""
    if request.param == "sqlite":
        yield "sqlite"
        return
    if "sqlite_only" in request.fixturenames:
        pytest.skip("about SQLite's file, or needs no database: runs once, on SQLite")
    if not POSTGRES_URL:
        pytest.skip("no PostgreSQL server: set KHABAR_TEST_POSTGRES_URL (scripts/postgres.sh start prints one)")
    psycopg = pytest.importorskip("psycopg")
    schema = "khabar_test_" + uuid.uuid4().hex[:10]
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    monkeypatch.setenv("KHABAR_DB", _with_search_path(POSTGRES_URL, schema))
    try:
        yield "postgresql"
    finally:
        with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture
def sqlite_only(backend):
    """Marks a test that runs once, on SQLite (the PostgreSQL leg skips before making a schema)."""
    return backend


def _with_search_path(url: str, schema: str) -> str:
    parts = urllib.parse.urlsplit(url)
    query = urllib.parse.parse_qsl(parts.query) + [("options", f"-csearch_path={schema}")]
    return urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(query)))


def _rows(library: Library, sql: str, params=()) -> list:
    with library._connection() as session:  # noqa: SLF001 - the test looks at what is stored, on either back end
        return session.execute(sql, params).fetchall()


def _article(text: str = TEXT, title: str = "रायसी की यात्रा", article_id: str = "") -> Article:
    article = make_article(text, ArticleMeta(title=title, source="Test", published="2024-04-23"), article_id)
    gloss = Translation(engine="gloss", label="Gloss", kind="gloss",
                        texts=tuple(f"gloss {s.index}" for s in article.sentences))
    at = article.text.find("रायसी")
    spans = () if at < 0 else (EntitySpan(start=at, end=at + 5, label="PER", text="रायसी", sentence=0,
                                          entity_id="raisi", canonical="Raisi"),)
    return dataclasses.replace(article, entities=spans, stages=article.stages + ("entities",)).with_translation(gloss)


def test_default_path_follows_env_then_xdg(sqlite_only, monkeypatch, tmp_path):
    monkeypatch.setenv("KHABAR_DB", str(tmp_path / "x.db"))
    assert default_path() == tmp_path / "x.db"
    monkeypatch.delenv("KHABAR_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert default_path() == tmp_path / "data" / "khabar" / "library.sqlite3"


def test_created_on_first_use_with_schema_version(sqlite_only, isolated_library):
    assert not isolated_library.exists()
    library = Library()
    assert library.path == isolated_library and isolated_library.exists()
    with sqlite3.connect(isolated_library) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == DB_SCHEMA_VERSION
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert library.list_articles() == []


def test_save_get_round_trip_keeps_everything():
    library = Library()
    article = _article()
    article_id = library.save_article(article)
    assert article_id and len(article_id) >= 8
    back = library.get_article(article_id)
    assert back is not None
    assert back.id == article_id
    assert back.text == article.text
    assert back.meta == article.meta
    assert back.sentences == article.sentences
    assert back.entities == article.entities
    assert back.source_map == article.source_map
    assert back.translation("gloss") == article.translation("gloss")
    assert library.get_article("nope") is None


def test_resave_keeps_other_translations_and_updates_analysis():
    library = Library()
    article_id = library.save_article(_article())
    reference = Translation(engine="reference", label="Ref", kind="reference", texts=("a", "b", "c"))
    library.save_translation(article_id, reference)
    stored = library.get_article(article_id)
    # Saving an analysis that only carries the gloss must not drop the reference.
    library.save_article(dataclasses.replace(stored, translations=stored.translations[:1], entities=()))
    again = library.get_article(article_id)
    assert [t.engine for t in again.translations] == ["gloss", "reference"]
    assert again.entities == ()
    assert library.list_articles()[0].engines == ("gloss", "reference")


def test_save_translation_to_unknown_article_is_clear():
    with pytest.raises(LibraryError, match="no article"):
        Library().save_translation("missing", Translation(engine="x", label="X", kind="user", texts=("a",)))


def test_list_summary_and_search_folds_nukta_and_case():
    library = Library()
    first = library.save_article(_article())
    second = library.save_article(_article("दिल्ली में बारिश हुई। Monsoon आया।", title="Weather"))
    rows = {row.id: row for row in library.list_articles()}
    assert set(rows) == {first, second}
    summary = rows[first]
    assert (summary.title, summary.published, summary.source) == ("रायसी की यात्रा", "2024-04-23", "Test")
    assert summary.sentences == 3 and summary.entities == 1 and summary.engines == ("gloss",)
    assert summary.created
    assert [r.id for r in library.list_articles("शहबाज शरीफ")] == [first]  # text written with nukta
    assert [r.id for r in library.list_articles("यात्रा")] == [first]  # title
    assert [r.id for r in library.list_articles("monsoon")] == [second]
    assert [r.id for r in library.list_articles("weather")] == [second]
    assert library.list_articles("100%_") == []
    assert len(library.list_articles("  ")) == 2


def test_untitled_article_lists_its_first_line():
    library = Library()
    library.save_article(_article(title=""))
    assert library.list_articles()[0].title.startswith("ईरान के राष्ट्रपति")


def test_delete_removes_article_and_translations():
    library = Library()
    article_id = library.save_article(_article())
    assert library.delete_article(article_id) is True
    assert library.get_article(article_id) is None
    assert library.delete_article(article_id) is False
    assert _rows(library, "SELECT count(*) AS n FROM translations")[0]["n"] == 0
    assert _rows(library, "SELECT count(*) AS n FROM analyses")[0]["n"] == 0
    assert library.count("रायसी") == 0


def test_translation_cache_is_keyed_by_engine_options_and_normalised_source():
    library = Library()
    library.put_many("google", "opts", {"नमस्ते  दुनिया": "hello world", "एक": "one"})
    found = library.get_many("google", "opts", ["नमस्ते दुनिया", "दो", "एक"])
    assert found == {"नमस्ते दुनिया": "hello world", "एक": "one"}
    assert library.get_many("google", "other", ["एक"]) == {}
    assert library.get_many("mymemory", "opts", ["एक"]) == {}
    assert library.get_many("google", "opts", []) == {}
    many = [f"वाक्य {i}" for i in range(1200)]  # more than one SQL batch
    library.put_many("gloss", "", {s: str(i) for i, s in enumerate(many)})
    assert len(library.get_many("gloss", "", many)) == 1200
    assert library.clear_cache("gloss") == 1200


def test_cache_works_with_translate_cached():
    from khabar.registry import EngineInfo
    from khabar.translate.base import SegmentResult, translate_cached

    class Counting:
        info = EngineInfo(name="count", label="Count", kind="translator")
        calls = 0

        def translate(self, texts, progress=None):
            Counting.calls += len(texts)
            return [SegmentResult(text=t[::-1]) for t in texts]

    library = Library()
    first = translate_cached(Counting(), ["एक", "दो"], cache=library)
    second = translate_cached(Counting(), ["दो", "एक"], cache=Library())
    assert Counting.calls == 2
    assert second.texts == tuple(reversed(first.texts))


def test_secrets_never_reach_the_file(monkeypatch):
    secret = "sk-very-secret-123456"
    monkeypatch.setenv("DEEPL_API_KEY", secret)
    library = Library()
    article = _article()
    failing = Translation(engine="deepl", label="DeepL", kind="translation", texts=(None, None, None),
                          errors=(f"403 for https://api/x?auth_key={secret}", None, None), note=f"key {secret}")
    article_id = library.save_article(dataclasses.replace(article, notes=(f"translation failed: {secret}",)))
    library.save_translation(article_id, failing)
    library.put_many("deepl", f"key={secret}", {"एक": "one"})
    assert library.get_many("deepl", f"key={secret}", ["एक"]) == {"एक": "one"}
    stored = library.get_article(article_id)
    assert "***" in stored.translation("deepl").errors[0] and "***" in stored.notes[0]
    if library.is_shared:
        tables = ("articles", "analyses", "translations", "translation_cache")
        raw = "".join(str(tuple(row.values())) for table in tables for row in _rows(library, f"SELECT * FROM {table}"))
        assert raw and secret not in raw
    else:
        raw = b"".join(p.read_bytes() for p in library.path.parent.glob("library.sqlite3*"))
        assert secret.encode() not in raw
    assert options_digest(f"key={secret}") != f"key={secret}"


def test_concurrent_threads_lose_nothing():
    Library()  # create the file before the race
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        try:
            library = Library()
            for i in range(15):
                library.save_article(_article(title=f"thread {n} article {i}"))
                library.put_many("gloss", "", {f"वाक्य {n}-{i}": "x"})
        except BaseException as error:  # surfaced below
            errors.append(error)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    titles = {row.title for row in Library().list_articles()}
    assert titles == {f"thread {n} article {i}" for n in range(6) for i in range(15)}
    assert len(Library().get_many("gloss", "", [f"वाक्य {n}-{i}" for n in range(6) for i in range(15)])) == 90


def _process_writer(path: str, n: int, queue) -> None:
    try:
        library = Library(path)
        for i in range(10):
            library.save_article(_article(title=f"process {n} article {i}"))
        queue.put(None)
    except BaseException as error:  # reported to the parent
        queue.put(repr(error))


def _run_writers(target, count: int) -> list:
    """Start ``count`` processes running ``target(location, n, queue)`` at once; return what each put."""
    Library()  # create the library before the race
    context = multiprocessing.get_context("spawn" if os.name == "nt" else "fork")
    queue = context.Queue()
    location = os.environ["KHABAR_DB"]
    processes = [context.Process(target=target, args=(location, n, queue)) for n in range(count)]
    for process in processes:
        process.start()
    results = [queue.get(timeout=60) for _ in processes]
    for process in processes:
        process.join(timeout=60)
    return results


def test_concurrent_processes_lose_nothing():
    assert _run_writers(_process_writer, 4) == [None] * 4
    assert len(Library().list_articles()) == 40


def test_failed_stage_is_a_note_and_keeps_the_saved_article(monkeypatch):
    import khabar.pipeline

    def broken(*args, **kwargs):
        raise RuntimeError("entity model exploded")

    monkeypatch.setattr(khabar.pipeline, "recognize_entities", broken)
    library = Library()
    analysed = library.analyze_and_save(TEXT, ArticleMeta(title="Survivor"), article_id="keepme")
    kept = library.get_article("keepme")
    assert kept is not None and kept.text == TEXT.replace("\r", "") and kept.meta.title == "Survivor"
    assert len(kept.sentences) == 3
    assert "entities: failed: entity model exploded" in kept.notes
    # the stages after the failing one still ran and were saved
    assert kept.translation("gloss") is not None and "time" in kept.stages
    assert analysed.notes == kept.notes
    assert [row.id for row in library.list_articles()] == ["keepme"]


def test_failed_write_rolls_back_whole_article():
    library = Library()
    article = _article(article_id="atomic")
    bad = Translation(engine="bad", label="Bad", kind="translation", texts=({1, 2},))  # not JSON: fails mid-write
    with pytest.raises(TypeError):
        library.save_article(article.with_translation(bad))
    assert library.get_article("atomic") is None


def test_corrupt_file_gives_clear_error(sqlite_only, isolated_library):
    isolated_library.write_bytes(b"this is not a database at all, just some bytes" * 100)
    with pytest.raises(LibraryError) as caught:
        Library()
    message = str(caught.value)
    assert str(isolated_library) in message and "damaged" in message and "KHABAR_DB" in message


def test_truncated_database_gives_clear_error(sqlite_only, isolated_library):
    library = Library()
    for i in range(30):
        library.save_article(_article(title=f"a{i}"))
    with sqlite3.connect(isolated_library) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = isolated_library.read_bytes()
    for suffix in ("-wal", "-shm"):
        (isolated_library.parent / (isolated_library.name + suffix)).unlink(missing_ok=True)
    isolated_library.write_bytes(data[:100] + b"\xff" * 4000 + data[4100:])
    with pytest.raises(LibraryError, match="damaged|cannot be opened|could not be used"):
        damaged = Library()
        damaged.list_articles()
        for row in damaged.list_articles():
            damaged.get_article(row.id)


def test_newer_schema_is_refused():
    library = Library()
    with library._connection() as session:  # noqa: SLF001
        library.dialect.set_schema_version(session, DB_SCHEMA_VERSION + 1)
    with pytest.raises(LibraryError, match="newer Khabar") as caught:
        Library()
    assert "KHABAR_DB" in str(caught.value)


def test_read_only_library_reads_but_refuses_writes(sqlite_only, isolated_library):
    library = Library()
    article_id = library.save_article(_article())
    readonly = Library(read_only=True)
    assert [row.id for row in readonly.list_articles()] == [article_id]
    assert readonly.get_article(article_id).text == _article().text
    for attempt in (lambda: readonly.save_article(_article()), lambda: readonly.delete_article(article_id),
                    lambda: readonly.put_many("g", "", {"a": "b"})):
        with pytest.raises(LibraryError, match="read-only") as caught:
            attempt()
        assert "KHABAR_DB" in str(caught.value)
    assert readonly.ensure_seeds() == []


def test_unwritable_file_is_detected_as_read_only(sqlite_only, isolated_library, monkeypatch):
    Library().save_article(_article())
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if mode == os.W_OK else real_access(p, mode))
    library = Library()
    assert library.read_only
    with pytest.raises(LibraryError, match="read-only"):
        library.save_article(_article())


def test_write_refused_by_sqlite_is_reported_as_read_only(sqlite_only, isolated_library):
    library = Library()
    library.save_article(_article())
    library._connect_plain = library._connect  # noqa: SLF001

    def query_only():
        conn = library._connect_plain()
        conn.execute("PRAGMA query_only = ON")  # what SQLite does on a read-only medium
        return conn

    library._connect = query_only
    with pytest.raises(LibraryError, match="read-only"):
        library.save_article(_article())


def test_uncreatable_folder_is_clear(sqlite_only, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(LibraryError, match="cannot be created"):
        Library(blocker / "sub" / "library.sqlite3")


def test_analyze_and_save_stores_analysis_and_caches_translations():
    library = Library()
    article = library.analyze_and_save(TEXT, ArticleMeta(title="Full"))
    stored = library.get_article(article.id)
    assert stored.translation("gloss") is not None and len(stored.translation("gloss").texts) == 3
    assert "translate" in stored.stages
    # A sentence the gloss read with entity names is cached under the sentence and its names.
    spans = name_spans(stored)
    sources = [named_source(s.text, spans.get(s.text)) for s in stored.sentences]
    assert set(library.get_many("gloss", _gloss_options(), sources)) == set(sources)


def _gloss_options() -> str:
    from khabar.engines import translators

    engine = translators().get("gloss")
    return getattr(engine, "options_key", lambda: "")()


def test_content_hash_is_sha256_of_the_nfc_text(sqlite_only):
    import hashlib
    import unicodedata

    precomposed = "शहबा\u095b शरीफ़"  # ज़ as one code point; NFC writes it as ज + nukta
    decomposed = "शहबा\u091c\u093c शरीफ़"
    assert decomposed != precomposed
    assert content_hash(decomposed) == content_hash(precomposed)
    assert content_hash(precomposed) == hashlib.sha256(unicodedata.normalize("NFC", precomposed).encode()).hexdigest()
    assert content_hash(precomposed) != content_hash(precomposed + "।")


def test_save_articles_stores_many_and_returns_ids_in_order():
    library = Library()
    batch = [_article(f"दिल्ली में {i} लोग आए।", title=f"लेख {i}") for i in range(5)]
    ids = library.save_articles(batch)
    assert len(ids) == 5 and len(set(ids)) == 5
    for i, article_id in enumerate(ids):
        stored = library.get_article(article_id)
        assert stored.meta.title == f"लेख {i}" and stored.translation("gloss") is not None
        assert library.find_by_hash(content_hash(stored.text)) == article_id
    assert library.find_by_hash(content_hash("कोई और पाठ")) is None
    assert library.save_articles([]) == []


def test_save_articles_stores_identical_text_once():
    library = Library()
    first = library.save_article(_article(title="पहला"))
    again = _article(title="दूसरा")
    fresh = _article("बिलकुल नया पाठ।", title="नया")
    ids = library.save_articles([again, fresh, _article("बिलकुल नया पाठ।", title="नया फिर")])
    assert ids[0] == first and ids[1] == ids[2] != first
    assert library.count() == 2
    assert library.get_article(first).meta.title == "पहला"  # not overwritten by the duplicate
    # Saving a stored article under its own id updates it (a re-analysis), as save_article does.
    stored = library.get_article(first)
    updated = dataclasses.replace(stored, meta=dataclasses.replace(stored.meta, title="बदला"))
    assert library.save_articles([updated]) == [first]
    assert library.get_article(first).meta.title == "बदला"


def test_save_articles_is_one_transaction():
    library = Library()
    bad = Translation(engine="bad", label="Bad", kind="translation", texts=({1, 2},))  # not JSON: fails mid-batch
    batch = [_article("पहला पाठ।"), _article("दूसरा पाठ।").with_translation(bad)]
    with pytest.raises(TypeError):
        library.save_articles(batch)
    assert library.count() == 0


def test_version_1_library_gains_content_hashes(sqlite_only, isolated_library):

    with sqlite3.connect(isolated_library) as conn:
        conn.executescript(_SCHEMA)
        conn.execute("INSERT INTO articles (id, title, text, created, updated) VALUES ('old', 't', ?, 'c', 'u')",
                     (TEXT,))
        conn.execute("PRAGMA user_version = 1")
    library = Library()
    assert library.find_by_hash(content_hash(TEXT)) == "old"
    assert library.save_articles([_article()]) == ["old"]
    with sqlite3.connect(isolated_library) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == DB_SCHEMA_VERSION
        indexes = {row[1] for row in conn.execute("PRAGMA index_list(articles)")}
    assert "articles_content_hash" in indexes


# Search and pages ----------------------------------------------------------------------------------


def _library_of(texts_and_titles) -> tuple[Library, list[str]]:
    library = Library()
    ids = library.save_articles([_article(text, title=title) for text, title in texts_and_titles])
    return library, ids


def test_search_matches_word_starts_folded_and_ranks_title_first():
    library, (visit, rain, talks) = _library_of([
        (TEXT, "रायसी की यात्रा"),
        ("दिल्ली में बारिश हुई। रायसी का ज़िक्र नहीं, केवल Monsoon का।", "Weather in Delhi"),
        ("इस्लामाबाद में वार्ता हुई। राष्ट्रपति रायसी ने भाषण दिया।", "वार्ता"),
    ])
    assert [r.id for r in library.list_articles("शहबाज़")] == [visit]  # nukta in the query, none needed
    assert [r.id for r in library.list_articles("शहबाज शरीफ")] == [visit]  # every word, nukta in the text
    assert [r.id for r in library.list_articles("रायस")][0] == visit  # a word start; the title match first
    assert set(r.id for r in library.list_articles("रायसी")) == {visit, rain, talks}
    assert [r.id for r in library.list_articles("MONSOON")] == [rain]
    assert [r.id for r in library.list_articles("delhi weather")] == [rain]
    assert [r.id for r in library.list_articles("जिक्र")] == [rain]  # ज़िक्र without its nukta
    assert library.list_articles("बारिश रायसी यात्रा") == []  # all words must be there
    assert library.count("रायसी") == 3 and library.count("monsoon") == 1 and library.count("") == 3
    assert library.list_articles("ईरान के")[0].title == "रायसी की यात्रा"


@pytest.mark.parametrize(("query", "expected"), [
    ('"', 0), ('""', 0), ("*", 0), ("AND", 0), ("NOT रायसी", 0), ("रायसी OR", 0), ("NEAR(रायसी", 0), ("(", 0),
    ("title_key:रायसी", 0), ("search:रायसी", 0), ("^रायसी", 1), ('"रायसी"', 1), ("रायसी*", 1), ("रायसी -", 1),
    ("(रायसी)", 1), ("'रायसी'", 1), ("\\", 0), ("%_", 0), ("{x}", 0), ("।", 0), ("\x00", 0), ("रायसी & !", 1),
    ("रायसी:*", 1), ("रायसी | पाकिस्तान", 1),
])
def test_search_takes_any_input_without_a_syntax_error(query, expected):
    library, _ = _library_of([(TEXT, "रायसी की यात्रा"), ("दिल्ली में बारिश हुई।", "मौसम")])
    found = library.list_articles(query)
    assert len(found) == expected and library.count(query) == expected


def test_pages_cover_the_list_newest_first():
    library, ids = _library_of([(f"दिल्ली में {i} लोग आए।", f"लेख {i}") for i in range(23)])
    assert library.count() == 23
    pages = [library.list_articles(limit=10, offset=start) for start in (0, 10, 20)]
    assert [len(page) for page in pages] == [10, 10, 3]
    assert [r.id for page in pages for r in page] == list(reversed(ids))
    assert library.list_articles(limit=10, offset=30) == []
    found = library.list_articles("दिल्ली", limit=5, offset=20)
    assert len(found) == 3 and library.count("दिल्ली") == 23
    with pytest.raises(ValueError):
        library.list_articles(offset=5)


def test_summary_of_one_article_and_capped_titles():
    library = Library()
    long_title = "लंबा शीर्षक " * 60
    article_id = library.save_article(_article(title=long_title))
    summary = library.summary(article_id)
    assert summary is not None and summary.engines == ("gloss",) and summary.sentences == 3
    assert len(summary.title) <= 200 and summary.title.endswith("…")
    assert library.get_article(article_id).meta.title == long_title  # the full title is kept
    assert library.summary("missing") is None


def test_search_index_follows_updates_and_deletes():
    library = Library()
    article_id = library.save_article(_article(title="पुराना शीर्षक"))
    assert library.count("पुराना") == 1
    stored = library.get_article(article_id)
    library.save_article(dataclasses.replace(stored, meta=dataclasses.replace(stored.meta, title="नया शीर्षक")))
    assert library.count("पुराना") == 0 and [r.id for r in library.list_articles("नया")] == [article_id]
    library.delete_article(article_id)
    assert library.count("नया") == 0 and library.count("रायसी") == 0


def test_version_2_library_gains_the_search_index(sqlite_only, isolated_library):
    from khabar.store_sql import Session, SQLiteDialect, _sqlite_add_content_hash

    with sqlite3.connect(isolated_library) as conn:
        conn.row_factory = sqlite3.Row
        conn.executescript(_SCHEMA)
        conn.execute("INSERT INTO articles (id, title, text, meta, created, updated) VALUES ('old', 'शीर्षक', ?, "
                     "'{\"published_approximate\": true}', 'c', 'u')", (TEXT,))
        conn.execute("INSERT INTO analyses (article_id, data, updated) VALUES ('old', '{}', 'u')")
        _sqlite_add_content_hash(Session(conn, SQLiteDialect()))
        conn.execute("PRAGMA user_version = 2")
    library = Library()
    assert [r.id for r in library.list_articles("शहबाज")] == ["old"]
    assert library.summary("old").published_approximate and library.summary("old").title == "शीर्षक"
    assert _rows(library, "SELECT count(*) AS n FROM analyses")[0]["n"] == 1  # the rebuild kept the analysis


# What the store refuses -----------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "title", "message"), [
    ("", "खाली", "no text"),
    ("   \n\t ", "खाली", "no text"),
    ("Only English here, no Hindi at all.", "English", "no Devanagari"),
    ("शहबाज़ \udc8a शरीफ़।", "टूटा", "unpaired surrogate.*U\\+DC8A"),
    (TEXT, "शीर्षक \ud800", "title in the metadata.*unpaired surrogate"),
    (TEXT, "क" * 1_001, "title is 1,001 characters long; the limit is 1,000"),
    ("शहबाज़\x00 शरीफ़।", "नल", "NUL character"),
])
def test_store_refuses_what_it_cannot_keep(text, title, message):
    from khabar.store import InvalidArticleError

    library = Library()
    kept = library.save_article(_article(title="पहले से"))
    article = dataclasses.replace(_article(), text=text, meta=ArticleMeta(title=title))
    for attempt in (lambda: library.save_article(article), lambda: library.save_articles([_article("नया।"), article]),
                    lambda: library.save_text(text, ArticleMeta(title=title))):
        with pytest.raises(InvalidArticleError, match=message) as caught:
            attempt()
        assert isinstance(caught.value, LibraryError) and "\n" not in str(caught.value)
        str(caught.value).encode("utf-8")  # the message itself is printable text
    assert [r.id for r in library.list_articles()] == [kept]  # nothing lost, nothing half-saved
    assert library.get_article(kept).text == _article().text


def test_batch_refusal_names_the_article():
    from khabar.store import InvalidArticleError

    with pytest.raises(InvalidArticleError, match="Article 2 of 3"):
        Library().save_articles([_article("एक।"), _article("", title="खाली"), _article("तीन।")])


def test_a_translation_with_a_lone_surrogate_is_a_library_error():
    library = Library()
    article_id = library.save_article(_article())
    broken = Translation(engine="x", label="X", kind="translation", texts=("a", "b\udcff", "c"), note="n\udcff")
    with pytest.raises(LibraryError, match="not valid Unicode"):
        library.save_translation(article_id, broken)
    assert library.get_article(article_id).translation("x") is None


# PostgreSQL -----------------------------------------------------------------------------------------


def test_postgres_library_keeps_its_schema_version(backend):
    if backend != "postgresql":
        pytest.skip("the schema_version table is PostgreSQL's; SQLite keeps user_version")
    library = Library()
    assert library.is_shared and str(library.path).startswith("postgresql://")
    assert _rows(library, "SELECT version FROM schema_version")[0]["version"] == DB_SCHEMA_VERSION
    Library()  # opening it again migrates nothing
    assert len(_rows(library, "SELECT version FROM schema_version")) == 1


def test_unreachable_postgres_is_clear_and_hides_the_password(sqlite_only):
    pytest.importorskip("psycopg")
    with pytest.raises(LibraryError, match="cannot be reached") as caught:
        Library("postgresql://khabar:hunter2secret@127.0.0.1:1/khabar?connect_timeout=2")
    message = str(caught.value)
    assert "hunter2secret" not in message and "postgresql://khabar:***@127.0.0.1:1/khabar" in message
    assert "KHABAR_DB" in message


def _batch_writer(location: str, n: int, queue) -> None:
    try:
        library = Library(location)
        shared = [_article(f"साझा लेख {i} दिल्ली से।", title=f"shared {i}") for i in range(5)]
        own = [_article(f"लेखक {n} का लेख {i}।", title=f"own {n}-{i}") for i in range(5)]
        first = library.save_articles(shared + own)
        for _ in range(2):  # again, as a resumed batch would
            library.save_articles(shared + own)
        queue.put(first)
    except BaseException as error:  # reported to the parent
        queue.put(repr(error))


def test_processes_saving_the_same_texts_at_once_store_each_once():
    results = _run_writers(_batch_writer, 4)
    assert all(isinstance(ids, list) for ids in results), results
    assert len({tuple(ids[:5]) for ids in results}) == 1  # every writer got the one stored id of each shared text
    library = Library()
    assert library.count() == 5 + 4 * 5
    assert sorted(r.title for r in library.list_articles("साझा")) == [f"shared {i}" for i in range(5)]


def test_read_only_library_refuses_writes_on_either_back_end():
    article_id = Library().save_article(_article())
    readonly = Library(os.environ["KHABAR_DB"], read_only=True)
    assert [r.id for r in readonly.list_articles("रायसी")] == [article_id]
    with pytest.raises(LibraryError, match="read-only"):
        readonly.save_articles([_article("नया पाठ।")])
    assert Library().count() == 1


def test_lists_and_counts_never_read_text_or_metadata(sqlite_only):
    library = Library()
    library.save_articles([_article(f"दिल्ली में {i} लोग।", title=f"लेख {i}") for i in range(3)])
    statements: list[str] = []
    plain = library._connect  # noqa: SLF001

    def traced():
        conn = plain()
        conn.set_trace_callback(statements.append)
        return conn

    library._connect = traced  # noqa: SLF001
    library.list_articles(limit=2)
    library.list_articles("दिल्ली", limit=2, offset=1)
    library.count("दिल्ली")
    library.summary(library.list_articles(limit=1)[0].id)
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert len(selects) >= 4
    for statement in selects:
        assert not re.search(r"\b(text|meta|search|data)\b", statement.split(" FROM ")[0]), statement


def test_postgres_calls_of_one_thread_share_a_connection(backend):
    if backend != "postgresql":
        pytest.skip("SQLite opens its file anew for each call, which costs next to nothing")
    library = Library()
    first = _rows(library, "SELECT pg_backend_pid() AS pid")[0]["pid"]
    library.save_article(_article())
    assert library.count("रायसी") == 1
    assert _rows(library, "SELECT pg_backend_pid() AS pid")[0]["pid"] == first
    with pytest.raises(LibraryError):
        _rows(library, "SELECT * FROM no_such_table")
    assert library.count() == 1  # a failed call's connection is closed, the next one opens anew
