"""Batch ingest: folders of files analysed in processes or on a Dask LocalCluster, stored once, resumable."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from khabar import batch
from khabar.batch import collect_files, ingest, read_meta_csv
from khabar.cli import main
from khabar.store import Library

ARTICLES = (
    "जयपुर में बुधवार को भारी बारिश हुई। नगर निगम ने तीन सौ परिवारों को सुरक्षित स्थानों पर पहुँचाया।",
    "प्रधानमंत्री नरेंद्र मोदी ने सोमवार को वाराणसी में नए पुल का उद्घाटन किया। उन्होंने कहा कि काम तय समय पर पूरा हुआ।",
    "भारतीय रिज़र्व बैंक ने ब्याज दरों में कोई बदलाव नहीं किया। गवर्नर ने कहा कि महंगाई पर नज़र रखी जा रही है।",
    "मुंबई में कल से दो दिन का पुस्तक मेला शुरू होगा। आयोजकों के अनुसार इसमें दो सौ प्रकाशक भाग लेंगे।",
)


def _corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for number, text in enumerate(ARTICLES[:2]):
        (folder / f"news-{number}.txt").write_text(text, encoding="utf-8")
    (folder / "news-2.md").write_text(f"# रिज़र्व बैंक\n\n{ARTICLES[2]}\n", encoding="utf-8")
    (folder / "sub").mkdir(exist_ok=True)
    (folder / "sub" / "news-3.html").write_text(f"<html><body><h1>मेला</h1><p>{ARTICLES[3]}</p></body></html>",
                                                encoding="utf-8")
    (folder / "copy-of-news-0.txt").write_text(ARTICLES[0], encoding="utf-8")  # the same text again
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 not really a word file")
    (folder / "notes.json").write_text("{}", encoding="utf-8")  # not a type ingest reads: not picked up
    return folder


def _analyses(library: Library) -> dict[str, dict]:
    out = {}
    for summary in library.list_articles():
        data = library.get_article(summary.id).to_dict()
        data.pop("id")
        out[data["meta"]["source"]] = data
    return out


def test_collect_files_searches_folders_for_supported_types(tmp_path):
    folder = _corpus(tmp_path / "in")
    files, problems = collect_files([folder, tmp_path / "missing"])
    assert [f.name for f in files] == ["broken.docx", "copy-of-news-0.txt", "news-0.txt", "news-1.txt", "news-2.md",
                                       "news-3.html"]
    assert problems == [{"path": str(tmp_path / "missing"), "error": "no such file or folder"}]


def test_ingest_stores_each_text_once_reports_bad_files_and_a_rerun_adds_none(tmp_path):
    folder = _corpus(tmp_path / "in")
    library = Library()
    report = ingest([folder], library=library, published="2024-03-05")
    assert len(report.stored) == 4 and report.total == 6
    assert [s["path"] for s in report.skipped] == [str(folder / "news-0.txt")]  # copy-of-news-0 came first
    assert report.skipped[0]["reason"].startswith("the same text as")
    assert [f["path"] for f in report.failed] == [str(folder / "broken.docx")]
    assert "not a valid .docx" in report.failed[0]["error"]
    stored = _analyses(library)
    assert set(stored) == {"copy-of-news-0.txt", "news-1.txt", "news-2.md", "news-3.html"}
    assert stored["news-2.md"]["meta"]["title"] == "रिज़र्व बैंक" and stored["news-3.html"]["meta"]["title"] == "मेला"
    assert all(a["meta"]["published"] == "2024-03-05" and a["events"] is not None for a in stored.values())
    assert all("entities" in a["stages"] for a in stored.values())

    again = ingest([folder], library=library)
    assert again.stored == [] and len(again.skipped) == 5 and len(again.failed) == 1
    assert library.count() == 4


def test_an_interrupted_batch_keeps_what_it_analysed_and_a_rerun_goes_on(tmp_path, monkeypatch):
    folder = _corpus(tmp_path / "in")
    library = Library()
    monkeypatch.setattr(batch, "SAVE_BATCH", 1)
    monkeypatch.setattr(batch, "IN_FLIGHT_PER_WORKER", 1)

    def interrupt(report):
        if report.stored and not report.interrupted:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ingest([folder], library=library, progress=interrupt)
    kept = library.count()
    assert 1 <= kept < 4
    report = ingest([folder], library=library)
    assert len(report.stored) == 4 - kept and library.count() == 4


def test_meta_csv_gives_each_file_its_metadata(tmp_path):
    folder = _corpus(tmp_path / "in")
    (folder / "meta.csv").write_text(
        "path,title,published,source,url\n"
        "news-1.txt,पुल का उद्घाटन,2024-02-12,दैनिक उदाहरण,https://example.org/pul\n", encoding="utf-8")
    metas = read_meta_csv(folder / "meta.csv")
    assert metas[(folder / "news-1.txt").resolve()].published == "2024-02-12"
    library = Library()
    ingest([folder / "news-1.txt"], library=library, metas=metas)
    article = library.get_article(library.list_articles()[0].id)
    assert (article.meta.title, article.meta.source, article.meta.url) == (
        "पुल का उद्घाटन", "दैनिक उदाहरण", "https://example.org/pul")
    # The date anchors relative dates: सोमवार in this article is the Monday before 12 February 2024.
    assert any(t.value == "2024-02-12" for t in article.timexes)


@pytest.mark.parametrize(("content", "message"), [
    ("title\nx\n", "at least 'path'"),
    ("path,when\nx.txt,1\n", "unknown column 'when'"),
    ("path,published\nx.txt,12/02/2024\n", "line 2: published '12/02/2024' is not a date"),
])
def test_meta_csv_problems_name_the_line(tmp_path, content, message):
    (tmp_path / "meta.csv").write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        read_meta_csv(tmp_path / "meta.csv")


def test_cli_ingest_with_two_processes_writes_a_report(tmp_path, capsys):
    folder = _corpus(tmp_path / "in")
    report_path = tmp_path / "report.json"
    assert main(["ingest", str(folder), "--workers", "2", "--report", str(report_path)]) == 1  # one file failed
    err = capsys.readouterr().err
    assert "khabar: failed: " in err and "broken.docx" in err
    assert "6 files" in err and "on 2 processes: 4 stored, 1 skipped, 1 failed" in err
    assert "khabar: ingest: 6/6 files" in err  # plain progress lines when stderr is not a terminal
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert report["counts"] == {"stored": 4, "skipped": 1, "failed": 1}
    assert Library().count() == 4


def test_cli_ingest_usage_errors(tmp_path, capsys):
    assert main(["ingest", str(tmp_path), "--workers", "0"]) == 2
    assert main(["ingest", str(tmp_path), "--published", "2024-13-01"]) == 2
    assert main(["ingest", str(tmp_path), "--meta", str(tmp_path / "none.csv")]) == 2
    assert main(["ingest", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "--workers must be at least 1" in err and "not a real date" in err and "cannot be read" in err
    assert f"no files to ingest under {tmp_path}" in err


def test_progress_is_a_bar_on_a_terminal():
    from khabar.batch import IngestReport
    from khabar.cli import _IngestProgress

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    stream = Terminal()
    progress = _IngestProgress(stream)
    report = IngestReport(total=4)
    progress(report)
    report.stored.append({"path": "a", "id": "x"})
    progress(report)
    progress.done()
    shown = stream.getvalue()
    assert "1/4" in shown and "1 stored, 0 skipped, 0 failed" in shown and "file" in shown


def test_a_dask_cluster_stores_the_same_analyses_as_local_processes(tmp_path, monkeypatch, capsys):
    distributed = pytest.importorskip("distributed")
    folder = _corpus(tmp_path / "in")
    local = Library(tmp_path / "local.sqlite3")
    ingest([folder], library=local)
    monkeypatch.setenv("KHABAR_DB", str(tmp_path / "dask.sqlite3"))
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        code = main(["ingest", str(folder), "--dask", cluster.scheduler_address, "--report", str(tmp_path / "r.json")])
    assert code == 1  # the broken file
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert report["runner"] == f"Dask at {cluster.scheduler_address} (2 workers)"
    assert report["counts"] == {"stored": 4, "skipped": 1, "failed": 1}
    assert _analyses(Library(tmp_path / "dask.sqlite3")) == _analyses(local)


def test_an_unreachable_dask_scheduler_is_one_clear_error(tmp_path, capsys, monkeypatch):
    pytest.importorskip("distributed")
    folder = _corpus(tmp_path / "in")
    monkeypatch.setattr(batch, "DASK_CONNECT_TIMEOUT", "1s")
    assert main(["ingest", str(folder), "--dask", "tcp://127.0.0.1:9"]) == 1
    err = capsys.readouterr().err
    assert "khabar: error: --dask tcp://127.0.0.1:9:" in err and "Traceback" not in err


def test_a_worker_failure_is_that_files_failure_only(tmp_path, monkeypatch):
    folder = _corpus(tmp_path / "in")

    def fragile(text, meta, options):
        if "पुस्तक मेला" in text:
            raise RuntimeError("the tagger fell over")
        return original(text, meta, options)

    original = batch.analyse_text
    monkeypatch.setattr(batch, "analyse_text", fragile)
    report = ingest([folder], library=Library())
    failed = {Path(f["path"]).name: f["error"] for f in report.failed}
    assert failed["news-3.html"] == "analyse failed: RuntimeError: the tagger fell over"
    assert len(report.stored) == 3


def test_of_two_files_with_one_text_the_first_in_order_is_stored_whichever_is_read_first(tmp_path):
    folder = _corpus(tmp_path / "in")

    class Reversed:
        """Finishes the tasks sent last first: a worker that read the later file sooner."""

        name = "reversed"

        def __init__(self):
            self.inline = batch._InlineRunner()
            self.sent = []

        def submit(self, fn, *args):
            self.sent.append(self.inline.submit(fn, *args))
            return self.sent[-1]

        def wait_first(self, pending):
            return {next(f for f in reversed(self.sent) if f in pending)}

        def close(self):
            return None

    report = ingest([folder], library=Library(), runner=Reversed())
    assert str(folder / "copy-of-news-0.txt") in {s["path"] for s in report.stored}
    assert {"path": str(folder / "news-0.txt"), "reason": f"the same text as {folder / 'copy-of-news-0.txt'}"} \
        in report.skipped
    assert len(report.stored) == 4
