"""The indicators' SQL: one row per contact a figure rests on (a subquery each), which the
dashboard aggregates per period and channel on the centre and the drill-down pages through.
SQLAlchemy Core that compiles for PostgreSQL and for the embedded SQLite centre alike (the two
time functions SQLite lacks: app.backoffice.indicators_time).

Every row subquery covers both periods at once, ``previous_start <= t < end``, and says which
in ``period``: 0 the period asked for, 1 the one before it, of the same length. What places a
contact in a period, and what each figure counts, is in app.backoffice.indicators' docstring.
The same definitions run in PostgreSQL's ``relais_indicator`` (the focus indicator,
``sql/3fe0ed6959e9_70_indicators.sql``): change both together.

The rows come from the centre's per-contact facts (app.backoffice.facts), brought up to date
before the reading: a contact's first reply, its advisors' time and its outcome are looked up
when it changes, not by every dashboard.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Float,
    Integer,
    String,
    Subquery,
    and_,
    case,
    cast,
    func,
    literal,
    null,
    or_,
    select,
    tuple_,
)

from app.backoffice.indicators_time import epoch_hour, seconds_between
from app.enums import Channel, ContactStatus
from app.models import Contact, ContactFact, SurveyAnswer
from app.models.base import UTCDateTime

Visible = Callable[[Any], ColumnElement[bool]]


# -- what is asked -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    """Both periods, the team and channel kept (None: all), the instant "now" stands for (an
    unanswered contact past its target by then missed it), each channel's target in seconds,
    and on the embedded centre the user's read rights on the facts (None: all, as PostgreSQL's
    row-level security decides there, or the centre itself computing a team's focus)."""

    previous_start: datetime
    start: datetime
    end: datetime
    now: datetime
    targets: Mapping[Channel, int]
    team_id: Any = None
    channel: Channel | None = None
    visible: Visible | None = None

    def at(self, value: datetime) -> Any:
        return literal(value, UTCDateTime())


F = ContactFact


def _kept(s: Scope, customers_only: bool = True) -> list[ColumnElement[bool]]:
    """The team and channel asked for; contacts a customer started (no planned follow-up)."""
    conditions: list[ColumnElement[bool]] = []
    if customers_only:
        conditions.append(F.customer_started.is_(True))
    if s.team_id is not None:
        conditions.append(F.team_id == s.team_id)
    if s.channel is not None:
        conditions.append(F.channel == s.channel)
    if s.visible is not None:
        conditions.append(s.visible(F))
    return conditions


def _period(column: Any, s: Scope) -> Any:
    return case((column >= s.at(s.start), 0), else_=1).label("period")


def _in_both(column: Any, s: Scope) -> list[ColumnElement[bool]]:
    return [column >= s.at(s.previous_start), column < s.at(s.end)]


def _row(column: Any, s: Scope) -> list[Any]:
    """What every row subquery starts with: the contact's id, its period and channel, and
    ``at`` the time (``column``) that places it in its period."""
    return [F.contact_id.label("id"), _period(column, s), F.channel, column.label("at")]


def _flag(condition: ColumnElement[bool]) -> Any:
    return case((condition, 1), else_=0)


# -- one row per contact -------------------------------------------------------------------------


def received_rows(s: Scope) -> Subquery:
    """Contacts received: id, period, channel, received_at, hour (UTC, since the epoch)."""
    return (
        select(
            *_row(F.received_at, s),
            epoch_hour(F.received_at).label("hour"),
        )
        .where(*_in_both(F.received_at, s), *_kept(s))
        .subquery("received")
    )


def target_seconds(channel: Any, targets: Mapping[Channel, int]) -> Any:
    return case({c.value: t for c, t in targets.items()}, value=channel, else_=None)


def response_rows(s: Scope) -> Subquery:
    """Contacts received, with their first response: ``frt`` seconds from arrival to the
    contact's ``answered_at`` (its first reply, or a call's answer); NULL while unanswered.
    ``met`` / ``missed`` their channel's target (an open contact still unanswered past its
    target by ``now`` missed it; one closed without a reply is neither: nothing to answer)."""
    frt = seconds_between(F.received_at, F.answered_at)
    target = target_seconds(F.channel, s.targets)
    waited = seconds_between(F.received_at, s.at(s.now))
    late_open = and_(F.answered_at.is_(None), F.closed_at.is_(None), waited > target)
    return (
        select(
            *_row(F.received_at, s),
            frt.label("frt"),
            _flag(frt <= target).label("met"),
            _flag(or_(frt > target, late_open)).label("missed"),
            case((F.answered_at.is_(None), waited), else_=frt).label("waited"),
        )
        .where(*_in_both(F.received_at, s), *_kept(s))
        .subquery("responses")
    )


