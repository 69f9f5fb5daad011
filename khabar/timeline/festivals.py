"""Festivals on the calendar: the Hindi names Indian news dates events by, and their days in a given year.

Days come from the ``holidays`` package's India calendar (national and state lists, all categories), which
tabulates the lunisolar Hindu festivals for 2001-2035 and estimates the Islamic ones from the Hijri calendar.
A festival that calendar lacks is derived from one it has by a fixed offset, and is then marked
approximate because the lunar day (tithi) it falls on can start or end a calendar day either side:

- Dhanteras = Diwali − 2 (Kartik Krishna Trayodashi, two lunar days before the Amavasya of Lakshmi Puja;
  in 2020 and 2022 it fell one day before);
- Chhoti Diwali / Naraka Chaturdashi = Diwali − 1 (the package gives the South Indian Deepavali day, which
  is Diwali itself);
- Lohri = Makar Sankranti − 1 (celebrated on the eve of Sankranti; the package lists Lohri for 2020-2024
  only, where this rule gives its date every year);
- Easter = Good Friday + 2 (Good Friday is the Friday before Easter Sunday);
- Sharad Navratri = the nine days before Dussehra (Vijayadashami is the tenth day; start from Rajasthan's
  list where the package has it); Chaitra Navratri = Chaitra Sukladi up to Ram Navami (the ninth day);
- Durga Puja = Shashthi (the day before Maha Saptami, from West Bengal's list) up to Dussehra;
- Ramzan = the 30 days before Eid al-Fitr (the month has 29 or 30 days and ends on the eve of Eid);
- Kartik Purnima = Guru Nanak Jayanti (celebrated on that full moon); Sharad Purnima = Dussehra + 4 (Ashvin
  Shukla Dashami to Purnima: 2021-2024 were +4, 2019 +5); Mauni Amavasya = Basant Panchami − 5 (Magh
  Amavasya to Magh Shukla Panchami: 2023 and 2024); Pitru Paksha = the 15 days up to Mahalaya.

A name that means one of several festivals (नवरात्र: Chaitra or Sharad; बिहू: Magh or Bohag) is a group: the
publication date and the tense choose among the occurrences of all of them.

Outside the package's years a festival keeps only the season it always falls in (the earliest and latest
day seen in the years the package covers): the year is resolved, the day is not, and the date is approximate.
"""

from __future__ import annotations

import functools
import importlib.util
import re
import warnings
from dataclasses import dataclass
from datetime import date, timedelta

from khabar.text import has_devanagari, match_key

FESTIVAL_ANCHOR = "festival"
COVERED_YEARS = range(2001, 2036)  # the years the package tabulates Hindu festivals for


@dataclass(frozen=True)
class Festival:
    """A festival: its English name, Hindi spellings, and where its first (and last) day come from."""

    id: str
    english: str
    spellings: tuple[str, ...]
    start: tuple[tuple[str, int], ...] = ()  # alternatives: (source, offset days); source "Name", "BR:Name", "=id"
    end: tuple[tuple[str, int], ...] = ()  # the last day of a festival of several days
    group: tuple[str, ...] = ()  # a name that means any one of these festivals (नवरात्र: either Navratri)
    needs_context: tuple[str, ...] = ()  # spellings that are a festival only before के दिन, पर्व, त्योहार...


@dataclass(frozen=True)
class Occurrence:
    """One year's occurrence of a festival: first and last day, and whether a rule may be a day off."""

    festival: str
    start: date
    end: date
    approximate: bool


def _f(fid: str, english: str, spellings: str, start=(), end=(), group=(), needs_context: str = "") -> Festival:
    return Festival(fid, english, tuple(spellings.split(",")), tuple(start), tuple(end), tuple(group),
                    tuple(needs_context.split(",")) if needs_context else ())


