"""What the ingestion benchmark hands the centre, and its baseline: the standard library's parse
and the same rows written with raw SQL.

The traffic is made once per run, the same for both centres and both sides: e-mails from the
customers of the seeded centre and from strangers, some answering earlier ones (threads),
some automatic, some with an HTML part; webhook requests of Messenger, Instagram, WhatsApp and
X holding one to five messages each, from a pool of senders (so chats join their
conversations), and some requests posted twice (the platforms redeliver).

The baseline does the least the same result needs: ``email.message_from_bytes`` (with the
policy that decodes headers, as the program must) and the headers and body text read from it,
``json.loads`` and the platform's fields read from it; then for every event a contact, a message
and a channel key inserted into scratch tables shaped like the centre's, the customer looked up
by identity inside the insert, in batches (psycopg ``executemany`` on PostgreSQL, sqlite3's on
SQLite), one commit per batch.
"""

import email
import email.policy
import json
import random
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage

import psycopg
import webhooks as hooks
from mails import mail

from app.enums import Channel

TEAM = "Équipe Paris 1"

_TEXTS = (
    "Bonjour, je n'arrive pas à retirer mes gains depuis trois jours, pouvez-vous regarder ?",
    "Hello, my deposit of 50 euros has not arrived on my account. Could you check please?",
    "Bonjour, je souhaite fermer mon compte. Merci de me dire comment faire.",
    "C'est une arnaque ! Je vais porter plainte et prévenir mon avocat si rien n'est fait.",
    "Bonsoir, mon pari sur le match d'hier n'a pas été payé alors qu'il est gagnant.",
    "Hi, I forgot my password and the reset e-mail never comes. Thanks for your help.",
    "Bonjour, pouvez-vous m'envoyer une attestation de mes gains de l'année ? Cordialement.",
    "Je suis très mécontent du service, c'est inadmissible, trois relances sans réponse.",
)


@dataclass
class Traffic:
    """The run's events, in the order they arrive."""

    mails: list[bytes] = field(default_factory=list)
    requests: list[tuple[Channel, bytes]] = field(default_factory=list)
    events: int = 0
    """Messages the webhook requests hold (those of redelivered requests counted again)."""


def traffic(customer_emails: list[str], n_mails: int, n_events: int, seed: int = 11) -> Traffic:
    rng = random.Random(seed)
    made = Traffic()
    sent: list[str] = []
    for i in range(n_mails):
        known = customer_emails and rng.random() < 0.6
        sender = (
            rng.choice(customer_emails) if known else f"client{rng.randrange(5000)}@example.net"
        )
        text = "\n\n".join(rng.sample(_TEXTS, 2)) + f"\n\nRéf. client {i}"
        headers: dict[str, str] = {}
        if rng.random() < 0.05:
            headers["Auto_Submitted"] = "auto-replied"
        answering = rng.choice(sent[-500:]) if sent and rng.random() < 0.15 else None
        message_id = f"<bench-{i}-{uuid.uuid4().hex[:12]}@mail.example.net>"
        raw = mail(
            sender,
            f"Demande {i}" if answering is None else f"Re: Demande {i}",
            text,
            message_id,
            in_reply_to=answering,
            references=[answering] if answering else None,
            html=f"<p>{text}</p><img src='https://tracker.example/{i}.png'>"
            if rng.random() < 0.2
            else None,
            **headers,
        )
        sent.append(message_id)
        made.mails.append(raw)
    senders = {
        Channel.FACEBOOK: [hooks.digits(16) for _ in range(400)],
        Channel.INSTAGRAM: [hooks.digits(17) for _ in range(400)],
        Channel.WHATSAPP: [f"336{hooks.digits(8)}" for _ in range(400)],
        Channel.X: [hooks.digits(19) for _ in range(400)],
    }
    platforms = list(senders)
    while made.events < n_events:
        platform = rng.choice(platforms)
        count = min(rng.randint(1, 5), n_events - made.events)
        raw = _request(platform, [rng.choice(senders[platform]) for _ in range(count)], rng)
        made.requests.append((platform, raw))
        made.events += count
        if rng.random() < 0.05 and made.events + count <= n_events:  # redelivered
            made.requests.append((platform, raw))
            made.events += count
    return made


