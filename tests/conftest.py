"""Shared fixtures: every test gets its own folders and, when it asks, its own demo workspace.

The demo data set is built once per test session and copied for each test that uses it, so a
test can write freely without slowing the suite down.
"""

import gc
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import keyring
import pytest
from keyring.backend import KeyringBackend

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import centres  # after the platform is set: it imports the program

from app.models import Role
from app.workspace import Workspace, open_demo

if TYPE_CHECKING:
    from pgcentre import PgCentre

    from ui.common.collector import Collector


@pytest.fixture(scope="session", autouse=True)
def gui_thread_collector(qapp: object) -> "Collector":
    """The program's own collector, so that tests, like the window, never collect a QObject on
    a worker thread (a reader once freed an old test's runner there, and the suite crashed)."""
    from ui.common.collector import Collector

    return Collector(qapp)  # type: ignore[arg-type]


@pytest.fixture(autouse=True)
def collected_after_each_test(gui_thread_collector: "Collector") -> Iterator[None]:
    """What a test left due is collected on this thread once its fixtures are torn down: many
    tests never turn the event loop that runs the collector's timer."""
    gc.disable()  # a command run in-process (ui.entry.main) turns automatic collection back on
    yield
    gui_thread_collector.collect_due()


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Points every platform folder (data, config, logs, cache) at the test's own directory."""
    home = tmp_path / "home"
    for var, sub in (
        ("XDG_DATA_HOME", "data"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_STATE_HOME", "state"),
        ("XDG_CACHE_HOME", "cache"),
    ):
        monkeypatch.setenv(var, str(home / sub))
    monkeypatch.setenv("LANGUAGE", "en")
    return home


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo-template")
    workspace = open_demo(folder)
    workspace.close()
    (folder / "workspace.lock").unlink(missing_ok=True)
    return folder


@pytest.fixture
def demo_dir(demo_template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "demo"
    shutil.copytree(demo_template, target)
    return target


@pytest.fixture
def workspace(demo_dir: Path) -> Iterator[Workspace]:
    ws = open_demo(demo_dir)
    yield ws
    ws.close()


@pytest.fixture
def supervisor_workspace(demo_dir: Path) -> Iterator[Workspace]:
    ws = open_demo(demo_dir, role=Role.SUPERVISOR)
    yield ws
    ws.close()


@pytest.fixture
def pg_url() -> str:
    """A PostgreSQL URL from RELAIS_TEST_PG; skipped locally without one, a failure in CI."""
    return centres.server_url()


@pytest.fixture
def pg_centre(pg_url: str) -> Iterator["PgCentre"]:
    """A fresh, small central database on the test server (dropped afterwards)."""
    from pgcentre import PgCentre

    centre = PgCentre(pg_url).create()
    yield centre
    centre.drop()


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def centre(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """A small centre of each kind for the module's tests, run on both: the module's
    ``CENTRE_SIZE`` (customers, contacts, queue) when it sets one."""
    size = getattr(request.module, "CENTRE_SIZE", (20, 40, 5))
    made = centres.small_centre(request.param, tmp_path_factory.mktemp("centre"), size)
    yield made
    made.drop()


@pytest.fixture(scope="module")
def connector(centre):
    """That centre as a connector reaches it (its own login on PostgreSQL)."""
    db = centres.as_connector(centre)
    yield db
    db.dispose()


@pytest.fixture(scope="module")
def truth(centre):
    """That centre as its owner sees it: what the tests check against."""
    db = centres.owner(centre)
    yield db
    db.dispose()


class MemoryKeyring(KeyringBackend):
    """A keyring that forgets at exit: the real API, without a desktop session."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.saved: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.saved.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.saved[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.saved.pop((service, username), None)


@pytest.fixture
def memory_keyring():
    previous = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    yield ring
    keyring.set_keyring(previous)