FESTIVALS: tuple[Festival, ...] = (
    _f("holi", "Holi", "होली,धुलेंडी,धुलंडी", [("Holi", 0)]),
    _f("holika_dahan", "Holika Dahan", "होलिका दहन,छोटी होली", [("Holika Dahan", 0)]),
    _f("diwali", "Diwali", "दिवाली,दीवाली,दीपावली,दिपावली,दीपोत्सव", [("Diwali", 0)]),
    _f("dhanteras", "Dhanteras", "धनतेरस,धनत्रयोदशी", [("=diwali", -2)]),
    _f("choti_diwali", "Chhoti Diwali (Naraka Chaturdashi)", "छोटी दिवाली,छोटी दीवाली,नरक चतुर्दशी,नरक चौदस,रूप चौदस",
       [("=diwali", -1)]),
    _f("govardhan_puja", "Govardhan Puja", "गोवर्धन पूजा,अन्नकूट", [("Govardhan Puja", 0)]),
    _f("bhai_dooj", "Bhai Dooj", "भाई दूज,भैया दूज,भाईदूज,भैयादूज,यम द्वितीया", [("Bhai Duj", 0)]),
    _f("chhath", "Chhath Puja", "छठ,छठ पूजा,छठपूजा",
       [("Pratihar Shashthi or Surya Shashthi (Chhath Puja)", 0), ("BR:Chhath Puja", 0)]),
    _f("dussehra", "Dussehra", "दशहरा,दशहरे,विजयादशमी,विजयदशमी", [("Dussehra", 0)]),
    _f("sharad_navratri", "Sharad Navratri", "शारदीय नवरात्र,शारदीय नवरात्रि,शारदीय नवरात्रे",
       [("RJ:Sharad Navratri", 0), ("=dussehra", -9)], [("=dussehra", -1)]),
    _f("chaitra_navratri", "Chaitra Navratri", "चैत्र नवरात्र,चैत्र नवरात्रि,चैत्री नवरात्र,वासंतिक नवरात्र",
       [("Chaitra Sukladi", 0)], [("Ram Navami", 0)]),
    _f("navratri", "Navratri", "नवरात्र,नवरात्रि,नवरात्रे,नवरात्री,नवरात्रों", group=("chaitra_navratri", "sharad_navratri")),
    _f("durga_puja", "Durga Puja", "दुर्गा पूजा,दुर्गापूजा,दुर्गोत्सव", [("WB:Mahasaptami", -1)], [("=dussehra", 0)]),
    _f("durga_ashtami", "Durga Ashtami", "दुर्गा अष्टमी,दुर्गाष्टमी,महाअष्टमी,महाष्टमी", [("Dussehra (Mahashtami)", 0)]),
    _f("maha_navami", "Maha Navami", "महानवमी,महा नवमी", [("Dussehra (Mahanavami)", 0)]),
    _f("eid_ul_fitr", "Eid ul-Fitr", "ईद,ईद-उल-फितर,ईद उल फितर,ईद-उल-फित्र,ईद उल फित्र,ईदुल फितर,ईदुल-फितर,ईद-अल-फितर,"
       "ईद अल फितर,मीठी ईद", [("Eid al-Fitr", 0)]),
    _f("eid_ul_adha", "Eid al-Adha (Bakrid)", "बकरीद,बकरा ईद,बकराईद,ईद-उल-अजहा,ईद उल अजहा,ईदुल अजहा,ईदुल-अजहा,"
       "ईद-उल-अदहा,ईद-उल-जुहा,ईद उल जुहा,ईदुज्जुहा,ईद-अल-अजहा", [("Eid al-Adha", 0)]),
    _f("muharram", "Muharram (Ashura)", "मुहर्रम,मोहर्रम,आशूरा,यौम-ए-आशूरा", [("Ashura", 0)]),
    _f("milad_un_nabi", "Milad-un-Nabi", "बारावफात,बारावफ़ात,ईद-ए-मिलाद,ईद ए मिलाद,मिलाद-उन-नबी,मिलादुन्नबी,"
       "ईद मिलादुन्नबी,ईद-ए-मिलादुन्नबी", [("Prophet's Birthday", 0)]),
    _f("ramzan", "Ramzan", "रमजान,रमज़ान,रमदान,माह-ए-रमजान", [("=eid_ul_fitr", -30)], [("=eid_ul_fitr", -1)],
       needs_context="रमजान,रमज़ान,रमदान"),
    _f("jumatul_wida", "Jumu'atul-Wida", "अलविदा जुमा,जुमातुल विदा,जुमा-तुल-विदा", [("Jumu'atul-Wida", 0)]),
    _f("janmashtami", "Janmashtami", "जन्माष्टमी,कृष्ण जन्माष्टमी,श्रीकृष्ण जन्माष्टमी,श्री कृष्ण जन्माष्टमी,कृष्णाष्टमी,"
       "गोकुलाष्टमी", [("Janmashtami (Vaishnava)", 0), ("Janmashtami", 0)]),
    _f("raksha_bandhan", "Raksha Bandhan", "रक्षाबंधन,रक्षा बंधन,रक्षा-बंधन,राखी", [("Raksha Bandhan", 0)],
       needs_context="राखी"),
    _f("ganesh_chaturthi", "Ganesh Chaturthi", "गणेश चतुर्थी,विनायक चतुर्थी,गणेश चौथ",
       [("Ganesh Chaturthi / Vinayak Chaturthi", 0), ("MH:Ganesh Chaturthi", 0)]),
    _f("ganeshotsav", "Ganeshotsav", "गणेशोत्सव,गणेश उत्सव,गणपति उत्सव", [("=ganesh_chaturthi", 0)],
       [("UP:Anant Chaturdashi", 0)]),
    _f("anant_chaturdashi", "Anant Chaturdashi", "अनंत चतुर्दशी,अनंत चौदस", [("UP:Anant Chaturdashi", 0)]),
    _f("maha_shivratri", "Maha Shivratri", "महाशिवरात्रि,शिवरात्रि,महाशिवरात्री,शिवरात्री,महा शिवरात्रि",
       [("Maha Shivaratri", 0)]),
    _f("basant_panchami", "Basant Panchami", "बसंत पंचमी,वसंत पंचमी,सरस्वती पूजा,श्री पंचमी",
       [("Basant Panchami / Shri Panchami", 0), ("Basant Panchami", 0)]),
    _f("makar_sankranti", "Makar Sankranti", "मकर संक्रांति,मकर संक्रान्ति,मकरसंक्रांति,मकर सक्रांति",
       [("Makar Sankranti", 0)]),
    _f("lohri", "Lohri", "लोहड़ी,लोहरी", [("=makar_sankranti", -1)]),
    _f("pongal", "Pongal", "पोंगल", [("Pongal", 0)]),
    _f("onam", "Onam", "ओणम,ओनम,तिरुवोणम", [("Onam", 0)]),
    _f("karva_chauth", "Karva Chauth", "करवा चौथ,करवाचौथ,करक चतुर्थी",
       [("Karaka Chaturthi (Karwa Chouth)", 0), ("HP:Karwa Chouth", 0)]),
    _f("guru_nanak_jayanti", "Guru Nanak Jayanti", "गुरु नानक जयंती,गुरुनानक जयंती,गुरु नानक देव जयंती,"
       "गुरु नानक देव जी की जयंती,गुरु पर्व,गुरुपर्व,गुरु नानक प्रकाश पर्व,प्रकाश पर्व,प्रकाशोत्सव",
       [("Guru Nanak's Birthday", 0)]),
    _f("guru_gobind_singh_jayanti", "Guru Gobind Singh Jayanti", "गुरु गोबिंद सिंह जयंती,गुरु गोविंद सिंह जयंती",
       [("Guru Gobind Singh's Birthday", 0)]),
    _f("ravidas_jayanti", "Guru Ravidas Jayanti", "रविदास जयंती,संत रविदास जयंती,गुरु रविदास जयंती",
       [("Guru Ravi Das's Birthday", 0)]),
    _f("mahavir_jayanti", "Mahavir Jayanti", "महावीर जयंती,भगवान महावीर जयंती", [("Mahavira's Birthday", 0)]),
    _f("buddha_purnima", "Buddha Purnima", "बुद्ध पूर्णिमा,बुद्ध जयंती,बुद्धपूर्णिमा", [("Buddha Purnima", 0)]),
    _f("ram_navami", "Ram Navami", "रामनवमी,राम नवमी", [("Ram Navami", 0)]),
    _f("hanuman_jayanti", "Hanuman Jayanti", "हनुमान जयंती,हनुमान जन्मोत्सव", [("GJ:Hanuman's Birthday", 0)]),
    _f("guru_purnima", "Guru Purnima", "गुरु पूर्णिमा,गुरुपूर्णिमा", [("MP:Guru Purnima", 0)]),
    _f("naag_panchami", "Nag Panchami", "नाग पंचमी,नागपंचमी", [("MP:Naag Panchami", 0)]),
    _f("hartalika_teej", "Hartalika Teej", "हरतालिका तीज,तीजा", [("BR:Hartalika Teej", 0)]),
    _f("kali_puja", "Kali Puja", "काली पूजा", [("WB:Kali Puja", 0)]),
    _f("vishwakarma_puja", "Vishwakarma Puja", "विश्वकर्मा पूजा,विश्वकर्मा जयंती", [("UP:Vishwakarma Puja", 0)]),
    _f("dev_diwali", "Dev Deepawali", "देव दीपावली,देव दिवाली,देव दीवाली", [("GJ:Dev Diwali", 0)]),
    _f("mahalaya", "Mahalaya", "महालया", [("WB:Mahalaya", 0)]),
    _f("akshaya_tritiya", "Akshaya Tritiya", "अक्षय तृतीया,आखा तीज", [("MP:Akshay Tritiya", 0)]),
    _f("vaisakhi", "Vaisakhi", "बैसाखी,वैसाखी", [("Vaisakhi", 0)]),
    _f("gudi_padwa", "Gudi Padwa", "गुड़ी पड़वा,गुढी पाडवा,गुड़ी पाड़वा", [("Gudi Padwa", 0)]),
    _f("ugadi", "Ugadi", "उगादी,उगादि,युगादि", [("Ugadi", 0)]),
    _f("valmiki_jayanti", "Valmiki Jayanti", "वाल्मीकि जयंती,महर्षि वाल्मीकि जयंती", [("Maharishi Valmiki's Birthday", 0)]),
    _f("good_friday", "Good Friday", "गुड फ्राइडे,गुड फ्राईडे,गुड फ्रायडे", [("Good Friday", 0)]),
    _f("easter", "Easter", "ईस्टर", [("Easter Sunday", 0), ("=good_friday", 2)]),
    _f("hal_shashthi", "Hal Shashthi (Harchhath)", "हलछठ,हल छठ,हरछठ,हर छठ,हलषष्ठी,ललही छठ", [("CG:Harchath", 0)]),
    _f("bohag_bihu", "Bohag Bihu", "बोहाग बिहू,बहाग बिहू,रोंगाली बिहू,रंगाली बिहू", [("Bahag Bihu", 0)]),
    _f("magh_bihu", "Magh Bihu", "माघ बिहू,भोगाली बिहू", [("AS:Magh Bihu", 0)]),
    _f("bihu", "Bihu", "बिहू", group=("magh_bihu", "bohag_bihu")),
    # Full and new moons named by their month: derived from the festival that falls on them.
    _f("kartik_purnima", "Kartik Purnima", "कार्तिक पूर्णिमा", [("=guru_nanak_jayanti", 0)]),
    _f("sharad_purnima", "Sharad Purnima", "शरद पूर्णिमा", [("=dussehra", 4)]),
    _f("mauni_amavasya", "Mauni Amavasya", "मौनी अमावस्या,मौनी अमावस", [("=basant_panchami", -5)]),
    _f("pitru_paksha", "Pitru Paksha", "पितृ पक्ष,पितृपक्ष,पितरपख,श्राद्ध पक्ष", [("=mahalaya", -15)],
       [("=mahalaya", 0)]),
    # Named festivals no calendar here places: found and typed as festivals, their dates left unknown.
    _f("teej", "Teej", "तीज,हरियाली तीज,कजरी तीज"),
    _f("gangaur", "Gangaur", "गणगौर"),
    _f("sarhul", "Sarhul", "सरहुल"),
    _f("shab_e_barat", "Shab-e-Barat", "शब-ए-बारात,शबे बारात,शब-ए-बरात"),
    _f("kumbh", "Kumbh Mela", "कुंभ मेला,महाकुंभ"),
    _f("baldev_chhath", "Baldev Chhath", "बलदेव छठ,देवछठ"),  # Balarama's day in Braj, not Chhath Puja
)
BY_ID = {festival.id: festival for festival in FESTIVALS}

