"""Incidents: a supervisor publishes one, every workstation's copy shows it after a sync, the
linked template comes first, contacts are tagged to it; the same on both kinds of centre."""

import uuid
from datetime import timedelta

import pytest
from centres import EmbeddedCentre, PostgresCentre, owner
from sqlalchemy import select

from app.backoffice import incidents
from app.backoffice.centre import BackOffice
from app.clock import utcnow
from app.errors import InputError
from app.models import Contact, Incident, Template
from app.workspace import find_user

TEAM = "Équipe Paris 1"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def centre(request, tmp_path):
    if request.param == "sqlite":
        made = EmbeddedCentre(tmp_path / "centre").create(customers=30, contacts=80, queue=20)
    else:
        made = PostgresCentre(request.getfixturevalue("pg_url")).create(
            customers=30, contacts=80, queue=20
        )
    yield made
    made.drop()


@pytest.fixture
def cast(centre, tmp_path):
    chief = centre.add_user("supervisor", team=TEAM)
    advisor = centre.add_user("advisor", team=TEAM)
    boss = centre.workstation(chief, tmp_path / "chief")
    desk = centre.workstation(advisor, tmp_path / "advisor")
    truth = owner(centre)
    yield BackOffice(boss.central, find_user(boss.central, chief)), desk, truth
    boss.close()
    desk.close()
    truth.dispose()


def _a_template(truth) -> uuid.UUID:
    with truth.session() as s:
        return s.scalars(select(Template.id).where(Template.active).limit(1)).one()


def test_a_published_incident_reaches_the_advisors_copy_with_its_template(cast) -> None:
    office, desk, truth = cast
    template = _a_template(truth)
    end = utcnow() + timedelta(hours=2)
    made = incidents.publish(
        office,
        incidents.IncidentDraft(
            "  Paiement en ligne indisponible ", "Proposez le virement.", template, None, end
        ),
    )
    assert desk.incidents.active() == []  # not pulled yet
    desk.sync.cycle()
    (shown,) = desk.incidents.active()
    assert (shown.id, shown.title, shown.message) == (
        made,
        "Paiement en ligne indisponible",
        "Proposez le virement.",
    )
    assert shown.template_id == template and shown.template_title
    assert shown.expected_end_at is not None
    assert abs(shown.expected_end_at - end) < timedelta(seconds=1)
    with truth.session() as s:
        row = s.get(Incident, made)
        assert row.published_by == office.who.advisor_id
        assert abs(row.started_at - utcnow()) < timedelta(minutes=1)  # the centre's now

    assert incidents.end(office, made) is True
    assert incidents.end(office, made) is False  # ended already
    desk.sync.cycle()
    assert desk.incidents.active() == []


def test_bad_incidents_are_refused_before_anything_is_written(cast) -> None:
    office, _desk, truth = cast
    start = utcnow()
    with pytest.raises(InputError, match="title"):
        incidents.publish(office, incidents.IncidentDraft("   "))
    with pytest.raises(InputError, match="before the incident starts"):
        incidents.publish(
            office, incidents.IncidentDraft("Panne", "", None, start, start - timedelta(hours=1))
        )
    with truth.session() as s:
        assert s.scalars(select(Incident.id).where(Incident.title == "Panne")).first() is None


def test_an_advisor_may_not_publish_but_tags_the_contact_they_hold(cast) -> None:
    office, desk, truth = cast
    made = incidents.publish(office, incidents.IncidentDraft("Site down"))
    as_advisor = BackOffice(desk.central, desk.who)
    with pytest.raises(InputError, match="Only supervisors"):
        incidents.publish(as_advisor, incidents.IncidentDraft("Mine"))
    claimed = desk.queue.next_contact()
    assert claimed is not None
    assert desk.incidents.tag(claimed.contact_id, made) is True
    with truth.session() as s:
        assert s.get(Contact, claimed.contact_id).incident_id == made
        other = s.scalars(
            select(Contact.id).where(Contact.id != claimed.contact_id, Contact.status == "closed")
        ).first()
    assert desk.incidents.tag(other, made) is False  # not theirs
    desk.sync.cycle()
    with desk.local.session() as s:
        assert s.get(Contact, claimed.contact_id).incident_id == made


def test_an_incidents_volume_curve_counts_its_tagged_contacts_per_hour(cast) -> None:
    office, desk, truth = cast
    made = incidents.publish(office, incidents.IncidentDraft("Panne carte"))
    claimed = [desk.queue.next_contact() for _ in range(3)]
    for c in claimed[:2]:
        assert desk.incidents.tag(c.contact_id, made)
    with truth.session() as s:
        hours = {
            s.get(Contact, c.contact_id).received_at.replace(minute=0, second=0, microsecond=0)
            for c in claimed[:2]
        }
    (curve,) = [
        c for c in incidents.curves(office, utcnow() - timedelta(days=1), utcnow()) if c.id == made
    ]
    assert curve.title == "Panne carte" and curve.total == 2
    assert {hour for hour, _n in curve.hours} == hours
