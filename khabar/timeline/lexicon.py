"""Word lists for Hindi time expressions, written in the folded form of ``khabar.text.match_key``.

``match_key`` drops nukta (फ़रवरी = फरवरी), turns chandrabindu into anusvara (पाँच = पांच) and nasal clusters
into anusvara (सितम्बर = सितंबर), so each table lists only the spellings those rules do not already unify.
"""

from __future__ import annotations

from khabar.numbers import hindi_number_words
from khabar.text import match_key


def _fold(table: dict[str, object]) -> dict[str, object]:
    return {match_key(word): value for word, value in table.items()}


MONTHS: dict[str, int] = _fold({
    "जनवरी": 1, "जनवरि": 1, "फरवरी": 2, "फ़रवरी": 2, "फेब्रुअरी": 2, "मार्च": 3, "अप्रैल": 4, "अप्रेल": 4,
    "अप्रिल": 4, "एप्रिल": 4, "मई": 5, "जून": 6, "जुलाई": 7, "जुलाइ": 7, "अगस्त": 8, "सितंबर": 9,
    "सितम्बर": 9, "सेप्टेंबर": 9, "अक्टूबर": 10, "अक्तूबर": 10, "अक्टुबर": 10, "अक्तुबर": 10,
    "नवंबर": 11, "नवम्बर": 11, "दिसंबर": 12, "दिसम्बर": 12, "डिसेंबर": 12,
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
})  # type: ignore[assignment]

# Monday = 0, as datetime.weekday() counts.
WEEKDAYS: dict[str, int] = _fold({
    "सोमवार": 0, "मंगलवार": 1, "बुधवार": 2, "गुरुवार": 3, "बृहस्पतिवार": 3, "वीरवार": 3, "शुक्रवार": 4,
    "शनिवार": 5, "रविवार": 6, "इतवार": 6,
})  # type: ignore[assignment]

# Calendar units: D day, W week, F fortnight, M month, Y year, DE decade, CE century, H/MIN/S clock units.
UNITS: dict[str, str] = _fold({
    "दिन": "D", "दिनों": "D", "दिनो": "D", "दिवस": "D",
    "हफ्ता": "W", "हफ्ते": "W", "हफ्तों": "W", "हफ्तो": "W", "हफ़्ते": "W", "सप्ताह": "W", "सप्ताहों": "W",
    "हप्ते": "W", "पखवाड़ा": "F", "पखवाड़े": "F",
    "महीना": "M", "महीने": "M", "महीनों": "M", "महीनो": "M", "माह": "M", "मास": "M", "माहों": "M",
    "साल": "Y", "सालों": "Y", "सालो": "Y", "वर्ष": "Y", "वर्षों": "Y", "वर्षो": "Y", "बरस": "Y", "बरसों": "Y",
    "दशक": "DE", "दशकों": "DE", "सदी": "CE", "सदियों": "CE", "शताब्दी": "CE", "शताब्दियों": "CE",
    "घंटा": "H", "घंटे": "H", "घंटों": "H", "घण्टे": "H", "मिनट": "MIN", "मिनटों": "MIN",
    "सेकंड": "S", "सेकेंड": "S", "सेकंडों": "S",
})  # type: ignore[assignment]

# Plural oblique forms: on their own they mean "for days/years" (an unquantified amount).
PLURAL_UNITS = frozenset(match_key(w) for w in (
    "दिनों", "हफ्तों", "सप्ताहों", "महीनों", "सालों", "वर्षों", "बरसों", "दशकों", "सदियों", "घंटों", "मिनटों",
))

# Counts of days, months, years: the one table of Hindi number words, plus हज़ार and halves (आधा घंटा).
NUMBERS: dict[str, float] = {
    **{key: float(value) for key, value in hindi_number_words().items()},
    **_fold({"हजार": 1000, "हज़ार": 1000, "आधा": 0.5, "आधे": 0.5}),
}  # type: ignore[assignment]

