"""Hostile sessions against the customers' files: only a connector writes them, and only with
the message its own transaction received; no user writes, forges or settles one; users read
them as they read the messages they came with."""

import json
import uuid

import psycopg
import pytest
from hostile_session import Centre, refused

from app.ids import new_id, short_reference

pytestmark = [pytest.mark.postgres, pytest.mark.attack]

PDF = b"%PDF-1.4\n%%EOF\n"
_FILE = {"filename": "a.pdf", "declared_type": "application/pdf", "state": "kept"}


@pytest.fixture(scope="module")
def connector(centre: Centre) -> psycopg.Connection:
    return centre.connector()


def _message() -> str:
    contact = new_id()
    return json.dumps(
        {
            "channel": "email",
            "key": f"<{uuid.uuid4().hex}@attacker.example>",
            "body_text": "voir pièce jointe",
            "sender_address": "client@example.org",
            "contact_id": str(contact),
            "message_id": str(new_id()),
            "reference": short_reference(contact),
        }
    )


def _attach(conn: psycopg.Connection, message: object, files=None, contents=None) -> object:
    return conn.execute(
        "SELECT relais_attach(%s::uuid, %s::jsonb, %s::bytea[])",
        (message, json.dumps(files if files is not None else [_FILE]), contents or [PDF]),
    ).fetchone()[0]


def _received(conn: psycopg.Connection) -> str:
    return conn.execute("SELECT relais_receive(%s::jsonb)", (_message(),)).fetchone()[0][
        "message_id"
    ]


_CALLS = [
    ("SELECT relais_attach(gen_random_uuid(), '[]'::jsonb, ARRAY[]::bytea[])", None),
    ("SELECT relais_attachments_due('facebook', 10)", None),
    ("SELECT relais_attachment_fetched('{}'::jsonb, NULL)", None),
    ("SELECT relais_attachment_name_ok('a')", None),
]


@pytest.mark.parametrize(("call", "args"), _CALLS)
def test_no_user_writes_fetches_or_settles_a_file(centre: Centre, cast, call, args) -> None:
    for user in (cast.alice, cast.chief, cast.boss):
        user.refused(call, args)


def test_no_user_pushes_a_file(centre: Centre, cast) -> None:
    message, contact = centre.owner.execute(
        "SELECT id, contact_id FROM message WHERE direction = 'inbound' LIMIT 1"
    ).fetchone()
    for user in (cast.alice, cast.boss):
        answer = user.insert("attachment", {
            "message_id": str(message), "contact_id": str(contact), "position": 0,
            "filename": "virus.exe", "declared_type": "application/pdf", "sniffed_type": "",
            "size": 1, "state": "kept", "reason": "", "attempts": 0,
            "content": "TVo=", "created_at": "2026-12-04T10:00:00+00:00",
            "updated_at": "2026-12-04T10:00:00+00:00",
        })  # fmt: skip
        assert answer != "accepted", answer
    assert (
        centre.owner.execute(
            "SELECT count(*) FROM attachment WHERE message_id = %s", (message,)
        ).fetchone()[0]
        == 0
    )


def test_a_connector_adds_no_file_to_a_message_it_did_not_just_receive(
    connector: psycopg.Connection, centre: Centre
) -> None:
    """A stolen connector password could otherwise slip a program into any customer's old
    thread, where an advisor trusts what is there."""
    old = centre.owner.execute(
        "SELECT id FROM message WHERE direction = 'inbound' ORDER BY created_at LIMIT 1"
    ).fetchone()[0]
    refused(connector, "SELECT relais_attach(%s::uuid, %s::jsonb, %s::bytea[])",
            (old, json.dumps([_FILE]), [PDF]), sqlstate="22023")  # fmt: skip
    # Its own message, received in an earlier transaction: too late as well.
    mine = _received(connector)
    with pytest.raises(psycopg.Error) as err:
        _attach(connector, mine)
    assert err.value.sqlstate == "22023"
    assert (
        centre.owner.execute(
            "SELECT count(*) FROM attachment WHERE message_id = ANY(%s)", ([old, uuid.UUID(mine)],)
        ).fetchone()[0]
        == 0
    )


def test_a_connectors_files_go_once_with_their_message_and_the_centre_reckons_them(
    connector: psycopg.Connection, centre: Centre
) -> None:
    forged = {**_FILE, "size": 1, "sha256": "0" * 64}
    with connector.transaction():
        message = _received(connector)
        assert _attach(connector, message, [forged]) == 1
        with pytest.raises(psycopg.Error) as err, connector.transaction():
            _attach(connector, message)  # a second lot for the same message
        assert err.value.sqlstate == "22023"
    size, digest = centre.owner.execute(
        "SELECT size, sha256 FROM attachment WHERE message_id = %s", (message,)
    ).fetchone()
    import hashlib

    assert (size, digest) == (len(PDF), hashlib.sha256(PDF).hexdigest())


