"""Working one contact: its thread, the draft, notes, the call record, replies and the close."""

import uuid
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from app import channels, limits
from app.clock import centre_now, utcnow
from app.db import Database
from app.dto import (
    AttachmentView,
    Claimed,
    CloseRequest,
    CloseResult,
    ContactDetail,
    DeliveryView,
    FollowUpView,
    MessageView,
    NoteView,
    SurveyView,
    TemplateInsertion,
    Who,
    WrapUpView,
)
from app.enums import AttachmentState
from app.errors import Conflict, InputError, NotFound
from app.i18n import QT_TRANSLATE_NOOP, Marked, Translate, no_translation
from app.identities import normalise_identity
from app.ids import new_id, short_reference
from app.models import (
    Advisor,
    Attachment,
    Channel,
    Contact,
    ContactAssignment,
    ContactStatus,
    Customer,
    CustomerIdentity,
    Delivery,
    Direction,
    Draft,
    IdentityKind,
    Message,
    Note,
    OutboxOp,
    Outcome,
    ReasonCode,
    ReviewItem,
    SurveyAnswer,
    Template,
    TemplateUsage,
    WrapUp,
    table_of,
)
from app.opening_hours import OpeningHours
from app.outbox import record_insert, record_update
from app.placeholders import unfilled
from app.sanitize import safe_html
from app.services.attachments import AttachmentService
from app.services.letters import LetterService
from app.settings import Settings
from app.sync.apply_calls import LATE_RING

LOW_ASSESSMENT = 2
"""Assessments at or below this offer a follow-up and put the case on the review list."""

TIME_SHOWN = "%d/%m/%Y %H:%M"
"""A moment in a message, in local time (day first, as French and British advisors read it)."""


class ValueRefused(InputError):
    """A value the centre would refuse (see app.limits), named in words with the reason, before
    anything is written: "Relais cannot keep the note: it is 25000 characters long, the limit
    is 20000." """

    def __init__(self, field: Marked, problem: limits.Problem, text: str | None = None) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP("errors", "Relais cannot keep {field}: {problem}."),
            QT_TRANSLATE_NOOP("errors", "Correct it and try again; what you wrote is still there."),
            field=field,
            problem=Marked("limits", problem.message),
            # What was typed, so a form can point at the field that holds it.
            **({"text": text} if text is not None else {}),
        )
        self.field = field
        self.problem = problem

    def text(self, translate: Translate = no_translation) -> str:
        # The problem's own values ({length}, {limit}…) go into its text once translated.
        problem = translate("limits", self.problem.message).format(**self.problem.values)
        parts = [
            translate("errors", self.message).format(
                field=translate(self.field.context, self.field), problem=problem
            ),
            translate("errors", self.hint),
        ]
        return "\n".join(parts)


def check_values(
    table: Table,
    values: Mapping[str, Any],
    fields: Mapping[str, Marked],
    typed: str | None = None,
) -> None:
    """Raises ValueRefused for the first value of a row of ``table`` the centre would refuse;
    ``fields`` names each column in words; ``typed`` is the text the advisor typed for it."""
    for problem in limits.problems(table, values):
        raise ValueRefused(fields[problem.column], problem, typed)


FIELDS = {
    "note": Marked("field", QT_TRANSLATE_NOOP("field", "the note")),
    "reply": Marked("field", QT_TRANSLATE_NOOP("field", "the reply")),
    "comment": Marked("field", QT_TRANSLATE_NOOP("field", "the comment")),
    "self_assessment": Marked("field", QT_TRANSLATE_NOOP("field", "the self-assessment")),
    "caller": Marked("field", QT_TRANSLATE_NOOP("field", "the caller's number")),
    "subject": Marked("field", QT_TRANSLATE_NOOP("field", "the subject")),
}


def _not_found() -> NotFound:
    return NotFound(QT_TRANSLATE_NOOP("errors", "This contact no longer exists."))


def follow_up_kind(channel: Channel) -> str:
    """A follow-up on the phone is a callback; on any other channel, a reply in writing."""
    return "callback" if channel == Channel.PHONE else "reply"


SCAN_TYPES = ("application/pdf", "image/png", "image/jpeg")
MAX_SCAN_SHOWN = 25 * 1024 * 1024


