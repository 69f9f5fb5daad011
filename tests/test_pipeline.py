"""The pipeline end to end on the seed and on small composed articles, offline."""

from __future__ import annotations

from khabar.model import ArticleMeta
from khabar.pipeline import analyze, make_article, translate


def test_analyze_seed_offline_runs_every_stage(seed_text):
    article = analyze(seed_text, ArticleMeta(published="2024-04-23"))
    assert article.stages == ("split", "translate", "entities", "time", "events", "titles")
    assert len(article.sentences) == 18
    gloss = article.translation("gloss")
    assert gloss is not None and gloss.kind == "gloss"
    assert len(gloss.texts) == len(article.sentences) and gloss.failed == 0
    assert article.entity_index and article.timexes and article.events
    for span in article.entities:
        assert article.text[span.start:span.end] == span.text
        sentence = article.sentences[span.sentence]
        assert sentence.start <= span.start and span.end <= sentence.end


def test_unavailable_and_unknown_engines_become_notes_not_failures():
    article = make_article("भारत ने मैच जीता।")
    article = translate(article, ["google", "no-such-engine", "gloss"])
    assert [t.engine for t in article.translations] == ["gloss"]
    assert any("Google" in note for note in article.notes)
    assert any("no-such-engine" in note for note in article.notes)


def test_progress_reports_each_stage():
    seen = []
    analyze("भारत ने 15 मार्च 2024 को मैच जीता।", ArticleMeta(published="2024-04-23"),
            progress=lambda stage, fraction, message: seen.append(stage))
    assert {"split", "translate", "entities", "time", "events"} <= set(seen)


def test_disabled_stages_are_skipped():
    article = analyze("भारत ने मैच जीता।", translators=(), entities=False, time=False, titles=False)
    assert article.stages == ("split",)
    assert not article.translations and not article.entities and not article.events


def test_a_stage_that_raises_is_a_note_on_every_caller(monkeypatch, tmp_path, capsys):
    """analyze, the library, the timeline command and the CLI all go through one enrich: a raising stage is a note."""
    import json

    import khabar.pipeline
    from khabar.cli import main
    from khabar.store import Library

    def broken(*args, **kwargs):
        raise RuntimeError("entity model exploded")

    monkeypatch.setattr(khabar.pipeline, "recognize_entities", broken)
    text = "दिल्ली में आज भारी बारिश हुई। मौसम विभाग ने कल चेतावनी दी थी।"
    expected = "entities: failed: entity model exploded"

    article = analyze(text, ArticleMeta(published="2024-04-23"))
    assert expected in article.notes and article.translation("gloss") is not None and article.timexes

    saved = Library(tmp_path / "lib.sqlite3").analyze_and_save(text, ArticleMeta(title="t"))
    assert expected in saved.notes

    path = tmp_path / "article.txt"
    path.write_text(text, encoding="utf-8")
    assert main(["analyze", str(path), "--published", "2024-04-23"]) == 0
    assert expected in json.loads(capsys.readouterr().out)["notes"]
    assert main(["timeline", str(path), "--published", "2024-04-23"]) == 0
    assert json.loads(capsys.readouterr().out)["timexes"]
