"""Hostile sessions against template governance: an advisor's own login drafting, approving or
retiring a template, reading a draft; anyone writing templates or versions directly or through
the push (relais.templating turned on by hand or not); a supervisor approving their own draft.
Each refused by the centre itself, with nothing written."""

import json
import uuid
from types import SimpleNamespace

import pytest
from hostile_session import Centre

pytestmark = [pytest.mark.postgres, pytest.mark.attack]

DRAFT = "SELECT * FROM relais_template_draft(%s, %s, %s, 'fr', %s::jsonb, 'Test', %s, %s)"
APPROVE = "SELECT relais_template_approve(%s, %s)"
REFUSED = "permission: templates are changed in the back office"


def _draft(session, key: str, title: str = "Brouillon") -> tuple[uuid.UUID, int]:
    row = session.conn.execute(
        DRAFT, (uuid.uuid4(), uuid.uuid4(), key, json.dumps(["email"]), title, "Texte")
    ).fetchone()
    return row[0], row[1]


@pytest.fixture(scope="module")
def scene(centre: Centre, cast: SimpleNamespace) -> SimpleNamespace:
    """A new template drafted by the chief (never approved), and the seeded template's next
    version drafted by the chief too."""
    fresh, _version = _draft(cast.chief, "hostile_new", "Jamais approuvé")
    seeded = centre.template()
    key = centre.scalar("SELECT key FROM template WHERE id = %s", (seeded,))
    language = centre.scalar("SELECT language FROM template WHERE id = %s", (seeded,))
    row = cast.chief.conn.execute(
        "SELECT * FROM relais_template_draft(%s, %s, %s, %s, '[\"email\"]', 'Test', "
        "'Prochaine version', 'Texte à relire')",
        (uuid.uuid4(), uuid.uuid4(), key, language),
    ).fetchone()
    assert row[0] == seeded
    return SimpleNamespace(fresh=fresh, seeded=seeded, next_version=row[1])


def _state(centre: Centre) -> list[tuple]:
    return centre.rows(
        "SELECT t.id, t.status, t.current_version, t.body, v.version, v.status, v.body "
        "FROM template t LEFT JOIN template_version v ON v.template_id = t.id "
        "ORDER BY t.id, v.version"
    )


def test_an_advisor_may_not_draft_approve_nor_retire(centre, cast, scene) -> None:
    before = _state(centre)
    cast.alice.refused(
        DRAFT, (uuid.uuid4(), uuid.uuid4(), "mine", json.dumps(["email"]), "Moi", "Texte")
    )
    cast.alice.refused(APPROVE, (scene.fresh, 1))
    cast.alice.refused(APPROVE, (scene.seeded, scene.next_version))
    cast.alice.refused("SELECT relais_template_retire(%s)", (scene.seeded,))
    assert _state(centre) == before


def test_an_advisor_reads_no_draft(centre, cast, scene) -> None:
    assert cast.alice.scalar("SELECT count(*) FROM template WHERE id = %s", (scene.fresh,)) == 0
    assert cast.alice.scalar("SELECT count(*) FROM template WHERE status <> 'approved'") == 0
    assert cast.alice.scalar("SELECT count(*) FROM template_version WHERE status = 'draft'") == 0
    assert (
        cast.alice.scalar(
            "SELECT count(*) FROM template_version WHERE template_id = %s AND version = %s",
            (scene.seeded, scene.next_version),
        )
        == 0
    )
    assert cast.alice.scalar("SELECT body FROM template WHERE id = %s", (scene.seeded,)) != (
        "Texte à relire"
    )
    cast.alice.conn.execute("SET row_security = off")
    try:
        cast.alice.refused("SELECT count(*) FROM template")
    finally:
        cast.alice.conn.execute("RESET row_security")
    # The control: the supervisors read them.
    assert cast.chief.scalar("SELECT count(*) FROM template WHERE id = %s", (scene.fresh,)) == 1


@pytest.mark.parametrize("templating", [False, True])
def test_no_one_writes_templates_directly(centre, cast, attacker, scene, templating) -> None:
    before = _state(centre)
    if templating:
        attacker.conn.execute("SET relais.templating = 'on'")
    try:
        attacker.refused("UPDATE template SET status = 'approved', body = 'piraté'")
        attacker.refused(
            "INSERT INTO template (id, key, category, language, channels, title, body, "
            "current_version, active, status) "
            "VALUES (%s, 'evil', 'x', 'fr', '[]', 'x', 'x', 1, true, 'approved')",
            (uuid.uuid4(),),
        )
        attacker.refused("UPDATE template_version SET status = 'approved'")
        attacker.refused(
            "INSERT INTO template_version (id, template_id, version, title, body, created_at, "
            "status) VALUES (%s, %s, 99, 'x', 'x', now(), 'approved')",
            (uuid.uuid4(), scene.seeded),
        )
    finally:
        attacker.conn.execute("RESET relais.templating")
    assert _state(centre) == before


@pytest.mark.parametrize("templating", [False, True])
def test_the_push_carries_no_template(centre, cast, scene, templating) -> None:
    """A supervisor's or administrator's push of a template, a change of one or a version:
    refused, even from a session that turned relais.templating on to pass the guard."""
    before = _state(centre)
    for who in (cast.chief, cast.boss):
        if templating:
            who.conn.execute("SET relais.templating = 'on'")
        try:
            answers = [
                who.update("template", scene.fresh, {"status": "approved", "active": True}),
                who.update("template", scene.seeded, {"body": "piraté"}),
                who.insert("template", {
                    "key": "evil", "category": "x", "language": "fr", "channels": ["email"],
                    "title": "x", "body": "x", "current_version": 1, "active": True,
                    "status": "approved",
                }),
                who.insert("template_version", {
                    "template_id": str(scene.seeded), "version": 99, "title": "x", "body": "x",
                    "created_at": "2026-01-01T00:00:00+00:00", "status": "approved",
                }),
            ]  # fmt: skip
        finally:
            who.conn.execute("RESET relais.templating")
        assert answers == [REFUSED] * 4, who.role
    assert _state(centre) == before


def test_a_supervisor_may_not_approve_their_own_draft(centre, cast, scene) -> None:
    before = _state(centre)
    cast.chief.refused(APPROVE, (scene.fresh, 1))
    cast.chief.refused(APPROVE, (scene.seeded, scene.next_version))
    assert _state(centre) == before
    # Another supervisor may (the other team's: the library is the centre's).
    cast.south_chief.scalar(APPROVE, (scene.fresh, 1))
    assert centre.scalar("SELECT status FROM template WHERE id = %s", (scene.fresh,)) == "approved"
    assert cast.alice.scalar("SELECT count(*) FROM template WHERE id = %s", (scene.fresh,)) == 1
