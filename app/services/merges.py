"""A supervisor's merge of two customers who are one person, and its undo.

The centre decides and does it (``relais_merge_customers``, ``relais_undo_merge``,
``relais_merge_preview``; ``app.sync.apply_identities`` on the embedded centre): only a
supervisor whose team served one of them, or an administrator; never two customers of segments
kept apart. B's contacts and identities move to A, B stays, marked merged into A, and the
``customer_merge`` row says who, when (the centre's clock) and exactly what moved, so that an
undo puts back that and nothing else, whatever A got since. Every workstation's copy follows
through its pull; this one takes the centre's rows at once.
"""

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, text

from app.backoffice.centre_calls import centre_call
from app.db import Database
from app.dto import Who
from app.enums import IdentityKind
from app.errors import Conflict, EnvironmentProblem, InputError, NotFound
from app.i18n import QT_TRANSLATE_NOOP
from app.models import Advisor, Contact, Customer, CustomerIdentity, CustomerMerge
from app.services.identities import KeptApart
from app.sync import apply_identities
from app.sync.pull import keep, refresh

MERGERS = ("supervisor", "admin")


@dataclass(frozen=True)
class MergePreview:
    """What a merge of ``source`` into ``into`` would move."""

    into: uuid.UUID
    source: uuid.UUID
    into_name: str
    source_name: str
    contacts: int
    open_contacts: int
    identities: tuple[tuple[IdentityKind, str], ...]


@dataclass(frozen=True)
class MergeView:
    """A merge shown on the customer it went into (or on the one merged)."""

    id: uuid.UUID
    into: uuid.UUID
    source: uuid.UUID
    into_name: str
    source_name: str
    merged_by: str
    merged_at: datetime
    contacts: int
    identities: int


def _not_a_merger() -> Conflict:
    return Conflict(
        QT_TRANSLATE_NOOP("errors", "Only supervisors and administrators merge customers."),
        QT_TRANSLATE_NOOP("errors", "Ask your supervisor to merge them."),
    )


def _offline() -> EnvironmentProblem:
    return EnvironmentProblem(
        QT_TRANSLATE_NOOP("errors", "Merging customers needs the central database."),
        QT_TRANSLATE_NOOP("errors", "It does not answer now: try again once Relais is online."),
    )


