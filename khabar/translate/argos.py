"""Argos Translate (offline neural MT), used when ``argostranslate`` and its Hindi→English package are
installed. Nothing is downloaded here: the reader installs a ``.argosmodel`` file they obtained."""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Sequence

from khabar.registry import Availability, EngineInfo, Requirement
from khabar.translate.base import ProgressCallback, SegmentResult

INSTALL_HELP = """\
**Argos Translate** translates offline with a neural model (about 100 MB for Hindi→English).

1. Install the library into Khabar's environment:
   `pip install argostranslate`
2. Get the Hindi→English package, a file named like `translate-hi_en-1_1.argosmodel`, from the
   Argos package index (on a machine with network access) and copy it here.
3. Install the file, either with the command line tool:
   `argospm install-from-path translate-hi_en-1_1.argosmodel`
   (older versions: `argospm install translate-hi_en` downloads it when online), or from Python:
   ```python
   import argostranslate.package
   argostranslate.package.install_from_path("translate-hi_en-1_1.argosmodel")
   ```
4. Restart Khabar. *Argos Translate* then shows as available on the Compare page.

Packages are stored under `~/.local/share/argos-translate/packages` (or `$ARGOS_PACKAGES_DIR`).
"""


class ArgosTranslator:
    """Adapter over ``argostranslate.translate`` for Hindi→English."""

    translation_kind = "translation"

    def __init__(self) -> None:
        self.info = EngineInfo(
            name="argos",
            label="Argos Translate (offline neural)",
            kind="translator",
            online=False,
            needs=(Requirement("package", "argostranslate"), Requirement("model", "argos hi→en")),
            limits="runs on this machine; a few sentences per second on a CPU",
            description="Offline neural translation with an installed Argos Hindi→English package.",
        )
        self._translation = None

    def _find(self):
        if importlib.util.find_spec("argostranslate") is None:
            return None, "needs the argostranslate package (pip install argostranslate) and its hi→en model"
        try:
            translate = importlib.import_module("argostranslate.translate")
            languages = translate.get_installed_languages()
        except Exception as exc:  # noqa: BLE001 - any failure inside argos means "cannot run"
            return None, f"argostranslate is installed but failed to load ({type(exc).__name__})"
        hindi = next((lang for lang in languages if lang.code == "hi"), None)
        english = next((lang for lang in languages if lang.code == "en"), None)
        if hindi is None or english is None:
            return None, "argostranslate is installed but no Hindi→English package is (see Settings)"
        translation = hindi.get_translation(english)
        if translation is None:
            return None, "argostranslate is installed but no Hindi→English package is (see Settings)"
        return translation, ""

    def availability(self) -> Availability:
        """Available when argostranslate and a hi→en package are installed."""
        if self._translation is not None:
            return Availability.yes("hi→en package installed")
        translation, reason = self._find()
        if translation is None:
            return Availability.no(reason)
        self._translation = translation
        return Availability.yes("hi→en package installed")

    def options_key(self) -> str:
        """The installed package version decides the output."""
        try:
            from importlib.metadata import version

            return f"argostranslate={version('argostranslate')}"
        except Exception:  # noqa: BLE001
            return ""

    def translate(self, texts: Sequence[str], progress: ProgressCallback | None = None) -> list[SegmentResult]:
        """Translate each sentence with the installed model."""
        if self._translation is None:
            availability = self.availability()
            if not availability.ok:
                return [SegmentResult(None, availability.reason) for _ in texts]
        out = []
        for i, text in enumerate(texts, 1):
            try:
                out.append(SegmentResult(self._translation.translate(text)))
            except Exception as exc:  # noqa: BLE001 - one bad sentence must not sink the article
                out.append(SegmentResult(None, f"Argos failed on this sentence ({type(exc).__name__})"))
            if progress is not None:
                progress(i, len(texts))
        return out
