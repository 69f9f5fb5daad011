"""End to end in a real browser: the running app in headless Chromium (Debian's /usr/bin/chromium).

Opens the seed in Read, pastes a small article on Upload, and finds it in the Library. Skips with a reason
where Chromium or Playwright is absent. Set KHABAR_SCREENSHOT=path to also save a picture of the Read page.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest

from benchmarks._app_server import served_app

ROOT = Path(__file__).resolve().parent.parent
try:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
except ImportError:  # the browser tests skip without Playwright; the name is then never used
    PlaywrightTimeout = TimeoutError
CHROMIUM = os.environ.get("KHABAR_CHROMIUM", "/usr/bin/chromium")
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTICLE = "यह ब्राउज़र परीक्षण का छोटा लेख है। दिल्ली में आज बारिश हुई।\nदूसरे अनुच्छेद में एक वाक्य है।"
TITLE = "Browser test article"

pytestmark = pytest.mark.browser


@pytest.fixture
def server(tmp_path):
    """The app served by `streamlit run` on a free port, with its own library file."""
    with served_app(ROOT, tmp_path / "library.sqlite3", tmp_path / "streamlit.log") as url:
        yield url


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


def _settled(page) -> None:
    """Wait until Streamlit has finished the run: no element left over from the page before (a click on one
    that is about to move lands on whatever takes its place) and no run in progress."""
    page.wait_for_function("() => !document.querySelector('[data-stale=\"true\"]')"
                           " && !document.querySelector('[data-testid=\"stStatusWidget\"]')")


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
    for attempt in range(3):
        _settled(page)
        main.get_by_role("button", name="Open", exact=True).first.click()
        try:
            page.wait_for_url("**/read", timeout=20_000)
            break
        except PlaywrightTimeout:
            # The card moved while the click was on its way (the page was still redrawing): press Escape on
            # whatever the click opened instead, and click Open again.
            page.keyboard.press("Escape")
            if attempt == 2:
                raise
    table = page.locator("table.khabar-parallel")
    # The first Read of a fresh server loads the English-side models: give a busy machine time.
    table.wait_for(timeout=60_000)
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



def _fonts_drawing(locator) -> list[dict]:
    """The fonts Chromium used to draw the text of ``locator``'s first node (DevTools protocol)."""
    page = locator.page
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    cdp.send("DOM.getDocument", {"depth": -1, "pierce": True})
    # Hand the element to the protocol through a page global: st.html may sit in a shadow root.
    locator.first.evaluate("e => { window.__khabarFontProbe = e; }")
    remote = cdp.send("Runtime.evaluate", {"expression": "window.__khabarFontProbe"})["result"]
    node = cdp.send("DOM.requestNode", {"objectId": remote["objectId"]})["nodeId"]
    return cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]


def test_hindi_glyphs_drawn_with_the_shipped_font(server, page):
    """Hindi is drawn with the web font the app serves, whatever Devanagari fonts the system has or lacks."""
    response = page.request.get(server + "/app/static/fonts/NotoSansDevanagari-Regular.ttf")
    assert response.status == 200 and len(response.body()) > 100_000
    page.goto(server + "/read")
    cell = page.locator("table.khabar-parallel td.khabar-hi").first
    cell.wait_for()
    page.evaluate("document.fonts.ready.then(() => true)")
    fonts = _fonts_drawing(cell)
    drawn = {font["familyName"]: font for font in fonts}
    # isCustomFont: the glyphs came from an @font-face download, not from a font installed on the machine.
    assert "Noto Sans Devanagari" in drawn, fonts
    assert drawn["Noto Sans Devanagari"]["isCustomFont"], fonts
    assert drawn["Noto Sans Devanagari"]["glyphCount"] > 20


@pytest.mark.parametrize("spec", __import__("components.navigation", fromlist=["PAGES"]).PAGES,
                         ids=lambda spec: spec.title)
def test_each_page_opened_first_on_a_fresh_server_goes_through_the_router(server, page, spec):
    """A reader's first request may be any page's URL: it still gets the navigation and the article picker."""
    slug = Path(spec.path).stem
    page.goto(f"{server}/{slug}")
    nav = page.locator("[data-testid='stSidebarNav']")
    for other in ("Library", "Read", "Settings"):
        nav.get_by_role("link", name=other).wait_for()
    page.locator("[data-testid='stSidebar']").get_by_text("Article", exact=True).wait_for()
    assert page.locator("[data-testid='stException']").count() == 0


