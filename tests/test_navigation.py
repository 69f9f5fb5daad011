"""The router: every page is listed once, every page re-routes first, and the private Streamlit flag the
re-route uses is still where it was (a Streamlit upgrade that moves it fails here, loudly)."""

from __future__ import annotations

import ast
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager

from components import navigation

ROOT = Path(__file__).resolve().parent.parent


def test_streamlit_still_has_the_old_multipage_flag():
    # ensure_router flips this private class attribute; if Streamlit renames it, the re-route silently stops
    # working, so the test names it explicitly.
    assert "uses_pages_directory" in vars(PagesManager), (
        "streamlit.runtime.pages_manager.PagesManager.uses_pages_directory is gone: "
        "components.navigation.ensure_router must be updated for this Streamlit"
    )


def test_every_page_file_is_in_the_navigation_once():
    listed = [spec.path for spec in navigation.PAGES]
    on_disk = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "pages").glob("*.py"))
    assert sorted(listed) == on_disk
    assert len(set(listed)) == len(listed)
    assert navigation.DEFAULT_PAGE in listed


def _module_calls(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [node.value.func.id for node in tree.body
            if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call) and isinstance(node.value.func, ast.Name)]


def test_every_page_re_routes_before_drawing():
    for path in sorted((ROOT / "pages").glob("*.py")):
        calls = _module_calls(path)
        assert calls and calls[0] == "ensure_router", f"{path.name} must call ensure_router() first"


def test_links_between_pages_name_files_through_the_navigation_module():
    for path in sorted([*(ROOT / "pages").glob("*.py"), *(ROOT / "components").glob("*.py")]):
        if path.name == "navigation.py":
            continue
        assert '"pages/' not in path.read_text(encoding="utf-8"), f"{path.name} names a page file directly"
