"""Fast paths give what the simple paths give: each shortcut taken for speed is checked against the long way."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from khabar.entities import features, neural, offline
from khabar.entities.clusters import read_clusters
from khabar.entities.crf import CLUSTERS_PATH, make_config, read_soft_gazetteer, shipped_tagger, word_counts
from khabar.entities.lexicon import FUZZY_MIN_LENGTH, lexicon
from khabar.entities.tokenize import tokenize
from khabar.pipeline import make_article
from khabar.seeds import SEEDS_DIR
from khabar.text import has_devanagari, match_key
from khabar.timeline import events, timex
from khabar.timeline import festivals as fest
from khabar.timeline import lexicon as lx


def _timex_vocabulary() -> list[str]:
    """Every word the time rules look for (lexicon tables, the rule module's own sets, festival names), and
    the words the rules name inline."""
    tables = [v for k, v in vars(lx).items() if not k.startswith("__") and isinstance(v, (dict, frozenset))]
    tables += [v for v in vars(timex).values() if isinstance(v, frozenset)] + [timex._DAY_OFFSETS, timex._COMING]
    words: set[str] = set()
    for table in tables:
        for entry in table:
            for part in entry if isinstance(entry, tuple) else (entry,):
                words.update(part.split())
    for festival in fest.FESTIVALS:
        for spelling in festival.spellings:
            words.update(match_key(spelling).split())
    inline = "15 2024 1990 5-7 दो-तीन 3:30 21वीं जयंती बजे बजकर मिनट तारीख दशक सदी ही में तक बार भर लेकर , : । राम घर"
    return sorted(words | set(map(match_key, inline.split())))


VOCABULARY = _timex_vocabulary()


def _check_prefilter(keys: list[str], step: int = 1) -> None:
    toks = [timex._Tok(0, 0, k, k) for k in keys]
    matcher = timex._Matcher(toks)
    for i in range(0, len(keys), step):
        if not timex._may_start(keys, i):
            assert matcher.best(i) is None, (keys, i, matcher.best(i))


def test_time_rules_match_nothing_on_a_word_the_prefilter_skips():
    # Every pair of known words, the first one skipped: the rules look ahead from where they start.
    skipped = [w for w in VOCABULARY if not timex._may_start([w, ""], 0)]
    assert skipped and len(skipped) < len(VOCABULARY) / 2
    skipped = [w for w in skipped if has_devanagari(w)]  # punctuation starts nothing (the seeds test has some)
    for word in skipped:
        # One sentence per skipped word: it before each known word in turn.
        _check_prefilter([key for follower in VOCABULARY for key in (word, follower)], step=2)


@settings(max_examples=200, deadline=None)
@given(keys=st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=12))
def test_time_rules_match_only_where_the_prefilter_lets_them(keys):
    _check_prefilter(keys)


def test_time_prefilter_changes_no_tag_on_the_seeds(monkeypatch):
    texts = [path.read_text(encoding="utf-8") for path in sorted(SEEDS_DIR.glob("*.hi.txt"))]
    fast = [timex.extract(text, None, "2024-04-23") for text in texts]
    monkeypatch.setattr(timex, "_may_start", lambda keys, i: True)
    slow = [timex.extract(text, None, "2024-04-23") for text in texts]
    assert [[dataclasses.astuple(t) for t in found] for found in fast] == [
        [dataclasses.astuple(t) for t in found] for found in slow]
    assert any(fast)


# CRF features ---------------------------------------------------------------------------------------------


def _simple_phrase_tags(keys, config):
    """The phrase tags as first written: every length tried at every token."""
    tags = [""] * len(keys)
    i, n = 0, len(keys)
    while i < n:
        matched = 0
        for length in range(min(config.max_phrase, n - i), 1, -1):
            kind = config.phrases.get(" ".join(keys[i : i + length]))
            if kind:
                tags[i] = "B-" + kind
                for j in range(i + 1, i + length):
                    tags[j] = "I-" + kind
                matched = length
                break
        i += matched or 1
    return tags


def _simple_features(tokens, config):
    """The CRF features as first written: everything found afresh for every token of every sentence."""
    groups = set(config.groups)
    keys = [features._key(t) for t in tokens]
    n = len(tokens)
    lex = [sorted(config.gazetteer.get(k, ())) for k in keys] if "lexicon" in groups else [[]] * n
    phrase = _simple_phrase_tags(keys, config) if "lexicon" in groups and config.phrases else [""] * n
    clus = [config.clusters.get(k, ()) for k in keys] if "clusters" in groups else [()] * n
    shapes = [features._shape(t) for t in tokens]
    out = []
    for i, key in enumerate(keys):
        feats = ["bias"]
        if "word" in groups:
            feats.append("w=" + key)
        if "affix" in groups and shapes[i] == "deva":
            feats += [f"s{k}=" + key[-k:] for k in (1, 2, 3, 4) if len(key) > k]
            feats += [f"p{k}=" + key[:k] for k in (2, 3) if len(key) > k]
            feats.append("len=" + str(min(len(key), 10)))
        if "shape" in groups:
            feats.append("sh=" + shapes[i])
        if "context" in groups:
            for d in range(1, config.window + 1):
                feats.append(f"w-{d}=" + (keys[i - d] if i - d >= 0 else "<s>"))
                feats.append(f"w+{d}=" + (keys[i + d] if i + d < n else "</s>"))
            feats.append("w-1|w=" + (keys[i - 1] if i else "<s>") + "|" + key)
            feats.append("w|w+1=" + key + "|" + (keys[i + 1] if i + 1 < n else "</s>"))
        if "lexicon" in groups:
            feats += ["lx=" + kind for kind in lex[i]] + (["ph=" + phrase[i]] if phrase[i] else [])
        if "lexicon_context" in groups:
            for d in (-1, 1):
                if 0 <= i + d < n:
                    feats += [f"lx{d:+d}=" + kind for kind in lex[i + d]]
                    feats += [f"ph{d:+d}=" + phrase[i + d]] if phrase[i + d] else []
        if "clusters" in groups:
            feats += [f"c{level}=" + cid for level, cid in enumerate(clus[i])]
        if "cues" in groups:
            for d in (-2, -1, 0, 1, 2):
                if 0 <= i + d < n and config.cues.get(keys[i + d]):
                    feats.append(f"cue{d:+d}=" + config.cues[keys[i + d]])
        if "cluster_context" in groups:
            feats += [f"c{d:+d}=" + clus[i + d][-1] for d in (-1, 1) if 0 <= i + d < n and clus[i + d]]
        out.append(feats)
    return out


def _configs():
    clusters, soft = read_clusters(CLUSTERS_PATH), read_soft_gazetteer()
    return [make_config(features.ALL_GROUPS, clusters=clusters, soft=soft),
            make_config(("word", "lexicon_context", "cluster_context", "cues"), clusters=clusters, window=1)]


def _seed_sentences():
    texts = [path.read_text(encoding="utf-8") for path in sorted(SEEDS_DIR.glob("*.hi.txt"))]
    return [[t[2] for t in tokenize(s.text)] for text in texts for s in make_article(text).sentences]


def test_crf_features_are_those_of_the_simple_path():
    sentences = _seed_sentences()
    for config in _configs():
        phrases = [phrase.split(" ") for phrase in list(config.phrases)[:300]]
        made = [[*sentences[k % len(sentences)], "के", *phrase, "में", "Modi", "2024", "।"]
                for k, phrase in enumerate(phrases)]
        for tokens in [*sentences, *made, [], ["अ"], phrases[0]]:
            assert features.sentence_features(tokens, config) == _simple_features(tokens, config)
            keys = [features._key(t) for t in tokens]
            assert features._phrase_tags(keys, config) == _simple_phrase_tags(keys, config)


# Neural tagger inputs -------------------------------------------------------------------------------------


def _simple_neural_inputs(featuriser, tokens):
    """The neural taggers' id arrays as first written: every token looked up afresh."""
    keys = [features._key(t) for t in tokens]
    n, config = len(tokens), featuriser.config
    phrase = _simple_phrase_tags(keys, config) if config.phrases else [""] * n
    clus = np.zeros((n, 3), dtype=np.int64)
    lex = np.zeros((n, len(featuriser.lex)), dtype=np.float32)
    chars = np.zeros((n, neural.MAX_CHARS), dtype=np.int64)
    for i, (token, key) in enumerate(zip(tokens, keys, strict=True)):
        for level, cid in enumerate(config.clusters.get(key, ())[:3]):
            clus[i, level] = featuriser.cluster_ids[level].get(cid, 0)
        for kind in [*config.gazetteer.get(key, ()), phrase[i]]:
            if kind in featuriser.lex:
                lex[i, featuriser.lex[kind]] = 1.0
        chars[i] = featuriser.char_row(token)
    return {"word": np.array([featuriser.words.get(k, 1) for k in keys], dtype=np.int64).reshape(n), "clus": clus,
            "lex": lex, "shape": np.array([featuriser.shapes.get(features._shape(t), 0) for t in tokens],
                                          dtype=np.int64).reshape(n), "chars": chars}


def test_neural_inputs_are_those_of_the_simple_path():
    ensemble = neural.shipped_ensemble()
    if ensemble is None:
        pytest.skip("the shipped neural taggers (neural.npz) are missing")
    featuriser = ensemble.featuriser
    phrases = [phrase.split(" ") for phrase in list(featuriser.config.phrases)[:100]]
    sentences = _seed_sentences()
    made = [[*sentences[k % len(sentences)], *phrase, "Modi", "2024"] for k, phrase in enumerate(phrases)]
    for tokens in [*sentences, *made, [], ["अ"]]:
        fast, simple = featuriser.sentence(tokens), _simple_neural_inputs(featuriser, tokens)
        assert fast.keys() == simple.keys()
        for name, array in simple.items():
            assert fast[name].dtype == array.dtype and np.array_equal(fast[name], array), name


# CRF marginals ------------------------------------------------------------------------------------------


def _crf_sentences(config):
    sentences = _seed_sentences()
    phrases = [phrase.split(" ") for phrase in list(config.phrases)[:200]]
    made = [[*sentences[k % len(sentences)][:5], *phrase, "में", "Modi", "2024", "।"] for k, phrase in enumerate(phrases)]
    return [*sentences, *made, ["अ"], ["नई", "दिल्ली"], sentences[0] * 12]  # one of 400-odd tokens


def test_crf_attribute_ids_are_those_of_the_feature_strings():
    tagger = shipped_tagger()
    weights, ids = tagger._weights
    for tokens in _crf_sentences(tagger.config):
        strings = features.sentence_features(tokens, tagger.config)
        assert ids.sentence(tokens) == [[weights.attributes.get(f, weights.unknown) for f in token]
                                        for token in strings]


def test_numpy_crf_marginals_are_crfsuites():
    tagger = shipped_tagger()
    sentences = _crf_sentences(tagger.config)
    batched = tagger.marginals([[], *sentences])
    assert batched[0].shape == (0, len(neural.TAGS))
    for tokens, fast in zip(sentences, batched[1:], strict=True):
        tagger.tag(tokens)
        slow = np.array([[tagger.marginal(t, i) for t in neural.TAGS] for i in range(len(tokens))])
        assert fast.shape == slow.shape and np.abs(fast - slow).max() < 1e-9


def test_labels_from_batched_marginals_are_those_of_one_sentence_at_a_time():
    ensemble = neural.shipped_ensemble()
    if ensemble is None:
        pytest.skip("the shipped neural taggers (neural.npz) are missing")
    sentences = _seed_sentences()
    probs, crf = ensemble.probs(sentences), shipped_tagger().marginals(sentences)
    members = len(ensemble.models)
    for tokens, p, m in zip(sentences, probs, crf, strict=True):
        assert offline.label_tokens(tokens, neural=(p, members), crf=m, candidates=True) == offline.label_tokens(
            tokens, neural=(p, members), candidates=True)


def test_neural_probabilities_are_those_of_every_input_row_multiplied_for_itself():
    ensemble = neural.shipped_ensemble()
    if ensemble is None:
        pytest.skip("the shipped neural taggers (neural.npz) are missing")
    sentences = [*_seed_sentences(), ["अ"], ["।"] * 3]
    fast = ensemble.probs(sentences)
    ensemble.distinct_inputs = False
    try:
        slow = ensemble.probs(sentences)
    finally:
        ensemble.distinct_inputs = True
    assert all(a.dtype == b.dtype and np.array_equal(a, b) for a, b in zip(fast, slow, strict=True))
    assert [len(p) for p in fast] == [len(s) for s in sentences]


# Event cues ---------------------------------------------------------------------------------------------

CUE_WORDS = sorted({w for cue in events._RESPONSE_CUES for w in cue} | {"के", "में", "घर", "।"})


@settings(max_examples=300, deadline=None)
@given(keys=st.lists(st.sampled_from(CUE_WORDS), max_size=10))
def test_response_cues_found_by_first_word_as_by_a_scan_per_cue(keys):
    scanned = any(tuple(keys[i:i + len(cue)]) == cue for cue in events._RESPONSE_CUES
                  for i in range(len(keys) - len(cue) + 1))
    assert events._has_cue(keys) == scanned


# Lexicon spans ------------------------------------------------------------------------------------------


def _simple_lexicon_spans(keys, taken, max_count):
    """The lexicon matches as first written: every length tried at every start, a slip looked for at each."""
    counts = word_counts() if max_count is not None else {}
    lex = lexicon()

    def rare(word):
        return max_count is None or counts.get(word, 0) < max_count

    found, n, cover, i = [], len(keys), offline._Cover(len(keys), taken), 0
    while i < n:
        hit = None
        known_start = keys[i] in lex.first_words
        if known_start or (len(keys[i]) >= FUZZY_MIN_LENGTH and rare(keys[i])):
            for length in range(min(2 * lex.max_words - 1, n - i), 0, -1):
                if keys[i + length - 1] in offline._HYPHENS:
                    continue
                words = [k for k in keys[i : i + length] if k not in offline._HYPHENS]
                if len(words) > lex.max_words:
                    continue
                entries = lex.by_key.get(" ".join(words)) if known_start else None
                strong = [e for e in entries or () if e.type in ("PER", "LOC", "ORG")]
                if strong and max_count is not None and not (offline.BACKOFF_MULTIWORD and len(words) > 1):
                    strong = strong if min(counts.get(k, 0) for k in words) < max_count else []
                if not strong and not entries and len(words) > 1:
                    slip = lex.fuzzy(words, rare)
                    strong = [slip] if slip is not None and slip.type in ("PER", "LOC", "ORG") else []
                if strong:
                    hit = offline.TokenSpan(i, i + length, strong[0].label, source="lexicon", score=0.9)
                    break
        covers = hit is not None and hit.last - hit.first > 1 and all(
            hit.first <= t.first and t.last <= hit.last and (t.first, t.last) != (hit.first, hit.last)
            for t in cover.overlapping(hit))
        if hit and (covers or not cover.overlaps(hit)):
            found.append(hit)
            i = hit.last
        else:
            i += 1
    return found


def _slipped(key):
    """A known multi-word name with one long word misspelt (a letter dropped), hyphens between its words."""
    words = key.split()
    j = max(range(len(words)), key=lambda k: len(words[k]))
    words[j] = words[j][:2] + words[j][3:]
    return " - ".join(words).split()


def test_lexicon_spans_are_those_of_the_simple_path():
    lex = lexicon()
    names = [key for key in lex.by_key if " " in key][:150]
    sentences = [[features._key(t) for t in tokens] for tokens in _seed_sentences()]
    made = [[*sentences[k % len(sentences)][:6], *(_slipped(name) if k % 2 else name.split()), "में", "गए"]
            for k, name in enumerate(names)]
    for keys in [*sentences, *made, ["-"], []]:
        taken = [offline.TokenSpan(1, 2, "LOC")] if len(keys) > 2 else []
        for max_count in ("default", None, 1000):
            limit = offline.BACKOFF_MAX_COUNT if max_count == "default" else max_count
            assert offline.lexicon_spans(keys, taken, max_count) == _simple_lexicon_spans(keys, taken, limit)
    assert any(_simple_lexicon_spans(keys, [], None) for keys in made[1::2])  # slips are found


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet=st.sampled_from("कमनप्ँ़ंअ ‌0१Ab-"), max_size=80))
def test_matching_keys_of_short_words_are_those_folded_afresh(text):
    from khabar import text as text_module

    assert text_module.match_key(text) == text_module._fold_key(text) == text_module.match_key(text)


