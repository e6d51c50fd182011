"""Past and queued contacts: what happens to each one, and the incidents they refer to.

``_Contacts`` tells the story of one contact — who writes, on which channel, about what, who
answers, how it ends — for closed contacts over the last year and for the queue, and flushes
its rows batch by batch (as tuples, see ``rows``); the shape of those rows comes from its
base, ``contact_rows``.
``_reference_maps`` gives it the reason codes and templates to cite, and ``_seed_incidents`` the
outages some contacts are about.
"""

import random
import uuid
from collections import Counter
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.ids import new_id, short_reference
from app.models import (
    Channel,
    ContactStatus,
    Direction,
    EvaluatorKind,
    Incident,
    Outcome,
    ReasonCode,
    Template,
)
from app.risk import NOT_FLAGGED, RiskAssessment, assess, priority_for
from app.seed import catalogue as cat
from app.seed.batches import Row, Tables, _bulk
from app.seed.constants import (
    ASSESSMENT_WEIGHTS,
    CHANNEL_MIX,
    COMPLAINT_ASSESSMENT_WEIGHTS,
    COMPLAINT_SHARE,
    DEMO_CUSTOMERS,
    FOLLOW_UPS_PLANNED_SINCE,
    MANAGER_EVALUATION_SHARE,
    QUALITY_EVALUATION_SHARE,
    REVIEW_WINDOW,
    SNIPPETS,
    SOCIAL,
    SURVEY_SHARE,
    TRANSFER_SHARE,
)
from app.seed.contact_rows import _ContactRows, _TemplateRef
from app.seed.customers import (
    _Advisor,
    _Person,
    _Population,
    _postal_address,
    _slug,
    _weighted,
)
from app.seed.rows import CONTACT_TABLES, Ids, stamp


def _fill_text(text: str, rng: random.Random) -> str:
    """Fills the catalogue's {amount}, {match} and {days} with plausible values."""
    if "{" not in text:
        return text
    return (
        text.replace("{amount}", rng.choice(cat.AMOUNTS))
        .replace("{match}", rng.choice(cat.MATCHES))
        .replace("{days}", str(rng.randint(3, 12)))
    )


