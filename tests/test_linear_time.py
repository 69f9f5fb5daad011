"""Time grows in proportion to the input on the texts that once made stages quadratic (see benchmarks/scaling.py):
ten times the text may take at most about ten times as long, with slack for a busy machine (quadratic: ×100)."""

from __future__ import annotations

import pytest

from benchmarks.scaling import STAGES, TEXTS, cpu_seconds
from khabar.text import normalize

# (stage, text, smaller size): each runs in well under a second at ten times the size.
WORST_CASES = [
    ("split", "ellipses", 20_000),
    ("normalise", "one-sentence", 20_000),
    ("timex", "dates", 2_000),
    ("timex", "digits", 2_000),
    ("gloss", "one-sentence", 1_000),
    ("rules", "digits", 2_000),
]


def _best_time(stage: str, text_name: str, size: int, runs: int = 1) -> float:
    job = STAGES[stage](normalize(TEXTS[text_name](size))[0])
    return min(cpu_seconds(job) for _ in range(runs))


@pytest.mark.parametrize(("stage", "text_name", "size"), WORST_CASES)
def test_ten_times_the_text_takes_about_ten_times_as_long(stage, text_name, size):
    small = max(_best_time(stage, text_name, size, runs=3), 1e-3)  # the first run loads what the stage needs
    large = _best_time(stage, text_name, 10 * size)
    assert large / small < 25, f"{stage} on {text_name}: {small:.3f}s -> {large:.3f}s (×{large / small:.0f})"


def _harmonise_time(mentions: int) -> float:
    import time

    from khabar.entities.refine import TokenSpan, harmonise

    # One long sentence naming the same two people again and again, every other mention found by the tagger:
    # the article spreads the names to the rest (each spread once compared with every span of the sentence).
    words = ["हसन", "रूहानी", "और", "इब्राहिम", "रईसी", "ने", "कहा"] * mentions
    tokens = [[(0, 0, w) for w in words]]
    found = [[TokenSpan(7 * k + 3, 7 * k + 5, "PER", score=0.9) for k in range(0, mentions, 2)]
             + [TokenSpan(7 * k, 7 * k + 2, "PER", score=0.9) for k in range(1, mentions, 2)]]
    started = time.process_time()
    harmonise(tokens, found)
    assert len(found[0]) == 2 * mentions
    return time.process_time() - started


def test_the_article_spreads_names_in_time_proportional_to_a_long_sentence():
    small = max(min(_harmonise_time(250) for _ in range(3)), 1e-3)
    large = min(_harmonise_time(2_500) for _ in range(2))  # the best of two: one run on a busy machine can stall
    assert large / small < 25, f"harmonise: {small:.3f}s -> {large:.3f}s (×{large / small:.0f})"
