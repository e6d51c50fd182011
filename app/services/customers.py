"""Customers: profile, whole history across channels, search, and linking a sender to one."""

import functools
import logging
import threading
import unicodedata
import uuid
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from sqlalchemy import Row, and_, bindparam, false, func, or_, select, union
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from app.backoffice.scales import csat_on_four
from app.clock import utcnow
from app.db import Database
from app.dto import (
    CustomerMatch,
    CustomerProfile,
    Found,
    HistoryRow,
    IdentityView,
    NewCustomer,
    Who,
)
from app.errors import Conflict, EnvironmentProblem, InputError, NotFound, RelaisError
from app.i18n import QT_TRANSLATE_NOOP, Marked
from app.identities import (
    HANDLE_KINDS,
    address_fragments,
    address_shown,
    guess_identity,
    normalise_identity,
    whatsapp_number,
)
from app.ids import new_id
from app.ingest.xdm import handle_in
from app.models import (
    Advisor,
    Contact,
    ContactStatus,
    Customer,
    CustomerIdentity,
    IdentityKind,
    ReasonCode,
    SegmentApart,
    SurveyAnswer,
    WrapUp,
    table_of,
)
from app.outbox import record_insert, record_update
from app.services.contacts import check_values
from app.sync import scope
from app.sync.pull import holds, keep
from app.text import name_key

if TYPE_CHECKING:
    from app.services.identities import IdentityService
    from app.services.merges import MergeService

log = logging.getLogger(__name__)

SEARCH_LIMIT = 50

MAX_SEARCH_WORDS = 10
"""Words of a search used; the rest is ignored. Ten covers the longest names once hyphens and
apostrophes count as spaces ("Marie-Thérèse de La Tour d'Auvergne" is eight), and keeps the
statement small: each word adds two conditions, and SQLite refuses an expression tree of a
thousand."""

MAX_SEARCH_CHARS = 320
"""Characters of a search used: the longest identity (an e-mail address) Relais stores."""

DISAGREEMENT_GAP = 2
"""A self-assessment and a survey answer this far apart (or more) disagree: the advisor's
feeling and the customer's verdict tell different stories, worth a supervisor's look."""


def disagrees(self_assessment: int | None, csat: int | None) -> bool:
    """Whether the advisor's 1–4 feeling and the customer's survey answer disagree (a contact
    with either missing does not)."""
    return (
        self_assessment is not None
        and csat is not None
        and abs(self_assessment - csat) >= DISAGREEMENT_GAP
    )


FIELDS = {
    "first_name": Marked("field", QT_TRANSLATE_NOOP("field", "the first name")),
    "last_name": Marked("field", QT_TRANSLATE_NOOP("field", "the last name")),
    "language": Marked("field", QT_TRANSLATE_NOOP("field", "the language")),
    "segment": Marked("field", QT_TRANSLATE_NOOP("field", "the segment")),
    "postal_address": Marked("field", QT_TRANSLATE_NOOP("field", "the postal address")),
    "account_number": Marked("field", QT_TRANSLATE_NOOP("field", "the account number")),
}
FIELDS["first_key"], FIELDS["last_key"] = FIELDS["first_name"], FIELDS["last_name"]

IDENTITY_FIELDS = {
    IdentityKind.PHONE: Marked("field", QT_TRANSLATE_NOOP("field", "the phone number")),
    IdentityKind.EMAIL: Marked("field", QT_TRANSLATE_NOOP("field", "the e-mail address")),
    IdentityKind.FACEBOOK: Marked("field", QT_TRANSLATE_NOOP("field", "the Facebook name")),
    IdentityKind.X: Marked("field", QT_TRANSLATE_NOOP("field", "the X handle")),
    IdentityKind.INSTAGRAM: Marked("field", QT_TRANSLATE_NOOP("field", "the Instagram handle")),
    IdentityKind.WHATSAPP: Marked("field", QT_TRANSLATE_NOOP("field", "the WhatsApp number")),
}

