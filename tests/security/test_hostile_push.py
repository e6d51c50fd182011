"""Hostile calls of relais_push with operations no Relais workstation would build: forged
authors, writes on contacts one does not hold, stale claims, rows the centre alone makes, bad
values. The centre answers each with a refusal, or stores the truth instead of what was sent.
The claim functions themselves: test_hostile_claims.py."""

import uuid
from datetime import UTC, datetime, timedelta

import psycopg
import pytest
from hostile_session import OTHER_TEAM, Centre, Session

pytestmark = [pytest.mark.postgres, pytest.mark.attack]

LONG_AGO = "2001-01-01T00:00:00+00:00"


def _recent(moment: datetime) -> bool:
    return abs(datetime.now(UTC) - moment) < timedelta(minutes=5)


def _held_then_taken(centre: Centre, first: Session, then: Session) -> tuple:
    """A contact ``first`` held and released, that ``then`` holds now."""
    contact, old = centre.held_by(first)
    assert first.release(contact, old)
    outcome, token, _ = then.take(contact)
    assert outcome == "claimed"
    return contact, old, token


# -- authorship and time ----------------------------------------------------------------------


def _rows_with_forged_author(centre: Centre, contact: uuid.UUID, victim: uuid.UUID) -> dict:
    """What a hostile workstation sends: a colleague as the author, a time long ago."""
    return {
        "message": ("author_id", "created_at", {
            "contact_id": contact, "direction": "outbound", "author_id": victim,
            "sender_display": "Bob", "body_text": "signed by Bob", "created_at": LONG_AGO,
        }),
        "note": ("advisor_id", "created_at", {
            "contact_id": contact, "advisor_id": victim, "body": "Bob's note",
            "during_call": False, "created_at": LONG_AGO,
        }),
        "review_item": ("created_by", "created_at", {
            "contact_id": contact, "reason": "low_self_assessment", "created_by": victim,
            "created_at": LONG_AGO,
        }),
        "template_usage": ("advisor_id", "used_at", {
            "template_id": centre.template(), "template_version": 1, "contact_id": contact,
            "advisor_id": victim, "edited": False, "used_at": LONG_AGO,
        }),
        "wrap_up": ("advisor_id", "created_at", {
            "contact_id": contact, "advisor_id": victim, "reason_code_id": centre.reason_code(),
            "outcome": "resolved", "self_assessment": 1, "share": 1, "comment": "",
            "created_at": LONG_AGO,
        }),
    }  # fmt: skip


@pytest.mark.parametrize("table", ["message", "note", "review_item", "template_usage", "wrap_up"])
def test_forged_authorship_is_replaced_by_the_login(centre, cast, table) -> None:
    contact, _ = centre.held_by(cast.alice)
    author, stamp, values = _rows_with_forged_author(centre, contact, cast.bob.id)[table]
    ids = [uuid.uuid4(), uuid.uuid4()]  # two rows: the batch path, one statement for both
    ops = [cast.alice.op("insert", table, i, {**values, "id": str(i)}) for i in ids]
    answer = cast.alice.push(ops)
    assert answer["refused"] == {} and not answer.get("failed")
    stored = centre.rows(f"SELECT {author}, {stamp} FROM {table} WHERE id = ANY (%s)", (ids,))
    assert len(stored) == 2
    assert all(who == cast.alice.id and _recent(when) for who, when in stored)


def test_no_push_carries_an_evaluation(centre, cast) -> None:
    """Evaluations are made blind, with a scorecard, through relais_evaluate: a supervisor's
    workstation cannot slip one in, with whatever evaluator and advisor it likes, by the push."""
    contact = centre.closed_by(cast.alice)
    evaluation = uuid.uuid4()
    assert cast.chief.insert("evaluation", {
        "id": str(evaluation), "contact_id": contact, "evaluator_id": cast.south_chief.id,
        "advisor_id": cast.bob.id, "kind": "manager", "score": 2, "comment": "",
        "created_at": LONG_AGO,
    }).startswith("permission")  # fmt: skip
    assert not centre.scalar("SELECT count(*) FROM evaluation WHERE id = %s", (evaluation,))


