"""Scorecards: the weighted criteria an evaluation scores, in versions.

A supervisor or an administrator creates a scorecard, gives it a new version when its criteria
change, and retires it when it is no longer used. A version is never changed once written, and
an evaluation names the version it was made with, so an old evaluation reads as it was made.
The centre's functions (``relais_scorecard_create``, ``_revise``, ``_retire``) write them on
PostgreSQL; the embedded centre runs the same rules here.
"""

import json
import math
import re
import unicodedata
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert, select, text, update

from app.backoffice.centre import BackOffice
from app.backoffice.refusals import Refused, call, refusal
from app.clock import utcnow
from app.db import Database
from app.enums import Role
from app.ids import new_id
from app.models import Scorecard, ScorecardVersion
from app.sync.apply import User

NAME_MAX = 120
LABEL_MAX = 200
KEY_MAX = 40
CRITERIA_MAX = 50
WEIGHT_MAX = 1000.0
_KEY = re.compile(r"[a-z0-9_]{1,40}")


@dataclass(frozen=True)
class Criterion:
    """One thing an evaluation scores 1-4 (``key`` identifies it across versions), and how much
    it counts in the quality score."""

    key: str
    label: str
    weight: float = 1.0


@dataclass(frozen=True)
class Version:
    """One version of a scorecard, as written."""

    id: uuid.UUID
    scorecard_id: uuid.UUID
    number: int
    criteria: tuple[Criterion, ...]
    created_at: datetime


@dataclass(frozen=True)
class ScorecardView:
    """A scorecard with its current version."""

    id: uuid.UUID
    name: str
    active: bool
    current: Version


def key_for(label: str) -> str:
    """A criterion key made from its label ("Prise de congé" -> "prise_de_conge"), for a form
    that asks for the label only."""
    plain = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "_", plain).strip("_")[:KEY_MAX] or "criterion"


def criteria_problem(criteria: Sequence[Criterion]) -> str | None:
    """The refusal's key for criteria the centre would refuse (the order of its checks), or
    None. Labels count once trimmed."""
    if not criteria:
        return "no_criteria"
    if len(criteria) > CRITERIA_MAX:
        return "too_many_criteria"
    for c in criteria:
        if (
            not isinstance(c.key, str)
            or not isinstance(c.label, str)
            or isinstance(c.weight, bool)
            or not isinstance(c.weight, int | float)
            or not math.isfinite(c.weight)
        ):
            return "bad_criterion"
    if any(not _KEY.fullmatch(c.key) for c in criteria):
        return "bad_key"
    if len({c.key for c in criteria}) != len(criteria):
        return "duplicate_key"
    if any(not c.label.strip() or len(c.label.strip()) > LABEL_MAX for c in criteria):
        return "bad_label"
    if any(c.weight <= 0 or c.weight > WEIGHT_MAX for c in criteria):
        return "bad_weight"
    return None


def kept(criteria: Iterable[Criterion]) -> list[dict[str, Any]]:
    """The criteria as a version stores them: labels trimmed, weights as numbers."""
    return [{"key": c.key, "label": c.label.strip(), "weight": float(c.weight)} for c in criteria]


def _check(criteria: Sequence[Criterion]) -> list[dict[str, Any]]:
    problem = criteria_problem(criteria)
    if problem:
        raise Refused(problem)
    return kept(criteria)


def _checked_name(name: str) -> str:
    name = name.strip() if isinstance(name, str) else ""
    if not name or len(name) > NAME_MAX:
        raise Refused("bad_name")
    return name


def _editor(office: BackOffice) -> None:
    if not office.is_supervisor:
        raise refusal("scorecard_rights")


def _may_edit(me: User) -> None:
    if me.role not in (Role.SUPERVISOR, Role.ADMIN):
        raise Refused("scorecard_rights")


def _before_sending(check: Any) -> Any:
    """Runs a check that raises ``Refused`` and returns the user's message instead."""
    try:
        return check()
    except Refused as exc:
        raise refusal(exc.key) from None


def create(office: BackOffice, name: str, criteria: Sequence[Criterion]) -> ScorecardView:
    """A new scorecard, at version 1. Refused: an empty name or one already taken, no criteria,
    keys repeated or malformed, a weight of 0 or less."""
    _editor(office)
    clean = _before_sending(lambda: _checked_name(name))
    rows = _before_sending(lambda: _check(criteria))
    scorecard_id, version_id = new_id(), new_id()

    def embedded(conn: Connection, me: User) -> None:
        _may_edit(me)
        _checked_name(clean)
        _check(criteria)
        if conn.scalar(select(Scorecard.id).where(Scorecard.name == clean)):
            raise Refused("duplicate_name")
        now = utcnow()
        conn.execute(
            insert(Scorecard).values(
                id=scorecard_id, name=clean, current_version=1, active=True, created_at=now
            )
        )
        conn.execute(
            insert(ScorecardVersion).values(
                id=version_id,
                scorecard_id=scorecard_id,
                version=1,
                criteria=rows,
                created_at=now,
                author_id=me.id,
            )
        )

    statement = text(
        "SELECT public.relais_scorecard_create(:id, :version, :name, CAST(:criteria AS jsonb))"
    ).bindparams(id=scorecard_id, version=version_id, name=clean, criteria=_json(rows))
    call(office, statement, embedded)
    return _views(office.db, Scorecard.id == scorecard_id)[0]  # not a replica that may lag


