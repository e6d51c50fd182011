"""``changed.write_row``: the row the copy ends with is the one ``stored.write`` would leave,
written by its changed columns alone, and a row with an operation still waiting to go is left
alone as ``stored.write(spare_pending=True)`` leaves it."""

import uuid

from sqlalchemy import select

from app.ids import new_id
from app.models import Contact, OutboxOp, table_of
from app.sync import changed, stored

CONTACT = table_of(Contact)


def _row(ws, contact_id: str) -> tuple:
    with ws.local.engine.connect() as conn:
        return stored.local(conn, CONTACT, [contact_id])[contact_id]


def _claimed(row: tuple, version: int) -> tuple:
    """``row`` as the centre would send it after a claim: a holder, a token, a version."""
    new = dict(zip([c.name for c in CONTACT.columns], row, strict=True))
    new.update(status="in_progress", claim_token=new_id().hex, version=version)
    return tuple(new.values())


def _some_contact(ws) -> str:
    with ws.local.session() as s:
        return s.scalars(select(Contact.id).limit(1)).one().hex


def test_a_row_is_written_by_its_changed_columns_into_the_same_row(workspace) -> None:
    contact_id = _some_contact(workspace)
    before = _row(workspace, contact_id)
    after = _claimed(before, before[stored.position(CONTACT, "version")] + 1)
    with workspace.local.refetchable() as conn:
        changed.write_row(conn, CONTACT, after, spare_pending=True)
    assert _row(workspace, contact_id) == after
    with workspace.local.refetchable() as conn:  # nothing differs: nothing to write
        writes = conn.total_changes
        changed.write_row(conn, CONTACT, after, spare_pending=True)
        assert conn.total_changes == writes
    assert _row(workspace, contact_id) == after


def test_a_row_this_copy_lacks_is_inserted(workspace) -> None:
    contact_id = _some_contact(workspace)
    row = _row(workspace, contact_id)
    fresh = new_id().hex
    copied = tuple(fresh if v == contact_id else v for v in row)
    at = stored.position(CONTACT, "reference")
    copied = (*copied[:at], "C-NEW-1", *copied[at + 1 :])
    with workspace.local.refetchable() as conn:
        changed.write_row(conn, CONTACT, copied, spare_pending=True)
    assert _row(workspace, fresh) == copied


def test_a_row_with_an_operation_waiting_is_left_alone(workspace) -> None:
    contact_id = _some_contact(workspace)
    before = _row(workspace, contact_id)
    with workspace.local.session() as s:
        s.add(
            OutboxOp(
                op_id=uuid.uuid4(),
                kind="update",
                table_name="contact",
                row_id=uuid.UUID(contact_id),
                payload={},
            )
        )
    with workspace.local.refetchable() as conn:
        changed.write_row(conn, CONTACT, _claimed(before, 99), spare_pending=True)
    assert _row(workspace, contact_id) == before
