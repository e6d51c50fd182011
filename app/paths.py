"""Where Relais keeps its files, following each platform's conventions (platformdirs)."""

import os
from pathlib import Path

import platformdirs

from app.errors import EnvironmentProblem
from app.i18n import QT_TRANSLATE_NOOP

APP = "relais"


def data_dir() -> Path:
    return platformdirs.user_data_path(APP, appauthor=False)


def config_dir() -> Path:
    return platformdirs.user_config_path(APP, appauthor=False)


def log_dir() -> Path:
    return platformdirs.user_log_path(APP, appauthor=False)


def ensure_writable_dir(path: Path) -> Path:
    """Creates ``path`` if needed and proves Relais can write there, or says why not."""
    path = path.expanduser()
    try:
        path.mkdir(parents=True, exist_ok=True)
        probe = path / ".relais-write-test"
        probe.write_bytes(b"ok")
        probe.unlink()
    except (FileExistsError, NotADirectoryError) as exc:
        # The path itself, or one of the folders above it, is a file: name that file.
        blocker = next((p for p in (path, *path.parents) if p.is_file()), path)
        raise EnvironmentProblem(
            QT_TRANSLATE_NOOP("errors", "{path} is a file, not a folder."),
            QT_TRANSLATE_NOOP("errors", "Choose a folder for Relais's data with --data-dir."),
            path=str(blocker),
        ) from exc
    except OSError as exc:
        raise EnvironmentProblem(
            QT_TRANSLATE_NOOP("errors", "Relais cannot use the folder {path}: {reason}."),
            QT_TRANSLATE_NOOP(
                "errors", "Choose a folder you may write in with --data-dir, or fix its rights."
            ),
            path=str(path),
            reason=exc.strerror or str(exc),
        ) from exc
    if not os.access(path, os.W_OK):
        raise EnvironmentProblem(
            QT_TRANSLATE_NOOP("errors", "Relais cannot write in {path}."),
            QT_TRANSLATE_NOOP("errors", "Choose another folder with --data-dir."),
            path=str(path),
        )
    return path
