"""claim next in one statement

``relais_claim_next`` took a queued contact through a nested call of ``relais_hand_over`` and a
query over its result: about a tenth more of the centre's time per claim than the bare
``UPDATE … RETURNING`` it stands for, when twenty desks claim together on two CPUs. A queued
contact is now taken in that one UPDATE; a lapsed lease, the rare case, still goes through
``relais_hand_over``. The function's text is ``sql/a4e8d2f6c1b9_claim_next.sql``, and the one
before it ``sql/a4e8d2f6c1b9_claim_next_before.sql``: frozen with this revision. Its rights
are unchanged (CREATE OR REPLACE keeps them). Nothing changes on the embedded centre.

Revision ID: a4e8d2f6c1b9
Revises: b7e2d4c81f05
Create Date: 2026-12-02 19:30:00
"""

from collections.abc import Sequence
from pathlib import Path

from alembic import op

revision: str = "a4e8d2f6c1b9"
down_revision: str | None = "b7e2d4c81f05"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SQL = Path(__file__).parent / "sql"


def upgrade() -> None:
    _run("a4e8d2f6c1b9_claim_next.sql")


def downgrade() -> None:
    _run("a4e8d2f6c1b9_claim_next_before.sql")


def _run(script: str) -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute((_SQL / script).read_text(encoding="utf-8"))