def test_a_forged_row_hidden_in_a_batch_of_honest_ones_is_refused_alone(centre, cast) -> None:
    mine, _ = centre.held_by(cast.alice)
    theirs, _ = centre.held_by(cast.bob)
    notes = [(uuid.uuid4(), c) for c in (mine, theirs, mine)]
    ops = [
        cast.alice.op("insert", "note", i, {"id": str(i), "contact_id": str(c), "body": "n",
                                             "during_call": False})
        for i, c in notes
    ]  # fmt: skip
    answer = cast.alice.push(ops)
    assert list(answer["refused"]) == [str(ops[1]["seq"])]
    assert answer["refused"][str(ops[1]["seq"])].startswith("permission")
    stored = {
        r[0]
        for r in centre.rows("SELECT id FROM note WHERE id = ANY (%s)", ([n for n, _ in notes],))
    }
    assert stored == {notes[0][0], notes[2][0]}


# -- writing on contacts one does not hold -------------------------------------------------------


@pytest.mark.parametrize("table", ["message", "note", "review_item", "template_usage", "wrap_up"])
@pytest.mark.parametrize("who", ["advisor", "supervisor"])
def test_writing_on_a_contact_never_held_is_refused(centre, cast, table, who) -> None:
    """An advisor on a colleague's contact; a supervisor on another team's."""
    attacker = {"advisor": cast.alice, "supervisor": cast.chief}[who]
    contact, _ = centre.held_by(cast.carol)  # the other team's, held by its own advisor
    _, _, values = _rows_with_forged_author(centre, contact, attacker.id)[table]
    row = uuid.uuid4()
    assert attacker.insert(table, {**values, "id": str(row)}).startswith("permission")
    assert centre.scalar(f"SELECT count(*) FROM {table} WHERE id = %s", (row,)) == 0


def test_a_forged_customer_message_is_refused(centre, cast) -> None:
    contact, _ = centre.held_by(cast.alice)
    answer = cast.alice.insert("message", {
        "contact_id": contact, "direction": "inbound", "sender_display": "Le client",
        "body_text": "Je retire ma plainte.",
    })  # fmt: skip
    assert answer.startswith("permission")


@pytest.mark.parametrize("reason", ["lease_lost", "complaint", "legal_risk"])
def test_a_review_item_other_than_a_low_self_assessment_is_refused(centre, cast, reason) -> None:
    contact, _ = centre.held_by(cast.alice)
    assert cast.alice.insert("review_item", {"contact_id": contact, "reason": reason}).startswith(
        "permission"
    )


# -- claims on contacts -------------------------------------------------------------------------


@pytest.mark.parametrize("token", ["wrong", "absent"])
@pytest.mark.parametrize("who", ["advisor", "supervisor"])
def test_closing_a_colleagues_contact_is_refused(centre, cast, token, who) -> None:
    attacker = {"advisor": cast.alice, "supervisor": cast.south_chief}[who]
    contact, _ = centre.held_by(cast.bob)
    before = centre.contact_row(contact)
    claim = uuid.uuid4() if token == "wrong" else None
    answer = attacker.update("contact", contact, {"status": "closed"}, claim=claim)
    assert answer.startswith("permission")
    assert centre.contact_row(contact) == before
    assert not centre.scalar("SELECT count(*) FROM sync_conflict WHERE row_id = %s", (contact,))


@pytest.mark.parametrize("token", ["old", "wrong", "absent"])
def test_a_stale_claim_is_refused_and_its_values_kept_aside(centre, cast, token) -> None:
    contact, old, _ = _held_then_taken(centre, cast.alice, cast.bob)
    before = centre.contact_row(contact)
    claim = {"old": old, "wrong": uuid.uuid4(), "absent": None}[token]
    answer = cast.alice.update("contact", contact, {"status": "closed"}, claim=claim)
    assert answer.startswith("stale_claim")
    assert centre.contact_row(contact) == before
    kept = centre.rows(
        "SELECT field, losing_value, advisor_id FROM sync_conflict WHERE row_id = %s",
        (contact,),
    )
    assert ("status", "closed", cast.alice.id) in kept


def test_a_stale_claim_does_not_reveal_the_new_holders_token(centre, cast) -> None:
    contact, old, token = _held_then_taken(centre, cast.alice, cast.bob)
    answer = cast.alice.update(
        "contact", contact, {"claim_token": str(uuid.uuid4()), "status": "closed"}, claim=old
    )
    assert answer.startswith(("stale_claim", "permission"))
    seen = cast.alice.rows(
        "SELECT winning_value::text FROM sync_conflict WHERE row_id = %s", (contact,)
    )
    assert all(str(token) not in value for (value,) in seen), seen


