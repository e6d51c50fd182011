"""The supervisor's board of their team, read from the centre: who holds what since when, what
waits, the team's planned follow-ups; never another team's."""

import pytest
from centres import EmbeddedCentre, PostgresCentre, owner
from sqlalchemy import func, select

from app.backoffice import team_board
from app.backoffice.centre import BackOffice
from app.errors import InputError
from app.models import Contact, ContactStatus, Team
from app.workspace import find_user

TEAM = "Équipe Paris 1"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def centre(request, tmp_path):
    if request.param == "sqlite":
        made = EmbeddedCentre(tmp_path / "centre").create(customers=30, contacts=80, queue=30)
    else:
        made = PostgresCentre(request.getfixturevalue("pg_url")).create(
            customers=30, contacts=80, queue=30
        )
    yield made
    made.drop()


def test_the_board_shows_the_teams_holders_waiting_and_follow_ups(centre, tmp_path) -> None:
    chief = centre.add_user("supervisor", team=TEAM)
    advisor = centre.add_user("advisor", team=TEAM)
    desk = centre.workstation(advisor, tmp_path / "advisor")
    truth = owner(centre)
    try:
        claimed = desk.queue.next_contact()
        assert claimed is not None
        office = BackOffice(desk.central, find_user(desk.central, chief))
        board = team_board.read(office)
        mine = [h for h in board.held if h.contact_id == claimed.contact_id]
        assert len(mine) == 1
        assert mine[0].advisor == desk.who.display_name
        assert mine[0].held_since is not None and mine[0].held_since <= board.read_at
        with truth.session() as s:
            team_id = s.scalar(select(Team.id).where(Team.name == TEAM))
            expected_waiting = s.scalar(
                select(func.count(Contact.id)).where(
                    Contact.status == ContactStatus.QUEUED,
                    Contact.received_at <= board.read_at,
                    (Contact.team_id == team_id) | Contact.team_id.is_(None),
                )
            )
            others = set(
                s.scalars(
                    select(Contact.id).where(
                        Contact.status == ContactStatus.IN_PROGRESS, Contact.team_id != team_id
                    )
                )
            )
        assert sum(w.count for w in board.waiting) == expected_waiting
        assert not others & {h.contact_id for h in board.held}
        assert all(f.due_at is not None for f in board.follow_ups)
        assert board.overdue() == sum(f.due_at < board.read_at for f in board.follow_ups)

        with pytest.raises(InputError, match="for supervisors"):
            team_board.read(BackOffice(desk.central, desk.who))
    finally:
        desk.close()
        truth.dispose()