def test_upload_date_picker_leaves_the_save_button_free(server, page):
    page.goto(server + "/upload")
    page.get_by_role("button", name="Analyse and save").wait_for()
    page.locator("[data-testid='stDateInput'] button").first.click()
    calendar = page.get_by_role("grid").first
    calendar.wait_for()
    box = calendar.bounding_box()
    button = page.get_by_role("button", name="Analyse and save").bounding_box()
    overlaps = not (box["x"] + box["width"] <= button["x"] or button["x"] + button["width"] <= box["x"]
                    or box["y"] + box["height"] <= button["y"] or button["y"] + button["height"] <= box["y"])
    assert not overlaps, (box, button)


def test_hostile_text_stays_text_in_chromium(server, page, tmp_path):
    """Markdown, directives and HTML in titles, translations, entity names and a file name are shown as
    written on Compare, Timeline and in an Upload error: no image or link from them reaches the DOM."""
    from khabar.store import Library
    from tests.test_hostile import HOSTILE_NAME, hostile_article

    Library(tmp_path / "library.sqlite3").save_article(hostile_article())
    page.set_default_timeout(60_000)  # pages that load models on a busy machine
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    main = page.locator("[data-testid='stMain']")
    nav = page.locator("[data-testid='stSidebarNav']")

    def no_hostile_elements() -> None:
        assert main.locator("img[src*='track'], a[href*='127.0.0.1:9'], a[href^='javascript']").count() == 0
        assert main.locator(".katex, [data-testid='stMarkdownContainer'] b").count() == 0

    page.goto(server + "/compare")
    main.get_by_role("heading", name="Compare translations").wait_for()
    page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").first.click()
    page.get_by_role("option").filter(has_text="pixel").first.click()
    main.get_by_text("Tick the engines to compare", exact=False).wait_for()
    # The seed's Compare page says that too: wait until the page shows the chosen article before moving on.
    main.get_by_text("· 3 sentences", exact=False).wait_for()

    nav.get_by_role("link", name="Compare").click()
    main.get_by_role("heading", name="Compare translations").wait_for()
    boxes = main.locator("[class*='st-key-compare_engine_'] label:has(input:not([disabled]))")
    for number in range(boxes.count()):
        box = boxes.nth(number)
        if not box.locator("input").is_checked():
            box.click()
            page.wait_for_timeout(700)
    main.get_by_role("tab", name="Differences").click()
    main.get_by_text("words shared", exact=False).first.wait_for()
    shown = main.inner_text().replace("\u2060", "")  # the word joiner that keeps an address from linking
    assert "Title ![pixel](http://127.0.0.1:9/track.png) [click](http://127.0.0.1:9/x) :red[alarm] $x^2$" in shown
    assert "Raisi ![pixel](http://127.0.0.1:9/track.png)" in shown
    no_hostile_elements()

    nav.get_by_role("link", name="Timeline").click()
    main.get_by_role("heading", name="Timeline").wait_for()
    main.get_by_text("main entity", exact=True).click()
    page.locator("g.legend").first.wait_for()
    page.wait_for_timeout(1000)
    legend_text = page.eval_on_selector_all("g.legend", "legends => legends.map(g => g.textContent).join(' ')")
    assert "<b>bold</b>" in legend_text and page.locator("g.legend tspan[style*='bold']").count() == 0
    no_hostile_elements()

    nav.get_by_role("link", name="Upload").click()
    main.get_by_text("Upload a file", exact=True).click()
    page.locator("input[type='file']").set_input_files(
        {"name": HOSTILE_NAME, "mimeType": "text/plain", "buffer": b"  \n "})
    page.wait_for_timeout(1000)
    page.get_by_role("button", name="Analyse and save").click()
    error = main.locator("[data-testid='stAlertContentError']")
    error.wait_for()
    assert HOSTILE_NAME in error.inner_text().replace("\u2060", "")
    no_hostile_elements()
    assert not [url for url in requested if "track" in url or "127.0.0.1:9" in url]
