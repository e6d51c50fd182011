"""Sending the outbox: batches in order, each applied once on the centre, answers kept here.

An operation the centre accepted leaves the outbox; one it refused stays, marked with the reason,
for the advisor to see (it never blocks the operations behind it). If the connection drops after
the centre committed but before this side heard it, the next push sends the batch again and the
centre, which remembers the last operation it applied for this workstation, answers the same.
"""

from dataclasses import dataclass

from sqlalchemy import delete, select, update

from app.db import Database, storage_errors
from app.models import OutboxOp
from app.sync.apply import Op, Pusher, apply_batch

BATCH = 500


@dataclass
class PushReport:
    applied: int = 0
    refused: int = 0


def push(local: Database, central: Database, who: Pusher, batch: int = BATCH) -> PushReport:
    report = PushReport()
    after = 0
    while True:
        with local.session() as s:
            ops = [
                Op(o.seq, o.kind, o.table_name, o.row_id, o.payload)
                for o in s.scalars(
                    select(OutboxOp)
                    .where(OutboxOp.state == "pending", OutboxOp.seq > after)
                    .order_by(OutboxOp.seq)
                    .limit(batch)
                )
            ]
        if not ops:
            return report
        with storage_errors(central), central.engine.begin() as conn:
            answers = apply_batch(conn, who, ops)
        done = [a.seq for a in answers if a.refused is None]
        with local.session() as s:
            if done:
                s.execute(delete(OutboxOp).where(OutboxOp.seq.in_(done)))
            for answer in answers:
                if answer.refused is not None:
                    s.execute(
                        update(OutboxOp)
                        .where(OutboxOp.seq == answer.seq)
                        .values(state="refused", error=answer.refused)
                    )
        report.applied += len(done)
        report.refused += len(answers) - len(done)
        after = ops[-1].seq
