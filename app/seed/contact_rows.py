"""The rows that make up one contact: the contact itself, its thread, assignments and wrap-ups.

``_ContactRows`` is the base of ``contacts._Contacts``: it turns what the contact story decided
(who, when, which channel, which advisor) into row tuples (columns in the order of
``rows.COLUMNS``, values as stored) appended to ``self.rows`` and counted in ``self.counts``,
ready for the batch write; ``_TemplateRef`` is a template as the contacts cite it. It is split
from ``contacts`` so that the story of a contact (what happens, in what order) reads apart from
the shape of the rows.
"""

import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from app.models import Channel, ContactStatus, Direction, Outcome
from app.placeholders import fill
from app.risk import RiskAssessment
from app.seed import catalogue as cat
from app.seed.batches import Row
from app.seed.constants import MONTHS_EN, SLA, SURVEY_GAP_WEIGHTS, SURVEY_GAPS
from app.seed.customers import _Advisor, _Person, _weighted
from app.seed.rows import Stamp

# What the channels said of the seeded replies: messengers tell when a reply was read, mail and
# letters only that it left.
_DELIVERED = {
    Channel.WHATSAPP: "read",
    Channel.FACEBOOK: "read",
    Channel.INSTAGRAM: "read",
    Channel.X: "delivered",
}


@dataclass(frozen=True)
class _TemplateRef:
    id: str  # as the rows carry it
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
    rows: dict[str, list[Row]]
    counts: Counter[str]
    new_id: Callable[[], str]
    stamp: Stamp

    def contact_row(
        self,
        contact_id: str,
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
        incident_id: str | None,
        call_started: datetime | None,
        call_ended: datetime | None,
        *,
        direction: Direction = Direction.INBOUND,
        team_id: str | None = None,
        sender: tuple[str, str] | None = None,
        due: datetime | None = None,
        parent_id: str | None = None,
    ) -> Row:
        """One contact's row; ``due`` defaults to the channel's SLA after ``received``."""
        if sender is None:
            assert who is not None
            sender = (who.name, self.sender_address(who, channel))
        stamp = self.stamp
        return (
            contact_id,
            reference,
            channel._value_,  # the text: cheaper than the .value property
            direction._value_,
            status._value_,
            who.id if who is not None else None,
            sender[0],
            sender[1],
            self.rng.choice(topic.subjects[language]),
            _preview(preview_source),
            language,
            priority,
            risk.flagged,
            ", ".join(risk.reasons)[:200],
            stamp(received),
            stamp(received + SLA[channel] if due is None else due),
            team_id if advisor is None else advisor.team_id,
            advisor.id if advisor is not None else None,
            None,
            None,
            None if closed_at is None else stamp(closed_at),
            incident_id,
            parent_id,
            None if call_started is None else stamp(call_started),
            None if call_ended is None else stamp(call_ended),
            1,
        )

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
        contact_id: str,
        channel: Channel,
        who: _Person,
        advisor: _Advisor,
        events: list[tuple[datetime, Direction, str, list[_TemplateRef]]],
        values: dict[str, str],
    ) -> None:
        previous_external: str | None = None
        email = channel == Channel.EMAIL
        new_id, stamp, rng = self.new_id, self.stamp, self.rng
        messages, usages = self.rows["message"], self.rows["template_usage"]
        deliveries = self.rows["delivery"]
        for moment, direction, body, parts in events:
            outbound = direction == Direction.OUTBOUND
            if outbound:
                body = fill(body, {**values, "today": _today(moment, who.language)}).text
            external = None
            if email:
                host = "relais.example.com" if outbound else "mail.example.org"
                external = f"<{rng.getrandbits(64):016x}@{host}>"
            at = stamp(moment)
            message_id = new_id()
            messages.append(
                (
                    message_id,
                    contact_id,
                    direction._value_,
                    advisor.id if outbound else None,
                    advisor.display_name if outbound else who.name,
                    body,
                    None,
                    at,
                    None,
                    external,
                    previous_external,
                )
            )
            previous_external = external
            if outbound and channel != Channel.PHONE:
                deliveries.append(
                    (
                        new_id(),
                        message_id,
                        contact_id,
                        channel._value_,
                        _DELIVERED.get(channel, "sent"),
                        "",
                        1,
                        at,
                        None,
                        external,
                        at,
                        at,
                    )
                )
            for part in parts:
                usages.append(
                    (
                        new_id(),
                        part.id,
                        part.version,
                        contact_id,
                        advisor.id,
                        rng.random() < 0.35,
                        at,
                    )
                )
            self.counts["template_usages"] += len(parts)
        self.counts["messages"] += len(events)

    def assignment(
        self, contact_id: str, advisor: _Advisor, start: datetime, end: datetime
    ) -> None:
        stamp = self.stamp
        self.rows["contact_assignment"].append(
            (self.new_id(), contact_id, advisor.id, stamp(start), stamp(end))
        )
        self.counts["assignments"] += 1

    def wrap_up(
        self,
        contact_id: str,
        advisor: _Advisor,
        reason_id: str,
        outcome: Outcome,
        assessment: int,
        share: float,
        at: datetime,
    ) -> None:
        self.rows["wrap_up"].append(
            (
                self.new_id(),
                contact_id,
                advisor.id,
                reason_id,
                outcome._value_,
                assessment,
                share,
                self.rng.choice(cat.WRAP_UP_COMMENTS),
                self.stamp(at),
                None,
            )
        )
        self.counts["wrap_ups"] += 1

    def survey(
        self,
        contact_id: str,
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
        at = self.stamp(answered)
        self.rows["survey_answer"].append(
            (self.new_id(), contact_id, csat, nps, effort, comment, at, at)
        )
        self.counts["survey_answers"] += 1