# A spelling that is also a name (राखी, रमजान) is the festival only before one of these words (राखी पर, रमजान
# में, राखी का त्योहार) or before के/की/का and one of the nouns after them (रमजान के महीने, राखी के दिन).
_CONTEXT_NEXT = frozenset(match_key(w) for w in (
    "पर्व", "त्योहार", "त्यौहार", "त्योहारों", "महापर्व", "उत्सव", "में", "पर", "तक", "महीने", "महीना", "माह", "मास",
    "रोजे",
))
_CONTEXT_OF = frozenset(match_key(w) for w in ("के", "की", "का"))
_CONTEXT_AFTER_OF = frozenset(match_key(w) for w in (
    "दिन", "दिनों", "मौके", "अवसर", "दौरान", "महीने", "महीना", "माह", "मास", "पहले", "बाद", "त्योहार", "त्यौहार",
    "पर्व", "उत्सव", "रोज", "रोजे", "समय", "पवित्र",
))
# A festival's name before one of these names a place or a thing (दशहरा मैदान, होली फैमिली अस्पताल), not a day.
_NAME_PARTS = frozenset(match_key(w) for w in (
    "मैदान", "ग्राउंड", "रोड", "मार्ग", "चौक", "चौराहा", "पार्क", "कॉलोनी", "नगर", "गेट", "घाट", "फैमिली", "क्रॉस",
    "चाइल्ड", "स्पिरिट", "ट्रिनिटी", "एंजल्स", "कॉन्वेंट", "स्कूल", "एक्सप्रेस", "स्पेशल",
))
# Ordinal days inside a festival of several days: नवरात्र के पहले दिन, छठ के दूसरे दिन, ... के आखिरी दिन (-1).
DAY_ORDINALS: dict[str, int] = {match_key(w): n for w, n in (
    ("पहले", 1), ("पहली", 1), ("दूसरे", 2), ("दूसरी", 2), ("तीसरे", 3), ("तीसरी", 3), ("चौथे", 4), ("चौथी", 4),
    ("पांचवें", 5), ("पांचवे", 5), ("छठे", 6), ("सातवें", 7), ("आठवें", 8), ("नौवें", 9), ("नवें", 9), ("दसवें", 10),
    ("आखिरी", -1), ("अंतिम", -1),
)}
_FESTIVAL_NOUNS = frozenset(match_key(w) for w in ("पर्व", "त्योहार", "त्यौहार", "महापर्व", "उत्सव"))
_JAYANTI = match_key("जयंती")
_NOT_NAMES = frozenset(match_key(w) for w in ("की", "के", "का", "जी", "इस", "उस", "उनकी", "उनके", "अपनी", "वीं", "वी"))


