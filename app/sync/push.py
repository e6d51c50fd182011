"""Sending the outbox: batches in order, each applied once on the centre, answers kept here.

An operation the centre accepted leaves the outbox; one it refused stays, marked with the reason,
for the advisor to see (it never blocks the operations behind it). If the connection drops after
the centre committed but before this side heard it, the next push sends the batch again and the
centre, which remembers the last operation it applied for this workstation, answers the same.
"""

import logging
import random
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass, replace

from sqlalchemy import delete, select, update
from sqlalchemy.exc import DBAPIError

from app.db import Database, storage_errors
from app.ids import new_id
from app.models import OutboxOp
from app.sync import state
from app.sync.apply import Answer, Diverged, Op, Pusher, apply_batch, centre_busy, transient
from app.sync.pull import refresh

log = logging.getLogger(__name__)

BATCH = 500
ATTEMPTS = 4


@dataclass
class PushReport:
    applied: int = 0
    refused: int = 0
    new_identity: Pusher | None = None  # set when this workstation had to take a new identity
    refreshed: int = 0  # rows brought back as the centre has them (a refusal, a lost field)


def push(local: Database, central: Database, who: Pusher, batch: int = BATCH) -> PushReport:
    report = PushReport()
    after = 0
    while True:
        with local.session() as s:
            ops = [
                Op(*row)
                for row in s.execute(
                    select(
                        OutboxOp.seq,
                        OutboxOp.op_id,
                        OutboxOp.kind,
                        OutboxOp.table_name,
                        OutboxOp.row_id,
                        OutboxOp.payload,
                    )
                    .where(OutboxOp.state == "pending", OutboxOp.seq > after)
                    .order_by(OutboxOp.seq)
                    .limit(batch)
                )
            ]
        if not ops:
            return report
        try:
            answers = _send(central, who, ops)
        except Diverged:
            log.warning("The centre knows this workstation's numbers otherwise: new identity")
            with local.session() as s:
                state.put(s, "workstation_id", str(new_id()))
                who = replace(who, workstation_id=state.workstation_id(s))
            report.new_identity = who
            continue
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
        updated: dict[str, set[uuid.UUID]] = defaultdict(set)
        for op in ops:
            if op.kind == "update":
                updated[op.table_name].add(op.row_id)
        report.refreshed += refresh(local, central, updated).rows


def _send(central: Database, who: Pusher, ops: list[Op]) -> list[Answer]:
    """One batch in one central transaction; a deadlock or a lock not granted (another
    workstation pushing edits of the same rows) rolls it back, and it goes again."""
    for attempt in range(ATTEMPTS):
        try:
            with storage_errors(central), central.engine.begin() as conn:
                return apply_batch(conn, who, ops)
        except DBAPIError as exc:
            if not transient(exc):
                raise
            if attempt == ATTEMPTS - 1:
                raise centre_busy() from exc
            time.sleep(random.uniform(0.05, 0.2) * (attempt + 1))
    raise AssertionError("unreachable")
