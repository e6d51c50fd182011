"""deliveries: the copy of each reply's state on its channel

The centre's ``delivery`` rows (central revision b3e8f1a6d402) sync to the copy like the
messages they belong to, so that the thread and the queue say what became of a reply.

Revision ID: e6a2c9d41f87
Revises: c4f9a2e6d713
Create Date: 2026-12-04 03:00:00
"""

from collections.abc import Sequence

from app.migrations.central.b3e8f1a6d402_deliveries import create_table, drop_table

revision: str = "e6a2c9d41f87"
down_revision: str | None = "c4f9a2e6d713"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    create_table()


def downgrade() -> None:
    drop_table()
