"""Hostile sessions against identities and merges: an advisor's own login may add, correct and
remove the identities of the customers in their working set through the centre's functions,
never write the tables, never merge or undo a merge; a supervisor merges only customers their
own team served (decided here: a supervisor of another team is refused, an administrator may
merge any); no function lets two customers of segments kept apart share an identity, a contact
or a merge, whatever path writes; the internal helpers are nobody's to call."""

import json
import uuid

import psycopg
import pytest
from hostile_session import TEAM, Centre, Session

pytestmark = [pytest.mark.postgres, pytest.mark.attack]


def _customer(centre: Centre, segment: str = "standard", team: str = TEAM) -> uuid.UUID:
    """A customer of ``segment`` with one closed contact of ``team``, made by the owner."""
    customer = uuid.uuid4()
    centre.owner.execute(
        "INSERT INTO customer (id, first_name, last_name, language, segment, tags, created_at, "
        "updated_at, version, last_key, first_key) VALUES (%s, 'Eve', 'Cible', 'fr', %s, '[]', "
        "now(), now(), 1, 'cible', 'eve')",
        (customer, segment),
    )
    contact = uuid.uuid4()
    centre.owner.execute(
        "INSERT INTO contact (id, reference, channel, direction, status, customer_id, "
        "sender_display, sender_address, subject, preview, language, priority, risk_flag, "
        "risk_reason, received_at, due_at, team_id, version) VALUES (%s, %s, 'email', "
        "'inbound', 'closed', %s, '', '', '', '', 'fr', 1, false, '', now(), now(), %s, 1)",
        (
            contact,
            "R-" + contact.hex[:4].upper() + "-" + contact.hex[4:8].upper(),
            customer,
            centre.teams[team],
        ),
    )
    return customer


def _keep(centre: Centre, user: Session, customer: uuid.UUID) -> None:
    """The customer in the user's working set (as opening them from a search does)."""
    user.scalar("SELECT relais_keep(ARRAY[%s]::uuid[])", (customer,))


def _answer(user: Session, sql: str, params: tuple) -> dict:
    value = user.scalar(sql, params)
    return value if isinstance(value, dict) else json.loads(value)


_MERGE_CALLS = [
    "SELECT relais_merge_customers(gen_random_uuid(), gen_random_uuid())",
    "SELECT relais_undo_merge(gen_random_uuid())",
    "SELECT relais_merge_preview(gen_random_uuid(), gen_random_uuid())",
]
_HELPERS = [
    "SELECT relais_identity_refusal('phone', '+33639980000', gen_random_uuid())",
    "SELECT relais_identity_writer(gen_random_uuid(), 'admin')",
    "SELECT relais_identity_holder('phone', '+33639980000', gen_random_uuid())",
    "SELECT relais_identity_shape('phone', 'x')",
    "SELECT relais_merge_allowed(gen_random_uuid(), gen_random_uuid(), 'admin', NULL)",
    "SELECT relais_merge_refusal(gen_random_uuid(), gen_random_uuid(), 'admin', NULL)",
    "SELECT relais_apart('online', 'retail')",
    "SELECT * FROM relais_merger()",
    "SELECT * FROM relais_identity_user()",
]


@pytest.mark.parametrize("call", _MERGE_CALLS)
def test_an_advisor_neither_merges_nor_undoes(cast, call: str) -> None:
    for advisor in (cast.alice, cast.carol):
        advisor.refused(call)


@pytest.mark.parametrize("call", _MERGE_CALLS + _HELPERS)
def test_a_connector_calls_no_identity_or_merge_function(centre: Centre, call: str) -> None:
    conn = centre.connector()
    with pytest.raises(psycopg.Error) as err:
        conn.execute(call)
    assert err.value.sqlstate == "42501"


@pytest.mark.parametrize("call", _HELPERS)
def test_nobody_calls_the_helpers(cast, call: str) -> None:
    for user in (cast.alice, cast.chief, cast.boss):
        user.refused(call)


def test_a_supervisor_of_another_team_may_not_merge_what_their_team_never_served(
    centre: Centre, cast
) -> None:
    a, b = _customer(centre), _customer(centre)
    answer = _answer(cast.south_chief, "SELECT relais_merge_customers(%s, %s)", (a, b))
    assert answer["refused"] == "team"
    assert centre.owner.execute(
        "SELECT merged_into FROM customer WHERE id = %s", (b,)
    ).fetchone() == (None,)
    assert (
        _answer(cast.south_chief, "SELECT relais_merge_preview(%s, %s)", (a, b))["refused"]
        == "team"
    )


