"""Seed loading: text as received, metadata, the editors' reference translation and loading once."""

from __future__ import annotations

import json

import pytest

from khabar.seeds import REFERENCE_LABEL, SEEDS_DIR, SeedError, load_seed, load_seeds, seed_slugs
from khabar.store import Library
from khabar.text import sentence_spans

HINDI = "पहला वाक्य है। दूसरा वाक्य है।\nतीसरा वाक्य।"


def _seed_dir(tmp_path, english="First.\nSecond.\nThird.\n", meta=None, slug="demo"):
    folder = tmp_path / "seeds"
    folder.mkdir(exist_ok=True)
    (folder / f"{slug}.hi.txt").write_text(HINDI, encoding="utf-8")
    if english is not None:
        (folder / f"{slug}.en.txt").write_text(english, encoding="utf-8")
    meta = {"title": "Demo", "published": "2024-04-23", "published_approximate": True, "source": "Tests",
            "language": "hi", "url": "", "note": "n"} if meta is None else meta
    (folder / f"{slug}.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    return folder


def test_load_seed_builds_article_with_reference(tmp_path):
    folder = _seed_dir(tmp_path)
    [article] = load_seeds(folder)
    assert article.id == "demo"
    assert article.text == HINDI and len(article.sentences) == 3
    assert article.meta.title == "Demo" and article.meta.published_approximate is True
    reference = article.translation("reference")
    assert reference.kind == "reference" and reference.label == REFERENCE_LABEL
    assert reference.texts == ("First.", "Second.", "Third.")


def test_reference_line_count_must_match_sentences(tmp_path):
    folder = _seed_dir(tmp_path, english="First.\nSecond.\n")
    with pytest.raises(SeedError, match="2 lines of English .* 3 sentences"):
        load_seeds(folder)


def test_seed_without_reference_or_meta_still_loads(tmp_path):
    folder = _seed_dir(tmp_path, english=None)
    (folder / "demo.meta.json").unlink()
    article = load_seed(folder, "demo")
    assert article.translations == () and article.meta.title == ""


def test_bad_meta_is_reported(tmp_path):
    folder = _seed_dir(tmp_path)
    (folder / "demo.meta.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(SeedError, match="not valid JSON"):
        load_seed(folder, "demo")


def test_shipped_seeds_fit_the_splitter():
    slugs = seed_slugs(SEEDS_DIR)
    assert "iran-pakistan-raisi-visit" in slugs
    for article in load_seeds():
        text = (SEEDS_DIR / f"{article.id}.hi.txt").read_text(encoding="utf-8")
        assert article.meta.title and article.meta.published
        if (SEEDS_DIR / f"{article.id}.en.txt").exists():
            assert len(article.translation("reference").texts) == len(sentence_spans(article.text))
        assert article.text == text.replace("\r\n", "\n")


def test_ensure_seeds_loads_once_and_respects_deletion(tmp_path):
    folder = _seed_dir(tmp_path)
    library = Library()
    assert library.ensure_seeds(folder) == ["demo"]
    assert library.ensure_seeds(folder) == []
    stored = library.get_article("demo")
    assert stored.translation("reference").texts == ("First.", "Second.", "Third.")
    assert "gloss" in [t.engine for t in stored.translations]
    assert [row.id for row in library.list_articles()] == ["demo"] and library.list_articles()[0].seed
    library.delete_article("demo")
    assert library.ensure_seeds(folder) == []
    assert library.list_articles() == []


def test_seed_whose_analysis_fails_is_still_shown(tmp_path, monkeypatch):
    import khabar.pipeline

    folder = _seed_dir(tmp_path)
    original = khabar.pipeline.recognize_entities
    monkeypatch.setattr(khabar.pipeline, "recognize_entities",
                        lambda *a, **k: (_ for _ in ()).throw(RuntimeError("boom")))
    library = Library()
    library.ensure_seeds(folder)
    stored = library.get_article("demo")
    assert stored.translation("reference") is not None
    assert any("boom" in note for note in stored.notes)
    monkeypatch.setattr(khabar.pipeline, "recognize_entities", original)
    # Not marked as loaded: the next start analyses it properly.
    assert library.ensure_seeds(folder) == ["demo"]
    assert library.get_article("demo").translation("gloss") is not None


def test_two_sessions_loading_seeds_at_once_make_one_copy(tmp_path):
    import threading

    folder = _seed_dir(tmp_path)
    Library()
    results: list[list[str]] = []
    threads = [threading.Thread(target=lambda: results.append(Library().ensure_seeds(folder))) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(len(r) for r in results)[-1] == 1
    assert [row.id for row in Library().list_articles()] == ["demo"]


def test_broken_seed_is_skipped_with_a_warning(tmp_path):
    folder = _seed_dir(tmp_path, english="Only one line.\n")
    _seed_dir(tmp_path, slug="good")
    with pytest.warns(UserWarning, match="'demo' skipped: .*1 lines of English"):
        added = Library().ensure_seeds(folder)
    assert added == ["good"]
