"""The word-by-word gloss: a reading aid, not a translation.

Each Hindi word is looked up in Khabar's lexicon (multi-word expressions first), through a small model of
Hindi morphology (noun and adjective inflection, verb forms, auxiliaries, compound and light verbs).
Names come from the entity lexicons or a readable transliteration; English words written in Devanagari and
acronyms come back in English (मैनेजर → manager, डीसीपी → DCP, see ``loanwords``); a span the entity
tagger marked as a person is read as a name (कमल → Kamal, not "lotus"); numbers are converted (10 अरब →
10 billion). A few cheap reorderings make the English easier to read: postpositions become prepositions
(पाकिस्तान में → in Pakistan), genitives turn round (पाकिस्तान की यात्रा → visit of Pakistan), ergative
ने is dropped, and a clause-final verb moves after its subject. कल/परसों follow the tense of their clause
(tomorrow or yesterday), spans of time read as English (तीन दिन पहले → three days ago), and Latin words
or markup pass through exactly as written.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from khabar.registry import Availability, EngineInfo
from khabar.translate.base import ProgressCallback, SegmentResult
from khabar.translate.gloss.chunking import build_verb_groups, reorder
from khabar.translate.gloss.morphology import _FOREIGN, Analyser, NameSpan, _sentence_tokens, format_number
from khabar.translate.gloss.realisation import render, render_verb
from khabar.translate.lexicon import Lexicon, lexicon

__all__ = ["VERSION", "GlossTranslator", "format_number", "render_verb"]

VERSION = "gloss-3"


class GlossTranslator:
    """The offline word-by-word gloss engine (always available)."""

    translation_kind = "gloss"

    def __init__(self, lex: Lexicon | None = None) -> None:
        self._lex = lex
        self._analyser: Analyser | None = None
        self._spans: dict[str, Sequence[NameSpan]] = {}
        self.info = EngineInfo(
            name="gloss",
            label="Word-by-word gloss (reading aid, not a translation)",
            kind="translator",
            online=False,
            needs=(),
            limits="word order and idiom are only roughly English; unknown words are transliterated",
            description="Offline lexicon gloss with Hindi morphology, names and numbers.",
        )

    @property
    def analyser(self) -> Analyser:
        """The analyser over the shipped lexicon (loaded on first use)."""
        if self._analyser is None:
            self._analyser = Analyser(self._lex or lexicon())
        return self._analyser

    def availability(self) -> Availability:
        """Always available: it runs offline on shipped data."""
        return Availability.yes("offline, always available")

    def options_key(self) -> str:
        """The gloss version and lexicon size: a new lexicon re-glosses cached sentences (a sentence read with
        names is cached under its names, see ``khabar.pipeline.NamedSentenceCache``)."""
        return f"{VERSION};lex={len(self.analyser.lex)}"

    def with_names(self, spans: Mapping[str, Sequence[NameSpan]]) -> GlossTranslator:
        """This gloss reading the entity mentions in ``spans`` (sentence → its spans) as names."""
        named = GlossTranslator(self._lex)
        named._analyser = self.analyser
        named._spans = dict(spans)
        return named

    def gloss(self, sentence: str, spans: Sequence[NameSpan] = ()) -> str:
        """The English gloss of one Hindi sentence (or several: each is glossed on its own).

        ``spans``: (start, end, label) of entity mentions in the sentence, read as names (see ``analyse``).
        """
        units = self.analyser.analyse(sentence, spans)
        units = build_verb_groups(units)
        verbatim = list(_sentence_tokens(sentence)[1].values()) if _FOREIGN.search(sentence) else []
        return render(reorder(units), verbatim)

    def translate(self, texts: Sequence[str], progress: ProgressCallback | None = None) -> list[SegmentResult]:
        """Gloss each text."""
        out = []
        for i, text in enumerate(texts, 1):
            try:
                out.append(SegmentResult(self.gloss(text, self._spans.get(text, ())) if text.strip() else ""))
            except Exception as exc:  # noqa: BLE001 - one odd sentence must not sink the article
                out.append(SegmentResult(None, f"the gloss failed on this sentence ({type(exc).__name__})"))
            if progress is not None:
                progress(i, len(texts))
        return out
