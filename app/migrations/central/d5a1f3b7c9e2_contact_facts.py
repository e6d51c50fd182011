"""contact facts

The dashboard looked up, for every contact of its periods and on every paint, the first reply
among the messages, the advisors' time among the assignments, the closing advisor's outcome
among the wrap-ups and a return among the customer's later contacts: 1.1 to 1.8 s at 100,000
contacts, ten times that at a million. The centre now keeps these per contact in
``contact_fact`` (app.models.facts), computed again, before a reading, for the contacts its
triggers marked in ``contact_fact_stale``.

On PostgreSQL the triggers, the read policy and ``relais_refresh_facts()`` are
``sql/d5a1f3b7c9e2_facts.sql``; the function's statement is app.backoffice.facts's, compiled
and frozen there with this revision (tests/backoffice/test_facts.py compares them). Every
contact is marked, and on PostgreSQL computed, by the upgrade itself. On the embedded centre the
same triggers are SQLite's, and the facts are computed before the first reading.

Revision ID: d5a1f3b7c9e2
Revises: a4e8d2f6c1b9
Create Date: 2026-12-03 10:00:00
"""

from collections.abc import Sequence
from pathlib import Path

import sqlalchemy as sa
from alembic import op

import app.models.base

revision: str = "d5a1f3b7c9e2"
down_revision: str | None = "a4e8d2f6c1b9"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SQL = Path(__file__).parent / "sql"
_TIME = app.models.base.UTCDateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "contact_fact",
        sa.Column("contact_id", sa.Uuid(), nullable=False),
        sa.Column("team_id", sa.Uuid(), nullable=True),
        sa.Column("channel", sa.String(length=24), nullable=False),
        sa.Column("customer_started", sa.Boolean(), nullable=False),
        sa.Column("received_at", _TIME, nullable=False),
        sa.Column("closed_at", _TIME, nullable=True),
        sa.Column("closer_id", sa.Uuid(), nullable=True),
        sa.Column("answered_at", _TIME, nullable=True),
        sa.Column("handled", sa.Float(), nullable=True),
        sa.Column("advisors", sa.Integer(), nullable=False),
        sa.Column("talk", sa.Float(), nullable=True),
        sa.Column("resolved", sa.Boolean(), nullable=False),
        sa.Column("transfer_said", sa.Boolean(), nullable=False),
        sa.Column("came_back", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contact.id"],
            name=op.f("fk_contact_fact_contact_id_contact"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("contact_id", name=op.f("pk_contact_fact")),
        info={"scope": "central"},
    )
    op.create_index("ix_contact_fact_received_at", "contact_fact", ["received_at"])
    op.create_index("ix_contact_fact_closed_at", "contact_fact", ["closed_at"])
    op.create_table(
        "contact_fact_stale",
        sa.Column("contact_id", sa.Uuid(), nullable=False),
        sa.PrimaryKeyConstraint("contact_id", name=op.f("pk_contact_fact_stale")),
        info={"scope": "central"},
    )
    bind = op.get_bind()
    op.execute("INSERT INTO contact_fact_stale (contact_id) SELECT id FROM contact")
    if bind.dialect.name != "postgresql":
        for trigger in SQLITE_TRIGGERS:
            op.execute(trigger)
        return
    rows = bind.execute(sa.text("SELECT role, quote_ident(name) FROM centre_role")).all()
    groups: dict[str, str] = {str(r[0]): str(r[1]) for r in rows}
    script = (_SQL / "d5a1f3b7c9e2_facts.sql").read_text(encoding="utf-8")
    op.execute(
        script.replace("@advisor@", groups["advisor"]).replace("@supervisor@", groups["supervisor"])
    )
    op.execute("SELECT public.relais_refresh_facts()")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER facts_contact_insert ON public.contact")
        op.execute("DROP TRIGGER facts_contact_update ON public.contact")
        op.execute("DROP TRIGGER facts_message_insert ON public.message")
        op.execute("DROP TRIGGER facts_wrap_up_insert ON public.wrap_up")
        op.execute("DROP TRIGGER facts_assignment_update ON public.contact_assignment")
        op.execute(
            "DROP FUNCTION public.relais_refresh_facts(), public.relais_facts_inserted_contacts(), "
            "public.relais_facts_updated_contact(), public.relais_facts_new_messages(), "
            "public.relais_facts_new_wrap_ups(), public.relais_facts_assignment()"
        )
    else:
        for name in _SQLITE_NAMES:
            op.execute(f"DROP TRIGGER {name}")
    op.drop_table("contact_fact_stale")
    op.drop_index("ix_contact_fact_closed_at", "contact_fact")
    op.drop_index("ix_contact_fact_received_at", "contact_fact")
    op.drop_table("contact_fact")


# The embedded centre's marks, as sql/d5a1f3b7c9e2_facts.sql makes them on PostgreSQL (SQLite's
# triggers are row triggers; its times are text, compared with a minute's margin either side, so
# that what is marked is a little more than needed, never less).
_MARK = "INSERT OR IGNORE INTO contact_fact_stale (contact_id) "
_EARLIER = (
    "SELECT k.id FROM contact k WHERE k.customer_id = {customer} AND k.id <> NEW.id "
    "AND k.closed_at IS NOT NULL AND k.received_at < strftime('%Y-%m-%d %H:%M:%f', {at}, '+1 minute') "
    "AND k.closed_at >= strftime('%Y-%m-%d %H:%M:%f', {at}, '-7 days', '-1 minute')"
)
_CHANGED = (
    "OLD.closed_at IS NOT NEW.closed_at OR (OLD.status = 'closed') IS NOT (NEW.status = 'closed') "
    "OR OLD.received_at IS NOT NEW.received_at OR OLD.team_id IS NOT NEW.team_id "
    "OR OLD.channel IS NOT NEW.channel OR OLD.customer_id IS NOT NEW.customer_id "
    "OR OLD.parent_id IS NOT NEW.parent_id OR OLD.call_started_at IS NOT NEW.call_started_at "
    "OR OLD.call_ended_at IS NOT NEW.call_ended_at "
    "OR (NEW.status = 'closed' AND OLD.assigned_to IS NOT NEW.assigned_to)"
)
SQLITE_TRIGGERS = (
    "CREATE TRIGGER facts_contact_insert AFTER INSERT ON contact BEGIN "
    f"{_MARK} VALUES (NEW.id); "
    f"{_MARK} {_EARLIER.format(customer='NEW.customer_id', at='NEW.received_at')} "
    "AND NEW.parent_id IS NULL; END",
    f"CREATE TRIGGER facts_contact_update AFTER UPDATE ON contact WHEN {_CHANGED} BEGIN "
    f"{_MARK} VALUES (NEW.id); "
    f"{_MARK} {_EARLIER.format(customer='NEW.customer_id', at='NEW.received_at')}; "
    f"{_MARK} {_EARLIER.format(customer='OLD.customer_id', at='OLD.received_at')}; END",
    "CREATE TRIGGER facts_message_insert AFTER INSERT ON message "
    f"WHEN NEW.direction = 'outbound' BEGIN {_MARK} VALUES (NEW.contact_id); END",
    f"CREATE TRIGGER facts_wrap_up_insert AFTER INSERT ON wrap_up BEGIN {_MARK} "
    "VALUES (NEW.contact_id); END",
    "CREATE TRIGGER facts_assignment_update AFTER UPDATE ON contact_assignment "
    "WHEN OLD.ended_at IS NOT NEW.ended_at OR OLD.started_at IS NOT NEW.started_at "
    "OR OLD.advisor_id IS NOT NEW.advisor_id "
    f"BEGIN {_MARK} VALUES (NEW.contact_id); END",
)
_SQLITE_NAMES = (
    "facts_contact_insert",
    "facts_contact_update",
    "facts_message_insert",
    "facts_wrap_up_insert",
    "facts_assignment_update",
)