class _Contacts(_ContactRows):
    """Builds the rows of past and queued contacts, batch by batch."""

    def __init__(
        self,
        rng: random.Random,
        now: datetime,
        population: _Population,
        advisors: list[_Advisor],
        reviewers: dict[str, Any],
        reason_ids: dict[str, str],
        templates: dict[str, _TemplateRef],
        incidents: list[tuple[str, datetime, datetime, str]],
        counts: Counter[str],
        ids: Ids,
    ) -> None:
        self.rng = rng
        self.now = now
        self.new_id = ids.new
        self.stamp = stamp
        self.population = population
        self.advisors = advisors
        self.english_advisors = [a for a in advisors if a.language == "en"] or advisors
        demo_share = 0.18
        other = (1 - demo_share) / max(1, len(advisors) - 1)
        self.advisor_weights = [demo_share if i == 0 else other for i in range(len(advisors))]
        self.reviewers = reviewers
        self.reason_ids = reason_ids
        self.templates = templates
        self.incidents = incidents
        self.counts = counts
        self.topic_weights = [t.weight for t in cat.TOPICS]
        self.topics = {t.code: t for t in cat.TOPICS}
        self.complaint_topic = cat.Topic(
            "complaint",
            0,
            cat.COMPLAINT_SUBJECTS,
            cat.COMPLAINT_MESSAGES,
            cat.COMPLAINT_MESSAGES,
            cat.COMPLAINT_NOTES,
            ("complaint_acknowledgement", "social_private_message"),
        )
        self._risk: dict[str, RiskAssessment] = {}
        self._people: dict[int, _Person] = {}
        self.reset()

    def reset(self) -> None:
        self.rows: dict[str, list[Row]] = {table: [] for table in CONTACT_TABLES}

    def take(self) -> Tables:
        """The batch made so far, parents first, to be written in one transaction; the next
        batch starts empty."""
        batch = list(self.rows.items())
        self.reset()
        return batch

    # -- choices

    def person(self, index: int) -> _Person:
        if index < DEMO_CUSTOMERS:
            cached = self._people.get(index)
            if cached is None:
                cached = self._people[index] = self.population.person(index)
            return cached
        return self.population.person(index)

    def channel(self) -> Channel:
        r = self.rng.random()
        for threshold, channel in CHANNEL_MIX:
            if r < threshold:
                return channel
        return Channel.LETTER

    def risk(self, raw: str) -> RiskAssessment:
        found = self._risk.get(raw)
        if found is None:
            found = self._risk[raw] = assess(raw)
        return found

    def advisor(self, language: str) -> _Advisor:
        if language == "en" and self.rng.random() < 0.5:
            return self.rng.choice(self.english_advisors)
        return self.advisors[_weighted(self.rng, self.advisor_weights)]

    def answer_templates(
        self, topic: cat.Topic, language: str, channel: Channel
    ) -> list[_TemplateRef]:
        """The template an advisor answers with on this channel, plus a snippet where the topic
        calls for one (the document list, the responsible-gaming reminder)."""
        main: _TemplateRef | None = None
        snippet: _TemplateRef | None = None
        for base in topic.templates:
            ref = self.templates.get(f"{base}_{language}")
            if ref is None or channel.value not in ref.channels:
                continue
            if base in SNIPPETS:
                snippet = snippet or ref
            elif main is None:
                main = ref
        if main is None:
            for base in ("general_information", "social_private_message"):
                ref = self.templates.get(f"{base}_{language}")
                if ref is not None and channel.value in ref.channels:
                    main = ref
                    break
        if main is None:
            return []
        return [main, snippet] if snippet is not None and channel == Channel.EMAIL else [main]

    @staticmethod
    def compose(parts: list[_TemplateRef]) -> str:
        body = parts[0].body
        for snippet in parts[1:]:
            for marker in ("\n\nBien cordialement", "\n\nKind regards"):
                at = body.find(marker)
                if at >= 0:
                    body = body[:at] + "\n\n" + snippet.body + body[at:]
                    break
            else:
                body = body + "\n\n" + snippet.body
        return body

    def first_message(
        self, topic: cat.Topic, language: str, channel: Channel, complaint: bool
    ) -> tuple[str, RiskAssessment]:
        if complaint:
            raw = self.rng.choice(cat.COMPLAINT_MESSAGES[language])
        elif channel in SOCIAL:
            raw = self.rng.choice(topic.short[language])
        else:
            raw = self.rng.choice(topic.messages[language])
        return _fill_text(raw, self.rng), self.risk(raw)

    # -- a follow-up planned at a recent close

    def planned_follow_up(
        self,
        parent_id: str,
        channel: Channel,
        who: _Person,
        language: str,
        topic: cat.Topic,
        advisor: _Advisor,
        closed_at: datetime,
    ) -> None:
        """The callback or written answer an advisor planned when closing: it waits, out of
        the queue, until its time, in the team's follow-ups and the advisor's own. Always in
        the future and in office hours (09:00-17:00 UTC lies inside the default hours), so
        the queue a demo starts with is the one seeded. Its own generator, as the closure's
        spread, so the rest of the centre stays as seeded."""
        rng = random.Random(closed_at.isoformat() + "/follow-up")
        due = self.now + timedelta(hours=rng.uniform(1, 60))
        if not 9 <= due.hour < 17:
            morning = due.replace(hour=9, minute=0, second=0, microsecond=0)
            due = morning + timedelta(days=1 if due.hour >= 17 else 0, hours=rng.uniform(0, 7))
        callback = channel == Channel.PHONE or rng.random() < 0.4
        kind = Channel.PHONE if callback and who.has_phone else Channel.EMAIL
        contact_id = self.new_id()
        row = self.contact_row(
            contact_id,
            short_reference(uuid.UUID(contact_id)),
            kind,
            ContactStatus.QUEUED,
            who,
            language,
            topic,
            rng.choice(cat.FOLLOW_UP_PLANS[language]),
            NOT_FLAGGED,
            2,  # as a follow-up planned in the close dialog
            due,
            None,
            None,
            None,
            None,
            None,
            direction=Direction.OUTBOUND,
            team_id=advisor.team_id,
            due=due,
            parent_id=parent_id,
        )
        self.rows["contact"].append(row)
        self.counts["follow_ups"] += 1

    # -- one past contact

    def closed(self, owner: int) -> None:
        rng = self.rng
        now = self.now
        who = self.person(owner)
        language = who.language
        channel = self.channel()
        complaint = rng.random() < COMPLAINT_SHARE
        incident_id = None
        if complaint:
            topic = self.complaint_topic
        else:
            topic = cat.TOPICS[_weighted(rng, self.topic_weights)]
        days_ago = rng.uniform(0.05, 30) if rng.random() < 0.3 else rng.uniform(0.05, 365)
        received = now - timedelta(days=days_ago)
        if self.incidents and not complaint and rng.random() < 0.02:
            incident_id, started, ended, code = rng.choice(self.incidents)
            topic = self.topics.get(code, topic)
            received = started + (ended - started) * rng.random()
        if channel == Channel.PHONE and incident_id is None:
            midnight = received.replace(hour=0, minute=0, second=0, microsecond=0)
            received = midnight + timedelta(seconds=rng.uniform(6.5 * 3600, 20 * 3600))
            if received > now - timedelta(minutes=30):
                received -= timedelta(days=1)
        advisor = self.advisor(language)
        contact_id = self.new_id()
        reference = short_reference(uuid.UUID(contact_id))
        text, risk = self.first_message(topic, language, channel, complaint)
        base = 2 if who.segment == "vip" else (0 if topic.code == "general_information" else 1)
        values = {
            "customer_first_name": who.first_name,
            "customer_last_name": who.last_name,
            "customer_name": who.name,
            "advisor_name": advisor.display_name,
            "advisor_first_name": advisor.first_name,
            "contact_reference": reference,
            "account_number": who.account_number,
        }
        # The thread: (time, direction, text, template parts) in order.
        events: list[tuple[datetime, Direction, str, list[_TemplateRef]]] = []
        call_started = call_ended = None
        note_text = ""
        if channel == Channel.PHONE:
            call_started = received + timedelta(seconds=rng.uniform(10, 300))
            call_ended = call_started + timedelta(seconds=rng.uniform(90, 900))
            closed_at = call_ended + timedelta(seconds=rng.uniform(20, 180))
            note_text = _fill_text(rng.choice(topic.notes), rng)
            handled = call_started
        else:
            if channel == Channel.LETTER:
                messages = 2
                first_answer = timedelta(days=rng.uniform(1, 5))
            else:
                messages = _weighted(rng, (0.10, 0.55, 0.20, 0.15)) + 1
                first_answer = (
                    timedelta(hours=rng.uniform(0.5, 30))
                    if channel == Channel.EMAIL
                    else timedelta(minutes=rng.uniform(5, 240))
                )
            signature = f"\n\n{who.name}" if channel in (Channel.EMAIL, Channel.LETTER) else ""
            moment = received
            events.append((moment, Direction.INBOUND, text + signature, []))
            for k in range(1, messages):
                if k == 1:
                    moment += first_answer
                    parts = self.answer_templates(topic, language, channel)
                    body = self.compose(parts) if parts else ""
                    if not body:
                        body = rng.choice(cat.CLOSING_REPLIES[language])
                    events.append((moment, Direction.OUTBOUND, body, parts))
                elif k == 2:
                    moment += timedelta(hours=rng.uniform(0.2, 48))
                    events.append(
                        (
                            moment,
                            Direction.INBOUND,
                            rng.choice(cat.FOLLOW_UPS[language]) + signature,
                            [],
                        )
                    )
                else:
                    moment += timedelta(hours=rng.uniform(0.2, 20))
                    events.append(
                        (moment, Direction.OUTBOUND, rng.choice(cat.CLOSING_REPLIES[language]), [])
                    )
            closed_at = moment + timedelta(minutes=rng.uniform(1, 15))
            handled = events[1][0] if len(events) > 1 else closed_at
        # A recent contact whose thread would end in the future is compressed into the past, to
        # end in the later part of its wait: ending them all 5 minutes ago made a supervisor's
        # list of today's closures read one time on every line. The spread has a generator of
        # its own (seeded by what the seed drew, not by the random ids), so the rest of the
        # centre stays as seeded.
        latest = now - timedelta(minutes=5)
        if closed_at > latest:
            end = latest - (latest - received) * random.Random(received.isoformat()).uniform(0, 0.6)
            factor = max(0.0, (end - received) / (closed_at - received))

            def squeeze(t: datetime) -> datetime:
                return received + (t - received) * factor

            events = [(squeeze(t), d, b, p) for t, d, b, p in events]
            closed_at, handled = squeeze(closed_at), squeeze(handled)
            if call_started is not None and call_ended is not None:
                call_started, call_ended = squeeze(call_started), squeeze(call_ended)

        preview_source = note_text if channel == Channel.PHONE else text
        self.rows["contact"].append(
            self.contact_row(
                contact_id,
                reference,
                channel,
                ContactStatus.CLOSED,
                who,
                language,
                topic,
                preview_source,
                risk,
                priority_for(risk, base),
                received,
                advisor,
                closed_at,
                incident_id,
                call_started,
                call_ended,
                direction=Direction.OUTBOUND
                if channel == Channel.PHONE and rng.random() < 0.1
                else Direction.INBOUND,
            )
        )
        if complaint:
            self.counts["complaints"] += 1
        if note_text and call_started is not None:
            self.rows["note"].append(
                (
                    self.new_id(),
                    contact_id,
                    advisor.id,
                    note_text,
                    True,
                    self.stamp(call_started + (closed_at - call_started) * 0.6),
                    None,
                )
            )
            self.counts["notes"] += 1
        self.thread(contact_id, channel, who, advisor, events, values)

        # Who worked it: sometimes two advisors, each with their share and assessment.
        assessed = ASSESSMENT_WEIGHTS if not complaint else COMPLAINT_ASSESSMENT_WEIGHTS
        final = advisor
        reason_id = self.reason_ids[topic.code]
        if rng.random() < TRANSFER_SHARE and channel in (Channel.PHONE, Channel.EMAIL):
            first = self.advisor(language)
            while first.id == final.id and len(self.advisors) > 1:
                first = self.advisor(language)
            middle = handled + (closed_at - handled) * 0.4
            self.assignment(contact_id, first, handled, middle)
            self.wrap_up(
                contact_id,
                first,
                reason_id,
                Outcome.TRANSFERRED,
                _weighted(rng, assessed) + 1,
                0.4,
                middle,
            )
            self.assignment(contact_id, final, middle, closed_at)
            share = 0.6
        else:
            self.assignment(contact_id, final, handled, closed_at)
            share = 1.0
        assessment = _weighted(rng, assessed) + 1
        if len(events) == 1:
            outcome = Outcome.NO_ANSWER_NEEDED
        elif complaint:
            outcome = (Outcome.ESCALATED, Outcome.FOLLOW_UP, Outcome.RESOLVED)[
                _weighted(rng, (0.3, 0.2, 0.5))
            ]
        elif assessment <= 2:
            outcome = (Outcome.FOLLOW_UP, Outcome.RESOLVED, Outcome.ESCALATED)[
                _weighted(rng, (0.5, 0.4, 0.1))
            ]
        else:
            outcome = (Outcome.RESOLVED, Outcome.FOLLOW_UP)[_weighted(rng, (0.93, 0.07))]
        self.wrap_up(contact_id, final, reason_id, outcome, assessment, share, closed_at)
        if outcome == Outcome.FOLLOW_UP and now - closed_at < FOLLOW_UPS_PLANNED_SINCE:
            self.planned_follow_up(contact_id, channel, who, language, topic, final, closed_at)
        if assessment <= 2 and now - closed_at <= REVIEW_WINDOW:
            self.rows["review_item"].append(
                (
                    self.new_id(),
                    contact_id,
                    "low_self_assessment",
                    final.id,
                    self.stamp(closed_at),
                    "to_review",
                    None,
                    None,
                    None,
                )
            )
            self.counts["review_items"] += 1
        if rng.random() < SURVEY_SHARE:
            self.survey(contact_id, language, final, assessment, closed_at)
        for kind, share_, evaluator in (
            (
                EvaluatorKind.MANAGER,
                MANAGER_EVALUATION_SHARE,
                self.reviewers["managers"].get(final.team_id),
            ),
            (EvaluatorKind.QUALITY, QUALITY_EVALUATION_SHARE, self.reviewers["quality"]),
        ):
            if evaluator is not None and rng.random() < share_:
                score = min(4, max(1, assessment + rng.choice((-1, 0, 0, 0, 1))))
                at = closed_at + timedelta(days=rng.uniform(0.5, 10))
                if at < now:
                    scored, quality = self.reviewers["scores"].of(score)
                    self.rows["evaluation"].append(
                        (
                            self.new_id(),
                            contact_id,
                            evaluator,
                            kind.value,
                            score,
                            rng.choice(cat.EVALUATION_COMMENTS[score]),
                            self.stamp(at),
                            None,
                            final.id,
                            self.reviewers["scores"].version_id,
                            scored,
                            quality,
                        )
                    )
                    self.counts["evaluations"] += 1
        self.counts["contacts"] += 1

    # -- one queued contact

    def queued(self, owner: int | None, team_id: str) -> None:
        """A contact waiting in the queue: arrived in the last hours, nobody on it yet."""
        rng = self.rng
        now = self.now
        who = self.person(owner) if owner is not None else None
        language = who.language if who is not None else ("fr" if rng.random() < 0.75 else "en")
        channel = self.channel()
        if who is None and channel == Channel.PHONE:
            channel = Channel.EMAIL  # a callback needs a number we know
        complaint = rng.random() < COMPLAINT_SHARE * 1.25
        topic = (
            self.complaint_topic if complaint else cat.TOPICS[_weighted(rng, self.topic_weights)]
        )
        if channel == Channel.PHONE:
            received = now - timedelta(hours=rng.uniform(0.05, 3))
        elif channel == Channel.EMAIL:
            overdue = rng.random() < 0.15
            received = now - timedelta(
                hours=rng.uniform(24.5, 30) if overdue else rng.uniform(0.1, 8)
            )
        elif channel == Channel.LETTER:
            received = now - timedelta(hours=rng.uniform(20, 90))
        else:
            received = now - timedelta(hours=rng.uniform(0.05, 4))
        text, risk = self.first_message(topic, language, channel, complaint)
        if channel == Channel.PHONE:
            text = cat.CALLBACK_PREFIX[language] + text
        base = (
            2
            if who is not None and who.segment == "vip"
            else (0 if topic.code == "general_information" else 1)
        )
        contact_id = self.new_id()
        sender = None
        if who is None:
            sender = self.stranger(channel)
            self.counts["unidentified"] += 1
        name = who.name if who is not None else sender[0] if sender is not None else ""
        self.rows["contact"].append(
            self.contact_row(
                contact_id,
                short_reference(uuid.UUID(contact_id)),
                channel,
                ContactStatus.QUEUED,
                who,
                language,
                topic,
                text,
                risk,
                priority_for(risk, base),
                received,
                None,
                None,
                None,
                None,
                None,
                direction=Direction.OUTBOUND if channel == Channel.PHONE else Direction.INBOUND,
                team_id=team_id,
                sender=sender,
            )
        )
        signature = f"\n\n{name}" if channel in (Channel.EMAIL, Channel.LETTER) else ""
        self.rows["message"].append(
            (
                self.new_id(),
                contact_id,
                Direction.INBOUND.value,
                None,
                name,
                text + signature,
                None,
                self.stamp(received),
                None,
                (
                    f"<{rng.getrandbits(64):016x}@mail.example.org>"
                    if channel == Channel.EMAIL
                    else None
                ),
                None,
            )
        )
        self.counts["messages"] += 1
        self.counts["queued"] += 1
        if complaint:
            self.counts["complaints"] += 1

    def stranger(self, channel: Channel) -> tuple[str, str]:
        """Someone writing from an address no customer has (yet)."""
        rng = self.rng
        first = rng.choice(cat.FIRST_NAMES_FR + cat.FIRST_NAMES_EN)
        tag = rng.randint(5000, 9999)  # numbers the demo's few hundred customers do not use
        if channel == Channel.EMAIL:
            return first, f"{_slug(first)}{tag}@example.net"
        if channel == Channel.LETTER:
            last = rng.choice(cat.LAST_NAMES_FR)
            return f"{first} {last}", _postal_address("fr", tag)
        if channel == Channel.WHATSAPP:
            return first, f"+3363998{tag:04d}"
        return f"@{_slug(first)}{tag}", f"{_slug(first)}{tag}"


