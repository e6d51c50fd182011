"""identities edited, customers merged, segments kept apart

Issue 11, identity. An advisor corrects or removes a customer's identity, and adds one with the
centre's checks, through ``relais_identity_add``, ``relais_identity_change`` and
``relais_identity_remove``; a removal leaves an ``identity_removal`` row (the removed identity's
own id, as it was, who and when), which the pull carries to the copies: the change log carries
no deletions. A supervisor merges customer B into A (``relais_merge_customers``: B's contacts
and identities move to A, B is kept and marked ``merged_into``, the ``customer_merge`` row says
who, when by the centre's clock and exactly what moved) and undoes it
(``relais_undo_merge``: what moved goes back, nothing else). ``segment_apart`` lists the
segments of legal estates that never mix (online accounts, retail): triggers on the centre
refuse an identity shared across estates, a contact moved across, a segment change that would
bring a customer across — whatever path writes them — and the merge refuses with the reason.

The functions' text is ``sql/e9c3a7f1d5b4_identities.sql``, frozen with this revision; on the
embedded centre the same rules are ``app.sync.apply_identities``'s, and SQLite triggers the
same refusals.

Revision ID: e9c3a7f1d5b4
Revises: c7a1e9d3b5f2
Create Date: 2026-12-04 21:00:00
"""

from collections.abc import Sequence
from pathlib import Path

import sqlalchemy as sa
from alembic import op

import app.models.base

revision: str = "e9c3a7f1d5b4"
down_revision: str | None = "c7a1e9d3b5f2"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SQL = Path(__file__).parent / "sql"
_TIME = app.models.base.UTCDateTime(timezone=True)
_KINDS = ("phone", "email", "facebook", "x", "instagram", "whatsapp")
_NEW_TABLES = ("identity_removal", "customer_merge", "segment_apart")

# The segments kept apart when a centre is made; an administrator may add others (one row per
# segment and its estate).
SEEDED = (
    ("online", "online", "Online-account customers are served under the online licence"),
    ("retail", "retail", "Retail customers are served under the retail network's licence"),
)


def _triggers_of(table: str) -> list[str]:
    """SQLite's triggers on ``table``: a batch alteration rebuilds the table without them (the
    change log's and the checks' triggers would be lost), so they are made again after."""
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return []
    return [
        str(sql)
        for (sql,) in bind.execute(
            sa.text("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = :t"),
            {"t": table},
        )
        if sql
    ]


