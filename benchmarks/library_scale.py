"""How the library scales: build libraries of synthetic Hindi news and time pages, searches and the Library page.

Usage: python benchmarks/library_scale.py [--sizes 1000 10000 100000] [--rerun-sizes 50 5000] [--db URL]

For each size, builds a fresh library (in a temporary folder, or with ``--db postgresql://…`` on a server; each
size in its own schema) with ``Library.save_articles`` in batches, then reports the build rate and the median
time of: the first and a middle page of 20, the total, and searches for a common word, a rare name, a word start
and two words. Then it times the Library page's rerun under Streamlit's AppTest over the ``--rerun-sizes``
libraries and prints the ratio (the target: the largest at most 3× the smallest).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from khabar.model import Article, ArticleMeta, Translation  # noqa: E402
from khabar.pipeline import make_article  # noqa: E402
from khabar.store import Library  # noqa: E402

# Pieces of Hindi news sentences: who, where, what and when, recombined into articles that read like news.
_PEOPLE = ("प्रधानमंत्री नरेंद्र मोदी", "राष्ट्रपति द्रौपदी मुर्मू", "मुख्यमंत्री योगी आदित्यनाथ", "शहबाज़ शरीफ़",
           "इब्राहिम रायसी", "राहुल गांधी", "अमित शाह", "ममता बनर्जी", "नीतीश कुमार", "अरविंद केजरीवाल",
           "विदेश मंत्री एस जयशंकर", "वित्त मंत्री निर्मला सीतारमण", "मौलाना फ़ज़लुर रहमान", "सुप्रिया सुले")
_PLACES = ("दिल्ली", "मुंबई", "लखनऊ", "पटना", "कोलकाता", "इस्लामाबाद", "तेहरान", "जयपुर", "भोपाल", "चेन्नई",
           "बलूचिस्तान", "ग़ाज़ियाबाद", "हैदराबाद", "श्रीनगर", "गुवाहाटी", "वाराणसी")
_BODIES = ("संसद", "चुनाव आयोग", "सर्वोच्च न्यायालय", "रिज़र्व बैंक", "विश्व बैंक", "संयुक्त राष्ट्र",
           "भारतीय जनता पार्टी", "कांग्रेस", "नगर निगम", "पुलिस", "मौसम विभाग", "स्वास्थ्य मंत्रालय")
_TOPICS = ("बजट", "महंगाई", "बारिश", "बाढ़", "सड़क हादसे", "किसानों की मांगों", "शिक्षा नीति", "बिजली संकट",
           "रेल परियोजना", "व्यापार समझौते", "सीमा विवाद", "टीकाकरण अभियान", "जल संकट", "क्रिकेट मैच")
_WHEN = ("सोमवार को", "मंगलवार को", "बुधवार को", "गुरुवार को", "शुक्रवार को", "शनिवार को", "रविवार को",
         "पिछले सप्ताह", "अगले महीने", "15 अगस्त को", "दिवाली से पहले", "3 मार्च 2024 को", "कल", "आज सुबह")
_TEMPLATES = (
    "{person} ने {when} {place} में {topic} पर एक बैठक की।",
    "{body} ने {topic} को लेकर नई रिपोर्ट जारी की, जिसमें {number} लोगों से बात की गई।",
    "{place} में {when} {topic} के कारण {number} लोग प्रभावित हुए।",
    "{person} ने कहा कि {topic} पर सरकार जल्द फ़ैसला लेगी।",
    "अधिकारियों के अनुसार {place} में {body} की टीम {when} पहुँची।",
    "{body} के प्रवक्ता ने बताया कि {topic} से जुड़े {number} मामलों की जाँच चल रही है।",
    "विपक्ष ने {topic} पर {person} की आलोचना की और {place} में प्रदर्शन किया।",
    "{when} {place} में {number} करोड़ रुपये की {topic} से जुड़ी योजना शुरू हुई।",
)
_TITLES = ("{place} में {topic} पर बड़ा फ़ैसला", "{person} का {place} दौरा", "{topic}: {body} की नई रिपोर्ट",
           "{place} में {topic} से हालात बिगड़े", "{person} ने {topic} पर चुप्पी तोड़ी")


def _fill(template: str, rng: random.Random) -> str:
    return template.format(person=rng.choice(_PEOPLE), place=rng.choice(_PLACES), body=rng.choice(_BODIES),
                           topic=rng.choice(_TOPICS), when=rng.choice(_WHEN), number=rng.randint(2, 5000))


def synthetic_articles(count: int, seed: int = 0) -> Iterator[Article]:
    """``count`` distinct Hindi news articles (6–14 sentences, in 2–4 paragraphs) with a gloss-like translation."""
    rng = random.Random(seed)
    for number in range(count):
        sentences = [_fill(rng.choice(_TEMPLATES), rng) for _ in range(rng.randint(6, 14))]
        cut = sorted(rng.sample(range(1, len(sentences)), rng.randint(1, 3)))
        paragraphs = [" ".join(sentences[a:b]) for a, b in zip([0, *cut], [*cut, len(sentences)], strict=True)]
        # A serial number makes every text distinct, so no article is a duplicate of another.
        text = "\n".join(paragraphs) + f"\nसंवाददाता संख्या {number}।"
        meta = ArticleMeta(title=_fill(rng.choice(_TITLES), rng), source=rng.choice(("Dainik", "Amar", "BBC Hindi")),
                           published=f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}")
        article = make_article(text, meta, uuid.UUID(int=rng.getrandbits(128)).hex[:12])
        gloss = Translation(engine="gloss", label="Word-by-word gloss", kind="gloss",
                            texts=tuple(f"sentence {s.index}" for s in article.sentences))
        yield article.with_translation(gloss)


def build(library: Library, count: int, *, batch: int = 1000, seed: int = 0) -> float:
    """Fill ``library`` with ``count`` synthetic articles in transactions of ``batch``; return the seconds taken."""
    started = time.perf_counter()
    pending: list[Article] = []
    for article in synthetic_articles(count, seed):
        pending.append(article)
        if len(pending) == batch:
            library.save_articles(pending)
            pending = []
    if pending:
        library.save_articles(pending)
    return time.perf_counter() - started


def median_seconds(action: Callable[[], object], repeat: int = 5,
                   statistic: Callable[[list[float]], float] = statistics.median) -> float:
    """The median (or another ``statistic``) wall time of ``action`` over ``repeat`` runs, after one unmeasured."""
    action()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistic(times)


def time_queries(library: Library, size: int) -> list[float]:
    """Median seconds of: page 1, a middle page, the total, searches for a common word, a rare one, a word start
    and two words (each a page of 20)."""
    return [
        median_seconds(lambda: library.list_articles(limit=20)),
        median_seconds(lambda: library.list_articles(limit=20, offset=size // 2)),
        median_seconds(library.count),
        median_seconds(lambda: library.list_articles("दिल्ली", limit=20)),
        median_seconds(lambda: library.list_articles("मुर्मू", limit=20)),
        median_seconds(lambda: library.list_articles("बलूचि", limit=20)),
        median_seconds(lambda: library.list_articles("शरीफ बजट", limit=20)),
    ]


def library_rerun_seconds(location: str, repeat: int = 5,
                          statistic: Callable[[list[float]], float] = statistics.median) -> float:
    """The median (or other) time of one rerun of the Library page (the app's default page) under AppTest."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    previous = os.environ.get("KHABAR_DB")
    os.environ["KHABAR_DB"] = location
    st.cache_data.clear()
    st.cache_resource.clear()
    try:
        app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        app.run()
        if app.exception:
            raise RuntimeError(f"the Library page failed: {app.exception[0].message}")
        return median_seconds(app.run, repeat, statistic)
    finally:
        st.cache_resource.clear()
        if previous is None:
            os.environ.pop("KHABAR_DB", None)
        else:
            os.environ["KHABAR_DB"] = previous


def _location(base: str | None, folder: Path, name: str) -> tuple[str, Callable[[], None]]:
    # A fresh SQLite file, or a fresh schema on the given PostgreSQL server (dropped afterwards).
    if not base:
        return str(folder / f"{name}.sqlite3"), lambda: None
    import psycopg

    schema = f"khabar_bench_{name}_{uuid.uuid4().hex[:6]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")

    def drop() -> None:
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")

    separator = "&" if "?" in base else "?"
    return f"{base}{separator}options=-csearch_path%3D{schema}", drop


