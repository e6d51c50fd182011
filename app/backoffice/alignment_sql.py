"""The alignment's selection (who may ask for what, ``select_for``) and its queries
(SQLAlchemy Core, the same on PostgreSQL and on the embedded SQLite centre): the four views of
every closed contact of a selection as one common table expression, and the aggregates over it.
Nothing here loads contacts: the report reads counts per (advisor, level) and per (advisor,
pair, a, b); the drill-down reads one page.

A superseding row counts only where the user may read it: a correction by someone the user may
not read (a supervisor's, for an advisor) leaves the advisor their own row.

The four views of a closed contact, credited to the advisor who closed it (contact.assigned_to):
- self: the self-assessment of the closing advisor's latest wrap-up of the contact that no
  other wrap-up supersedes (a colleague's wrap-up of their own part does not count);
- manager, quality: the score of the latest evaluation of that kind of the contact that none
  supersedes, made of the closing advisor (evaluation.advisor_id: an evaluation of an earlier
  closing does not follow the contact to the next advisor);
- customer: the survey's CSAT on the 4-point scale (app.backoffice.scales).

Rights: on PostgreSQL row-level security decides which wrap-ups and evaluations the user's own
login reads, and the queries see nothing else. On the embedded centre the same rules are written
here (``visible_wrap_up``, ``visible_evaluation``, as sql/3fe0ed6959e9_10_rights.sql and the
wrap_up_read policy say them), so both centres give the same answers to the same user.
"""

import contextlib
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import (
    CTE,
    ColumnElement,
    Connection,
    Select,
    and_,
    case,
    exists,
    false,
    func,
    literal_column,
    null,
    or_,
    select,
    true,
    union_all,
)

from app.backoffice.centre import BackOffice
from app.backoffice.scales import csat_on_four_sql
from app.db import Database, allow_long_statements, storage_errors
from app.enums import ContactStatus, EvaluatorKind, Role
from app.errors import InputError
from app.i18n import QT_TRANSLATE_NOOP
from app.models import Advisor, Contact, Evaluation, SurveyAnswer, Team, WrapUp

VIEWS = ("self", "manager", "quality", "customer")
PAIRS = tuple((a, b) for i, a in enumerate(VIEWS) for b in VIEWS[i + 1 :])
REPORT_SECONDS = 120.0  # a report over a million contacts takes seconds; a stuck one stops
REPORT_WORK_MEM = "64MB"  # per sort of a report's statement; a few supervisors at a time


@dataclass(frozen=True)
class Viewer:
    """Whose rights the embedded centre applies (PostgreSQL applies the login's own)."""

    id: uuid.UUID
    role: str
    team_id: uuid.UUID | None


@dataclass(frozen=True)
class Scope:
    """Closed contacts with ``start <= closed_at < end``, of one team (the closing advisor's)
    and/or one advisor; ``viewer`` is set on the embedded centre only."""

    start: datetime
    end: datetime
    team_id: uuid.UUID | None = None
    advisor_id: uuid.UUID | None = None
    viewer: Viewer | None = None


def _my_team_members(viewer: Viewer) -> Any:
    member = Advisor.__table__.alias("my_team_member")  # never correlated with the outer query
    return select(member.c.id).where(member.c.team_id == viewer.team_id)


def visible_wrap_up(w: Any, viewer: Viewer | None) -> ColumnElement[bool]:
    """wrap_up_read: its advisor, their team's supervisor, administrators."""
    if viewer is None or viewer.role == Role.ADMIN:
        return true()
    supervises = (
        w.c.advisor_id.in_(_my_team_members(viewer))
        if viewer.role == Role.SUPERVISOR and viewer.team_id is not None
        else false()
    )
    return or_(w.c.advisor_id == viewer.id, supervises)


def visible_evaluation(e: Any, viewer: Viewer | None) -> ColumnElement[bool]:
    """evaluation_read: the evaluator, the advisor evaluated, the contact's team's supervisors,
    administrators."""
    if viewer is None or viewer.role == Role.ADMIN:
        return true()
    k = Contact.__table__.alias("evaluated_contact")
    supervises = (
        exists().where(k.c.id == e.c.contact_id, k.c.team_id == viewer.team_id)
        if viewer.role == Role.SUPERVISOR and viewer.team_id is not None
        else false()
    )
    return or_(e.c.evaluator_id == viewer.id, e.c.advisor_id == viewer.id, supervises)


