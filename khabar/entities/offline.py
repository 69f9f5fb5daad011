"""The offline NER engine: the shipped CRF for PER/LOC/ORG (averaged with the shipped neural taggers where torch is
there), the lexicons, and the rules for NORP and numbers."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from khabar.entities import rules
from khabar.entities.crf import model_available, shipped_tagger, word_counts
from khabar.entities.features import _key as token_key
from khabar.entities.lexicon import FUZZY_MIN_LENGTH, lexicon
from khabar.entities.neural import TAGS, shipped_ensemble, viterbi
from khabar.entities.refine import TokenSpan, harmonise, not_names, overlaps, refine_sentence
from khabar.entities.tokenize import tokenize
from khabar.model import EntitySpan, Sentence
from khabar.registry import Availability, EngineInfo, Requirement
from khabar.text import sentence_spans


def bio_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """``(first, last, label)`` for each entity of a BIO sequence."""
    out = []
    start, label = None, None
    for i, tag in enumerate([*tags, "O"]):
        if tag == "O" or tag.startswith("B-") or tag[2:] != label:
            if start is not None:
                out.append((start, i, label))
            start, label = (i, tag[2:]) if tag != "O" else (None, None)
    return out


_overlaps = overlaps


class _Cover:
    """Which tokens of a sentence the spans so far take, span by span: an overlap check costs the span's length,
    not the number of spans (a long sentence full of names and numbers stays linear)."""

    def __init__(self, n: int, spans: Sequence[TokenSpan] = ()) -> None:
        self.owner = [-1] * n
        self.spans: list[TokenSpan] = []
        for span in spans:
            self.add(span)

    def add(self, span: TokenSpan) -> None:
        """Mark ``span``'s tokens as taken."""
        self.spans.append(span)
        number = len(self.spans) - 1
        for i in range(span.first, span.last):
            self.owner[i] = number

    def overlapping(self, span: TokenSpan) -> list[TokenSpan]:
        """The spans that share a token with ``span``, in order."""
        numbers = sorted({self.owner[i] for i in range(span.first, span.last)} - {-1})
        return [self.spans[n] for n in numbers]

    def overlaps(self, span: TokenSpan) -> bool:
        """Whether ``span`` shares a token with any span added so far."""
        return any(self.owner[i] >= 0 for i in range(span.first, span.last))


# The lexicon backs the CRF up only for names made of words rare in the unlabelled text: the CRF has learnt
# how common words are annotated (गया is a city and "went"; IL-NER does not tag संसद), not rare names.
BACKOFF_MAX_COUNT = 10
# Whole multi-word names (महात्मा गांधी, संयुक्त राष्ट्र) are unambiguous however common their words.
BACKOFF_MULTIWORD = True


_HYPHENS = frozenset("-–‐")


