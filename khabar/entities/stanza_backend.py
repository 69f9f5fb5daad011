"""The stanza backend: stanza's Hindi tokenize+NER pipeline (IL-NER tag set) when its models are on disk, and
stanza's English NER for translations when the English models are there.

The models are downloaded with stanza's own ``stanza.download``, never bundled. Whether the backend can run
is decided by building the Pipeline once (stanza's own error is the reason when it cannot); before that, a
look at ``resources.json`` and the model files, so that stanza and torch are imported only where there are
models to use.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import threading
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from khabar.entities import rules
from khabar.entities.tokenize import tokenize
from khabar.model import EntitySpan, Sentence
from khabar.registry import Availability, EngineInfo, Requirement
from khabar.text import sentence_spans

# stanza's Hindi NER (trained on IL-NER) -> Khabar labels. Times are the timeline tagger's; artefacts,
# units and the like have no Khabar label.
IL_NER_LABELS = {"NEP": "PER", "NEL": "LOC", "NEO": "ORG", "NEN": "CARDINAL", "NETI": None, "NEAR": None,
                 "NEU": None, "NEMI": None, "NETO": None, "NED": None, "NEB": None, "NETE": None}
# stanza's English NER (OntoNotes) -> Khabar labels.
ONTONOTES_LABELS = {"PERSON": "PER", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "ORG": "ORG", "NORP": "NORP",
                    "MONEY": "MONEY", "PERCENT": "PERCENT", "QUANTITY": "QUANTITY", "CARDINAL": "CARDINAL"}
PROCESSORS = {"hi": "tokenize,ner", "en": "tokenize,ner"}


def model_dir() -> Path:
    """Where stanza keeps its models (env STANZA_RESOURCES_DIR, else stanza's default)."""
    # Found without importing stanza: importing it imports torch, over a second where no model is installed.
    env = os.environ.get("STANZA_RESOURCES_DIR")
    if env:
        return Path(env)
    spec = importlib.util.find_spec("stanza")
    version_file = Path(spec.origin).with_name("_version.py") if spec and spec.origin else None
    found = re.search(r"__resources_version__\s*=\s*['\"]([^'\"]+)", version_file.read_text()) if (
        version_file and version_file.is_file()) else None
    if found is None:
        return Path.home() / "stanza_resources"
    from platformdirs import user_cache_dir  # stanza's own dependency: its default is this cache folder

    return Path(user_cache_dir("stanza", "StanfordNLP", found.group(1))) / "resources"


def _installed() -> bool:
    return importlib.util.find_spec("stanza") is not None


def _one_line(error: object) -> str:
    return " ".join(str(error).split())[:500]


def missing_models(lang: str, root: Path | None = None) -> str:
    """Why stanza's ``lang`` tokenize and NER models are not in ``root`` ('' when resources.json lists them and
    their files are there). Reads files only: stanza is not imported."""
    root = model_dir() if root is None else root
    resources = root / "resources.json"
    if not resources.is_file():
        return f"no stanza models in {root}: it has no resources.json"
    try:
        data = json.loads(resources.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        return f"stanza's {resources} cannot be read: {_one_line(error)}"
    entry = data.get(lang) if isinstance(data, dict) else None
    if isinstance(entry, dict) and "alias" in entry:
        lang, entry = entry["alias"], data.get(entry["alias"])
    if not isinstance(entry, dict):
        return f"stanza's resources.json in {root} lists no {lang} models"
    # The Pipeline takes each processor's package from packages.default, as stanza's own resources.json has it.
    defaults = (entry.get("packages") or {}).get("default") or entry.get("default_processors") or {}
    for processor in PROCESSORS.get(lang, "tokenize,ner").split(","):
        packages = defaults.get(processor)
        packages = [packages] if isinstance(packages, str) else packages
        if not packages or not all(isinstance(p, str) for p in packages):
            return f"stanza's resources.json in {root} names no {lang} {processor} model"
        for package in packages:
            if not (root / lang / processor / f"{package}.pt").is_file():
                return f"stanza's {lang} {processor} model {lang}/{processor}/{package}.pt is not in {root}"
    return ""


def model_status() -> dict[str, Any]:
    """Whether stanza is installed and which languages' tokenize+NER models are on disk (stanza not imported)."""
    root = model_dir()
    status: dict[str, Any] = {"installed": _installed(), "model_dir": str(root), "languages": {}}
    for lang in PROCESSORS:
        missing = missing_models(lang, root)
        status["languages"][lang] = {"ready": not missing, "reason": missing}
    return status


def models_ready(lang: str) -> bool:
    """Whether stanza and its ``lang`` models are here (files only; the Pipeline is not built)."""
    return _installed() and not missing_models(lang)


@cache
def _build(lang: str, root: str) -> tuple[Any, str]:
    """stanza's Pipeline for ``lang`` from ``root``, built once: (pipeline, '') or (None, stanza's error)."""
    try:
        import stanza

        nlp = stanza.Pipeline(lang, dir=root, processors=PROCESSORS[lang], download_method=None, verbose=False,
                              use_gpu=False)
    except Exception as error:  # stanza's own words are the reason the backend cannot run
        return None, f"{type(error).__name__}: {_one_line(error)}"
    return nlp, ""


_BUILD_LOCK = threading.Lock()


def pipeline(lang: str) -> tuple[Any, str]:
    """The ``lang`` Pipeline and '' , or None and why not; stanza is imported only when the models are there."""
    if not _installed():
        return None, "stanza is not installed (pip install stanza)"
    root = model_dir()
    missing = missing_models(lang, root)
    if missing:
        return None, missing
    with _BUILD_LOCK:  # two threads must not both load torch models
        return _build(lang, str(root))


def download_models(lang: str) -> None:
    """Download stanza's tokenize+NER models for ``lang`` with stanza's own download; raise RuntimeError with
    stanza's error in one line where it cannot (no network, no such language)."""
    if lang not in PROCESSORS:
        raise ValueError(f"no stanza models are used for {lang!r} (known: {', '.join(PROCESSORS)})")
    if not _installed():
        raise RuntimeError("stanza is not installed: pip install stanza")
    if os.environ.get("KHABAR_OFFLINE", "").strip().lower() in ("1", "true", "yes", "on"):
        raise RuntimeError(f"offline mode (KHABAR_OFFLINE=1): stanza's {lang} models were not downloaded. "
                           f"Run `python -m khabar models download` where there is network, or copy them into "
                           f"{model_dir()}.")
    import stanza

    # stanza reads STANZA_RESOURCES_URL once, at import; read here too, it also works when set later.
    where = {"resources_url": os.environ["STANZA_RESOURCES_URL"]} if os.environ.get("STANZA_RESOURCES_URL") else {}
    try:
        stanza.download(lang, model_dir=str(model_dir()), processors=PROCESSORS[lang], verbose=False, **where)
    except Exception as error:  # network, disk or an unknown package: stanza's words, in one line
        raise RuntimeError(f"stanza could not download its {lang} models into {model_dir()}: "
                           f"{type(error).__name__}: {_one_line(error)}") from error
    _build.cache_clear()


def convert(doc, offset: int = 0, sentence: int = -1, mapping: dict[str, str | None] | None = None) -> list[EntitySpan]:
    """Khabar spans from a stanza Document's entities (offsets shifted by ``offset``; unmapped types dropped)."""
    mapping = IL_NER_LABELS if mapping is None else mapping
    text = doc.text or ""
    out = []
    for ent in doc.ents:
        kind = ent.type.split("-")[-1]
        label = mapping.get(kind)
        if not label:
            continue
        start, end = ent.start_char, ent.end_char
        surface = text[start:end] if text else ent.text
        out.append(EntitySpan(start=start + offset, end=end + offset, label=label, text=surface, sentence=sentence,
                              source="stanza"))
    return out


def merge_rules(text: str, sentence: Sentence, spans: list[EntitySpan]) -> list[EntitySpan]:
    """Add Khabar's NORP/MONEY/number rule spans to stanza's names, replacing stanza numbers they cover."""
    tokens = tokenize(sentence.text)
    found = []
    for hit in rules.find(tokens):
        start = sentence.start + tokens[hit.first][0]
        end = sentence.start + tokens[hit.last - 1][1]
        found.append(EntitySpan(start=start, end=end, label=hit.label, text=text[start:end], sentence=sentence.index,
                                value=hit.value, source="rules"))
    kept = [s for s in spans if not (s.label == "CARDINAL" and any(f.start < s.end and s.start < f.end for f in found))]
    # A lone nationality word stanza calls a place is a NORP.
    kept = [s for s in kept if not any(f.label == "NORP" and (f.start, f.end) == (s.start, s.end) for f in found)]
    for span in found:
        if not any(span.start < k.end and k.start < span.end for k in kept):
            kept.append(span)
    return sorted(kept, key=lambda s: s.start)


class StanzaNer:
    """stanza's Hindi NER (IL-NER tags), preferred when its models are on disk."""

    info = EngineInfo(
        name="stanza",
        label="stanza (Hindi IL-NER)",
        kind="ner",
        online=False,
        needs=(Requirement("package", "stanza"), Requirement("model", "stanza Hindi tokenize and NER")),
        limits="needs the downloaded Hindi tokenize and NER models (python -m khabar models download)",
        description="Stanford stanza's neural Hindi NER trained on IL-NER, with Khabar's number and NORP rules.",
    )

    def availability(self) -> Availability:
        """Available when stanza's Hindi Pipeline builds (built once, here); else stanza's reason."""
        if not _installed():
            return Availability.no("stanza is not installed (pip install stanza)")
        missing = missing_models("hi")
        if missing:
            return Availability.no(f"{missing} (python -m khabar models download)")
        nlp, why = pipeline("hi")
        if nlp is None:
            return Availability.no(f"stanza could not load its Hindi models: {why}")
        return Availability.yes()

    def recognize(self, text: str, sentences: Sequence[Sentence] | None = None) -> list[EntitySpan]:
        """Entity spans with offsets into ``text``: every sentence goes to stanza in one bulk call."""
        if sentences is None:
            sentences = [Sentence(i, s, e, text[s:e], p) for i, (s, e, p) in enumerate(sentence_spans(text))]
        nlp, why = pipeline("hi")
        if nlp is None:
            raise RuntimeError(f"stanza cannot run: {why}")
        todo = [s for s in sentences if s.text.strip()]
        docs = nlp.bulk_process([s.text for s in todo]) if todo else []
        out: list[EntitySpan] = []
        for sentence, doc in zip(todo, docs, strict=True):
            spans = [
                EntitySpan(start=s.start, end=s.end, label=s.label, text=text[s.start : s.end], sentence=sentence.index,
                           source="stanza")
                for s in convert(doc, offset=sentence.start, sentence=sentence.index)
            ]
            out.extend(merge_rules(text, sentence, spans))
        return out


def english_entities(texts: Sequence[str | None]) -> list[list[EntitySpan]] | None:
    """stanza's English NER over translated sentences (offsets into each), or None without English models."""
    if not models_ready("en"):
        return None
    nlp, _ = pipeline("en")
    if nlp is None:
        return None
    filled = [i for i, t in enumerate(texts) if t]
    docs = nlp.bulk_process([texts[i] for i in filled]) if filled else []
    out: list[list[EntitySpan]] = [[] for _ in texts]
    for index, doc in zip(filled, docs, strict=True):
        out[index] = convert(doc, sentence=index, mapping=ONTONOTES_LABELS)
    return out