# Quantity words with no exact number: the range of counts they usually mean.
VAGUE_NUMBERS: dict[str, tuple[int, int]] = _fold({
    "कुछ": (2, 7), "कई": (3, 10), "अनेक": (3, 10), "चंद": (2, 5), "थोड़े": (1, 3), "थोड़ा": (1, 3),
    "दर्जनों": (24, 100), "सैकड़ों": (200, 900), "हजारों": (2000, 9000), "कितने": (2, 10),
})  # type: ignore[assignment]

# Prefixes that scale the number after them (साढ़े तीन = 3.5, सवा दो = 2.25, पौने चार = 3.75).
NUMBER_PREFIX: dict[str, float] = _fold({"साढ़े": 0.5, "सवा": 0.25, "पौने": -0.25})  # type: ignore[assignment]

ORDINAL_CENTURIES: dict[str, int] = _fold({
    "सोलहवीं": 16, "सत्रहवीं": 17, "अठारहवीं": 18, "उन्नीसवीं": 19, "बीसवीं": 20, "इक्कीसवीं": 21,
})  # type: ignore[assignment]

DECADE_WORDS: dict[str, int] = _fold({
    "बीस": 20, "तीस": 30, "चालीस": 40, "पचास": 50, "साठ": 60, "सत्तर": 70, "अस्सी": 80, "नब्बे": 90,
})  # type: ignore[assignment]

# Direction words before a unit: इस साल (0), पिछले साल (-1), अगले साल (+1).
DEICTIC: dict[str, int] = _fold({
    "इस": 0, "इसी": 0, "चालू": 0, "मौजूदा": 0, "वर्तमान": 0,
    "पिछले": -1, "पिछला": -1, "पिछली": -1, "गत": -1, "बीते": -1, "बीता": -1, "बीती": -1, "विगत": -1,
    "पूर्व": -1, "अगले": 1, "अगला": 1, "अगली": 1, "आगामी": 1,
})  # type: ignore[assignment]

PARTS_OF_DAY: dict[str, str] = _fold({
    "सुबह": "MO", "सवेरे": "MO", "सुबह-सुबह": "MO", "प्रातः": "MO", "तड़के": "MO", "भोर": "MO",
    "दोपहर": "AF", "दोपहर बाद": "AF", "शाम": "EV", "सायं": "EV", "संध्या": "EV", "रात": "NI", "रात्रि": "NI",
    "रातों": "NI",
})  # type: ignore[assignment]

# Set words: every day, every year...
SET_WORDS: dict[str, str] = _fold({
    "रोज": "P1D", "रोज़": "P1D", "रोजाना": "P1D", "प्रतिदिन": "P1D", "नित्य": "P1D", "हररोज": "P1D",
    "प्रतिवर्ष": "P1Y", "सालाना": "P1Y", "प्रतिमाह": "P1M", "माहवार": "P1M", "प्रति सप्ताह": "P1W",
    "समय-समय": "PXX",  # समय-समय पर: from time to time
})  # type: ignore[assignment]
SET_PREFIX = frozenset(match_key(w) for w in ("हर", "प्रति", "प्रत्येक", "हरेक"))

# Adverbs that point at the present, the recent past or the future without a calendar value.
REF_WORDS: dict[str, str] = _fold({
    "अब": "PRESENT_REF", "अभी": "PRESENT_REF", "फिलहाल": "PRESENT_REF", "आजकल": "PRESENT_REF",
    "हालिया": "PAST_REF",
})  # type: ignore[assignment]

