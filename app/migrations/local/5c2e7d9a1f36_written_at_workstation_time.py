"""written_at: a message's or note's workstation time, beside the centre's

The centre now stamps ``created_at`` with its own clock (the thread's order); the time the
advisor wrote it on this workstation is kept in ``written_at``.

Revision ID: 5c2e7d9a1f36
Revises: 1474bec4b9d3
Create Date: 2026-12-01 23:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import app.models.base

revision: str = "5c2e7d9a1f36"
down_revision: str | None = "1474bec4b9d3"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    for table in ("message", "note"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("written_at", app.models.base.UTCDateTime(timezone=True), nullable=True)
            )


def downgrade() -> None:
    for table in ("message", "note"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("written_at")
