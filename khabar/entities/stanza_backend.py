"""The stanza backend: stanza's Hindi tokenize+NER pipeline (IL-NER tag set) when its models are on disk, and
stanza's English NER for translations when the English models are there.

The models are downloaded, never bundled: ``download_models("hi")`` fetches them where there is network
and fails within seconds with a clear message where there is none.
"""

from __future__ import annotations

import importlib.util
import os
import re
import socket
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from khabar.model import EntitySpan, Sentence
from khabar.registry import Availability, EngineInfo
from khabar.text import sentence_spans

# stanza's Hindi NER (trained on IL-NER) -> Khabar labels. Times are the timeline tagger's; artefacts,
# units and the like have no Khabar label.
IL_NER_LABELS = {"NEP": "PER", "NEL": "LOC", "NEO": "ORG", "NEN": "CARDINAL", "NETI": None, "NEAR": None,
                 "NEU": None, "NEMI": None, "NETO": None, "NED": None, "NEB": None, "NETE": None}
# stanza's English NER (OntoNotes) -> Khabar labels.
ONTONOTES_LABELS = {"PERSON": "PER", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "ORG": "ORG", "NORP": "NORP",
                    "MONEY": "MONEY", "PERCENT": "PERCENT", "QUANTITY": "QUANTITY", "CARDINAL": "CARDINAL"}
PROCESSORS = {"hi": "tokenize,ner", "en": "tokenize,ner"}
DOWNLOAD_HOST = ("raw.githubusercontent.com", 443)
NETWORK_TIMEOUT_S = 3.0


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


def model_status() -> dict[str, Any]:
    """Whether stanza is installed and which languages' tokenize+NER models are on disk."""
    root = model_dir()
    status: dict[str, Any] = {"installed": _installed(), "model_dir": str(root), "languages": {}}
    for lang in PROCESSORS:
        ner = sorted((root / lang / "ner").glob("*.pt")) if (root / lang / "ner").is_dir() else []
        tok = sorted((root / lang / "tokenize").glob("*.pt")) if (root / lang / "tokenize").is_dir() else []
        ready = bool(ner and tok and (root / "resources.json").exists())
        status["languages"][lang] = {"ready": ready, "ner": [p.name for p in ner], "tokenize": [p.name for p in tok]}
    return status


def models_ready(lang: str) -> bool:
    """Whether stanza and its ``lang`` models are here."""
    status = model_status()
    return bool(status["installed"] and status["languages"].get(lang, {}).get("ready"))


def _network_ok() -> bool:
    try:
        with socket.create_connection(DOWNLOAD_HOST, timeout=NETWORK_TIMEOUT_S):
            return True
    except OSError:
        return False


def download_models(lang: str) -> None:
    """Download stanza's tokenize+NER models for ``lang``; raise RuntimeError fast and clearly without network."""
    if lang not in PROCESSORS:
        raise ValueError(f"no stanza models are used for {lang!r} (known: {', '.join(PROCESSORS)})")
    if not _installed():
        raise RuntimeError("stanza is not installed: pip install stanza")
    if os.environ.get("KHABAR_OFFLINE") == "1" or not _network_ok():
        raise RuntimeError(
            f"cannot download stanza's {lang} models: {DOWNLOAD_HOST[0]} is unreachable (no network). "
            f"Run `python -m khabar models download` where there is network, or copy the models into {model_dir()}."
        )
    import stanza

    stanza.download(lang, model_dir=str(model_dir()), processors=PROCESSORS[lang], verbose=False)
    _pipeline.cache_clear()


@cache
def _pipeline(lang: str):
    import stanza

    return stanza.Pipeline(lang, dir=str(model_dir()), processors=PROCESSORS[lang], download_method=None,
                           verbose=False, use_gpu=False)


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
    from khabar.entities import rules
    from khabar.entities.tokenize import tokenize

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
        needs=("stanza", "stanza Hindi models"),
        limits="needs the downloaded Hindi tokenize and NER models (python -m khabar models download)",
        description="Stanford stanza's neural Hindi NER trained on IL-NER, with Khabar's number and NORP rules.",
    )

    def availability(self) -> Availability:
        """Available when stanza and its Hindi models are on disk."""
        if not _installed():
            return Availability.no("stanza is not installed")
        if not models_ready("hi"):
            return Availability.no(f"stanza's Hindi models are not in {model_dir()} (python -m khabar models download)")
        return Availability.yes()

    def recognize(self, text: str, sentences: Sequence[Sentence] | None = None) -> list[EntitySpan]:
        """Entity spans with offsets into ``text``."""
        if sentences is None:
            sentences = [Sentence(i, s, e, text[s:e], p) for i, (s, e, p) in enumerate(sentence_spans(text))]
        nlp = _pipeline("hi")
        out: list[EntitySpan] = []
        for sentence in sentences:
            doc = nlp(sentence.text)
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
    nlp = _pipeline("en")
    out = []
    for index, text in enumerate(texts):
        if not text:
            out.append([])
            continue
        out.append(convert(nlp(text), sentence=index, mapping=ONTONOTES_LABELS))
    return out
