"""Benchmark (not a test): loanword and acronym accuracy on pairs collected from TICO-19 dev, and native false hits.

Data: TICO-19 en-hi dev (CC0) from ``$KHABAR_EVAL_DIR`` or ``<repo>/../shared/eval``; skipped cleanly when absent.
Nothing collected here is written to the repository.

Loanwords: a Devanagari word and an English word of the same segment pair up when the word's transliteration
(``khabar.translit``, which knows nothing of English) and the English word have nearly the same consonant
skeleton. That collects English loanwords (वायरस virus) and also Indian names written alike in both (दिल्ली
Delhi): for those the loanword reader should say nothing or the same word. Accuracy = the reader's English
equals the paired word (case folded); coverage = it says anything.

Acronyms: every English token of 2-6 capitals whose letter names (any spelling) stand as one Devanagari word in
the Hindi segment is a gold acronym; recall = ``acronym`` reads that word as the token. Precision = of the words
the gloss reads as an acronym (those its lexicon and morphology do not know), those whose capitals occur in
the English.

Native false hits: single Hindi words of the gloss lexicon and the name lexicons whose lexicon English differs
from what the loanword reader says, as a share of all such words the reader answers for (with and without the
"looks English" guard).

Run: .venv/bin/python benchmarks/loanword_eval.py [--show N] [--split all|dev|held-out]
"""

from __future__ import annotations

import argparse
import csv
import difflib
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.gloss_eval import eval_dir, held_out  # noqa: E402
from khabar.translate import loanwords  # noqa: E402
from khabar.translate.gloss import GlossTranslator  # noqa: E402
from khabar.translate.lexicon import key, lexicon  # noqa: E402
from khabar.translit import transliterate  # noqa: E402

_DEVANAGARI_WORD = re.compile(r"[\u0900-\u0963\u0971-\u097f]+")
_ENGLISH_WORD = re.compile(r"[A-Za-z]+")


def tico_pairs(split: str = "all") -> list[tuple[str, str]]:
    """(Hindi, English) segments of TICO-19 dev, or [] when absent; ``split`` "dev" or "held-out" keeps one half
    of gloss_eval.py's split (by a hash of the segment id), "all" both."""
    path = eval_dir() / "tico19_en_hi" / "tico19_en_hi_dev.tsv"
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    keep = {"all": (False, True), "dev": (False,), "held-out": (True,)}[split]
    return [(row["hi"], row["en"]) for row in rows if held_out(row["id"]) in keep]


_SKELETON_RULES = (("ph", "f"), ("ck", "k"), ("gh", "g"), ("th", "t"), ("sh", "s"), ("ch", "c"), ("kh", "k"),
                   ("dh", "d"), ("bh", "b"), ("q", "k"), ("x", "ks"), ("w", "v"), ("z", "j"), ("y", "i"))


def skeleton(word: str) -> str:
    """Consonants of a Latin word with English/Hindi spelling habits folded (c → k/s, ph → f, doubles)."""
    text = word.lower()
    text = re.sub(r"c(?=[eiy])", "s", text).replace("c", "k")
    for old, new in _SKELETON_RULES:
        text = text.replace(old, new)
    text = text[:1] + re.sub(r"[aeiou]", "", text[1:])
    return re.sub(r"(.)\1+", r"\1", text)


