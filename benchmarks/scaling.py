"""How each stage's time grows with the input: 10k, 100k and 1M characters of realistic and of adversarial text.

Usage: python benchmarks/scaling.py [--sizes 10000 100000 1000000] [--texts seed,one-sentence,...]
                                   [--stages normalise,split,...] [--budget 120]

Texts: the seed repeated (realistic); one long sentence with no terminator; many ellipses (…); many dates;
many digits. Stages: the normaliser, the splitter, the time tagger, the gloss, the entity rules, the whole offline
NER engine, events, and the Read page's renderer. Prints CPU seconds per size and the growth factor between
successive sizes (10× the input: linear is about 10; the target is at most 12). A size whose predicted time (the
previous size's × 30) passes ``--budget`` seconds is skipped and reported as such.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from khabar.model import Article, ArticleMeta, Sentence  # noqa: E402
from khabar.text import normalize, sentence_spans  # noqa: E402

SEED = ROOT / "seeds" / "iran-pakistan-raisi-visit.hi.txt"
PUBLISHED = "2024-04-23"


def _repeat(unit: str, size: int, joiner: str = "") -> str:
    """``unit`` repeated to about ``size`` characters, in whole units: a text cut inside one would end in a
    different word at each size (a verb at one, not at the next) and time different work."""
    return joiner.join([unit] * max(1, round(size / (len(unit) + len(joiner)))))


def seed_text(size: int) -> str:
    """The seed article repeated (paragraphs kept) to ``size`` characters."""
    return _repeat(SEED.read_text(encoding="utf-8").strip(), size, "\n\n")


def one_sentence(size: int) -> str:
    """The seed's words in one sentence: every terminator and line break removed."""
    words = SEED.read_text(encoding="utf-8").translate(str.maketrans("।.?!\n", "     ")).split()
    return _repeat(" ".join(words), size, " ")


def ellipses(size: int) -> str:
    """Short phrases separated by ellipses, on one line."""
    return _repeat("राष्ट्रपति रईसी ने कहा… वे आएंगे… ", size)


def dates(size: int) -> str:
    """Dates, one after another, in one sentence."""
    return _repeat("22 अप्रैल 2024 को, 23 अप्रैल को, सोमवार को, पिछले साल मई में, 2023 से 2024 तक, ", size)


def digits(size: int) -> str:
    """Numbers and digit groups in one sentence."""
    return _repeat("12,345 और 67.8 प्रतिशत, १२३४५ रुपये, 2024-25 में 3.5 करोड़ डॉलर ", size)


TEXTS: dict[str, Callable[[int], str]] = {"seed": seed_text, "one-sentence": one_sentence, "ellipses": ellipses,
                                          "dates": dates, "digits": digits}


def _sentences(text: str) -> tuple[Sentence, ...]:
    return tuple(Sentence(i, s, e, text[s:e], p) for i, (s, e, p) in enumerate(sentence_spans(text)))


def _article(text: str) -> Article:
    return Article(text=text, meta=ArticleMeta(published=PUBLISHED), sentences=_sentences(text))


def _gloss(article: Article):
    from khabar.engines import translators

    return translators().get("gloss").translate([s.text for s in article.sentences])


def _rules(article: Article):
    from khabar.entities import rules
    from khabar.entities.tokenize import tokenize

    return [rules.find(tokenize(s.text)) for s in article.sentences]


def _entities(article: Article):
    from khabar.entities.offline import OfflineNer

    return OfflineNer().recognize(article.text, article.sentences)


def _timex(article: Article):
    from khabar.timeline.timex import extract

    return extract(article.text, article.sentences, PUBLISHED)


def _render(article: Article) -> Callable[[], object]:
    from khabar.pipeline import recognize_entities, translate
    from khabar.render import parallel_html

    analysed = translate(recognize_entities(article), ["gloss"])
    return lambda: parallel_html(analysed, engine="gloss")


def _events(article: Article) -> Callable[[], object]:
    from khabar.pipeline import date_events, recognize_entities, tag_time

    tagged = tag_time(recognize_entities(article))
    return lambda: date_events(tagged)


# Each stage prepares its input from the text (untimed) and returns the call that is timed.
STAGES: dict[str, Callable[[str], Callable[[], object]]] = {
    "normalise": lambda text: lambda: normalize(text),
    "split": lambda text: lambda: sentence_spans(text),
    "timex": lambda text: (lambda a: lambda: _timex(a))(_article(text)),
    "gloss": lambda text: (lambda a: lambda: _gloss(a))(_article(text)),
    "rules": lambda text: (lambda a: lambda: _rules(a))(_article(text)),
    "entities": lambda text: (lambda a: lambda: _entities(a))(_article(text)),
    "events": lambda text: _events(_article(text)),
    "render": lambda text: _render(_article(text)),
}


def cpu_seconds(job: Callable[[], object]) -> float:
    """CPU time of one call (the machine is shared: wall time would count other work)."""
    started = time.process_time()
    job()
    return time.process_time() - started


def measure(stage: str, text_name: str, sizes: list[int], budget: float) -> list[float | None]:
    """CPU seconds of ``stage`` on ``text_name`` at each size (None where skipped)."""
    times: list[float | None] = []
    for size in sizes:
        previous = times[-1] if times else None
        if previous is None and times:
            times.append(None)
            continue
        if previous is not None and previous * 30 > budget:
            times.append(None)
            continue
        text = normalize(TEXTS[text_name](size))[0]
        job = STAGES[stage](text)
        took = cpu_seconds(job)
        # The best of a few, so that the clock's grain and other work on a shared machine matter less: of five
        # for runs under a second, of three up to 10 s (the best of three of the largest size against the best of
        # five of the smaller overstated the growth).
        repeats = 4 if took < 1.0 else 2 if took < 10 else 0
        took = min([took, *(cpu_seconds(job) for _ in range(repeats))])
        times.append(took)
    return times


def warm_up() -> None:
    """Load the models and lexicons once, so that no size pays for them."""
    article = _article(seed_text(2000))
    for stage in STAGES.values():
        stage(article.text)()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--texts", default=",".join(TEXTS))
    parser.add_argument("--stages", default=",".join(STAGES))
    parser.add_argument("--budget", type=float, default=120.0, help="skip a size predicted to take longer (s)")
    args = parser.parse_args(argv)
    warm_up()
    worst = 0.0
    header = " ".join(f"{s // 1000:>7}k" for s in args.sizes)
    print(f"{'stage':10s} {'text':13s} {header}   growth (each ×10 in size)")
    for stage in args.stages.split(","):
        for text_name in args.texts.split(","):
            times = measure(stage, text_name, args.sizes, args.budget)
            cells = " ".join(f"{t:7.3f}s" if t is not None else "  skip  " for t in times)
            growth = []
            for a, b in zip(times, times[1:], strict=False):
                # Below a few milliseconds the clock's grain, not the stage, sets the ratio.
                if a is not None and b is not None and a >= 0.005:
                    growth.append(b / a)
                    worst = max(worst, b / a)
            factors = " ".join(f"×{g:5.1f}" for g in growth) or "-"
            print(f"{stage:10s} {text_name:13s} {cells}   {factors}", flush=True)
    print(f"largest growth factor: ×{worst:.1f} (target ≤ ×12 for 10× the input)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
