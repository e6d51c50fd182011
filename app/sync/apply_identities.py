"""The embedded SQLite centre's identity edits and merges: what ``relais_identity_add``,
``relais_identity_change``, ``relais_identity_remove``, ``relais_merge_preview``,
``relais_merge_customers`` and ``relais_undo_merge`` do on a PostgreSQL centre
(``app/migrations/central/sql/e9c3a7f1d5b4_identities.sql``), by the same rules, with the same
JSON answers (uuids as text). The segments kept apart are also refused by SQLite triggers
(central revision e9c3a7f1d5b4), whatever path writes. The embedded centre keeps every customer
in every copy: there is no working set to check."""

import re
import uuid
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, update

from app.clock import utcnow
from app.enums import IdentityKind
from app.models import (
    Contact,
    Customer,
    CustomerIdentity,
    CustomerMerge,
    IdentityRemoval,
    SegmentApart,
)
from app.sync.apply import User

_E164 = re.compile(r"\+[1-9][0-9]{6,14}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_PHONES = (IdentityKind.PHONE.value, IdentityKind.WHATSAPP.value)


class MergeRefused(PermissionError):
    """Only supervisors and administrators merge customers (insufficient_privilege on
    PostgreSQL)."""


def shape(kind: str, value: str | None) -> str | None:
    """Why a value cannot be stored as an identity of ``kind``, or None (the centre's
    ``relais_identity_shape``)."""
    if kind not in {k.value for k in IdentityKind}:
        return "an unknown kind of identity"
    if not value or len(value) > 320:
        return "a value of 1 to 320 characters"
    if kind in _PHONES and not _E164.fullmatch(value):
        return "a phone number in E.164 (+33612345678)"
    if kind == IdentityKind.EMAIL.value and (not _EMAIL.fullmatch(value) or value != value.lower()):
        return "an e-mail address in lower case"
    if kind in ("facebook", "x", "instagram") and (
        re.search(r"[\s@]", value) or value != value.lower()
    ):
        return "a handle in lower case, without @ or spaces"
    return None


def apart(conn: Connection, a: str | None, b: str | None) -> bool:
    """Whether two segments are kept apart: both listed, with different estates."""
    estates = dict(
        conn.execute(
            select(SegmentApart.segment, SegmentApart.estate).where(
                SegmentApart.segment.in_([a, b])
            )
        ).all()
    )
    return a in estates and b in estates and estates[a] != estates[b]


def apart_reason(conn: Connection, a: str, b: str) -> str:
    reasons = dict(
        conn.execute(
            select(SegmentApart.segment, SegmentApart.reason).where(
                SegmentApart.segment.in_([a, b])
            )
        ).all()
    )
    return "; ".join(r for r in (reasons.get(a), reasons.get(b)) if r)


def _customer(conn: Connection, customer_id: Any) -> Any:
    return conn.execute(select(Customer).where(Customer.id == customer_id)).first()


def _refusal(
    conn: Connection, kind: str, value: str, customer_id: uuid.UUID
) -> dict[str, Any] | None:
    why = shape(kind, value)
    if why is not None:
        return {"refused": "invalid", "why": why}
    kinds = list(_PHONES) if kind in _PHONES else [kind]
    holders = conn.execute(
        select(Customer)
        .join(CustomerIdentity, CustomerIdentity.customer_id == Customer.id)
        .where(
            CustomerIdentity.kind.in_(kinds),
            CustomerIdentity.value == value,
            CustomerIdentity.customer_id != customer_id,
        )
        .order_by(Customer.id)
    ).all()
    if not holders:
        return None
    mine = _customer(conn, customer_id)
    for holder in holders:
        if apart(conn, holder.segment, mine.segment):
            return {
                "refused": "apart",
                "customer": str(holder.id),
                "segment": mine.segment,
                "other_segment": holder.segment,
                "reason": apart_reason(conn, mine.segment, holder.segment),
            }
    holder = holders[0]
    return {
        "refused": "held",
        "customer": str(holder.id),
        "name": f"{holder.first_name} {holder.last_name}".strip(),
        "merged_into": str(holder.merged_into) if holder.merged_into else None,
    }


def _writer(conn: Connection, customer_id: Any) -> dict[str, Any] | None:
    c = _customer(conn, customer_id)
    if c is None:
        return {"refused": "missing"}
    if c.merged_into is not None:
        return {"refused": "merged", "customer": str(c.merged_into)}
    return None


def identity_add(
    conn: Connection,
    me: User,
    identity_id: uuid.UUID,
    customer_id: uuid.UUID,
    kind: str,
    value: str,
    display: str,
) -> dict[str, Any]:
    refused = _writer(conn, customer_id)
    if refused is not None:
        return refused
    existing = conn.scalar(
        select(CustomerIdentity.id).where(
            (CustomerIdentity.id == identity_id)
            | (
                (CustomerIdentity.customer_id == customer_id)
                & (CustomerIdentity.kind == kind)
                & (CustomerIdentity.value == value)
            )
        )
    )
    if existing is not None:
        return {"ok": True, "id": str(existing)}
    refused = _refusal(conn, kind, value, customer_id)
    if refused is not None:
        return refused
    if len(display or "") > 320:
        return {"refused": "invalid", "why": "a display of 320 characters at most"}
    conn.execute(
        insert(CustomerIdentity).values(
            id=identity_id,
            customer_id=customer_id,
            kind=kind,
            value=value,
            display=display or value,
            created_at=utcnow(),
        )
    )
    return {"ok": True, "id": str(identity_id)}


def identity_change(
    conn: Connection, me: User, identity_id: uuid.UUID, value: str, display: str
) -> dict[str, Any]:
    row = conn.execute(select(CustomerIdentity).where(CustomerIdentity.id == identity_id)).first()
    if row is None:
        return {"refused": "missing"}
    refused = _writer(conn, row.customer_id)
    if refused is not None:
        return refused
    display = display or value
    if row.value == value and row.display == display:
        return {"ok": True, "id": str(identity_id)}
    if row.value != value:
        refused = _refusal(conn, str(row.kind.value), value, row.customer_id)
        if refused is not None:
            return refused
    if len(display) > 320:
        return {"refused": "invalid", "why": "a display of 320 characters at most"}
    conn.execute(
        update(CustomerIdentity)
        .where(CustomerIdentity.id == identity_id)
        .values(value=value, display=display)
    )
    return {"ok": True, "id": str(identity_id)}


def identity_remove(conn: Connection, me: User, identity_id: uuid.UUID) -> dict[str, Any]:
    row = conn.execute(select(CustomerIdentity).where(CustomerIdentity.id == identity_id)).first()
    if row is None:
        removed = conn.scalar(select(IdentityRemoval.id).where(IdentityRemoval.id == identity_id))
        return {"ok": True, "id": str(identity_id)} if removed else {"refused": "missing"}
    refused = _writer(conn, row.customer_id)
    if refused is not None:
        return refused
    conn.execute(
        insert(IdentityRemoval).values(
            id=row.id,
            customer_id=row.customer_id,
            kind=row.kind,
            value=row.value,
            display=row.display,
            removed_by=me.id,
            removed_at=utcnow(),
        )
    )
    conn.execute(delete(CustomerIdentity).where(CustomerIdentity.id == identity_id))
    return {"ok": True, "id": str(identity_id)}


# -- merges ---------------------------------------------------------------------------------------


def _merger(me: User) -> None:
    if me.role not in ("supervisor", "admin"):
        raise MergeRefused("only supervisors and administrators merge customers")


def merge_allowed(conn: Connection, me: User, a: Any, b: Any) -> dict[str, Any] | None:
    """A supervisor whose team served either customer, an administrator any."""
    if me.role == "admin":
        return None
    if me.role == "supervisor" and me.team is not None:
        served = conn.scalar(
            select(func.count(Contact.id)).where(
                Contact.customer_id.in_([a, b]), Contact.team_id == me.team
            )
        )
        if served:
            return None
    return {
        "refused": "team",
        "why": "your team served neither customer: a supervisor of their team, or an "
        "administrator, merges them",
    }


def _merge_refusal(conn: Connection, me: User, into: Any, source: Any) -> dict[str, Any] | None:
    if into is None or source is None or into == source:
        return {"refused": "same"}
    a, b = _customer(conn, into), _customer(conn, source)
    if a is None or b is None:
        return {"refused": "missing"}
    for c in (a, b):
        if c.merged_into is not None:
            return {"refused": "merged", "customer": str(c.merged_into)}
    if apart(conn, a.segment, b.segment):
        return {
            "refused": "apart",
            "customer": str(b.id),
            "segment": a.segment,
            "other_segment": b.segment,
            "reason": apart_reason(conn, a.segment, b.segment),
        }
    return merge_allowed(conn, me, into, source)


def merge_preview(conn: Connection, me: User, into: uuid.UUID, source: uuid.UUID) -> dict[str, Any]:
    _merger(me)
    refused = _merge_refusal(conn, me, into, source)
    if refused is not None:
        return refused
    contacts = conn.scalar(select(func.count(Contact.id)).where(Contact.customer_id == source))
    open_ = conn.scalar(
        select(func.count(Contact.id)).where(
            Contact.customer_id == source, Contact.status.in_(("queued", "in_progress"))
        )
    )
    identities = [
        {"kind": k.value, "display": d}
        for k, d in conn.execute(
            select(CustomerIdentity.kind, CustomerIdentity.display)
            .where(CustomerIdentity.customer_id == source)
            .order_by(CustomerIdentity.kind, CustomerIdentity.created_at)
        )
    ]
    return {"ok": True, "contacts": contacts, "open": open_, "identities": identities}


def merge(conn: Connection, me: User, into: uuid.UUID, source: uuid.UUID) -> dict[str, Any]:
    _merger(me)
    refused = _merge_refusal(conn, me, into, source)
    if refused is not None:
        return refused
    now = utcnow()
    contacts = sorted(conn.scalars(select(Contact.id).where(Contact.customer_id == source)))
    identities = sorted(
        conn.scalars(select(CustomerIdentity.id).where(CustomerIdentity.customer_id == source))
    )
    if contacts:
        conn.execute(
            update(Contact)
            .where(Contact.id.in_(contacts))
            .values(customer_id=into, version=Contact.version + 1)
        )
    if identities:
        conn.execute(
            update(CustomerIdentity)
            .where(CustomerIdentity.id.in_(identities))
            .values(customer_id=into)
        )
    conn.execute(
        update(Customer)
        .where(Customer.id == source)
        .values(merged_into=into, updated_at=now, version=Customer.version + 1)
    )
    conn.execute(
        update(Customer)
        .where(Customer.id == into)
        .values(updated_at=now, version=Customer.version + 1)
    )
    merge_id = uuid.uuid4()
    conn.execute(
        insert(CustomerMerge).values(
            id=merge_id,
            customer_id=into,
            merged_id=source,
            merged_by=me.id,
            merged_at=now,
            moved={
                "contacts": [str(c) for c in contacts],
                "identities": [str(i) for i in identities],
            },
        )
    )
    return {
        "ok": True,
        "merge": str(merge_id),
        "contacts": len(contacts),
        "identities": len(identities),
    }


def undo_merge(conn: Connection, me: User, merge_id: uuid.UUID) -> dict[str, Any]:
    _merger(me)
    m = conn.execute(select(CustomerMerge).where(CustomerMerge.id == merge_id)).first()
    if m is None:
        return {"refused": "missing"}
    if m.undone_at is not None:
        return {"refused": "undone"}
    refused = merge_allowed(conn, me, m.customer_id, m.merged_id)
    if refused is not None:
        return refused
    into = _customer(conn, m.customer_id)
    if into.merged_into is not None:
        return {"refused": "later", "customer": str(into.merged_into)}
    now = utcnow()
    contacts = [uuid.UUID(c) for c in m.moved.get("contacts", [])]
    identities = [uuid.UUID(i) for i in m.moved.get("identities", [])]
    moved_contacts = moved_identities = 0
    if contacts:
        moved_contacts = conn.execute(
            update(Contact)
            .where(Contact.id.in_(contacts), Contact.customer_id == m.customer_id)
            .values(customer_id=m.merged_id, version=Contact.version + 1)
        ).rowcount
    if identities:
        moved_identities = conn.execute(
            update(CustomerIdentity)
            .where(
                CustomerIdentity.id.in_(identities),
                CustomerIdentity.customer_id == m.customer_id,
            )
            .values(customer_id=m.merged_id)
        ).rowcount
    conn.execute(
        update(Customer)
        .where(Customer.id == m.merged_id)
        .values(merged_into=None, updated_at=now, version=Customer.version + 1)
    )
    conn.execute(
        update(Customer)
        .where(Customer.id == m.customer_id)
        .values(updated_at=now, version=Customer.version + 1)
    )
    conn.execute(
        update(CustomerMerge)
        .where(CustomerMerge.id == merge_id)
        .values(undone_by=me.id, undone_at=now)
    )
    return {"ok": True, "contacts": moved_contacts, "identities": moved_identities}