class MergeService:
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

    @property
    def allowed(self) -> bool:
        """Whether the signed-in user's role merges at all (the centre checks each merge)."""
        return str(getattr(self._who.role, "value", self._who.role)) in MERGERS

    def preview(self, into: uuid.UUID, source: uuid.UUID) -> MergePreview:
        answer = self._call(
            text("SELECT public.relais_merge_preview(:a, :b)").bindparams(a=into, b=source),
            lambda conn, me: apply_identities.merge_preview(conn, me, into, source),
        )
        self._settle(answer)
        return MergePreview(
            into=into,
            source=source,
            into_name=self._name(into),
            source_name=self._name(source),
            contacts=int(answer.get("contacts") or 0),
            open_contacts=int(answer.get("open") or 0),
            identities=tuple(
                (IdentityKind(i["kind"]), str(i["display"])) for i in answer.get("identities", [])
            ),
        )

    def merge(self, into: uuid.UUID, source: uuid.UUID) -> uuid.UUID:
        answer = self._call(
            text("SELECT public.relais_merge_customers(:a, :b)").bindparams(a=into, b=source),
            lambda conn, me: apply_identities.merge(conn, me, into, source),
        )
        self._settle(answer)
        merge_id = uuid.UUID(str(answer["merge"]))
        self._copy(merge_id, {into, source})
        return merge_id

    def undo(self, merge_id: uuid.UUID) -> None:
        with self._local.session() as s:
            m = s.get(CustomerMerge, merge_id)
            customers = {m.customer_id, m.merged_id} if m is not None else set()
        answer = self._call(
            text("SELECT public.relais_undo_merge(:m)").bindparams(m=merge_id),
            lambda conn, me: apply_identities.undo_merge(conn, me, merge_id),
        )
        self._settle(answer)
        self._copy(merge_id, customers)

    def merges_of(self, customer_id: uuid.UUID) -> list[MergeView]:
        """The merges in force into this customer, or of it into another, newest first (from
        this copy)."""
        with self._local.session() as s:
            rows = s.execute(
                select(CustomerMerge, Advisor.display_name)
                .outerjoin(Advisor, Advisor.id == CustomerMerge.merged_by)
                .where(
                    (CustomerMerge.customer_id == customer_id)
                    | (CustomerMerge.merged_id == customer_id),
                    CustomerMerge.undone_at.is_(None),
                )
                .order_by(CustomerMerge.merged_at.desc())
            ).all()
            views = []
            for m, by in rows:
                moved = m.moved or {}
                views.append(
                    MergeView(
                        id=m.id,
                        into=m.customer_id,
                        source=m.merged_id,
                        into_name=_name_in(s, m.customer_id),
                        source_name=_name_in(s, m.merged_id),
                        merged_by=by or "",
                        merged_at=m.merged_at,
                        contacts=len(moved.get("contacts", [])),
                        identities=len(moved.get("identities", [])),
                    )
                )
            return views

    # -- the centre -------------------------------------------------------------------------------

    def _call(
        self, statement: Any, embedded: Callable[[Any, Any], dict[str, Any]]
    ) -> dict[str, Any]:
        if not self.allowed:
            raise _not_a_merger()
        if self._central is None or not self._online():
            raise _offline()

        def twin(conn: Any, me: Any) -> dict[str, Any]:
            try:
                return embedded(conn, me)
            except apply_identities.MergeRefused as exc:
                raise _not_a_merger() from exc

        try:
            answer = centre_call(
                self._central, self._who.login, statement, twin, refused=_not_a_merger
            )
        except EnvironmentProblem as exc:
            raise _offline() from exc
        return dict(answer or {})

    def _settle(self, answer: dict[str, Any]) -> None:
        refused = answer.get("refused")
        if refused is None:
            return
        if refused == "apart":
            raise KeptApart(
                str(answer.get("segment")),
                str(answer.get("other_segment")),
                uuid.UUID(str(answer["customer"])) if answer.get("customer") else None,
            )
        if refused == "team":
            raise Conflict(
                QT_TRANSLATE_NOOP("errors", "Your team served neither of these customers."),
                QT_TRANSLATE_NOOP(
                    "errors",
                    "A supervisor of a team that served them, or an administrator, merges them.",
                ),
            )
        if refused == "same":
            raise InputError(
                QT_TRANSLATE_NOOP("errors", "A customer cannot be merged with themselves."),
                QT_TRANSLATE_NOOP("errors", "Choose the other customer's record."),
            )
        if refused == "merged":
            raise Conflict(
                QT_TRANSLATE_NOOP("errors", "One of them was already merged into {name}."),
                QT_TRANSLATE_NOOP("errors", "Merge with {name} instead, or undo that merge first."),
                name=self._name(answer.get("customer")),
            )
        if refused == "later":
            raise Conflict(
                QT_TRANSLATE_NOOP("errors", "The customer was merged into {name} since."),
                QT_TRANSLATE_NOOP("errors", "Undo that later merge first."),
                name=self._name(answer.get("customer")),
            )
        if refused == "undone":
            raise Conflict(QT_TRANSLATE_NOOP("errors", "This merge was undone already."))
        raise NotFound(
            QT_TRANSLATE_NOOP("errors", "This customer or merge no longer exists."),
            QT_TRANSLATE_NOOP("errors", "Search for the customer again."),
        )

    def _copy(self, merge_id: uuid.UUID, customers: set[uuid.UUID]) -> None:
        """The centre's rows of both customers into this copy now: their whole history on a
        centre with working sets, the rows that moved on the embedded one."""
        assert self._central is not None
        keep(self._local, self._central, customers)
        with self._central.engine.connect() as conn:
            contacts = set(
                conn.scalars(select(Contact.id).where(Contact.customer_id.in_(customers)))
            )
            identities = set(
                conn.scalars(
                    select(CustomerIdentity.id).where(CustomerIdentity.customer_id.in_(customers))
                )
            )
        refresh(
            self._local,
            self._central,
            {
                "customer": customers,
                "contact": contacts,
                "customer_identity": identities,
                "customer_merge": {merge_id},
            },
        )

    def _name(self, customer_id: Any) -> str:
        if not customer_id:
            return "?"
        with self._local.session() as s:
            return _name_in(s, uuid.UUID(str(customer_id)))


def _name_in(s: Any, customer_id: uuid.UUID) -> str:
    c = s.get(Customer, customer_id)
    return f"{c.first_name} {c.last_name}".strip() if c is not None else "?"