def _request(platform: Channel, who: list[str], rng: random.Random) -> bytes:
    texts = [rng.choice(_TEXTS) for _ in who]
    if platform in (Channel.FACEBOOK, Channel.INSTAGRAM):
        events = [
            hooks.messenger_message(s, f"m_{hooks.fresh()}", t)
            for s, t in zip(who, texts, strict=True)
        ]
        return hooks.messenger(
            *events, platform="page" if platform is Channel.FACEBOOK else platform
        )
    if platform is Channel.WHATSAPP:
        messages = [
            hooks.whatsapp_text(s, f"wamid.{hooks.fresh()}", t)
            for s, t in zip(who, texts, strict=True)
        ]
        return hooks.whatsapp(messages, names={s: f"Client {s[-4:]}" for s in who})
    # X: one request holds several direct messages, as the Account Activity API sends them.
    parts = [
        json.loads(hooks.x_dm(s, int(hooks.digits(19)), t, handle=f"h{s[-6:]}"))
        for s, t in zip(who, texts, strict=True)
    ]
    whole = parts[0]
    for part in parts[1:]:
        whole["direct_message_events"] += part["direct_message_events"]
        whole["users"].update(part["users"])
    return json.dumps(whole, ensure_ascii=False).encode()


# ------------------------------------------------------------------------- the baseline's parse


@dataclass(frozen=True)
class Row:
    channel: str
    key: str
    kind: str
    sender: str
    display: str
    subject: str
    body: str
    html: str | None


def bare_mail(raw: bytes) -> Row:
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(msg, EmailMessage)
    sender = msg["From"].addresses[0]
    plain = msg.get_body(preferencelist=("plain",))
    rich = msg.get_body(preferencelist=("html",))
    return Row(
        "email",
        str(msg["Message-ID"]),
        "email",
        sender.addr_spec.lower(),
        sender.display_name,
        str(msg["Subject"]),
        plain.get_content() if plain is not None else "",
        rich.get_content() if rich is not None else None,
    )


def bare_request(platform: Channel, raw: bytes) -> list[Row]:
    data = json.loads(raw)
    if platform is Channel.WHATSAPP:
        return [
            Row("whatsapp", m["id"], "whatsapp", "+" + m["from"], "", "", m["text"]["body"], None)
            for e in data["entry"]
            for c in e["changes"]
            for m in c["value"].get("messages", [])
        ]
    if platform is Channel.X:
        return [
            Row(
                "x",
                str(m["id"]),
                "x",
                m["message_create"]["sender_id"],
                "",
                "",
                m["message_create"]["message_data"]["text"],
                None,
            )
            for m in data["direct_message_events"]
        ]
    return [
        Row(
            platform.value,
            m["message"]["mid"],
            platform.value,
            m["sender"]["id"],
            "",
            "",
            m["message"]["text"],
            None,
        )
        for e in data["entry"]
        for m in e["messaging"]
    ]


# --------------------------------------------------------------------- the baseline's inserts