FIELDS = {
    "team_id": lambda c: str(c.teams[OTHER_TEAM]),
    "assigned_to": lambda c: str(c.scalar("SELECT id FROM advisor WHERE login = 'demo'")),
    "claim_token": lambda c: str(uuid.uuid4()),
    "lease_until": lambda c: "2999-01-01T00:00:00+00:00",
    "status": lambda c: "queued",
    "priority": lambda c: 9,
    "received_at": lambda c: LONG_AGO,
    "reference": lambda c: "HIJACKED",
}


@pytest.mark.parametrize("field", FIELDS)
def test_a_holder_cannot_change_what_the_centre_decides_of_a_contact(centre, cast, field) -> None:
    contact, token = centre.held_by(cast.alice)
    before = centre.contact_row(contact)
    answer = cast.alice.update("contact", contact, {field: FIELDS[field](centre)}, claim=token)
    assert answer.startswith("permission")
    assert centre.contact_row(contact) == before


def test_a_follow_up_of_a_contact_someone_else_closed_is_refused(centre, cast) -> None:
    for parent in (centre.closed_by(cast.bob), centre.held_by(cast.alice)[0]):
        row = uuid.uuid4()
        answer = cast.alice.insert("contact", {
            "id": str(row), "reference": "F1", "channel": "phone", "direction": "outbound",
            "status": "queued", "parent_id": str(parent), "sender_display": "",
            "sender_address": "", "subject": "", "preview": "", "language": "fr", "priority": 9,
            "risk_flag": False, "risk_reason": "", "received_at": LONG_AGO,
            "due_at": (datetime.now(UTC) + timedelta(days=1)).isoformat(), "version": 1,
        })  # fmt: skip
        assert answer.startswith("permission")
        assert centre.scalar("SELECT count(*) FROM contact WHERE id = %s", (row,)) == 0


def _call(**values) -> dict:
    return {
        "reference": "APPEL1", "channel": "phone", "direction": "inbound",
        "status": "in_progress", "sender_display": "", "sender_address": "", "subject": "",
        "preview": "", "language": "fr", "priority": 0, "risk_flag": False, "risk_reason": "",
        "received_at": LONG_AGO, "due_at": LONG_AGO, "version": 1,
        "claim_token": str(uuid.uuid4()), **values,
    }  # fmt: skip


def test_a_logged_call_is_the_callers_own_in_their_own_team(centre, cast) -> None:
    row = uuid.uuid4()
    answer = cast.alice.insert("contact", _call(
        id=str(row), assigned_to=str(cast.bob.id), team_id=str(centre.teams[OTHER_TEAM]),
        lease_until="2999-01-01T00:00:00+00:00",
    ))  # fmt: skip
    assert answer == "accepted"
    holder, team, received, lease = centre.rows(
        "SELECT assigned_to, team_id, received_at, lease_until FROM contact WHERE id = %s",
        (row,),
    )[0]
    assert (holder, team) == (cast.alice.id, cast.alice.team_id)
    assert _recent(received) and lease < datetime.now(UTC) + timedelta(hours=1)


@pytest.mark.parametrize("status", ["closed", "queued"])
def test_a_workstation_creates_no_other_contact(centre, cast, status) -> None:
    row = uuid.uuid4()
    answer = cast.alice.insert("contact", _call(id=str(row), status=status, channel="email"))
    assert answer.startswith("permission")
    assert centre.scalar("SELECT count(*) FROM contact WHERE id = %s", (row,)) == 0


def test_reusing_a_colleagues_ids_overwrites_nothing(centre, cast) -> None:
    contact, _ = centre.held_by(cast.bob)
    note = uuid.uuid4()
    assert cast.bob.insert("note", {
        "id": str(note), "contact_id": contact, "body": "Bob's", "during_call": False,
    }) == "accepted"  # fmt: skip
    mine, _ = centre.held_by(cast.alice)
    before = centre.contact_row(contact)
    cast.alice.insert("note", {
        "id": str(note), "contact_id": mine, "body": "Alice's now", "during_call": False,
    })  # fmt: skip
    cast.alice.insert("contact", _call(id=str(contact)))
    assert centre.rows("SELECT body, advisor_id FROM note WHERE id = %s", (note,)) == [
        ("Bob's", cast.bob.id)
    ]
    assert centre.contact_row(contact) == before


