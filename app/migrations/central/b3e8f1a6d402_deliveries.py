"""deliveries: every reply's way to its customer

Replies now leave (issue 11). ``delivery`` holds, for each reply a workstation pushes, its state
on its channel: queued in the push's own transaction, then moved by the channel's connector only,
through the centre's functions (``sql/b3e8f1a6d402_deliveries.sql``, frozen with this revision):
``relais_outgoing`` leases what is due, ``relais_delivery_result`` records sent, a retry with its
pause, failed with the reason, delivered or read, and ``relais_bounced`` fails the reply a
bounce names. A failed reply puts its contact back in the queue. The rows sync to the
workstations like their messages; no user may write them. On the embedded centre the same rules
are ``app.sync.apply_delivery``'s.

Revision ID: b3e8f1a6d402
Revises: c9fac9af5933
Create Date: 2026-12-04 03:00:00
"""

from collections.abc import Sequence
from pathlib import Path

import sqlalchemy as sa
from alembic import op

import app.models.base

revision: str = "b3e8f1a6d402"
down_revision: str | None = "c9fac9af5933"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SQL = Path(__file__).parent / "sql"
_TIME = app.models.base.UTCDateTime(timezone=True)
_QUEUED = sa.text("state = 'queued'")
_CHANNELS = ("phone", "email", "facebook", "x", "instagram", "whatsapp", "letter")
_STATES = ("queued", "sent", "failed", "delivered", "read")


def create_table() -> None:
    """The table and its indexes, the same in the centre and in a workstation's copy."""
    op.create_table(
        "delivery",
        sa.Column("message_id", sa.Uuid(), nullable=False),
        sa.Column("contact_id", sa.Uuid(), nullable=False),
        sa.Column(
            "channel",
            sa.Enum(*_CHANNELS, name="channel", native_enum=False, length=24),
            nullable=False,
        ),
        sa.Column(
            "state",
            sa.Enum(*_STATES, name="deliverystate", native_enum=False, length=16),
            nullable=False,
        ),
        sa.Column("reason", sa.String(length=300), nullable=False),
        sa.Column("attempts", sa.SmallInteger(), nullable=False),
        sa.Column("next_attempt_at", _TIME, nullable=False),
        sa.Column("lease_until", _TIME, nullable=True),
        sa.Column("external_id", sa.String(length=400), nullable=True),
        sa.Column("created_at", _TIME, nullable=False),
        sa.Column("updated_at", _TIME, nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"], ["contact.id"], name=op.f("fk_delivery_contact_id_contact")
        ),
        sa.ForeignKeyConstraint(
            ["message_id"], ["message.id"], name=op.f("fk_delivery_message_id_message")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_delivery")),
        sa.UniqueConstraint("message_id", name=op.f("uq_delivery_message_id")),
    )
    op.create_index("ix_delivery_contact", "delivery", ["contact_id", "created_at"])
    op.create_index(
        "ix_delivery_due",
        "delivery",
        ["channel", "next_attempt_at"],
        postgresql_where=_QUEUED,
        sqlite_where=_QUEUED,
    )
    op.create_index("ix_delivery_external", "delivery", ["channel", "external_id"])


def drop_table() -> None:
    op.drop_index("ix_delivery_external", "delivery")
    op.drop_index("ix_delivery_due", "delivery")
    op.drop_index("ix_delivery_contact", "delivery")
    op.drop_table("delivery")


def upgrade() -> None:
    create_table()
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        for event in ("insert", "update"):
            op.execute(
                f"CREATE TRIGGER log_{event}_delivery AFTER {event.upper()} ON delivery "
                "BEGIN INSERT INTO change_log (xid, table_name, row_id) "
                "VALUES (0, 'delivery', NEW.id); END"
            )
        return
    roles = {
        str(role): str(name)
        for role, name in bind.execute(sa.text("SELECT role, name FROM public.centre_role"))
    }
    script = (_SQL / "b3e8f1a6d402_deliveries.sql").read_text(encoding="utf-8")
    for role in ("connector", "advisor"):
        quoted = str(bind.scalar(sa.text("SELECT quote_ident(:n)"), {"n": roles[role]}))
        script = script.replace(f"@{role}@", quoted)
    op.execute(script)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute(
            "DROP FUNCTION public.relais_outgoing(text, integer), "
            "public.relais_delivery_result(jsonb), public.relais_bounced(text, text, text), "
            "public.relais_delivery_failed(uuid, text), "
            "public.relais_insert_rows(text, jsonb, uuid, text, uuid)"
        )
        op.execute(
            "ALTER FUNCTION public.relais_insert_checked_rows(text, jsonb, uuid, text, uuid) "
            "RENAME TO relais_insert_rows"
        )
    drop_table()