def closed_rows(s: Scope, surveyed: bool = False) -> Subquery:
    """Contacts closed (closed_at in a period): ``handled`` the seconds its advisors held it,
    ``talk`` a call's seconds, ``fcr`` 1 when resolved at the first contact (the closing
    advisor's current wrap-up says resolved and the customer did not come back within 7 days),
    ``transferred`` 1 when a wrap-up says transferred or more than one advisor held it; with
    ``surveyed``, the contact's survey answer too (csat, nps, effort; NULL when none: a
    contact has one answer at most)."""
    query = select(
        *_row(F.closed_at, s),
        F.handled,
        F.talk,
        _flag(and_(F.resolved.is_(True), F.came_back.is_(False))).label("fcr"),
        _flag(or_(F.transfer_said.is_(True), F.advisors > 1)).label("transferred"),
    ).where(*_in_both(F.closed_at, s), *_kept(s))
    if surveyed:
        query = query.add_columns(
            SurveyAnswer.csat, SurveyAnswer.nps, SurveyAnswer.effort
        ).outerjoin(SurveyAnswer, SurveyAnswer.contact_id == F.contact_id)
    return query.subquery("closed")


def survey_rows(s: Scope) -> Subquery:
    """Survey answers of the contacts closed in a period: csat 1-5, nps 0-10, effort 1-7."""
    return (
        select(
            *_row(F.closed_at, s),
            SurveyAnswer.csat,
            SurveyAnswer.nps,
            SurveyAnswer.effort,
        )
        .join(SurveyAnswer, SurveyAnswer.contact_id == F.contact_id)
        .where(*_in_both(F.closed_at, s), *_kept(s))
        .subquery("surveyed")
    )


def backlog_rows(s: Scope) -> Subquery:
    """Contacts not closed at a period's end (planned follow-ups whose time had come included):
    received before it and not closed before it. ``period`` 0 open at ``end``, 1 at ``start``
    (the previous period's end); a contact open at both ends has a row for each."""

    def one(period: int, moment: datetime) -> Any:
        return select(
            F.contact_id.label("id"),
            literal(period, Integer()).label("period"),
            F.channel,
            F.received_at.label("at"),
        ).where(
            F.received_at < s.at(moment),
            or_(F.closed_at.is_(None), F.closed_at >= s.at(moment)),
            *_kept(s, customers_only=False),
        )

    return one(0, s.end).union_all(one(1, s.start)).subquery("backlog")


def queued_rows(s: Scope) -> Subquery:
    """Contacts waiting in the queue at ``now`` (planned follow-ups whose time has come too)."""
    return (
        select(
            Contact.id,
            literal(0, Integer()).label("period"),
            Contact.channel,
            Contact.received_at.label("at"),
        )
        .where(
            Contact.status == ContactStatus.QUEUED,
            Contact.received_at <= s.at(s.now),
            *([Contact.team_id == s.team_id] if s.team_id is not None else []),
            *([Contact.channel == s.channel] if s.channel is not None else []),
        )
        .subquery("queued")
    )


# -- the aggregates ------------------------------------------------------------------------------


def _count_if(condition: ColumnElement[bool]) -> Any:
    return func.coalesce(func.sum(_flag(condition)), 0)


def volume_query(r: Subquery) -> Any:
    return select(r.c.period, r.c.channel, func.count().label("n")).group_by(
        r.c.period, r.c.channel
    )


def heat_query(r: Subquery) -> Any:
    return select(r.c.period, r.c.hour, func.count().label("n")).group_by(r.c.period, r.c.hour)


SUMS, MEDIAN = 0, 1
"""``responses_query``'s ``kind`` of row."""


def responses_query(r: Subquery) -> Any:
    """SQLite: the first responses' sums per period and channel (``kind`` SUMS, ``median``
    NULL), and their medians (``kind`` MEDIAN, the sums NULL; see ``medians_query``), in one
    statement. PostgreSQL's is ``received_query``."""
    sums = select(
        literal(SUMS).label("kind"),
        r.c.period,
        r.c.channel,
        func.count(r.c.frt).label("answered"),
        func.coalesce(func.sum(r.c.frt), 0).label("frt_sum"),
        func.coalesce(func.sum(r.c.met), 0).label("met"),
        func.coalesce(func.sum(r.c.missed), 0).label("missed"),
        cast(null(), Float).label("median"),
    ).group_by(r.c.period, r.c.channel)
    medians = medians_query(r, "frt").subquery("medians")
    nothing = cast(null(), Integer)
    return sums.union_all(
        select(
            literal(MEDIAN).label("kind"),
            medians.c.period,
            medians.c.channel,
            *(nothing.label(name) for name in ("answered", "frt_sum", "met", "missed")),
            medians.c.median,
        )
    )