def test_a_merge_is_undone_only_by_those_who_may_merge(centre: Centre, cast) -> None:
    a, b = _customer(centre), _customer(centre)
    done = _answer(cast.chief, "SELECT relais_merge_customers(%s, %s)", (a, b))
    assert done["ok"] and done["contacts"] == 1
    merge = done["merge"]
    who, moved = centre.owner.execute(
        "SELECT merged_by, moved FROM customer_merge WHERE id = %s", (merge,)
    ).fetchone()
    assert who == cast.chief.id and len(moved["contacts"]) == 1
    cast.alice.refused("SELECT relais_undo_merge(%s)", (merge,))
    assert _answer(cast.south_chief, "SELECT relais_undo_merge(%s)", (merge,))["refused"] == "team"
    assert _answer(cast.boss, "SELECT relais_undo_merge(%s)", (merge,))["ok"]
    assert _answer(cast.chief, "SELECT relais_undo_merge(%s)", (merge,))["refused"] == "undone"


def test_segments_kept_apart_are_never_merged(centre: Centre, cast) -> None:
    online, retail = _customer(centre, "online"), _customer(centre, "retail")
    for user in (cast.chief, cast.boss):
        answer = _answer(user, "SELECT relais_merge_customers(%s, %s)", (online, retail))
        assert answer["refused"] == "apart" and answer["other_segment"] == "retail"


def test_an_identity_across_segments_kept_apart_is_refused_on_every_path(
    centre: Centre, cast
) -> None:
    online, retail = _customer(centre, "online"), _customer(centre, "retail")
    for customer in (online, retail):
        _keep(centre, cast.alice, customer)
    number = "+3363998" + uuid.uuid4().int.__str__()[:4]
    first = _answer(
        cast.alice,
        "SELECT relais_identity_add(gen_random_uuid(), %s, 'phone', %s, %s)",
        (online, number, number),
    )
    assert first["ok"]
    across = _answer(
        cast.alice,
        "SELECT relais_identity_add(gen_random_uuid(), %s, 'whatsapp', %s, %s)",
        (retail, number, number),
    )
    assert across["refused"] == "apart"
    # The push (relais_push, unchanged) takes identities too: the centre's trigger refuses it.
    refusal = cast.alice.insert(
        "customer_identity",
        {
            "id": str(uuid.uuid4()),
            "customer_id": str(retail),
            "kind": "phone",
            "value": number,
            "display": number,
        },
    )
    assert refusal and refusal.startswith("invalid: kept apart")
    held = centre.owner.execute(
        "SELECT count(*) FROM customer_identity WHERE value = %s", (number,)
    ).fetchone()[0]
    assert held == 1


def test_an_advisor_edits_only_the_identities_of_their_working_set(centre: Centre, cast) -> None:
    mine, other = _customer(centre), _customer(centre)
    _keep(centre, cast.alice, mine)
    outside = _answer(
        cast.alice,
        "SELECT relais_identity_add(gen_random_uuid(), %s, 'email', 'eve@example.org', 'e')",
        (other,),
    )
    assert outside["refused"] == "permission"
    bad = _answer(
        cast.alice,
        "SELECT relais_identity_add(gen_random_uuid(), %s, 'phone', '06 12 34 56 78', 'x')",
        (mine,),
    )
    assert bad["refused"] == "invalid"
    added = _answer(
        cast.alice,
        "SELECT relais_identity_add(gen_random_uuid(), %s, 'email', 'eve.cible@example.org', 'e')",
        (mine,),
    )
    identity = added["id"]
    # An identity of a customer outside the set is neither corrected nor removed.
    foreign = centre.owner.execute(
        "INSERT INTO customer_identity (id, customer_id, kind, value, display, created_at) "
        "VALUES (gen_random_uuid(), %s, 'email', %s, 'x', now()) RETURNING id",
        (other, f"{uuid.uuid4().hex}@example.org"),
    ).fetchone()[0]
    for sql, params in (
        ("SELECT relais_identity_change(%s, 'stolen@example.org', 'x')", (foreign,)),
        ("SELECT relais_identity_remove(%s)", (foreign,)),
    ):
        assert _answer(cast.alice, sql, params)["refused"] == "permission"
    assert _answer(cast.alice, "SELECT relais_identity_remove(%s)", (identity,))["ok"]
    removed_by = centre.owner.execute(
        "SELECT removed_by FROM identity_removal WHERE id = %s", (identity,)
    ).fetchone()[0]
    assert removed_by == cast.alice.id


def test_a_merged_customer_takes_no_identity(centre: Centre, cast) -> None:
    a, b = _customer(centre), _customer(centre)
    assert _answer(cast.boss, "SELECT relais_merge_customers(%s, %s)", (a, b))["ok"]
    _keep(centre, cast.alice, b)
    answer = _answer(
        cast.alice,
        "SELECT relais_identity_add(gen_random_uuid(), %s, 'email', 'late@example.org', 'x')",
        (b,),
    )
    assert answer["refused"] == "merged"
