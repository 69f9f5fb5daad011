"""entities_for_lines: offsets into each line as given, one object per line, shared canonical names."""

from __future__ import annotations

import re
import unicodedata

import pytest

from khabar import engines, pipeline
from khabar.model import EntitySpan
from khabar.registry import Availability, EngineInfo


class RegexNer:
    """A stand-in backend tagging a fixed word list, so these tests check offsets, not the model."""

    info = EngineInfo(name="regex", label="regex", kind="ner")
    NAMES = {"रायसी": "PER", "इब्राहिम रायसी": "PER", "शहबाज़ शरीफ़": "PER", "शहबाज शरीफ": "PER", "ईरान": "LOC"}

    def availability(self):
        return Availability.yes()

    def recognize(self, text, sentences):
        out = []
        pattern = "|".join(sorted(map(re.escape, self.NAMES), key=len, reverse=True))
        for sentence in sentences:
            for match in re.finditer(pattern, sentence.text):
                start, end = sentence.start + match.start(), sentence.start + match.end()
                assert text[start:end] == match.group()
                out.append(EntitySpan(start=start, end=end, label=self.NAMES[match.group()], text=match.group(),
                                      sentence=sentence.index))
        return out


@pytest.fixture
def regex_backend(monkeypatch):
    monkeypatch.setattr(pipeline, "_ner_engine", lambda backend: RegexNer())


def test_offsets_index_the_lines_as_given(regex_backend):
    decomposed = unicodedata.normalize("NFD", "शहबाज़ शरीफ़")  # nukta as a separate code point
    lines = [
        "इब्राहिम रायसी ईरान लौटे",
        "",
        f"\ufeff  {decomposed} ने रायसी से कहा\r\n",
        "कोई नाम नहीं",
    ]
    out = pipeline.entities_for_lines(lines)
    assert [o["line"] for o in out] == [1, 2, 3, 4]
    assert out[1]["entities"] == [] and out[3]["entities"] == []
    for obj, line in zip(out, lines, strict=True):
        for ent in obj["entities"]:
            assert ent["text"] == line[ent["start"] : ent["end"]]
            assert set(ent) == {"start", "end", "label", "text", "canonical"}
    third = out[2]["entities"]
    assert third[0]["text"] == decomposed
    assert [e["label"] for e in third] == ["PER", "PER"]


def test_mentions_of_one_entity_share_canonical_across_lines(regex_backend):
    out = pipeline.entities_for_lines(["इब्राहिम रायसी आए", "शहबाज शरीफ और रायसी", "शहबाज़ शरीफ़ ने कहा"])
    canon = {e["text"]: e["canonical"] for o in out for e in o["entities"]}
    assert canon["इब्राहिम रायसी"] == canon["रायसी"] == "Ebrahim Raisi"
    assert canon["शहबाज शरीफ"] == canon["शहबाज़ शरीफ़"] == "Shehbaz Sharif"


def test_empty_input(regex_backend):
    assert pipeline.entities_for_lines([]) == []
    assert pipeline.entities_for_lines(["", "   "]) == [{"line": 1, "entities": []}, {"line": 2, "entities": []}]


def test_registry_prefers_stanza_then_offline():
    from khabar.registry import Registry

    registry = Registry("ner")
    engines.register_ner(registry)
    assert registry.names() == ["stanza", "offline"]
