"""supersedes indexes

The current wrap-up or evaluation of a contact is the one nothing supersedes: the centre's
review trigger asks it for every survey answer, the figures for every contact. Without an index
on ``supersedes_id`` each question read the whole table, and seeding 200,000 contacts spent
minutes there; and SQLite, with no statistics, looked the holder's wrap-up up by the
advisor alone, reading all their wrap-ups for each answer.

Revision ID: c4f9a2e6d713
Revises: 20a7caaeb03c
Create Date: 2026-12-02 15:05:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "c4f9a2e6d713"
down_revision: str | None = "20a7caaeb03c"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_wrap_up_supersedes_id", "wrap_up", ["supersedes_id"])
    op.create_index("ix_evaluation_supersedes_id", "evaluation", ["supersedes_id"])
    op.create_index("ix_wrap_up_contact_advisor", "wrap_up", ["contact_id", "advisor_id"])


def downgrade() -> None:
    op.drop_index("ix_wrap_up_contact_advisor", "wrap_up")
    op.drop_index("ix_evaluation_supersedes_id", "evaluation")
    op.drop_index("ix_wrap_up_supersedes_id", "wrap_up")
