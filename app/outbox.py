"""The write path every change bound for the centre goes through.

A service adds or changes ORM rows and then calls ``record_insert``/``record_update`` in the same
session, so the row and its outbox entry commit together or not at all, in the order the advisor
made them (the outbox's own sequence, not the clock). On the embedded or central database itself
(no workstation copy) there is no outbox and these calls only flush.

An operation's payload holds the new ``values``; an update also holds the values it replaced
(``before``), which the centre needs to tell a conflicting edit from a harmless one, and the
``claim`` token the workstation held on the row, which a write on a contact must present.
"""

import uuid
from datetime import datetime
from enum import Enum
from typing import Any

from sqlalchemy import inspect
from sqlalchemy.orm import Session

from app.ids import new_id
from app.models import Base, OutboxOp
from app.models.base import table_of


def plain(value: Any) -> Any:
    """A value as JSON carries it (UUIDs and datetimes as text, enums as their value)."""
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return value


def row_values(obj: Base, fields: list[str] | None = None) -> dict[str, Any]:
    mapper = inspect(obj).mapper
    names = fields if fields is not None else [c.key for c in mapper.column_attrs]
    return {name: plain(getattr(obj, name)) for name in names}


def _has_outbox(session: Session) -> bool:
    return bool(session.info.get("outbox", False))


def record_insert(session: Session, obj: Base) -> None:
    """Adds ``obj`` and, on a workstation, its insert operation."""
    session.add(obj)
    session.flush()
    if _has_outbox(session):
        _append(session, "insert", obj, {"values": row_values(obj)})


def record_update(session: Session, obj: Base, fields: list[str]) -> None:
    """Records that ``fields`` of ``obj`` changed: the row's id, new and previous values.

    Call it after changing the attributes and before anything flushes them."""
    state = inspect(obj)
    before = {name: plain(_previous(state, name)) for name in fields}
    claim = _previous(state, "claim_token") if "claim_token" in state.mapper.column_attrs else None
    session.flush()
    if _has_outbox(session):
        payload = {"values": row_values(obj, fields), "before": before, "claim": plain(claim)}
        _append(session, "update", obj, payload)


def _previous(state: Any, name: str) -> Any:
    history = state.attrs[name].history
    if history.deleted:
        return history.deleted[0]
    return getattr(state.object, name)


def _append(session: Session, kind: str, obj: Base, payload: dict[str, Any]) -> None:
    mapped = table_of(type(obj))
    table = mapped.name
    if mapped.info.get("scope") == "local":
        return
    pk = inspect(obj).identity
    row_id = pk[0] if pk else new_id()
    session.add(
        OutboxOp(op_id=new_id(), kind=kind, table_name=table, row_id=row_id, payload=payload)
    )