def lexicon_spans(keys: Sequence[str], taken: Sequence[TokenSpan], max_count: int | None | str = "default"
                  ) -> list[TokenSpan]:
    """Known people, places and organisations (longest first; hyphens count as spaces) where some word of the
    name is seen fewer than ``max_count`` times in the unlabelled text or the name has several words (None:
    any name; default: ``BACKOFF_MAX_COUNT``); a multi-word name with one rare word misspelt counts too. A match that overlaps a span in ``taken`` is dropped, unless
    it is a multi-word name that covers that span wholly (सिस्तान-बलूचिस्तान over a found बलूचिस्तान): then
    it is returned, and the caller replaces what it covers."""
    if max_count == "default":
        max_count = BACKOFF_MAX_COUNT
    counts = word_counts() if max_count is not None else {}
    lex = lexicon()

    def rare(word: str) -> bool:
        return max_count is None or counts.get(word, 0) < max_count

    found: list[TokenSpan] = []
    n = len(keys)
    cover = _Cover(n, taken)
    may_slip = [lex.may_be_slip(key, rare) for key in keys]
    i = 0
    while i < n:
        hit = None
        known_start = keys[i] in lex.first_words
        # A rare long first word may be a misspelling of a known name's (सिएस्तान-बलूचिस्तान).
        if known_start or (len(keys[i]) >= FUZZY_MIN_LENGTH and rare(keys[i])):
            # The words a name starting here can have: the tokens that are not hyphens, at most max_words; the
            # candidates end at one of them, longest first.
            limit = min(2 * lex.max_words - 1, n - i)
            ends = [j for j in range(i, i + limit) if keys[j] not in _HYPHENS][: lex.max_words]
            slips = [may_slip[j] for j in ends]
            for count in range(len(ends), 0, -1):
                length = ends[count - 1] - i + 1
                words = [keys[j] for j in ends[:count]]
                entries = lex.by_key.get(" ".join(words)) if known_start else None
                strong = [e for e in entries or () if e.type in ("PER", "LOC", "ORG")]
                if strong and max_count is not None and not (BACKOFF_MULTIWORD and len(words) > 1):
                    rarest = min(counts.get(k, 0) for k in words)
                    strong = strong if rarest < max_count else []
                if not strong and not entries and len(words) > 1 and any(slips[:count]):
                    slip = lex.fuzzy(words, rare)
                    strong = [slip] if slip is not None and slip.type in ("PER", "LOC", "ORG") else []
                if strong:
                    hit = TokenSpan(i, i + length, strong[0].label, source="lexicon", score=0.9)
                    break
        covers = hit is not None and hit.last - hit.first > 1 and all(
            hit.first <= t.first and t.last <= hit.last and (t.first, t.last) != (hit.first, hit.last)
            for t in cover.overlapping(hit)
        )
        if hit and (covers or not cover.overlaps(hit)):
            found.append(hit)
            i = hit.last
        else:
            i += 1
    return found


# The four shipped neural taggers' mean probabilities weigh three times the CRF's marginals (measured against
# 1, 1.5, 2 and 4 in MODEL_CARD.md).
NEURAL_WEIGHT = 3


def _mixed(words: Sequence[str], tagger, neural, crf: np.ndarray | None = None) -> np.ndarray:
    """Tokens × ``TAGS``: the CRF's marginals (``crf`` where found already, for a batch of sentences) averaged
    with the neural taggers' mean probabilities, which weigh ``neural[1]`` times as much."""
    if crf is None:
        tagger.tag(words)
        crf = np.array([[tagger.marginal(t, i) for t in TAGS] for i in range(len(words))])
    probs, weight = neural
    return (crf + weight * probs) / (weight + 1)


def label_tokens(words: Sequence[str], *, tagger=None, use_lexicon: bool = True,
                 use_rules: bool = True, neural: tuple[np.ndarray, int] | None = None,
                 candidates: bool = False, crf: np.ndarray | None = None) -> list[TokenSpan]:
    """Entities over one sentence's tokens: CRF names (averaged with ``neural``: the neural taggers' mean
    tag probabilities and their weight against the CRF's, where given), then lexicon matches, then rule spans, without overlap.

    ``tagger`` defaults to the shipped CRF. With ``candidates``, possible names before a head noun stay in as
    candidates for the article to settle (``refine.harmonise``). ``crf``: the tagger's marginals (tokens ×
    ``TAGS``, from ``CrfTagger.marginals`` over many sentences at once) where found already.
    """
    keys = [token_key(w) for w in words]
    spans: list[TokenSpan] = []
    if tagger is None and model_available():
        tagger = shipped_tagger()
    name_prob: list[float] | None = None
    if tagger is not None and words:
        if neural is not None:
            mixed = _mixed(words, tagger, neural, crf)
            tags = viterbi(mixed)
            probs = [float(mixed[i, TAGS.index(t)]) for i, t in enumerate(tags)]
            name_prob = (1.0 - mixed[:, TAGS.index("O")]).tolist()
        else:
            tags = tagger.tag(words)
            probs = [tagger.marginal(t, i) for i, t in enumerate(tags)]
            name_prob = [1.0 - tagger.marginal("O", i) for i in range(len(words))]
        for first, last, label in bio_spans(tags):
            score = min(probs[first:last])
            spans.append(TokenSpan(first, last, label, score=round(score, 3)))
    spans = not_names(spans, keys)
    if use_lexicon:
        extra = lexicon_spans(keys, spans)
        replaced = _Cover(len(keys), extra)
        spans = [s for s in spans if not replaced.overlaps(s)] + extra
    if use_rules:
        spans = refine_sentence(words, keys, spans, name_prob, candidates=candidates)
        tokens = [(0, 0, w) for w in words]
        taken = _Cover(len(keys), spans)
        for found in rules.find(tokens, keys):
            candidate = TokenSpan(found.first, found.last, found.label, value=found.value, source="rules")
            if not taken.overlaps(candidate):
                spans.append(candidate)
                taken.add(candidate)
    return sorted(spans, key=lambda s: s.first)