IDENTITY_NAMES = {
    IdentityKind.PHONE: QT_TRANSLATE_NOOP("identity", "phone number"),
    IdentityKind.EMAIL: QT_TRANSLATE_NOOP("identity", "e-mail address"),
    IdentityKind.FACEBOOK: QT_TRANSLATE_NOOP("identity", "Facebook name"),
    IdentityKind.X: QT_TRANSLATE_NOOP("identity", "X handle"),
    IdentityKind.INSTAGRAM: QT_TRANSLATE_NOOP("identity", "Instagram handle"),
    IdentityKind.WHATSAPP: QT_TRANSLATE_NOOP("identity", "WhatsApp number"),
}


class CustomerService:
    def __init__(
        self,
        db: Database,
        who: Who,
        central: Database | None = None,
        online: Callable[[], bool] = lambda: True,
    ) -> None:
        self._db = db
        self._who = who
        self._central = central
        self._online = online
        self._holding = threading.Lock()
        self._stayed: set[uuid.UUID] = set()  # customers whose stay was renewed this session

    @functools.cached_property
    def identities(self) -> "IdentityService":
        """Adding, correcting and removing identities, on the centre (app.services.identities)."""
        from app.services.identities import IdentityService

        return IdentityService(self._db, self._who, self._central, self._online)

    @functools.cached_property
    def merges(self) -> "MergeService":
        """A supervisor's merges and their undo (app.services.merges)."""
        from app.services.merges import MergeService

        return MergeService(self._db, self._who, self._central, self._online)

    def hold(self, customer_id: uuid.UUID) -> None:
        """Makes sure this copy keeps the customer: one found on the centre but outside this
        workstation's working set comes now, with their whole history, and stays in the set
        (see app.sync.scope). Offline, such a customer cannot be opened yet, and says so."""
        if holds(self._db, customer_id):
            self._stay(customer_id)
            return
        # The profile and the history are read at once on two threads: one fetch is enough.
        with self._holding:
            if holds(self._db, customer_id):
                return  # the other thread fetched them meanwhile
            if self._central is None:
                return  # nowhere else to look: the caller says the customer no longer exists
            if not self._online():
                raise _not_held()
            try:
                keep(self._db, self._central, {customer_id})
            except EnvironmentProblem as exc:
                raise _not_held() from exc

    def _stay(self, customer_id: uuid.UUID) -> None:
        """Opening a customer keeps them in the working set a while longer: once a session,
        and only if the centre answers (it is worth a round trip, not a wait)."""
        if self._central is None or self._central.is_sqlite:
            return  # the embedded centre's copy keeps every customer
        if customer_id in self._stayed or not self._online():
            return
        self._stayed.add(customer_id)
        try:
            scope.stay(self._central, {customer_id})
        except (RelaisError, DBAPIError) as exc:  # a renewal is worth a try, never a failure
            log.info("Could not renew customer %s in the working set: %s", customer_id, exc)
            self._stayed.discard(customer_id)

    def profile(self, customer_id: uuid.UUID) -> CustomerProfile:
        self.hold(customer_id)
        with self._db.session() as s:
            c = s.get(Customer, customer_id)
            if c is None:
                raise NotFound(QT_TRANSLATE_NOOP("errors", "This customer no longer exists."))
            identities = s.scalars(
                select(CustomerIdentity)
                .where(CustomerIdentity.customer_id == c.id)
                .order_by(CustomerIdentity.kind, CustomerIdentity.created_at)
            ).all()
            return CustomerProfile(
                id=c.id,
                first_name=c.first_name,
                last_name=c.last_name,
                language=c.language,
                segment=c.segment,
                tags=tuple(c.tags or ()),
                account_number=c.account_number,
                postal_address=c.postal_address,
                identities=tuple(
                    IdentityView(i.kind, i.value, i.display, i.id) for i in identities
                ),
                created_at=c.created_at,
                merged_into=c.merged_into,
                merged_into_name=_name_of(s, c.merged_into),
            )

    def history(self, customer_id: uuid.UUID) -> list[HistoryRow]:
        """Every contact of the customer, newest first, with the closer's (latest) wrap-up and
        the latest survey answer.

        One statement selecting columns only: a customer with 2,000 contacts must paint in under
        100 ms, and building ORM objects for each row cost several times that.
        """
        self.hold(customer_id)
        last_wrap = (
            select(WrapUp.id)
            .where(WrapUp.contact_id == Contact.id)
            .order_by(WrapUp.created_at.desc(), WrapUp.id.desc())
            .limit(1)
            .correlate(Contact)
            .scalar_subquery()
        )
        last_survey = (
            select(SurveyAnswer.id)
            .where(SurveyAnswer.contact_id == Contact.id)
            .order_by(SurveyAnswer.answered_at.desc(), SurveyAnswer.id.desc())
            .limit(1)
            .correlate(Contact)
            .scalar_subquery()
        )
        query = (
            select(
                Contact.id,
                Contact.reference,
                Contact.received_at,
                Contact.channel,
                Contact.status,
                Contact.subject,
                Contact.preview,
                ReasonCode.label_en,
                ReasonCode.label_fr,
                WrapUp.outcome,
                WrapUp.self_assessment,
                SurveyAnswer.csat,
                Advisor.display_name,
            )
            .outerjoin(Advisor, Advisor.id == Contact.assigned_to)
            .outerjoin(WrapUp, WrapUp.id == last_wrap)
            .outerjoin(ReasonCode, ReasonCode.id == WrapUp.reason_code_id)
            .outerjoin(SurveyAnswer, SurveyAnswer.id == last_survey)
            .where(Contact.customer_id == customer_id)
            .order_by(Contact.received_at.desc())
        )
        with self._db.session() as s:
            return [
                HistoryRow(
                    contact_id=cid,
                    reference=ref,
                    received_at=received,
                    channel=channel,
                    status=status,
                    subject=subject or preview,
                    reason_label_en=label_en or "",
                    reason_label_fr=label_fr or "",
                    outcome=outcome,
                    self_assessment=assessment,
                    csat=csat_on_four(csat),
                    advisor=advisor or "",
                )
                for (
                    cid,
                    ref,
                    received,
                    channel,
                    status,
                    subject,
                    preview,
                    label_en,
                    label_fr,
                    outcome,
                    assessment,
                    csat,
                    advisor,
                ) in s.execute(query)
            ]

    def search(self, text: str, limit: int = SEARCH_LIMIT) -> list[CustomerMatch]:
        """Searches this workstation's copy (see ``find`` for the centre first)."""
        return _search(self._db, text, limit)

    def find(self, text: str, limit: int = SEARCH_LIMIT) -> Found:
        """Asks the centre while it answers (it knows customers this copy may not have yet),
        this workstation's copy when it does not — and says which one answered."""
        if self._central is not None and self._online():
            try:
                return Found(_search(self._central, text, limit), local_only=False)
            except EnvironmentProblem:
                pass
        return Found(_search(self._db, text, limit), local_only=self._central is not None)

    def link(self, contact_id: uuid.UUID, customer_id: uuid.UUID) -> None:
        """Attaches an unidentified sender's contact to a customer, and remembers the sender's
        address as one of the customer's identities so the next message matches by itself.
        Runs in the interface's writer: a customer not held yet is fetched first (``hold``, on
        the centre's lane), so nothing here waits on the network."""
        if not holds(self._db, customer_id):
            self.hold(customer_id)
        with self._db.session() as s:
            self._link(s, contact_id, customer_id)

    def _link(self, s: Session, contact_id: uuid.UUID, customer_id: uuid.UUID) -> None:
        contact = s.get(Contact, contact_id)
        customer = s.get(Customer, customer_id)
        if contact is None or customer is None:
            raise NotFound(
                QT_TRANSLATE_NOOP("errors", "This contact or customer no longer exists.")
            )
        if (
            contact.status != ContactStatus.IN_PROGRESS
            or contact.assigned_to != self._who.advisor_id
        ):
            raise Conflict(
                QT_TRANSLATE_NOOP("errors", "Take contact {reference} before linking it."),
                QT_TRANSLATE_NOOP(
                    "errors", "Only the advisor handling a contact may link it to a customer."
                ),
                reference=contact.reference,
            )
        _keep_apart(s, contact, customer)
        contact.customer_id = customer.id
        contact.version += 1
        record_update(s, contact, ["customer_id", "version"])
        for kind, value, display in _sender_identities(contact):
            exists = s.scalar(
                select(func.count(CustomerIdentity.id)).where(
                    CustomerIdentity.customer_id == customer.id,
                    CustomerIdentity.kind == kind,
                    CustomerIdentity.value == value,
                )
            )
            if not exists:
                record_insert(
                    s,
                    CustomerIdentity(
                        id=new_id(),
                        customer_id=customer.id,
                        kind=kind,
                        value=value,
                        display=display,
                        created_at=utcnow(),
                    ),
                )

    def update_profile(self, customer_id: uuid.UUID, changes: dict[str, str]) -> None:
        """Changes profile fields; the centre applies them field by field (see
        app.sync.apply: an edit made on top of a value someone else changed meanwhile loses,
        and is kept for supervisors)."""
        unknown = set(changes) - EDITABLE
        if unknown:
            raise InputError(
                QT_TRANSLATE_NOOP("errors", "These customer fields cannot be changed: {names}."),
                names=", ".join(sorted(unknown)),
            )
        cleaned: dict[str, str | None] = {
            name: (value.strip() or None) if name in OPTIONAL else value.strip()
            for name, value in changes.items()
        }
        if "last_name" in cleaned and not (cleaned["last_name"] or cleaned.get("first_name")):
            raise InputError(
                QT_TRANSLATE_NOOP("errors", "A customer needs a name."),
                QT_TRANSLATE_NOOP("errors", "Type at least a first or a last name."),
            )
        _check_customer(cleaned)
        with self._db.session() as s:
            customer = s.get(Customer, customer_id)
            if customer is None:
                raise NotFound(QT_TRANSLATE_NOOP("errors", "This customer no longer exists."))
            fields = [n for n, v in cleaned.items() if getattr(customer, n) != v]
            if not fields:
                return
            for name in fields:
                setattr(customer, name, cleaned[name])
            customer.updated_at = utcnow()
            customer.version += 1
            # The folded names search uses go with the names (the centre takes them as sent).
            keys = [f"{n[:-5]}_key" for n in fields if n in ("first_name", "last_name")]
            record_update(s, customer, [*fields, *keys, "updated_at", "version"])

    def create(self, new: NewCustomer, link_contact: uuid.UUID | None = None) -> uuid.UUID:
        first, last = new.first_name.strip(), new.last_name.strip()
        if not first and not last:
            raise InputError(
                QT_TRANSLATE_NOOP("errors", "A customer needs a name."),
                QT_TRANSLATE_NOOP("errors", "Type at least a first or a last name."),
            )
        identities = []
        for ident in new.identities:
            if not ident.text.strip():
                continue
            value = normalise_identity(ident.kind, ident.text)
            if value is None:
                raise InputError(
                    QT_TRANSLATE_NOOP("errors", "“{text}” is not a valid {kind}."),
                    QT_TRANSLATE_NOOP(
                        "errors", "Check it, or leave the field empty to add it later."
                    ),
                    text=ident.text,
                    kind=Marked("identity", IDENTITY_NAMES[ident.kind]),
                )
            identities.append((ident.kind, value, ident.text.strip()))
        _check_customer({"first_name": first, "last_name": last, "language": new.language})
        for kind, value, display in identities:
            field = IDENTITY_FIELDS[kind]
            check_values(
                table_of(CustomerIdentity),
                {"value": value, "display": display},
                {"value": field, "display": field},
                typed=display,
            )
        now = utcnow()
        customer_id = new_id()
        with self._db.session() as s:
            record_insert(
                s,
                Customer(
                    id=customer_id,
                    first_name=first,
                    last_name=last,
                    language=new.language,
                    tags=[],
                    created_at=now,
                    updated_at=now,
                ),
            )
            for kind, value, display in identities:
                record_insert(
                    s,
                    CustomerIdentity(
                        id=new_id(),
                        customer_id=customer_id,
                        kind=kind,
                        value=value,
                        display=display,
                        created_at=now,
                    ),
                )
            if link_contact is not None:
                self._link(s, link_contact, customer_id)
        return customer_id


