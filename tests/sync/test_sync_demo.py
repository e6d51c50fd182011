"""The sync on the embedded centre (SQLite): the same code path as PostgreSQL, no server."""

import json
import sqlite3
from pathlib import Path

from sqlalchemy import func, select

from app.dto import CloseRequest
from app.models import Note, WrapUp
from app.workspace import Workspace, open_demo


def test_an_emptied_outbox_never_reuses_an_operation_number(workspace: Workspace) -> None:
    claimed = workspace.queue.next_contact()
    workspace.contacts.add_note(claimed.contact_id, "first")
    workspace.sync.cycle()
    assert workspace.pending_changes() == 0
    # The outbox is empty now; the next operation must not take number 1 again, or the centre
    # would take it for one it already applied.
    reason = workspace.reference.reason_codes()[0]
    workspace.contacts.close(CloseRequest(claimed.contact_id, reason.id, "resolved", 4))
    workspace.sync.cycle()
    with workspace.central.session() as s:
        assert (
            s.scalar(select(func.count(WrapUp.id)).where(WrapUp.contact_id == claimed.contact_id))
            == 1
        )


def test_a_copy_restored_from_a_backup_pushes_under_a_new_identity(demo_dir: Path) -> None:
    """A restored copy numbers its new operations like ones the centre already applied: the
    centre notices, and the copy pushes them under a new identity instead of losing them."""
    ws = open_demo(demo_dir)
    claimed = ws.queue.next_contact()
    backup = demo_dir.parent / "backup.sqlite3"
    _copy_db(demo_dir / "workstation.sqlite3", backup)
    ws.contacts.add_note(claimed.contact_id, "written after the backup")
    ws.sync.cycle()
    ws.close()
    _copy_db(backup, demo_dir / "workstation.sqlite3")
    restored = open_demo(demo_dir)
    try:
        restored.contacts.add_note(claimed.contact_id, "written on the restored copy")
        restored.sync.cycle()
        assert restored.pending_changes() == 0
        with restored.central.session() as s:
            bodies = set(s.scalars(select(Note.body).where(Note.contact_id == claimed.contact_id)))
        assert {"written after the backup", "written on the restored copy"} <= bodies
    finally:
        restored.close()


def _copy_db(source: Path, target: Path) -> None:
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)


def test_operations_written_before_the_sync_existed_get_the_shape_the_centre_expects(
    tmp_path: Path,
) -> None:
    from alembic import command
    from sqlalchemy import text

    from app.db import Database, sqlite_url
    from app.migrations import alembic_config, upgrade

    db = Database(sqlite_url(tmp_path / "old.sqlite3"), "local")
    with db.engine.begin() as conn:
        command.upgrade(alembic_config("local", conn), "865526c92c32")  # issue 2's schema
        for seq, kind, values in (
            (1, "update", '{"status": "in_progress", "claim_token": "t-1"}'),
            (2, "insert", '{"id": "n-1", "body": "old note"}'),
            (3, "update", '{"call_started_at": "2026-11-20T10:00:00+00:00"}'),
        ):
            conn.execute(
                text(
                    "INSERT INTO outbox (seq, op_id, kind, table_name, row_id, payload, "
                    "created_at, state) VALUES (:seq, :op, :kind, :table, :row, :payload, "
                    "'2026-11-20 10:00:00', 'pending')"
                ),
                {
                    "seq": seq,
                    "op": f"{seq:032x}",
                    "kind": kind,
                    "table": "note" if kind == "insert" else "contact",
                    "row": "c" * 32,
                    "payload": values,
                },
            )
    upgrade(db)
    with db.engine.connect() as conn:
        shaped = [json.loads(p) for p in conn.scalars(text("SELECT payload FROM outbox"))]
        conn.execute(text("DELETE FROM outbox"))
        conn.execute(text("INSERT INTO outbox (op_id, kind, table_name, row_id, payload, "
                          "created_at, state) VALUES ('x', 'insert', 'note', 'y', '{}', "
                          "'2026-11-20 10:00:00', 'pending')"))  # fmt: skip
        fresh = conn.scalar(text("SELECT seq FROM outbox"))
    db.dispose()
    assert shaped[0] == {
        "values": {"status": "in_progress", "claim_token": "t-1"},
        "before": {},
        "claim": None,
    }
    assert shaped[1] == {"values": {"id": "n-1", "body": "old note"}}
    assert shaped[2]["claim"] == "t-1"  # the token its own earlier claim set
    assert fresh == 4  # numbers are never reused, even after the outbox empties
