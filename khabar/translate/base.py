"""What every translator shares: the per-sentence result, the cache protocol, and cached translation."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from khabar.model import Translation
from khabar.text import nfc


@dataclass(frozen=True)
class SegmentResult:
    """One sentence's translation, or the reason there is none."""

    text: str | None
    error: str | None = None


class TranslationCache(Protocol):
    """Stored sentence translations keyed by (engine, options, normalised source sentence)."""

    def get_many(self, engine: str, options: str, sources: Sequence[str]) -> dict[str, str]: ...

    def put_many(self, engine: str, options: str, pairs: dict[str, str]) -> None: ...


class MemoryCache:
    """A TranslationCache held in memory (for tests and the command line)."""

    def __init__(self) -> None:
        self._data: dict[tuple[str, str, str], str] = {}

    def get_many(self, engine: str, options: str, sources: Sequence[str]) -> dict[str, str]:
        """Cached translations of those ``sources`` that have one."""
        found = {}
        for source in sources:
            key = (engine, options, cache_key(source))
            if key in self._data:
                found[source] = self._data[key]
        return found

    def put_many(self, engine: str, options: str, pairs: dict[str, str]) -> None:
        """Store translations of sources."""
        for source, text in pairs.items():
            self._data[(engine, options, cache_key(source))] = text


def cache_key(source: str) -> str:
    """The normalised form of a source sentence under which its translation is cached."""
    return " ".join(nfc(source).split())


ProgressCallback = Callable[[int, int], None]


def translate_cached(
    engine,
    sources: Sequence[str],
    *,
    cache: TranslationCache | None = None,
    progress: ProgressCallback | None = None,
) -> Translation:
    """Translate ``sources`` with ``engine``, taking what the cache has and caching what succeeds.

    A sentence the engine fails on keeps its error and is not cached, so a later run tries it again.
    """
    info = engine.info
    options = getattr(engine, "options_key", lambda: "")()
    cached = cache.get_many(info.name, options, sources) if cache is not None else {}
    missing = [s for s in dict.fromkeys(sources) if s not in cached]
    fresh: dict[str, SegmentResult] = {}
    if missing:
        results = engine.translate(missing, progress=progress)
        fresh = dict(zip(missing, results, strict=True))
        if cache is not None:
            good = {s: r.text for s, r in fresh.items() if r.text is not None and r.error is None}
            if good:
                cache.put_many(info.name, options, good)
    texts: list[str | None] = []
    errors: list[str | None] = []
    for source in sources:
        if source in cached:
            texts.append(cached[source])
            errors.append(None)
        else:
            result = fresh[source]
            texts.append(result.text)
            errors.append(result.error)
    kind = getattr(engine, "translation_kind", "translation")
    return Translation(engine=info.name, label=info.label, kind=kind, texts=tuple(texts), errors=tuple(errors))


@dataclass(frozen=True)
class RunOutcome:
    """How one engine's run over an article went, in one state and one sentence for the reader."""

    state: str  # "complete", "partial" or "failed"
    message: str

    @property
    def failed(self) -> bool:
        """Whether the engine produced no English at all."""
        return self.state == "failed"


def run_outcome(translation: Translation) -> RunOutcome:
    """Complete, partial (how many failed, and the first reason) or failed (every sentence; the reason)."""
    total = len(translation.texts)
    failed = translation.failed
    reasons = [e for t, e in zip(translation.texts, translation.errors, strict=True) if t is None and e]
    reason = f": {reasons[0]}" if reasons else ""
    if total and failed == total:
        return RunOutcome("failed", f"{translation.label} could not translate any of the {total} sentences{reason}")
    if failed:
        return RunOutcome("partial", f"{translation.label} translated {total - failed} of {total} sentences; "
                                     f"{failed} failed{reason}")
    return RunOutcome("complete", f"{translation.label} translated all {total} sentences")