OPTIONAL = {"postal_address", "account_number"}
EDITABLE = {"first_name", "last_name", "language", "segment", *OPTIONAL}


def _check_customer(values: dict[str, str | None]) -> None:
    """Refuses, before anything is written, a profile value the centre would refuse (the folded
    name an index searches counts as the name)."""
    row: dict[str, str | None] = dict(values)
    for name, key in (("first_name", "first_key"), ("last_name", "last_key")):
        if values.get(name) is not None:
            row[key] = name_key(values[name] or "")
    check_values(table_of(Customer), row, FIELDS)


def search_text(text: str) -> str:
    """What a search looks for: control characters (a NUL, a tab pasted from a spreadsheet)
    count as spaces, invisible format characters as nothing, and only the first
    ``MAX_SEARCH_WORDS`` words and ``MAX_SEARCH_CHARS`` characters are used, so whatever is
    pasted in the search box costs the same small statement."""
    kept = []
    for ch in text[: MAX_SEARCH_CHARS * 4]:  # the cleaning itself stays bounded
        category = unicodedata.category(ch)
        if category == "Cc":
            kept.append(" ")
        elif category not in ("Cf", "Cs"):  # zero-width marks; halves of a broken pair
            kept.append(ch)
    words = "".join(kept).split()[:MAX_SEARCH_WORDS]
    return " ".join(words)[:MAX_SEARCH_CHARS].strip()


