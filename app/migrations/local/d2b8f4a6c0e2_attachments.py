"""attachments: the copy of the files customers sent

The centre's ``attachment`` rows (central revision d2b8f4a6c0e1) sync to the copy like the
messages they belong to, so that the thread lists them and the advisor can save one.

Revision ID: d2b8f4a6c0e2
Revises: e6a2c9d41f87
Create Date: 2026-12-04 18:00:00
"""

from collections.abc import Sequence

from app.migrations.central.d2b8f4a6c0e1_attachments import create_table, drop_table

revision: str = "d2b8f4a6c0e2"
down_revision: str | None = "e6a2c9d41f87"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    create_table()


def downgrade() -> None:
    drop_table()
