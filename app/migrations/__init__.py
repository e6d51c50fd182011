"""Alembic migrations for the two schemas.

One environment (``env.py``) serves both; each scope keeps its own chain of revisions in its
folder (``central/`` and ``local/``). A table without a scope tag belongs to both schemas.

To write a new revision after changing the models::

    python -m app.migrations.make central "what changed"

Alembic itself is imported only when a migration is due (or a developer asks for its
configuration). A normal start has only to learn that the database is at the head already:
the stored revision is read with one plain query (``current_revision``) and compared with the
head the scripts name in their headers (``revision = …``, ``down_revision = …``, read as text,
~1 ms), which spares ~0.2 s of imports — Alembic's runtime down to ``alembic.ddl.mssql``, and
every script. A folder whose headers do not make one plain chain (a merge, a branch, a script
written another way) is read by Alembic instead; tests/app/test_migration_revisions.py checks
both readings agree.
"""

import functools
import re
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError

from app.db import Database, Scope, allow_long_statements, sqlstate, storage_errors
from app.errors import EnvironmentProblem
from app.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from alembic.config import Config

HERE = Path(__file__).resolve().parent


def alembic_config(scope: Scope, connection: Connection | None = None) -> "Config":
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(HERE))
    cfg.set_main_option("path_separator", "os")
    cfg.set_main_option("version_locations", str(HERE / scope))
    cfg.set_main_option("relais_scope", scope)
    cfg.attributes["connection"] = connection
    return cfg


# A header line as script.py.mako writes it: ``down_revision: str | None = "5c2e7d9a1f36"``.
_HEADER = re.compile(
    r"""^(revision|down_revision|branch_labels|depends_on)[ \t]*(?::[^=\n]*)?=[ \t]*"""
    r"""(None|"[0-9A-Za-z_]+"|'[0-9A-Za-z_]+')[ \t]*$""",
    re.MULTILINE,
)


def chain_from_headers(folder: Path) -> tuple[str, ...] | None:
    """The revisions the scripts in ``folder`` make, oldest first, read from their header lines
    without importing them; None unless they make one plain chain (every script with exactly
    one revision and one down_revision, no branch labels, no dependencies, one root, no fork)."""
    parent: dict[str, str | None] = {}
    for script in sorted(folder.glob("*.py")):
        found: dict[str, list[str | None]] = {}
        for name, value in _HEADER.findall(script.read_text(encoding="utf-8")):
            found.setdefault(name, []).append(None if value == "None" else value[1:-1])
        if any(len(found.get(key, ())) != 1 for key in ("revision", "down_revision")):
            return None
        if any(found.get(key, [None]) != [None] for key in ("branch_labels", "depends_on")):
            return None
        revision, down = found["revision"][0], found["down_revision"][0]
        if revision is None or revision in parent:
            return None
        parent[revision] = down
    child = {down: rev for rev, down in parent.items()}
    if len(child) != len(parent) or None not in child:
        return None  # two scripts on one parent (a fork), or no root
    ordered: list[str] = []
    at: str | None = None
    while at in child:
        at = child[at]
        ordered.append(at)
    return tuple(ordered) if len(ordered) == len(parent) else None


def script_revisions(scope: Scope) -> tuple[str, ...]:
    """Every revision of ``scope``, oldest first, as Alembic reads the scripts (importing each
    one): the reference the header reading is checked against, and its fallback."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config(scope))
    return tuple(reversed([rev.revision for rev in script.walk_revisions()]))


@functools.cache
def _known(scope: Scope) -> tuple[str, frozenset[str]]:
    chain = chain_from_headers(HERE / scope)
    if chain is not None:
        return chain[-1], frozenset(chain)
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config(scope)).get_current_head()
    assert head is not None
    return head, frozenset(script_revisions(scope))


def head_revision(scope: Scope) -> str:
    """The latest revision this program knows for ``scope``."""
    return _known(scope)[0]


def revisions(scope: Scope) -> frozenset[str]:
    """Every revision this program knows for ``scope``."""
    return _known(scope)[1]


class SchemaTooNew(EnvironmentProblem):
    """The database was made or upgraded by a newer Relais: this one cannot know its schema."""


def current_revision(db: Database) -> str | None:
    """The revision stored in the database (Alembic's ``alembic_version`` table), read with a
    plain query; None when no schema was made yet. Several rows (branches, which this program
    never makes) come joined with "+", a revision no Relais knows."""
    with db.reading() as conn:
        if db.is_sqlite:
            made = conn.exec_driver_sql(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
            ).first()
            found = (
                sorted(conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalars())
                if made is not None
                else []
            )
        else:
            try:
                found = sorted(
                    conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalars()
                )
            except DBAPIError as exc:
                if sqlstate(exc) != "42P01":  # undefined_table: never initialised
                    raise
                found = []
    return "+".join(found) or None


def upgrade(db: Database) -> tuple[str | None, str]:
    """Brings the database to the latest schema; returns (revision before, revision after).
    A revision this program does not know (a newer Relais wrote it) is left alone. At the head
    already (every start but the first after an upgrade), Alembic is not even imported."""
    before = current_revision(db)
    head = head_revision(db.scope)
    if before == head:
        return before, head
    if before is not None and before not in revisions(db.scope):
        raise _too_new(db, before)
    from alembic import command

    with storage_errors(db), db.engine.begin() as conn:
        # A migration may rewrite a large table (no statement timeout), and waits for the desks'
        # transactions to end — a minute at most: desks queue behind a waiting migration.
        allow_long_statements(conn, statement=0, lock=60)
        command.upgrade(alembic_config(db.scope, conn), "head")
    return before, head


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
