"""One test per chunking rule of the gloss (khabar.translate.gloss.chunking.CHUNK_RULES).

Each test analyses a short Hindi phrase with the real analyser, runs the rules up to the unit the rule is
about, checks that this rule (and no earlier one) takes it, and checks the chunks or noun phrase it made.
"""

from __future__ import annotations

import copy

import pytest

from khabar.translate.gloss import GlossTranslator, chunking
from khabar.translate.gloss.chunking import CHUNK_RULES, ChunkState, build_verb_groups
from khabar.translate.lexicon import key, word_class


@pytest.fixture(scope="module")
def analyser():
    return GlossTranslator().analyser


def state_at(analyser, sentence: str, hindi: str) -> ChunkState:
    """The chunker's state just before it reaches the unit whose Hindi is ``hindi``."""
    state = ChunkState(build_verb_groups(analyser.analyse(sentence)))
    while key(state.unit.hindi) != key(hindi):
        any(rule(state) for rule in CHUNK_RULES)
    return state


def taking_rule(state: ChunkState):
    """The first rule that takes the current unit (tried on a copy, so ``state`` is unchanged)."""
    trial = copy.deepcopy(state)
    return next(rule for rule in CHUNK_RULES if rule(trial))


def taken(analyser, sentence: str, hindi: str, rule) -> ChunkState:
    """The state after ``rule`` took the unit ``hindi`` of ``sentence``, checking that it is the rule that does."""
    state = state_at(analyser, sentence, hindi)
    assert taking_rule(state) is rule
    assert rule(state)
    return state


def chunks(state: ChunkState) -> list[tuple[str, str]]:
    return [(c.kind, c.en) for c in state.chunks]


def test_every_rule_is_a_documented_function_with_a_test():
    tested = {name[len("test_"):] for name in globals() if name.startswith("test_")}
    for rule in CHUNK_RULES:
        assert rule.__doc__, rule.__name__
        assert rule.__name__ in tested, f"no test for {rule.__name__}"
        assert getattr(chunking, rule.__name__) is rule


def test_article_opens_phrase(analyser):
    state = state_at(analyser, "बलूचिस्तान एक प्रांत है।", "एक")
    assert [u.en for u in state.np] == ["Balochistan"]
    assert chunking.article_opens_phrase(state) is False  # it takes nothing, it only closes the phrase
    assert chunks(state) == [("NP", "Balochistan")] and state.np == []


def test_pronoun_own_phrase(analyser):
    state = state_at(analyser, "यह भारत का है।", "भारत")
    assert chunking.pronoun_own_phrase(state) is False
    assert chunks(state) == [("NP", "this")] and state.np == []


def test_noun_joins_phrase(analyser):
    state = taken(analyser, "नई योजना", "योजना", chunking.noun_joins_phrase)
    assert [u.en for u in state.np] == ["new", "scheme"] and state.chunks == []


def test_coordination(analyser):
    state = taken(analyser, "ईरान और पाकिस्तान में चुनाव।", "और", chunking.coordination)
    assert [u.en for u in state.np] == ["Iran", "and"] and state.chunks == []
    state = state_at(analyser, "ईरान और पाकिस्तान में चुनाव।", "चुनाव")
    assert chunks(state) == [("PP", "in Iran and Pakistan")]  # the postposition took both


def test_genitive_turned_round(analyser):
    state = taken(analyser, "पाकिस्तान की यात्रा", "की", chunking.genitive_turned_round)
    assert state.override == "the visit of Pakistan" and state.i == len(state.units)
    money = state_at(analyser, "₹5 करोड़ का जुर्माना लगा।", "का")
    chunking.genitive_turned_round(money)
    assert money.override == "a fine of ₹50 million"  # an amount measures its noun


def test_genitive_of_compound_verb(analyser):
    state = taken(analyser, "सरकार ने नई योजना की घोषणा की।", "की", chunking.genitive_of_compound_verb)
    assert chunks(state) == [("NP", "the government"), ("VG", "announced"), ("NP", "the new scheme")]
    assert state.chunks[-1].attached
    accused = state_at(analyser, "सरकार पर भ्रष्टाचार का आरोप लगाया।", "का")
    chunking.genitive_of_compound_verb(accused)
    assert chunks(accused) == [("VG", "accused"), ("NP", "the government"), ("NP", "of corruption")]


