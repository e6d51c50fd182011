"""Alembic migrations for the two schemas.

One environment (``env.py``) serves both; each scope keeps its own chain of revisions in its
folder (``central/`` and ``local/``). A table without a scope tag belongs to both schemas.

To write a new revision after changing the models::

    python -m app.migrations.make central "what changed"
"""

import functools
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection

from app.db import Database, Scope, allow_long_statements, storage_errors
from app.errors import EnvironmentProblem
from app.i18n import QT_TRANSLATE_NOOP

HERE = Path(__file__).resolve().parent


def alembic_config(scope: Scope, connection: Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(HERE))
    cfg.set_main_option("path_separator", "os")
    cfg.set_main_option("version_locations", str(HERE / scope))
    cfg.set_main_option("relais_scope", scope)
    cfg.attributes["connection"] = connection
    return cfg


def head_revision(scope: Scope) -> str:
    head = ScriptDirectory.from_config(alembic_config(scope)).get_current_head()
    assert head is not None
    return head


@functools.cache
def revisions(scope: Scope) -> frozenset[str]:
    """Every revision this program knows for ``scope`` (reading them loads every migration)."""
    script = ScriptDirectory.from_config(alembic_config(scope))
    return frozenset(rev.revision for rev in script.walk_revisions())


class SchemaTooNew(EnvironmentProblem):
    """The database was made or upgraded by a newer Relais: this one cannot know its schema."""


def current_revision(db: Database) -> str | None:
    with storage_errors(db), db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(db: Database) -> tuple[str | None, str]:
    """Brings the database to the latest schema; returns (revision before, revision after).
    A revision this program does not know (a newer Relais wrote it) is left alone."""
    before = current_revision(db)
    if before is not None and before not in revisions(db.scope):
        raise _too_new(db, before)
    with storage_errors(db), db.engine.begin() as conn:
        # A migration may rewrite a large table (no statement timeout), and waits for the desks'
        # transactions to end — a minute at most: desks queue behind a waiting migration.
        allow_long_statements(conn, statement=0, lock=60)
        command.upgrade(alembic_config(db.scope, conn), "head")
    return before, head_revision(db.scope)


def _too_new(db: Database, revision: str) -> SchemaTooNew:
    if db.scope == "central":
        return SchemaTooNew(
            QT_TRANSLATE_NOOP(
                "errors",
                "The central database {where} was made by a newer Relais (schema {revision}).",
            ),
            QT_TRANSLATE_NOOP(
                "errors",
                "Install that newer Relais to manage it; nothing was changed.",
            ),
            where=db.describe(),
            revision=revision,
        )
    return SchemaTooNew(
        QT_TRANSLATE_NOOP(
            "errors",
            "This workstation's copy {where} was made by a newer Relais (schema {revision}).",
        ),
        QT_TRANSLATE_NOOP(
            "errors",
            "Install that newer Relais on this workstation (nothing was changed), or start with "
            "another --data-dir.",
        ),
        where=db.url.database or db.describe(),
        revision=revision,
    )
