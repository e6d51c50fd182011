"""A workstation connected to a central PostgreSQL: its profile, the first connection, opening.

The profile (centre URL without user or password, login) of the default workstation lives in the
settings file; a workstation whose copy lives in another folder (``--data-dir``) keeps its own in
that folder's ``profile.json``, so it never changes what a plain ``relais`` opens. The password
lives in the keyring (app.credentials) and nowhere else. The first connection checks the login and
the schema, then copies what this user may see into the workstation's SQLite file; later starts
open that copy at once and work offline if the centre does not answer.
"""

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout
from sqlalchemy.engine import URL

from app import credentials, migrations, snapshot
from app.db import Database, parse_url, sqlite_url, storage_errors
from app.errors import CentreUnreachable, EnvironmentProblem, InputError
from app.i18n import QT_TRANSLATE_NOOP
from app.paths import PRIVATE_FILE, data_dir, ensure_writable_dir, private_file, private_sqlite
from app.settings import Settings, cannot_save, write_private
from app.sync import state
from app.sync.handshake import check_schema
from app.workspace import Progress, Workspace, build, find_user

log = logging.getLogger(__name__)


PROFILE_FILE = "profile.json"
"""A --data-dir workstation's own profile, inside its folder."""


@dataclass(frozen=True)
class Profile:
    centre: str  # the URL without user or password, as the settings file and the keyring name it
    login: str

    def __post_init__(self) -> None:
        # Whoever builds a profile, the centre it keeps and shows never holds a secret.
        object.__setattr__(self, "centre", credentials.split(self.centre)[0])

    @classmethod
    def from_settings(cls, settings: Settings) -> "Profile | None":
        centre, login = settings.get("central_url"), settings.get("login")
        if not (centre and login):
            return None
        profile = cls(centre, login)
        if profile.centre != centre:
            _clean_leak(centre, profile, lambda: profile.save(settings))
        return profile

    def save(self, settings: Settings) -> None:
        settings.update({"central_url": self.centre, "login": self.login})

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


def _clean_leak(raw: str, profile: Profile, rewrite: Any) -> None:
    """A profile an older Relais saved with the password in its URL: the password moves to the
    keyring (from the URL, or from the entry named after it), and the profile is saved again
    without it."""
    password = credentials.forget_leaked(raw, profile.login) or credentials.split(raw)[2]
    if password is not None:
        credentials.store(profile.centre, profile.login, password)
    try:
        rewrite()
    except EnvironmentProblem as exc:
        log.warning("Could not rewrite the profile without its password: %s", exc)
    else:
        log.warning("Removed a user or password from the remembered centre's URL")


def profile_for(url: str, login: str | None) -> tuple[Profile, str | None]:
    """The profile for ``url`` (which may carry a user and a password) and ``login``, and the
    password found in the URL, if any."""
    bare, url_user, password = credentials.split(url)
    user = login or url_user
    if not user:
        raise InputError(
            QT_TRANSLATE_NOOP("errors", "No login given for the central database."),
            QT_TRANSLATE_NOOP("errors", "Give your login with --login LOGIN."),
        )
    return Profile(bare, user), password


def remembered(settings: Settings, base: Path | None) -> Profile | None:
    """The profile of the workstation in ``base`` (its own ``profile.json``), or of the default
    one (the settings) when there is no folder or the folder has no profile of its own (a copy
    connected before folders kept theirs)."""
    if base is not None:
        path = base.expanduser() / PROFILE_FILE
        try:
            loaded = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            loaded = None
        except (OSError, ValueError) as exc:
            log.warning("Ignoring unreadable profile %s: %s", path, exc)
            loaded = None
        if isinstance(loaded, dict):
            centre, login = loaded.get("central_url"), loaded.get("login")
            if isinstance(centre, str) and isinstance(login, str) and centre and login:
                private_file(path)
                profile = Profile(centre, login)
                if profile.centre != centre:
                    _clean_leak(centre, profile, lambda: remember(profile, settings, base))
                return profile
    return Profile.from_settings(settings)


def check_can_remember(settings: Settings, base: Path | None) -> None:
    """Proves the profile can be saved where ``remember`` will save it, before a first
    connection copies anything."""
    if base is None:
        settings.check_writable()
    else:
        ensure_writable_dir(base)


def remember(profile: Profile, settings: Settings, base: Path | None) -> None:
    """Saves the profile: the default workstation's in the settings, another folder's in
    that folder (leaving the default as it was)."""
    if base is None:
        profile.save(settings)
        return
    path = base.expanduser() / PROFILE_FILE
    text = json.dumps({"central_url": profile.centre, "login": profile.login}, indent=2)
    try:
        write_private(path, text)
    except OSError as exc:
        raise cannot_save(path, exc) from exc


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
    lock = FileLock(folder / "workspace.lock", timeout=0, mode=PRIVATE_FILE)
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
        private_file(folder / "workspace.lock")
        local = Database(sqlite_url(private_sqlite(folder / "workstation.sqlite3")), "local")
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
        centre = state.get(s, "centre")
        if centre is not None and centre != credentials.split(centre)[0]:
            # Recorded by an older Relais with the password in it: kept without it from now on.
            centre = credentials.split(centre)[0]
            state.put(s, "centre", centre)
        owner = (state.get(s, "login"), centre)
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