_PG_TABLES = """
DROP TABLE IF EXISTS bench_contact, bench_message, bench_key;
CREATE TABLE bench_contact (
  id uuid PRIMARY KEY, reference text NOT NULL, channel text NOT NULL, customer_id uuid,
  sender_display text NOT NULL, sender_address text NOT NULL, subject text NOT NULL,
  preview text NOT NULL, received_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE bench_message (
  id uuid PRIMARY KEY, contact_id uuid NOT NULL REFERENCES bench_contact, body_text text NOT NULL,
  body_html text, external_id text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE bench_key (
  channel text NOT NULL, key text NOT NULL, message_id uuid NOT NULL,
  PRIMARY KEY (channel, key));
"""
_PG_CONTACT = (
    "INSERT INTO bench_contact (id, reference, channel, customer_id, sender_display, "
    "sender_address, subject, preview) SELECT %(contact)s, %(reference)s, %(channel)s, "
    "(SELECT i.customer_id FROM customer_identity i WHERE i.kind = %(kind)s "
    "AND i.value = %(sender)s LIMIT 1), %(display)s, %(sender)s, %(subject)s, %(preview)s "
    "WHERE NOT EXISTS (SELECT 1 FROM bench_key k WHERE k.channel = %(channel)s "
    "AND k.key = %(key)s)"
)
_PG_KEY = (
    "INSERT INTO bench_key (channel, key, message_id) VALUES (%(channel)s, %(key)s, %(message)s) "
    "ON CONFLICT DO NOTHING"
)
_PG_MESSAGE = (
    "INSERT INTO bench_message (id, contact_id, body_text, body_html, external_id) "
    "SELECT %(message)s, %(contact)s, %(body)s, %(html)s, %(key)s "
    "WHERE EXISTS (SELECT 1 FROM bench_contact c WHERE c.id = %(contact)s)"
)


def _params(row: Row) -> dict[str, object]:
    return {
        "contact": uuid.uuid4(),
        "message": uuid.uuid4(),
        "reference": "R-0000-0000",
        "channel": row.channel,
        "kind": row.kind,
        "sender": row.sender,
        "display": row.display,
        "subject": row.subject,
        "preview": " ".join(row.body.split())[:300],
        "body": row.body,
        "html": row.html,
        "key": row.key,
    }


def raw_postgres(url: str) -> Callable[[Iterator[list[Row]]], None]:
    """A writer of the baseline's rows, as the centre's owner, into fresh scratch tables."""

    def write(batches: Iterator[list[Row]]) -> None:
        with psycopg.connect(url) as conn:
            for batch in batches:
                params = [_params(r) for r in batch]
                with conn.cursor() as cur:
                    cur.executemany(_PG_CONTACT, params)
                    cur.executemany(_PG_MESSAGE, params)
                    cur.executemany(_PG_KEY, params)
                conn.commit()

    return write


def make_pg_tables(url: str) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(_PG_TABLES)


_SQLITE_TABLES = (
    _PG_TABLES.replace("uuid", "blob")
    .replace("timestamptz", "text")
    .replace("DEFAULT now()", "DEFAULT CURRENT_TIMESTAMP")
    .replace("DROP TABLE IF EXISTS bench_contact, bench_message, bench_key;", "")
)


def _sqlite_sql(statement: str) -> str:
    return statement.replace("%(", ":").replace(")s", "")


def make_sqlite_tables(path: str) -> None:
    conn = sqlite3.connect(path)
    try:
        for name in ("bench_key", "bench_message", "bench_contact"):
            conn.execute(f"DROP TABLE IF EXISTS {name}")
        conn.executescript(_SQLITE_TABLES)
        conn.commit()
    finally:
        conn.close()


def raw_sqlite(path: str) -> Callable[[Iterator[list[Row]]], None]:
    """The same writer on the embedded centre's file, with sqlite3 itself, in WAL as the
    program opens it."""

    def write(batches: Iterator[list[Row]]) -> None:
        conn = sqlite3.connect(path)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")  # as the program opens a centre's file
            for batch in batches:
                params = [
                    {k: (v.hex if isinstance(v, uuid.UUID) else v) for k, v in _params(r).items()}
                    for r in batch
                ]
                conn.executemany(_sqlite_sql(_PG_CONTACT), params)
                conn.executemany(_sqlite_sql(_PG_MESSAGE), params)
                conn.executemany(_sqlite_sql(_PG_KEY), params)
                conn.commit()
        finally:
            conn.close()

    return write
