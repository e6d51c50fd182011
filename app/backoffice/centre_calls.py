"""One call of a back-office function of the centre, with the same answer from the embedded
SQLite centre: on PostgreSQL the SECURITY DEFINER function decides; on SQLite the Python rules
given run in one transaction, for the user of ``login``."""

from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import Connection, Executable
from sqlalchemy.exc import DBAPIError

from app.db import Database, sqlstate, storage_errors
from app.errors import InputError, RelaisError
from app.i18n import QT_TRANSLATE_NOOP
from app.sync import apply
from app.sync.centre import not_a_user

T = TypeVar("T")

_PERMISSION = "42501"
_REFUSED_VALUES = {"23514", "23503", "22023", "23505"}  # check, foreign key, parameter, unique


def centre_call(
    db: Database,
    login: str,
    statement: Executable,
    embedded: Callable[[Connection, apply.User], T],
    refused: Callable[[], RelaisError] | None = None,
) -> T | Any:
    """Runs ``statement`` (one call of a centre function, its scalar answer returned) on
    PostgreSQL, or ``embedded`` on the embedded centre. A refusal of rights becomes
    ``refused()`` (by default: not an active user); refused values, a clear InputError."""
    if db.is_sqlite:
        with storage_errors(db), db.engine.begin() as conn:
            try:
                me = apply.user(conn, login)
            except apply.NotAUser as exc:
                raise not_a_user(login) from exc
            return embedded(conn, me)
    try:
        with storage_errors(db), db.engine.begin() as conn:
            return conn.execute(statement).scalar()
    except DBAPIError as exc:
        code = sqlstate(exc)
        if code == _PERMISSION:
            raise (refused() if refused else not_a_user(login)) from exc
        if code in _REFUSED_VALUES:
            diag = getattr(exc.orig, "diag", None)
            raise InputError(
                QT_TRANSLATE_NOOP("errors", "The central database refused these values: {why}."),
                QT_TRANSLATE_NOOP("errors", "Correct them and try again; nothing was saved."),
                why=str(getattr(diag, "message_primary", None) or exc.orig),
            ) from exc
        raise
