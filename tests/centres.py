"""Both kinds of centre behind one face, so the centre's rules are tested on each with the same
tests: a throw-away PostgreSQL database (tests/pgcentre.py) or an embedded SQLite file, with
users and workstations of their own."""

import io
import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from filelock import FileLock
from pgcentre import PgCentre

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
        return sqlite_url(self.folder / "central.sqlite3")

    def create(self, customers: int = 60, contacts: int = 300, queue: int = 40) -> "EmbeddedCentre":
        self.folder.mkdir(parents=True, exist_ok=True)
        commands.central_init(self.url, out=io.StringIO())
        if customers:
            commands.central_seed(self.url, customers, contacts, queue, out=io.StringIO())
        return self

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
        local = Database(sqlite_url(folder / "workstation.sqlite3"), "local")
        migrations.upgrade(local)
        snapshot.copy_all(central, local)
        with local.session() as s:
            state.put(s, "login", login)
            state.put(s, "centre", self.url)
        return build(folder, central, local, find_user(local, login), lock)

    def drop(self) -> None:
        pass


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
