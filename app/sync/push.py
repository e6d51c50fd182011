"""Sending the outbox: batches in order, each applied once on the centre, answers kept here.

An operation the centre accepted leaves the outbox; one it refused stays, marked with the reason,
for the advisor to see (it never blocks the operations behind it). One the centre's own code
failed on stays pending, with what went wrong, and the push stops there until the next cycle: a
bug on the centre never turns the advisor's work into a refusal. If the connection drops after
the centre committed but before this side heard it, the next push sends the batch again and the
centre, which remembers the last operation it applied for this workstation, answers the same.
"""

import logging
import random
import time
import uuid
from collections import defaultdict
from dataclasses import astuple, dataclass, replace

from sqlalchemy import delete, select, update

from app.db import Database
from app.errors import CentreBusy
from app.ids import new_id
from app.models import OutboxOp
from app.sync import centre, state
from app.sync.ops import Batch, Diverged, Failure, Op, Pusher
from app.sync.pull import refresh

log = logging.getLogger(__name__)

BATCH = 500
ATTEMPTS = 4


@dataclass
class PushReport:
    applied: int = 0
    refused: int = 0
    new_identity: Pusher | None = None  # set when this workstation had to take a new identity
    failure: Failure | None = None  # the centre's code failed on this one: it waits


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
            result = _send(central, who, ops)
        except Diverged:
            log.warning("The centre knows this workstation's numbers otherwise: new identity")
            with local.session() as s:
                state.put(s, "workstation_id", str(new_id()))
                who = replace(who, workstation_id=state.workstation_id(s))
            report.new_identity = who
            continue
        answers = result.answers
        done = [a.seq for a in answers if a.refused is None]
        with local.session() as s:
            if done:
                s.execute(delete(OutboxOp).where(OutboxOp.seq.in_(done)))
            if result.failure is not None:
                s.execute(
                    update(OutboxOp)
                    .where(OutboxOp.seq == result.failure.seq)
                    .values(error=f"failed: {result.failure.detail}")
                )
            for answer in answers:
                if answer.refused is not None:
                    s.execute(
                        update(OutboxOp)
                        .where(OutboxOp.seq == answer.seq)
                        .values(state="refused", error=answer.refused)
                    )
        report.applied += len(done)
        report.refused += len(answers) - len(done)
        updated: dict[str, set[uuid.UUID]] = defaultdict(set)
        settled = {a.seq for a in answers}
        for op in ops:
            if op.kind == "update" and op.seq in settled:
                updated[op.table_name].add(op.row_id)
        refresh(local, central, updated)  # rows come back as the centre has them
        if result.failure is not None or len(answers) < len(ops):
            report.failure = result.failure
            if result.failure is not None:
                log.error("The centre failed on operation %s: %s", *astuple(result.failure))
            return report  # what is left waits for the next cycle
        after = ops[-1].seq


def _send(central: Database, who: Pusher, ops: list[Op]) -> Batch:
    """One batch in one central transaction; a deadlock or a lock not granted (another
    workstation pushing edits of the same rows) rolls it back, and it goes again."""
    for attempt in range(ATTEMPTS):
        try:
            return centre.push(central, who, ops)
        except CentreBusy:
            if attempt == ATTEMPTS - 1:
                raise
            time.sleep(random.uniform(0.05, 0.2) * (attempt + 1))
    raise AssertionError("unreachable")
