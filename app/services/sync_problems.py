"""What did not go through: this workstation's refused operations, those waiting because the
centre failed on them, and the values that lost a conflict on the centre (row-level security
shows advisors their own, supervisors their team's)."""

import json

from sqlalchemy import select

from app.db import Database
from app.dto import SyncProblem
from app.models import Advisor, OutboxOp, SyncConflict

LIMIT = 500


class SyncProblemService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def recent(self, limit: int = LIMIT) -> list[SyncProblem]:
        with self._db.session() as s:
            names = dict(s.execute(select(Advisor.id, Advisor.display_name)).all())
            refused = [
                SyncProblem(
                    kind=op.state,
                    at=op.created_at,
                    who="",
                    what=op.table_name,
                    value=_short(op.payload.get("values", {})),
                    reason=op.error or "",
                )
                for op in s.scalars(
                    select(OutboxOp)
                    .where(
                        (OutboxOp.state == "refused")
                        | ((OutboxOp.state == "pending") & OutboxOp.error.is_not(None))
                    )
                    .order_by(OutboxOp.seq.desc())
                    .limit(limit)
                )
            ]
            lost = [
                SyncProblem(
                    kind="conflict",
                    at=c.created_at,
                    who=names.get(c.advisor_id, "") if c.advisor_id else "",
                    what=f"{c.table_name}.{c.field}",
                    value=_short(c.losing_value),
                    reason=_short(c.winning_value),
                )
                for c in s.scalars(
                    select(SyncConflict).order_by(SyncConflict.created_at.desc()).limit(limit)
                )
            ]
        return sorted(refused + lost, key=lambda p: p.at, reverse=True)


def _short(value: object, width: int = 120) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= width else text[: width - 1] + "…"