def _files(
    s: Session, contact_id: uuid.UUID, letter: bool = False
) -> dict[uuid.UUID, list[AttachmentView]]:
    """The contact's files by message, without their bytes (read only when one is saved),
    but for a letter's scans, which the thread shows."""
    rows = s.execute(
        select(
            Attachment.message_id,
            Attachment.id,
            Attachment.filename,
            Attachment.declared_type,
            Attachment.sniffed_type,
            Attachment.size,
            Attachment.state,
            Attachment.reason,
        )
        .where(Attachment.contact_id == contact_id)
        .order_by(Attachment.message_id, Attachment.position)
    ).all()
    files: dict[uuid.UUID, list[AttachmentView]] = {}
    for r in rows:
        shown = (
            letter
            and r.state == AttachmentState.KEPT
            and r.sniffed_type in SCAN_TYPES
            and r.size <= MAX_SCAN_SHOWN
        )
        scan = s.scalar(select(Attachment.content).where(Attachment.id == r.id)) if shown else None
        files.setdefault(r.message_id, []).append(
            AttachmentView(
                r.id, r.filename, r.declared_type, r.sniffed_type, r.size, r.state, r.reason, scan
            )
        )
    return files


def _deliveries(s: Session, contact_id: uuid.UUID) -> dict[uuid.UUID, DeliveryView]:
    rows = s.scalars(select(Delivery).where(Delivery.contact_id == contact_id)).all()
    return {
        d.message_id: DeliveryView(d.state, d.reason, d.updated_at, d.next_attempt_at) for d in rows
    }


