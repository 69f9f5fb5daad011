"""How often the time tagger gets festival dates and dates without a publication date right.

    .venv/bin/python benchmarks/festival_eval.py [--cases FILE] [--errors]

Cases (``benchmarks/data/festival_cases.tsv``) point at passages in ../shared/eval (ILTIMEX documents and
HiNER sentences) and give, labelled by hand, the publication date the article's own clues imply (or none),
the value the mention should get and the festival it names. A case is right when the time expression
covering the mention has that value and names that festival (or, for a word that is not a festival, when
no festival is found there). The passages were read while building the festival rules, so this is a
development measure, not a held-out one. Skips cleanly when the data is absent.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from timex_eval import eval_dir, parse  # noqa: E402

from khabar.model import Timex  # noqa: E402
from khabar.timeline.timex import extract, festival_of, is_festival  # noqa: E402

CASES = ROOT / "benchmarks" / "data" / "festival_cases.tsv"


@dataclass(frozen=True)
class Case:
    source: str
    doc: str
    mention: str
    occurrence: int
    published: str
    value: str
    festival: str


def read_cases(path: Path) -> list[Case]:
    """The labelled cases, comment lines skipped."""
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        source, doc, mention, occurrence, published, value, festival = line.split("\t")
        cases.append(Case(source, doc, mention, int(occurrence), published, value, festival))
    return cases


def hiner_sentences(path: Path) -> list[str]:
    """HiNER's sentences as text (tokens joined by spaces), in file order."""
    sentences, current = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if current:
                sentences.append(" ".join(current))
            current = []
            continue
        current.append(line.split("\t")[0])
    if current:
        sentences.append(" ".join(current))
    return sentences


def find(text: str, mention: str, occurrence: int) -> tuple[int, int] | None:
    """Offsets of the n-th (1-based) occurrence of ``mention`` in ``text``."""
    start = -1
    for _ in range(occurrence):
        start = text.find(mention, start + 1)
        if start < 0:
            return None
    return start, start + len(mention)


def covering(timexes: list[Timex], start: int, end: int, festival_only: bool) -> Timex | None:
    """The time expression that overlaps the mention most."""
    overlapping = [t for t in timexes if t.start < end and start < t.end and (is_festival(t) or not festival_only)]
    if not overlapping:
        return None
    return max(overlapping, key=lambda t: min(t.end, end) - max(t.start, start))


def judge(case: Case, timex: Timex | None) -> bool:
    """Whether the tagger's reading of a mention is the labelled one."""
    if case.festival == "none":
        return timex is None or not is_festival(timex)
    if timex is None or timex.value != case.value:
        return False
    if case.festival == "-":
        return not is_festival(timex)
    if case.festival == "?":
        return is_festival(timex) and not festival_of(timex)
    return festival_of(timex) == case.festival


def main(argv: list[str] | None = None) -> int:
    """Score every case and print the share right, overall and by kind."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=Path, default=CASES)
    parser.add_argument("--errors", action="store_true", help="print every case read wrong")
    args = parser.parse_args(argv)
    base = eval_dir().parent
    hiner_file = base / "hiner" / "collapsed_validation.conll"
    if not eval_dir().is_dir() or not hiner_file.is_file():
        print(f"skipped: no ILTIMEX or HiNER files under {base}")
        return 0
    hiner = hiner_sentences(hiner_file)
    groups: dict[str, list[bool]] = {}
    wrong: list[str] = []
    for case in read_cases(args.cases):
        if case.source == "iltimex":
            text = parse((eval_dir() / case.doc).read_text(encoding="utf-8"))[0]
        else:
            text = hiner[int(case.doc) - 1]
        where = find(text, case.mention, case.occurrence)
        if where is None:
            print(f"case not found: {case}")
            return 1
        timexes = extract(text, None, case.published or None)
        festival_case = case.festival not in ("-",)
        timex = covering(timexes, *where, festival_only=festival_case and case.festival != "none")
        if case.festival == "none":
            timex = covering(timexes, *where, festival_only=True)
        right = judge(case, timex)
        kind = ("festival" if case.festival != "-" and case.festival != "none" else
                "not a festival" if case.festival == "none" else "date")
        group = f"{kind}, {'with' if case.published else 'no'} publication date"
        groups.setdefault(group, []).append(right)
        if not right:
            got = f"{timex.text!r} {timex.value} {timex.anchor}" if timex else "nothing"
            wrong.append(f"{case.source} {case.doc} {case.mention!r}#{case.occurrence} published "
                         f"{case.published or '-'}: want {case.value or '-'} {case.festival}, got {got}")
    total = [r for rs in groups.values() for r in rs]
    print(f"festival and no-publication-date values: {sum(total)}/{len(total)} right ({sum(total) / len(total):.1%})")
    for group, results in sorted(groups.items()):
        print(f"  {group}: {sum(results)}/{len(results)}")
    if args.errors:
        for line in wrong:
            print("wrong:", line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
