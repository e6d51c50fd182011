"""The rows that make up one contact: the contact itself, its thread, assignments and wrap-ups.

``_ContactRows`` is the base of ``contacts._Contacts``: it turns what the contact story decided
(who, when, which channel, which advisor) into plain row dictionaries appended to ``self.rows``
and counted in ``self.counts``, ready for the batch insert; ``_TemplateRef`` is a template as
the contacts cite it. It is split from ``contacts`` so that the story of a contact (what
happens, in what order) reads apart from the shape of the rows.
"""

import random
import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from app.ids import new_id
from app.models import (
    Channel,
    ContactAssignment,
    ContactStatus,
    Direction,
    Message,
    Outcome,
    SurveyAnswer,
    TemplateUsage,
    WrapUp,
)
from app.placeholders import fill
from app.risk import RiskAssessment
from app.seed import catalogue as cat
from app.seed.constants import MONTHS_EN, SLA, SURVEY_GAP_WEIGHTS, SURVEY_GAPS
from app.seed.customers import _Advisor, _Person, _weighted


@dataclass(frozen=True)
class _TemplateRef:
    id: uuid.UUID
    version: int
    body: str
    channels: frozenset[str]


def _today(moment: datetime, language: str) -> str:
    if language == "en":
        return f"{moment.day} {MONTHS_EN[moment.month - 1]} {moment.year}"
    return moment.strftime("%d/%m/%Y")


def _preview(text: str) -> str:
    return " ".join(text.split())[:300]


