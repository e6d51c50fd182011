"""The central database password, kept in the operating system's keyring and nowhere else.

Never in the settings file, never in a log. Where the system offers no keyring (a bare server, a
session without a Secret Service), ``available`` says so and the interface asks at each start.
"""

import logging

import keyring
from keyring.backends import fail
from keyring.errors import KeyringError

log = logging.getLogger(__name__)

SERVICE = "relais"


def account(centre: str, login: str) -> str:
    """The keyring entry's name: one password per login and centre (URL without password)."""
    return f"{login}@{centre}"


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
