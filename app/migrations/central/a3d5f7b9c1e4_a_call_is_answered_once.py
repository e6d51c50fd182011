"""a call is answered once

A repeated "answered" event (a telephony callback retried, a replayed request) moved a call's
start to the time of the repeat. ``relais_call_event`` now notes the start only the first time;
the text is ``sql/a3d5f7b9c1e4_answered_once.sql``, frozen with this revision. The embedded
centre's twin (``app.sync.apply_calls``) follows the same rule.

Revision ID: a3d5f7b9c1e4
Revises: e9c3a7f1d5b4
Create Date: 2026-12-04 22:30:00
"""

from collections.abc import Sequence
from pathlib import Path

from alembic import op

revision: str = "a3d5f7b9c1e4"
down_revision: str | None = "e9c3a7f1d5b4"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SQL = Path(__file__).parent / "sql"


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute((_SQL / "a3d5f7b9c1e4_answered_once.sql").read_text(encoding="utf-8"))


def downgrade() -> None:
    """Puts back c7a1e9d3b5f2's text of the function (its grants stay)."""
    if op.get_bind().dialect.name != "postgresql":
        return
    script = (_SQL / "c7a1e9d3b5f2_calls.sql").read_text(encoding="utf-8")
    start = script.index("CREATE FUNCTION public.relais_call_event(p jsonb)")
    end = script.index("END $$;", start) + len("END $$;")
    op.execute(script[start:end].replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION", 1))