def test_genitive_alone(analyser):
    state = taken(analyser, "यह भारत का है।", "का", chunking.genitive_alone)
    assert chunks(state) == [("NP", "this"), ("PP", "of India")]


def test_postposition_to_preposition(analyser):
    state = taken(analyser, "दिल्ली में बैठक", "में", chunking.postposition_to_preposition)
    assert chunks(state) == [("PP", "in Delhi")]
    monday = state_at(analyser, "सोमवार को बैठक हुई।", "को")
    chunking.postposition_to_preposition(monday)
    assert chunks(monday) == [("PP", "on Monday")] and not monday.chunks[0].dative
    met = state_at(analyser, "मंत्री से मुलाकात की।", "से")
    chunking.postposition_to_preposition(met)
    assert chunks(met) == [("PP", "with the minister")]


def test_ergative_dropped(analyser):
    state = taken(analyser, "सरकार ने फैसला लिया।", "ने", chunking.ergative_dropped)
    assert chunks(state) == [("NP", "the government")] and state.chunks[0].subject


def test_agent_noun(analyser):
    state = taken(analyser, "लड़ने वाले लोग", "लड़ने", chunking.agent_noun)
    assert [u.en for u in state.np] == ["those fighting"] and state.i == 2


def test_infinitive_of_purpose(analyser):
    state = taken(analyser, "संबंधों को सुधारने के लिए बैठक हुई।", "सुधारने", chunking.infinitive_of_purpose)
    assert chunks(state) == [("PP", "to improve relations")]  # the को-object follows the verb


def test_infinitive_possessor(analyser):
    state = taken(analyser, "मदद करने की योजना बनी।", "मदद करने", chunking.infinitive_possessor)
    assert state.override == "the scheme of helping"


def test_infinitive_accusation(analyser):
    sentence = "उन्होंने एक-दूसरे पर हथियार मुहैया कराने का आरोप लगाया।"
    state = taken(analyser, sentence, "मुहैया कराने", chunking.infinitive_accusation)
    assert chunks(state) == [("NP", "he"), ("VG", "accused"), ("NP", "each other"),
                             ("NP", "of providing the weapon")]


def test_infinitive_gerund(analyser):
    state = taken(analyser, "ऐसा करने से लाभ होगा।", "करने", chunking.infinitive_gerund)
    assert chunks(state) == [("PP", "from doing such")]


def test_participle_modifier(analyser):
    state = taken(analyser, "घायल हुए लोग अस्पताल में हैं।", "घायल हुए", chunking.participle_modifier)
    assert [(u.en, u.pos) for u in state.np] == [("injured", "adj")] and state.chunks == []


def test_object_after_nonfinite_verb(analyser):
    state = taken(analyser, "सरकार ने फैसला लेकर कहा।", "लेकर", chunking.object_after_nonfinite_verb)
    assert chunks(state) == [("NP", "the government"), ("VG", "taking"), ("NP", "the decision")]
    finite = state_at(analyser, "सरकार ने फैसला लिया।", "लिया")
    assert chunking.object_after_nonfinite_verb(finite) is False  # a finite verb leaves its object be


def test_one_chunk_each(analyser):
    state = taken(analyser, "वह नेता है।", "है", chunking.one_chunk_each)
    chunking.one_chunk_each(state)
    assert chunks(state) == [("NP", "that leader"), ("VG", "is"), ("PUNCT", ".")]


def test_reorder_is_the_rules_then_verb_after_subject(analyser):
    units = build_verb_groups(analyser.analyse("सरकार ने नई योजना की घोषणा की।"))
    assert [c.en for c in chunking.chunk(units)] == ["the government", "announced", "the new scheme", "."]
    assert [c.en for c in chunking.reorder(units)] == ["the government", "announced", "the new scheme", "."]


def test_word_classes_come_from_the_data_file():
    assert "meet" in word_class("with_verb") and "meet" not in word_class("recipient_verb")
    assert chunking._WITH_VERBS is word_class("with_verb")
    assert "देना" in word_class("light_verb")
    with pytest.raises(KeyError):
        word_class("no such class")
