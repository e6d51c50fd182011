"""The demo data: a lived-in centre in seconds, made of nothing real, the same for a given seed."""

import json
import re
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from importlib import resources
from pathlib import Path

import pytest
from sqlalchemy import event, func, select

from app.db import Database
from app.errors import InputError
from app.identities import normalise_identity
from app.ids import short_reference
from app.migrations import upgrade
from app.models import (
    Advisor,
    Channel,
    Contact,
    ContactStatus,
    Customer,
    CustomerIdentity,
    Evaluation,
    Message,
    ReasonCode,
    Role,
    Scorecard,
    ScorecardVersion,
    SurveyAnswer,
    Team,
    Template,
    TemplateVersion,
    WrapUp,
)
from app.placeholders import KNOWN
from app.risk import assess
from app.seed import catalogue
from app.seed.generator import (
    SLA,
    SeedReport,
    load_reference_data,
    seed,
    validate_sizes,
    validate_templates,
)

NOW = datetime(2026, 3, 14, 15, 30, tzinfo=UTC)
SOCIAL = {Channel.FACEBOOK, Channel.X, Channel.INSTAGRAM, Channel.WHATSAPP}


def new_db(folder: Path, name: str = "c") -> Database:
    db = Database("sqlite:///" + str(folder / f"{name}.sqlite3"), "central")
    upgrade(db)
    return db


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, SeedReport]]:
    db = new_db(tmp_path_factory.mktemp("seed"))
    report = seed(db, 80, 1500, 80, now=NOW)
    yield db, report
    db.dispose()


def count(db: Database, model: type) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


# --- What was asked is what was made ------------------------------------------------------


def test_the_report_counts_what_is_in_the_database(seeded: tuple[Database, SeedReport]) -> None:
    db, report = seeded
    assert report.customers == count(db, Customer) == 80
    assert report.contacts + report.queued + report.follow_ups == count(db, Contact)
    assert report.contacts == 1500
    assert report.queued == 80
    assert report.identities == count(db, CustomerIdentity)
    assert report.messages == count(db, Message)
    assert report.wrap_ups == count(db, WrapUp)
    assert report.survey_answers == count(db, SurveyAnswer)
    assert report.reason_codes == count(db, ReasonCode) >= 18
    assert report.templates == count(db, Template) == count(db, TemplateVersion) >= 48
    with db.session() as s:
        closed = s.scalar(select(func.count()).where(Contact.status == ContactStatus.CLOSED))
        assert closed == 1500


def test_channel_mix_follows_the_operator(seeded: tuple[Database, SeedReport]) -> None:
    db, report = seeded
    with db.session() as s:
        mix = Counter(
            s.scalars(select(Contact.channel).where(Contact.status == ContactStatus.CLOSED))
        )
    total = report.contacts
    assert abs(mix[Channel.PHONE] / total - 0.40) < 0.05
    assert abs(mix[Channel.EMAIL] / total - 0.40) < 0.05
    assert abs(sum(mix[c] for c in SOCIAL) / total - 0.18) < 0.04
    assert 0 < mix[Channel.LETTER] / total < 0.05
    assert all(mix[c] > 0 for c in SOCIAL)


def test_most_customers_are_satisfied_and_few_answer_surveys(
    seeded: tuple[Database, SeedReport],
) -> None:
    db, report = seeded
    with db.session() as s:
        assessments = Counter(s.scalars(select(WrapUp.self_assessment)))
        csat = list(s.scalars(select(SurveyAnswer.csat)))
    total = sum(assessments.values())
    assert set(assessments) <= {1, 2, 3, 4}
    assert (assessments[3] + assessments[4]) / total > 0.7
    assert 0.03 < report.survey_answers / report.contacts < 0.09
    assert set(csat) <= {1, 2, 3, 4, 5}  # the survey's own CSAT scale
    assert 0.04 < report.complaints / (report.contacts + report.queued) < 0.12


