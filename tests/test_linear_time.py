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
