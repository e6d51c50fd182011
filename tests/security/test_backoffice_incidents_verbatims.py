"""Hostile sessions against incidents and the verbatim board: an advisor's own login calling
the supervisors' functions, writing the tables directly, tagging a colleague's contact, reading
the board; a supervisor pinning another team's customer. Each refused by the centre itself."""

import json
import uuid

import pytest

pytestmark = [pytest.mark.postgres, pytest.mark.attack]

PUBLISH = "SELECT relais_publish_incident(%s, %s, '', NULL, NULL, NULL)"
PIN = "SELECT relais_pin_verbatim(%s, %s, %s, %s::jsonb)"


def _incidents(centre) -> int:
    return centre.scalar("SELECT count(*) FROM incident")


def test_an_advisor_may_not_publish_nor_end_an_incident(centre, cast) -> None:
    before = _incidents(centre)
    cast.alice.refused(PUBLISH, (uuid.uuid4(), "Fausse panne"))
    made = uuid.uuid4()
    cast.chief.conn.execute(PUBLISH, (made, "Vraie panne"))
    cast.alice.refused("SELECT relais_end_incident(%s)", (made,))
    assert _incidents(centre) == before + 1
    assert centre.scalar("SELECT ended_at FROM incident WHERE id = %s", (made,)) is None


def test_no_one_writes_incidents_directly(centre, cast, attacker) -> None:
    before = _incidents(centre)
    attacker.refused(
        "INSERT INTO incident (id, title, description, started_at) VALUES (%s, 'x', '', now())",
        (uuid.uuid4(),),
    )
    attacker.refused("UPDATE incident SET ended_at = now()")
    assert _incidents(centre) == before


def test_an_incident_ending_before_it_starts_is_refused(centre, cast) -> None:
    cast.chief.refused(
        "SELECT relais_publish_incident(%s, 'Panne', '', NULL, now(), now() - interval '1 hour')",
        (uuid.uuid4(),),
        sqlstate="23514",
    )


def test_an_advisor_may_not_tag_a_colleagues_contact(centre, cast) -> None:
    made = uuid.uuid4()
    cast.chief.conn.execute(PUBLISH, (made, "Panne de tags"))
    theirs, _token = centre.held_by(cast.bob)
    assert cast.alice.scalar("SELECT relais_tag_incident(%s, %s)", (theirs, made)) is False
    assert centre.scalar("SELECT incident_id FROM contact WHERE id = %s", (theirs,)) is None
    mine, _token = centre.held_by(cast.alice)
    assert cast.alice.scalar("SELECT relais_tag_incident(%s, %s)", (mine, made)) is True


def test_an_advisor_may_not_pin_nor_read_the_board(centre, cast) -> None:
    contact = centre.closed_by(cast.alice)
    cast.alice.refused(PIN, (uuid.uuid4(), contact, "Super", json.dumps([])))
    pinned = uuid.uuid4()
    cast.chief.conn.execute(PIN, (pinned, contact, "Très bon accueil", json.dumps(["accueil"])))
    assert cast.alice.scalar("SELECT count(*) FROM verbatim") == 0
    cast.alice.refused(
        "INSERT INTO verbatim (id, contact_id, quote, tags, pinned_by, pinned_at) "
        "VALUES (%s, %s, 'x', '[]', %s, now())",
        (uuid.uuid4(), contact, cast.alice.id),
    )
    cast.alice.refused("SELECT relais_unpin_verbatim(%s)", (pinned,))
    assert centre.scalar("SELECT count(*) FROM verbatim WHERE id = %s", (pinned,)) == 1


def test_a_supervisor_may_not_pin_nor_read_another_teams_words(centre, cast) -> None:
    contact = centre.closed_by(cast.carol)  # the other team's
    cast.chief.refused(PIN, (uuid.uuid4(), contact, "Pas le mien", json.dumps([])))
    theirs = uuid.uuid4()
    cast.south_chief.conn.execute(PIN, (theirs, contact, "Le leur", json.dumps([])))
    assert cast.chief.scalar("SELECT count(*) FROM verbatim WHERE id = %s", (theirs,)) == 0
    assert cast.chief.scalar("SELECT relais_unpin_verbatim(%s)", (theirs,)) is False
