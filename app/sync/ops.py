"""What a push carries to the centre and what the centre answers, on either kind of centre.

The rules that turn operations into rows live on the centre (``relais_push`` on PostgreSQL, the
embedded rules of app.sync.apply on SQLite); this module is only their vocabulary.
"""

import uuid
from dataclasses import dataclass
from typing import Any

# Refusal codes (the text before the colon of a refusal): final answers of the centre.
STALE_CLAIM = "stale_claim"
PERMISSION = "permission"
INVALID = "invalid"


@dataclass(frozen=True)
class Op:
    seq: int
    op_id: uuid.UUID
    kind: str
    table_name: str
    row_id: uuid.UUID
    payload: dict[str, Any]

    def wire(self) -> dict[str, Any]:
        """The operation as the centre's ``relais_push`` reads it."""
        return {
            "seq": self.seq,
            "op_id": str(self.op_id),
            "kind": self.kind,
            "table": self.table_name,
            "row_id": str(self.row_id),
            "values": self.payload.get("values"),
            "before": self.payload.get("before"),
            "claim": self.payload.get("claim"),
        }


@dataclass(frozen=True)
class Answer:
    seq: int
    refused: str | None = None  # "code: detail" when the centre refused the operation


@dataclass(frozen=True)
class Failure:
    """The centre's own code failed on this operation (a bug, not a refusal): it and those
    behind it wait on the workstation, and the push tries again later."""

    seq: int
    detail: str


@dataclass(frozen=True)
class Batch:
    """The centre's answer to a batch: one answer per operation it settled, in order; the
    operations after ``failure`` (if any) were not looked at."""

    answers: list[Answer]
    failure: Failure | None = None


@dataclass(frozen=True)
class Pusher:
    workstation_id: uuid.UUID
    login: str
    advisor_id: uuid.UUID | None


class Diverged(Exception):
    """The centre has applied operations under this workstation's numbers that this outbox does
    not hold (its database was restored from a backup, or copied from another workstation): its
    numbers mean something else now, so it must push under a new identity."""


def answers_upto(ops: list[Op], upto: int, refused: dict[int, str]) -> list[Answer]:
    """Answers for the operations the centre settled (those numbered up to ``upto``)."""
    return [Answer(op.seq, refused.get(op.seq)) for op in ops if op.seq <= upto]
