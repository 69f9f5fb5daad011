"""Named entities: the NER backends (stanza when its Hindi models are on disk, else the shipped offline CRF),
linking of mentions into entities, and the JSON Lines of ``python -m khabar entities``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from khabar.model import Article, Sentence
from khabar.registry import Registry
from khabar.text import normalize


def register_ner(registry: Registry) -> None:
    """Register every NER backend, preferred first: stanza (when its models exist), then the offline CRF."""
    from khabar.entities.offline import OfflineNer
    from khabar.entities.stanza_backend import StanzaNer

    registry.register("stanza", StanzaNer)
    registry.register("offline", OfflineNer)


def _engine(backend: str | None):
    from khabar.engines import ner_backends

    registry = ner_backends()
    return registry.require(backend) if backend else registry.default()


def entities_for_lines(lines: Sequence[str], backend: str | None = None) -> list[dict[str, Any]]:
    """One ``{"line": n, "entities": [...]}`` per input line (n counts from 1), each line one sentence.

    Each entity is ``{"start", "end", "label", "text", "canonical"}`` with offsets that index the line as
    given (``text == line[start:end]``); mentions of one entity anywhere in the lines share ``canonical``.
    """
    from khabar.entities.linking import link

    engine = _engine(backend)
    normalised: list[tuple[str, tuple[int, ...]]] = [normalize(line.rstrip("\r\n")) for line in lines]
    pieces: list[str] = []
    sentences: list[Sentence] = []
    line_of_sentence: dict[int, int] = {}
    position = 0
    for number, (text, _) in enumerate(normalised):
        stripped = text.strip()
        if stripped:
            lead = len(text) - len(text.lstrip())
            index = len(sentences)
            sentences.append(Sentence(index, position + lead, position + lead + len(stripped), stripped, number))
            line_of_sentence[index] = number
        pieces.append(text)
        position += len(text) + 1
    full = "\n".join(pieces)
    starts = []
    position = 0
    for text, _ in normalised:
        starts.append(position)
        position += len(text) + 1
    article = Article(text=full, sentences=tuple(sentences))
    if sentences:
        spans = engine.recognize(full, article.sentences)
        article = link(Article(text=full, sentences=tuple(sentences), entities=tuple(spans)))
    out: list[dict[str, Any]] = [{"line": number + 1, "entities": []} for number in range(len(lines))]
    for span in article.entities:
        number = line_of_sentence.get(span.sentence)
        if number is None:
            continue
        original = lines[number].rstrip("\r\n")
        mapping = normalised[number][1]
        start = mapping[span.start - starts[number]]
        end = mapping[span.end - starts[number]]
        out[number]["entities"].append(
            {"start": start, "end": end, "label": span.label, "text": original[start:end], "canonical": span.canonical}
        )
    return out
