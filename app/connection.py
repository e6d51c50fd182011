"""A workstation connected to a central PostgreSQL: its profile, the first connection, opening.

The profile (centre URL without password, login) lives in the settings file; the password in the
keyring (app.credentials). The first connection checks the login and the schema, then copies
what this user may see into the workstation's SQLite file; later starts open that copy at once
and work offline if the centre does not answer.
"""

import logging
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock, Timeout
from sqlalchemy.engine import URL

from app import migrations, snapshot
from app.db import Database, parse_url, sqlite_url, storage_errors
from app.errors import CentreUnreachable, EnvironmentProblem, InputError
from app.i18n import QT_TRANSLATE_NOOP
from app.paths import data_dir, ensure_writable_dir
from app.settings import Settings
from app.sync import state
from app.sync.handshake import check_schema
from app.workspace import Progress, Workspace, build, find_user

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Profile:
    centre: str  # the URL without password, as the settings file and the keyring name it
    login: str

    @classmethod
    def from_settings(cls, settings: Settings) -> "Profile | None":
        centre, login = settings.get("central_url"), settings.get("login")
        return cls(centre, login) if centre and login else None

    def save(self, settings: Settings) -> None:
        settings.set("central_url", self.centre)
        settings.set("login", self.login)

    def url(self, password: str | None) -> URL:
        return parse_url(self.centre).set(username=self.login, password=password)

    @classmethod
    def for_server(cls, host: str, port: int, database: str, login: str) -> "Profile":
        """The profile for a PostgreSQL centre given by its parts (as the sign-in dialog asks)."""
        url = URL.create("postgresql+psycopg", host=host, port=port, database=database)
        return cls(url.render_as_string(hide_password=False), login)

    def server(self) -> tuple[str, int | None, str]:
        """Host, port and database of the centre, for showing them back."""
        url = parse_url(self.centre)
        return url.host or "", url.port, url.database or ""


def profile_for(url: str, login: str | None) -> tuple[Profile, str | None]:
    """The profile for ``url`` (which may carry a user and a password) and ``login``, and the
    password found in the URL, if any."""
    parsed = parse_url(url)
    user = login or parsed.username
    if not user:
        raise InputError(
            QT_TRANSLATE_NOOP("errors", "No login given for the central database."),
            QT_TRANSLATE_NOOP("errors", "Give your login with --login LOGIN."),
        )
    bare = parsed.set(username=None, password=None)
    return Profile(bare.render_as_string(hide_password=False), user), parsed.password


def workstation_dir(base: Path | None) -> Path:
    return base if base is not None else data_dir() / "workstation"


def open_connected(
    profile: Profile,
    password: str | None,
    base: Path | None = None,
    progress: Progress | None = None,
) -> Workspace:
    """Opens this workstation's copy; the first time, copies it from the centre (which must
    answer then). Later, a centre that does not answer only means working offline."""
    say = progress or (lambda _text: None)
    folder = ensure_writable_dir(workstation_dir(base))
    lock = FileLock(folder / "workspace.lock", timeout=0)
    try:
        lock.acquire()
    except Timeout as exc:
        raise EnvironmentProblem(
            QT_TRANSLATE_NOOP("errors", "Another Relais window is already using {path}."),
            QT_TRANSLATE_NOOP(
                "errors", "Switch to that window, or start this one with another --data-dir."
            ),
            path=str(folder),
        ) from exc
    try:
        central = Database(profile.url(password).render_as_string(hide_password=False), "central")
        local = Database(sqlite_url(folder / "workstation.sqlite3"), "local")
        say(QT_TRANSLATE_NOOP("progress", "Opening this workstation's copy…"))
        migrations.upgrade(local)
        if not snapshot.has_snapshot(local):
            say(QT_TRANSLATE_NOOP("progress", "Checking the central database…"))
            check_schema(central)
            find_user(central, profile.login)
            say(
                QT_TRANSLATE_NOOP(
                    "progress", "Copying what you may see from the centre to this workstation…"
                )
            )
            snapshot.copy_all(central, local)
            with local.session() as s:
                state.put(s, "login", profile.login)
                state.put(s, "centre", profile.centre)
        else:
            _check_login(central)
        _same_owner(local, profile, folder)
        local.optimize()
        who = find_user(local, profile.login)
    except BaseException:
        lock.release()
        raise
    return build(folder, central, local, who, lock)


def _check_login(central: Database) -> None:
    """A password the centre refuses is worth asking again now; a centre that does not answer
    only means starting offline."""
    try:
        with storage_errors(central), central.engine.connect():
            pass
    except CentreUnreachable as exc:
        log.info("Starting offline: %s", exc)


def _same_owner(local: Database, profile: Profile, folder: Path) -> None:
    with local.session() as s:
        owner = (state.get(s, "login"), state.get(s, "centre"))
    if owner != (profile.login, profile.centre):
        raise EnvironmentProblem(
            QT_TRANSLATE_NOOP(
                "errors", "The copy in {path} belongs to {login} on another centre or login."
            ),
            QT_TRANSLATE_NOOP(
                "errors",
                "Start with another --data-dir, or move that folder aside (nothing is deleted).",
            ),
            path=str(folder),
            login=f"{owner[0]} @ {owner[1]}",
        )
