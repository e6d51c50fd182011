"""The people of a seeded centre: its teams and advisors, and its fictional customers.

``_people`` creates the teams and advisors (reused on a second run); ``_seed_customers`` inserts
the customers and their identities (e-mail, phone, social handle) batch by batch, as tuples
(see ``rows``), and keeps in a compact ``_Population`` only what the contact phase needs about
each one. Everything else about a customer (e-mail, phone, address, account number) is derived
from its number by the helpers here, so ``contacts`` can rebuild it without storing it.
"""

import json
import random
import unicodedata
import uuid
from array import array
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db import Database
from app.ids import new_id
from app.models import Advisor, Customer, IdentityKind, Role, Team
from app.seed import catalogue as cat
from app.seed.batches import Row, _bulk, _Pipeline
from app.seed.constants import (
    CUSTOMER_BATCH,
    DEMO_CUSTOMERS,
    DEMO_LANGUAGES,
    DEMO_SEGMENTS,
    SEGMENT_NAMES,
    SOCIAL_KINDS,
    STAGE_CUSTOMERS,
    Progress,
)
from app.seed.rows import Ids, stamp
from app.text import name_key

# --- People -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Advisor:
    id: str  # as the rows carry it: 32 hexadecimal digits
    first_name: str
    display_name: str
    team_id: str | None
    language: str
    bias: float  # > 0: tends to believe customers happier than they say


def _people(
    session: Session, rng: random.Random
) -> tuple[list[_Advisor], dict[str, Any], int, int]:
    """Teams and advisors, created when missing (by name and login) so a second run reuses
    them. Returns the advisors who work contacts, the reviewers, and what was created."""
    teams = {t.name: t.id for t in session.scalars(select(Team))}
    new_teams: list[dict[str, Any]] = [
        {"id": new_id(), "name": name} for name in cat.TEAMS if name not in teams
    ]
    if new_teams:
        _bulk(session, Team, new_teams)
        teams.update({row["name"]: row["id"] for row in new_teams})
    team1, team2 = (teams[name] for name in cat.TEAMS)
    wanted: list[tuple[str, str, Role, uuid.UUID | None, str]] = [
        (cat.DEMO_ADVISOR[1], cat.DEMO_ADVISOR[0], Role.ADVISOR, team1, "fr"),
        (cat.SUPERVISOR[1], cat.SUPERVISOR[0], Role.SUPERVISOR, team1, "fr"),
        (
            cat.SECOND_TEAM_SUPERVISOR[1],
            cat.SECOND_TEAM_SUPERVISOR[0],
            Role.SUPERVISOR,
            team2,
            "fr",
        ),
        (cat.QUALITY_REVIEWER[1], cat.QUALITY_REVIEWER[0], Role.SUPERVISOR, None, "fr"),
        (cat.ADMINISTRATOR[1], cat.ADMINISTRATOR[0], Role.ADMIN, None, "fr"),
    ]
    for n, (display, login, language) in enumerate(cat.OTHER_ADVISORS):
        wanted.append((login, display, Role.ADVISOR, team1 if n % 2 == 0 else team2, language))
    existing = {a.login: a for a in session.scalars(select(Advisor))}
    new_rows: list[dict[str, Any]] = [
        {
            "id": new_id(),
            "login": login,
            "display_name": display,
            "role": role,
            "team_id": team_id,
            "language": language,
            "active": True,
        }
        for login, display, role, team_id, language in wanted
        if login not in existing
    ]
    if new_rows:
        _bulk(session, Advisor, new_rows)
    ids = {login: a.id for login, a in existing.items()}
    ids.update({row["login"]: row["id"] for row in new_rows})
    workers: list[_Advisor] = []
    for login, display, role, team_id, language in wanted:
        if role != Role.ADVISOR:
            continue
        # The demo advisor is a little optimistic, as many are; the others vary both ways.
        bias = 0.15 if login == cat.DEMO_ADVISOR[1] else round(rng.uniform(-0.25, 0.45), 2)
        team = team_id.hex if team_id is not None else None
        workers.append(_Advisor(ids[login].hex, display.split()[0], display, team, language, bias))
    reviewers = {
        "managers": {
            team1.hex: ids[cat.SUPERVISOR[1]].hex,
            team2.hex: ids[cat.SECOND_TEAM_SUPERVISOR[1]].hex,
        },
        "quality": ids[cat.QUALITY_REVIEWER[1]].hex,
        "team1": team1.hex,
        "team2": team2.hex,
    }
    return workers, reviewers, len(new_teams), len(new_rows)


# --- Customers ------------------------------------------------------------------------------


