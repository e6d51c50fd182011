"""attachments: the files customers send, kept on the centre and never opened

An e-mail's attachments and a chat's media (issue 11) become ``attachment`` rows: the file's
sanitised name, its type as declared and as sniffed, its size, its SHA-256 and its bytes, or,
for one over the connector's limits or one the platform would not give, why it was not kept.
Only the connector functions write them (``sql/d2b8f4a6c0e1_attachments.sql``, frozen with this
revision): ``relais_attach`` in the transaction of the message's ``relais_receive``,
``relais_attachments_due`` and ``relais_attachment_fetched`` for a chat's media fetched after
the message was stored; ``relais_letter_customer`` links a letter to the customer whose account
number it bears; ``relais_letter_printed`` (an advisor's) says a reply to a letter was printed,
its delivery sent. The rows sync to the workstations like their messages and are readable
as the messages are; no user may write them. On the embedded centre the same rules are
``app.sync.apply_attachments``'s.

Revision ID: d2b8f4a6c0e1
Revises: f4c2a8e1d6b3
Create Date: 2026-12-04 18:00:00
"""

from collections.abc import Sequence
from pathlib import Path

import sqlalchemy as sa
from alembic import op

import app.models.base

revision: str = "d2b8f4a6c0e1"
down_revision: str | None = "f4c2a8e1d6b3"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SQL = Path(__file__).parent / "sql"
_TIME = app.models.base.UTCDateTime(timezone=True)
_PENDING = sa.text("state = 'pending'")
_STATES = ("kept", "pending", "too_large", "failed")


def create_table() -> None:
    """The table and its indexes, the same in the centre and in a workstation's copy."""
    op.create_table(
        "attachment",
        sa.Column("message_id", sa.Uuid(), nullable=False),
        sa.Column("contact_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.SmallInteger(), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("declared_type", sa.String(length=127), nullable=False),
        sa.Column("sniffed_type", sa.String(length=127), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=True),
        sa.Column("content", sa.LargeBinary(), nullable=True),
        sa.Column(
            "state",
            sa.Enum(*_STATES, name="attachmentstate", native_enum=False, length=16),
            nullable=False,
        ),
        sa.Column("reason", sa.String(length=300), nullable=False),
        sa.Column("source", sa.String(length=2000), nullable=True),
        sa.Column("attempts", sa.SmallInteger(), nullable=False),
        sa.Column("next_attempt_at", _TIME, nullable=True),
        sa.Column("created_at", _TIME, nullable=False),
        sa.Column("updated_at", _TIME, nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"], ["contact.id"], name=op.f("fk_attachment_contact_id_contact")
        ),
        sa.ForeignKeyConstraint(
            ["message_id"], ["message.id"], name=op.f("fk_attachment_message_id_message")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attachment")),
    )
    op.create_index("ix_attachment_contact", "attachment", ["contact_id", "created_at"])
    op.create_index(
        "uq_attachment_message_position", "attachment", ["message_id", "position"], unique=True
    )
    op.create_index(
        "ix_attachment_pending",
        "attachment",
        ["next_attempt_at"],
        postgresql_where=_PENDING,
        sqlite_where=_PENDING,
    )


def drop_table() -> None:
    op.drop_index("ix_attachment_pending", "attachment")
    op.drop_index("uq_attachment_message_position", "attachment")
    op.drop_index("ix_attachment_contact", "attachment")
    op.drop_table("attachment")


def upgrade() -> None:
    create_table()
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        for event in ("insert", "update"):
            op.execute(
                f"CREATE TRIGGER log_{event}_attachment AFTER {event.upper()} ON attachment "
                "BEGIN INSERT INTO change_log (xid, table_name, row_id) "
                "VALUES (0, 'attachment', NEW.id); END"
            )
        return
    roles = {
        str(role): str(name)
        for role, name in bind.execute(sa.text("SELECT role, name FROM public.centre_role"))
    }
    script = (_SQL / "d2b8f4a6c0e1_attachments.sql").read_text(encoding="utf-8")
    for role in ("connector", "advisor"):
        quoted = str(bind.scalar(sa.text("SELECT quote_ident(:n)"), {"n": roles[role]}))
        script = script.replace(f"@{role}@", quoted)
    op.execute(script)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute(
            "DROP FUNCTION public.relais_attach(uuid, jsonb, bytea[]), "
            "public.relais_attachments_due(text, integer), "
            "public.relais_attachment_fetched(jsonb, bytea), "
            "public.relais_attachment_name_ok(text), "
            "public.relais_letter_customer(uuid, text), "
            "public.relais_letter_printed(uuid)"
        )
    else:
        for event in ("insert", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS log_{event}_attachment")
    drop_table()
