"""Hostile sessions: a user's own login on a throw-away centre, connected as psql would be.

Every attacker here holds nothing but their login and password and the server's address; they
send SQL of their choosing on an autocommit connection (each statement its own transaction, as
psql does) or open a transaction and keep it. What the centre holds is then read as its owner.
"""

import json
import secrets
import uuid
from dataclasses import dataclass, field
from typing import Any

import psycopg
from pgcentre import PgCentre
from sqlalchemy import make_url

TEAM = "Équipe Paris 1"  # the seeded centre's two teams
OTHER_TEAM = "Équipe Paris 2"

# Every table of the centre's schema (public).
TABLES = (
    "advisor",
    "alembic_version",
    "applied_ops",
    "attachment",
    "centre_role",
    "change_log",
    "channel_key",
    "contact",
    "contact_assignment",
    "customer",
    "customer_identity",
    "customer_merge",
    "delivery",
    "desk_customer",
    "evaluation",
    "identity_removal",
    "incident",
    "message",
    "note",
    "reason_code",
    "review_item",
    "segment_apart",
    "survey_answer",
    "sync_conflict",
    "sync_refusal",
    "team",
    "template",
    "template_usage",
    "template_version",
    "wrap_up",
)


def libpq(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def connect(url: str, autocommit: bool = True) -> psycopg.Connection:
    return psycopg.connect(libpq(url), autocommit=autocommit, connect_timeout=10)


def refused(
    conn: psycopg.Connection, sql: str, params: Any = None, sqlstate: str = "42501"
) -> psycopg.Error:
    """Runs an attacker's statement and asserts the server refused it with ``sqlstate``
    (a LOCK in a transaction of its own, the only place PostgreSQL takes one)."""
    try:
        if conn.autocommit and sql.startswith("LOCK"):
            with conn.transaction():
                conn.execute(sql, params)
        else:
            conn.execute(sql, params)
    except psycopg.Error as exc:
        if not conn.autocommit:
            conn.rollback()
        assert exc.sqlstate == sqlstate, f"{sql!r}: {exc.sqlstate} {exc}"
        return exc
    raise AssertionError(f"the centre took it: {sql!r}")


@dataclass
class Session:
    """One user's own connection, and a workstation identity of their own to push under."""

    login: str
    role: str
    id: uuid.UUID
    team_id: uuid.UUID | None
    conn: psycopg.Connection
    workstation: uuid.UUID = field(default_factory=uuid.uuid4)
    seqs: dict[uuid.UUID, int] = field(default_factory=dict)

    def scalar(self, sql: str, params: Any = None) -> Any:
        row = self.conn.execute(sql, params).fetchone()
        return None if row is None else row[0]

    def rows(self, sql: str, params: Any = None) -> list[tuple[Any, ...]]:
        return self.conn.execute(sql, params).fetchall()

    def refused(self, sql: str, params: Any = None, sqlstate: str = "42501") -> psycopg.Error:
        return refused(self.conn, sql, params, sqlstate)

    # -- the push, as a hostile client builds it ---------------------------------------------

    def op(
        self,
        kind: str,
        table: str,
        row_id: Any,
        values: Any,
        claim: Any = None,
        before: Any = None,
        workstation: uuid.UUID | None = None,
    ) -> dict:
        """One operation as relais_push reads it, numbered in this session's order for that
        workstation."""
        workstation = workstation or self.workstation
        seq = self.seqs.get(workstation, 0) + 1
        self.seqs[workstation] = seq
        return {
            "seq": seq,
            "op_id": str(uuid.uuid4()),
            "kind": kind,
            "table": table,
            "row_id": str(row_id),
            "values": values,
            "before": before,
            "claim": None if claim is None else str(claim),
        }

    def push(self, ops: list[dict], workstation: uuid.UUID | None = None) -> dict:
        payload = json.dumps(ops, default=str)
        return self.scalar(
            "SELECT relais_push(%s, %s::jsonb)", (workstation or self.workstation, payload)
        )

    def _one(self, op: dict, workstation: uuid.UUID | None) -> str:
        answer = self.push([op], workstation)
        assert not answer.get("diverged") and not answer.get("failed"), answer
        assert answer["upto"] == op["seq"], answer
        return answer["refused"].get(str(op["seq"]), "accepted")

    def insert(self, table: str, values: dict, workstation: uuid.UUID | None = None) -> str:
        """Pushes one insert; its refusal ("code: detail"), or "accepted"."""
        values = {"id": str(uuid.uuid4()), **values}
        return self._one(
            self.op("insert", table, values["id"], values, workstation=workstation), workstation
        )

    def update(
        self, table: str, row_id: Any, values: dict, claim: Any = None, before: Any = None
    ) -> str:
        """Pushes one update (with the previous values a workstation sends, none by default)."""
        op = self.op("update", table, row_id, values, claim=claim, before=before or {})
        return self._one(op, None)

    # -- claims ----------------------------------------------------------------------------

    def take(self, contact_id: uuid.UUID) -> tuple[str, uuid.UUID | None, uuid.UUID | None]:
        """relais_take: (outcome, claim token, holder) as the centre answered."""
        row = self.conn.execute(
            "SELECT r.outcome, (r.c).claim_token, (r.c).assigned_to FROM relais_take(%s, %s) r",
            (contact_id, uuid.uuid4()),
        ).fetchone()
        return row[0], row[1], row[2]

    def release(self, contact_id: uuid.UUID, token: uuid.UUID) -> bool:
        return bool(self.scalar("SELECT relais_release(%s, %s)", (contact_id, token)))


class Centre:
    """A small centre of its own, its owner's connection and its users' sessions."""

    def __init__(self, server_url: str) -> None:
        self.pg = PgCentre(server_url).create(customers=30, contacts=100, queue=10, fresh=True)
        self.owner = connect(self.pg.url)
        self.sessions: list[Session] = []
        self.connectors: list[psycopg.Connection] = []
        self.teams = dict(self.owner.execute("SELECT name, id FROM team").fetchall())

    @property
    def url(self) -> str:
        return self.pg.url

    @property
    def database(self) -> str:
        return self.pg.name

    def close(self) -> None:
        for session in self.sessions:
            session.conn.close()
        for conn in self.connectors:
            conn.close()
        self.owner.close()
        self.pg.drop()

    def user(self, role: str, team: str | None = TEAM) -> Session:
        login = self.pg.add_user(role, team=team)
        return self.session(login)

    def connector(self) -> psycopg.Connection:
        """A connector's own login (``relais user add --role connector``), connected."""
        login = self.pg.add_user("connector")
        conn = connect(self.pg.user_url(login))
        self.connectors.append(conn)
        return conn

    def session(self, login: str) -> Session:
        advisor, role, team_id = self.owner.execute(
            "SELECT id, role, team_id FROM advisor WHERE login = %s", (login,)
        ).fetchone()
        session = Session(login, role, advisor, team_id, connect(self.pg.user_url(login)))
        self.sessions.append(session)
        return session

    # -- the truth, as the owner reads and writes it -------------------------------------------

    def scalar(self, sql: str, params: Any = None) -> Any:
        row = self.owner.execute(sql, params).fetchone()
        return None if row is None else row[0]

    def rows(self, sql: str, params: Any = None) -> list[tuple[Any, ...]]:
        return self.owner.execute(sql, params).fetchall()

    def contact_row(self, contact: uuid.UUID) -> tuple[Any, ...]:
        """What a claim, a close or a move would change of a contact, as the owner reads it."""
        return self.rows(
            "SELECT status, assigned_to, claim_token, lease_until, team_id, closed_at, version "
            "FROM contact WHERE id = %s",
            (contact,),
        )[0]

    def contact(self, team: str | None = TEAM, status: str = "queued", **values: Any) -> uuid.UUID:
        """A new contact of the team's (queued, waiting since a minute), made by the owner."""
        row = {
            "id": uuid.uuid4(),
            "reference": f"S{secrets.token_hex(5)}",
            "channel": "email",
            "direction": "inbound",
            "status": status,
            "sender_display": "Client",
            "sender_address": "client@example.org",
            "subject": "Sujet",
            "preview": "Aperçu",
            "language": "fr",
            "priority": 1,
            "risk_flag": False,
            "risk_reason": "",
            "team_id": None if team is None else self.teams[team],
            "version": 1,
            **values,
        }
        columns = ", ".join(row)
        marks = ", ".join(["%s"] * len(row))
        self.owner.execute(
            f"INSERT INTO contact ({columns}, received_at, due_at) "
            f"VALUES ({marks}, now() - interval '1 minute', now())",
            list(row.values()),
        )
        return row["id"]

    def held_by(self, session: Session) -> tuple[uuid.UUID, uuid.UUID]:
        """A new contact of the session's team, claimed by them through relais_take."""
        team = next((n for n, i in self.teams.items() if i == session.team_id), None)
        contact = self.contact(team)
        outcome, token, _ = session.take(contact)
        assert outcome == "claimed" and token is not None
        return contact, token

    def closed_by(self, session: Session) -> uuid.UUID:
        """A contact the session claimed and closed, through the centre's functions."""
        contact, token = self.held_by(session)
        assert session.update("contact", contact, {"status": "closed"}, claim=token) == "accepted"
        return contact

    def customer(self) -> uuid.UUID:
        return self.scalar("SELECT id FROM customer ORDER BY random() LIMIT 1")

    def reason_code(self) -> uuid.UUID:
        return self.scalar("SELECT id FROM reason_code ORDER BY id LIMIT 1")

    def template(self) -> uuid.UUID:
        """A template of the advisors' library (never a draft a test made: its random id may
        sort first)."""
        return self.scalar("SELECT id FROM template WHERE status = 'approved' ORDER BY id LIMIT 1")

    def wrap_up(self, advisor: uuid.UUID, contact: uuid.UUID, assessment: int = 2) -> uuid.UUID:
        """A wrap-up written by the owner (as an earlier, honest push would have)."""
        wrap = uuid.uuid4()
        self.owner.execute(
            "INSERT INTO wrap_up (id, contact_id, advisor_id, reason_code_id, outcome, "
            "self_assessment, share, comment, created_at) "
            "VALUES (%s, %s, %s, %s, 'resolved', %s, 1, '', now())",
            (wrap, contact, advisor, self.reason_code(), assessment),
        )
        return wrap
