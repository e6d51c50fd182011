"""Another local user reads nothing of Relais's: its folders are 0700 and its files 0600,
whatever the umask, from creation on, and older ones are tightened when opened."""

import logging
import logging.handlers
import os
import shutil
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import logs
from app.connection import Profile, remember
from app.settings import Settings
from app.workspace import open_demo

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def loose_umask() -> Iterator[None]:
    previous = os.umask(0)  # everything created readable and writable by everyone
    yield
    os.umask(previous)


def assert_private(folder: Path) -> None:
    """``folder`` and everything in it: folders 0700, files 0600."""
    assert mode(folder) == 0o700, folder
    for path in folder.rglob("*"):
        assert mode(path) == (0o700 if path.is_dir() else 0o600), path


def test_the_demo_folder_and_its_databases_are_private(
    loose_umask: None, isolated_dirs: Path
) -> None:
    ws = open_demo()  # the default folder, under the user's data folder
    try:
        ws.sync.cycle()  # the WAL and shared-memory files exist while the copy is open
        folder = isolated_dirs / "data" / "relais" / "demo"
        names = {p.name for p in folder.iterdir()}
        assert {"central.sqlite3", "workstation.sqlite3", "workspace.lock"} <= names
        assert "workstation.sqlite3-wal" in names and "workstation.sqlite3-shm" in names
        assert_private(isolated_dirs / "data")  # the folders made above it too
    finally:
        ws.close()


def test_an_existing_copy_left_readable_is_tightened_on_open(
    demo_template: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "old"
    shutil.copytree(demo_template, folder)
    folder.chmod(0o755)
    for path in folder.iterdir():
        path.chmod(0o644)
    ws = open_demo(folder)
    try:
        assert_private(folder)
    finally:
        ws.close()


def test_settings_and_a_folder_profile_are_private(
    loose_umask: None, isolated_dirs: Path, tmp_path: Path
) -> None:
    settings = Settings()
    settings.set("language", "fr")
    assert_private(isolated_dirs / "config")
    settings.path.chmod(0o644)  # written by an older Relais
    Settings()
    assert mode(settings.path) == 0o600
    folder = tmp_path / "ws"
    folder.mkdir(mode=0o700)
    remember(Profile("postgresql+psycopg://db/relais", "marie"), settings, folder)
    assert mode(folder / "profile.json") == 0o600


@pytest.fixture
def fresh_logging() -> Iterator[None]:
    """Lets logs.setup run again in this test's folders, and puts logging back afterwards."""
    root = logging.getLogger()
    handlers, configured = list(root.handlers), logs._configured
    logs._configured = None
    yield
    for handler in root.handlers:
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    logs._configured = configured


def test_log_files_are_private_even_after_rotation(
    loose_umask: None, fresh_logging: None, isolated_dirs: Path
) -> None:
    folder = isolated_dirs / "state" / "relais" / "log"
    folder.mkdir(parents=True)
    (folder / "relais.log.1").write_text("old\n")  # left by an older Relais, world-readable
    path = logs.setup()
    assert path == folder / "relais.log"
    logging.getLogger("test").warning("something to keep")
    rotating = logging.handlers.RotatingFileHandler
    handler = next(h for h in logging.getLogger().handlers if isinstance(h, rotating))
    handler.doRollover()
    logging.getLogger("test").warning("after the rotation")
    assert {p.name for p in folder.iterdir()} >= {"relais.log", "relais.log.1", "relais.log.2"}
    assert_private(isolated_dirs / "state" / "relais")