def test_an_assignment_is_the_centres_to_make(centre, cast) -> None:
    theirs, _ = centre.held_by(cast.bob)
    assert cast.alice.insert(
        "contact_assignment", {"contact_id": theirs, "advisor_id": cast.alice.id}
    ).startswith("permission")
    mine, _ = centre.held_by(cast.alice)
    row = uuid.uuid4()
    assert cast.alice.insert("contact_assignment", {
        "id": str(row), "contact_id": mine, "advisor_id": cast.bob.id, "started_at": LONG_AGO,
    }) == "accepted"  # fmt: skip
    who, started = centre.rows(
        "SELECT advisor_id, started_at FROM contact_assignment WHERE id = %s", (row,)
    )[0]
    assert who == cast.alice.id and _recent(started)
    bobs = centre.scalar(
        "SELECT id FROM contact_assignment WHERE contact_id = %s AND advisor_id = %s",
        (theirs, cast.bob.id),
    )
    assert cast.alice.update("contact_assignment", bobs, {"ended_at": LONG_AGO}).startswith(
        "permission"
    )
    assert centre.scalar("SELECT ended_at FROM contact_assignment WHERE id = %s", (bobs,)) is None


# -- what the centre takes from nobody, and from whom ---------------------------------------------

NOBODYS = {
    "sync_conflict": {
        "table_name": "contact", "row_id": str(uuid.uuid4()), "field": "status",
        "losing_value": "closed", "winning_value": "queued", "rule": "stale_claim",
    },
    "applied_ops": {"workstation_id": str(uuid.uuid4()), "last_seq": 99999},
    "sync_refusal": {"workstation_id": str(uuid.uuid4()), "seq": 1, "reason": "x"},
    "change_log": {"xid": 1, "table_name": "contact", "row_id": str(uuid.uuid4())},
    "desk_customer": {"login": "demo"},
    "advisor": {"login": "intruder", "display_name": "I", "role": "admin", "language": "fr",
                "active": True},
    "team": {"name": "Équipe pirate"},
    "centre_role": {"role": "admin", "name": "postgres"},
    "alembic_version": {"version_num": "0"},
}  # fmt: skip


@pytest.mark.parametrize("table", NOBODYS)
def test_the_centre_takes_these_rows_from_no_workstation(attacker: Session, table) -> None:
    assert attacker.insert(table, NOBODYS[table]).startswith("permission")


def test_promoting_oneself_through_the_push_is_refused(centre, attacker: Session) -> None:
    answer = attacker.update("advisor", attacker.id, {"role": "admin", "team_id": None})
    assert answer.startswith("permission")
    assert attacker.scalar("SELECT relais_my_role()") == attacker.role


def test_an_advisor_writes_no_evaluation(centre, cast) -> None:
    contact = centre.closed_by(cast.alice)
    assert cast.alice.insert("evaluation", {
        "contact_id": contact, "kind": "manager", "score": 4, "comment": "",
    }).startswith("permission")  # fmt: skip


def test_a_supervisor_evaluates_no_other_teams_contact(centre, cast) -> None:
    contact = centre.closed_by(cast.carol)
    assert cast.chief.insert("evaluation", {
        "contact_id": contact, "kind": "manager", "score": 1, "comment": "",
    }).startswith("permission")  # fmt: skip


@pytest.mark.parametrize("who", ["advisor", "supervisor"])
def test_only_an_administrator_imports_survey_answers(centre, cast, who) -> None:
    attacker = {"advisor": cast.alice, "supervisor": cast.chief}[who]
    contact = centre.closed_by(cast.alice)
    assert attacker.insert("survey_answer", {
        "contact_id": contact, "csat": 5, "nps": 10, "effort": 1, "comment": "",
        "answered_at": LONG_AGO,
    }).startswith("permission")  # fmt: skip


def test_an_advisor_changes_no_template_nor_reference_data(centre, cast) -> None:
    template = centre.template()
    body = centre.scalar("SELECT body FROM template WHERE id = %s", (template,))
    assert cast.alice.update("template", template, {"body": "hacked"}).startswith("permission")
    assert centre.scalar("SELECT body FROM template WHERE id = %s", (template,)) == body
    for table, values in {
        "template": {"key": "evil", "category": "x", "language": "fr", "channels": [],
                     "title": "x", "body": "x", "current_version": 1, "active": True},
        "reason_code": {"code": "EVIL", "label_en": "x", "label_fr": "x", "category": "x",
                        "active": True},
        "incident": {"title": "x", "description": "x", "started_at": LONG_AGO},
        "template_version": {"template_id": str(template), "version": 99, "body": "x"},
    }.items():  # fmt: skip
        assert cast.alice.insert(table, values).startswith("permission"), table