def test_demo_logins_and_teams_exist(seeded: tuple[Database, SeedReport]) -> None:
    db, _ = seeded
    with db.session() as s:
        team = {t.id: t.name for t in s.scalars(select(Team))}
        users = {a.login: a for a in s.scalars(select(Advisor))}
    assert "Équipe Paris 1" in team.values() and len(team) >= 2
    assert users["demo"].role == Role.ADVISOR
    assert team[users["demo"].team_id] == "Équipe Paris 1"
    assert users["superviseur"].role == Role.SUPERVISOR
    assert users["superviseur"].team_id == users["demo"].team_id
    assert users["admin"].role == Role.ADMIN
    assert sum(a.role == Role.ADVISOR for a in users.values()) >= 12


def test_evaluations_are_scored_on_the_demo_scorecard(
    seeded: tuple[Database, SeedReport],
) -> None:
    """A supervisor's first "Score this case" finds a grid, and the demo's evaluations read as
    made with it: each criterion scored, the quality score their weighted mean on 0-100."""
    db, _ = seeded
    with db.session() as s:
        (card,) = s.scalars(select(Scorecard)).all()
        version = s.scalars(select(ScorecardVersion)).one()
        evaluations = s.scalars(select(Evaluation)).all()
    assert card.active and version.scorecard_id == card.id and version.version == 1
    weights = {c["key"]: c["weight"] for c in version.criteria}
    assert len(weights) == 5 and all(c["label"] for c in version.criteria)
    assert evaluations
    for e in evaluations:
        assert e.scorecard_version_id == version.id
        assert set(e.criteria) == set(weights)
        points = sum(weights[k] * v for k, v in e.criteria.items())
        mean = points / sum(weights.values())
        assert e.quality_score == pytest.approx((mean - 1) * 100 / 3, abs=0.05)
        assert all(abs(v - e.score) <= 1 for v in e.criteria.values())


def test_the_first_customers_have_long_histories(seeded: tuple[Database, SeedReport]) -> None:
    db, _ = seeded
    with db.session() as s:
        first_ten = s.scalars(select(Customer.id).order_by(Customer.account_number).limit(10)).all()
        per_customer = dict(
            s.execute(
                select(Contact.customer_id, func.count())
                .where(Contact.customer_id.in_(first_ten))
                .group_by(Contact.customer_id)
            ).all()
        )
        queued_owners = set(
            s.scalars(select(Contact.customer_id).where(Contact.status == ContactStatus.QUEUED))
        )
    assert len(per_customer) == 10
    assert min(per_customer.values()) >= 20
    assert queued_owners & set(first_ten), "some queued contacts come from long histories"


def test_every_contact_has_its_short_reference(seeded: tuple[Database, SeedReport]) -> None:
    db, report = seeded
    with db.session() as s:
        references = s.execute(select(Contact.id, Contact.reference)).all()
    assert len(references) == report.contacts + report.queued + report.follow_ups
    wrong = [(i, r) for i, r in references if r != short_reference(i)]
    assert not wrong


def test_closed_contacts_are_complete(seeded: tuple[Database, SeedReport]) -> None:
    db, report = seeded
    with db.session() as s:
        contacts = s.scalars(select(Contact).where(Contact.status == ContactStatus.CLOSED)).all()
        wrapped = set(s.scalars(select(WrapUp.contact_id)))
        threads = Counter(s.scalars(select(Message.contact_id)))
    assert len(contacts) == report.contacts
    # Each kind of thread below is checked on real rows: the mix has every one of them.
    kinds = Counter(c.channel for c in contacts)
    assert kinds[Channel.PHONE] and kinds[Channel.LETTER] and kinds[Channel.EMAIL]
    year_ago = NOW - timedelta(days=366)
    for c in contacts:
        assert c.id in wrapped
        assert c.assigned_to is not None
        assert year_ago < c.received_at < c.closed_at <= NOW
        if c.channel == Channel.PHONE:
            assert c.call_started_at is not None and c.call_ended_at is not None
            assert c.received_at <= c.call_started_at < c.call_ended_at <= c.closed_at
        elif c.channel == Channel.LETTER:
            assert threads[c.id] == 2
        else:
            assert 1 <= threads[c.id] <= 4


