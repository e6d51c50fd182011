"""Who a supervisor's filters offer: the advisors they may review (their team's; every one for
an administrator or a quality reviewer), read from the centre."""

import uuid
from dataclasses import dataclass

from sqlalchemy import select

from app.backoffice.centre import BackOffice
from app.enums import Role
from app.models import Advisor


@dataclass(frozen=True)
class Person:
    id: uuid.UUID
    login: str
    name: str


def reviewable(office: BackOffice) -> list[Person]:
    """The active advisors the user may review, by name."""
    query = (
        select(Advisor.id, Advisor.login, Advisor.display_name)
        .where(Advisor.active.is_(True), Advisor.role == Role.ADVISOR)
        .order_by(Advisor.display_name)
    )
    if office.who.role != Role.ADMIN:
        query = query.where(Advisor.team_id == office.who.team_id)
    with office.reader.reading() as conn:
        return [Person(i, login, name) for i, login, name in conn.execute(query)]