# Fixed-date holidays: (month, day).
HOLIDAYS: dict[tuple[str, ...], tuple[int, int]] = {
    tuple(match_key(w) for w in name.split()): md
    for name, md in {
        "गणतंत्र दिवस": (1, 26), "स्वतंत्रता दिवस": (8, 15), "आजादी दिवस": (8, 15), "गांधी जयंती": (10, 2),
        "क्रिसमस": (12, 25), "बाल दिवस": (11, 14), "शिक्षक दिवस": (9, 5), "महिला दिवस": (3, 8),
        "मजदूर दिवस": (5, 1), "योग दिवस": (6, 21), "पर्यावरण दिवस": (6, 5),
        # Birth anniversaries kept on a fixed Gregorian day.
        "अंबेडकर जयंती": (4, 14), "आंबेडकर जयंती": (4, 14), "पटेल जयंती": (10, 31), "सरदार पटेल जयंती": (10, 31),
        "नेताजी जयंती": (1, 23), "सुभाष जयंती": (1, 23), "विवेकानंद जयंती": (1, 12), "शास्त्री जयंती": (10, 2),
        "नेहरू जयंती": (11, 14), "अटल जयंती": (12, 25), "भगत सिंह जयंती": (9, 28), "बिरसा मुंडा जयंती": (11, 15),
        "एकता दिवस": (10, 31),
    }.items()
}

# Words after a bare four-digit number that make it a year (2024 में, 2024 तक, 2024 के चुनाव).
YEAR_FOLLOWERS = frozenset(match_key(w) for w in (
    "में", "से", "तक", "के", "की", "का", "को", "ने", "वाले", "वाली", "पर", "ई", "ई.", "ईस्वी", "ईसवी", "ए.डी.",
    "एडी", "बाद", "पहले", "तथा", "और", "या", "व",
))
# Words before a four-digit number that make it a year.
YEAR_PREFIX = frozenset(match_key(w) for w in ("वर्ष", "साल", "सन्", "सन", "सत्र", "ईस्वी", "संवत"))

# Subparts of a period: जनवरी के अंत में, 2024 की शुरुआत.
PERIOD_PARTS: dict[str, str] = _fold({
    "शुरू": "START", "शुरुआत": "START", "शुरुआती": "START", "आरंभ": "START", "प्रारंभ": "START",
    "मध्य": "MID", "अंत": "END", "आखिर": "END", "आखिरी": "END", "अंतिम": "END",
})  # type: ignore[assignment]

# Tense cues: words that mark a clause as past or future.
PAST_WORDS = frozenset(match_key(w) for w in (
    "था", "थी", "थे", "थीं", "गया", "गई", "गए", "गयी", "गये", "गईं", "किया", "किए", "किये", "हुआ", "हुई",
    "हुए", "हुईं", "दिया", "दिए", "दिये", "लिया", "चुका", "चुकी", "चुके", "कहा", "बताया", "पाया", "आया",
    "आई", "आए", "रहा", "सका", "सकी", "सके", "मिला", "मिली", "मारे", "लगाया", "उठाया", "पहुंचा", "पहुंचे",
))
FUTURE_SUFFIXES = ("ेगा", "ेगी", "ेगे", "ेंगे", "ेंगी", "ोगे", "एगा", "एगी", "एंगे", "एंगी", "ऊंगा", "ूंगा", "ूंगी",
                   "ओगे", "ंगे")
FUTURE_WORDS = frozenset(match_key(w) for w in ("होगा", "होगी", "होंगे", "होंगी", "वाला", "वाली", "वाले"))
NOT_FUTURE = frozenset(match_key(w) for w in ("दंगे", "मांगे", "रंगे", "टंगे", "चंगे", "पतंगे", "लंगे"))

# Festivals, with their spellings and calendar rules, are in khabar.timeline.festivals.

# Seasons in their plural forms (गर्मी alone is also "heat"; वसंत and बरसात are also names and rain).
SEASONS: dict[str, str] = _fold({
    "गर्मियों": "SU", "गर्मियां": "SU", "गर्मियाँ": "SU", "सर्दियों": "WI", "सर्दियां": "WI", "सर्दियाँ": "WI",
    "जाड़े": "WI", "जाड़ों": "WI", "मानसून": "SU",
})  # type: ignore[assignment]