def compact(text: str) -> str:
    """The key a festival name is looked up under: the matching key without spaces or hyphens."""
    return match_key(text).replace("-", "").replace(" ", "").replace("\u200c", "")


_BY_SPELLING: dict[str, str] = {}
_CONTEXT_SPELLINGS: set[str] = set()
for _festival in FESTIVALS:
    for _spelling in _festival.spellings:
        _BY_SPELLING.setdefault(compact(_spelling), _festival.id)
    _CONTEXT_SPELLINGS.update(compact(s) for s in _festival.needs_context)
_PIECES = [re.split(r"[ \-]+", s) for f in FESTIVALS for s in f.spellings]
# Every run of whole words a name can start with: the scan stops as soon as the words read so far are none.
_PREFIXES = frozenset(compact("".join(pieces[:k])) for pieces in _PIECES for k in range(1, len(pieces) + 1))


def can_start(keys: list[str], i: int) -> bool:
    """Whether ``match(keys, i)`` can find anything: the word at ``i`` begins a name, or जयंती follows it."""
    return keys[i].replace("-", "") in _PREFIXES or i + 1 < len(keys) and keys[i + 1] == _JAYANTI


def match(keys: list[str], i: int) -> tuple[int, str] | None:
    """The longest festival name starting at token ``i`` of match keys: (end token, festival id).

    A word before जयंती that names no known festival still makes one: typed, its date unknown (id "").
    """
    found: tuple[int, str] | None = None
    joined = ""
    for j in range(i, len(keys)):
        joined += keys[j].replace("-", "")
        if joined not in _PREFIXES:
            break
        fid = _BY_SPELLING.get(joined)
        if fid is None:
            continue
        if joined in _CONTEXT_SPELLINGS and not _in_context(keys, j + 1):
            continue
        if j + 1 < len(keys) and keys[j + 1] in _NAME_PARTS:
            continue
        found = (j + 1, fid)
    if (found is None and i + 1 < len(keys) and keys[i + 1] == _JAYANTI and has_devanagari(keys[i])
            and keys[i] not in _NOT_NAMES and len(keys[i]) > 2):
        found = (i + 2, "")
    return found


