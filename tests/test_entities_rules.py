"""Rules for NORP, money, percentages, quantities and cardinals, with their normalised values."""

from __future__ import annotations

import pytest

from khabar.entities.rules import find
from khabar.entities.tokenize import tokenize


def found(text: str) -> list[tuple[str, str, str]]:
    tokens = tokenize(text)
    return [(text[tokens[s.first][0] : tokens[s.last - 1][1]], s.label, s.value) for s in find(tokens)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("व्यापार को 10 अरब डॉलर तक बढ़ाने", ("10 अरब डॉलर", "MONEY", "USD 10000000000")),
        ("इसकी लागत ₹5 करोड़ है", ("₹5 करोड़", "MONEY", "INR 50000000")),
        ("उन्हें 3.5 लाख रुपये मिले", ("3.5 लाख रुपये", "MONEY", "INR 350000")),
        ("500 पाकिस्तानी रुपये", ("500 पाकिस्तानी रुपये", "MONEY", "PKR 500")),
        ("कम से कम आठ दस्तावेजों पर", ("कम से कम आठ", "CARDINAL", ">=8")),
        ("कीमतों में 20 प्रतिशत की वृद्धि", ("20 प्रतिशत", "PERCENT", "20%")),
        ("१२ फीसदी लोग", ("१२ फीसदी", "PERCENT", "12%")),
        ("गांव 5 किलोमीटर दूर है", ("5 किलोमीटर", "QUANTITY", "5 km")),
        ("लगभग 2 लाख 50 हजार लोग", ("लगभग 2 लाख 50 हजार", "CARDINAL", "~250000")),
        ("1,200 लोग आए", ("1,200", "CARDINAL", "1200")),
        ("पच्चीस छात्र", ("पच्चीस", "CARDINAL", "25")),
    ],
)
def test_values(text, expected):
    assert found(text) == [expected]


def test_norp_words_and_plural_forms():
    assert found("ईरानी राष्ट्रपति ने ईरानियों से कहा") == [
        ("ईरानी", "NORP", "Iranian"),
        ("ईरानियों", "NORP", "Iranian"),
    ]
    assert [f[2] for f in found("भारतीयों और पाकिस्तानियों तथा हिंदुओं")] == ["Indian", "Pakistani", "Hindu"]


@pytest.mark.parametrize(
    "text",
    [
        "16 जनवरी को बैठक हुई",  # a date
        "2024 में चुनाव",  # a year
        "तीन दिन बाद",  # a duration
        "शाम 5 बजे",  # a time
        "एक प्रेस कॉन्फ्रेंस में",  # the indefinite article
        "मुझे दो।",  # "give", not two
        "अरब देशों के नेता",  # अरब is also Arab: only a number after a number
    ],
)
def test_not_numbers(text):
    assert [f for f in found(text) if f[1] != "NORP"] == []


def test_arab_after_a_number_is_a_multiplier():
    assert found("दो अरब लोग") == [("दो अरब", "CARDINAL", "2000000000")]
