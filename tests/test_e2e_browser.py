"""End to end in a real browser: the running app in headless Chromium (Debian's /usr/bin/chromium).

Opens the seed in Read, pastes a small article on Upload, and finds it in the Library. Skips with a reason
where Chromium or Playwright is absent. Set KHABAR_SCREENSHOT=path to also save a picture of the Read page.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("KHABAR_CHROMIUM", "/usr/bin/chromium")
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTICLE = "यह ब्राउज़र परीक्षण का छोटा लेख है। दिल्ली में आज बारिश हुई।\nदूसरे अनुच्छेद में एक वाक्य है।"
TITLE = "Browser test article"

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_healthy(url: str, process: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited early with code {process.returncode}")
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError("streamlit did not become healthy in time")


@pytest.fixture
def server(tmp_path):
    """The app served by `streamlit run` on a free port, with its own library file."""
    port = _free_port()
    env = dict(os.environ, KHABAR_DB=str(tmp_path / "library.sqlite3"), KHABAR_OFFLINE="1",
               STREAMLIT_BROWSER_GATHER_USAGE_STATS="false")
    log = open(tmp_path / "streamlit.log", "w")  # noqa: SIM115 - closed after the process ends
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true", "--server.port",
         str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none", "--server.runOnSave", "false"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, process)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


@pytest.fixture
def page():
    """A Playwright page in Debian's Chromium."""
    if not Path(CHROMIUM).exists() or not shutil.which(CHROMIUM):
        pytest.skip(f"Chromium not found at {CHROMIUM}")
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS, headless=True)
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        context.set_default_timeout(20_000)
        yield context.new_page()
        context.close()
        browser.close()


def _seed_title() -> str:
    meta = json.loads((ROOT / "seeds" / "iran-pakistan-raisi-visit.meta.json").read_text(encoding="utf-8"))
    return meta["title"]


def _first_english_line() -> str:
    lines = (ROOT / "seeds" / "iran-pakistan-raisi-visit.en.txt").read_text(encoding="utf-8").splitlines()
    return next(line for line in lines if line.strip())


def _reading_text(table) -> str:
    """The parallel view's text as read, without the small entity-type badges."""
    return table.evaluate("t => { const c = t.cloneNode(true);"
                          " c.querySelectorAll('.khabar-label').forEach(e => e.remove()); return c.innerText; }")


def test_read_upload_library_in_chromium(server, page):
    started = time.monotonic()
    title = _seed_title()
    main = page.locator("[data-testid='stMain']")
    nav = page.locator("[data-testid='stSidebarNav']")
    # A first visit straight to a page still goes through the router: its navigation and article picker.
    page.goto(server + "/settings")
    main.get_by_role("heading", name="Settings").wait_for()
    nav.get_by_role("link", name="Library").wait_for()
    page.locator("[data-testid='stSidebar']").get_by_text("Article", exact=True).wait_for()

    # Library -> open the seed in Read
    nav.get_by_role("link", name="Library").click()
    main.get_by_text(title).first.wait_for()
    main.get_by_role("button", name="Open", exact=True).first.click()
    table = page.locator("table.khabar-parallel")
    table.wait_for()
    page.get_by_role("heading", name=title).wait_for()
    text = _reading_text(table)
    assert "इब्राहिम रायसी" in text
    assert _first_english_line()[:60] in text
    assert table.locator("tbody tr").count() >= 10
    # the pair under the pointer is lit in both columns
    row = table.locator("tbody tr").nth(2)
    row.hover()
    page.wait_for_timeout(400)  # the highlight fades in
    lit = row.locator("td.khabar-hi").evaluate("e => getComputedStyle(e).backgroundColor")
    assert lit not in ("rgba(0, 0, 0, 0)", "transparent")
    assert lit == row.locator("td.khabar-en").evaluate("e => getComputedStyle(e).backgroundColor")
    # pointing at a name outlines its mentions in the English too (where the entity stage found it there)
    shared = table.evaluate(
        "t => [...t.querySelectorAll('td.khabar-hi mark[data-entity]')].map(m => m.dataset.entity)"
        ".find(id => t.querySelector(`td.khabar-en mark[data-entity=\"${id}\"]`))"
    )
    if shared:
        table.locator(f'td.khabar-hi mark[data-entity="{shared}"]').first.hover()
        page.wait_for_timeout(200)
        outline = table.locator(f'td.khabar-en mark[data-entity="{shared}"]').first.evaluate(
            "e => getComputedStyle(e).outlineStyle")
        assert outline == "solid"

    # clicking a pair keeps it lit after the pointer leaves
    chosen = table.locator("tbody tr").nth(5)
    chosen.click()
    page.mouse.move(0, 0)
    page.wait_for_timeout(400)
    kept = chosen.locator("td.khabar-en").evaluate("e => getComputedStyle(e).backgroundColor")
    assert kept not in ("rgba(0, 0, 0, 0)", "transparent")
    page.locator("[data-testid='stMain'] h1").first.click()  # let go of the pair again
    if os.environ.get("KHABAR_SCREENSHOT"):
        page.mouse.move(0, 0)
        page.wait_for_timeout(500)
        page.screenshot(path=os.environ["KHABAR_SCREENSHOT"], full_page=False)

    # Upload: paste a small article, analyse, and land on Read
    nav.get_by_role("link", name="Upload").click()
    box = page.get_by_label("Hindi text")
    box.fill(ARTICLE)
    box.press("Control+Enter")
    title_box = page.get_by_label("Title")
    title_box.fill(TITLE)
    title_box.press("Enter")
    page.wait_for_timeout(500)
    page.get_by_role("button", name="Analyse and save").click()
    page.get_by_role("heading", name=TITLE).wait_for(timeout=40_000)
    assert "दिल्ली में आज बारिश हुई।" in _reading_text(page.locator("table.khabar-parallel"))

    # Library: search finds it
    nav.get_by_role("link", name="Library").click()
    search = page.get_by_label("Search titles and text")
    search.fill("बारिश")
    search.press("Enter")
    main.get_by_text("1 article matches “बारिश”", exact=True).wait_for()
    main.get_by_text(TITLE).first.wait_for()
    assert time.monotonic() - started < 60
