"""Hostile sessions of a connector's own login (``relais user add --role connector``) and of
users trying a connector's one right: a connector may hand messages to ``relais_receive``, and
that is all it may do. Whoever steals its password (it sits on the connector's server, beside the
mailboxes' and the platforms' secrets) reads nothing and changes nothing but by arriving mail."""

import json
import uuid

import psycopg
import pytest
from hostile_session import TABLES, Centre, refused

from app.ids import new_id, short_reference

pytestmark = [pytest.mark.postgres, pytest.mark.attack]


@pytest.fixture(scope="module")
def connector(centre: Centre) -> psycopg.Connection:
    return centre.connector()


def _message(**values) -> str:
    contact = new_id()
    return json.dumps(
        {
            "channel": "email",
            "key": f"<{uuid.uuid4().hex}@attacker.example>",
            "body_text": "hello",
            "contact_id": str(contact),
            "message_id": str(new_id()),
            "reference": short_reference(contact),
            **values,
        }
    )


@pytest.mark.parametrize("table", TABLES)
def test_a_connector_reads_no_table(connector: psycopg.Connection, table: str) -> None:
    refused(connector, f"SELECT * FROM public.{table} LIMIT 1")


@pytest.mark.parametrize("verb", ["INSERT", "UPDATE", "DELETE"])
def test_a_connector_writes_no_contact_or_message_directly(
    connector: psycopg.Connection, verb: str
) -> None:
    statements = {
        "INSERT": "INSERT INTO public.{} DEFAULT VALUES",
        "UPDATE": "UPDATE public.{0} SET {1} = {1}",
        "DELETE": "DELETE FROM public.{}",
    }
    for table in ("contact", "message", "channel_key", "customer", "customer_identity"):
        column = "channel" if table == "channel_key" else "id"
        refused(connector, statements[verb].format(table, column))


@pytest.mark.parametrize(
    "call",
    [
        "SELECT * FROM relais_claim_next(NULL, NULL)",
        "SELECT relais_push(gen_random_uuid(), '[]'::jsonb)",
        "SELECT * FROM relais_my_claim",
        "SELECT relais_refresh_facts()",
    ],
)
def test_a_connector_calls_no_advisors_function(connector: psycopg.Connection, call: str) -> None:
    refused(connector, call)


def test_a_connector_may_not_make_itself_an_advisor(connector: psycopg.Connection, centre) -> None:
    advisors = centre.pg.group("advisor")
    refused(connector, f'SET ROLE "{advisors}"')
    refused(connector, f'GRANT "{advisors}" TO CURRENT_USER', sqlstate="42501")


def test_an_advisor_may_not_pose_as_a_channel(centre: Centre, cast) -> None:
    """A message in a customer's name, written by an advisor, would be a forged complaint."""
    for user in (cast.alice, cast.chief, cast.boss):
        user.refused("SELECT relais_receive(%s::jsonb)", (_message(),))


def test_a_connector_cannot_write_into_an_existing_contact_by_its_ids(
    connector: psycopg.Connection, centre: Centre
) -> None:
    """The ids a connector sends are for a new contact only: naming a contact that exists
    fails whole, and nothing is added to it."""
    contact_id, reference = centre.owner.execute(
        "SELECT id, reference FROM contact ORDER BY received_at LIMIT 1"
    ).fetchone()
    before = centre.owner.execute(
        "SELECT count(*) FROM message WHERE contact_id = %s", (contact_id,)
    ).fetchone()[0]
    refused(
        connector,
        "SELECT relais_receive(%s::jsonb)",
        (_message(contact_id=str(contact_id), reference=reference),),
        sqlstate="23505",
    )
    after = centre.owner.execute(
        "SELECT count(*) FROM message WHERE contact_id = %s", (contact_id,)
    ).fetchone()[0]
    assert after == before


def test_a_guessed_reference_does_not_join_a_strangers_contact(
    connector: psycopg.Connection, centre: Centre
) -> None:
    contact_id, reference = centre.owner.execute(
        "SELECT id, reference FROM contact WHERE channel = 'email' AND status <> 'closed' "
        "ORDER BY received_at LIMIT 1"
    ).fetchone()
    answer = connector.execute(
        "SELECT relais_receive(%s::jsonb)",
        (_message(quoted_reference=reference, sender_address="intrus@attacker.example"),),
    ).fetchone()[0]
    assert answer["outcome"] == "new" and answer["contact_id"] != str(contact_id)


def test_a_forged_message_id_reaches_no_contact(connector: psycopg.Connection) -> None:
    """In-Reply-To names a message; only a message the centre received has a key to be
    found by: an id of the attacker's choosing that matches none opens a new contact."""
    answer = connector.execute(
        "SELECT relais_receive(%s::jsonb)",
        (_message(thread_keys=[str(uuid.uuid4())]),),
    ).fetchone()[0]
    assert answer["outcome"] == "new"