_SLUGS: dict[str, str] = {}


def _slug(name: str) -> str:
    """ "Le Gall" → "legall", "Jérôme" → "jerome": what goes into addresses and handles."""
    slug = _SLUGS.get(name)
    if slug is None:
        bare = unicodedata.normalize("NFKD", name)
        slug = "".join(ch for ch in bare if ch.isascii() and ch.isalnum()).lower()
        _SLUGS[name] = slug
    return slug


def _weighted(rng: random.Random, weights: Sequence[float]) -> int:
    r = rng.random() * sum(weights)
    for index, weight in enumerate(weights):
        r -= weight
        if r < 0:
            return index
    return len(weights) - 1


@dataclass(frozen=True)
class _Person:
    id: str  # 32 hexadecimal digits, as the rows carry it
    number: int
    first_name: str
    last_name: str
    language: str
    segment: str
    has_phone: bool
    social: IdentityKind | None

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def account_number(self) -> str:
        return f"C{self.number:08d}"

    @property
    def email(self) -> str:
        return _email(self.first_name, self.last_name, self.number)

    @property
    def phone(self) -> str:
        return _phone(self.language, self.number)

    @property
    def handle(self) -> str:
        return _handle(self.first_name, self.last_name, self.number)

    @property
    def address(self) -> str:
        return _postal_address(self.language, self.number)


def _email(first: str, last: str, number: int) -> str:
    domain = cat.EMAIL_DOMAINS[number % len(cat.EMAIL_DOMAINS)]
    return f"{_slug(first)}.{_slug(last)}{number}@{domain}"


def _phone(language: str, number: int) -> str:
    # Fiction blocks only (see app.identities.FICTION_PREFIXES): 10,000 French and 1,000 British
    # numbers, so beyond that several customers share a number, as families sometimes do.
    if language == "en":
        return f"+447700900{number % 1000:03d}"
    return f"+3363998{number % 10000:04d}"


def _phone_display(e164: str) -> str:
    if e164.startswith("+44"):
        return f"0{e164[3:7]} {e164[7:]}"
    digits = "0" + e164[3:]
    return " ".join(digits[i : i + 2] for i in range(0, 10, 2))


def _handle(first: str, last: str, number: int) -> str:
    return f"{_slug(first)}_{_slug(last)}{number}"


def _postal_address(language: str, number: int) -> str:
    """Derived from the customer's number, so it never needs storing for letters."""
    house = number * 7 % 140 + 1
    if language == "en":
        city, postcode = cat.CITIES_EN[number * 31 % len(cat.CITIES_EN)]
        street = cat.STREETS_EN[number * 13 % len(cat.STREETS_EN)]
        return f"{house} {street}, {city} {postcode} {number % 9 + 1}AB"
    city, postcode = cat.CITIES_FR[number * 31 % len(cat.CITIES_FR)]
    street = cat.STREETS_FR[number * 13 % len(cat.STREETS_FR)]
    return f"{house} {street}, {postcode} {city}"


class _Population:
    """What the contact phase needs about each customer made in this run, in a few bytes each."""

    def __init__(self, offset: int) -> None:
        self.offset = offset  # customers already in the database: numbers continue after them
        self.ids = bytearray()
        self.first = array("H")
        self.last = array("H")
        self.language = bytearray()  # 0 fr, 1 en
        self.segment = bytearray()
        self.phone = bytearray()
        self.social = bytearray()  # 0 none, else 1 + index in SOCIAL_KINDS

    def __len__(self) -> int:
        return len(self.language)

    def person(self, index: int) -> _Person:
        en = self.language[index] == 1
        firsts = cat.FIRST_NAMES_EN if en else cat.FIRST_NAMES_FR
        lasts = cat.LAST_NAMES_EN if en else cat.LAST_NAMES_FR
        social = self.social[index]
        return _Person(
            id=self.ids[16 * index : 16 * index + 16].hex(),
            number=self.offset + index + 1,
            first_name=firsts[self.first[index]],
            last_name=lasts[self.last[index]],
            language="en" if en else "fr",
            segment=SEGMENT_NAMES[self.segment[index]],
            has_phone=bool(self.phone[index]),
            social=SOCIAL_KINDS[social - 1] if social else None,
        )


