"""Editing a customer's identities from the customer pane: add, correct, remove.

Each change is one call of the centre's own function (``relais_identity_add``,
``relais_identity_change``, ``relais_identity_remove``; ``app.sync.apply_identities`` on the
embedded centre), which checks who may, the value's shape, whether another customer holds it
and whether that customer is of a segment kept apart; the copy then takes the centre's rows
(a removal deletes the identity here at once, and on the other workstations when their pull
brings its ``identity_removal`` row). An identity is the key arrivals are matched by, so it is
written on the centre at once or not at all: offline, the pane says the change waits for the
centre instead of queueing an edit another workstation could contradict meanwhile.

The values are normalised here first (``app.identities``: E.164 in the default region, e-mail
addresses in lower case, handles without ``@``), and what cannot be read is refused in words
before anything is sent.
"""

import logging
import uuid
from collections.abc import Callable
from typing import Any

from sqlalchemy import select, text

from app.backoffice.centre_calls import centre_call
from app.db import Database
from app.dto import Who
from app.enums import IdentityKind
from app.errors import Conflict, EnvironmentProblem, InputError, NotFound
from app.i18n import QT_TRANSLATE_NOOP, Marked
from app.identities import (
    HANDLE_KINDS,
    PHONE_KINDS,
    default_region,
    normalise_identity,
    phone_shown,
)
from app.ids import new_id
from app.models import Customer, CustomerIdentity
from app.services.customers import IDENTITY_NAMES
from app.sync import apply_identities
from app.sync.pull import holds, keep, refresh

log = logging.getLogger(__name__)


SEGMENT_NAMES = {
    "online": QT_TRANSLATE_NOOP("segment", "online-account"),
    "retail": QT_TRANSLATE_NOOP("segment", "retail"),
}


def segment_name(segment: str) -> str:
    known = SEGMENT_NAMES.get(segment)
    return Marked("segment", known) if known else segment.replace("_", " ")


class IdentityHeld(Conflict):
    """Another customer holds this identity: the pane offers to open them."""

    def __init__(self, customer_id: uuid.UUID, name: str, value: str, kind: IdentityKind) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP("errors", "{value} is already the {kind} of {name}."),
            QT_TRANSLATE_NOOP(
                "errors",
                "Open {name} to check. If they are the same person, a supervisor can merge "
                "them; otherwise correct what you typed.",
            ),
            value=value,
            kind=Marked("identity", IDENTITY_NAMES[kind]),
            name=name or "?",
        )
        self.customer_id = customer_id
        self.name = name


class KeptApart(InputError):
    """The change would join customers of segments kept apart (legal estates)."""

    def __init__(self, segment: str, other: str, customer_id: uuid.UUID | None) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "errors",
                "This would join customers of two segments kept apart for legal reasons: "
                "{segment} and {other}.",
            ),
            QT_TRANSLATE_NOOP(
                "errors",
                "Online-account and retail customers are served under different licences and "
                "never share an identity, a contact or a file. Check with the customer which "
                "account they are calling about.",
            ),
            segment=segment_name(segment),
            other=segment_name(other),
        )
        self.customer_id = customer_id


def _offline() -> EnvironmentProblem:
    return EnvironmentProblem(
        QT_TRANSLATE_NOOP("errors", "Changing a customer's identities needs the central database."),
        QT_TRANSLATE_NOOP(
            "errors",
            "It does not answer now: try again once Relais is online. Nothing was changed; what "
            "you typed is still there.",
        ),
    )


def not_readable(kind: IdentityKind, typed: str) -> InputError:
    """The words for a value ``app.identities`` cannot read as an identity of ``kind``."""
    if kind in PHONE_KINDS:
        return InputError(
            QT_TRANSLATE_NOOP("errors", "“{text}” is not a phone number Relais can read."),
            QT_TRANSLATE_NOOP(
                "errors",
                "Type it as it is written in {region} (06 12 34 56 78) or with its country code "
                "(+32 470 12 34 56).",
            ),
            text=typed,
            region=default_region(),
        )
    if kind == IdentityKind.EMAIL:
        return InputError(
            QT_TRANSLATE_NOOP("errors", "“{text}” is not an e-mail address."),
            QT_TRANSLATE_NOOP(
                "errors", "An address has one @ and a domain after it: jean.dupont@example.fr."
            ),
            text=typed,
        )
    return InputError(
        QT_TRANSLATE_NOOP("errors", "“{text}” is not a {kind}."),
        QT_TRANSLATE_NOOP("errors", "A handle is one word, without spaces (@jean_dupont)."),
        text=typed,
        kind=Marked("identity", IDENTITY_NAMES[kind]),
    )


def normalised(kind: IdentityKind, typed: str) -> tuple[str, str]:
    """The value to store and the display to keep for what was typed; InputError in words when
    it cannot be read."""
    kind = IdentityKind(kind)
    shown = typed.strip()
    if not shown:
        raise InputError(
            QT_TRANSLATE_NOOP("errors", "The {kind} is empty."),
            QT_TRANSLATE_NOOP("errors", "Type it, or remove the identity instead."),
            kind=Marked("identity", IDENTITY_NAMES[kind]),
        )
    value = normalise_identity(kind, shown)
    if value is None:
        raise not_readable(kind, shown)
    if kind in PHONE_KINDS:
        shown = phone_shown(value)
    elif kind == IdentityKind.EMAIL:
        shown = value
    elif kind in HANDLE_KINDS:
        shown = f"@{value}" if not value.isdigit() else value
    if len(value) > 320 or len(shown) > 320:
        raise InputError(
            QT_TRANSLATE_NOOP("errors", "This {kind} is too long (320 characters at most)."),
            kind=Marked("identity", IDENTITY_NAMES[kind]),
        )
    return value, shown