def test_the_queue_waits_with_due_times_by_channel(seeded: tuple[Database, SeedReport]) -> None:
    db, report = seeded
    with db.session() as s:
        queued = s.scalars(
            select(Contact).where(
                Contact.status == ContactStatus.QUEUED, Contact.parent_id.is_(None)
            )
        ).all()
        first_text = {}
        for contact_id, body in s.execute(
            select(Message.contact_id, Message.body_text).order_by(Message.created_at)
        ):
            first_text.setdefault(contact_id, body)
    assert len(queued) == report.queued
    overdue = strong = 0
    for c in queued:
        assert c.assigned_to is None and c.closed_at is None
        assert c.due_at - c.received_at == SLA[c.channel]
        assert NOW - timedelta(days=4) < c.received_at <= NOW
        assert 0 <= c.priority <= 3
        risk = assess(first_text[c.id])
        assert c.risk_flag == risk.flagged
        if risk.level == 2:
            assert c.priority == 3
            strong += 1
        overdue += c.due_at < NOW
        if c.customer_id is None:
            assert c.sender_address and c.sender_display
    assert overdue > 0
    assert strong > 0, "no queued contact is strongly dissatisfied: the priority rule is untested"
    assert any(c.customer_id is None for c in queued)


def test_recent_follow_ups_are_planned_still_to_come_in_office_hours(
    seeded: tuple[Database, SeedReport],
) -> None:
    """A team's follow-ups and an advisor's own have something to show from the first start,
    and none has entered the queue yet: the queue a demo starts with is the seeded one."""
    db, report = seeded
    with db.session() as s:
        planned = s.execute(
            select(Contact, WrapUp.outcome, Contact.team_id)
            .join(WrapUp, WrapUp.contact_id == Contact.parent_id)
            .where(Contact.parent_id.is_not(None))
        ).all()
        parents = {c.parent_id: s.get(Contact, c.parent_id) for c, _, _ in planned}
    assert len(planned) == report.follow_ups > 0
    for follow_up, outcome, team_id in planned:
        parent = parents[follow_up.parent_id]
        assert outcome == "follow_up" and parent.status == ContactStatus.CLOSED
        assert NOW - parent.closed_at < timedelta(days=2)
        assert follow_up.status == ContactStatus.QUEUED and follow_up.assigned_to is None
        assert NOW < follow_up.received_at == follow_up.due_at < NOW + timedelta(days=4)
        assert 9 <= follow_up.due_at.hour < 17
        assert follow_up.customer_id == parent.customer_id and team_id == parent.team_id


def test_identities_are_stored_normalised_and_fictional(
    seeded: tuple[Database, SeedReport],
) -> None:
    db, _ = seeded
    with db.session() as s:
        identities = s.execute(select(CustomerIdentity.kind, CustomerIdentity.value)).all()
        per_customer = Counter(s.scalars(select(CustomerIdentity.customer_id)))
    assert set(per_customer.values()) <= {1, 2, 3}
    kinds = Counter(kind.value for kind, _ in identities)
    assert kinds["phone"] and kinds["email"]  # both rules below are checked on real rows
    for kind, value in identities:
        assert normalise_identity(kind, value) == value
        if kind.value in ("phone", "whatsapp"):
            assert value.startswith(("+3363998", "+447700900"))
        if kind.value == "email":
            assert value.endswith(("@example.com", "@example.org", "@example.net"))


def test_customers_speak_mostly_french_and_are_nobody_famous(
    seeded: tuple[Database, SeedReport],
) -> None:
    db, _ = seeded
    with db.session() as s:
        people = s.execute(select(Customer.first_name, Customer.last_name, Customer.language))
        rows = people.all()
    assert not {(f, last) for f, last, _ in rows} & catalogue.FAMOUS_COMBINATIONS
    share_fr = sum(lang == "fr" for _, _, lang in rows) / len(rows)
    assert 0.6 < share_fr < 0.9


# --- Reference data ---------------------------------------------------------------------------