def _not_held() -> EnvironmentProblem:
    return EnvironmentProblem(
        QT_TRANSLATE_NOOP("errors", "This customer is not on this workstation yet."),
        QT_TRANSLATE_NOOP("errors", "They come as soon as the central database answers again."),
    )


def _search(db: Database, text: str, limit: int) -> list[CustomerMatch]:
    """A whole phone number or e-mail address is looked up as such (the ringing phone's fast
    path); anything else — or a number or address no identity holds — by name (prefix, either
    order, quotes and emoji aside), account number, the start of a handle or an e-mail address,
    and the addresses the customers' contacts came from. The text is bounded first
    (``search_text``)."""
    text = search_text(text)
    if len(text) < 2:
        return []
    guessed = guess_identity(text)
    with db.reading() as conn:
        dialect = conn.dialect.name
        rows: Sequence[Row[Any]] = ()
        if guessed is not None and guessed[0] != IdentityKind.X:
            kind, value = guessed
            kinds = [kind, IdentityKind.WHATSAPP] if kind == IdentityKind.PHONE else [kind]
            rows = conn.execute(
                _by_identity(dialect, limit), {"kinds": kinds, "value": value}
            ).all()
        if not rows:
            query = (
                _MATCH_COLUMNS.where(Customer.id.in_(_candidates(text, guessed, limit)))
                .order_by(Customer.last_key, Customer.first_key)
                .limit(limit)
                .add_columns(_identities_summary(dialect))
            )
            rows = conn.execute(query).all()
        matches = [
            CustomerMatch(
                c.id,
                f"{c.first_name} {c.last_name}",
                c.summary or "",
                c.segment,
                "",
                c.estate or "",
            )
            for c in rows
        ]
        return _followed(conn, [c.merged_into for c in rows], matches)