def test_a_connector_login_is_no_user_of_the_desk(connector: psycopg.Connection) -> None:
    """It has no advisor row, and not even the function that would say so."""
    refused(connector, "SELECT relais_me()")


# -- the replies' deliveries ---------------------------------------------------------------------

_DELIVERY_CALLS = [
    ("SELECT relais_outgoing('email', 100)", None),
    ("SELECT relais_delivery_result(%s::jsonb)", ('{"delivery_id": null, "outcome": "sent"}',)),
    ("SELECT relais_bounced('email', '<x@y>', 'gone')", None),
    (
        "SELECT relais_delivery_status(%s::jsonb)",
        ('{"channel": "whatsapp", "state": "read", "recipient": "33612345678"}',),
    ),
    ("SELECT relais_delivery_failed(gen_random_uuid(), 'x')", None),
    ("SELECT relais_insert_rows('message', '[]'::jsonb, NULL, 'admin', NULL)", None),
    ("SELECT relais_insert_checked_rows('message', '[]'::jsonb, NULL, 'admin', NULL)", None),
]


@pytest.mark.parametrize(("call", "args"), _DELIVERY_CALLS)
def test_no_user_hands_out_or_settles_a_reply(centre: Centre, cast, call, args) -> None:
    """Saying a reply was sent, or taking replies to send, is the connectors' alone: an
    advisor who could would make the screen lie."""
    for user in (cast.alice, cast.chief, cast.boss):
        user.refused(call, args)


def test_a_connector_calls_none_of_the_centres_inner_functions(
    connector: psycopg.Connection,
) -> None:
    for call, args in _DELIVERY_CALLS[4:]:
        refused(connector, call, args)


@pytest.mark.parametrize(
    "p",
    [
        {"delivery_id": "not-a-uuid", "outcome": "sent"},
        {"delivery_id": str(uuid.uuid4()), "outcome": "sent"},
        {"delivery_id": str(uuid.uuid4()), "outcome": "exploded"},
        {"delivery_id": str(uuid.uuid4()), "outcome": "sent", "external_id": "x" * 401},
    ],
)
def test_a_connector_settles_only_a_real_reply_with_a_real_outcome(
    connector: psycopg.Connection, p
) -> None:
    refused(connector, "SELECT relais_delivery_result(%s::jsonb)", (json.dumps(p),), "22023")


def test_a_reply_not_handed_out_cannot_be_said_sent(
    connector: psycopg.Connection, centre: Centre
) -> None:
    """A connector says sent only for what the centre handed it: a queued reply nobody took
    stays queued."""
    row = centre.owner.execute(
        "SELECT m.id, m.contact_id FROM message m JOIN contact k ON k.id = m.contact_id "
        "WHERE m.direction = 'outbound' AND k.channel = 'email' LIMIT 1"
    ).fetchone()
    delivery = uuid.uuid4()
    centre.owner.execute(
        "INSERT INTO delivery (id, message_id, contact_id, channel, state, reason, attempts, "
        "next_attempt_at, created_at, updated_at) VALUES (%s, %s, %s, 'email', 'queued', '', 0, "
        "now() + interval '1 hour', now(), now()) ON CONFLICT (message_id) DO UPDATE SET "
        "state = 'queued', lease_until = NULL, external_id = NULL",
        (delivery, row[0], row[1]),
    )
    delivery = centre.owner.execute(
        "SELECT id FROM delivery WHERE message_id = %s", (row[0],)
    ).fetchone()[0]
    p = {"delivery_id": str(delivery), "outcome": "sent", "external_id": "<forged@attacker>"}
    refused(connector, "SELECT relais_delivery_result(%s::jsonb)", (json.dumps(p),), "22023")
    state = centre.owner.execute("SELECT state FROM delivery WHERE id = %s", (delivery,))
    assert state.fetchone()[0] == "queued"


@pytest.mark.parametrize(
    "p",
    [
        {"channel": "whatsapp", "state": "sent", "external_ids": ["wamid.x"]},
        {"channel": "whatsapp", "state": "queued", "external_ids": ["wamid.x"]},
        {"channel": "whatsapp", "state": "read", "external_ids": [f"w{i}" for i in range(101)]},
    ],
)
def test_a_platforms_report_moves_replies_forward_only_and_a_few_at_a_time(
    connector: psycopg.Connection, p
) -> None:
    """A report may say delivered, read or failed: never "sent" (what the connector said) nor
    back to the queue, and on at most 100 ids at once."""
    refused(connector, "SELECT relais_delivery_status(%s::jsonb)", (json.dumps(p),), "22023")


def test_a_report_with_neither_ids_nor_recipient_moves_nothing(
    connector: psycopg.Connection,
) -> None:
    """A watermark needs its recipient: without one, not every reply of the channel is read."""
    p = {"channel": "email", "state": "read"}
    moved = connector.execute("SELECT relais_delivery_status(%s::jsonb)", (json.dumps(p),))
    assert moved.fetchone()[0] == 0