def _closed(scope: Scope, required: frozenset[str]) -> CTE:
    conditions = [
        Contact.status == ContactStatus.CLOSED,
        Contact.closed_at >= scope.start,
        Contact.closed_at < scope.end,
    ]
    for kind in (EvaluatorKind.MANAGER, EvaluatorKind.QUALITY):
        if kind.value in required:  # most contacts have none: their index says so at once
            e = Evaluation.__table__
            conditions.append(exists().where(e.c.contact_id == Contact.id, e.c.kind == kind))
    if scope.advisor_id is not None:
        conditions.append(Contact.assigned_to == scope.advisor_id)
    if scope.team_id is not None:
        conditions.append(Advisor.team_id == scope.team_id)
    return (
        select(
            Contact.id,
            Contact.reference,
            Contact.closed_at,
            Contact.assigned_to.label("advisor_id"),
            Advisor.team_id,
        )
        .join(Advisor, Advisor.id == Contact.assigned_to)
        .where(*conditions)
        .cte("closed")
    )


def _latest(table: Any, value: str, closed: CTE, viewer: Viewer | None, kind: str | None) -> Any:
    """The value of the latest row of ``table`` of the closed contact, by its closing advisor
    (or of them, for an evaluation), that no row the user reads supersedes: a scalar subquery
    per contact, which the contact's index answers in a few row reads whatever the planner
    guesses of the rows row-level security lets through (a join's estimate, thrown off by it,
    could pick a nested loop over the whole period)."""
    name = f"{table.__tablename__}_{kind or 'row'}"
    row, later = table.__table__.alias(name), table.__table__.alias(f"{name}_later")
    visible = visible_wrap_up if table is WrapUp else visible_evaluation
    conditions = [
        row.c.contact_id == closed.c.id,
        row.c.advisor_id == closed.c.advisor_id,
        visible(row, viewer),
        # A correction is of the same contact: the contact's index finds it too.
        ~exists().where(
            later.c.contact_id == row.c.contact_id,
            later.c.supersedes_id == row.c.id,
            visible(later, viewer),
        ),
    ]
    if kind is not None:
        conditions.append(row.c.kind == kind)
    return (
        select(row.c[value])
        .where(*conditions)
        .order_by(row.c.created_at.desc(), row.c.id.desc())
        .limit(1)
        .correlate(closed)
        .scalar_subquery()
    )


def views(scope: Scope, required: frozenset[str] = frozenset()) -> CTE:
    """One row per closed contact of the scope: its credited advisor and team, and its four
    views (NULL where a view is missing or the user may not read it). With ``required``
    (views a drill-down keeps only the contacts having), the contacts that cannot have them
    are left out before their views are looked up: 2-8 % of contacts are surveyed."""
    closed = _closed(scope, required)
    survey = SurveyAnswer.__table__
    surveyed = "customer" in required
    return (
        select(
            closed.c.id,
            closed.c.reference,
            closed.c.closed_at,
            closed.c.advisor_id,
            closed.c.team_id,
            _latest(WrapUp, "self_assessment", closed, scope.viewer, None).label("self"),
            _latest(Evaluation, "score", closed, scope.viewer, EvaluatorKind.MANAGER).label(
                "manager"
            ),
            _latest(Evaluation, "score", closed, scope.viewer, EvaluatorKind.QUALITY).label(
                "quality"
            ),
            csat_on_four_sql(survey.c.csat).label("customer"),
            survey.c.csat,
            survey.c.comment,
        )
        .select_from(closed)
        .join(survey, survey.c.contact_id == closed.c.id, isouter=not surveyed)
        .cte("views")
        # Each contact's views computed once, whatever the aggregate or page asks of them.
        .prefix_with("MATERIALIZED", dialect="postgresql")
    )


def _count_if(condition: ColumnElement[bool]) -> Any:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


LEVELS = -1  # the ``pair`` of figures_query's per-level rows
_ZERO: Any = literal_column("0")


def levels_query(v: CTE) -> Select[Any]:
    """Per (advisor, team, self-assessment level ``a``, or NULL): ``n`` closed contacts, how
    many have each other view, how many customers were satisfied (CSAT 4-5), and the
    calibration counts: rated 3-4 where the customer answered CSAT 1-2 ("over"), rated 1-2
    where they answered 4-5 ("under"). ``pair`` is LEVELS and ``b`` NULL: figures_query's
    shape."""
    return select(
        v.c.advisor_id,
        v.c.team_id,
        literal_column(str(LEVELS)).label("pair"),
        v.c.self.label("a"),
        null().label("b"),
        func.count().label("n"),
        func.count(v.c.manager).label("manager"),
        func.count(v.c.quality).label("quality"),
        func.count(v.c.customer).label("customer"),
        _count_if(v.c.customer >= 3).label("satisfied"),
        _count_if(and_(v.c.self >= 3, v.c.csat <= 2)).label("over"),
        _count_if(and_(v.c.self <= 2, v.c.csat >= 4)).label("under"),
    ).group_by(v.c.advisor_id, v.c.team_id, v.c.self)