def _seed_customers(
    db: Database,
    rng: random.Random,
    count: int,
    now: datetime,
    keep: bool,
    counts: Counter[str],
    progress: Progress | None,
    ids: Ids,
    pipeline: _Pipeline,
) -> _Population:
    """Makes ``count`` customers and their identities, batch by batch, handing each batch to
    ``pipeline``; returns what the contact phase needs about them."""
    with db.session() as s:
        offset = s.scalar(select(func.count()).select_from(Customer)) or 0
    population = _Population(offset)
    random_ = rng.random
    randrange = rng.randrange
    make_id = ids.new
    segment_weights = [w for _name, w in cat.SEGMENTS]
    segment_cum = [sum(segment_weights[: i + 1]) for i in range(len(segment_weights))]
    tag_odds = {name: list(odds.items()) for name, odds in cat.TAG_ODDS.items()}
    n_first = (len(cat.FIRST_NAMES_FR), len(cat.FIRST_NAMES_EN))
    n_last = (len(cat.LAST_NAMES_FR), len(cat.LAST_NAMES_EN))
    famous = cat.FAMOUS_COMBINATIONS
    email_kind, phone_kind = IdentityKind.EMAIL.value, IdentityKind.PHONE.value
    social_kinds = [kind.value for kind in SOCIAL_KINDS]
    whatsapp = IdentityKind.WHATSAPP.value
    tags_json: dict[tuple[str, ...], str] = {}  # a few combinations, each serialised once
    keys: dict[str, str] = {}  # name -> its search key (app.text.name_key)
    for start in range(0, count, CUSTOMER_BATCH):
        end = min(count, start + CUSTOMER_BATCH)
        customers: list[Row] = []
        identities: list[Row] = []
        add_customer, add_identity = customers.append, identities.append
        for i in range(start, end):
            demo = i < DEMO_CUSTOMERS
            language = DEMO_LANGUAGES[i] if demo else ("fr" if random_() < 0.75 else "en")
            en = language == "en"
            firsts = cat.FIRST_NAMES_EN if en else cat.FIRST_NAMES_FR
            lasts = cat.LAST_NAMES_EN if en else cat.LAST_NAMES_FR
            fi = randrange(n_first[en])
            li = randrange(n_last[en])
            while (firsts[fi], lasts[li]) in famous or firsts[fi] == lasts[li]:
                li = randrange(n_last[en])
            first, last = firsts[fi], lasts[li]
            if demo:
                segment = SEGMENT_NAMES.index(DEMO_SEGMENTS[i])
            else:
                r = random_()
                segment = next(k for k, c in enumerate(segment_cum) if r < c or k == 3)
            segment_name = SEGMENT_NAMES[segment]
            tags = tuple(tag for tag, odds in tag_odds[segment_name] if random_() < odds)
            tags_text = tags_json.get(tags)
            if tags_text is None:
                tags_text = tags_json[tags] = json.dumps(list(tags))
            age_days = random_() * 59 + 1 if segment_name == "new" else random_() * 1765 + 60
            created = stamp(now - timedelta(days=age_days))
            number = population.offset + i + 1
            customer_id = make_id()
            first_key = keys.get(first)
            if first_key is None:
                first_key = keys[first] = name_key(first)
            last_key = keys.get(last)
            if last_key is None:
                last_key = keys[last] = name_key(last)
            add_customer(
                (
                    customer_id,
                    first,
                    last,
                    language,
                    segment_name,
                    tags_text,
                    _postal_address(language, number),
                    f"C{number:08d}",
                    created,
                    created,
                    1,
                    last_key,
                    first_key,
                    None,
                )
            )
            email = _email(first, last, number)
            add_identity((make_id(), customer_id, email_kind, email, email, created))
            has_phone = demo or random_() < 0.85
            if has_phone:
                phone = _phone(language, number)
                shown = _phone_display(phone)
                add_identity((make_id(), customer_id, phone_kind, phone, shown, created))
            social = 0
            if demo or random_() < 0.25:
                social = randrange(len(SOCIAL_KINDS)) + 1
                kind = social_kinds[social - 1]
                if kind == whatsapp:
                    if has_phone:
                        add_identity((make_id(), customer_id, kind, phone, shown, created))
                    else:
                        social = 0
                else:
                    handle = _handle(first, last, number)
                    add_identity((make_id(), customer_id, kind, handle, "@" + handle, created))
            if keep:
                population.ids += bytes.fromhex(customer_id)
                population.first.append(fi)
                population.last.append(li)
                population.language.append(1 if en else 0)
                population.segment.append(segment)
                population.phone.append(1 if has_phone else 0)
                population.social.append(social)
        pipeline.write(
            [("customer", customers), ("customer_identity", identities)],
            partial(progress, STAGE_CUSTOMERS, end, count) if progress else None,
        )
        counts["customers"] += len(customers)
        counts["identities"] += len(identities)
    return population
