"""Time the Read page in a real browser: the app under `streamlit run`, driven in headless Chromium by Playwright.

Usage: python benchmarks/read_browser.py [--repeat N]

Prints how long opening the seed from the Library takes until its sentence pairs are drawn (the first draw),
and how long each rerun takes when the reader focuses another sentence (until that row is drawn focused).
Needs Debian's chromium (/usr/bin/chromium, or $KHABAR_CHROMIUM) and Playwright for Python; skips without them.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks._app_server import served_app  # noqa: E402

CHROMIUM = os.environ.get("KHABAR_CHROMIUM", "/usr/bin/chromium")
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]


def measure(url: str, repeat: int) -> None:
    """Open the seed from the Library, then focus sentences one after another, timing each draw."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS, headless=True)
        page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
        page.set_default_timeout(60_000)
        main = page.locator("[data-testid='stMain']")
        started = time.perf_counter()
        page.goto(url + "/library")
        main.get_by_role("button", name="Open", exact=True).first.wait_for()
        library = time.perf_counter() - started
        started = time.perf_counter()
        main.get_by_role("button", name="Open", exact=True).first.click()
        page.locator("table.khabar-parallel tbody tr").first.wait_for()
        first = time.perf_counter() - started
        reruns = []
        for k in range(1, repeat + 1):
            box = main.locator("[data-testid='stSelectbox']").filter(has_text="Focus sentence")
            box.click()
            option = page.get_by_role("option").nth(k)  # option 0 is "none"
            started = time.perf_counter()
            option.click()
            page.locator(f"tr#khabar-s{k - 1}.khabar-focus").wait_for()
            reruns.append(time.perf_counter() - started)
        browser.close()
    print(f"Library page, first visit of a fresh server (library opened and seeded): {library * 1000:.0f} ms")
    print(f"Read page, first draw after Open: {first * 1000:.0f} ms")
    print(f"Read page, rerun (focus another sentence): median {statistics.median(reruns) * 1000:.0f} ms "
          f"(min {min(reruns) * 1000:.0f}, max {max(reruns) * 1000:.0f}, n={len(reruns)})")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=8)
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists() or not shutil.which(CHROMIUM):
        print(f"skipped: Chromium not found at {CHROMIUM}")
        return 0
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        print("skipped: Playwright for Python is not installed")
        return 0
    folder = Path(tempfile.mkdtemp())
    with served_app(ROOT, folder / "library.sqlite3", folder / "streamlit.log", timeout=60) as url:
        measure(url, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
