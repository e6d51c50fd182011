"""The verbatim board: a supervisor pins their team's customers' words, tagged; an advisor
cannot; another team's contact cannot be pinned; the same on both kinds of centre."""

from datetime import timedelta

import pytest
from centres import EmbeddedCentre, PostgresCentre, owner
from sqlalchemy import select

from app.backoffice import verbatims
from app.backoffice.centre import BackOffice
from app.clock import utcnow
from app.db import Database
from app.errors import InputError
from app.models import Contact, SurveyAnswer, Team
from app.workspace import find_user

TEAM = "Équipe Paris 1"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def centre(request, tmp_path):
    if request.param == "sqlite":
        made = EmbeddedCentre(tmp_path / "centre").create(customers=60, contacts=400, queue=10)
    else:
        made = PostgresCentre(request.getfixturevalue("pg_url")).create(
            customers=60, contacts=400, queue=10
        )
    yield made
    made.drop()


def test_a_supervisor_pins_tags_and_unpins_their_teams_words(centre) -> None:
    chief = centre.add_user("supervisor", team=TEAM)
    advisor = centre.add_user("advisor", team=TEAM)
    truth = owner(centre)
    db = _as(centre, chief)
    office = BackOffice(db, find_user(db, chief))
    try:
        found = verbatims.quotes(office, utcnow() - timedelta(days=400), utcnow())
        assert found, "the seeded centre has survey comments"
        assert [q.csat for q in found] == sorted(q.csat for q in found)  # unhappiest first
        with truth.session() as s:
            team = s.scalar(select(Team.id).where(Team.name == TEAM))
            teams = set(
                s.scalars(
                    select(Contact.team_id).where(Contact.id.in_([q.contact_id for q in found]))
                )
            )
            other = s.scalars(
                select(Contact.id)
                .join(SurveyAnswer, SurveyAnswer.contact_id == Contact.id)
                .where(Contact.team_id != team)
            ).first()
        assert teams == {team}
        quote = found[0]
        made = verbatims.pin(
            office, quote.contact_id, f"  {quote.words} ", ["Délais", " délais", "Remboursement"]
        )
        (pinned,) = verbatims.board(office)
        assert (pinned.id, pinned.quote, pinned.tags) == (
            made,
            quote.words,
            ("Délais", "Remboursement"),
        )
        assert pinned.csat == quote.csat and pinned.reference == quote.reference
        assert verbatims.board(office, tag="remboursement") == [pinned]
        assert verbatims.board(office, tag="accueil") == []
        assert verbatims.quotes(office, utcnow() - timedelta(days=400), utcnow())[0].pinned

        with pytest.raises(InputError):
            verbatims.pin(office, quote.contact_id, "   ", [])
        with pytest.raises(InputError, match="tags"):
            verbatims.pin(office, quote.contact_id, "ok", [f"t{i}" for i in range(11)])
        if other is not None:
            with pytest.raises(InputError):
                verbatims.pin(office, other, "pas mon équipe", [])
        advisor_db = _as(centre, advisor)
        as_advisor = BackOffice(advisor_db, find_user(advisor_db, advisor))
        with pytest.raises(InputError, match="supervisor"):
            verbatims.pin(as_advisor, quote.contact_id, "moi aussi", [])
        advisor_db.dispose()
        assert verbatims.unpin(office, made) is True
        assert verbatims.unpin(office, made) is False
        assert verbatims.board(office) == []
    finally:
        truth.dispose()
        db.dispose()


def _as(centre, login: str) -> Database:
    """The centre as this user connects to it (on PostgreSQL, their own login)."""
    return Database(centre.user_url(login) if centre.kind == "postgres" else centre.url, "central")
