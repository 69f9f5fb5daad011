"""Fast paths give what the simple paths give: each shortcut taken for speed is checked against the long way."""

from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from khabar.seeds import SEEDS_DIR
from khabar.text import match_key
from khabar.timeline import festivals as fest
from khabar.timeline import lexicon as lx
from khabar.timeline import timex


def _timex_vocabulary() -> list[str]:
    """Every word the time rules look for (lexicon tables, the rule module's own sets, festival names), and
    the words the rules name inline."""
    tables = [v for k, v in vars(lx).items() if not k.startswith("__") and isinstance(v, (dict, frozenset))]
    tables += [v for v in vars(timex).values() if isinstance(v, frozenset)] + [timex._DAY_OFFSETS, timex._COMING]
    words: set[str] = set()
    for table in tables:
        for entry in table:
            for part in entry if isinstance(entry, tuple) else (entry,):
                words.update(part.split())
    for festival in fest.FESTIVALS:
        for spelling in festival.spellings:
            words.update(match_key(spelling).split())
    inline = "15 2024 1990 5-7 दो-तीन 3:30 21वीं जयंती बजे बजकर मिनट तारीख दशक सदी ही में तक बार भर लेकर , : । राम घर"
    return sorted(words | set(map(match_key, inline.split())))


VOCABULARY = _timex_vocabulary()


def _check_prefilter(keys: list[str], step: int = 1) -> None:
    toks = [timex._Tok(0, 0, k, k) for k in keys]
    matcher = timex._Matcher(toks)
    for i in range(0, len(keys), step):
        if not timex._may_start(keys, i):
            assert matcher.best(i) is None, (keys, i, matcher.best(i))


def test_time_rules_match_nothing_on_a_word_the_prefilter_skips():
    # Every pair of known words, the first one skipped: the rules look ahead from where they start.
    skipped = [w for w in VOCABULARY if not timex._may_start([w, ""], 0)]
    assert skipped and len(skipped) < len(VOCABULARY) / 2
    for word in skipped:
        # One sentence per skipped word: it before each known word in turn.
        _check_prefilter([key for follower in VOCABULARY for key in (word, follower)], step=2)


@settings(max_examples=200, deadline=None)
@given(keys=st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=12))
def test_time_rules_match_only_where_the_prefilter_lets_them(keys):
    _check_prefilter(keys)


def test_time_prefilter_changes_no_tag_on_the_seeds(monkeypatch):
    texts = [path.read_text(encoding="utf-8") for path in sorted(SEEDS_DIR.glob("*.hi.txt"))]
    fast = [timex.extract(text, None, "2024-04-23") for text in texts]
    monkeypatch.setattr(timex, "_may_start", lambda keys, i: True)
    slow = [timex.extract(text, None, "2024-04-23") for text in texts]
    assert [[dataclasses.astuple(t) for t in found] for found in fast] == [
        [dataclasses.astuple(t) for t in found] for found in slow]
    assert any(fast)
