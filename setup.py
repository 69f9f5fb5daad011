"""Packaging hook: the wheel also carries the Streamlit front end and the seeds, so `khabar app` runs anywhere.

The front end keeps the layout the project promises (app.py, pages/, components/, seeds/ at the top of the
checkout); the build copies it into the package as khabar/_app/, where khabar.paths finds it once installed.
"""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
FRONT_END = ("app.py", "pages/*.py", "components/*.py", ".streamlit/config.toml", "seeds/*")


class BuildWithFrontEnd(build_py):
    """build_py that adds the front end and seeds under khabar/_app, with the font where Streamlit serves it."""

    def run(self) -> None:
        super().run()
        target = Path(self.build_lib) / "khabar" / "_app"
        for pattern in FRONT_END:
            for source in sorted(ROOT.glob(pattern)):
                if source.is_file():
                    self.copy_file(str(source), str(self._made_dir(target / source.relative_to(ROOT))))
        for source in sorted((ROOT / "khabar" / "static").rglob("*")):
            if source.is_file():
                destination = target / "static" / source.relative_to(ROOT / "khabar" / "static")
                self.copy_file(str(source), str(self._made_dir(destination)))

    @staticmethod
    def _made_dir(path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        return path


setup(cmdclass={"build_py": BuildWithFrontEnd})
