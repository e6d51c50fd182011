"""The indicators dashboard's figures, for a period ``start <= t < end`` (UTC), a team and a
channel (both optional), each beside the same figure for the period just before, of the same
length. Computed on the centre in SQL (app.backoffice.indicators_sql), figure by figure, in one
read-only snapshot; the contacts behind a figure: app.backoffice.indicators_drill.

What places a contact in a period, and what each figure counts (one definition, the same on
PostgreSQL and the embedded centre, and in the focus indicator's ``relais_indicator``):

- The contacts counted are those a customer started: a follow-up an advisor planned (a contact
  with a parent) is no contact received, except in the backlog, where it is work waiting.
  Its team is the contact's (``contact.team_id``: the queue it came in).
- Received in the period (``received_at``): **volume**, the **heat map** of arrivals (weekday
  and hour in the centre's time zone, each UTC hour mapped with zoneinfo, so DST is exact),
  **first response** and **SLA**.
- **First response**: from arrival to the first reply the centre received (the first outbound
  message at or after the arrival) on written channels; to the moment the call was answered
  (``call_started_at``) for a call. Median and mean over the contacts answered so far.
- **SLA**: the share of contacts answered within their channel's target (IndicatorSettings:
  phone 60 s, e-mail 24 h, social 1 h, letter 5 days), over those judged: answered, in time or
  late, or still open and unanswered past the target at the time of computing (missed). A
  contact closed without any reply (nothing to answer) is not judged.
- Closed in the period (status closed, ``closed_at``): **handling time**, **call time**,
  **first-contact resolution**, **transfer rate**, and the **survey** figures of their answers.
- **Handling time**: the time advisors held the contact, the sum of its assignments (started_at
  to ended_at; one never ended counts up to the close), over contacts with an assignment.
  **Call time**: call_started_at to call_ended_at, over calls with both.
- **First-contact resolution**: the share of closed contacts whose closing advisor's latest
  wrap-up says "resolved" and whose customer started no other contact after this one arrived
  and up to 7 days after it closed (a contact without a known customer: its outcome alone). For
  a contact closed less than 7 days ago the figure is provisional: a return can still come.
- **Transfer rate**: the share of closed contacts a wrap-up says "transferred", or that more
  than one advisor held.
- **CSAT**: the share of answers satisfied (4-5 on the 1-5 scale) and the mean; **NPS**:
  promoters (9-10) minus detractors (0-6), in points of the answers giving one; **customer
  effort**: the mean (1-7, lower is easier). ``n`` is always the number of answers.
- **Backlog**: contacts received before the period's end and not closed by then; **queued**:
  those waiting in the queue now (no previous value).

Shares are 0-1 (a change is in share points, 0.05 = 5 points); durations are seconds. A figure
with nothing to rest on has ``n`` 0, no value and ``why``, never a division by zero.

Rights: supervisors (their own team only) and administrators (any team, or all). An advisor's
own figures are their calibration (app.backoffice.alignment); the team's focus indicator, which
every advisor reads, is app.backoffice.focus. On PostgreSQL the login's row-level security
applies underneath (a supervisor reads the facts of their team's contacts and of those their
team's advisors closed); on the embedded centre the same condition is added
(app.backoffice.visibility).
"""

import uuid
from datetime import datetime

from sqlalchemy import Connection, select

from app.backoffice import facts, visibility
from app.backoffice.alignment_sql import NotYours
from app.backoffice.centre import BackOffice
from app.backoffice.indicators_figures import (
    FOCUS_KEYS,
    INDICATORS,
    NO_ANSWERED,
    NO_BACKLOG,
    NO_CALLS,
    NO_CLOSED,
    NO_CONTACTS,
    NO_EFFORT,
    NO_HANDLED,
    NO_JUDGED,
    NO_NPS,
    NO_QUEUE,
    NO_SURVEY,
    Cancelled,
    Dashboard,
    Figure,
    HeatCell,
    IndicatorSettings,
    Measure,
    Progress,
    Selection,
    assemble,
    compute,
    scope_of,
)
from app.backoffice.indicators_sql import Scope
from app.clock import utcnow
from app.db import storage_errors
from app.enums import Channel, Role
from app.errors import InputError
from app.i18n import QT_TRANSLATE_NOOP
from app.models import Team

__all__ = [
    "FOCUS_KEYS", "INDICATORS", "NO_ANSWERED", "NO_BACKLOG", "NO_CALLS", "NO_CLOSED",
    "NO_CONTACTS", "NO_EFFORT", "NO_HANDLED", "NO_JUDGED", "NO_NPS", "NO_QUEUE", "NO_SURVEY",
    "Cancelled", "Dashboard", "Figure", "HeatCell", "IndicatorSettings", "Measure", "Progress",
    "Selection", "dashboard", "prepare", "select_for",
]  # fmt: skip


