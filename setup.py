"""Compiles the Qt Linguist translations (.ts -> .qm) while the package is built.

Only the .ts sources are committed; the compiled catalogues are produced here with the
lrelease tool that PySide6 ships, so a wheel always carries translations matching its sources.
"""

import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


def _lrelease() -> list[str]:
    import PySide6

    for candidate in (
        Path(PySide6.__file__).parent / "lrelease",
        Path(sys.executable).with_name("pyside6-lrelease"),
        Path(shutil.which("pyside6-lrelease") or "/nonexistent"),
    ):
        if candidate.is_file():
            return [str(candidate)]
    raise RuntimeError("lrelease not found: PySide6-Essentials is needed to build Relais")


class BuildWithTranslations(build_py):
    def run(self) -> None:
        super().run()
        target = Path(self.build_lib) / "resources" / "translations"
        target.mkdir(parents=True, exist_ok=True)
        for ts in sorted(Path("resources/translations").glob("*.ts")):
            qm = target / (ts.stem + ".qm")
            subprocess.run([*_lrelease(), "-silent", str(ts), "-qm", str(qm)], check=True)


setup(cmdclass={"build_py": BuildWithTranslations})
