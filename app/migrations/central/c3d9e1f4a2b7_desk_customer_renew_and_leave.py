"""desk customers: a user renews and removes their own

Written by hand: opening a customer again renews their stay in the working set, and customers
the user has had no reason to keep leave it (see app.sync.scope). Row-level security already
limits both to the user's own rows.

Revision ID: c3d9e1f4a2b7
Revises: 6b2ab6c53e86
Create Date: 2026-11-22 13:20:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "c3d9e1f4a2b7"
down_revision: str | None = "6b2ab6c53e86"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("GRANT UPDATE, DELETE ON desk_customer TO relais_advisor")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("REVOKE UPDATE, DELETE ON desk_customer FROM relais_advisor")
