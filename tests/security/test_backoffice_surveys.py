"""Survey answers on a PostgreSQL centre, attacked with users' own logins: only supervisors and
administrators import them, a supervisor only for their team's contacts, through
relais_import_surveys alone; nobody writes survey_answer directly, nor chooses what the centre
stamps."""

import json
import uuid

import pytest
from hostile_session import Centre, Session

pytestmark = [pytest.mark.postgres, pytest.mark.attack]

CALL = "SELECT line, outcome, contact FROM relais_import_surveys(%s::jsonb)"


def _row(centre: Centre, contact: uuid.UUID, line: int = 2, **values) -> dict:
    reference = centre.scalar("SELECT reference FROM contact WHERE id = %s", (contact,))
    return {
        "line": line,
        "reference": reference,
        "csat": 4,
        "nps": None,
        "effort": None,
        "comment": "bien",
        "answered_at": centre.scalar("SELECT (closed_at + interval '1 hour')::text FROM contact "
                                     "WHERE id = %s", (contact,)),
        **values,
    }  # fmt: skip


def _answers(centre: Centre, contact: uuid.UUID) -> list[tuple]:
    return centre.rows(
        "SELECT csat, comment, imported_at FROM survey_answer WHERE contact_id = %s", (contact,)
    )


def _import(session: Session, rows: list[dict]) -> list[tuple]:
    return session.rows(CALL, (json.dumps(rows),))


def test_an_advisor_cannot_import_survey_answers(centre, cast) -> None:
    contact = centre.closed_by(cast.alice)
    cast.alice.refused(CALL, (json.dumps([_row(centre, contact)]),))
    assert _answers(centre, contact) == []


def test_a_supervisor_cannot_import_for_another_teams_contact(centre, cast) -> None:
    theirs = centre.closed_by(cast.carol)
    mine = centre.closed_by(cast.bob)
    answered = _import(cast.chief, [_row(centre, theirs), _row(centre, mine, line=3)])
    assert answered == [(2, "other_team", theirs), (3, "imported", mine)]
    assert _answers(centre, theirs) == []
    assert len(_answers(centre, mine)) == 1
    # ... and the other team's supervisor may, once.
    assert _import(cast.south_chief, [_row(centre, theirs)]) == [(2, "imported", theirs)]
    assert _import(cast.south_chief, [_row(centre, theirs)]) == [(2, "already", theirs)]


@pytest.mark.parametrize(
    "statement",
    [
        "INSERT INTO survey_answer (id, contact_id, csat, comment, answered_at) "
        "VALUES (gen_random_uuid(), %s, 5, 'forgé', now())",
        "UPDATE survey_answer SET csat = 1 WHERE contact_id = %s",
        "DELETE FROM survey_answer WHERE contact_id = %s",
    ],
)
def test_nobody_writes_survey_answer_directly(centre, cast, attacker, statement) -> None:
    contact = centre.closed_by(cast.alice)
    if "INSERT" not in statement:
        assert _import(cast.boss, [_row(centre, contact)])[0][1] == "imported"
    before = _answers(centre, contact)
    attacker.refused(statement, (contact,))
    assert _answers(centre, contact) == before


def test_the_centre_stamps_the_import_and_keeps_the_stored_answer(centre, cast) -> None:
    contact = centre.closed_by(cast.bob)
    forged = _row(centre, contact, imported_at="2000-01-01T00:00:00Z", id=str(uuid.uuid4()))
    assert _import(cast.chief, [forged])[0][1] == "imported"
    ((csat, comment, stamped),) = _answers(centre, contact)
    assert stamped.year > 2000 and (csat, comment) == (4, "bien")
    # A different answer afterwards is a conflict: the first stays.
    assert _import(cast.chief, [_row(centre, contact, csat=1, comment="nul")])[0][1] == "conflict"
    assert [a[:2] for a in _answers(centre, contact)] == [(4, "bien")]


@pytest.mark.parametrize(
    "values",
    [
        {"csat": 9},
        {"csat": 0},
        {"csat": None},
        {"nps": 11},
        {"effort": 0},
        {"comment": "x" * 10_001},
        {"answered_at": None},
        {"reference": ""},
    ],
)
def test_values_off_the_scales_are_refused_row_by_row(centre, cast, values) -> None:
    contact = centre.closed_by(cast.bob)
    good = centre.closed_by(cast.bob)
    answered = _import(cast.chief, [_row(centre, contact, **values), _row(centre, good, line=3)])
    assert [a[1] for a in answered] == ["invalid", "imported"]
    assert _answers(centre, contact) == []


def test_a_call_is_bounded(centre, cast) -> None:
    contact = centre.closed_by(cast.bob)
    cast.chief.refused(CALL, (json.dumps([_row(centre, contact)] * 5001),), sqlstate="54000")
    cast.chief.refused(CALL, (json.dumps({"not": "an array"}),), sqlstate="22023")
    cast.chief.refused(CALL, (json.dumps([1, 2]),), sqlstate="22023")
    assert _answers(centre, contact) == []