def _reference_maps(
    session: Session,
) -> tuple[dict[str, str], dict[str, _TemplateRef]]:
    # dict(result) would take the Result for a mapping (it has keys()): iterate its rows.
    rows = session.execute(select(ReasonCode.code, ReasonCode.id))
    reason_ids = {code: reason_id.hex for code, reason_id in rows}
    templates = {
        key: _TemplateRef(tid.hex, version, body, frozenset(channels or ()))
        for key, tid, version, body, channels in session.execute(
            select(
                Template.key,
                Template.id,
                Template.current_version,
                Template.body,
                Template.channels,
            ).where(Template.active)
        )
    }
    return reason_ids, templates


def _seed_incidents(
    session: Session, now: datetime
) -> tuple[list[tuple[str, datetime, datetime, str]], int]:
    """The incidents some past contacts are about (made once, found again by title), as
    (id as the rows carry it, start, end, topic), times in naive UTC for the story; ``now`` is
    an aware UTC datetime."""
    existing = {title: iid for title, iid in session.execute(select(Incident.title, Incident.id))}
    found: list[tuple[str, datetime, datetime, str]] = []
    rows = []
    for title, description, days_ago, hours, topic in cat.INCIDENTS:
        started = (now - timedelta(days=days_ago)).replace(
            hour=17, minute=40, second=0, microsecond=0
        )
        ended = started + timedelta(hours=hours)
        incident_id = existing.get(title)
        if incident_id is None:
            incident_id = new_id()
            rows.append(
                {
                    "id": incident_id,
                    "title": title,
                    "description": description,
                    "started_at": started,
                    "ended_at": ended,
                }
            )
        found.append(
            (incident_id.hex, started.replace(tzinfo=None), ended.replace(tzinfo=None), topic)
        )
    if rows:
        _bulk(session, Incident, rows)
    return found, len(rows)