def _followed(
    conn: Any, merged_into: list[uuid.UUID | None], matches: list[CustomerMatch]
) -> list[CustomerMatch]:
    """Each customer found who was merged into another is that other, saying so (once, and
    after the direct matches); when the matches span several legal estates (``segment_apart``)
    each says its own."""
    into = sorted({m for m in merged_into if m is not None})
    if into:
        found = {
            r.id: r
            for r in conn.execute(
                _MATCH_COLUMNS.where(Customer.id.in_(into)).add_columns(
                    _identities_summary(conn.dialect.name)
                )
            )
        }
        direct = {m.id for m, i in zip(matches, merged_into, strict=True) if i is None}
        followed: list[CustomerMatch] = []
        for match, target in zip(matches, merged_into, strict=True):
            if target is None:
                followed.append(match)
                continue
            r = found.get(target)
            if r is None or target in direct or any(f.id == target for f in followed):
                continue
            followed.append(
                CustomerMatch(
                    r.id,
                    f"{r.first_name} {r.last_name}",
                    r.summary or "",
                    r.segment,
                    merged_from=match.full_name,
                    estate=r.estate or "",
                )
            )
        matches = followed
    if len({m.estate for m in matches if m.estate}) < 2:  # one estate or none: nothing to say
        matches = [replace(m, estate="") if m.estate else m for m in matches]
    return matches


