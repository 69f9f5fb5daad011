"""The SQLite library: round trips, search, seeds, concurrency, failure and damaged or read-only files."""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import sqlite3
import threading

import pytest

from khabar.model import Article, ArticleMeta, EntitySpan, Translation
from khabar.pipeline import make_article, name_spans, named_source
from khabar.store import DB_SCHEMA_VERSION, Library, LibraryError, default_path, options_digest

TEXT = "ईरान के राष्ट्रपति इब्राहिम रायसी पाकिस्तान पहुँचे। शहबाज़ शरीफ़ ने उनका स्वागत किया।\nदोनों देशों ने आठ समझौते किए।"


def _article(text: str = TEXT, title: str = "रायसी की यात्रा", article_id: str = "") -> Article:
    article = make_article(text, ArticleMeta(title=title, source="Test", published="2024-04-23"), article_id)
    gloss = Translation(engine="gloss", label="Gloss", kind="gloss",
                        texts=tuple(f"gloss {s.index}" for s in article.sentences))
    at = article.text.find("रायसी")
    spans = () if at < 0 else (EntitySpan(start=at, end=at + 5, label="PER", text="रायसी", sentence=0,
                                          entity_id="raisi", canonical="Raisi"),)
    return dataclasses.replace(article, entities=spans, stages=article.stages + ("entities",)).with_translation(gloss)


def test_default_path_follows_env_then_xdg(monkeypatch, tmp_path):
    monkeypatch.setenv("KHABAR_DB", str(tmp_path / "x.db"))
    assert default_path() == tmp_path / "x.db"
    monkeypatch.delenv("KHABAR_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert default_path() == tmp_path / "data" / "khabar" / "library.sqlite3"


def test_created_on_first_use_with_schema_version(isolated_library):
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
    with sqlite3.connect(library.path) as conn:
        assert conn.execute("SELECT count(*) FROM translations").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM analyses").fetchone()[0] == 0


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


def test_concurrent_processes_lose_nothing(isolated_library):
    Library()
    context = multiprocessing.get_context("spawn" if os.name == "nt" else "fork")
    queue = context.Queue()
    processes = [context.Process(target=_process_writer, args=(str(isolated_library), n, queue)) for n in range(4)]
    for process in processes:
        process.start()
    results = [queue.get(timeout=60) for _ in processes]
    for process in processes:
        process.join(timeout=60)
    assert results == [None] * 4
    assert len(Library().list_articles()) == 40


def test_failed_analysis_keeps_the_saved_article(monkeypatch):
    import khabar.pipeline

    def broken(*args, **kwargs):
        raise RuntimeError("entity model exploded")

    monkeypatch.setattr(khabar.pipeline, "enrich", broken)
    library = Library()
    with pytest.raises(RuntimeError, match="exploded"):
        library.analyze_and_save(TEXT, ArticleMeta(title="Survivor"), article_id="keepme")
    kept = library.get_article("keepme")
    assert kept is not None and kept.text == TEXT.replace("\r", "") and kept.meta.title == "Survivor"
    assert len(kept.sentences) == 3
    assert [row.id for row in library.list_articles()] == ["keepme"]


def test_failed_write_rolls_back_whole_article():
    library = Library()
    article = _article(article_id="atomic")
    bad = Translation(engine="bad", label="Bad", kind="translation", texts=({1, 2},))  # not JSON: fails mid-write
    with pytest.raises(TypeError):
        library.save_article(article.with_translation(bad))
    assert library.get_article("atomic") is None


def test_corrupt_file_gives_clear_error(isolated_library):
    isolated_library.write_bytes(b"this is not a database at all, just some bytes" * 100)
    with pytest.raises(LibraryError) as caught:
        Library()
    message = str(caught.value)
    assert str(isolated_library) in message and "damaged" in message and "KHABAR_DB" in message


def test_truncated_database_gives_clear_error(isolated_library):
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


def test_newer_schema_is_refused(isolated_library):
    Library()
    with sqlite3.connect(isolated_library) as conn:
        conn.execute(f"PRAGMA user_version = {DB_SCHEMA_VERSION + 1}")
    with pytest.raises(LibraryError, match="newer Khabar"):
        Library()


def test_read_only_library_reads_but_refuses_writes(isolated_library):
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


def test_unwritable_file_is_detected_as_read_only(isolated_library, monkeypatch):
    Library().save_article(_article())
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if mode == os.W_OK else real_access(p, mode))
    library = Library()
    assert library.read_only
    with pytest.raises(LibraryError, match="read-only"):
        library.save_article(_article())


def test_write_refused_by_sqlite_is_reported_as_read_only(isolated_library):
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


def test_uncreatable_folder_is_clear(tmp_path):
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