class ContactService:
    def __init__(
        self,
        db: Database,
        who: Who,
        hours: OpeningHours | None = None,
        central: Database | None = None,
    ) -> None:
        self._db = db
        self._who = who
        self._hours = hours
        self.letters = LetterService(db, central, who) if central is not None else None
        """Replies to letters printed (None without a centre: nothing to mark them sent on)."""

    def opening_hours(self) -> OpeningHours:
        """The hours follow-ups are planned in: those given, else the settings' (read at each
        close, so a changed setting counts without restarting)."""
        return self._hours or OpeningHours.from_settings(Settings())

    # -- reading -----------------------------------------------------------------------------

    def save_attachment(self, attachment_id: uuid.UUID, target: Path) -> int:
        """A customer's file written where the advisor chose (app.services.attachments)."""
        return AttachmentService(self._db).save(attachment_id, target)

    def ringing(self, among: Iterable[uuid.UUID]) -> list[uuid.UUID]:
        """Which of these contacts are calls ringing for this advisor now (the centre handed
        them over, nobody answered yet), newest first: the screen pops them. A ring older than
        ``LATE_RING`` (a copy back from offline) is no longer ringing anywhere."""
        ids = list(among)
        if not ids:
            return []
        with self._db.session() as s:
            return list(
                s.scalars(
                    select(Contact.id)
                    .where(
                        Contact.id.in_(ids),
                        Contact.channel == Channel.PHONE,
                        Contact.status == ContactStatus.IN_PROGRESS,
                        Contact.assigned_to == self._who.advisor_id,
                        Contact.call_started_at.is_(None),
                        Contact.call_ended_at.is_(None),
                        Contact.received_at > centre_now() - LATE_RING,
                    )
                    .order_by(Contact.received_at.desc())
                )
            )

    def detail(self, contact_id: uuid.UUID) -> ContactDetail:
        with self._db.session() as s:
            c = s.get(Contact, contact_id)
            if c is None:
                raise _not_found()
            names = dict(s.execute(select(Advisor.id, Advisor.display_name)).all())
            messages = s.scalars(
                select(Message).where(Message.contact_id == c.id).order_by(Message.created_at)
            ).all()
            notes = s.scalars(
                select(Note).where(Note.contact_id == c.id).order_by(Note.created_at)
            ).all()
            deliveries = _deliveries(s, c.id)
            files = _files(s, c.id, letter=c.channel == Channel.LETTER)
            unsent = set(
                s.scalars(
                    select(OutboxOp.row_id).where(
                        OutboxOp.table_name == "message",
                        OutboxOp.row_id.in_([m.id for m in messages]),
                    )
                ).all()
            )
            wraps = s.execute(
                select(WrapUp, ReasonCode)
                .join(ReasonCode, ReasonCode.id == WrapUp.reason_code_id)
                .where(WrapUp.contact_id == c.id)
                .order_by(WrapUp.created_at)
            ).all()
            surveys = s.scalars(select(SurveyAnswer).where(SurveyAnswer.contact_id == c.id)).all()
            parent = s.get(Contact, c.parent_id) if c.parent_id else None
            planned = s.scalars(
                select(Contact).where(Contact.parent_id == c.id).order_by(Contact.due_at)
            ).all()
            return ContactDetail(
                id=c.id,
                reference=c.reference,
                channel=c.channel,
                status=c.status,
                customer_id=c.customer_id,
                sender_display=c.sender_display,
                sender_address=c.sender_address,
                subject=c.subject,
                language=c.language,
                priority=c.priority,
                risk_flag=c.risk_flag,
                risk_reason=c.risk_reason,
                received_at=c.received_at,
                due_at=c.due_at,
                closed_at=c.closed_at,
                call_started_at=c.call_started_at,
                call_ended_at=c.call_ended_at,
                assigned_to_me=c.assigned_to == self._who.advisor_id,
                messages=tuple(
                    MessageView(
                        id=m.id,
                        direction=m.direction,
                        sender=names.get(m.author_id, m.sender_display)
                        if m.author_id
                        else m.sender_display,
                        body_text=m.body_text,
                        body_html=safe_html(m.body_html) if m.body_html else None,
                        created_at=m.created_at,
                        delivery=deliveries.get(m.id),
                        unsent=m.id in unsent,
                        files=tuple(files.get(m.id, ())),
                    )
                    for m in messages
                ),
                notes=tuple(
                    NoteView(n.id, names.get(n.advisor_id, ""), n.body, n.during_call, n.created_at)
                    for n in notes
                ),
                wrap_ups=tuple(
                    WrapUpView(
                        advisor=names.get(w.advisor_id, ""),
                        reason_code=r.code,
                        reason_label_en=r.label_en,
                        reason_label_fr=r.label_fr,
                        outcome=w.outcome,
                        self_assessment=w.self_assessment,
                        share=w.share,
                        created_at=w.created_at,
                    )
                    for w, r in wraps
                ),
                surveys=tuple(
                    SurveyView(a.csat, a.nps, a.effort, a.comment, a.answered_at) for a in surveys
                ),
                follow_up_of=parent.reference if parent is not None else "",
                follow_ups=tuple(
                    FollowUpView(f.reference, follow_up_kind(f.channel), f.due_at, f.status)
                    for f in planned
                ),
            )

    # -- drafts and notes --------------------------------------------------------------------

    def load_draft(self, contact_id: uuid.UUID) -> str:
        with self._db.session() as s:
            draft = s.get(Draft, contact_id)
            return draft.body if draft else ""

    def save_draft(self, contact_id: uuid.UUID, body: str) -> None:
        """Autosave: kept on this workstation only, durably, until the reply is sent."""
        with self._db.session() as s:
            draft = s.get(Draft, contact_id)
            if draft is None:
                s.add(Draft(contact_id=contact_id, body=body, updated_at=utcnow()))
            else:
                draft.body = body
                draft.updated_at = utcnow()

    def keep_note(
        self, contact_id: uuid.UUID, body: str, during_call: bool = False
    ) -> list[NoteView]:
        """Adds a note typed but not added when the advisor leaves the contact: without NUL
        characters, and as several notes when longer than the centre takes one, so that it is
        never refused and lost."""
        limit = limits.TEXTS[("note", "body")]
        clean = body.replace("\x00", "")
        parts = [clean[i : i + limit] for i in range(0, len(clean), limit)]
        return [self.add_note(contact_id, p, during_call) for p in parts if p.strip()]

    def add_note(self, contact_id: uuid.UUID, body: str, during_call: bool = False) -> NoteView:
        text = body.strip()
        if not text:
            raise InputError(
                QT_TRANSLATE_NOOP("errors", "The note is empty."),
                QT_TRANSLATE_NOOP("errors", "Write something before adding it."),
            )
        check_values(table_of(Note), {"body": text}, {"body": FIELDS["note"]})
        with self._db.session() as s:
            self._workable(s, contact_id)
            note = Note(
                id=new_id(),
                contact_id=contact_id,
                advisor_id=self._who.advisor_id,
                body=text,
                during_call=during_call,
                created_at=utcnow(),
            )
            record_insert(s, note)
            return NoteView(note.id, self._who.display_name, text, during_call, note.created_at)

    # -- a call logged by hand -----------------------------------------------------------------

    def log_call(self, number: str, subject: str) -> Claimed:
        """Opens a phone contact the advisor took outside the queue (a call that rang through
        while the centre was unreachable, say): written here, held by this advisor at once,
        and sent to the centre with everything else. The caller is recognised by number."""
        number = number.strip()
        value = normalise_identity(IdentityKind.PHONE, number) if number else None
        if number and value is None:
            raise InputError(
                QT_TRANSLATE_NOOP("errors", "“{number}” is not a phone number."),
                QT_TRANSLATE_NOOP(
                    "errors", "Check it, or leave it empty when the caller's number is withheld."
                ),
                number=number,
            )
        subject = subject.strip()[:300]
        check_values(
            table_of(Contact),
            {"sender_display": number, "subject": subject},
            {"sender_display": FIELDS["caller"], "subject": FIELDS["subject"]},
        )
        now = utcnow()
        ident = new_id()
        with self._db.session() as s:
            customer_id = None
            if value is not None:
                customer_id = s.scalars(
                    select(CustomerIdentity.customer_id).where(
                        CustomerIdentity.kind.in_([IdentityKind.PHONE, IdentityKind.WHATSAPP]),
                        CustomerIdentity.value == value,
                    )
                ).first()
            contact = Contact(
                id=ident,
                reference=short_reference(ident),
                channel=Channel.PHONE,
                direction=Direction.INBOUND,
                status=ContactStatus.IN_PROGRESS,
                customer_id=customer_id,
                sender_display=number,
                sender_address=value or "",
                subject=subject,
                received_at=now,
                due_at=now,
                team_id=self._who.team_id,
                assigned_to=self._who.advisor_id,
                claim_token=new_id(),
                call_started_at=now,
            )
            record_insert(s, contact)
            record_insert(
                s,
                ContactAssignment(
                    id=new_id(), contact_id=ident, advisor_id=self._who.advisor_id, started_at=now
                ),
            )
            return Claimed(ident, contact.reference, customer_id)

    # -- the call record ---------------------------------------------------------------------

    def start_call(self, contact_id: uuid.UUID) -> None:
        with self._db.session() as s:
            c = self._workable(s, contact_id)
            if c.call_started_at is None:
                # A missed call's end is its caller hanging up: calling them back starts anew.
                c.call_started_at, c.call_ended_at = utcnow(), None
                c.version += 1
                record_update(s, c, ["call_started_at", "call_ended_at", "version"])

    def end_call(self, contact_id: uuid.UUID) -> None:
        with self._db.session() as s:
            c = self._workable(s, contact_id)
            if c.call_started_at is not None and c.call_ended_at is None:
                c.call_ended_at = utcnow()
                c.version += 1
                record_update(s, c, ["call_ended_at", "version"])

    # -- replying ----------------------------------------------------------------------------

    def send_reply(
        self,
        contact_id: uuid.UUID,
        body: str,
        insertions: tuple[TemplateInsertion, ...] = (),
    ) -> MessageView:
        """Stores the outbound reply and the usage of each template that went into it.

        Refused, with the text left to the advisor, when it is longer than the contact's channel
        accepts or when it would put the customer's account data on a channel where replies can
        be public (``app.channels``). A template counts as edited when the text it inserted no
        longer stands unchanged in the reply.
        """
        text = body.strip()
        if not text:
            raise InputError(
                QT_TRANSLATE_NOOP("errors", "The reply is empty."),
                QT_TRANSLATE_NOOP("errors", "Write an answer or insert a template with Ctrl+T."),
            )
        missing = unfilled(text)
        if missing:
            raise InputError(
                QT_TRANSLATE_NOOP("errors", "The reply still has placeholders to fill: {names}."),
                QT_TRANSLATE_NOOP(
                    "errors", "Replace each highlighted {{{{…}}}} with its value or remove it."
                ),
                names=", ".join(missing),
            )
        check_values(table_of(Message), {"body_text": text}, {"body_text": FIELDS["reply"]})
        with self._db.session() as s:
            c = self._workable(s, contact_id)
            channels.check_reply_length(text, c.channel)
            if not channels.may_carry_account_data(c.channel):
                self._refuse_account_data(s, c, text, insertions)
            now = utcnow()
            last_in = s.scalars(
                select(Message.external_id)
                .where(Message.contact_id == c.id, Message.direction == Direction.INBOUND)
                .order_by(Message.created_at.desc())
                .limit(1)
            ).first()
            message = Message(
                id=new_id(),
                contact_id=c.id,
                direction=Direction.OUTBOUND,
                author_id=self._who.advisor_id,
                sender_display=self._who.display_name,
                body_text=text,
                created_at=now,
                in_reply_to=last_in,
            )
            record_insert(s, message)
            for ins in insertions:
                record_insert(
                    s,
                    TemplateUsage(
                        id=new_id(),
                        template_id=ins.template_id,
                        template_version=ins.version,
                        contact_id=c.id,
                        advisor_id=self._who.advisor_id,
                        edited=ins.inserted_text.strip() not in text,
                        used_at=now,
                    ),
                )
            draft = s.get(Draft, c.id)
            if draft is not None:
                s.delete(draft)
            return MessageView(
                message.id, Direction.OUTBOUND, self._who.display_name, text, None, now
            )

    @staticmethod
    def _refuse_account_data(
        s: Session, c: Contact, text: str, insertions: tuple[TemplateInsertion, ...]
    ) -> None:
        """Refuses a reply on a public channel that holds the customer's account number, typed
        or from a template that puts account data in."""
        number = ""
        if c.customer_id is not None:
            customer = s.get(Customer, c.customer_id)
            number = (customer.account_number or "") if customer is not None else ""
        squeezed = "".join(text.split()).upper()
        leaks = len(number) >= 6 and "".join(number.split()).upper() in squeezed
        for ins in insertions:
            template = s.get(Template, ins.template_id)
            if template is not None and channels.holds_account_data(template.body):
                leaks = True
        if leaks:
            raise InputError(
                QT_TRANSLATE_NOOP(
                    "errors",
                    "Not sent: the reply holds the customer's account number, and replies on "
                    "{channel} can be public.",
                ),
                QT_TRANSLATE_NOOP(
                    "errors",
                    "Remove it, or ask the customer to continue by e-mail; your text is still "
                    "here.",
                ),
                channel=channels.channel_name(c.channel),
            )

    # -- closing -----------------------------------------------------------------------------

    def close(self, req: CloseRequest) -> CloseResult:
        """Closes the contact with its wrap-up; plans a follow-up and flags it for review when
        the advisor believes the customer is dissatisfied."""
        if limits.problems(table_of(WrapUp), {"self_assessment": req.self_assessment}):
            raise InputError(
                QT_TRANSLATE_NOOP(
                    "errors", "Choose how satisfied you think the customer is (1 to 4)."
                )
            )
        comment = req.comment.strip()
        check_values(table_of(WrapUp), {"comment": comment}, {"comment": FIELDS["comment"]})
        try:
            outcome = Outcome(req.outcome)
        except ValueError as exc:
            raise InputError(QT_TRANSLATE_NOOP("errors", "Choose an outcome.")) from exc
        now = utcnow()
        if req.follow_up is not None:
            self._check_follow_up(req.follow_up.due_at)
        with self._db.session() as s:
            c = self._workable(s, req.contact_id)
            reason = s.get(ReasonCode, req.reason_code_id)
            if reason is None or not reason.active:
                raise InputError(QT_TRANSLATE_NOOP("errors", "Choose a reason for the contact."))
            record_insert(
                s,
                WrapUp(
                    id=new_id(),
                    contact_id=c.id,
                    advisor_id=self._who.advisor_id,
                    reason_code_id=reason.id,
                    outcome=outcome,
                    self_assessment=req.self_assessment,
                    comment=comment,
                    created_at=now,
                ),
            )
            c.status = ContactStatus.CLOSED
            c.closed_at = now
            c.claim_token = None
            c.lease_until = None
            if c.call_started_at is not None and c.call_ended_at is None:
                c.call_ended_at = now
            c.version += 1
            record_update(
                s,
                c,
                ["status", "closed_at", "claim_token", "lease_until", "call_ended_at", "version"],
            )
            for assignment in s.scalars(
                select(ContactAssignment).where(
                    ContactAssignment.contact_id == c.id,
                    ContactAssignment.advisor_id == self._who.advisor_id,
                    ContactAssignment.ended_at.is_(None),
                )
            ):
                assignment.ended_at = now
                record_update(s, assignment, ["ended_at"])
            on_review = req.self_assessment <= LOW_ASSESSMENT
            if on_review:
                record_insert(
                    s,
                    ReviewItem(
                        id=new_id(),
                        contact_id=c.id,
                        reason="low_self_assessment",
                        created_by=self._who.advisor_id,
                        created_at=now,
                    ),
                )
            follow_up_id = None
            if req.follow_up is not None:
                follow_up_id = self._plan_follow_up(s, c, req)
            draft = s.get(Draft, c.id)
            if draft is not None:
                s.delete(draft)
            return CloseResult(c.id, follow_up_id, on_review)

    def _check_follow_up(self, due_at: datetime) -> None:
        """A follow-up is planned from now on (by the centre's clock: it decides when the
        follow-up enters the queue), in the centre's opening hours."""
        if due_at <= centre_now() - timedelta(minutes=1):
            raise InputError(
                QT_TRANSLATE_NOOP("errors", "The follow-up is planned in the past."),
                QT_TRANSLATE_NOOP("errors", "Choose a time from now on."),
            )
        hours = self.opening_hours()
        if not hours.is_open(due_at):
            opening = hours.next_open(due_at)
            raise InputError(
                QT_TRANSLATE_NOOP(
                    "errors", "The centre is closed on {when}: nobody could follow up then."
                ),
                QT_TRANSLATE_NOOP("errors", "Choose a time in opening hours, such as {next}."),
                when=due_at.astimezone().strftime(TIME_SHOWN),
                next=opening.strftime(TIME_SHOWN) if opening is not None else "—",
            )

    def _plan_follow_up(self, s: Session, c: Contact, req: CloseRequest) -> uuid.UUID:
        assert req.follow_up is not None
        ident = new_id()
        channel, address = c.channel, c.sender_address
        if req.follow_up.kind == "callback":
            channel = Channel.PHONE
        elif c.channel == Channel.PHONE:
            # A written answer to a caller goes to their e-mail address, when one is known.
            channel = Channel.EMAIL
            address = (
                s.scalars(
                    select(CustomerIdentity.value)
                    .where(
                        CustomerIdentity.customer_id == c.customer_id,
                        CustomerIdentity.kind == IdentityKind.EMAIL,
                    )
                    .order_by(CustomerIdentity.created_at)
                    .limit(1)
                ).first()
                or ""
            )
        record_insert(
            s,
            Contact(
                id=ident,
                reference=short_reference(ident),
                channel=channel,
                direction=Direction.OUTBOUND,
                status=ContactStatus.QUEUED,
                customer_id=c.customer_id,
                sender_display=c.sender_display,
                sender_address=address,
                subject=c.subject,
                preview=req.comment.strip()[:300],
                language=c.language,
                priority=2,
                risk_flag=c.risk_flag,
                risk_reason=c.risk_reason,
                # It enters the queue at the planned time, not before (see QueueService).
                received_at=req.follow_up.due_at,
                due_at=req.follow_up.due_at,
                team_id=c.team_id,
                parent_id=c.id,
            ),
        )
        return ident

    # -- guards ------------------------------------------------------------------------------

    def _workable(self, s: Session, contact_id: uuid.UUID) -> Contact:
        c = s.get(Contact, contact_id)
        if c is None:
            raise _not_found()
        if c.status != ContactStatus.IN_PROGRESS or c.assigned_to != self._who.advisor_id:
            raise Conflict(
                QT_TRANSLATE_NOOP(
                    "errors", "Contact {reference} is not yours to work on any more."
                ),
                QT_TRANSLATE_NOOP(
                    "errors", "It was closed or handed to someone else; your draft is kept."
                ),
                reference=c.reference,
            )
        return c