def _name_of(s: Session, customer_id: uuid.UUID | None) -> str:
    if customer_id is None:
        return ""
    c = s.get(Customer, customer_id)
    return f"{c.first_name} {c.last_name}".strip() if c is not None else ""


def _candidates(text: str, guessed: tuple[IdentityKind, str] | None, limit: int) -> Any:
    """The ids of the customers a text may mean, as a union of small index look-ups, each cut
    at ``limit``: names and account numbers; handles and e-mail addresses starting with what
    was typed; the customers whose contacts came from such an address (a handle they wrote
    from is not always one of their identities).

    A union, not one WHERE with OR: PostgreSQL cannot turn an IN sub-select inside an OR into
    an index look-up, and would read every customer to test each one."""
    by_name = (
        select(Customer.id)
        .where(_name_or_account(text, names=not _address_only(text)))
        .order_by(Customer.last_key, Customer.first_key)
        .limit(limit)
        .subquery()
    )
    branches = [select(by_name.c.id)]
    fragments = address_fragments(text)
    if guessed is not None and guessed[1] not in fragments:
        fragments.append(guessed[1])  # an address or number no identity holds: a sender's?
    handles = [f for f in fragments if "@" not in f and not f.startswith("+")]
    addresses = [f for f in fragments if not f.startswith("+")]
    identity = []
    if handles:
        identity.append(
            and_(
                CustomerIdentity.kind.in_(sorted(HANDLE_KINDS)),
                or_(*(_starts(CustomerIdentity.value, h) for h in handles)),
            )
        )
    if addresses:
        identity.append(
            and_(
                CustomerIdentity.kind == IdentityKind.EMAIL,
                or_(*(_starts(CustomerIdentity.value, a) for a in addresses)),
            )
        )
    for condition in identity:
        ids = select(CustomerIdentity.customer_id).where(condition).limit(limit).subquery()
        branches.append(select(ids.c.customer_id))
    if fragments:
        senders = {*fragments, *(f"@{h}" for h in handles)}
        wrote = (
            select(Contact.customer_id)
            .where(
                or_(*(_starts(Contact.sender_address, v) for v in sorted(senders))),
                Contact.customer_id.is_not(None),
            )
            .limit(limit)
            .subquery()
        )
        branches.append(select(wrote.c.customer_id))
    return union(*branches) if len(branches) > 1 else branches[0]


@functools.cache
def _by_identity(dialect: str, limit: int) -> Any:
    """Built once: a ringing phone leaves no time to build a statement per keystroke."""
    # IN, not a join with DISTINCT: PostgreSQL cannot compare the json tags column.
    matching = select(CustomerIdentity.customer_id).where(
        CustomerIdentity.kind.in_(bindparam("kinds", expanding=True)),
        CustomerIdentity.value == bindparam("value"),
    )
    return (
        _MATCH_COLUMNS.where(Customer.id.in_(matching))
        .limit(limit)
        .add_columns(_identities_summary(dialect))
    )


# The segment's legal estate comes with each match (a small table, joined): matches across
# estates are marked without another statement.
_MATCH_COLUMNS = select(
    Customer.id,
    Customer.first_name,
    Customer.last_name,
    Customer.segment,
    Customer.merged_into,
    SegmentApart.estate,
).outerjoin(SegmentApart, SegmentApart.segment == Customer.segment)


def _identities_summary(dialect: str) -> Any:
    """A customer's first three identities, joined, in the same statement as the match (one
    round trip per keystroke, however many customers share a number)."""
    first = (
        select(CustomerIdentity.display)
        .where(CustomerIdentity.customer_id == Customer.id)
        .order_by(CustomerIdentity.created_at, CustomerIdentity.id)
        .limit(3)
        .correlate(Customer)
        .subquery()
    )
    joined = (
        func.string_agg(first.c.display, " · ")
        if dialect == "postgresql"
        else func.group_concat(first.c.display, " · ")
    )
    return select(joined).scalar_subquery().label("summary")