@pytest.mark.parametrize(
    ("files", "contents"),
    [
        ([{**_FILE, "filename": "../../etc/passwd"}], [PDF]),
        ([{**_FILE, "filename": "facture\r\n.pdf"}], [PDF]),
        ([{**_FILE, "filename": "invoice_\u202efdp.exe"}], [PDF]),
        ([{**_FILE, "filename": ""}], [PDF]),
        ([{**_FILE, "state": "kept"}], [None]),  # kept without bytes
        ([{**_FILE, "state": "too_large"}], [PDF]),  # not kept, with bytes
        ([{**_FILE, "state": "pending"}], [None]),  # to fetch, from nowhere
        ([{**_FILE, "state": "opened"}], [PDF]),
        ([_FILE] * 101, [PDF] * 101),
        ([{**_FILE, "state": "too_large", "size": "lots"}], [None]),
    ],
)
def test_the_centre_refuses_a_file_it_should_not_keep(
    connector: psycopg.Connection, centre: Centre, files, contents
) -> None:
    with pytest.raises(psycopg.Error) as err, connector.transaction():
        message = _received(connector)
        _attach(connector, message, files, contents)
    assert err.value.sqlstate == "22023", err.value


def test_a_connector_settles_only_a_pending_file(
    connector: psycopg.Connection, centre: Centre
) -> None:
    with connector.transaction():
        message = _received(connector)
        _attach(connector, message)
    kept = centre.owner.execute(
        "SELECT id FROM attachment WHERE message_id = %s", (message,)
    ).fetchone()[0]
    for report, content in (
        ({"attachment_id": str(kept), "outcome": "kept"}, b"MZ forged"),
        ({"attachment_id": str(uuid.uuid4()), "outcome": "failed"}, None),
        ({"attachment_id": "not-an-id", "outcome": "failed"}, None),
        ({"attachment_id": str(kept), "outcome": "exploded"}, None),
    ):
        refused(connector, "SELECT relais_attachment_fetched(%s::jsonb, %s::bytea)",
                (json.dumps(report), content), sqlstate="22023")  # fmt: skip
    assert (
        centre.owner.execute("SELECT content FROM attachment WHERE id = %s", (kept,)).fetchone()[0]
        == PDF
    )


def test_users_read_files_as_they_read_their_messages(
    connector: psycopg.Connection, centre: Centre, cast
) -> None:
    with connector.transaction():
        message = _received(connector)
        _attach(connector, message)
    for user in (cast.alice, cast.carol, cast.chief, cast.boss):
        messages = user.scalar("SELECT count(*) FROM message WHERE id = %s", (message,))
        files = user.scalar("SELECT count(*) FROM attachment WHERE message_id = %s", (message,))
        assert files == messages


def _letter_reply(centre: Centre, author: uuid.UUID) -> uuid.UUID:
    contact = centre.contact(channel="letter")
    message = uuid.uuid4()
    centre.owner.execute(
        "INSERT INTO message (id, contact_id, direction, author_id, sender_display, body_text, "
        "created_at) VALUES (%s, %s, 'outbound', %s, '', 'Madame,', now())",
        (message, contact, author),
    )
    centre.owner.execute(
        "INSERT INTO delivery (id, message_id, contact_id, channel, state, reason, attempts, "
        "next_attempt_at, created_at, updated_at) VALUES (gen_random_uuid(), %s, %s, 'letter', "
        "'queued', '', 0, now(), now(), now())",
        (message, contact),
    )
    return message


def _delivery(centre: Centre, message: uuid.UUID) -> str:
    return centre.owner.execute(
        "SELECT state FROM delivery WHERE message_id = %s", (message,)
    ).fetchone()[0]


def test_only_its_author_says_a_letter_was_printed(
    centre: Centre, cast, connector: psycopg.Connection
) -> None:
    reply = _letter_reply(centre, cast.alice.id)
    for other in (cast.bob, cast.chief, cast.boss):
        assert other.scalar("SELECT relais_letter_printed(%s)", (reply,)) is False
    refused(connector, "SELECT relais_letter_printed(%s)", (reply,))
    assert _delivery(centre, reply) == "queued"
    assert cast.alice.scalar("SELECT relais_letter_printed(%s)", (reply,)) is True
    assert _delivery(centre, reply) == "sent"
    assert cast.alice.scalar("SELECT relais_letter_printed(%s)", (reply,)) is False


def test_a_printed_mark_moves_only_a_letters_delivery(centre: Centre, cast) -> None:
    contact = centre.contact(channel="email")
    message = uuid.uuid4()
    centre.owner.execute(
        "INSERT INTO message (id, contact_id, direction, author_id, sender_display, body_text, "
        "created_at) VALUES (%s, %s, 'outbound', %s, '', 'Bonjour', now())",
        (message, contact, cast.alice.id),
    )
    centre.owner.execute(
        "INSERT INTO delivery (id, message_id, contact_id, channel, state, reason, attempts, "
        "next_attempt_at, created_at, updated_at) VALUES (gen_random_uuid(), %s, %s, 'email', "
        "'queued', '', 0, now(), now(), now())",
        (message, contact),
    )
    assert cast.alice.scalar("SELECT relais_letter_printed(%s)", (message,)) is False
    assert _delivery(centre, message) == "queued"


def test_a_connector_names_a_letters_customer_only_for_its_own_new_letter(
    connector: psycopg.Connection, centre: Centre
) -> None:
    old = centre.owner.execute(
        "SELECT id FROM message WHERE direction = 'inbound' ORDER BY created_at LIMIT 1"
    ).fetchone()[0]
    refused(connector, "SELECT relais_letter_customer(%s, 'X')", (old,), sqlstate="22023")