def _pairs(v: CTE) -> list[Select[Any]]:
    return [
        select(
            v.c.advisor_id,
            v.c.team_id,
            literal_column(str(i)).label("pair"),
            v.c[first].label("a"),
            v.c[second].label("b"),
            func.count().label("n"),
            *[_ZERO.label(name) for name in ("manager", "quality", "customer")],
            *[_ZERO.label(name) for name in ("satisfied", "over", "under")],
        )
        .where(v.c[first].is_not(None), v.c[second].is_not(None))
        .group_by(v.c.advisor_id, v.c.team_id, v.c[first], v.c[second])
        for i, (first, second) in enumerate(PAIRS)
    ]


def pairs_query(v: CTE) -> Any:
    """Per (advisor, team, pair, a, b): the ``n`` contacts the pair's first view rated ``a``
    and its second ``b`` (the pair is its index in PAIRS; the other counts are 0)."""
    return union_all(*_pairs(v))


def figures_query(v: CTE) -> Any:
    """levels_query's rows and pairs_query's in one statement: the views of the period's
    contacts are computed once (twice in two statements: 1.5 s each over 100,000)."""
    return union_all(levels_query(v), *_pairs(v))


@dataclass(frozen=True)
class Behind:
    """Which contacts a figure rests on: those having ``view``; having both views of ``pair``
    (and rated ``cell`` = (a, b) by them, or agreeing / disagreeing); or the calibration's
    ``over`` / ``under`` contacts."""

    view: str | None = None
    pair: tuple[str, str] | None = None
    cell: tuple[int, int] | None = None
    agreeing: bool | None = None
    calibration: str | None = None

    def required(self) -> frozenset[str]:
        """The views every contact behind it has."""
        needed = set(self.pair or ()) | ({self.view} if self.view else set())
        if self.calibration is not None:
            needed |= {"self", "customer"}
        return frozenset(needed)


def _behind(v: CTE, behind: Behind) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if behind.view is not None:
        conditions.append(v.c[behind.view].is_not(None))
    if behind.pair is not None:
        first, second = (v.c[name] for name in behind.pair)
        conditions += [first.is_not(None), second.is_not(None)]
        if behind.cell is not None:
            conditions += [first == behind.cell[0], second == behind.cell[1]]
        if behind.agreeing is not None:
            conditions.append(first == second if behind.agreeing else first != second)
    if behind.calibration == "over":
        conditions += [v.c.self >= 3, v.c.csat <= 2]
    elif behind.calibration == "under":
        conditions += [v.c.self <= 2, v.c.csat >= 4]
    return conditions


def drill_query(v: CTE, behind: Behind, limit: int, offset: int) -> Select[Any]:
    """One page of the contacts behind a figure, the latest closed first, each row with how
    many there are in all (``total``, last: one pass over the period, not two)."""
    return (
        select(
            v.c.id,
            v.c.reference,
            v.c.closed_at,
            Advisor.login,
            v.c.self,
            v.c.manager,
            v.c.quality,
            v.c.customer,
            v.c.csat,
            v.c.comment,
            func.count().over().label("total"),
        )
        .join(Advisor, Advisor.id == v.c.advisor_id)
        .where(*_behind(v, behind))
        .order_by(v.c.closed_at.desc(), v.c.reference, v.c.id)
        .limit(limit)
        .offset(offset)
    )


def drill_count(v: CTE, behind: Behind) -> Select[Any]:
    return select(func.count()).select_from(v).where(*_behind(v, behind))


class NotYours(InputError):
    """The user asked for figures their role does not let them read."""


@dataclass(frozen=True)
class Selection:
    """What the user asked for, resolved: the period's bounds and the team and advisor."""

    start: date
    end: date
    team_id: uuid.UUID | None = None
    team: str | None = None
    advisor_id: uuid.UUID | None = None
    advisor: str | None = None

    def scope(self, viewer: Viewer | None) -> Scope:
        begin = datetime.combine(self.start, time(0), UTC)
        end = datetime.combine(self.end + timedelta(days=1), time(0), UTC)
        return Scope(begin, end, self.team_id, self.advisor_id, viewer)


# -- who may ask for what ------------------------------------------------------------------------


