"""First copy of the centre's data into a new workstation database.

A workstation starts from a snapshot of its working set (see app.sync.scope); the change-cursor
pull of the sync keeps it current afterwards. Rows are streamed table by table in dependency
order, in the copy's storage form (app.sync.stored), and inserted in batches, so memory stays
flat whatever the size. The copy is read in one
snapshot of the centre, and the pull's cursor is set from that same snapshot, so nothing falls
between the two.
"""

from collections.abc import Callable

from sqlalchemy import insert, text

from app.db import Database, allow_long_statements, storage_errors
from app.models import LocalState, table_of
from app.sync import scope, stored
from app.sync.cursor import start_position
from app.sync.pull import WORKING_SET
from app.sync.rows import shared_tables

BATCH = 5_000


def copy_all(
    central: Database, local: Database, progress: Callable[[str], None] | None = None
) -> int:
    copied = 0
    with (
        storage_errors(central),
        storage_errors(local),
        central.engine.connect() as src,
        local.engine.begin() as dst,
    ):
        if scope.applies(src):
            src.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"))
            allow_long_statements(src)  # a first copy of a large set streams for minutes
            # In the snapshot the copy is read from: a contact of the user's queue or work and
            # its customer are both in the set.
            scope.enter_all(src)
        cursor = start_position(src)
        # Parents and children of one table (a follow-up and its contact) come in any order.
        dst.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
        for table in shared_tables():
            if progress:
                progress(table.name)
            for batch in stored.fetch_all(src, table, BATCH):
                stored.write(dst, table, batch)
                copied += len(batch)
        dst.execute(
            insert(table_of(LocalState)),
            [
                {"key": "snapshot", "value": "done"},
                {"key": "cursor", "value": cursor.encode()},
                {"key": WORKING_SET, "value": "snapshot"},
            ],
        )
        src.commit()  # the working set, as copied
    return copied


def has_snapshot(local: Database) -> bool:
    with local.session() as s:
        return s.get(LocalState, "snapshot") is not None