# -- who may ask for what ------------------------------------------------------------------------


def check_period(start: datetime, end: datetime) -> None:
    if start.tzinfo is None or end.tzinfo is None:
        raise ValueError("the period's bounds must be aware datetimes")
    if end < start:
        raise InputError(
            QT_TRANSLATE_NOOP("errors", "The period ends ({end}) before it starts ({start})."),
            QT_TRANSLATE_NOOP("errors", "Choose an end after the start."),
            start=start.isoformat(),
            end=end.isoformat(),
        )
    if end == start:
        raise InputError(
            QT_TRANSLATE_NOOP("errors", "The period is empty: it starts and ends at {start}."),
            QT_TRANSLATE_NOOP("errors", "Choose an end after the start."),
            start=start.isoformat(),
        )


def select_for(
    office: BackOffice,
    start: datetime,
    end: datetime,
    team: str | uuid.UUID | None = None,
    channel: Channel | str | None = None,
) -> Selection:
    """The selection the user may read: a supervisor their own team's (by default), an
    administrator any team's or the whole centre's; an advisor none. Refused before any query."""
    check_period(start, end)
    who = office.who
    if who.role == Role.ADVISOR:
        raise NotYours(
            QT_TRANSLATE_NOOP("errors", "The indicators are for supervisors and administrators."),
            QT_TRANSLATE_NOOP("errors", "Your own figures are in your calibration."),
        )
    kept = _channel(channel)
    with storage_errors(office.reader), office.reader.engine.connect() as conn:
        found = None if team is None else _team(conn, team)
    if who.role == Role.SUPERVISOR:
        if who.team_id is None:
            raise NotYours(
                QT_TRANSLATE_NOOP("errors", "You supervise no team: there are no indicators."),
                QT_TRANSLATE_NOOP("errors", "Ask an administrator to put you in your team."),
            )
        if found is not None and found[0] != who.team_id:
            raise NotYours(
                QT_TRANSLATE_NOOP(
                    "errors", "A supervisor reads their own team's indicators only ({mine})."
                ),
                QT_TRANSLATE_NOOP("errors", "Choose your team, or ask an administrator."),
                mine=who.team_name,
            )
        found = (who.team_id, who.team_name)
    team_id, name = found or (None, None)
    return Selection(start, end, team_id, name, kept)


def _channel(channel: Channel | str | None) -> Channel | None:
    if channel is None:
        return None
    try:
        return Channel(channel)
    except ValueError:
        raise InputError(
            QT_TRANSLATE_NOOP("errors", "There is no channel “{channel}”."),
            QT_TRANSLATE_NOOP("errors", "Give one of: {channels}."),
            channel=str(channel),
            channels=", ".join(c.value for c in Channel),
        ) from None


def _team(conn: Connection, team: str | uuid.UUID) -> tuple[uuid.UUID, str]:
    column = Team.id if isinstance(team, uuid.UUID) else Team.name
    row = conn.execute(select(Team.id, Team.name).where(column == team)).first()
    if row is None:
        raise InputError(
            QT_TRANSLATE_NOOP("errors", "There is no team “{team}”."),
            QT_TRANSLATE_NOOP("errors", "Give the team's name as the centre spells it."),
            team=str(team),
        )
    return row[0], row[1]


# -- the computation -----------------------------------------------------------------------------


def dashboard(
    office: BackOffice,
    start: datetime,
    end: datetime,
    team: str | uuid.UUID | None = None,
    channel: Channel | str | None = None,
    progress: Progress | None = None,
    settings: IndicatorSettings | None = None,
    now: datetime | None = None,
) -> Dashboard:
    """Every figure of the selection, overall and per channel, beside the previous period,
    and the heat map of arrivals. Raises Cancelled when ``progress`` answers False."""
    selection, scope, settings = prepare(office, start, end, team, channel, settings, now)
    sums, medians, hours = compute(office.reader, scope, progress)
    return assemble(selection, sums, medians, hours, settings, scope.now)


def prepare(
    office: BackOffice,
    start: datetime,
    end: datetime,
    team: str | uuid.UUID | None,
    channel: Channel | str | None,
    settings: IndicatorSettings | None,
    now: datetime | None,
) -> tuple[Selection, Scope, IndicatorSettings]:
    """The selection allowed, and the scope its queries run in with the user's read rights."""
    selection = select_for(office, start, end, team, channel)
    settings = settings or IndicatorSettings()
    settings.zone()  # an unknown zone is refused before any query
    facts.bring_up_to_date(office.db)  # on the centre itself: a replica follows it
    visible = None
    if office.reader.is_sqlite and office.who.role != Role.ADMIN:
        visible = lambda f: visibility.facts(office, f)  # noqa: E731
    return selection, scope_of(selection, now or utcnow(), settings, visible), settings
