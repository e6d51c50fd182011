"""Both kinds of centre behind one face, so the centre's rules are tested on each with the same
tests: a throw-away PostgreSQL database (tests/pgcentre.py) or an embedded SQLite file, with
users and workstations of their own."""

import atexit
import functools
import io
import os
import secrets
import shutil
import sqlite3
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from filelock import FileLock
from pgcentre import TEMPLATE_LIFE, PgCentre

from app import commands, migrations, snapshot, users
from app.db import Database, sqlite_url
from app.sync import state
from app.workspace import Workspace, build, find_user


@dataclass
class EmbeddedCentre:
    """An SQLite file playing the centre, as the demo's does, with several workstations."""

    folder: Path
    logins: list[str] = field(default_factory=list)
    kind = "sqlite"

    @property
    def url(self) -> str:
        return sqlite_url(self.folder / _FILE)

    def create(self, customers: int = 60, contacts: int = 300, queue: int = 40) -> "EmbeddedCentre":
        """A copy of a centre made once per size, as PostgreSQL's are (tests/pgcentre.py):
        migrating and seeding took about 1 s per test, a copy takes 10 ms."""
        self.folder.mkdir(parents=True, exist_ok=True)
        _copy(_template((customers, contacts, queue)), self.folder / _FILE)
        return self

    def _build(self, customers: int, contacts: int, queue: int) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        commands.central_init(self.url, out=io.StringIO())
        if customers:
            commands.central_seed(self.url, customers, contacts, queue, out=io.StringIO())

    def add_user(self, role: str, team: str | None = None, login: str | None = None) -> str:
        login = login or f"{role[:3]}_{len(self.logins)}"
        users.user_add(self.url, login, role, team, None, None, out=io.StringIO())
        self.logins.append(login)
        return login

    def workstation(self, login: str, folder: Path) -> Workspace:
        folder.mkdir(parents=True, exist_ok=True)
        lock = FileLock(folder / "workspace.lock", timeout=0)
        lock.acquire()
        central = Database(self.url, "central")
        _copy(_local_template(), folder / "workstation.sqlite3")  # migrated once per run
        local = Database(sqlite_url(folder / "workstation.sqlite3"), "local")
        snapshot.copy_all(central, local)
        with local.session() as s:
            state.put(s, "login", login)
            state.put(s, "centre", self.url)
        return build(folder, central, local, find_user(local, login), lock)

    def drop(self) -> None:
        pass


_FILE = "central.sqlite3"
_TEMPLATES = Path(tempfile.mkdtemp(prefix="relais-centres-"))
atexit.register(shutil.rmtree, _TEMPLATES, True)
_templates: dict[tuple[int, int, int], tuple[Path, float]] = {}


def _template(size: tuple[int, int, int]) -> Path:
    """The centre of this size, remade after TEMPLATE_LIFE: its seeded times are relative to
    when it was made, and tests read "the last 30 days" or "overdue" from them."""
    kept = _templates.get(size)
    if kept is not None and time.monotonic() - kept[1] < TEMPLATE_LIFE:
        return kept[0]
    made = EmbeddedCentre(_TEMPLATES / secrets.token_hex(4))
    made._build(*size)
    _templates[size] = (made.folder / _FILE, time.monotonic())
    return made.folder / _FILE


@functools.cache
def _local_template() -> Path:
    """A workstation's copy, migrated and empty (0.4 s of migrations per workstation)."""
    path = _TEMPLATES / "workstation.sqlite3"
    local = Database(sqlite_url(path), "local")
    migrations.upgrade(local)
    local.dispose()
    return path


def _copy(source: Path, target: Path) -> None:
    """An SQLite file copied through the backup API: what its WAL holds too."""
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()


class PostgresCentre(PgCentre):
    kind = "postgres"


def owner(centre: "EmbeddedCentre | PgCentre") -> Database:
    """The centre as its owner sees it (every row, every column)."""
    return Database(centre.url, "central")


def server_url() -> str:
    """The test server (RELAIS_TEST_PG): a PostgreSQL test without one is skipped locally and
    fails in CI, where PostgreSQL tests must run."""
    url = os.environ.get("RELAIS_TEST_PG")
    if not url:
        if os.environ.get("CI"):
            pytest.fail("RELAIS_TEST_PG is not set in CI: PostgreSQL tests must run there.")
        pytest.skip("PostgreSQL tests need RELAIS_TEST_PG=postgresql+psycopg://…")
    return url


def small_centre(
    kind: str, folder: Path, size: tuple[int, int, int]
) -> "EmbeddedCentre | PgCentre":
    """A centre of either kind with ``size`` (customers, contacts, queue), for the tests run on
    both."""
    if kind == "sqlite":
        return EmbeddedCentre(folder).create(*size)
    return PostgresCentre(server_url()).create(*size)


def as_connector(centre: "EmbeddedCentre | PgCentre") -> Database:
    """The centre as a connector reaches it: its own login on PostgreSQL, the file on the
    embedded centre (which has no logins)."""
    if centre.kind == "sqlite":
        return Database(centre.url, "central")
    return Database(centre.user_url(centre.add_user("connector")), "central")
