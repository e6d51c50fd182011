"""The back office's handle on the centre: its database, opened with the user's own login, and
who that user is. On PostgreSQL the centre's rights decide what the login reads and writes; on
the embedded SQLite centre the same rules run in Python for ``who`` (``app.sync.apply``)."""

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import make_url

from app.db import Database
from app.dto import Who
from app.enums import Role
from app.errors import InputError
from app.i18n import QT_TRANSLATE_NOOP


@dataclass(frozen=True)
class BackOffice:
    """The centre as one user reaches it. ``replica``, when the centre has one configured,
    is where long reads (indicators, alignment) may go; writes always go to ``db``."""

    db: Database
    who: Who
    replica: Database | None = None

    @property
    def reader(self) -> Database:
        return self.replica or self.db

    @property
    def is_supervisor(self) -> bool:
        return self.who.role in (Role.SUPERVISOR, Role.ADMIN)


def replica_of(central: Database, settings: Any) -> Database | None:
    """The read replica the settings name, reached with the centre's own login and password
    (a streaming replica has the same roles); None without one, or on the embedded centre."""
    url = (settings.get("replica_url") or "").strip() if settings is not None else ""
    if not url or central.is_sqlite:
        return None
    replica = make_url(url).set(username=central.url.username, password=central.url.password)
    return Database(replica.render_as_string(hide_password=False), "central")


def open_office(central: Database, who: Who, settings: Any = None) -> BackOffice:
    """The back office of a signed-in user, reading the replica when the settings name one."""
    return BackOffice(central, who, replica_of(central, settings))


@contextlib.contextmanager
def for_command(args: Any, settings: Any, translate: Any) -> Iterator[BackOffice]:
    """The centre for a headless back-office command: the demo's embedded centre (``--demo``,
    as the demo supervisor unless ``--as advisor``) or the centre this workstation is connected
    to, with the password from the keyring (or standard input with ``--password-stdin``)."""
    from app import commands, credentials
    from app.connection import remembered
    from app.workspace import DEMO_LOGINS, find_user, open_demo

    data_dir: Path | None = getattr(args, "data_dir", None)
    if getattr(args, "demo", False):
        role = Role(getattr(args, "role", None) or Role.SUPERVISOR)
        ws = open_demo(data_dir, role)
        try:
            yield BackOffice(ws.central, find_user(ws.central, DEMO_LOGINS[role]))
        finally:
            ws.close()
        return
    profile = remembered(settings, data_dir)
    if profile is None:
        raise InputError(
            QT_TRANSLATE_NOOP("errors", "This workstation is not connected to a centre yet."),
            QT_TRANSLATE_NOOP("errors", "Run “relais connect --url …” first, or add --demo."),
        )
    password = (
        commands.read_password(True, translate)
        if getattr(args, "password_stdin", False)
        else credentials.load(profile.centre, profile.login)
        or commands.read_password(False, translate)
    )
    db = Database(profile.url(password).render_as_string(hide_password=False), "central")
    office = None
    try:
        office = open_office(db, find_user(db, profile.login), settings)
        yield office
    finally:
        if office is not None and office.replica is not None:
            office.replica.dispose()
        db.dispose()
