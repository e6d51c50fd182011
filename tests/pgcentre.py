"""A throw-away central PostgreSQL database per test, with real login roles for its users.

Used by the PostgreSQL tests, the fault-injection runs and the benchmarks. Every database and
role it makes is dropped afterwards; role names carry a random suffix because roles belong to the
whole cluster, not to one database.
"""

import io
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import create_engine, make_url, text

from app import commands, credentials, users
from app.connection import Profile, open_connected
from app.workspace import Workspace


@dataclass
class PgCentre:
    admin_url: str
    name: str = field(default_factory=lambda: f"relais_t_{secrets.token_hex(4)}")
    logins: list[str] = field(default_factory=list)

    @property
    def url(self) -> str:
        return make_url(self.admin_url).set(database=self.name).render_as_string(False)

    def create(self, customers: int = 60, contacts: int = 300, queue: int = 40) -> "PgCentre":
        self._admin(f'CREATE DATABASE "{self.name}"')
        out = io.StringIO()
        commands.central_init(self.url, out=out)
        if customers:
            commands.central_seed(self.url, customers, contacts, queue, out=out)
        return self

    def add_user(self, role: str, team: str | None = None, login: str | None = None) -> str:
        """Provisions a user (through ``relais user add``'s code); returns the login. The
        password is the login itself, which only tests may do."""
        login = login or f"{role[:3]}_{secrets.token_hex(3)}"
        users.user_add(self.url, login, role, team, None, login, out=io.StringIO())
        self.logins.append(login)
        return login

    def user_url(self, login: str, password: str | None = None) -> str:
        url = make_url(self.url).set(username=login, password=password or login)
        return url.render_as_string(hide_password=False)

    def profile(self, login: str) -> Profile:
        return Profile(credentials.split(self.url)[0], login)

    def workstation(self, login: str, folder: Path) -> Workspace:
        return open_connected(self.profile(login), login, folder)

    def drop(self) -> None:
        groups = self._groups()
        self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
        for login in [*self.logins, *reversed(groups)]:
            self._admin(f'DROP ROLE IF EXISTS "{login}"')

    def _groups(self) -> list[str]:
        """The centre's own group roles (they outlive its database: roles are the server's)."""
        engine = create_engine(self.url)
        try:
            with engine.connect() as conn:
                return list(conn.scalars(text("SELECT name FROM centre_role ORDER BY role DESC")))
        except Exception:  # a centre that was never initialised has none
            return []
        finally:
            engine.dispose()

    def _admin(self, statement: str) -> None:
        engine = create_engine(self.admin_url, isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as conn:
                conn.execute(text(statement))
        finally:
            engine.dispose()
