"""A fixed, small centre for the case-review tests, on either kind of centre: two teams, their
advisors and supervisors, a quality reviewer, an administrator, and eight contacts whose
wrap-ups, survey answers, review items and incident are written by the owner, so each test can
state by hand what the list, the case and the review list must show.

North (the team under review), closed on 2026-11-02 from 10:00 UTC unless said:

    ref  closer  channel  closed   reason    self  CSAT (on 4)  review item             incident
    N1   Alice   email    +0 h     billing   1     5 (4)        low, to review          -
    N2   Alice   phone    +1 h     billing   4     4 (3)        -                       -
    N3   Bob     whatsapp +2 h     delivery  2     1 (1)        low, done               outage
    N4   Bob     email    +3 h     delivery  3     -            lease lost, to review   outage
    N5   Alice   email    +26 h    delivery  4     2 (2)        -                       -
    N0   Chief   email    -24 h    billing   3     -            -                       -
    NQ   -       email    queued   (open)

South: S1 closed by Carol, email, +4 h, billing, self 2, CSAT 3 (2), low review item in
progress (taken by South's supervisor).

N2 has an earlier wrap-up by Bob too (he passed it on; self 1): the closer's, Alice's, counts.
Disagreements (self vs CSAT on 4 at least 2 apart): N1 (1 vs 4) and N5 (4 vs 2).
"""

import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from centres import EmbeddedCentre, PostgresCentre
from sqlalchemy import insert, select, update

from app.backoffice.centre import BackOffice
from app.db import Database
from app.models import (
    Advisor,
    Contact,
    ContactAssignment,
    Incident,
    ReasonCode,
    ReviewItem,
    SurveyAnswer,
    WrapUp,
)
from app.workspace import find_user

BASE = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)
NORTH, SOUTH = "Équipe Nord", "Équipe Sud"

PEOPLE = {
    # name: (role, team, display name)
    "alice": ("advisor", NORTH, "Alice Martin"),
    "bob": ("advisor", NORTH, "Bob Durand"),
    "carol": ("advisor", SOUTH, "Carol Petit"),
    "chief": ("supervisor", NORTH, "Chloé Chef"),
    "deputy": ("supervisor", NORTH, "Denis Adjoint"),
    "south": ("supervisor", SOUTH, "Sophie Sud"),
    "quality": ("supervisor", SOUTH, "Quentin Qualité"),  # reviews quality
    "boss": ("admin", None, "Bérénice Admin"),
}

# ref: (team, closer, channel, hours after BASE or None if open, reason, self, csat, incident)
CONTACTS: dict[str, tuple[Any, ...]] = {
    "N1": (NORTH, "alice", "email", 0, "billing", 1, 5, False),
    "N2": (NORTH, "alice", "phone", 1, "billing", 4, 4, False),
    "N3": (NORTH, "bob", "whatsapp", 2, "delivery", 2, 1, True),
    "N4": (NORTH, "bob", "email", 3, "delivery", 3, None, True),
    "N5": (NORTH, "alice", "email", 26, "delivery", 4, 2, False),
    "N0": (NORTH, "chief", "email", -24, "billing", 3, None, False),
    "NQ": (NORTH, None, "email", None, None, None, None, False),
    "S1": (SOUTH, "carol", "email", 4, "billing", 2, 3, False),
}

# item: (contact, reason, created by, state, taken by, hours after BASE)
ITEMS = {
    "low_n1": ("N1", "low_self_assessment", "alice", "to_review", None, 0.1),
    "low_n3": ("N3", "low_self_assessment", "bob", "done", "chief", 2.1),
    "lease_n4": ("N4", "lease_lost", "bob", "to_review", None, 3.1),
    "low_s1": ("S1", "low_self_assessment", "carol", "in_progress", "south", 4.1),
}


@dataclass
class Casebook:
    centre: Any
    truth: Database
    logins: dict[str, str] = field(default_factory=dict)
    ids: dict[str, uuid.UUID] = field(default_factory=dict)
    contacts: dict[str, uuid.UUID] = field(default_factory=dict)
    items: dict[str, uuid.UUID] = field(default_factory=dict)
    reasons: dict[str, uuid.UUID] = field(default_factory=dict)
    teams: dict[str, uuid.UUID] = field(default_factory=dict)
    incident: uuid.UUID = field(default_factory=uuid.uuid4)
    _dbs: list[Database] = field(default_factory=list)

    def office(self, name: str) -> BackOffice:
        """The back office as that person, with their own login on PostgreSQL."""
        login = self.logins[name]
        url = self.centre.url if self.centre.kind == "sqlite" else self.centre.user_url(login)
        db = Database(url, "central")
        self._dbs.append(db)
        return BackOffice(db, find_user(db, login))

    def name_of(self, name: str) -> str:
        return PEOPLE[name][2]

    def close(self) -> None:
        for db in self._dbs:
            db.dispose()
        self.truth.dispose()