def _sender_identities(contact: Contact) -> list[tuple[IdentityKind, str, str]]:
    """The identities a contact's sender gives its customer once linked: the address it came
    from, normalised; for X both the account's id (the contact's address, which never
    changes) and its handle (in the sender's display, ``app.ingest.xdm.x_display``), which is
    what the next chat is matched by."""
    kind = _identity_kind_for(contact.channel.value)
    address = contact.sender_address
    if kind is None or not address:
        return []
    if kind == IdentityKind.WHATSAPP:  # the platform's digits: the customer's number
        value = whatsapp_number(address)
    else:
        value = normalise_identity(kind, address)
    found = []
    if value:
        found.append((kind, value, address_shown(contact.channel.value, address) or value))
    if kind == IdentityKind.X:
        handle = handle_in(contact.sender_display)
        if handle and handle != value:
            found.insert(0, (kind, handle, f"@{handle}"))
    return found


def _keep_apart(s: Session, contact: Contact, customer: Customer) -> None:
    """Refuses, before anything is written, a link the centre would refuse: a contact of a
    customer, or from a sender, of a segment kept apart from this customer's
    (``segment_apart``; the centre's triggers refuse it whatever path writes)."""
    estates = dict(s.execute(select(SegmentApart.segment, SegmentApart.estate)).all())
    mine = estates.get(customer.segment)
    if mine is None:
        return
    others: list[Customer] = []
    if contact.customer_id is not None and contact.customer_id != customer.id:
        current = s.get(Customer, contact.customer_id)
        if current is not None:
            others.append(current)
    values = [v for _k, v, _d in _sender_identities(contact)]
    if values:
        others.extend(
            s.scalars(
                select(Customer)
                .join(CustomerIdentity, CustomerIdentity.customer_id == Customer.id)
                .where(CustomerIdentity.value.in_(values), Customer.id != customer.id)
            ).all()
        )
    for other in others:
        theirs = estates.get(other.segment)
        if theirs is not None and theirs != mine:
            from app.services.identities import KeptApart

            raise KeptApart(customer.segment, other.segment, other.id)


def _identity_kind_for(channel: str) -> IdentityKind | None:
    return {
        "phone": IdentityKind.PHONE,
        "email": IdentityKind.EMAIL,
        "facebook": IdentityKind.FACEBOOK,
        "x": IdentityKind.X,
        "instagram": IdentityKind.INSTAGRAM,
        "whatsapp": IdentityKind.WHATSAPP,
    }.get(channel)


def _starts(column: Any, prefix: str) -> Any:
    """A prefix match an index serves on every backend (LIKE would need a collation)."""
    return and_(column >= prefix, column < prefix + "\U0010ffff")


def _address_only(text: str) -> bool:
    """Whether a text can only be an address or a handle, not a name: one word with an @, an
    underscore, a digit or a dot inside ("@lea_m", "adam.davis293"). Its name conditions
    would only cost time: "adam.davis293" as a name is first names "adam…" with last names
    "davis293…"."""
    word = text.strip()
    if not word or any(ch.isspace() for ch in word):
        return False
    return any(ch in "@_" or ch.isdigit() for ch in word) or "." in word.rstrip(".")


def _name_or_account(text: str, names: bool = True) -> Any:
    """Names typed in any order, case or accents ("menard", "eric diallo", "Le Gall"), between
    quotes or beside an emoji ("« Léa Martin » 🌸": see ``name_key``), or an account number.
    Conditions on the customer's own columns only, each served by an index."""
    account = Customer.account_number == text.strip().upper()
    words = name_key(text).split()
    if not names:
        return account
    if not words:
        return false()
    whole = " ".join(words)
    conditions = [
        _starts(Customer.last_key, whole),
        _starts(Customer.first_key, whole),
        account,
    ]
    for cut in range(1, len(words)):
        head, tail = " ".join(words[:cut]), " ".join(words[cut:])
        conditions.append(and_(_starts(Customer.first_key, head), _starts(Customer.last_key, tail)))
        conditions.append(and_(_starts(Customer.last_key, head), _starts(Customer.first_key, tail)))
    return or_(*conditions)
