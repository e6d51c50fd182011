"""Before exchanging anything: do this program and the centre speak the same schema?

A workstation older or newer than the centre's schema would write rows the centre reads wrongly;
it refuses to sync, says which side to upgrade, and keeps its outbox until then. The centre may
be upgraded (or restored, or downgraded) under a running desk, so the question is asked at every
sync cycle: one SELECT of ``alembic_version``, the revisions it is compared with read once.
"""

import functools

from sqlalchemy.exc import DBAPIError

from app.db import Database, sqlstate
from app.errors import EnvironmentProblem
from app.i18n import QT_TRANSLATE_NOOP
from app.migrations import head_revision, revisions


class SchemaMismatch(EnvironmentProblem):
    """The centre's schema is not the one this program was built for."""


@functools.cache
def known_revisions() -> tuple[str, frozenset[str]]:
    """This program's central head revision and all the revisions it knows (reading them loads
    every migration file: done once, in the worker that opens the workspace)."""
    return head_revision("central"), revisions("central")


def centre_revision(central: Database) -> str | None:
    """The centre's schema revision, in one statement (no transaction around it); None when the
    database holds no Relais schema."""
    with central.reading() as conn:
        if central.is_sqlite:  # the embedded centre: a file on this machine
            made = conn.exec_driver_sql(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
            ).first()
            if made is None:
                return None
            rows = conn.exec_driver_sql("SELECT version_num FROM alembic_version")
            found = sorted(rows.scalars())
            conn.rollback()
            return "+".join(found) or None
        try:
            rows = conn.exec_driver_sql("SELECT version_num FROM alembic_version")
            found = sorted(rows.scalars())
        except DBAPIError as exc:
            if sqlstate(exc) == "42P01":  # undefined_table: never initialised
                return None
            raise
    # Several rows would be branches this program never makes: unknown, like a newer schema.
    return "+".join(found) or None


def check_schema(central: Database) -> str:
    """The centre's revision when it matches this program's; SchemaMismatch otherwise."""
    theirs = centre_revision(central)
    ours, known = known_revisions()
    if theirs == ours:
        return ours
    if theirs is None:
        raise SchemaMismatch(
            QT_TRANSLATE_NOOP("errors", "{where} holds no Relais central database yet."),
            QT_TRANSLATE_NOOP("errors", "Ask an administrator to run “relais central init” on it."),
            where=central.describe(),
        )
    if theirs in known:
        raise SchemaMismatch(
            QT_TRANSLATE_NOOP(
                "errors", "The central database is older than this version of Relais."
            ),
            QT_TRANSLATE_NOOP(
                "errors",
                "Ask an administrator to run “relais central init” to upgrade it; your changes "
                "wait safely on this workstation.",
            ),
        )
    raise SchemaMismatch(
        QT_TRANSLATE_NOOP("errors", "The central database is newer than this version of Relais."),
        QT_TRANSLATE_NOOP(
            "errors",
            "Install the latest Relais on this workstation; your changes wait safely here "
            "until then.",
        ),
    )
