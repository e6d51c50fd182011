"""Alembic migrations for the two schemas.

One environment (``env.py``) serves both; each scope keeps its own chain of revisions in its
folder (``central/`` and ``local/``). A table without a scope tag belongs to both schemas.

To write a new revision after changing the models::

    python -m app.migrations.make central "what changed"
"""

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection

from app.db import Database, Scope, storage_errors

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


def current_revision(db: Database) -> str | None:
    with storage_errors(db), db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(db: Database) -> tuple[str | None, str]:
    """Brings the database to the latest schema; returns (revision before, revision after)."""
    before = current_revision(db)
    with storage_errors(db), db.engine.begin() as conn:
        command.upgrade(alembic_config(db.scope, conn), "head")
    return before, head_revision(db.scope)
