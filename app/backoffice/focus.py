"""The team's focus indicator: the one figure a supervisor chose for their team to follow,
shown with its current value on every advisor's status bar.

A supervisor sets it for their own team (an administrator for any team he names) through the
centre's ``relais_set_focus``; every user of the team reads it through ``relais_team_focus``,
which returns the team's aggregate and nothing else, so an advisor never reads a colleague's
rows through it (both SECURITY DEFINER, ``sql/3fe0ed6959e9_70_indicators.sql``). The embedded
SQLite centre applies the same rules here, computing the figure with the dashboard's own
queries (app.backoffice.indicators_figures) as the centre would.

The value is over the last 7 days, ``now - 7 days <= t < now`` by the centre's clock, beside the
7 days before; each indicator counts what the dashboard's does (app.backoffice.indicators), with
the default response targets (IndicatorSettings). Keys: indicators.FOCUS_KEYS.
"""

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, text, update
from sqlalchemy.exc import DBAPIError

from app.backoffice.centre import BackOffice
from app.backoffice.indicators_figures import (
    FOCUS_KEYS,
    INDICATORS,
    IndicatorSettings,
    Selection,
    overall,
    scope_of,
)
from app.clock import utcnow
from app.db import Database, sqlstate, storage_errors
from app.enums import Role
from app.errors import InputError, RelaisError
from app.i18n import QT_TRANSLATE_NOOP
from app.models import Team
from app.sync import apply
from app.sync.centre import not_a_user

WINDOW = timedelta(days=7)


@dataclass(frozen=True)
class FocusView:
    """What the status bar shows: the indicator, its value over the last 7 days (None when
    nothing to rest on: ``n`` 0), the 7 days before, and since when the team follows it."""

    key: str
    value: float | None
    n: int
    previous: float | None
    previous_n: int
    unit: str
    start: datetime
    end: datetime
    set_at: datetime | None

    @property
    def label(self) -> str:
        """The indicator's name, a source text of the "indicators" context."""
        return INDICATORS[self.key][2]

    @property
    def better(self) -> str | None:
        return INDICATORS[self.key][1]

    @property
    def change(self) -> float | None:
        if self.value is None or self.previous is None:
            return None
        return self.value - self.previous


class _Refused(Exception):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _refusal(key: str, indicator: str | None) -> RelaisError:
    if key == "unknown_indicator":
        return InputError(
            QT_TRANSLATE_NOOP("errors", "“{key}” is not an indicator a team can follow."),
            QT_TRANSLATE_NOOP("errors", "Choose one of: {keys}."),
            key=str(indicator),
            keys=", ".join(FOCUS_KEYS),
        )
    if key == "no_team":
        return InputError(
            QT_TRANSLATE_NOOP("errors", "There is no team to set the focus indicator of."),
            QT_TRANSLATE_NOOP(
                "errors", "A supervisor sets their own team's; an administrator names the team."
            ),
        )
    return InputError(
        QT_TRANSLATE_NOOP(
            "errors", "Only a supervisor of the team, or an administrator, sets its focus."
        ),
        QT_TRANSLATE_NOOP("errors", "Ask your supervisor to change the team's focus."),
    )


def set_focus(
    office: BackOffice, indicator: str | None, team_id: uuid.UUID | None = None
) -> datetime:
    """Sets the focus indicator of the user's team (an administrator's: of ``team_id``), or
    clears it with None; returns when, by the centre's clock."""
    if indicator is not None and indicator not in FOCUS_KEYS:
        raise _refusal("unknown_indicator", indicator)

    def embedded(conn: Any, me: apply.User) -> datetime:
        if me.role not in (Role.SUPERVISOR, Role.ADMIN):
            raise _Refused("focus_rights")
        target = team_id or me.team
        if me.role == Role.SUPERVISOR and target != me.team:
            raise _Refused("focus_rights")
        at = utcnow()
        done = conn.execute(
            update(Team)
            .where(Team.id == target)
            .values(focus_indicator=indicator, focus_set_at=at if indicator else None)
        )
        if target is None or not done.rowcount:
            raise _Refused("no_team")
        return at

    statement = text("SELECT public.relais_set_focus(:indicator, :team)").bindparams(
        indicator=indicator, team=team_id
    )
    return _call(office.db, office.who.login, statement, embedded, indicator)


def _call(
    db: Database,
    login: str,
    statement: Any,
    embedded: Callable[[Any, apply.User], Any],
    indicator: str | None = None,
) -> Any:
    if db.is_sqlite:
        with storage_errors(db), db.engine.begin() as conn:
            try:
                me = apply.user(conn, login)
            except apply.NotAUser as exc:
                raise not_a_user(login) from exc
            try:
                return embedded(conn, me)
            except _Refused as exc:
                raise _refusal(exc.key, indicator) from None
    try:
        with storage_errors(db), db.engine.begin() as conn:
            return conn.execute(statement).scalar()
    except DBAPIError as exc:
        diag = getattr(exc.orig, "diag", None)
        message = str(getattr(diag, "message_primary", "") or "")
        key = message.split(":", 1)[0]
        if key in ("focus_rights", "unknown_indicator", "no_team"):
            raise _refusal(key, indicator) from exc
        if sqlstate(exc) == "42501":
            raise not_a_user(login) from exc
        raise


def focus(central_db: Database, login: str, now: datetime | None = None) -> FocusView | None:
    """The focus indicator of ``login``'s team with its current value, or None when the team
    follows none (or the user has no team). Reads the centre: call it off the GUI thread; an
    unreachable centre raises CentreUnreachable. ``now`` (the embedded centre only) stands for
    the centre's clock in tests; PostgreSQL's is its own."""
    if not central_db.is_sqlite:
        with central_db.reading() as conn:
            row = conn.execute(text("SELECT * FROM public.relais_team_focus()")).first()
        if row is None:
            return None
        return FocusView(
            row.indicator, row.value, int(row.n), row.previous, int(row.previous_n), row.unit,
            row.period_start, row.period_end, row.set_at,
        )  # fmt: skip
    with storage_errors(central_db), central_db.engine.connect() as conn:
        try:
            me = apply.user(conn, login)
        except apply.NotAUser as exc:
            raise not_a_user(login) from exc
        found = conn.execute(
            select(Team.focus_indicator, Team.focus_set_at).where(Team.id == me.team)
        ).first()
    if me.team is None or found is None or found.focus_indicator not in FOCUS_KEYS:
        return None
    key = found.focus_indicator
    end = now or utcnow()
    selection = Selection(end - WINDOW, end, me.team)
    scope = scope_of(selection, end, IndicatorSettings())  # the centre's own: every row
    current, previous = overall(central_db, scope, key)
    return FocusView(
        key, current.value, current.n, previous.value, previous.n, INDICATORS[key][0],
        selection.start, end, found.focus_set_at,
    )  # fmt: skip