def main() -> None:
    """Build each size, print its timings, then the Library page's rerun ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1_000, 10_000, 100_000])
    parser.add_argument("--rerun-sizes", type=int, nargs="+", default=[50, 5_000])
    parser.add_argument("--db", default="", help="a postgresql:// URL to measure PostgreSQL instead of SQLite")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        print(f"back end: {'PostgreSQL' if args.db else 'SQLite'}")
        print(f"{'articles':>9} {'build/s':>8} {'page 1':>8} {'mid page':>9} {'count':>8} {'common':>8} "
              f"{'rare':>8} {'prefix':>8} {'2 words':>8} {'hits':>7}   (ms, median of 5)")
        for size in args.sizes:
            location, drop = _location(args.db, Path(folder), f"n{size}")
            try:
                library = Library(location)
                seconds = build(library, size)
                timings = time_queries(library, size)
                hits = library.count("दिल्ली")
                print(f"{size:>9,} {size / seconds:>8,.0f} " + " ".join(f"{t * 1000:>8.1f}" for t in timings)
                      + f" {hits:>7,}")
            finally:
                drop()
        reruns = []
        for size in args.rerun_sizes:
            location, drop = _location(args.db, Path(folder), f"rerun{size}")
            try:
                build(Library(location), size)
                # The fastest of 7 reruns is the page's own work; the median adds whatever else the machine ran.
                reruns.append((size, library_rerun_seconds(location, 7, min), library_rerun_seconds(location, 7)))
            finally:
                drop()
        for size, fastest, median in reruns:
            print(f"Library page rerun over {size:,} articles: fastest {fastest * 1000:.0f} ms, "
                  f"median {median * 1000:.0f} ms (of 7)")
        if len(reruns) > 1:
            (small, small_fastest, small_median), (large, large_fastest, large_median) = reruns[0], reruns[-1]
            print(f"ratio {large:,} / {small:,}: fastest {large_fastest / small_fastest:.2f}×, "
                  f"median {large_median / small_median:.2f}× (target ≤ 3×)")


if __name__ == "__main__":
    main()