def collect_loanwords(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(Devanagari word, English word) pairs that sound alike within one segment pair."""
    found: list[tuple[str, str]] = []
    for hindi, english in pairs:
        candidates = {w for w in _ENGLISH_WORD.findall(english) if len(w) >= 3}
        skeletons = {w: skeleton(w) for w in candidates}
        for word in set(_DEVANAGARI_WORD.findall(hindi)):
            if len(word) < 3:
                continue
            mine = skeleton(transliterate(word, title=False))
            if len(mine) < 3:
                continue
            scored = sorted(((difflib.SequenceMatcher(None, mine, s).ratio(), w) for w, s in skeletons.items()),
                            reverse=True)
            if scored and scored[0][0] >= 0.85 and (len(scored) == 1 or scored[1][0] < scored[0][0]):
                found.append((word, scored[0][1]))
    return found


def same_word(got: str, english: str) -> bool:
    """The same English word, allowing what Hindi does not mark (proteins, reported) and centre/center."""
    got, english = got.lower(), english.lower()
    if english in (got, got + "s", got + "es", got + "d", got + "ed", got[:-1] + "ies"):
        return True
    return skeleton(got) == skeleton(english) and difflib.SequenceMatcher(None, got, english).ratio() >= 0.8


def loanword_report(found: list[tuple[str, str]], show: int) -> None:
    """Accuracy and coverage of ``loanwords.loanword`` on collected pairs (all; unknown to the gloss lexicon)."""
    lex = lexicon()
    unknown = [p for p in found if not lex.all(key(p[0]))]
    # The gloss asks only about words its lexicon lacks, and says so (``unknown``): it trusts an exact key more.
    for title, subset, asked in (("all collected", found, False), ("not in the gloss lexicon", unknown, True)):
        total = len(subset)
        said = right = 0
        wrong: Counter = Counter()
        for word, english in subset:
            got = loanwords.loanword(word, unknown=asked)
            if got is None:
                continue
            said += 1
            if same_word(got, english):
                right += 1
            else:
                wrong[(word, english, got)] += 1
        print(f"loanwords, {title:<26} n={total:<5} accuracy={right / max(1, total):.3f} "
              f"coverage={said / max(1, total):.3f} precision={right / max(1, said):.3f}")
        for (word, english, got), count in wrong.most_common(show):
            print(f"    {word} -> {got} (English has {english}) x{count}")


def acronym_report(pairs: list[tuple[str, str]], show: int) -> None:
    """Recall on gold acronyms and precision of what the gloss reads as one."""
    analyser = GlossTranslator().analyser
    spelled = {letter: [key(f) for f in forms] for letter, forms in loanwords.LETTER_NAMES.items()}
    gold = recalled = fired = right = 0
    misses: Counter = Counter()
    false: Counter = Counter()
    for hindi, english in pairs:
        words = {key(w): w for w in _DEVANAGARI_WORD.findall(hindi)}
        caps = set(re.findall(r"\b[A-Z]{2,6}\b", english))
        for token in caps:
            forms = [""]
            for letter in token:
                forms = [f + s for f in forms for s in spelled[letter]][:64]
            present = [words[f] for f in forms if f in words]
            if present:
                gold += 1
                if loanwords.acronym(present[0]) == token:
                    recalled += 1
                else:
                    misses[(present[0], token)] += 1
        for word in words.values():
            reading = loanwords.acronym(word)
            if reading is None or analyser.word(word).en != reading:
                continue  # the gloss reads it as a Hindi word (टीके vaccines, not TK)
            fired += 1
            if reading in caps or ".".join(reading) in english:
                right += 1
            else:
                false[(word, reading)] += 1
    print(f"acronyms, gold spelled as letter names  n={gold:<5} recall={recalled / max(1, gold):.3f}")
    print(f"acronyms, read by the gloss             n={fired:<5} precision={right / max(1, fired):.3f}")
    for (word, token), count in misses.most_common(show):
        print(f"    missed {word} ({token}) x{count}")
    for (word, reading), count in false.most_common(show):
        print(f"    read {word} as {reading}, not in the English x{count}")


def news_acronyms(count: int) -> None:
    """The most frequent words of the shipped news word counts that the gloss reads as acronyms, to inspect."""
    from khabar.entities.crf import word_counts

    analyser = GlossTranslator().analyser
    read = sorted(((n, w, loanwords.acronym(w)) for w, n in word_counts().items() if loanwords.acronym(w)),
                  reverse=True)
    kept = [(n, w, r) for n, w, r in read if analyser.word(w).en == r]
    print(f"acronyms in the news word counts: {len(read)} words parse as letter names, the gloss reads "
          f"{len(kept)} as acronyms; the {count} most frequent:")
    print("    " + " ".join(f"{w}:{r}" for _, w, r in kept[:count]))


def native_report(show: int) -> None:
    """How often the loanword reader contradicts the lexicons on their own single words."""
    from khabar.entities.lexicon import DATA_DIR as NAMES_DIR

    sources = {"gloss lexicon": [loanwords.DATA_DIR / "lexicon.tsv"],
               "name lexicons": [NAMES_DIR / f"{n}.tsv" for n in ("names", "people", "places")]}
    for title, paths in sources.items():
        rows = []
        for path in paths:
            for line in path.read_text(encoding="utf-8").splitlines():
                parts = line.split("\t")
                if line.startswith("#") or len(parts) < 2 or " " in parts[0] or not parts[1]:
                    continue
                rows.append((parts[0], parts[1]))
        for guarded in (False, True):
            saved = loanwords.MIN_ENGLISH_SCORE
            if not guarded:
                loanwords.MIN_ENGLISH_SCORE = float("-inf")
            answered = contradicted = 0
            examples = []
            for hindi, english in rows:
                got = loanwords.loanword(hindi)
                if got is None:
                    continue
                answered += 1
                if got.lower() not in english.lower().replace("-", " ").split():
                    contradicted += 1
                    examples.append(f"{hindi}:{got}")
            loanwords.MIN_ENGLISH_SCORE = saved
            label = "with the guard" if guarded else "no guard"
            print(f"native false hits, {title:<14} {label:<15} words={len(rows):<5} answered={answered:<5} "
                  f"contradicting the lexicon={contradicted} ({contradicted / max(1, len(rows)):.1%} of its words)")
            if guarded and show:
                print("    " + " ".join(examples[:show]))


def main() -> None:
    """Print the three reports."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--show", type=int, default=0, help="print N examples of each kind of error")
    parser.add_argument("--news-acronyms", type=int, default=40, help="list K acronyms read from news word counts")
    parser.add_argument("--split", choices=("all", "dev", "held-out"), default="all",
                        help="TICO-19 segments of one half of gloss_eval.py's split, or all")
    args = parser.parse_args()
    pairs = tico_pairs(args.split)
    if not pairs:
        print("TICO-19 dev not found under", eval_dir(), "- loanword and acronym accuracy skipped")
    else:
        loanword_report(collect_loanwords(pairs), args.show)
        acronym_report(pairs, args.show)
    news_acronyms(args.news_acronyms)
    native_report(args.show)


if __name__ == "__main__":
    main()
