"""The sync on the embedded centre (SQLite): the same code path as PostgreSQL, no server."""

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
        assert s.scalar(
            select(func.count(WrapUp.id)).where(WrapUp.contact_id == claimed.contact_id)
        ) == 1


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