def test_a_customer_outside_ones_working_set_is_not_written(centre, cast) -> None:
    customer = centre.scalar(
        "SELECT id FROM customer c WHERE NOT EXISTS (SELECT 1 FROM desk_customer d "
        "WHERE d.customer_id = c.id AND d.login = %s) LIMIT 1",
        (cast.alice.login,),
    )
    name = centre.scalar("SELECT last_name FROM customer WHERE id = %s", (customer,))
    assert cast.alice.update("customer", customer, {"last_name": "Pirate"}).startswith("permission")
    assert cast.alice.insert("customer_identity", {
        "customer_id": customer, "kind": "email", "value": "attacker@evil.example",
        "display": "attacker@evil.example",
    }).startswith("permission")  # fmt: skip
    assert centre.scalar("SELECT last_name FROM customer WHERE id = %s", (customer,)) == name
    assert not centre.scalar(
        "SELECT count(*) FROM customer_identity WHERE value = 'attacker@evil.example'"
    )


@pytest.mark.parametrize("field", ["id", "created_at", "version"])
def test_a_customers_bookkeeping_is_not_a_workstations_to_write(centre, cast, field) -> None:
    customer = centre.customer()
    cast.alice.scalar("SELECT relais_keep(%s)", ([customer],))
    before = centre.rows("SELECT id, created_at, version FROM customer WHERE id = %s", (customer,))
    value = {"id": str(uuid.uuid4()), "created_at": LONG_AGO, "version": 1}[field]
    answer = cast.alice.update("customer", customer, {field: value})
    assert answer.startswith("permission") or field == "version"
    assert (
        centre.rows("SELECT id, created_at, version FROM customer WHERE id = %s", (customer,))
        == before
    )


# -- values ---------------------------------------------------------------------------------------


def test_scores_out_of_range_are_refused_as_invalid(centre, cast) -> None:
    contact, _ = centre.held_by(cast.alice)
    for assessment in (7, 0, -1):
        assert cast.alice.insert("wrap_up", {
            "contact_id": contact, "reason_code_id": centre.reason_code(), "outcome": "resolved",
            "self_assessment": assessment, "share": 1, "comment": "",
        }).startswith("invalid"), assessment  # fmt: skip
    assert cast.alice.insert("wrap_up", {
        "contact_id": contact, "reason_code_id": centre.reason_code(), "outcome": "resolved",
        "self_assessment": 3, "share": 7, "comment": "",
    }).startswith("invalid")  # fmt: skip
    closed = centre.closed_by(cast.alice)
    # Survey answers come through relais_import_surveys only, even an administrator's, out of
    # range or not (its own checks: tests/backoffice/test_surveys.py).
    for survey in ({"csat": 9}, {"csat": 3}):
        assert cast.boss.insert("survey_answer", {
            "contact_id": closed, "comment": "", "answered_at": LONG_AGO, **survey,
        }).startswith("permission"), survey  # fmt: skip
    assert not centre.scalar("SELECT count(*) FROM wrap_up WHERE contact_id = %s", (contact,))
    assert not centre.scalar("SELECT count(*) FROM survey_answer WHERE contact_id = %s", (closed,))


def test_over_long_values_are_refused_as_invalid(centre, cast) -> None:
    contact, _ = centre.held_by(cast.alice)
    assert cast.alice.insert("note", {
        "contact_id": contact, "body": "x" * 20001, "during_call": False,
    }).startswith("invalid")  # fmt: skip
    assert cast.alice.insert("message", {
        "contact_id": contact, "direction": "outbound", "sender_display": "A",
        "body_text": "x" * 100001,
    }).startswith("invalid")  # fmt: skip
    assert cast.alice.insert("customer", {
        "first_name": "A", "last_name": "x" * 81, "language": "fr", "segment": "",
        "tags": [], "last_key": "x", "first_key": "a",
    }).startswith("invalid")  # fmt: skip
    customer = centre.customer()
    cast.alice.scalar("SELECT relais_keep(%s)", ([customer],))
    assert cast.alice.update("customer", customer, {"language": "xx"}).startswith("invalid")
    assert cast.alice.update("customer", customer, {"first_name": "y" * 81}).startswith("invalid")


