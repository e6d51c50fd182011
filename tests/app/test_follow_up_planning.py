"""Closing with a follow-up: the service plans it only in opening hours, says so when not, and
the closed contact shows what was planned (issue 9)."""

from datetime import timedelta

import pytest

from app.clock import utcnow
from app.dto import CloseRequest, FollowUpRequest
from app.errors import InputError
from app.models import Channel, Outcome
from app.opening_hours import OpeningHours
from app.services.contacts import ContactService
from app.workspace import Workspace

WEEKDAYS = OpeningHours({d: "08:30-19:00" for d in ("mon", "tue", "wed", "thu", "fri")})


def close(ws: Workspace, contacts: ContactService, due, kind: str = "callback"):
    """Claims the next contact and closes it with a low assessment and a follow-up."""
    claimed = ws.queue.next_contact()
    assert claimed is not None
    reason = ws.reference.reason_codes()[0]
    request = CloseRequest(
        contact_id=claimed.contact_id,
        reason_code_id=reason.id,
        outcome=Outcome.FOLLOW_UP,
        self_assessment=1,
        follow_up=FollowUpRequest(kind, due),
    )
    return claimed, contacts.close(request)


def test_a_follow_up_in_closed_hours_is_refused_and_the_contact_stays_open(
    workspace: Workspace,
) -> None:
    contacts = ContactService(workspace.local, workspace.who, hours=WEEKDAYS)
    saturday = utcnow() + timedelta(days=7)
    saturday += timedelta(days=(5 - saturday.astimezone().weekday()))
    saturday = saturday.astimezone().replace(hour=11, minute=0)
    claimed = workspace.queue.next_contact()
    assert claimed is not None
    reason = workspace.reference.reason_codes()[0]
    request = CloseRequest(
        claimed.contact_id,
        reason.id,
        Outcome.FOLLOW_UP,
        1,
        "",
        FollowUpRequest("callback", saturday),
    )
    with pytest.raises(InputError) as refused:
        contacts.close(request)
    message = refused.value.text()
    assert "closed" in message and "08:30" in message  # and when it opens next
    still = workspace.contacts.detail(claimed.contact_id)
    assert still.workable and not still.wrap_ups  # nothing written: close it again
    monday = WEEKDAYS.next_open(saturday)
    assert monday is not None
    result = contacts.close(
        CloseRequest(
            claimed.contact_id,
            reason.id,
            Outcome.FOLLOW_UP,
            1,
            "",
            FollowUpRequest("callback", monday),
        )
    )
    assert result.follow_up_id is not None


def test_the_closed_contact_shows_the_follow_up_planned(workspace: Workspace) -> None:
    due = OpeningHours().next_open(utcnow() + timedelta(hours=26))
    claimed, result = close(workspace, workspace.contacts, due, kind="reply")
    assert result.follow_up_id is not None
    closed = workspace.contacts.detail(claimed.contact_id)
    assert len(closed.follow_ups) == 1
    planned = closed.follow_ups[0]
    assert planned.due_at == due
    assert planned.kind == "reply"
    assert planned.reference == workspace.contacts.detail(result.follow_up_id).reference


def test_a_written_reply_to_a_caller_goes_by_e_mail(workspace: Workspace) -> None:
    from app.dto import QueueFilter

    phone = next(
        r
        for r in workspace.queue.page(QueueFilter(), 0, 1_000)
        if r.channel == Channel.PHONE and r.customer_id is not None
    )
    workspace.queue.take(phone.id)
    reason = workspace.reference.reason_codes()[0]
    due = OpeningHours().next_open(utcnow() + timedelta(hours=26))
    result = workspace.contacts.close(
        CloseRequest(phone.id, reason.id, Outcome.FOLLOW_UP, 2, "", FollowUpRequest("reply", due))
    )
    follow_up = workspace.contacts.detail(result.follow_up_id)
    assert follow_up.channel == Channel.EMAIL
    assert "@" in follow_up.sender_address
    assert workspace.contacts.detail(phone.id).follow_ups[0].kind == "reply"
