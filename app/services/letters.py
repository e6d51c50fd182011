"""A reply to a letter leaves on paper: what its printed page holds, and the word that it was
printed.

The page is laid out by the interface (ui.desk.letter_print, Qt's QTextDocument into a PDF);
here is what goes on it, read from this workstation's copy: the team's letterhead, the
customer's name and postal address as the customer record holds them, the date, the contact's
reference and the reply's text. Once the PDF is made the advisor's own call on the centre
(``relais_letter_printed``) marks the reply sent; no connector sends letters.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, text

from app.backoffice.centre_calls import centre_call
from app.db import Database
from app.dto import Who
from app.enums import Channel, Direction
from app.errors import InputError, NotFound
from app.i18n import QT_TRANSLATE_NOOP
from app.models import Contact, Customer, Message, Team
from app.sync import apply_attachments


@dataclass(frozen=True)
class LetterReply:
    message_id: uuid.UUID
    team: str
    recipient: str
    postal_address: str
    """"" when the customer record has none: the page says so where the address goes."""
    reference: str
    subject: str
    body: str
    written_at: datetime
    language: str


class LetterService:
    def __init__(self, local: Database, central: Database, who: Who) -> None:
        self._local = local
        self._central = central
        self._who = who

    def reply(self, message_id: uuid.UUID) -> LetterReply:
        with self._local.session() as s:
            row = s.execute(
                select(Message, Contact, Customer, Team.name)
                .join(Contact, Contact.id == Message.contact_id)
                .outerjoin(Customer, Customer.id == Contact.customer_id)
                .outerjoin(Team, Team.id == Contact.team_id)
                .where(Message.id == message_id)
            ).first()
            if row is None:
                raise NotFound(
                    QT_TRANSLATE_NOOP("errors", "This reply is not on this workstation.")
                )
            m, c, person, team = row
            if c.channel != Channel.LETTER or m.direction != Direction.OUTBOUND:
                raise InputError(
                    QT_TRANSLATE_NOOP("errors", "Only a reply to a letter is printed."),
                    QT_TRANSLATE_NOOP("errors", "Answer the customer on their own channel."),
                )
            name = f"{person.first_name} {person.last_name}".strip() if person else ""
            return LetterReply(
                message_id=m.id,
                team=team or "",
                recipient=name or c.sender_display,
                postal_address=(person.postal_address or "") if person else "",
                reference=c.reference,
                subject=c.subject,
                body=m.body_text,
                written_at=m.written_at or m.created_at,
                language=c.language,
            )

    def printed(self, message_id: uuid.UUID) -> bool:
        """Marks the reply sent on the centre; False when the centre has no queued letter of
        this advisor's by that id (not pushed yet, printed already, someone else's)."""
        return bool(
            centre_call(
                self._central,
                self._who.login,
                text("SELECT public.relais_letter_printed(:m)").bindparams(m=message_id),
                lambda conn, me: apply_attachments.letter_printed(conn, me.id, message_id),
            )
        )