def select_for(
    office: BackOffice, start: date, end: date, team: str | None, advisor: str | None
) -> Selection:
    """The selection the user may read: an advisor their own contacts, a supervisor their
    team's (by default), an administrator anyone's. Unknown names and forbidden ones are
    refused here, before any figure is read."""
    if end < start:
        raise InputError(
            QT_TRANSLATE_NOOP("errors", "The period ends ({end}) before it starts ({start})."),
            QT_TRANSLATE_NOOP("errors", "Give --from the first day and --to the last."),
            start=start.isoformat(),
            end=end.isoformat(),
        )
    who = office.who
    if who.role == Role.ADVISOR:
        if advisor is not None and advisor != who.login:
            raise NotYours(
                QT_TRANSLATE_NOOP(
                    "errors", "An advisor sees their own alignment only, not that of “{login}”."
                ),
                QT_TRANSLATE_NOOP("errors", "Leave out --advisor to see yours."),
                login=advisor,
            )
        if team is not None:  # their own team too: its figures are their colleagues' as well
            raise NotYours(
                QT_TRANSLATE_NOOP(
                    "errors", "An advisor sees their own alignment only, not the team “{team}”."
                ),
                QT_TRANSLATE_NOOP("errors", "Leave out --team to see yours."),
                team=team,
            )
        return Selection(start, end, None, None, who.advisor_id, who.login)
    with storage_errors(office.reader), office.reader.engine.connect() as conn:
        team_id = None if team is None else _team_id(conn, team)
        found = None if advisor is None else _advisor(conn, advisor)
    if who.role == Role.SUPERVISOR:
        if who.team_id is None:
            raise NotYours(
                QT_TRANSLATE_NOOP(
                    "errors", "You supervise no team: there is no alignment to read."
                ),
                QT_TRANSLATE_NOOP("errors", "Ask an administrator to put you in your team."),
            )
        if team_id is not None and team_id != who.team_id:
            raise NotYours(
                QT_TRANSLATE_NOOP(
                    "errors", "A supervisor reads their own team's alignment only ({mine})."
                ),
                QT_TRANSLATE_NOOP("errors", "Leave out --team, or ask an administrator."),
                mine=who.team_name,
            )
        if found is not None and found[1] != who.team_id:
            raise NotYours(
                QT_TRANSLATE_NOOP("errors", "“{login}” is not in your team ({mine})."),
                QT_TRANSLATE_NOOP("errors", "A supervisor reads their own team's alignment only."),
                login=advisor,
                mine=who.team_name,
            )
        team_id, team = who.team_id, who.team_name
    elif found is not None and team_id is not None and found[1] != team_id:
        raise InputError(
            QT_TRANSLATE_NOOP("errors", "“{login}” is not in the team “{team}”."),
            QT_TRANSLATE_NOOP("errors", "Leave out --team, or give theirs."),
            login=advisor,
            team=team,
        )
    return Selection(
        start, end, team_id, team, None if found is None else found[0], advisor if found else None
    )


def _team_id(conn: Connection, name: str) -> uuid.UUID:
    found = conn.scalar(select(Team.id).where(Team.name == name))
    if found is None:
        raise InputError(
            QT_TRANSLATE_NOOP("errors", "There is no team “{team}”."),
            QT_TRANSLATE_NOOP("errors", "Give the team's name as the centre spells it."),
            team=name,
        )
    return found


def _advisor(conn: Connection, login: str) -> tuple[uuid.UUID, uuid.UUID | None]:
    row = conn.execute(select(Advisor.id, Advisor.team_id).where(Advisor.login == login)).first()
    if row is None:
        raise InputError(
            QT_TRANSLATE_NOOP("errors", "There is no advisor “{login}”."),
            QT_TRANSLATE_NOOP("errors", "Give the advisor's login."),
            login=login,
        )
    return row[0], row[1]


def viewer(office: BackOffice) -> Viewer | None:
    """The rights the embedded centre applies in the queries; PostgreSQL applies the login's."""
    if not office.reader.is_sqlite:
        return None
    who = office.who
    return Viewer(who.advisor_id, str(who.role), who.team_id)


@contextlib.contextmanager
def snapshot(db: Database) -> Iterator[Connection]:
    """One read-only snapshot for all of a report's queries: its figures add up even while
    contacts close."""
    with storage_errors(db), db.engine.connect() as conn:
        if not db.is_sqlite:
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            if not db.is_sqlite:
                conn.exec_driver_sql("SET TRANSACTION READ ONLY")
                allow_long_statements(conn, REPORT_SECONDS)
                # Compiling these plans (their cost estimates run high) took 2.7 of 7.8 s over
                # 100,000 contacts, and saves nothing: the per-contact lookups dominate.
                conn.exec_driver_sql("SET LOCAL jit = off")
                # A month's medians sort 400,000 values at a million contacts: in memory, not
                # in files (the server's default allows 4 MB per sort).
                conn.exec_driver_sql(f"SET LOCAL work_mem = '{REPORT_WORK_MEM}'")
            yield conn
