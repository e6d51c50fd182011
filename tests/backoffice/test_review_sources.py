"""What puts a contact on the review list besides a low feeling, written by the centre itself on
both kinds of centre: a survey answer two points from the closing advisor's feeling, a lease lost
to a colleague, conflicting changes on a contact."""

import uuid
from datetime import timedelta

import pytest
from centres import EmbeddedCentre, PostgresCentre, owner
from sqlalchemy import func, insert, select, update

from app.clock import utcnow
from app.models import Contact, ContactStatus, ReviewItem, SurveyAnswer, SyncConflict, WrapUp

TEAM = "Équipe Paris 1"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def centre(request, tmp_path):
    if request.param == "sqlite":
        made = EmbeddedCentre(tmp_path / "centre").create(customers=30, contacts=120, queue=20)
    else:
        made = PostgresCentre(request.getfixturevalue("pg_url")).create(
            customers=30, contacts=120, queue=20
        )
    yield made
    made.drop()


def _items(truth, contact_id, reason: str) -> int:
    with truth.session() as s:
        return s.scalar(
            select(func.count(ReviewItem.id)).where(
                ReviewItem.contact_id == contact_id, ReviewItem.reason == reason
            )
        )


def test_a_survey_contradicting_the_feeling_goes_to_review(centre) -> None:
    truth = owner(centre)
    try:
        with truth.session() as s:
            closed = s.execute(
                select(WrapUp.contact_id, WrapUp.self_assessment)
                .join(Contact, Contact.id == WrapUp.contact_id)
                .where(
                    Contact.status == ContactStatus.CLOSED,
                    WrapUp.advisor_id == Contact.assigned_to,
                    ~select(SurveyAnswer.id).where(SurveyAnswer.contact_id == Contact.id).exists(),
                )
                .limit(2)
            ).all()
        (far, feeling), (near, near_feeling) = closed
        csat_far = 1 if feeling >= 3 else 5  # two points or more away on the 1-4 scale
        csat_near = {1: 1, 2: 2, 3: 4, 4: 5}[near_feeling]
        with truth.session() as s:
            for contact, csat in ((far, csat_far), (near, csat_near)):
                s.execute(
                    insert(SurveyAnswer).values(
                        id=uuid.uuid4(), contact_id=contact, csat=csat, comment="",
                        answered_at=utcnow(), imported_at=utcnow(),
                    )
                )  # fmt: skip
        assert _items(truth, far, "disagreement") == 1
        assert _items(truth, near, "disagreement") == 0
    finally:
        truth.dispose()


def test_a_lease_lost_and_a_conflict_go_to_review(centre, tmp_path) -> None:
    a = centre.add_user("advisor", team=TEAM)
    b = centre.add_user("advisor", team=TEAM)
    ws_a = centre.workstation(a, tmp_path / "a")
    ws_b = centre.workstation(b, tmp_path / "b")
    truth = owner(centre)
    try:
        claimed = ws_a.queue.next_contact()
        assert claimed is not None
        with truth.session() as s:  # A's lease lapses
            s.execute(
                update(Contact)
                .where(Contact.id == claimed.contact_id)
                .values(lease_until=utcnow() - timedelta(minutes=1))
            )
        assert _items(truth, claimed.contact_id, "lease_lost") == 0
        ws_b.queue.take(claimed.contact_id)
        assert _items(truth, claimed.contact_id, "lease_lost") == 1
        with truth.session() as s:
            for _ in range(2):  # two conflicting fields: one item
                s.execute(
                    insert(SyncConflict).values(
                        id=uuid.uuid4(), table_name="contact", row_id=claimed.contact_id,
                        field="status", losing_value="closed", winning_value="in_progress",
                        rule="claim_wins", advisor_id=ws_a.who.advisor_id,
                        workstation_id=uuid.uuid4(), created_at=utcnow(),
                    )
                )  # fmt: skip
        assert _items(truth, claimed.contact_id, "conflict") == 1
    finally:
        ws_a.close()
        ws_b.close()
        truth.dispose()