def write(centre: Any) -> Casebook:
    """Provisions the people and writes the contacts and what surrounds them, as the owner."""
    truth = Database(centre.url, "central")
    book = Casebook(centre, truth)
    for name, (role, team, _display) in PEOPLE.items():
        book.logins[name] = centre.add_user(role, team=team)
    with truth.session() as s:
        for name, (_role, _team, display) in PEOPLE.items():
            s.execute(
                update(Advisor)
                .where(Advisor.login == book.logins[name])
                .values(display_name=display, reviews_quality=name == "quality")
            )
        for name in PEOPLE:
            book.ids[name] = s.scalars(
                select(Advisor.id).where(Advisor.login == book.logins[name])
            ).one()
        teams = book.teams = {
            team: s.scalars(select(Advisor.team_id).where(Advisor.id == book.ids[person])).one()
            for person, team in (("alice", NORTH), ("carol", SOUTH))
        }
        for code, en, fr in (
            ("billing", "Billing", "Facturation"),
            ("delivery", "Delivery", "Livraison"),
        ):
            book.reasons[code] = uuid.uuid4()
            s.execute(
                insert(ReasonCode).values(
                    id=book.reasons[code], code=f"t_{code}", label_en=en, label_fr=fr,
                    category="test", active=True,
                )
            )  # fmt: skip
        s.execute(
            insert(Incident).values(
                id=book.incident, title="Panne de paiement", description="",
                started_at=BASE - timedelta(days=1),
            )
        )  # fmt: skip
        for ref, (
            team,
            closer,
            channel,
            hours,
            reason,
            assessment,
            csat,
            incident,
        ) in CONTACTS.items():
            contact = book.contacts[ref] = uuid.uuid4()
            closed = hours is not None
            at = BASE + timedelta(hours=hours or 0)
            s.execute(
                insert(Contact).values(
                    id=contact, reference=f"T-{ref}", channel=channel, direction="inbound",
                    status="closed" if closed else "queued", sender_display="Client",
                    sender_address="client@example.org", subject=f"Sujet {ref}", preview="",
                    language="fr", priority=1, risk_flag=False, risk_reason="",
                    received_at=at - timedelta(hours=1), due_at=at, team_id=teams[team],
                    assigned_to=book.ids[closer] if closer else None,
                    closed_at=at if closed else None,
                    incident_id=book.incident if incident else None, version=1,
                )
            )  # fmt: skip
            if not closed:
                continue
            if ref == "N2":  # Bob worked it first and passed it on
                _wrap(
                    s, contact, book.ids["bob"], book.reasons[reason], 1, at - timedelta(minutes=30)
                )
            s.execute(
                insert(ContactAssignment).values(
                    id=uuid.uuid4(), contact_id=contact, advisor_id=book.ids[closer],
                    started_at=at - timedelta(minutes=20), ended_at=at,
                )
            )  # fmt: skip
            _wrap(s, contact, book.ids[closer], book.reasons[reason], assessment, at)
            if csat is not None:
                s.execute(
                    insert(SurveyAnswer).values(
                        id=uuid.uuid4(), contact_id=contact, csat=csat, nps=None, effort=None,
                        comment=f"Avis {ref}", answered_at=at + timedelta(hours=5),
                        imported_at=at + timedelta(hours=6),
                    )
                )  # fmt: skip
        for item, (ref, reason, creator, state, taker, hours) in ITEMS.items():
            book.items[item] = uuid.uuid4()
            at = BASE + timedelta(hours=hours)
            s.execute(
                insert(ReviewItem).values(
                    id=book.items[item], contact_id=book.contacts[ref], reason=reason,
                    created_by=book.ids[creator], created_at=at, state=state,
                    taken_by=book.ids[taker] if taker else None,
                    taken_at=at if taker else None,
                    done_at=at if state == "done" else None,
                )
            )  # fmt: skip
    return book


CENTRES = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


def made(request: Any, tmp_path: Any) -> Iterator[Casebook]:
    """The casebook on the centre of the fixture's parameter (see CENTRES), dropped after."""
    if request.param == "sqlite":
        centre = EmbeddedCentre(tmp_path / "centre").create(customers=0)
    else:
        centre = PostgresCentre(request.getfixturevalue("pg_url")).create(customers=0)
    book = write(centre)
    try:
        yield book
    finally:
        book.close()
        centre.drop()


def _wrap(s: Any, contact: uuid.UUID, advisor: uuid.UUID, reason: uuid.UUID, assessment: int,
          at: datetime) -> None:  # fmt: skip
    s.execute(
        insert(WrapUp).values(
            id=uuid.uuid4(), contact_id=contact, advisor_id=advisor, reason_code_id=reason,
            outcome="resolved", self_assessment=assessment, share=1.0, comment="",
            created_at=at, supersedes_id=None,
        )
    )  # fmt: skip
