"""A closed contact's wrap-up, read-only in the contact panel and the history, says which
follow-up was planned: when, a callback or a written reply (issue 9)."""

import uuid
from datetime import UTC, datetime, timedelta

from app.dto import ContactDetail, FollowUpView, WrapUpView
from app.models import Channel, ContactStatus, Outcome
from ui.desk.thread_view import thread_html

DUE = datetime(2031, 3, 14, 10, 0, tzinfo=UTC)


def closed(follow_ups: tuple[FollowUpView, ...]) -> ContactDetail:
    return ContactDetail(
        id=uuid.UUID(int=5),
        reference="R-7K3Q-X9PA",
        channel=Channel.EMAIL,
        status=ContactStatus.CLOSED,
        customer_id=None,
        sender_display="Julie Moreau",
        sender_address="julie@example.fr",
        subject="Retrait non reçu",
        language="fr",
        priority=1,
        risk_flag=False,
        risk_reason="",
        received_at=DUE - timedelta(days=2),
        due_at=DUE - timedelta(days=1),
        closed_at=DUE - timedelta(days=1),
        call_started_at=None,
        call_ended_at=None,
        assigned_to_me=False,
        messages=(),
        notes=(),
        wrap_ups=(
            WrapUpView(
                "Léa Fontanel",
                "complaint",
                "Complaint",
                "Réclamation",
                Outcome.FOLLOW_UP,
                2,
                1.0,
                DUE - timedelta(days=1),
            ),
        ),
        surveys=(),
        follow_ups=follow_ups,
    )


def test_the_wrap_up_shows_the_planned_follow_up(qapp) -> None:
    page = thread_html(
        closed(
            (
                FollowUpView("R-AAAA-BBBB", "callback", DUE, ContactStatus.QUEUED),
                FollowUpView("R-CCCC-DDDD", "reply", DUE + timedelta(days=1), ContactStatus.CLOSED),
            )
        )
    )
    assert "Follow-up planned: a callback" in page and "R-AAAA-BBBB" in page
    assert "Follow-up planned: a written reply" in page and "R-CCCC-DDDD" in page
    assert "2031-03-14" in page  # the interface is in English in tests


def test_no_follow_up_no_line(qapp) -> None:
    assert "Follow-up planned" not in thread_html(closed(()))
