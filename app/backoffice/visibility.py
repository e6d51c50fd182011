"""What a user may read of the centre's restricted rows, for the embedded SQLite centre.

On PostgreSQL row-level security decides (the policies of the central migrations and of
``sql/3fe0ed6959e9_10_rights.sql``): these conditions are not added there. SQLite has no such
thing, so the back office's reads add the same conditions when the centre is the embedded one,
and both centres answer a user alike. Each function returns a condition on the given table (or
alias) for the office's user.
"""

from typing import Any

from sqlalchemy import ColumnElement, exists, false, or_, select, true
from sqlalchemy.orm import aliased

from app.backoffice.centre import BackOffice
from app.enums import Role
from app.models import Advisor, Contact, Evaluation

Condition = ColumnElement[bool]


def _applies(office: BackOffice) -> bool:
    return office.reader.is_sqlite and office.who.role != Role.ADMIN


def _in_my_team(office: BackOffice, advisor_column: Any) -> Condition:
    """relais_in_my_team(): the advisor is of the user's team (none when the user has none)."""
    if office.who.team_id is None:
        return false()
    # Aliases throughout: the subqueries must not correlate with the reading query's own tables.
    a = aliased(Advisor)
    return advisor_column.in_(select(a.id).where(a.team_id == office.who.team_id))


def _contact_of_my_team(office: BackOffice, contact_column: Any) -> Condition:
    if office.who.team_id is None:
        return false()
    k = aliased(Contact)
    return exists().where(k.id == contact_column, k.team_id == office.who.team_id)


def _supervisor(office: BackOffice) -> bool:
    return office.who.role == Role.SUPERVISOR


def wrap_ups(office: BackOffice, wrap: Any) -> Condition:
    """wrap_up_read: one's own, or one's team's advisors' for a supervisor."""
    if not _applies(office):
        return true()
    mine = wrap.advisor_id == office.who.advisor_id
    if _supervisor(office):
        return or_(mine, _in_my_team(office, wrap.advisor_id))
    return mine


def facts(office: BackOffice, fact: Any) -> Condition:
    """contact_fact_read: the contacts one closed, or for a supervisor those of the team and
    those the team's advisors closed."""
    if not _applies(office):
        return true()
    mine = fact.closer_id == office.who.advisor_id
    if _supervisor(office):
        team = fact.team_id == office.who.team_id if office.who.team_id is not None else false()
        return or_(mine, team, _in_my_team(office, fact.closer_id))
    return mine


def evaluations(office: BackOffice, evaluation: Any) -> Condition:
    """evaluation_read: its evaluator, the advisor evaluated, a supervisor of the contact's
    team."""
    if not _applies(office):
        return true()
    me = office.who.advisor_id
    own = or_(evaluation.evaluator_id == me, evaluation.advisor_id == me)
    if _supervisor(office):
        return or_(own, _contact_of_my_team(office, evaluation.contact_id))
    return own


def review_items(office: BackOffice, item: Any) -> Condition:
    """review_item_read: who flagged it, a supervisor of the contact's team."""
    if not _applies(office):
        return true()
    mine = item.created_by == office.who.advisor_id
    if _supervisor(office):
        return or_(mine, _contact_of_my_team(office, item.contact_id))
    return mine


def replies(office: BackOffice, reply: Any) -> Condition:
    """evaluation_reply_read: the advisor who answered, a supervisor of their team, the
    evaluator of the evaluation answered."""
    if not _applies(office):
        return true()
    me = office.who.advisor_id
    e = aliased(Evaluation)
    evaluator = exists().where(e.id == reply.evaluation_id, e.evaluator_id == me)
    if _supervisor(office):
        return or_(reply.advisor_id == me, _in_my_team(office, reply.advisor_id), evaluator)
    return or_(reply.advisor_id == me, evaluator)