def _library() -> list[dict]:
    root = resources.files("resources")
    return json.loads(
        root.joinpath("templates", "default_templates.json").read_text(encoding="utf-8")
    )


def test_every_template_uses_only_known_placeholders() -> None:
    templates = _library()
    for template in templates:
        for text in (template["title"], template["body"]):
            for name in re.findall(r"\{\{(.*?)\}\}", text):
                assert name in KNOWN, (template["key"], name)
    validate_templates(templates)


def test_the_template_library_is_bilingual_and_fits_its_channels() -> None:
    templates = _library()
    keys = [t["key"] for t in templates]
    assert len(templates) >= 48 and len(set(keys)) == len(keys)
    languages = Counter(t["language"] for t in templates)
    assert set(languages) == {"fr", "en"}
    assert abs(languages["fr"] - languages["en"]) <= len(templates) // 5
    channels = {c.value for c in Channel}
    for template in templates:
        assert set(template["channels"]) <= channels and template["channels"]
    for_x = [t for t in templates if "x" in t["channels"]]
    assert for_x, "no template is made for X: its length limit is untested"
    too_long = [t["key"] for t in for_x if len(t["body"]) > 280]
    assert not too_long


def test_reason_codes_have_both_labels() -> None:
    codes = json.loads(
        resources.files("resources").joinpath("reason_codes.json").read_text(encoding="utf-8")
    )
    assert 18 <= len(codes) <= 25
    for code in codes:
        assert code["code"] and code["label_en"] and code["label_fr"] and code["category"]
    assert {t.code for t in catalogue.TOPICS} | {"complaint"} <= {c["code"] for c in codes}


def test_every_topic_is_answered_by_templates_in_both_languages() -> None:
    keys = {t["key"] for t in _library()}
    for topic in catalogue.TOPICS:
        for base in topic.templates:
            assert {f"{base}_fr", f"{base}_en"} <= keys, topic.code


def test_loading_reference_data_twice_adds_nothing(tmp_path: Path) -> None:
    db = new_db(tmp_path)
    with db.session() as s:
        load_reference_data(s)
    first = count(db, Template), count(db, TemplateVersion), count(db, ReasonCode)
    with db.session() as s:
        load_reference_data(s)
    assert (count(db, Template), count(db, TemplateVersion), count(db, ReasonCode)) == first
    db.dispose()


def test_an_unknown_placeholder_is_refused_naming_template_and_placeholder() -> None:
    bad = {
        "key": "oops_fr",
        "category": "general",
        "language": "fr",
        "channels": ["email"],
        "title": "Oops",
        "body": "Bonjour {{customer_first_name}}, votre solde est {{balance}}.",
    }
    with pytest.raises(InputError) as caught:
        validate_templates([bad])
    text = caught.value.text()
    assert "oops_fr" in text and "{{balance}}" in text and "customer_first_name" in text

    with pytest.raises(InputError, match="oops_fr"):
        validate_templates([{**bad, "body": "Bonjour {{customer_first_name}, à bientôt"}])


# --- Refusing what cannot be done -------------------------------------------------------------


@pytest.mark.parametrize(
    ("sizes", "words"),
    [
        ((-1, 0, 0), "negative"),
        ((10, -5, 0), "negative"),
        ((20_000_001, 0, 0), "20,000,000"),
        ((10, 50_000_001, 0), "50,000,000"),
        ((10, 0, 5_000_001), "5,000,000"),
        ((0, 5, 0), "customers"),
        ((0, 0, 3), "customers"),
    ],
)
def test_bad_sizes_are_refused_with_a_readable_message(
    sizes: tuple[int, int, int], words: str, tmp_path: Path
) -> None:
    with pytest.raises(InputError) as caught:
        validate_sizes(*sizes)
    error = caught.value
    assert words in error.text()
    assert error.hint and "{" not in error.text()
    db = new_db(tmp_path)
    with pytest.raises(InputError):
        seed(db, *sizes)
    assert count(db, Customer) == 0 and count(db, Advisor) == 0, "nothing written"
    db.dispose()


