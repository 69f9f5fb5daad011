"""Default titles: Hindi from the first line cut at a word boundary, English from the headline's best English."""

from __future__ import annotations

import json

from khabar.model import ArticleMeta
from khabar.pipeline import analyze
from khabar.titles import cut_title, first_line


def test_cut_title_cuts_at_a_word_boundary_with_an_ellipsis():
    text = "प्रधानमंत्री ने आज दिल्ली में एक बड़ी बैठक बुलाई जिसमें कई राज्यों के मुख्यमंत्री शामिल हुए और चर्चा की"
    cut = cut_title(text, 40)
    assert len(cut) <= 40 and cut.endswith("…")
    assert text.startswith(cut[:-1]) and text[len(cut) - 1] == " "  # the cut falls between words
    assert cut_title("  छोटा   शीर्षक \n") == "छोटा शीर्षक"


def test_first_line_skips_blank_and_punctuation_lines():
    assert first_line("\n  \n—\nदिल्ली में बारिश\nदूसरी पंक्ति") == "दिल्ली में बारिश"


def test_untitled_article_gets_hindi_and_english_titles():
    article = analyze("दिल्ली में आज भारी बारिश हुई।\nमौसम विभाग ने चेतावनी दी है।", ArticleMeta())
    assert article.meta.title == "दिल्ली में आज भारी बारिश हुई।"
    assert article.meta.title_en and article.meta.title_en == cut_title(article.best_english(0))
    assert "Delhi" in article.meta.title_en


def test_a_given_title_is_kept_and_no_english_is_invented_for_it():
    article = analyze("दिल्ली में आज भारी बारिश हुई।", ArticleMeta(title="Rain in Delhi"))
    assert article.meta.title == "Rain in Delhi" and article.meta.title_en == ""


def test_cli_chooses_the_same_default_titles(tmp_path, capsys):
    from khabar.cli import main

    text = "दिल्ली में आज भारी बारिश हुई।\nमौसम विभाग ने चेतावनी दी है।"
    path = tmp_path / "article.txt"
    path.write_text(text, encoding="utf-8")
    assert main(["analyze", str(path)]) == 0
    meta = json.loads(capsys.readouterr().out)["meta"]
    expected = analyze(text, ArticleMeta()).meta
    assert (meta["title"], meta["title_en"]) == (expected.title, expected.title_en)
