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
    exe = shutil.which("pyside6-lrelease")
    if exe:
        return [exe]
    return [sys.executable, "-m", "PySide6.scripts.pyside_tool", "lrelease"]


class BuildWithTranslations(build_py):
    def run(self) -> None:
        super().run()
        target = Path(self.build_lib) / "resources" / "translations"
        target.mkdir(parents=True, exist_ok=True)
        for ts in sorted(Path("resources/translations").glob("*.ts")):
            qm = target / (ts.stem + ".qm")
            subprocess.run([*_lrelease(), "-silent", str(ts), "-qm", str(qm)], check=True)


setup(cmdclass={"build_py": BuildWithTranslations})
