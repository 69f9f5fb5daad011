"""Where Khabar's front end and seeds lie: the checkout's top folder, or khabar/_app in an installed wheel."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
_INSTALLED_APP = PACKAGE_DIR / "_app"  # made by setup.py's build step; absent in a checkout


def app_dir() -> Path:
    """The folder holding app.py, pages/, components/ and seeds/."""
    return _INSTALLED_APP if (_INSTALLED_APP / "app.py").is_file() else PACKAGE_DIR.parent


SEEDS_DIR = app_dir() / "seeds"