def create_tables() -> None:
    """The tables and the column, the same in the centre and in a workstation's copy."""
    triggers = _triggers_of("customer")
    with op.batch_alter_table("customer") as batch:
        batch.add_column(sa.Column("merged_into", sa.Uuid(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_customer_merged_into_customer"), "customer", ["merged_into"], ["id"]
        )
    for trigger in triggers:
        op.execute(trigger)
    op.create_table(
        "identity_removal",
        sa.Column("customer_id", sa.Uuid(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(*_KINDS, name="identitykind", native_enum=False, length=16),
            nullable=False,
        ),
        sa.Column("value", sa.String(length=320), nullable=False),
        sa.Column("display", sa.String(length=320), nullable=False),
        sa.Column("removed_by", sa.Uuid(), nullable=True),
        sa.Column("removed_at", _TIME, nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customer.id"], name=op.f("fk_identity_removal_customer_id_customer")
        ),
        sa.ForeignKeyConstraint(
            ["removed_by"], ["advisor.id"], name=op.f("fk_identity_removal_removed_by_advisor")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_identity_removal")),
    )
    op.create_index(op.f("ix_identity_removal_customer_id"), "identity_removal", ["customer_id"])
    op.create_table(
        "customer_merge",
        sa.Column("customer_id", sa.Uuid(), nullable=False),
        sa.Column("merged_id", sa.Uuid(), nullable=False),
        sa.Column("merged_by", sa.Uuid(), nullable=False),
        sa.Column("merged_at", _TIME, nullable=False),
        sa.Column("moved", sa.JSON(), nullable=False),
        sa.Column("undone_by", sa.Uuid(), nullable=True),
        sa.Column("undone_at", _TIME, nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customer.id"], name=op.f("fk_customer_merge_customer_id_customer")
        ),
        sa.ForeignKeyConstraint(
            ["merged_id"], ["customer.id"], name=op.f("fk_customer_merge_merged_id_customer")
        ),
        sa.ForeignKeyConstraint(
            ["merged_by"], ["advisor.id"], name=op.f("fk_customer_merge_merged_by_advisor")
        ),
        sa.ForeignKeyConstraint(
            ["undone_by"], ["advisor.id"], name=op.f("fk_customer_merge_undone_by_advisor")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customer_merge")),
    )
    op.create_index("ix_customer_merge_customer", "customer_merge", ["customer_id", "merged_at"])
    op.create_index("ix_customer_merge_merged", "customer_merge", ["merged_id", "merged_at"])
    op.create_table(
        "segment_apart",
        sa.Column("segment", sa.String(length=32), nullable=False),
        sa.Column("estate", sa.String(length=32), nullable=False),
        sa.Column("reason", sa.String(length=300), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_segment_apart")),
        sa.UniqueConstraint("segment", name=op.f("uq_segment_apart_segment")),
    )


def drop_tables() -> None:
    op.drop_table("segment_apart")
    op.drop_index("ix_customer_merge_merged", "customer_merge")
    op.drop_index("ix_customer_merge_customer", "customer_merge")
    op.drop_table("customer_merge")
    op.drop_index(op.f("ix_identity_removal_customer_id"), "identity_removal")
    op.drop_table("identity_removal")
    triggers = _triggers_of("customer")
    with op.batch_alter_table("customer") as batch:
        batch.drop_constraint(op.f("fk_customer_merged_into_customer"), type_="foreignkey")
        batch.drop_column("merged_into")
    for trigger in triggers:
        op.execute(trigger)


def _seed() -> None:
    import uuid

    table = sa.table(
        "segment_apart",
        sa.column("id", sa.Uuid()),
        sa.column("segment", sa.String()),
        sa.column("estate", sa.String()),
        sa.column("reason", sa.String()),
    )
    op.bulk_insert(
        table,
        [{"id": uuid.uuid4(), "segment": s, "estate": e, "reason": r} for s, e, r in SEEDED],
    )


# SQLite: the same refusals as the centre's triggers (a constant message: SQLite's RAISE takes
# no format). Each first asks whether the customer's segment is listed at all, so a centre with
# none kept apart pays one look-up per row.
_APART = (
    "kept apart: these customers are in segments kept apart (online accounts and retail); "
    "nothing may join them"
)
_SQLITE_TRIGGERS = (
    f"""
CREATE TRIGGER apart_identity_insert BEFORE INSERT ON customer_identity
WHEN EXISTS (SELECT 1 FROM customer cn JOIN segment_apart b ON b.segment = cn.segment
             WHERE cn.id = NEW.customer_id)
 AND EXISTS (SELECT 1 FROM customer_identity j
             JOIN customer cj ON cj.id = j.customer_id
             JOIN segment_apart a ON a.segment = cj.segment
             JOIN customer cn ON cn.id = NEW.customer_id
             JOIN segment_apart b ON b.segment = cn.segment
             WHERE j.kind IN {_KINDS} AND j.value = NEW.value
               AND j.customer_id <> NEW.customer_id AND a.estate <> b.estate)
BEGIN SELECT RAISE(ABORT, '{_APART}'); END""",
    f"""
CREATE TRIGGER apart_identity_update BEFORE UPDATE OF value, customer_id ON customer_identity
WHEN EXISTS (SELECT 1 FROM customer cn JOIN segment_apart b ON b.segment = cn.segment
             WHERE cn.id = NEW.customer_id)
 AND EXISTS (SELECT 1 FROM customer_identity j
             JOIN customer cj ON cj.id = j.customer_id
             JOIN segment_apart a ON a.segment = cj.segment
             JOIN customer cn ON cn.id = NEW.customer_id
             JOIN segment_apart b ON b.segment = cn.segment
             WHERE j.kind IN {_KINDS} AND j.value = NEW.value AND j.id <> NEW.id
               AND j.customer_id <> NEW.customer_id AND a.estate <> b.estate)
BEGIN SELECT RAISE(ABORT, '{_APART}'); END""",
    f"""
CREATE TRIGGER apart_contact_customer BEFORE UPDATE OF customer_id ON contact
WHEN NEW.customer_id IS NOT NULL AND OLD.customer_id IS NOT NULL
 AND NEW.customer_id <> OLD.customer_id
 AND EXISTS (SELECT 1 FROM customer co JOIN segment_apart a ON a.segment = co.segment
             JOIN customer cn ON cn.id = NEW.customer_id
             JOIN segment_apart b ON b.segment = cn.segment
             WHERE co.id = OLD.customer_id AND a.estate <> b.estate)
BEGIN SELECT RAISE(ABORT, '{_APART}'); END""",
    f"""
CREATE TRIGGER apart_contact_sender BEFORE UPDATE OF customer_id ON contact
WHEN NEW.customer_id IS NOT NULL AND NEW.sender_address <> ''
 AND EXISTS (SELECT 1 FROM customer cn JOIN segment_apart b ON b.segment = cn.segment
             WHERE cn.id = NEW.customer_id)
 AND EXISTS (SELECT 1 FROM customer_identity j
             JOIN customer cj ON cj.id = j.customer_id
             JOIN segment_apart a ON a.segment = cj.segment
             JOIN customer cn ON cn.id = NEW.customer_id
             JOIN segment_apart b ON b.segment = cn.segment
             WHERE j.kind IN {_KINDS}
               AND j.value IN (lower(NEW.sender_address), '+' || NEW.sender_address)
               AND a.estate <> b.estate)
BEGIN SELECT RAISE(ABORT, '{_APART}'); END""",
    f"""
CREATE TRIGGER apart_customer_segment BEFORE UPDATE OF segment ON customer
WHEN NEW.segment IS NOT OLD.segment
 AND EXISTS (SELECT 1 FROM segment_apart b WHERE b.segment = NEW.segment)
 AND EXISTS (SELECT 1 FROM customer_identity i
             JOIN customer_identity j ON j.kind = i.kind AND j.value = i.value
             JOIN customer cj ON cj.id = j.customer_id
             JOIN segment_apart a ON a.segment = cj.segment
             JOIN segment_apart b ON b.segment = NEW.segment
             WHERE i.customer_id = NEW.id AND j.customer_id <> NEW.id
               AND a.estate <> b.estate)
BEGIN SELECT RAISE(ABORT, '{_APART}'); END""",
)
_SQLITE_TRIGGER_NAMES = (
    "apart_identity_insert",
    "apart_identity_update",
    "apart_contact_customer",
    "apart_contact_sender",
    "apart_customer_segment",
)


def upgrade() -> None:
    create_tables()
    _seed()
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        for table in _NEW_TABLES:
            for event in ("insert", "update"):
                op.execute(
                    f"CREATE TRIGGER log_{event}_{table} AFTER {event.upper()} ON {table} "
                    f"BEGIN INSERT INTO change_log (xid, table_name, row_id) "
                    f"VALUES (0, '{table}', NEW.id); END"
                )
        for trigger in _SQLITE_TRIGGERS:
            op.execute(trigger)
        return
    script = (_SQL / "e9c3a7f1d5b4_identities.sql").read_text(encoding="utf-8")
    for role, name in bind.execute(sa.text("SELECT role, name FROM public.centre_role")):
        quoted = str(bind.scalar(sa.text("SELECT quote_ident(:n)"), {"n": name}))
        script = script.replace(f"@{role}@", quoted)
    op.execute(script)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute(
            "DROP TRIGGER apart_identity ON public.customer_identity; "
            "DROP TRIGGER apart_contact ON public.contact; "
            "DROP TRIGGER apart_segment ON public.customer; "
            "DROP FUNCTION public.relais_identity_add(uuid, uuid, text, text, text), "
            "public.relais_identity_change(uuid, text, text), "
            "public.relais_identity_remove(uuid), "
            "public.relais_merge_preview(uuid, uuid), "
            "public.relais_merge_customers(uuid, uuid), "
            "public.relais_undo_merge(uuid), "
            "public.relais_merge_refusal(uuid, uuid, text, uuid), "
            "public.relais_merge_allowed(uuid, uuid, text, uuid), "
            "public.relais_merger(), public.relais_identity_user(), "
            "public.relais_identity_writer(uuid, text), "
            "public.relais_identity_refusal(text, text, uuid), "
            "public.relais_identity_holder(text, text, uuid), "
            "public.relais_identity_shape(text, text), "
            "public.relais_apart_identity(), public.relais_apart_contact(), "
            "public.relais_apart_segment(), public.relais_apart(text, text), "
            "public.relais_apart_reason(text, text)"
        )
    else:
        for name in _SQLITE_TRIGGER_NAMES:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        for table in _NEW_TABLES:
            for event in ("insert", "update"):
                op.execute(f"DROP TRIGGER IF EXISTS log_{event}_{table}")
    drop_tables()
