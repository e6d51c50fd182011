"""The indicators' SQL: one row per contact a figure rests on (a subquery each), which the
dashboard aggregates per period and channel on the centre and the drill-down pages through.
SQLAlchemy Core that compiles for PostgreSQL and for the embedded SQLite centre alike (the two
time functions SQLite lacks: app.backoffice.indicators_time).

Every row subquery covers both periods at once, ``previous_start <= t < end``, and says which
in ``period``: 0 the period asked for, 1 the one before it, of the same length. What places a
contact in a period, and what each figure counts, is in app.backoffice.indicators' docstring.
The same definitions run in PostgreSQL's ``relais_indicator`` (the focus indicator,
``sql/3fe0ed6959e9_70_indicators.sql``): change both together.
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
    true,
)
from sqlalchemy.orm import aliased

from app.backoffice.indicators_time import epoch_hour, seconds_between
from app.enums import Channel, ContactStatus, Direction, Outcome
from app.models import Contact, ContactAssignment, Message, SurveyAnswer, WrapUp
from app.models.base import UTCDateTime

REPEAT_WINDOW_SECONDS = 7 * 86400
"""First-contact resolution: the customer's next contact must not come within 7 days."""

Visible = Callable[[Any], ColumnElement[bool]]


# -- what is asked -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    """Both periods, the team and channel kept (None: all), the instant "now" stands for (an
    unanswered contact past its target by then missed it), each channel's target in seconds,
    and on the embedded centre the user's read rights on wrap-ups (None: all, as PostgreSQL's
    row-level security decides there, or the centre itself computing a team's focus)."""

    previous_start: datetime
    start: datetime
    end: datetime
    now: datetime
    targets: Mapping[Channel, int]
    team_id: Any = None
    channel: Channel | None = None
    wrap_visible: Visible | None = None

    def at(self, value: datetime) -> Any:
        return literal(value, UTCDateTime())


def _kept(s: Scope, customers_only: bool = True) -> list[ColumnElement[bool]]:
    """The team and channel asked for; contacts a customer started (no planned follow-up)."""
    conditions: list[ColumnElement[bool]] = []
    if customers_only:
        conditions.append(Contact.parent_id.is_(None))
    if s.team_id is not None:
        conditions.append(Contact.team_id == s.team_id)
    if s.channel is not None:
        conditions.append(Contact.channel == s.channel)
    return conditions


def _period(column: Any, s: Scope) -> Any:
    return case((column >= s.at(s.start), 0), else_=1).label("period")


def _in_both(column: Any, s: Scope) -> list[ColumnElement[bool]]:
    return [column >= s.at(s.previous_start), column < s.at(s.end)]


def _flag(condition: ColumnElement[bool]) -> Any:
    return case((condition, 1), else_=0)


# -- one row per contact -------------------------------------------------------------------------


def received_rows(s: Scope) -> Subquery:
    """Contacts received: id, period, channel, received_at, hour (UTC, since the epoch)."""
    return (
        select(
            Contact.id,
            _period(Contact.received_at, s),
            Contact.channel,
            Contact.received_at.label("at"),
            epoch_hour(Contact.received_at).label("hour"),
        )
        .where(*_in_both(Contact.received_at, s), *_kept(s))
        .subquery("received")
    )


def target_seconds(channel: Any, targets: Mapping[Channel, int]) -> Any:
    return case({c.value: t for c, t in targets.items()}, value=channel, else_=None)


