"""Where Relais keeps its files, following each platform's conventions (platformdirs), and who
may read them: the folders Relais keeps are its user's alone (0700), its files too (0600),
whatever the umask, because a workstation's copy holds customers' data."""

import contextlib
import logging
import os
import stat
from pathlib import Path

import platformdirs

from app.errors import EnvironmentProblem
from app.i18n import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

APP = "relais"

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600

SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")
"""The files SQLite keeps beside a database, which hold its pages as well."""


def data_dir() -> Path:
    return platformdirs.user_data_path(APP, appauthor=False)


def config_dir() -> Path:
    return platformdirs.user_config_path(APP, appauthor=False)


def log_dir() -> Path:
    return platformdirs.user_log_path(APP, appauthor=False)


def _posix() -> bool:
    return os.name == "posix"


def _tighten(path: Path, allowed: int) -> None:
    """Takes away the rights of others (group and world) on ``path`` if it is ours; never adds
    a right (a folder made read-only on purpose stays so)."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return
    mode = stat.S_IMODE(st.st_mode)
    if st.st_uid == os.getuid() and mode & ~allowed:
        try:
            os.chmod(path, mode & allowed)
        except OSError as exc:  # a read-only file system: what is there cannot be read anew
            log.warning("Could not make %s private: %s", path, exc.strerror or exc)


def _within(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
    except ValueError:
        return False
    return True


def private_dir(path: Path, root: Path | None = None) -> Path:
    """Creates ``path`` and any missing folder above it as 0700 (whatever the umask), and takes
    the others' rights away from ``path`` and from the folders above it up to ``root`` (the
    Relais folder it lies in) when they already existed."""
    path = path.expanduser()
    missing: list[Path] = []
    probe = path
    while not os.path.lexists(probe) and probe.parent != probe:
        missing.append(probe)
        probe = probe.parent
    for folder in reversed(missing):
        with contextlib.suppress(FileExistsError):  # made meanwhile by another process
            folder.mkdir(mode=PRIVATE_DIR)
            if _posix():
                os.chmod(folder, PRIVATE_DIR)  # the umask took bits away from mkdir's mode
    if _posix() and path.is_dir():
        top = root.expanduser() if root is not None else path
        for folder in (path, *path.parents):
            if not _within(folder, top):
                break
            _tighten(folder, PRIVATE_DIR)
    return path


def private_file(path: Path) -> None:
    """Takes the others' rights away from an existing file of Relais's."""
    if _posix():
        _tighten(path, PRIVATE_FILE)


def create_private(path: Path) -> None:
    """Makes ``path`` an empty file only its owner may read, unless it exists (then it is only
    tightened)."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    except FileExistsError:
        private_file(path)
        return
    try:
        if _posix():
            os.fchmod(fd, PRIVATE_FILE)
    finally:
        os.close(fd)


def private_sqlite(path: Path) -> Path:
    """Prepares an SQLite database file so that it, and the files SQLite keeps beside it (which
    take the database file's rights), are readable by their owner only. An empty file is a new
    database to SQLite."""
    create_private(path)
    for suffix in SQLITE_COMPANIONS:
        private_file(path.with_name(path.name + suffix))
    return path


def relais_root(path: Path) -> Path:
    """The Relais folder ``path`` lies in: the platform's data, config or log folder of Relais
    when ``path`` is inside one, else ``path`` itself (a folder given with --data-dir)."""
    path = path.expanduser()
    logs = log_dir()
    if logs.parent.name.lower() == APP:
        logs = logs.parent
    for root in (data_dir(), config_dir(), logs):
        if _within(path, root):
            return root
    return path


def ensure_writable_dir(path: Path) -> Path:
    """Creates ``path`` if needed (for its owner only) and proves Relais can write there, or
    says why not."""
    path = path.expanduser()
    try:
        private_dir(path, relais_root(path))
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