def _in_context(keys: list[str], k: int) -> bool:
    nxt = keys[k] if k < len(keys) else ""
    after = keys[k + 1] if k + 1 < len(keys) else ""
    return nxt in _CONTEXT_NEXT or nxt in _CONTEXT_OF and after in _CONTEXT_AFTER_OF


def is_festival_noun(key: str) -> bool:
    """Whether a word is पर्व, त्योहार or the like (a festival named before it is still that festival)."""
    return key in _FESTIVAL_NOUNS


# ---------------------------------------------------------------------------------------------------
# Days of a festival in a year


@functools.lru_cache(maxsize=512)
def _calendar(subdivision: str, year: int) -> dict[str, tuple[date, bool]]:
    """The package's holidays of one year (one state's list, or the national one): name -> (day, estimated)."""
    try:
        import holidays  # 0.3 s to import: only articles that name a festival pay for it
    except ImportError:  # without the package festivals are still found and typed, just not placed
        return {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "available only from 2001 to 2035": outside, the dict is just smaller
        days = holidays.India(subdiv=subdivision or None, years=year,
                              categories=holidays.India.supported_categories)
    names: dict[str, tuple[date, bool]] = {}
    for day, label in sorted(days.items()):
        for name in label.split("; "):
            estimated = name.endswith(" (estimated)")
            names.setdefault(name.removesuffix(" (estimated)"), (day, estimated))
    return names


def _source_day(source: str, offset: int, year: int, seen: frozenset[str]) -> tuple[date, bool] | None:
    if source.startswith("="):
        base = source[1:]
        if base in seen:
            return None
        days = occurrences(base, year, seen | {base})
        if not days:
            return None
        return days[0].start + timedelta(days=offset), days[0].approximate or offset != 0
    subdivision, _, name = source.rpartition(":")
    found = _calendar(subdivision, year).get(name)
    if found is None:
        return None
    return found[0] + timedelta(days=offset), found[1] or offset != 0


def _first(alternatives: tuple[tuple[str, int], ...], year: int, seen: frozenset[str]) -> tuple[date, bool] | None:
    for source, offset in alternatives:
        found = _source_day(source, offset, year, seen)
        if found is not None:
            return found
    return None


@functools.lru_cache(maxsize=2048)
def occurrences(fid: str, year: int, seen: frozenset[str] = frozenset()) -> tuple[Occurrence, ...]:
    """The festival's occurrences that start in ``year`` (empty where no calendar here places it)."""
    festival = BY_ID.get(fid)
    if festival is None or not 1 <= year <= 9998:
        return ()
    if festival.group:
        found = [o for member in festival.group for o in occurrences(member, year, seen | {fid})]
        return tuple(sorted(found, key=lambda o: o.start))
    start = _first(festival.start, year, seen | {fid})
    if start is None:
        return ()
    end = _first(festival.end, year, seen | {fid}) if festival.end else None
    last = end[0] if end and end[0] >= start[0] else start[0]
    return (Occurrence(fid, start[0], last, start[1] or bool(end and end[1])),)


@functools.lru_cache(maxsize=256)
def season(fid: str) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """The earliest and latest (month, day) the festival falls on in the years the package covers."""
    days = [o for year in COVERED_YEARS for o in occurrences(fid, year)]
    if not days:
        return None
    first = min((o.start.month, o.start.day) for o in days)
    last = max((o.end.month, o.end.day) for o in days)
    return first, last


def calendar_available() -> bool:
    """Whether the ``holidays`` package is installed, so festivals can be placed on the calendar."""
    return importlib.util.find_spec("holidays") is not None


def english_name(fid: str) -> str:
    """The festival's English name ("a festival" for one the tagger found but does not know)."""
    festival = BY_ID.get(fid)
    return festival.english if festival else "a festival"


# ---------------------------------------------------------------------------------------------------
# Which occurrence a mention means


@dataclass(frozen=True)
class Placed:
    """The days a festival mention means: an occurrence, or only a year's season outside the tables."""

    start: date
    end: date
    approximate: bool
    day_known: bool  # False: only the year is resolved; start-end is the festival's season that year


def _season_in(fid: str, year: int) -> Placed | None:
    window = season(fid)
    if window is None:
        return None
    (m1, d1), (m2, d2) = window
    try:
        return Placed(date(year, m1, d1), date(year, m2, d2), True, False)
    except ValueError:  # 29 February outside a leap year
        return Placed(date(year, m1, min(d1, 28)), date(year, m2, min(d2, 28)), True, False)


def place(fid: str, published: date | None, tense: int = 0, direction: int | None = None,
          year: int | None = None) -> Placed | None:
    """The occurrence a mention means, from the publication date, the clause's tense and any modifier.

    ``direction``: -1 for पिछली (the last one before publication), 0 for इस (this year's), +1 for अगली /
    आने वाली (the next one after publication); None when the text has no such word, so the tense decides:
    a past clause means the latest one on or before publication, a future clause the next one on or after
    it, and a clause of unknown tense the nearest one (approximate).
    """
    if fid not in BY_ID:
        return None
    if year is not None:
        found = occurrences(fid, year)
        if found:
            pick = min(found, key=lambda o: abs((o.start - published).days)) if published else found[0]
            return Placed(pick.start, pick.end, pick.approximate, True)
        return _season_in(fid, year)
    if published is None:
        return None
    candidates = [o for y in range(published.year - 1, published.year + 2) for o in occurrences(fid, y)]
    if not candidates:
        return _season_year(fid, published, tense, direction)
    if direction is not None and direction < 0:
        pool = [o for o in candidates if o.end < published]
        pick = pool[-1] if pool else None
    elif direction is not None and direction > 0:
        pool = [o for o in candidates if o.start > published]
        pick = pool[0] if pool else None
    elif direction == 0:
        pool = [o for o in candidates if o.start.year == published.year] or candidates
        pick = min(pool, key=lambda o: _distance(o, published))
    elif tense < 0:
        pool = [o for o in candidates if o.start <= published]
        pick = pool[-1] if pool else None
    elif tense > 0:
        pool = [o for o in candidates if o.end >= published]
        pick = pool[0] if pool else None
    else:
        pick = min(candidates, key=lambda o: _distance(o, published))
    if pick is None:
        return None
    certain = direction is not None or tense != 0
    return Placed(pick.start, pick.end, pick.approximate or not certain, True)


def _distance(occurrence: Occurrence, day: date) -> int:
    if occurrence.start <= day <= occurrence.end:
        return 0
    return min(abs((occurrence.start - day).days), abs((occurrence.end - day).days))


def _season_year(fid: str, published: date, tense: int, direction: int | None) -> Placed | None:
    """Outside the tables: the year by the same rules, using the festival's season for "before" and "after"."""
    here = _season_in(fid, published.year)
    if here is None:
        return None
    step = direction if direction is not None else tense
    if step < 0 and (here.start > published or direction is not None and here.end >= published):
        return _season_in(fid, published.year - 1)
    if step > 0 and (here.end < published or direction is not None and here.start <= published):
        return _season_in(fid, published.year + 1)
    return here