def test_sizes_at_the_limits_are_accepted() -> None:
    validate_sizes(0, 0, 0)
    validate_sizes(20_000_000, 50_000_000, 5_000_000)


# --- Repeatable, fast, and safe to run again --------------------------------------------------


def _fingerprint(db: Database) -> tuple[list[tuple], list[tuple]]:
    with db.session() as s:
        customers = s.execute(
            select(
                Customer.account_number,
                Customer.first_name,
                Customer.last_name,
                Customer.language,
                Customer.segment,
                Customer.tags,
            ).order_by(Customer.account_number)
        ).all()
        contacts = s.execute(
            select(
                Contact.received_at,
                Contact.channel,
                Contact.status,
                Contact.subject,
                Contact.preview,
                Contact.priority,
                Contact.risk_flag,
            ).order_by(Contact.received_at, Contact.preview)
        ).all()
    return [tuple(r) for r in customers], [tuple(r) for r in contacts]


def test_the_same_seed_gives_the_same_data(tmp_path: Path) -> None:
    a, b, c = (new_db(tmp_path, name) for name in "abc")
    report_a = seed(a, 30, 200, 20, rng_seed=7, now=NOW)
    report_b = seed(b, 30, 200, 20, rng_seed=7, now=NOW)
    seed(c, 30, 200, 20, rng_seed=8, now=NOW)
    assert report_a == report_b
    assert _fingerprint(a) == _fingerprint(b)
    assert _fingerprint(a) != _fingerprint(c)
    for db in (a, b, c):
        db.dispose()


def test_seeding_again_adds_customers_and_reuses_the_team(tmp_path: Path) -> None:
    db = new_db(tmp_path)
    first = seed(db, 20, 50, 5, now=NOW)
    second = seed(db, 20, 50, 5, now=NOW)
    assert first.advisors > 0 and second.advisors == 0
    assert second.templates == 0 and second.reason_codes == 0 and second.teams == 0
    with db.session() as s:
        accounts = s.scalars(select(Customer.account_number)).all()
    assert len(accounts) == len(set(accounts)) == 40
    db.dispose()


def test_customers_without_contacts_are_seeded(tmp_path: Path) -> None:
    db = new_db(tmp_path)
    steps: list[tuple[str, int, int]] = []
    report = seed(db, 25, 0, 0, progress=lambda *step: steps.append(step))
    assert report.customers == 25 and report.contacts == 0 and report.incidents == 0
    assert steps[-1] == ("Customers", 25, 25)
    db.dispose()


def _statements(db: Database, **size: int) -> tuple[SeedReport, int]:
    """Seeds ``db`` and counts the statements sent to it (an executemany counts once)."""
    sent = 0

    def count_one(*_args: object) -> None:
        nonlocal sent
        sent += 1

    event.listen(db.engine, "before_cursor_execute", count_one)
    try:
        report = seed(db, **size)
    finally:
        event.remove(db.engine, "before_cursor_execute", count_one)
    return report, sent


def test_the_demo_size_is_written_in_bulk(tmp_path: Path) -> None:
    """What makes the demo ready in seconds whatever the machine: its rows go in batches, so
    ten times the data costs about as many statements, not ten times as many. (The time itself
    is measured in tests/benchmarks/test_seed_bench.py.)"""
    small_db, demo_db = new_db(tmp_path, "small"), new_db(tmp_path, "demo")
    small, few = _statements(small_db, customers=40, contacts=250, queue=6)
    assert small.contacts == 250
    demo, many = _statements(demo_db, customers=400, contacts=2_500, queue=60)
    assert demo.contacts == 2_500 and demo.queued == 60
    rows = demo.customers + demo.identities + demo.contacts + demo.queued + demo.messages
    assert rows > 5_000
    print(f"\nseeding: {few} statements for a tenth of the demo, {many} for the demo")
    assert many <= 2 * few, f"{many} statements for ten times the data of {few}"
    assert rows / many > 100, f"{many} statements for {rows} rows: not in batches"
    small_db.dispose()
    demo_db.dispose()
