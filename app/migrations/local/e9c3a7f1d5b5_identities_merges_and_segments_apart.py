"""identities edited, customers merged, segments kept apart: the copy's side

The centre's ``identity_removal``, ``customer_merge`` and ``segment_apart`` rows and
``customer.merged_into`` (central revision e9c3a7f1d5b4) sync to the copy: a removal brought by
the pull deletes the identity it names from the copy, a merge shows in the customer pane and in
search, and the segments kept apart let the workstation say why before it writes.

Revision ID: e9c3a7f1d5b5
Revises: d2b8f4a6c0e2
Create Date: 2026-12-04 21:00:00
"""

from collections.abc import Sequence

from app.migrations.central.e9c3a7f1d5b4_identities_merges_and_segments_apart import (
    create_tables,
    drop_tables,
)

revision: str = "e9c3a7f1d5b5"
down_revision: str | None = "d2b8f4a6c0e2"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    create_tables()


def downgrade() -> None:
    drop_tables()