def revise(office: BackOffice, scorecard_id: uuid.UUID, criteria: Sequence[Criterion]) -> Version:
    """A new version of the scorecard with these criteria; the earlier versions, and the
    evaluations made with them, stay as they were. Refused when nothing changed."""
    _editor(office)
    rows = _before_sending(lambda: _check(criteria))
    version_id = new_id()

    def embedded(conn: Connection, me: User) -> None:
        _may_edit(me)
        card = conn.execute(
            select(Scorecard.current_version, Scorecard.active).where(Scorecard.id == scorecard_id)
        ).first()
        if card is None:
            raise Refused("no_scorecard")
        if not card.active:
            raise Refused("retired")
        _check(criteria)
        current = conn.scalar(
            select(ScorecardVersion.criteria).where(
                ScorecardVersion.scorecard_id == scorecard_id,
                ScorecardVersion.version == card.current_version,
            )
        )
        if current == rows:
            raise Refused("unchanged")
        conn.execute(
            insert(ScorecardVersion).values(
                id=version_id,
                scorecard_id=scorecard_id,
                version=card.current_version + 1,
                criteria=rows,
                created_at=utcnow(),
                author_id=me.id,
            )
        )
        conn.execute(
            update(Scorecard)
            .where(Scorecard.id == scorecard_id)
            .values(current_version=card.current_version + 1)
        )

    statement = text(
        "SELECT public.relais_scorecard_revise(:id, :version, CAST(:criteria AS jsonb))"
    ).bindparams(id=scorecard_id, version=version_id, criteria=_json(rows))
    call(office, statement, embedded)
    with office.db.reading() as conn:
        return read_versions(conn, [version_id])[version_id]


def retire(office: BackOffice, scorecard_id: uuid.UUID) -> bool:
    """Retires the scorecard: no new evaluation is made with it. False when it was already."""
    _editor(office)

    def embedded(conn: Connection, me: User) -> tuple[bool]:
        _may_edit(me)
        if conn.scalar(select(Scorecard.id).where(Scorecard.id == scorecard_id)) is None:
            raise Refused("no_scorecard")
        done = conn.execute(
            update(Scorecard)
            .where(Scorecard.id == scorecard_id, Scorecard.active.is_(True))
            .values(active=False)
        )
        return (bool(done.rowcount),)

    statement = text("SELECT public.relais_scorecard_retire(:id)").bindparams(id=scorecard_id)
    return bool(call(office, statement, embedded)[0])


# -- reading -------------------------------------------------------------------------------------


def active(office: BackOffice) -> list[ScorecardView]:
    """The scorecards evaluations may be made with, by name, each with its current version."""
    return _views(office.reader, Scorecard.active.is_(True))


def get(office: BackOffice, scorecard_id: uuid.UUID) -> ScorecardView:
    """One scorecard, active or retired, with its current version."""
    found = _views(office.reader, Scorecard.id == scorecard_id)
    if not found:
        raise refusal("no_scorecard")
    return found[0]


def version(office: BackOffice, version_id: uuid.UUID) -> Version:
    """One version as it was written (an evaluation's, say)."""
    found = versions(office, [version_id])
    if version_id not in found:
        raise refusal("no_scorecard")
    return found[version_id]


def versions(office: BackOffice, ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, Version]:
    """These versions, by id (those that exist)."""
    wanted = list(set(ids))
    if not wanted:
        return {}
    with office.reader.reading() as conn:
        return read_versions(conn, wanted)


def read_versions(conn: Connection, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, Version]:
    """The versions of these ids on an open connection (scorecards are everyone's to read)."""
    rows = conn.execute(
        select(
            ScorecardVersion.id,
            ScorecardVersion.scorecard_id,
            ScorecardVersion.version,
            ScorecardVersion.criteria,
            ScorecardVersion.created_at,
        ).where(ScorecardVersion.id.in_(ids))
    )
    return {r.id: _version(r) for r in rows}


def _version(r: Any) -> Version:
    criteria = tuple(Criterion(c["key"], c["label"], float(c["weight"])) for c in r.criteria)
    return Version(r.id, r.scorecard_id, r.version, criteria, r.created_at)


def _views(db: Database, condition: Any) -> list[ScorecardView]:
    query = (
        select(
            Scorecard.name,
            Scorecard.active,
            ScorecardVersion.id,
            ScorecardVersion.scorecard_id,
            ScorecardVersion.version,
            ScorecardVersion.criteria,
            ScorecardVersion.created_at,
        )
        .join(
            ScorecardVersion,
            (ScorecardVersion.scorecard_id == Scorecard.id)
            & (ScorecardVersion.version == Scorecard.current_version),
        )
        .where(condition)
        .order_by(Scorecard.name, Scorecard.id)
    )
    with db.reading() as conn:
        return [
            ScorecardView(r.scorecard_id, r.name, r.active, _version(r))
            for r in conn.execute(query)
        ]


def _json(rows: list[dict[str, Any]]) -> str:
    return json.dumps(rows)