# Tokens of the longest piece a sentence is tagged in; a piece ends at the last punctuation mark of its last
# fifth where there is one. News sentences are far shorter, so only text without sentence ends is cut.
PIECE_TOKENS = 400
_BREAKS = frozenset(",;:-–—|()")


def _pieces(tokens: list) -> list[list]:
    """``tokens`` in pieces of at most ``PIECE_TOKENS``, cut after punctuation where the last fifth has some."""
    if len(tokens) <= PIECE_TOKENS:
        return [tokens]
    out, start = [], 0
    while len(tokens) - start > PIECE_TOKENS:
        end = start + PIECE_TOKENS
        for at in range(end - 1, end - PIECE_TOKENS // 5, -1):
            if tokens[at][2] in _BREAKS:
                end = at + 1
                break
        out.append(tokens[start:end])
        start = end
    out.append(tokens[start:])
    return out


class OfflineNer:
    """The default NER backend: trained CRF + lexicons + rules, all shipped with Khabar."""

    info = EngineInfo(
        name="offline",
        label="Offline CRF (Khabar)",
        kind="ner",
        online=False,
        needs=(Requirement("package", "python-crfsuite"), Requirement("package", "numpy")),
        limits="PER/LOC/ORG from a CRF and small BiLSTM taggers trained on IL-NER Hindi; NORP, MONEY, numbers by rules",
        description="A CRF with lexicon and word-cluster features averaged with two small neural taggers (CRF alone "
                    "without torch), shipped with Khabar; works offline.",
    )

    def availability(self) -> Availability:
        """Available when python-crfsuite imports and the model files are shipped."""
        try:
            import pycrfsuite  # noqa: F401
        except ImportError:
            return Availability.no("python-crfsuite is not installed (pip install python-crfsuite)")
        if not model_available():
            return Availability.no("the model is missing: run python -m khabar.entities.train")
        return Availability.yes()

    def recognize(self, text: str, sentences: Sequence[Sentence] | None = None) -> list[EntitySpan]:
        """Entity spans with offsets into ``text`` (``sentences`` default to the splitter's)."""
        if sentences is None:
            sentences = [Sentence(i, s, e, text[s:e], p) for i, (s, e, p) in enumerate(sentence_spans(text))]
        # A "sentence" of thousands of words (a text with no full stops) is tagged in pieces: no tagger reads
        # context that far, and arrays of a whole such sentence outgrow the caches (time then grows faster than
        # the text).
        pieces = [(sentence, piece) for sentence in sentences for piece in _pieces(tokenize(sentence.text))]
        per_sentence = [piece for _, piece in pieces]
        words = [[t[2] for t in tokens] for tokens in per_sentence]
        ensemble = shipped_ensemble() if model_available() else None
        if ensemble is not None:  # batched over the article: one sentence at a time is several times slower
            tagger = shipped_tagger()
            crf = tagger.marginals(words)
            found = [label_tokens(w, tagger=tagger, neural=(p, NEURAL_WEIGHT), candidates=True, crf=m)
                     for w, p, m in zip(words, ensemble.probs(words), crf, strict=True)]
        else:
            found = [label_tokens(w, candidates=True) for w in words]
        harmonise(per_sentence, found)
        out = []
        for (sentence, tokens), spans in zip(pieces, found, strict=True):
            for span in spans:
                start = sentence.start + tokens[span.first][0]
                end = sentence.start + tokens[span.last - 1][1]
                out.append(
                    EntitySpan(start=start, end=end, label=span.label, text=text[start:end], sentence=sentence.index,
                               value=span.value, source=span.source, score=span.score, title=span.title)
                )
        return out
