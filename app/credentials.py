"""The central database password, kept in the operating system's keyring and nowhere else.

Never in the settings file, never in the workstation's copy, never in a log, never in the name of
the keyring entry: a password found in a URL is taken out of it (``split``) before the URL is
kept or shown. Where the system offers no keyring (a bare server, a session without a Secret
Service), ``available`` says so and the interface asks at each start.
"""

import logging

import keyring
from keyring.backends import fail
from keyring.errors import KeyringError, PasswordDeleteError

from app.db import parse_url

log = logging.getLogger(__name__)

SERVICE = "relais"

_SECRET_QUERY = ("password", "user")
"""Query parameters libpq takes a user or password from (``?password=…``)."""


def split(url: str) -> tuple[str, str | None, str | None]:
    """The URL without user or password (as the settings, the copy and the keyring name it),
    and the user and the password it held, if any."""
    parsed = parse_url(url)
    query = parsed.query
    user = parsed.username or _first(query.get("user"))
    password = parsed.password or _first(query.get("password"))
    bare = parsed._replace(username=None, password=None).difference_update_query(_SECRET_QUERY)
    return bare.render_as_string(hide_password=False), user or None, password or None


def _first(value: str | tuple[str, ...] | None) -> str | None:
    if isinstance(value, tuple):
        return value[0] if value else None
    return value


def account(centre: str, login: str) -> str:
    """The keyring entry's name: one password per login and centre (its URL without user or
    password, whatever ``centre`` holds)."""
    return f"{login}@{split(centre)[0]}"


def available() -> bool:
    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring):
        return False
    # The chainer with nothing behind it is as good as none.
    return not (hasattr(backend, "backends") and not backend.backends)


def load(centre: str, login: str) -> str | None:
    if not available():
        return None
    try:
        return keyring.get_password(SERVICE, account(centre, login))
    except KeyringError as exc:
        log.warning("The keyring could not be read: %s", type(exc).__name__)
        return None


def store(centre: str, login: str, password: str) -> bool:
    """True when the keyring took the password; False when there is none (ask each time)."""
    if not available():
        return False
    try:
        keyring.set_password(SERVICE, account(centre, login), password)
    except KeyringError as exc:
        log.warning("The keyring refused the password: %s", type(exc).__name__)
        return False
    return True


def forget_leaked(old_url: str, login: str) -> str | None:
    """Removes the keyring entry an older Relais named after a URL that held a password, and
    returns the password it kept (None when there was none)."""
    if not available():
        return None
    leaked = f"{login}@{old_url}"
    try:
        password = keyring.get_password(SERVICE, leaked)
        if password is not None:
            keyring.delete_password(SERVICE, leaked)
    except PasswordDeleteError:
        return password
    except KeyringError as exc:
        log.warning("The keyring could not be cleaned: %s", type(exc).__name__)
        return None
    return password
