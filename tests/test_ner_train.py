"""Training helpers that need no shared data: reading the corpora, scoring, augmentation, clusters."""

from __future__ import annotations

from khabar.entities import corpus
from khabar.entities.clusters import build_clusters, read_clusters, write_clusters
from khabar.entities.train import augment, name_pool, soft_gazetteer


def test_read_conll_maps_tags_and_repairs_malformed_lines(tmp_path):
    path = tmp_path / "x.txt"
    path.write_text(
        "राम\tB-NEP\nकुमार\t-NEP\nदिल्ली\t-NEL\nगए\t-\nएक\tB-NEN\nno-tab-line\n\n"
        "भारत\tB-NEO\nसरकार\tI-NEO\n",
        encoding="utf-8",
    )
    sentences = corpus.read_conll(path, corpus.IL_NER_MAP)
    assert sentences == [
        [("राम", "B-PER"), ("कुमार", "I-PER"), ("दिल्ली", "B-LOC"), ("गए", "O"), ("एक", "O")],
        [("भारत", "B-ORG"), ("सरकार", "I-ORG")],
    ]


def test_entity_level_exact_match_score():
    gold = [["B-PER", "I-PER", "O", "B-LOC"], ["B-ORG", "O"]]
    predicted = [["B-PER", "O", "O", "B-LOC"], ["B-ORG", "B-PER"]]
    result = corpus.score(gold, predicted)
    assert result["LOC"]["f1"] == 1.0
    assert result["PER"]["p"] == 0.0 and result["PER"]["gold"] == 1  # a partial span is wrong
    assert result["ALL"]["p"] == 2 / 4 and result["ALL"]["r"] == 2 / 3


def test_augment_swaps_names_and_keeps_tags_aligned():
    sentences = [
        [("राम", "B-PER"), ("कुमार", "I-PER"), ("ने", "O"), ("इसरो", "B-ORG"), ("में", "O"), ("काम", "O")],
        [("सीता", "B-PER"), ("आई", "O")],
        [("कोई", "O"), ("नाम", "O")],
    ]
    pool = name_pool(sentences)
    assert sorted(pool["PER"]) == [["राम", "कुमार"], ["सीता"]]
    copies = augment(sentences, {"PER": pool["PER"]}, seed=1, copies=3)
    assert len(copies) == 6  # sentences without names are not copied
    for copy in copies:
        tags = [t for _, t in copy]
        assert tags.count("B-PER") == 1
        assert ("इसरो", "B-ORG") in copy or not any(t.endswith("ORG") for t in tags)
        words = [w for w, _ in copy]
        start = tags.index("B-PER")
        end = start + 1 + sum(1 for t in tags[start + 1 :] if t == "I-PER")
        assert words[start:end] in pool["PER"]


def test_soft_gazetteer_keeps_words_mostly_tagged_as_names():
    sentences = [[("झांसी", "B-LOC"), ("गया", "O")], [("झांसी", "B-LOC")], [("गया", "B-LOC")], [("गया", "O")]]
    found = soft_gazetteer(sentences)
    assert found == {"झांसी": {"hLOC"}}


def test_clusters_group_words_in_like_contexts(tmp_path):
    sentences = []
    for name in ("राम", "श्याम", "मोहन", "सोहन"):
        sentences += [[name, "ने", "कहा"], ["श्री", name, "आए"]] * 3
    for place in ("दिल्ली", "पटना", "लखनऊ", "भोपाल"):
        sentences += [["वह", place, "में", "है"], [place, "शहर", "बड़ा"]] * 3
    clusters = build_clusters(sentences, min_count=2, contexts=20, dims=4, ks=(2,), iterations=10)
    assert clusters["राम"] == clusters["सोहन"]
    assert clusters["दिल्ली"] == clusters["भोपाल"]
    assert clusters["राम"] != clusters["दिल्ली"]
    path = tmp_path / "c.tsv"
    write_clusters(clusters, path)
    assert read_clusters(path) == clusters