def received_query(r: Subquery) -> Any:
    """PostgreSQL: over ``response_rows``, in one pass, per period and channel the volume
    (``n``), the first responses' sums and their median (``percentile_cont``), and per period
    over every channel (``overall`` 1, channel NULL, its sums repeating the channels') the
    median alone. GROUPING SETS sort the period's contacts once for both medians: three
    statements did it before, each a pass of a third of a second over a month's facts at a
    million contacts."""
    return select(
        r.c.period,
        r.c.channel,
        func.grouping(r.c.channel).label("overall"),
        func.count().label("n"),
        func.count(r.c.frt).label("answered"),
        func.coalesce(func.sum(r.c.frt), 0).label("frt_sum"),
        func.coalesce(func.sum(r.c.met), 0).label("met"),
        func.coalesce(func.sum(r.c.missed), 0).label("missed"),
        func.percentile_cont(0.5).within_group(r.c.frt).label("median"),
    ).group_by(func.grouping_sets(tuple_(r.c.period, r.c.channel), tuple_(r.c.period)))


def medians_query(r: Subquery, column: str) -> Any:
    """SQLite's median of ``column`` (NULLs left out) per period and channel, and per period
    over every channel (channel NULL): the mean of the one or two middle values, the rows
    numbered by window functions (SQLite has no percentile)."""
    value = r.c[column]
    by_channel, by_period = (r.c.period, r.c.channel), (r.c.period,)
    ranked = (
        select(
            r.c.period,
            r.c.channel,
            value.label("value"),
            func.row_number().over(partition_by=by_channel, order_by=value).label("rn_c"),
            func.count().over(partition_by=by_channel).label("cnt_c"),
            func.row_number().over(partition_by=by_period, order_by=value).label("rn_a"),
            func.count().over(partition_by=by_period).label("cnt_a"),
        )
        .where(value.is_not(None))
        .cte("ranked")
    )

    def middle(rn: Any, cnt: Any) -> ColumnElement[bool]:
        return and_(rn * 2 >= cnt, rn * 2 <= cnt + 2)

    per_channel = (
        select(ranked.c.period, ranked.c.channel, func.avg(ranked.c.value).label("median"))
        .where(middle(ranked.c.rn_c, ranked.c.cnt_c))
        .group_by(ranked.c.period, ranked.c.channel)
    )
    overall = (
        select(
            ranked.c.period,
            cast(null(), String).label("channel"),
            func.avg(ranked.c.value).label("median"),
        )
        .where(middle(ranked.c.rn_a, ranked.c.cnt_a))
        .group_by(ranked.c.period)
    )
    return per_channel.union_all(overall)


def _closed_sums(r: Subquery) -> list[Any]:
    return [
        func.count().label("closed"),
        func.count(r.c.handled).label("handled_n"),
        func.coalesce(func.sum(r.c.handled), 0).label("handled_sum"),
        func.count(r.c.talk).label("talk_n"),
        func.coalesce(func.sum(r.c.talk), 0).label("talk_sum"),
        func.coalesce(func.sum(r.c.fcr), 0).label("fcr"),
        func.coalesce(func.sum(r.c.transferred), 0).label("transferred"),
    ]


def _survey_sums(r: Subquery) -> list[Any]:
    return [
        func.count(r.c.csat).label("csat_n"),
        _count_if(r.c.csat >= 4).label("satisfied"),
        func.coalesce(func.sum(r.c.csat), 0).label("csat_sum"),
        func.count(r.c.nps).label("nps_n"),
        _count_if(r.c.nps >= 9).label("promoters"),
        _count_if(r.c.nps <= 6).label("detractors"),
        func.count(r.c.effort).label("effort_n"),
        func.coalesce(func.sum(r.c.effort), 0).label("effort_sum"),
    ]


def closed_and_survey_query(r: Subquery) -> Any:
    """Per period and channel, the closed contacts' sums and their survey answers', in one
    pass over ``closed_rows(s, surveyed=True)``: each pass over a period's facts costs a
    third of a second at a million contacts."""
    return select(r.c.period, r.c.channel, *_closed_sums(r), *_survey_sums(r)).group_by(
        r.c.period, r.c.channel
    )
