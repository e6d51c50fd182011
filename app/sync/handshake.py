"""Before exchanging anything: do this program and the centre speak the same schema?

A workstation older or newer than the centre's schema would write rows the centre reads wrongly;
it refuses to sync, says which side to upgrade, and keeps its outbox until then.
"""

import functools

from alembic.script import ScriptDirectory

from app.db import Database
from app.errors import EnvironmentProblem
from app.i18n import QT_TRANSLATE_NOOP
from app.migrations import alembic_config, current_revision, head_revision


class SchemaMismatch(EnvironmentProblem):
    """The centre's schema is not the one this program was built for."""


@functools.cache
def known_revisions() -> tuple[str, frozenset[str]]:
    """This program's central head revision and all the revisions it knows (reading them loads
    every migration file: done once, in the worker that opens the workspace)."""
    script = ScriptDirectory.from_config(alembic_config("central"))
    return head_revision("central"), frozenset(rev.revision for rev in script.walk_revisions())


def check_schema(central: Database) -> str:
    """The centre's revision when it matches this program's; SchemaMismatch otherwise."""
    theirs = current_revision(central)
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
