"""The reference engine: translations written by Khabar's editors (shipped with the seeds) or saved by the
reader. They are attached to articles from the seed files and the library; nothing is computed here."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from khabar.registry import Availability, EngineInfo, Requirement
from khabar.translate.base import ProgressCallback, SegmentResult, cache_key

NO_REFERENCE = "no reference for this sentence"


class ReferenceTranslator:
    """Looks sentences up in a table of human translations; by default the table is empty.

    The registry's instance answers every sentence with ``NO_REFERENCE``: an article's reference
    ``Translation`` comes from its seed file or the library, not from this engine.
    """

    translation_kind = "reference"

    def __init__(self, references: Mapping[str, str] | None = None) -> None:
        self._table = {cache_key(k): v for k, v in (references or {}).items()}
        self.info = EngineInfo(
            name="reference",
            label="Reference translation (Khabar editors)",
            kind="translator",
            online=False,
            needs=(Requirement("data", "reference translation", note="stored with the article"),),
            limits="only articles shipped or saved with a reference translation",
            description="Human translations shipped with the seed articles or saved by the reader.",
        )

    def availability(self) -> Availability:
        """Unavailable as a computing engine: references are attached to articles, not produced on demand."""
        if self._table:
            return Availability.yes(f"{len(self._table)} reference sentences loaded")
        return Availability.no(
            "reference translations are not computed: they come with the seed articles or are saved in the "
            "library, and are shown wherever an article has one"
        )

    def options_key(self) -> str:
        """References do not depend on options."""
        return ""

    def translate(self, texts: Sequence[str], progress: ProgressCallback | None = None) -> list[SegmentResult]:
        """The stored reference of each sentence, or the error ``no reference for this sentence``."""
        out = []
        for i, text in enumerate(texts, 1):
            found = self._table.get(cache_key(text))
            out.append(SegmentResult(found) if found is not None else SegmentResult(None, NO_REFERENCE))
            if progress is not None:
                progress(i, len(texts))
        return out