class IdentityService:
    """Add, correct and remove a customer's identities, on the centre, then in this copy."""

    def __init__(
        self,
        local: Database,
        who: Who,
        central: Database | None,
        online: Callable[[], bool] = lambda: True,
    ) -> None:
        self._local = local
        self._who = who
        self._central = central
        self._online = online

    def add(self, customer_id: uuid.UUID, kind: IdentityKind, typed: str) -> uuid.UUID:
        kind = IdentityKind(kind)
        value, shown = normalised(kind, typed)
        identity_id = new_id()
        answer = self._call(
            text("SELECT public.relais_identity_add(:i, :c, :k, :v, :d)").bindparams(
                i=identity_id, c=customer_id, k=kind.value, v=value, d=shown
            ),
            lambda conn, me: apply_identities.identity_add(
                conn, me, identity_id, customer_id, kind.value, value, shown
            ),
        )
        self._settle(answer, kind, shown)
        done = uuid.UUID(str(answer["id"]))
        self._copy({"customer_identity": {done}, "customer": {customer_id}})
        return done

    def correct(self, identity_id: uuid.UUID, typed: str) -> None:
        kind, customer_id = self._identity(identity_id)
        value, shown = normalised(kind, typed)
        answer = self._call(
            text("SELECT public.relais_identity_change(:i, :v, :d)").bindparams(
                i=identity_id, v=value, d=shown
            ),
            lambda conn, me: apply_identities.identity_change(conn, me, identity_id, value, shown),
        )
        self._settle(answer, kind, shown)
        self._copy({"customer_identity": {identity_id}, "customer": {customer_id}})

    def remove(self, identity_id: uuid.UUID) -> None:
        kind, _customer = self._identity(identity_id)
        answer = self._call(
            text("SELECT public.relais_identity_remove(:i)").bindparams(i=identity_id),
            lambda conn, me: apply_identities.identity_remove(conn, me, identity_id),
        )
        self._settle(answer, kind, "")
        self._copy({"identity_removal": {identity_id}})

    # -- the centre's answer ----------------------------------------------------------------------

    def _identity(self, identity_id: uuid.UUID) -> tuple[IdentityKind, uuid.UUID]:
        with self._local.session() as s:
            row = s.execute(
                select(CustomerIdentity.kind, CustomerIdentity.customer_id).where(
                    CustomerIdentity.id == identity_id
                )
            ).first()
        if row is None:
            raise NotFound(QT_TRANSLATE_NOOP("errors", "This identity no longer exists."))
        return IdentityKind(row.kind), row.customer_id

    def _call(self, statement: Any, embedded: Any) -> dict[str, Any]:
        if self._central is None or not self._online():
            raise _offline()
        try:
            answer = centre_call(self._central, self._who.login, statement, embedded)
        except EnvironmentProblem as exc:
            raise _offline() from exc
        return dict(answer or {})

    def _settle(self, answer: dict[str, Any], kind: IdentityKind, shown: str) -> None:
        """Raises the refusal the centre answered, in words."""
        settle(self._local, answer, kind, shown)

    def _copy(self, wanted: dict[str, set[uuid.UUID]]) -> None:
        """The centre's rows into this copy now (the next pull would bring them too)."""
        assert self._central is not None
        customers = wanted.get("customer", set())
        if customers and not all(holds(self._local, c) for c in customers):
            keep(self._local, self._central, customers)
        refresh(self._local, self._central, wanted)


def settle(local: Database, answer: dict[str, Any], kind: IdentityKind, shown: str) -> None:
    refused = answer.get("refused")
    if refused is None:
        return
    if refused == "held":
        raise IdentityHeld(
            uuid.UUID(str(answer.get("merged_into") or answer["customer"])),
            str(answer.get("name") or ""),
            shown,
            kind,
        )
    if refused == "apart":
        raise KeptApart(
            str(answer.get("segment")),
            str(answer.get("other_segment")),
            uuid.UUID(str(answer["customer"])) if answer.get("customer") else None,
        )
    if refused == "merged":
        raise Conflict(
            QT_TRANSLATE_NOOP("errors", "This customer was merged into {name}."),
            QT_TRANSLATE_NOOP("errors", "Open {name} and change their identities there."),
            name=_name(local, answer.get("customer")),
        )
    if refused == "missing":
        raise NotFound(
            QT_TRANSLATE_NOOP("errors", "This customer or identity no longer exists."),
            QT_TRANSLATE_NOOP(
                "errors", "Someone changed it meanwhile: the pane shows it as it is now."
            ),
        )
    if refused == "permission":
        raise Conflict(
            QT_TRANSLATE_NOOP("errors", "You may not change this customer's identities."),
            QT_TRANSLATE_NOOP("errors", "Open the customer from the search first, then try again."),
        )
    log.warning("The centre refused an identity change: %s", answer)
    raise InputError(
        QT_TRANSLATE_NOOP("errors", "The central database refused this value: {why}."),
        QT_TRANSLATE_NOOP("errors", "Correct it and try again; nothing was saved."),
        why=str(answer.get("why") or refused),
    )


def _name(local: Database, customer_id: Any) -> str:
    if not customer_id:
        return "?"
    with local.session() as s:
        c = s.get(Customer, uuid.UUID(str(customer_id)))
        return f"{c.first_name} {c.last_name}".strip() if c else "?"