def response_rows(s: Scope) -> Subquery:
    """Contacts received, with their first response: ``frt`` seconds from arrival to the first
    reply sent (the first outbound message the centre received at or after the arrival) or,
    for a call, to the moment it was answered (call_started_at); NULL while unanswered.
    ``met`` / ``missed`` their channel's target (an open contact still unanswered past its
    target by ``now`` missed it; one closed without a reply is neither: nothing to answer)."""
    m = aliased(Message)
    first_reply = (
        select(func.min(m.created_at))
        .where(
            m.contact_id == Contact.id,
            m.direction == Direction.OUTBOUND,
            m.created_at >= Contact.received_at,
        )
        .scalar_subquery()
    )
    answered = case((Contact.channel == Channel.PHONE, Contact.call_started_at), else_=first_reply)
    raw = (
        select(
            Contact.id,
            _period(Contact.received_at, s),
            Contact.channel,
            Contact.received_at.label("at"),
            Contact.status,
            answered.label("answered_at"),
        )
        .where(*_in_both(Contact.received_at, s), *_kept(s))
        .cte("answering")
        # Once per contact: inlined, the first reply's look-up would run for each of the
        # four figures that read it.
        .prefix_with("MATERIALIZED")
    )
    frt = seconds_between(raw.c.at, raw.c.answered_at)
    target = target_seconds(raw.c.channel, s.targets)
    waited = seconds_between(raw.c.at, s.at(s.now))
    late_open = and_(
        raw.c.answered_at.is_(None), raw.c.status != ContactStatus.CLOSED, waited > target
    )
    return select(
        raw.c.id,
        raw.c.period,
        raw.c.channel,
        raw.c.at,
        frt.label("frt"),
        _flag(frt <= target).label("met"),
        _flag(or_(frt > target, late_open)).label("missed"),
        case((raw.c.answered_at.is_(None), waited), else_=frt).label("waited"),
    ).subquery("responses")


def _visible(w: Any, visible: Visible | None) -> ColumnElement[bool]:
    return true() if visible is None else visible(w)


def closed_rows(s: Scope) -> Subquery:
    """Contacts closed (status closed, closed_at in a period): ``handled`` the seconds its
    advisors held it (the sum of its assignments, from started_at to ended_at, an assignment
    never ended counting to the close; NULL without any), ``talk`` a call's seconds from
    call_started_at to call_ended_at, ``fcr`` 1 when resolved at the first contact (the closing
    advisor's latest wrap-up that no other supersedes says resolved, and the same customer
    started no other contact after this one's arrival up to 7 days after its close),
    ``transferred`` 1 when such a wrap-up says transferred or more than one advisor held it.

    Set-based on purpose (derived tables joined once, not a subquery per contact): a wrap-up
    is found superseded through one pass over the superseding ones, which no index serves."""
    talk = case(
        (
            and_(Contact.call_started_at.is_not(None), Contact.call_ended_at.is_not(None)),
            seconds_between(Contact.call_started_at, Contact.call_ended_at),
        ),
        else_=None,
    )
    base = (
        select(
            Contact.id,
            _period(Contact.closed_at, s),
            Contact.channel,
            Contact.closed_at.label("at"),
            Contact.received_at,
            Contact.customer_id,
            Contact.assigned_to,
            talk.label("talk"),
        )
        .where(Contact.status == ContactStatus.CLOSED, *_in_both(Contact.closed_at, s), *_kept(s))
        .cte("closing")
    )
    a = aliased(ContactAssignment)
    held = (
        select(
            a.contact_id,
            func.sum(seconds_between(a.started_at, func.coalesce(a.ended_at, base.c.at))).label(
                "handled"
            ),
            func.count(func.distinct(a.advisor_id)).label("advisors"),
        )
        .join(base, base.c.id == a.contact_id)
        .group_by(a.contact_id)
        .subquery("held")
    )
    later = aliased(WrapUp)
    superseded = (
        select(later.supersedes_id.label("id"))
        .where(later.supersedes_id.is_not(None), _visible(later, s.wrap_visible))
        .subquery("superseded")
    )
    w = aliased(WrapUp)
    live = (
        select(
            w.contact_id,
            w.outcome,
            (w.advisor_id == base.c.assigned_to).label("closer"),
            func.row_number()
            .over(
                partition_by=(w.contact_id, w.advisor_id),
                order_by=(w.created_at.desc(), w.id.desc()),
            )
            .label("rank"),
        )
        .join(base, base.c.id == w.contact_id)
        .outerjoin(superseded, superseded.c.id == w.id)
        .where(superseded.c.id.is_(None), _visible(w, s.wrap_visible))
        .subquery("live")
    )
    resolved = and_(live.c.closer, live.c.rank == 1, live.c.outcome == Outcome.RESOLVED)
    outcomes = (
        select(
            live.c.contact_id,
            func.max(_flag(resolved)).label("resolved"),
            func.max(_flag(live.c.outcome == Outcome.TRANSFERRED)).label("transfer_said"),
        )
        .group_by(live.c.contact_id)
        .subquery("outcomes")
    )
    k = aliased(Contact)
    # (select k.id, not *: a user may not read every column of a contact, its claim token)
    came_back = (
        select(k.id)
        .where(
            k.customer_id == base.c.customer_id,
            k.id != base.c.id,
            k.parent_id.is_(None),
            k.received_at > base.c.received_at,
            seconds_between(base.c.at, k.received_at) <= REPEAT_WINDOW_SECONDS,
        )
        .exists()
    )
    return (
        select(
            base.c.id,
            base.c.period,
            base.c.channel,
            base.c.at,
            held.c.handled,
            base.c.talk,
            _flag(and_(outcomes.c.resolved == 1, ~came_back)).label("fcr"),
            _flag(or_(outcomes.c.transfer_said == 1, held.c.advisors > 1)).label("transferred"),
        )
        .select_from(base)
        .outerjoin(held, held.c.contact_id == base.c.id)
        .outerjoin(outcomes, outcomes.c.contact_id == base.c.id)
        .subquery("closed")
    )


