"""The response template library: search as the advisor types, what to offer on which channel,
and the values that fill placeholders.

The active library (a few thousand templates at most) is read once per workspace and searched in
memory: a keystroke costs a filter over a list, not a query.

What is offered for a contact is decided here once (``suggest``), for the "/" popup and the
picker alike: templates made for the contact's channel, in its language first; templates made for
other channels only when the advisor asks for them (the picker marks them); and never, on a
channel where replies can be public, one that puts account data into the reply.

The library holds approved templates only: drafts wait for a supervisor's approval and retired
templates are gone (app.backoffice.template_admin). A template key may exist in several
languages; one variant of each is offered: the contact's language, else the centre's fallback
language, else any.
"""

import threading
import uuid
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from sqlalchemy import select

from app.channels import holds_account_data, may_carry_account_data
from app.db import Database
from app.dto import TemplateSummary, Who
from app.errors import NotFound
from app.i18n import QT_TRANSLATE_NOOP
from app.models import Contact, Customer, Template
from app.models.templates import TemplateStatus
from app.text import fold


def made_for(summary: TemplateSummary, channel: str | None) -> bool:
    """Whether a template was written for this channel (one naming no channel is for all)."""
    return not channel or not summary.channels or channel in summary.channels


_account_data_in = lru_cache(maxsize=16_384)(holds_account_data)
"""Per body, once: a keystroke on a public channel would otherwise scan every body again."""


def allowed_on(summary: TemplateSummary, channel: str | None) -> bool:
    """Whether a template may go on this channel at all: account data never goes where replies
    can be public, whoever asks."""
    return not channel or may_carry_account_data(channel) or not _account_data_in(summary.body)


@dataclass(frozen=True)
class Suggestions:
    """What to offer for a contact, best first, and what was left out (so the picker can say
    more exist)."""

    templates: tuple[TemplateSummary, ...]
    other_channels: int
    """Matching templates made for other channels, not offered (the advisor did not ask)."""
    withheld: int
    """Matching templates holding account data, never offered on this public channel."""


FALLBACK_LANGUAGE = "fr"
"""The language offered when a template has no variant in the contact's (a setting)."""


class TemplateService:
    def __init__(self, db: Database, who: Who, fallback_language: str = FALLBACK_LANGUAGE) -> None:
        self._db = db
        self._who = who
        self.fallback_language = fallback_language
        self._lock = threading.Lock()
        self._library: list[tuple[TemplateSummary, str, str]] | None = None
        self._preferred: frozenset[uuid.UUID] = frozenset()

    def _load(self) -> list[tuple[TemplateSummary, str, str]]:
        with self._lock:
            if self._library is None:
                with self._db.session() as s:
                    rows = s.scalars(
                        select(Template)
                        .where(Template.active, Template.status == TemplateStatus.APPROVED.value)
                        .order_by(Template.title, Template.language)
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
        """Reads the library again at its next use: the sync brought a template's change."""
        with self._lock:
            self._library = None

    def prefer(self, template_ids: set[uuid.UUID]) -> None:
        """Templates offered before all others (an incident's), wherever they may go."""
        with self._lock:
            self._preferred = frozenset(template_ids)

    def search(
        self,
        text: str = "",
        language: str | None = None,
        limit: int = 200,
    ) -> list[TemplateSummary]:
        """Every word must appear in the title, category, key or body; title matches first.

        The whole library, whatever the channel: what to offer on a contact is ``suggest``'s.
        """
        words = fold(text).split()
        head: list[TemplateSummary] = []
        tail: list[TemplateSummary] = []
        for summary, title, body in self._load():
            if language and summary.language != language:
                continue
            if all(w in title for w in words):
                head.append(summary)
            elif all(w in title or w in body for w in words):
                tail.append(summary)
            if len(head) >= limit:
                break
        return (head + tail)[:limit]

    def suggest(
        self,
        text: str,
        channel: str | None,
        *,
        language: str | None = None,
        preferred_language: str | None = None,
        other_channels: bool = False,
        limit: int = 200,
    ) -> Suggestions:
        """The templates to offer for ``text`` on a contact of ``channel``: the ranking the "/"
        popup and the picker share.

        An active incident's templates come first of all (``prefer``, in whichever language
        they are offered); then templates made for the channel; those made for others are offered
        only with ``other_channels``, after them all. ``language`` keeps only that language;
        otherwise one variant of each key is offered, the matching one in ``preferred_language``
        (the contact's), else in the fallback language, else any; ``preferred_language`` also
        puts its templates first within each of those two groups. Otherwise the search's order
        (title matches first) is kept. Runs in a worker.
        """
        found = self.search(text, language=language, limit=1 << 30)
        if language is None:
            found = self._variants(found, preferred_language)
        # Four groups in rank order, each filled in the search's order: no sort needed.
        groups: tuple[list[TemplateSummary], ...] = ([], [], [], [])
        hidden = withheld = 0
        for summary in found:
            if not allowed_on(summary, channel):
                withheld += 1
                continue
            fits = made_for(summary, channel)
            if not fits and not other_channels:
                hidden += 1
                continue
            other_language = bool(preferred_language) and summary.language != preferred_language
            groups[2 * (not fits) + other_language].append(summary)
        ranked = [summary for group in groups for summary in group]
        preferred = self._preferred
        if preferred:
            keys = {s.key for s, _title, _body in self._load() if s.id in preferred}
            ranked.sort(key=lambda summary: summary.key not in keys)  # stable
        return Suggestions(tuple(ranked[:limit]), hidden, withheld)

    def _variants(
        self, found: list[TemplateSummary], preferred_language: str | None
    ) -> list[TemplateSummary]:
        """One template per key, in the search's order: the variant in ``preferred_language``,
        else in the fallback language, else the first found."""
        order = [preferred_language, self.fallback_language]

        def rank(summary: TemplateSummary) -> int:
            return order.index(summary.language) if summary.language in order else len(order)

        best: dict[str, TemplateSummary] = {}
        for summary in found:
            kept = best.get(summary.key)
            if kept is None or rank(summary) < rank(kept):
                best[summary.key] = summary
        return [summary for summary in found if best[summary.key] is summary]

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
