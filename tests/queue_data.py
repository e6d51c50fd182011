"""Follow-ups as the close writes them (a queued contact whose ``parent_id`` is the contact
closed), put straight into a copy for the queue's tests: a close refuses a time already past,
and the tests need overdue ones too."""

import uuid
from datetime import datetime

from sqlalchemy import insert, select

from app.ids import new_id, short_reference
from app.models import Advisor, Channel, Contact, ContactStatus, Customer, Direction
from app.workspace import Workspace


def add_follow_up(
    ws: Workspace,
    due_at: datetime,
    *,
    mine: bool = True,
    status: ContactStatus = ContactStatus.QUEUED,
    channel: Channel = Channel.PHONE,
    subject: str = "Rappel promis",
    on_centre: bool = False,
) -> uuid.UUID:
    """A follow-up due at ``due_at`` of a contact closed by the signed-in advisor (``mine``)
    or by a colleague of their team; returns its id. ``on_centre`` writes both rows on the
    embedded centre too, so a sync leaves them in the copy."""
    with ws.local.session() as s:
        customer = s.scalar(select(Customer.id).order_by(Customer.id).limit(1))
        closer = (
            ws.who.advisor_id
            if mine
            else s.scalar(
                select(Advisor.id).where(Advisor.id != ws.who.advisor_id).order_by(Advisor.id)
            )
        )
    parent, follow_up = new_id(), new_id()
    rows = [
        {
            "id": parent,
            "reference": short_reference(parent),
            "channel": channel,
            "direction": Direction.INBOUND,
            "status": ContactStatus.CLOSED,
            "customer_id": customer,
            "subject": subject,
            "received_at": due_at,
            "due_at": due_at,
            "closed_at": due_at,
            "team_id": ws.who.team_id,
            "assigned_to": closer,
        },
        {
            "id": follow_up,
            "reference": short_reference(follow_up),
            "channel": channel,
            "direction": Direction.OUTBOUND,
            "status": status,
            "customer_id": customer,
            "subject": subject,
            "preview": "Le client attend notre appel.",
            "priority": 2,
            "received_at": due_at,
            "due_at": due_at,
            "team_id": ws.who.team_id,
            "parent_id": parent,
            "assigned_to": ws.who.advisor_id if status == ContactStatus.IN_PROGRESS else None,
        },
    ]
    for db in (ws.local, ws.central) if on_centre else (ws.local,):
        with db.engine.begin() as conn:
            for row in rows:  # the parent first: the follow-up's foreign key names it
                conn.execute(insert(Contact), row)
    return follow_up


def reference_of(ws: Workspace, contact_id: uuid.UUID) -> str:
    with ws.local.session() as s:
        return str(s.scalar(select(Contact.reference).where(Contact.id == contact_id)))


def parent_reference(ws: Workspace, contact_id: uuid.UUID) -> str:
    with ws.local.session() as s:
        parent = s.scalar(select(Contact.parent_id).where(Contact.id == contact_id))
        return str(s.scalar(select(Contact.reference).where(Contact.id == parent)))