def survey_rows(s: Scope) -> Subquery:
    """Survey answers of the contacts closed in a period: csat 1-5, nps 0-10, effort 1-7."""
    return (
        select(
            Contact.id,
            _period(Contact.closed_at, s),
            Contact.channel,
            Contact.closed_at.label("at"),
            SurveyAnswer.csat,
            SurveyAnswer.nps,
            SurveyAnswer.effort,
        )
        .join(SurveyAnswer, SurveyAnswer.contact_id == Contact.id)
        .where(Contact.status == ContactStatus.CLOSED, *_in_both(Contact.closed_at, s), *_kept(s))
        .subquery("surveyed")
    )


def backlog_rows(s: Scope) -> Subquery:
    """Contacts not closed at a period's end (planned follow-ups whose time had come included):
    received before it and not closed before it. ``period`` 0 open at ``end``, 1 at ``start``
    (the previous period's end); a contact open at both ends has a row for each."""
    at_end = and_(
        Contact.received_at < s.at(s.end),
        or_(Contact.closed_at.is_(None), Contact.closed_at >= s.at(s.end)),
    )
    at_start = and_(
        Contact.received_at < s.at(s.start),
        or_(Contact.closed_at.is_(None), Contact.closed_at >= s.at(s.start)),
    )

    def one(period: int, condition: ColumnElement[bool]) -> Any:
        return select(
            Contact.id,
            literal(period, Integer()).label("period"),
            Contact.channel,
            Contact.received_at.label("at"),
        ).where(condition, *_kept(s, customers_only=False))

    return one(0, at_end).union_all(one(1, at_start)).subquery("backlog")


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
            *_kept(s, customers_only=False),
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
    """The first responses' sums per period and channel (``kind`` SUMS, ``median`` NULL),
    and their medians (``kind`` MEDIAN, the sums NULL; see ``medians_query``), in one
    statement: the contacts' first replies, the costliest of the dashboard's look-ups, are
    found once for both."""
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


def medians_query(r: Subquery, column: str) -> Any:
    """The median of ``column`` (NULLs left out) per period and channel, and per period over
    every channel (channel NULL): the mean of the one or two middle values, by row numbers
    (SQLite has no percentile_cont), from one pass over the rows."""
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


def closed_query(r: Subquery) -> Any:
    return select(
        r.c.period,
        r.c.channel,
        func.count().label("closed"),
        func.count(r.c.handled).label("handled_n"),
        func.coalesce(func.sum(r.c.handled), 0).label("handled_sum"),
        func.count(r.c.talk).label("talk_n"),
        func.coalesce(func.sum(r.c.talk), 0).label("talk_sum"),
        func.coalesce(func.sum(r.c.fcr), 0).label("fcr"),
        func.coalesce(func.sum(r.c.transferred), 0).label("transferred"),
    ).group_by(r.c.period, r.c.channel)


def survey_query(r: Subquery) -> Any:
    return select(
        r.c.period,
        r.c.channel,
        func.count(r.c.csat).label("csat_n"),
        _count_if(r.c.csat >= 4).label("satisfied"),
        func.coalesce(func.sum(r.c.csat), 0).label("csat_sum"),
        func.count(r.c.nps).label("nps_n"),
        _count_if(r.c.nps >= 9).label("promoters"),
        _count_if(r.c.nps <= 6).label("detractors"),
        func.count(r.c.effort).label("effort_n"),
        func.coalesce(func.sum(r.c.effort), 0).label("effort_sum"),
    ).group_by(r.c.period, r.c.channel)
