"""Tests for khabar.diff: word-level pieces and escaped HTML."""

from __future__ import annotations

from khabar.diff import DELETE, EQUAL, INSERT, diff_html, diff_ratio, word_diff


def test_word_diff_pieces():
    pieces = word_diff("President Raisi visited Pakistan.", "Iranian President Raisi went to Pakistan.")
    assert pieces == [(INSERT, "Iranian "), (EQUAL, "President Raisi "), (DELETE, "visited "),
                      (INSERT, "went to "), (EQUAL, "Pakistan.")]


def test_pieces_rebuild_the_texts():
    a = "  The talks, held in Islamabad, ended on Monday."
    b = "Talks held in Islamabad ended  Monday!"
    pieces = word_diff(a, b)
    assert "".join(t for op, t in pieces if op != DELETE) == b
    assert "".join(t for op, t in pieces if op != INSERT).split() != []
    assert [t for op, t in pieces if op == DELETE]  # the commas and "The"/"on" are gone


def test_identical_and_missing_text():
    assert word_diff("Same text.", "Same text.") == [(EQUAL, "Same text.")]
    assert word_diff(None, "New") == [(INSERT, "New")]
    assert word_diff("Old", None) == [(DELETE, "Old")]
    assert word_diff("The Talks", "the talks", ignore_case=True) == [(EQUAL, "the talks")]
    assert diff_ratio("a b c", "a b c") == 1.0
    assert diff_ratio("a b", "c d") == 0.0


def test_html_escapes_every_piece():
    out = diff_html(word_diff("safe <b>old</b>", 'safe <script>alert("x")</script> & more'))
    assert "<script" not in out and "<b>" not in out and "</b>" not in out
    assert "&lt;" in out and "&gt;" in out and "&amp;" in out and "&quot;" in out
    whole = diff_html([(EQUAL, "<script>alert(1)</script>"), (INSERT, "<img src=x onerror=y>")])
    assert whole.startswith("&lt;script&gt;alert(1)&lt;/script&gt;<ins ")
    assert "&lt;img src=x onerror=y&gt;</ins>" in whole
    assert "<ins " in out and "<del " in out