# Events -------------------------------------------------------------------------------------------------

_EARLIER = ("भारत के प्रधानमंत्री नरेंद्र मोदी और ईरान के राष्ट्रपति इब्राहिम रईसी की मुलाकात के दो दिन बाद, "
            "पाकिस्तान ने 22 अप्रैल को बयान जारी किया और रईसी के इस्लामाबाद पहुंचने के तीन दिन पहले ")


def _event_articles():
    from khabar.model import ArticleMeta
    from khabar.pipeline import analyze

    texts = [path.read_text(encoding="utf-8") for path in sorted(SEEDS_DIR.glob("*.hi.txt"))]
    texts += [_EARLIER + "बैठक हुई।", _EARLIER * 6 + "बैठक हुई।", "मोदी के आने के दो दिन बाद रैली हुई।"]
    return [analyze(text, ArticleMeta(published="2024-04-23"), translators=()) for text in texts]


def test_events_dated_from_prepared_sentences_are_those_read_afresh(monkeypatch):
    articles = _event_articles()
    fast = [events.build_events(article) for article in articles]
    assert any(e.basis.startswith("“") and "before the event" in e.basis for found in fast for e in found)
    monkeypatch.setattr(events, "_SentenceStart", lambda *args: None)  # every offset event reads its text again

    def elsewhere(index, aspect, pub):  # every clause looks through the sentence's time expressions again
        return events._dating_timex(index.fitting(aspect, pub), events._Clause(-1, -1, [], False))

    monkeypatch.setattr(events._SentenceIndex, "dating_elsewhere", elsewhere)
    assert [events.build_events(article) for article in articles] == fast


def test_the_event_builder_leaves_the_cycle_collector_as_it_found_it():
    import gc

    article = _event_articles()[1]
    assert gc.isenabled()
    assert events.build_events(article) and gc.isenabled()
    gc.disable()
    try:
        assert events.build_events(article) and not gc.isenabled()
    finally:
        gc.enable()