class _ContactRows:
    """Row builders shared by past and queued contacts (see ``contacts._Contacts``)."""

    rng: random.Random
    now: datetime
    rows: dict[type, list[dict[str, Any]]]
    counts: Counter[str]

    def contact_row(
        self,
        contact_id: uuid.UUID,
        reference: str,
        channel: Channel,
        status: ContactStatus,
        who: _Person | None,
        language: str,
        topic: cat.Topic,
        preview_source: str,
        risk: RiskAssessment,
        priority: int,
        received: datetime,
        advisor: _Advisor | None,
        closed_at: datetime | None,
        incident_id: uuid.UUID | None,
        call_started: datetime | None,
        call_ended: datetime | None,
        *,
        direction: Direction = Direction.INBOUND,
        team_id: uuid.UUID | None = None,
        sender: tuple[str, str] | None = None,
    ) -> dict[str, Any]:
        if sender is None:
            assert who is not None
            sender = (who.name, self.sender_address(who, channel))
        return {
            "id": contact_id,
            "reference": reference,
            "channel": channel,
            "direction": direction,
            "status": status,
            "customer_id": who.id if who is not None else None,
            "sender_display": sender[0],
            "sender_address": sender[1],
            "subject": self.rng.choice(topic.subjects[language]),
            "preview": _preview(preview_source),
            "language": language,
            "priority": priority,
            "risk_flag": risk.flagged,
            "risk_reason": ", ".join(risk.reasons)[:200],
            "received_at": received,
            "due_at": received + SLA[channel],
            "team_id": team_id if advisor is None else advisor.team_id,
            "assigned_to": advisor.id if advisor is not None else None,
            "claim_token": None,
            "lease_until": None,
            "closed_at": closed_at,
            "incident_id": incident_id,
            "parent_id": None,
            "call_started_at": call_started,
            "call_ended_at": call_ended,
            "version": 1,
        }

    @staticmethod
    def sender_address(who: _Person, channel: Channel) -> str:
        if channel == Channel.EMAIL:
            return who.email
        if channel == Channel.LETTER:
            return who.address
        if channel in (Channel.PHONE, Channel.WHATSAPP):
            return who.phone if who.has_phone else ""
        return who.handle

    def thread(
        self,
        contact_id: uuid.UUID,
        channel: Channel,
        who: _Person,
        advisor: _Advisor,
        events: list[tuple[datetime, Direction, str, list[_TemplateRef]]],
        values: dict[str, str],
    ) -> None:
        previous_external: str | None = None
        email = channel == Channel.EMAIL
        for moment, direction, body, parts in events:
            outbound = direction == Direction.OUTBOUND
            if outbound:
                body = fill(body, {**values, "today": _today(moment, who.language)}).text
            external = None
            if email:
                host = "relais.example.com" if outbound else "mail.example.org"
                external = f"<{self.rng.getrandbits(64):016x}@{host}>"
            self.rows[Message].append(
                {
                    "id": new_id(),
                    "contact_id": contact_id,
                    "direction": direction,
                    "author_id": advisor.id if outbound else None,
                    "sender_display": advisor.display_name if outbound else who.name,
                    "body_text": body,
                    "body_html": None,
                    "created_at": moment,
                    "external_id": external,
                    "in_reply_to": previous_external,
                }
            )
            previous_external = external
            self.counts["messages"] += 1
            for part in parts:
                self.rows[TemplateUsage].append(
                    {
                        "id": new_id(),
                        "template_id": part.id,
                        "template_version": part.version,
                        "contact_id": contact_id,
                        "advisor_id": advisor.id,
                        "edited": self.rng.random() < 0.35,
                        "used_at": moment,
                    }
                )
                self.counts["template_usages"] += 1

    def assignment(
        self, contact_id: uuid.UUID, advisor: _Advisor, start: datetime, end: datetime
    ) -> None:
        self.rows[ContactAssignment].append(
            {
                "id": new_id(),
                "contact_id": contact_id,
                "advisor_id": advisor.id,
                "started_at": start,
                "ended_at": end,
            }
        )
        self.counts["assignments"] += 1

    def wrap_up(
        self,
        contact_id: uuid.UUID,
        advisor: _Advisor,
        reason_id: uuid.UUID,
        outcome: Outcome,
        assessment: int,
        share: float,
        at: datetime,
    ) -> None:
        self.rows[WrapUp].append(
            {
                "id": new_id(),
                "contact_id": contact_id,
                "advisor_id": advisor.id,
                "reason_code_id": reason_id,
                "outcome": outcome,
                "self_assessment": assessment,
                "share": share,
                "comment": self.rng.choice(cat.WRAP_UP_COMMENTS),
                "created_at": at,
                "supersedes_id": None,
            }
        )
        self.counts["wrap_ups"] += 1

    def survey(
        self,
        contact_id: uuid.UUID,
        language: str,
        advisor: _Advisor,
        assessment: int,
        closed_at: datetime,
    ) -> None:
        """The customer's verdict: near the advisor's, shifted by the advisor's habit of over-
        or under-estimating, so the supervisors' agreement figures have something to show."""
        rng = self.rng
        answered = closed_at + timedelta(hours=rng.uniform(1, 72))
        if answered >= self.now:
            return
        gap = SURVEY_GAPS[_weighted(rng, SURVEY_GAP_WEIGHTS)]
        if rng.random() < abs(advisor.bias):
            gap += -1 if advisor.bias > 0 else 1
        feel = min(4, max(1, assessment + gap))  # on the advisor's 1-4 scale
        # Onto the survey's CSAT 1-5, as app.backoffice.scales reads it back: a dissatisfied
        # customer answers 2 or the neutral 3.
        csat = (1, rng.choice((2, 2, 3)), 4, 5)[feel - 1]
        nps = None
        if rng.random() < 0.6:
            low, high = ((0, 3), (4, 6), (7, 8), (9, 10))[feel - 1]
            nps = rng.randint(low, high)
        effort = None
        if rng.random() < 0.5:  # 1 very easy ... 7 very hard
            effort = min(7, max(1, 9 - 2 * feel + rng.choice((-1, 0, 0, 1))))
        comment = rng.choice(cat.SURVEY_COMMENTS[language][feel]) if rng.random() < 0.55 else ""
        self.rows[SurveyAnswer].append(
            {
                "id": new_id(),
                "contact_id": contact_id,
                "csat": csat,
                "nps": nps,
                "effort": effort,
                "comment": comment,
                "answered_at": answered,
                "imported_at": answered,
            }
        )
        self.counts["survey_answers"] += 1
