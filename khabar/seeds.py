"""The bundled seed articles: ``seeds/<slug>.hi.txt`` (text as received), ``<slug>.meta.json`` and
``<slug>.en.txt`` (the editors' reference translation, one line per sentence of ``khabar.text.sentence_spans``).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from khabar import paths
from khabar.model import Article, ArticleMeta, Translation
from khabar.pipeline import make_article

SEEDS_DIR = paths.SEEDS_DIR

REFERENCE_ENGINE = "reference"
REFERENCE_LABEL = "Reference translation (Khabar editors)"

_META_FIELDS = ("title", "source", "url", "published", "published_approximate", "language", "note")


class SeedError(ValueError):
    """A seed's files do not fit together (the message names the file and what is wrong)."""


def seed_slugs(directory: str | os.PathLike[str] = SEEDS_DIR) -> list[str]:
    """The slugs of the seeds in ``directory`` (one per ``<slug>.hi.txt``), sorted."""
    folder = Path(directory)
    if not folder.is_dir():
        return []
    return sorted(p.name[: -len(".hi.txt")] for p in folder.glob("*.hi.txt") if p.is_file())


def read_meta(path: Path) -> ArticleMeta:
    """The ArticleMeta in a seed's ``.meta.json`` (unknown keys are ignored; a missing file gives defaults)."""
    if not path.exists():
        return ArticleMeta()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        raise SeedError(f"{path} is not valid JSON: {error}") from error
    if not isinstance(data, dict):
        raise SeedError(f"{path} must hold a JSON object")
    values = {key: data[key] for key in _META_FIELDS if key in data}
    values["published_approximate"] = bool(values.get("published_approximate", False))
    for key in _META_FIELDS:
        if key != "published_approximate" and key in values and not isinstance(values[key], str):
            raise SeedError(f"{path}: {key!r} must be a string")
    return ArticleMeta(**values)


def reference_translation(path: Path, sentences: int) -> Translation:
    """The editors' translation in ``path``: one line per sentence (blank lines are ignored)."""
    lines = [line.strip() for line in path.read_text(encoding="utf-8-sig").splitlines()]
    lines = [line for line in lines if line]
    if len(lines) != sentences:
        raise SeedError(
            f"{path} has {len(lines)} lines of English but the Hindi text splits into {sentences} sentences; "
            "the reference translation needs exactly one line per sentence"
        )
    return Translation(engine=REFERENCE_ENGINE, label=REFERENCE_LABEL, kind="reference", texts=tuple(lines))


def load_seed(directory: str | os.PathLike[str], slug: str) -> Article:
    """One seed as an Article (id = slug, split into sentences) with its reference translation, if it has one."""
    folder = Path(directory)
    text_path = folder / f"{slug}.hi.txt"
    try:
        text = text_path.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise SeedError(f"{text_path} is missing") from error
    except UnicodeDecodeError as error:
        raise SeedError(f"{text_path} is not UTF-8: {error}") from error
    meta = read_meta(folder / f"{slug}.meta.json")
    article = make_article(text, meta, slug)
    english = folder / f"{slug}.en.txt"
    if english.exists():
        article = article.with_translation(reference_translation(english, len(article.sentences)))
    return article


def load_seeds(dir: str | os.PathLike[str] = SEEDS_DIR) -> list[Article]:  # noqa: A002 - the documented name
    """Every seed in ``dir`` as an Article with its reference translation attached."""
    return [load_seed(dir, slug) for slug in seed_slugs(dir)]
