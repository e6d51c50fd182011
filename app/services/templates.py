"""The response template library: search as the advisor types, and filling placeholders.

The active library (a few thousand templates at most) is read once per workspace and searched in
memory: a keystroke costs a filter over a list, not a query.
"""

import threading
import uuid
from datetime import date

from sqlalchemy import select

from app.db import Database
from app.dto import TemplateSummary, Who
from app.errors import NotFound
from app.i18n import QT_TRANSLATE_NOOP
from app.models import Contact, Customer, Template
from app.placeholders import Filled, fill
from app.text import fold


class TemplateService:
    def __init__(self, db: Database, who: Who) -> None:
        self._db = db
        self._who = who
        self._lock = threading.Lock()
        self._library: list[tuple[TemplateSummary, str, str]] | None = None

    def _load(self) -> list[tuple[TemplateSummary, str, str]]:
        with self._lock:
            if self._library is None:
                with self._db.session() as s:
                    rows = s.scalars(
                        select(Template).where(Template.active).order_by(Template.title)
                    ).all()
                    self._library = [
                        (
                            TemplateSummary(
                                id=t.id,
                                key=t.key,
                                title=t.title,
                                category=t.category,
                                language=t.language,
                                channels=tuple(t.channels or ()),
                                body=t.body,
                                version=t.current_version,
                            ),
                            fold(f"{t.title} {t.category} {t.key}"),
                            fold(t.body),
                        )
                        for t in rows
                    ]
            return self._library

    def invalidate(self) -> None:
        with self._lock:
            self._library = None

    def search(
        self,
        text: str = "",
        language: str | None = None,
        channel: str | None = None,
        limit: int = 200,
    ) -> list[TemplateSummary]:
        """Every word must appear in the title, category, key or body; title matches first."""
        words = fold(text).split()
        head: list[TemplateSummary] = []
        tail: list[TemplateSummary] = []
        for summary, title, body in self._load():
            if language and summary.language != language:
                continue
            if channel and summary.channels and channel not in summary.channels:
                continue
            if all(w in title for w in words):
                head.append(summary)
            elif all(w in title or w in body for w in words):
                tail.append(summary)
            if len(head) >= limit:
                break
        return (head + tail)[:limit]

    def get(self, template_id: uuid.UUID) -> TemplateSummary:
        for summary, _title, _body in self._load():
            if summary.id == template_id:
                return summary
        raise NotFound(QT_TRANSLATE_NOOP("errors", "This template no longer exists."))

    def values_for(self, contact_id: uuid.UUID | None) -> dict[str, str]:
        """The placeholder values known for a contact (empty where unknown)."""
        values = {
            "advisor_name": self._who.display_name,
            "advisor_first_name": self._who.first_name,
            "today": date.today().strftime("%d/%m/%Y"),
        }
        if contact_id is None:
            return values
        with self._db.session() as s:
            contact = s.get(Contact, contact_id)
            if contact is None:
                return values
            values["contact_reference"] = contact.reference
            customer = s.get(Customer, contact.customer_id) if contact.customer_id else None
            if customer is not None:
                values["customer_first_name"] = customer.first_name
                values["customer_last_name"] = customer.last_name
                values["customer_name"] = f"{customer.first_name} {customer.last_name}".strip()
                values["account_number"] = customer.account_number or ""
            if contact.language == "en":
                values["today"] = date.today().strftime("%B %d, %Y").replace(" 0", " ")
        return values

    def render(self, template_id: uuid.UUID, values: dict[str, str]) -> Filled:
        return fill(self.get(template_id).body, values)
