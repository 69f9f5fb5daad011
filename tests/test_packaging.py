"""The package as a user installs it: build the wheel, install it into a fresh virtual environment outside the
checkout, and run the `khabar` command from another folder (offline: dependencies come from this environment)."""

from __future__ import annotations

import json
import os
import shutil
import site
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "iran-pakistan-raisi-visit.hi.txt"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel `pip wheel .` builds from the checkout (no build isolation: no network needed)."""
    out = tmp_path_factory.mktemp("wheel")
    # Built from a copy, so no build/ folder is left in (or reused from) the checkout.
    source = tmp_path_factory.mktemp("source") / "khabar"
    shutil.copytree(ROOT, source, symlinks=True, ignore=shutil.ignore_patterns(
        ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".pytest_cache", ".ruff_cache"))
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-w", str(out),
         str(source)], capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    (built,) = out.glob("khabar-*.whl")
    return built


def test_wheel_carries_data_front_end_and_font(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for expected in ("khabar/entities/data/MODEL_CARD.md", "khabar/translate/data/lexicon.tsv",
                     "khabar/static/fonts/NotoSansDevanagari-Regular.ttf", "khabar/static/fonts/OFL.txt",
                     "khabar/_app/app.py", "khabar/_app/pages/read.py", "khabar/_app/components/state.py",
                     "khabar/_app/.streamlit/config.toml", "khabar/_app/static/fonts/NotoSansDevanagari-Regular.ttf",
                     "khabar/_app/seeds/iran-pakistan-raisi-visit.hi.txt"):
        assert expected in names, expected
    assert not any(name.startswith(("tests/", "benchmarks/", "pages/", "components/")) for name in names)
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "khabar = khabar.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_installed_command_runs_from_another_folder(wheel, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    # The dependencies come from this test environment's site-packages (read-only, through a .pth file), so the
    # test needs no network; khabar itself only from the wheel.
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    (Path(purelib) / "_khabar_test_deps.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index",
                    str(wheel)], check=True, capture_output=True, timeout=300)
    khabar = venv / "bin" / "khabar"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(KHABAR_OFFLINE="1", KHABAR_DB=str(tmp_path / "library.sqlite3"))
    run = dict(cwd=elsewhere, env=env, capture_output=True, text=True, timeout=120)

    help_text = subprocess.run([str(khabar), "--help"], **run)
    assert help_text.returncode == 0, help_text.stderr
    assert "analyze" in help_text.stdout and "app" in help_text.stdout

    where = subprocess.run([str(python), "-c", "import khabar, khabar.paths as p; print(khabar.__file__);"
                            "print(p.SEEDS_DIR)"], **run)
    module_file, seeds_dir = where.stdout.split()
    assert not module_file.startswith(str(ROOT)), "khabar was imported from the checkout, not the wheel"
    assert (Path(seeds_dir) / "iran-pakistan-raisi-visit.hi.txt").is_file()

    analysed = subprocess.run([str(khabar), "analyze", str(SEED), "--published", "2024-04-23"], **run)
    assert analysed.returncode == 0, analysed.stderr
    article = json.loads(analysed.stdout)
    assert len(article["sentences"]) >= 10
    assert any(span["label"] == "PER" for span in article["entities"])