def test_a_nul_character_is_refused_and_breaks_nothing(centre, cast) -> None:
    """jsonb cannot hold U+0000: the centre refuses the whole call (22P05) before it applies
    anything, and the same workstation's next push goes through."""
    contact, _ = centre.held_by(cast.alice)
    upto = cast.alice.push([])["upto"]
    for text in ("nul\u0000byte", "\u0000"):
        op = cast.alice.op("insert", "note", uuid.uuid4(), {
            "id": str(uuid.uuid4()), "contact_id": str(contact), "body": text,
            "during_call": False,
        })  # fmt: skip
        with pytest.raises(psycopg.Error) as err:
            cast.alice.push([op])
        assert err.value.sqlstate == "22P05"
        cast.alice.seqs[cast.alice.workstation] -= 1
    assert cast.alice.push([])["upto"] == upto
    assert not centre.scalar("SELECT count(*) FROM note WHERE contact_id = %s", (contact,))
    assert cast.alice.insert("note", {
        "contact_id": contact, "body": "after", "during_call": False,
    }) == "accepted"  # fmt: skip


def test_a_malformed_operation_is_refused_not_run(centre, cast) -> None:
    contact, token = centre.held_by(cast.alice)
    ops = [
        cast.alice.op("delete", "contact", contact, {}),
        cast.alice.op("insert", 'note"; DROP TABLE contact; --', uuid.uuid4(), {}),
        cast.alice.op("update", "contact", contact, ["status", "closed"], claim=token, before={}),
        cast.alice.op("update", "contact", contact, {"status": "x"}, claim="not-a-uuid", before={}),
    ]
    answer = cast.alice.push(ops)
    assert answer["upto"] == ops[-1]["seq"] and not answer.get("failed"), answer
    codes = [answer["refused"][str(op["seq"])].split(":")[0] for op in ops]
    assert codes == ["invalid", "permission", "invalid", "invalid"]
    assert centre.contact_row(contact)[0] == "in_progress"


def test_an_operation_naming_no_row_fails_the_call_and_applies_nothing(centre, cast) -> None:
    """A row id that is not a UUID fails the whole call (the centre locks the rows a batch
    updates before applying it): nothing of the batch is applied, and the next push works."""
    contact, token = centre.held_by(cast.alice)
    upto = cast.alice.push([])["upto"]
    note = uuid.uuid4()
    ops = [
        cast.alice.op("insert", "note", note, {
            "id": str(note), "contact_id": str(contact), "body": "n", "during_call": False,
        }),
        cast.alice.op("update", "contact", "x", {"status": "closed"}, claim=token, before={}),
    ]  # fmt: skip
    with pytest.raises(psycopg.Error) as err:
        cast.alice.push(ops)
    assert err.value.sqlstate == "22P02"
    cast.alice.seqs[cast.alice.workstation] -= 2
    assert cast.alice.push([])["upto"] == upto
    assert not centre.scalar("SELECT count(*) FROM note WHERE id = %s", (note,))
    assert centre.contact_row(contact)[0] == "in_progress"


# -- the workstation's progress ------------------------------------------------------------------


def test_a_push_under_a_colleagues_workstation_leaves_their_progress_alone(centre, cast) -> None:
    contact, _ = centre.held_by(cast.bob)
    desk = uuid.uuid4()

    def note(session: Session, seq: int) -> dict:
        op = session.op("insert", "note", uuid.uuid4(), {
            "contact_id": str(contact), "body": f"{session.login} {seq}", "during_call": False,
        }, workstation=desk)  # fmt: skip
        op["seq"] = seq
        op["values"]["id"] = op["row_id"]
        return op

    first = [note(cast.bob, 1), note(cast.bob, 2)]
    assert cast.bob.push(first, desk)["upto"] == 2
    # Alice replays Bob's numbers with other operations, and jumps far ahead, on his desk.
    hostile = cast.alice.push(
        [note(cast.alice, 1), note(cast.alice, 2), note(cast.alice, 50)], desk
    )
    assert hostile["upto"] == 50
    assert set(hostile["refused"]) == {"1", "2", "50"}  # the contact is not hers
    # Bob's replay is recognised, and his next operation goes through.
    replay = cast.bob.push(first, desk)
    assert (replay["upto"], replay["refused"], replay.get("diverged")) == (2, {}, None)
    assert cast.bob.push([note(cast.bob, 3)], desk)["upto"] == 3
    assert centre.rows(
        "SELECT login, last_seq FROM applied_ops WHERE workstation_id = %s ORDER BY login",
        (desk,),
    ) == sorted([(cast.alice.login, 50), (cast.bob.login, 3)])
    refused_for_bob = centre.scalar(
        "SELECT count(*) FROM sync_refusal WHERE workstation_id = %s AND login = %s",
        (desk, cast.bob.login),
    )
    assert refused_for_bob == 0
