"""Benchmark (not a test): chrF and BLEU of the word-by-word gloss, and its speed.

Data:
- TICO-19 en-hi (CC0) from ``$KHABAR_EVAL_DIR`` or ``<repo>/../shared/eval``: ``tico19_en_hi/tico19_en_hi_dev.tsv``.
  It is split in two halves by a hash of the segment id. The lexicon is hand-written; some health words were
  chosen after looking at words the gloss missed in the "dev" half, never the "held-out" half, which is the
  figure to quote. Both halves come from the same documents, so the held-out half still flatters medical
  vocabulary. Skipped cleanly when absent.
- News-like sentences composed for Khabar with their own English references (below). ``NEWS`` was written
  before the lexicon was grown further, but the gloss was developed while looking at it: a dev set.
  ``NEWS_FRESH`` was composed later and not used for tuning.
- The seed article against the editors' reference translation (looked at while developing: dev).

Run: .venv/bin/python benchmarks/gloss_eval.py [--limit N] [--show K]
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import sacrebleu  # noqa: E402

from khabar.translate.gloss import GlossTranslator  # noqa: E402

# Composed for Khabar (news register; politics, economy, conflict, courts, health, sport, weather, science).
NEWS = [
    ("प्रधानमंत्री ने सोमवार को नई दिल्ली में एक प्रेस कॉन्फ्रेंस में नई योजना की घोषणा की।",
     "The prime minister announced the new scheme at a press conference in New Delhi on Monday."),
    ("सरकार ने किसानों के लिए 10 अरब रुपये के पैकेज को मंजूरी दी है।",
     "The government has approved a package of 10 billion rupees for farmers."),
    ("पुलिस ने इस मामले में तीन आरोपियों को गिरफ्तार किया है।",
     "Police have arrested three accused in this case."),
    ("सुप्रीम कोर्ट ने याचिका पर सुनवाई के बाद केंद्र सरकार को नोटिस जारी किया।",
     "After hearing the petition, the Supreme Court issued a notice to the central government."),
    ("मौसम विभाग ने अगले दो दिनों में भारी बारिश की चेतावनी दी है।",
     "The meteorological department has warned of heavy rain in the next two days."),
    ("भारत ने पहले टेस्ट मैच में ऑस्ट्रेलिया को 5 विकेट से हराया।",
     "India defeated Australia by 5 wickets in the first Test match."),
    ("देश में कोरोना संक्रमण के नए मामलों में तेजी से वृद्धि हुई है।",
     "New cases of corona infection in the country have increased rapidly."),
    ("रिजर्व बैंक ने ब्याज दरों में कोई बदलाव नहीं किया।",
     "The Reserve Bank made no change in interest rates."),
    ("दोनों देशों के बीच व्यापार बढ़ाने पर सहमति बनी।",
     "The two countries agreed to increase trade between them."),
    ("हमले में दो जवान शहीद हो गए और चार घायल हुए।",
     "Two soldiers were killed in the attack and four were injured."),
    ("वैज्ञानिकों ने कहा कि जलवायु परिवर्तन के कारण तापमान बढ़ रहा है।",
     "Scientists said that the temperature is rising because of climate change."),
    ("चुनाव आयोग ने पांच राज्यों में विधानसभा चुनाव की तारीखों का ऐलान किया।",
     "The Election Commission announced the dates of assembly elections in five states."),
    ("इसरो ने श्रीहरिकोटा से एक नया उपग्रह सफलतापूर्वक प्रक्षेपित किया।",
     "ISRO successfully launched a new satellite from Sriharikota."),
    ("अस्पताल में मरीजों की संख्या लगातार बढ़ रही है।",
     "The number of patients in the hospital is continuously increasing."),
    ("विपक्ष ने सरकार पर भ्रष्टाचार का आरोप लगाया और संसद में हंगामा किया।",
     "The opposition accused the government of corruption and created an uproar in Parliament."),
    ("शेयर बाजार में आज भारी गिरावट देखी गई।",
     "A sharp fall was seen in the stock market today."),
    ("अदालत ने आरोपी को दस साल की सजा सुनाई।",
     "The court sentenced the accused to ten years in prison."),
    ("राज्य में बाढ़ से हजारों लोग प्रभावित हुए हैं।",
     "Thousands of people have been affected by the flood in the state."),
    ("विदेश मंत्री ने अमेरिकी समकक्ष से मुलाकात की और द्विपक्षीय संबंधों पर चर्चा की।",
     "The foreign minister met his American counterpart and discussed bilateral relations."),
    ("महंगाई दर पिछले महीने 5 प्रतिशत पर पहुंच गई।",
     "The inflation rate reached 5 percent last month."),
    ("सेना ने सीमा पर घुसपैठ की कोशिश नाकाम कर दी।",
     "The army foiled an infiltration attempt on the border."),
    ("मुख्यमंत्री ने पीड़ित परिवारों को पांच लाख रुपये की सहायता देने की घोषणा की।",
     "The chief minister announced assistance of five lakh rupees to the victims' families."),
    ("स्कूलों में बच्चों के लिए मुफ्त भोजन की व्यवस्था की जाएगी।",
     "Free meals will be arranged for children in schools."),
    ("टीम के कप्तान ने कहा कि हम अगले मैच में बेहतर प्रदर्शन करेंगे।",
     "The team captain said that we will perform better in the next match."),
    ("दिल्ली में वायु प्रदूषण का स्तर खतरनाक बना हुआ है।",
     "The level of air pollution in Delhi remains dangerous."),
]


# Composed after the gloss was developed and not used to tune it (run once, at the end of the founding build).
NEWS_FRESH = [
    ("राजस्थान में एक बस और ट्रक की टक्कर में सात लोगों की मौत हो गई।",
     "Seven people died in a collision between a bus and a truck in Rajasthan."),
    ("वित्त मंत्री ने संसद में अगले साल का बजट पेश किया।",
     "The finance minister presented next year's budget in Parliament."),
    ("कोर्ट ने पूर्व मंत्री को जमानत देने से इनकार कर दिया।",
     "The court refused to grant bail to the former minister."),
    ("चीन और अमेरिका के बीच व्यापार युद्ध से वैश्विक बाजार प्रभावित हुए हैं।",
     "Global markets have been affected by the trade war between China and America."),
    ("पहाड़ी इलाकों में बर्फबारी के कारण कई सड़कें बंद हो गई हैं।",
     "Many roads have been closed because of snowfall in the hilly areas."),
    ("भारतीय महिला हॉकी टीम ने फाइनल में जापान को 3-1 से हराकर खिताब जीता।",
     "The Indian women's hockey team won the title by defeating Japan 3-1 in the final."),
    ("डॉक्टरों ने लोगों से गर्मी में ज्यादा पानी पीने की सलाह दी है।",
     "Doctors have advised people to drink more water in the heat."),
    ("प्रदर्शनकारियों ने सरकार के खिलाफ नारे लगाए और सड़क जाम कर दी।",
     "The protesters shouted slogans against the government and blocked the road."),
    ("कंपनी ने इस साल एक हजार नए कर्मचारियों की भर्ती करने की योजना बनाई है।",
     "The company has planned to recruit one thousand new employees this year."),
    ("वैज्ञानिकों ने समुद्र में एक नई प्रजाति की मछली खोजी है।",
     "Scientists have discovered a new species of fish in the sea."),
    ("मुख्यमंत्री ने बाढ़ प्रभावित क्षेत्रों का हवाई सर्वेक्षण किया।",
     "The chief minister conducted an aerial survey of the flood-affected areas."),
    ("पेट्रोल और डीजल की कीमतों में लगातार तीसरे दिन बढ़ोतरी हुई।",
     "Petrol and diesel prices rose for the third consecutive day."),
    ("सुरक्षा बलों ने जंगल में छिपे तीन उग्रवादियों को मार गिराया।",
     "Security forces killed three militants hiding in the forest."),
    ("प्रधानमंत्री अगले महीने जापान की यात्रा पर जाएंगे।",
     "The prime minister will go on a visit to Japan next month."),
    ("शहर में डेंगू के मामले तेजी से बढ़ रहे हैं, स्वास्थ्य विभाग ने अलर्ट जारी किया है।",
     "Dengue cases are rising rapidly in the city; the health department has issued an alert."),
]


def eval_dir() -> Path:
    """Where the shared evaluation data lives."""
    return Path(os.environ.get("KHABAR_EVAL_DIR") or ROOT.parent / "shared" / "eval")


def tico_pairs() -> list[tuple[str, str, str]]:
    """(id, hindi, english) of TICO-19, or [] when the data is absent."""
    path = eval_dir() / "tico19_en_hi" / "tico19_en_hi_dev.tsv"
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as handle:
        return [(row["id"], row["hi"], row["en"]) for row in csv.DictReader(handle, delimiter="\t")]


def held_out(segment_id: str) -> bool:
    """Half of TICO-19 (by a hash of the id) that nothing may ever be derived from."""
    return zlib.crc32(segment_id.encode()) % 2 == 1


def score(name: str, hyps: list[str], refs: list[str], seconds: float) -> None:
    """Print chrF, BLEU and speed."""
    chrf = sacrebleu.corpus_chrf(hyps, [refs]).score
    bleu = sacrebleu.corpus_bleu(hyps, [refs]).score
    rate = len(hyps) / seconds if seconds else float("inf")
    print(f"{name:<28} n={len(hyps):<5} chrF={chrf:5.1f}  BLEU={bleu:5.1f}  {rate:7.0f} sentences/s")


def main() -> None:
    """Run the benchmark."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=0, help="only the first N TICO segments")
    parser.add_argument("--show", type=int, default=0, help="print K example glosses")
    args = parser.parse_args()
    gloss = GlossTranslator()
    gloss.gloss("नमस्ते")  # load the lexicon outside the timing

    start = time.perf_counter()
    hyps = [r.text or "" for r in gloss.translate([hi for hi, _ in NEWS])]
    score("news-like (composed, dev)", hyps, [en for _, en in NEWS], time.perf_counter() - start)
    for (hi, en), hyp in list(zip(NEWS, hyps, strict=True))[: args.show]:
        print(f"  HI  {hi}\n  REF {en}\n  GLS {hyp}")
    seed_hi, seed_en = ROOT / "seeds" / "iran-pakistan-raisi-visit.hi.txt", ROOT / "seeds" / "iran-pakistan-raisi-visit.en.txt"
    if seed_hi.exists() and seed_en.exists():
        from khabar.text import split_sentences

        sources = split_sentences(seed_hi.read_text(encoding="utf-8"))
        refs = [line for line in seed_en.read_text(encoding="utf-8").splitlines() if line.strip()]
        if len(sources) == len(refs):
            start = time.perf_counter()
            out = [r.text or "" for r in gloss.translate(sources)]
            score("seed article (editors, dev)", out, refs, time.perf_counter() - start)
    start = time.perf_counter()
    fresh = [r.text or "" for r in gloss.translate([hi for hi, _ in NEWS_FRESH])]
    score("news-like (composed, fresh)", fresh, [en for _, en in NEWS_FRESH], time.perf_counter() - start)

    pairs = tico_pairs()
    if not pairs:
        print("TICO-19 not found under", eval_dir(), "- skipped")
        return
    if args.limit:
        pairs = pairs[: args.limit]
    start = time.perf_counter()
    out = [r.text or "" for r in gloss.translate([hi for _, hi, _ in pairs])]
    seconds = time.perf_counter() - start
    score("TICO-19 all", out, [en for _, _, en in pairs], seconds)
    for label, keep in (("TICO-19 held-out half", True), ("TICO-19 dev half", False)):
        sel = [(h, en) for (sid, _, en), h in zip(pairs, out, strict=True) if held_out(sid) == keep]
        score(label, [h for h, _ in sel], [en for _, en in sel], seconds * len(sel) / len(pairs))
    for (_, hi, en), hyp in list(zip(pairs, out, strict=True))[: args.show]:
        print(f"  HI  {hi}\n  REF {en}\n  GLS {hyp}")


if __name__ == "__main__":
    main()
