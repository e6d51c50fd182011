"""channel keys and the connectors' receive

Contacts now arrive from the channels (issue 11): a connector beside the centre hands each
message it reads to ``relais_receive(jsonb)`` (``sql/c9fac9af5933_receive.sql``, frozen with
this revision), which stores it by the centre's rules in one transaction. ``channel_key`` holds
each message's id on its channel, so that a redelivery stores nothing and a reply finds its
thread. Connectors log in as members of this centre's own ``connector`` group role, which may
call that function and nothing else: no table is theirs to read or write. On the embedded
centre the same rules are ``app.sync.apply_receive``'s.

Revision ID: c9fac9af5933
Revises: d5a1f3b7c9e2
Create Date: 2026-12-03 18:56:55
"""

from collections.abc import Sequence
from pathlib import Path

import sqlalchemy as sa
from alembic import op

import app.models.base
from app.migrations.central.e1b7c4a9d2f0_the_centre_checks_every_write import group_name

revision: str = "c9fac9af5933"
down_revision: str | None = "d5a1f3b7c9e2"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SQL = Path(__file__).parent / "sql"


def upgrade() -> None:
    op.create_table(
        "channel_key",
        sa.Column("channel", sa.String(length=24), nullable=False),
        sa.Column("key", sa.String(length=400), nullable=False),
        sa.Column("message_id", sa.Uuid(), nullable=False),
        sa.Column("contact_id", sa.Uuid(), nullable=False),
        sa.Column("created_at", app.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contact.id"],
            name=op.f("fk_channel_key_contact_id_contact"),
            initially="DEFERRED",
            deferrable=True,
        ),
        sa.ForeignKeyConstraint(
            ["message_id"],
            ["message.id"],
            name=op.f("fk_channel_key_message_id_message"),
            initially="DEFERRED",
            deferrable=True,
        ),
        sa.PrimaryKeyConstraint("channel", "key", name=op.f("pk_channel_key")),
        info={"scope": "central"},
    )
    op.create_index("ix_channel_key_contact_id", "channel_key", ["contact_id"])
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    database = str(bind.scalar(sa.text("SELECT current_database()")))
    connector = group_name(database, "connector")
    quoted = str(bind.scalar(sa.text("SELECT quote_ident(:n)"), {"n": connector}))
    if not bind.scalar(sa.text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": connector}):
        op.execute(f"CREATE ROLE {quoted} NOLOGIN")
    bind.execute(
        sa.text("INSERT INTO public.centre_role (role, name) VALUES ('connector', :n)"),
        {"n": connector},
    )
    script = (_SQL / "c9fac9af5933_receive.sql").read_text(encoding="utf-8")
    database_name = str(bind.scalar(sa.text("SELECT quote_ident(current_database())")))
    op.execute(script.replace("@connector@", quoted).replace("@database@", database_name))


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute("DROP FUNCTION public.relais_receive(jsonb)")
        name = bind.scalar(sa.text("SELECT name FROM public.centre_role WHERE role = 'connector'"))
        op.execute("DELETE FROM public.centre_role WHERE role = 'connector'")
        if name is not None:
            quoted = str(bind.scalar(sa.text("SELECT quote_ident(:n)"), {"n": name}))
            database = str(bind.scalar(sa.text("SELECT quote_ident(current_database())")))
            op.execute(f"REVOKE ALL ON DATABASE {database} FROM {quoted}")
            op.execute(f"REVOKE ALL ON SCHEMA public FROM {quoted}")
            op.execute(f"DROP ROLE {quoted}")
    op.drop_index("ix_channel_key_contact_id", "channel_key")
    op.drop_table("channel_key")
