"""calls and the workstations' wake-up

Telephony events (issue 11) reach the centre through ``relais_call_event``, the connector's
only: a call is a phone contact found by its call id, handed to the advisor whose phone rings,
its start and end written by the centre's clock, a call nobody answered back in the queue as a
call back. A contact entering a team's queue, and a call ringing for an advisor, NOTIFY the
workstations concerned on channels named from ``centre_secret`` (``relais_wake_channels`` tells
a user theirs): they pull at once instead of at their next poll; polling keeps them right
without it (through a pooler). The functions' text is ``sql/c7a1e9d3b5f2_calls.sql``, frozen
with this revision. On the embedded centre the call rules are ``app.sync.apply_calls``'s; it
wakes nobody.

Revision ID: c7a1e9d3b5f2
Revises: d2b8f4a6c0e1
Create Date: 2026-12-04 18:30:00
"""

from collections.abc import Sequence
from pathlib import Path

import sqlalchemy as sa
from alembic import op

revision: str = "c7a1e9d3b5f2"
down_revision: str | None = "d2b8f4a6c0e1"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SQL = Path(__file__).parent / "sql"


def upgrade() -> None:
    op.create_table(
        "centre_secret",
        sa.Column("name", sa.String(length=16), nullable=False),
        sa.Column("value", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_centre_secret")),
        info={"scope": "central"},
    )
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    script = (_SQL / "c7a1e9d3b5f2_calls.sql").read_text(encoding="utf-8")
    for role, name in bind.execute(sa.text("SELECT role, name FROM public.centre_role")):
        quoted = str(bind.scalar(sa.text("SELECT quote_ident(:n)"), {"n": name}))
        script = script.replace(f"@{role}@", quoted)
    op.execute(script)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute(
            "DROP TRIGGER wake_team_on_insert ON public.contact; "
            "DROP TRIGGER wake_team_on_queue ON public.contact; "
            "DROP FUNCTION public.relais_call_event(jsonb), public.relais_wake_team(), "
            "public.relais_wake_channels(), public.relais_wake_name(text, uuid)"
        )
    op.drop_table("centre_secret")
