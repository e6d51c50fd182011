"""Loading the French or English catalogue into Qt.

Wheels carry compiled catalogues (setup.py runs lrelease at build time). A source checkout has
only the .ts files: they are compiled on first use into the user's cache folder with the lrelease
that PySide6 ships.
"""

import logging
import shutil
import subprocess
import sys
from pathlib import Path

import platformdirs
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

import resources

log = logging.getLogger(__name__)

TRANSLATIONS = Path(resources.__file__).resolve().parent / "translations"


def choose_language(requested: str | None) -> str:
    if requested in ("fr", "en"):
        return requested
    return "fr" if QLocale.system().language() == QLocale.Language.French else "en"


def lrelease() -> str | None:
    """The lrelease PySide6 ships: beside the interpreter (a venv not activated), on PATH, or in
    the PySide6 package itself."""
    import PySide6

    for candidate in (
        Path(sys.executable).with_name("pyside6-lrelease"),
        Path(shutil.which("pyside6-lrelease") or "/nonexistent"),
        Path(PySide6.__file__).parent / "lrelease",
        Path(PySide6.__file__).parent / "Qt" / "libexec" / "lrelease",
    ):
        if candidate.is_file():
            return str(candidate)
    return None


def _compiled(lang: str) -> Path | None:
    qm = TRANSLATIONS / f"relais_{lang}.qm"
    ts = TRANSLATIONS / f"relais_{lang}.ts"
    if qm.exists() and (not ts.exists() or qm.stat().st_mtime >= ts.stat().st_mtime):
        return qm
    if not ts.exists():
        return None
    cached = platformdirs.user_cache_path("relais", appauthor=False) / f"relais_{lang}.qm"
    if cached.exists() and cached.stat().st_mtime >= ts.stat().st_mtime:
        return cached
    cached.parent.mkdir(parents=True, exist_ok=True)
    tool = lrelease()
    if tool is None:
        log.warning("No lrelease tool found to compile %s", ts)
        return None
    try:
        subprocess.run(
            [tool, "-silent", str(ts), "-qm", str(cached)],
            check=True,
            timeout=60,
            capture_output=True,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("Could not compile %s: %s", ts, exc)
        return None
    return cached


def install(app: QCoreApplication, lang: str) -> list[QTranslator]:
    """Installs Relais's catalogue (English too: it carries the plural forms) and Qt's own, and
    makes the interface's language the default locale, so that dates and numbers in Qt's own
    widgets (a QDateEdit) read as the words around them do. The system's locale is kept when
    it speaks that language, for its region's conventions."""
    system = QLocale.system()
    QLocale.setDefault(system if system.name().startswith(f"{lang}_") else QLocale(lang))
    translators: list[QTranslator] = []
    qt = QTranslator(app)
    if lang != "en" and qt.load(
        QLocale(lang), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ):
        app.installTranslator(qt)
        translators.append(qt)
    qm = _compiled(lang)
    own = QTranslator(app)
    if qm is not None and own.load(str(qm)):
        app.installTranslator(own)
        translators.append(own)
    else:
        log.warning("No %s catalogue found; the interface stays in English", lang)
    return translators
