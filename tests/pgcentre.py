"""A throw-away central PostgreSQL database per test, with real login roles for its users.

Used by the PostgreSQL tests, the fault-injection runs and the benchmarks. Every database and
role it makes is dropped afterwards; role names carry a random suffix because roles belong to the
whole cluster, not to one database.

A small centre is a copy of a template made once for its size (``CREATE DATABASE … TEMPLATE``):
migrating and seeding cost 2 s a centre, most of the suite's time, and a copy a tenth of that.
Copies of one template share its group roles (grants inside a database name roles, and a copy
keeps them), so a user of one copy is a member of the same groups as a user of another; only
CONNECT is each copy's own. A test that needs centres apart (the security tests) asks for
``fresh=True``. A template is made again once it is two minutes old: the seed places its
contacts relative to the time it ran.
"""

import atexit
import contextlib
import io
import secrets
import time
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

    shares_groups: bool = False

    def create(
        self, customers: int = 60, contacts: int = 300, queue: int = 40, fresh: bool = False
    ) -> "PgCentre":
        if fresh or contacts > TEMPLATE_UPTO:
            self._build(customers, contacts, queue)
            return self
        template = _template(self.admin_url, (customers, contacts, queue))
        self._admin(f'CREATE DATABASE "{self.name}" TEMPLATE "{template.name}"')
        # CONNECT is a database's own, not copied: as central init grants it, …
        self._admin(f'REVOKE CONNECT, TEMPORARY ON DATABASE "{self.name}" FROM PUBLIC')
        # to the advisors' group, which the others are members of, and to the connectors'
        for role in ("advisor", "connector"):
            self._admin(f'GRANT CONNECT ON DATABASE "{self.name}" TO "{template.group(role)}"')
        self.shares_groups = True
        return self

    def group(self, role: str) -> str:
        """This centre's group role for ``role`` (advisor, supervisor, admin, connector)."""
        engine = create_engine(self.url)
        try:
            with engine.connect() as conn:
                q = text("SELECT name FROM centre_role WHERE role = :role")
                return str(conn.scalar(q, {"role": role}))
        finally:
            engine.dispose()

    def _build(self, customers: int, contacts: int, queue: int) -> None:
        self._admin(f'CREATE DATABASE "{self.name}"')
        out = io.StringIO()
        commands.central_init(self.url, out=out)
        if customers:
            commands.central_seed(self.url, customers, contacts, queue, out=out)

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
        groups = [] if self.shares_groups else self._groups()
        self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
        for login in [*self.logins, *reversed(groups)]:  # members before their groups
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


TEMPLATE_UPTO = 1_000
"""Contacts up to which a centre is a template's copy; a larger one is built (the benchmarks)."""
TEMPLATE_LIFE = 120.0  # seconds

_templates: dict[tuple[str, tuple[int, int, int]], tuple[PgCentre, float]] = {}


def _template(admin_url: str, size: tuple[int, int, int]) -> PgCentre:
    key = (admin_url, size)
    kept = _templates.get(key)
    if kept is not None and time.monotonic() - kept[1] < TEMPLATE_LIFE:
        return kept[0]
    if kept is not None:
        _drop_template(kept[0])
    made = PgCentre(admin_url, name=f"relais_tpl_{secrets.token_hex(4)}")
    made._build(*size)
    _templates[key] = (made, time.monotonic())
    return made


def _drop_template(template: PgCentre) -> None:
    """Its groups go once no copy holds a grant to them: a copy a test left behind keeps them."""
    groups = template._groups()
    template._admin(f'DROP DATABASE IF EXISTS "{template.name}" WITH (FORCE)')
    for group in reversed(groups):
        try:
            template._admin(f'DROP ROLE IF EXISTS "{group}"')
        except Exception:  # still named by a copy's grants: that copy's drop was skipped
            break


@atexit.register
def _drop_templates() -> None:
    while _templates:
        template = _templates.popitem()[1][0]
        # a throw-away server a test stopped (the French one) took its templates along
        with contextlib.suppress(Exception):
            _drop_template(template)
