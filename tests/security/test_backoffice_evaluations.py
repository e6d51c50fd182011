"""Hostile sessions against case review: an advisor's own login (and a supervisor's beyond their
rights) calling the evaluation and review functions, writing the tables directly, answering a
colleague's evaluation, reading a colleague's evaluation or answer. Each must be refused by the
centre itself, with nothing written."""

import json
import uuid
from types import SimpleNamespace

import pytest
from hostile_session import Centre

pytestmark = [pytest.mark.postgres, pytest.mark.attack]

EVALUATE = "SELECT relais_evaluate(%s, %s, %s, %s, %s::jsonb, %s, '')"
SCORES = json.dumps({"tone": 3})


@pytest.fixture(scope="module")
def scene(centre: Centre, cast: SimpleNamespace) -> SimpleNamespace:
    """A scorecard; a closed contact of Alice's and one of Bob's (their team's), each with a
    wrap-up and a review item; the chief's evaluation of Alice's, which she answered."""
    card, version = uuid.uuid4(), uuid.uuid4()
    centre.owner.execute(
        "INSERT INTO scorecard (id, name, current_version, active, created_at) "
        "VALUES (%s, %s, 1, true, now())",
        (card, f"Grille {card.hex[:6]}"),
    )
    centre.owner.execute(
        "INSERT INTO scorecard_version (id, scorecard_id, version, criteria, created_at) "
        "VALUES (%s, %s, 1, %s, now())",
        (version, card, json.dumps([{"key": "tone", "label": "Ton", "weight": 1.0}])),
    )
    contacts, items = {}, {}
    for who in (cast.alice, cast.bob):
        contact = centre.closed_by(who)
        centre.wrap_up(who.id, contact, assessment=1)
        items[who.login] = uuid.uuid4()
        centre.owner.execute(
            "INSERT INTO review_item (id, contact_id, reason, created_by, created_at) "
            "VALUES (%s, %s, 'low_self_assessment', %s, now())",
            (items[who.login], contact, who.id),
        )
        contacts[who.login] = contact
    evaluation = uuid.uuid4()
    # The legitimate path works: the chief evaluates Alice's contact, she answers.
    score = cast.chief.scalar(
        EVALUATE, (evaluation, contacts[cast.alice.login], "manager", version, SCORES, 2)
    )
    assert score == 66.7
    reply = uuid.uuid4()
    cast.alice.conn.execute(
        "SELECT relais_reply_evaluation(%s, %s, 'contest', 'Le client était content')",
        (reply, evaluation),
    )
    return SimpleNamespace(
        card=card, version=version, contacts=contacts, items=items, evaluation=evaluation,
        reply=reply,
    )  # fmt: skip


def _evaluations(centre: Centre) -> int:
    return centre.scalar("SELECT count(*) FROM evaluation")


@pytest.mark.parametrize("kind", ["manager", "quality"])
def test_an_advisor_may_not_evaluate_a_colleagues_contact(centre, cast, scene, kind) -> None:
    before = _evaluations(centre)
    bob = scene.contacts[cast.bob.login]
    cast.alice.refused(EVALUATE, (uuid.uuid4(), bob, kind, scene.version, SCORES, 4))
    assert _evaluations(centre) == before


def test_a_supervisor_may_not_evaluate_as_quality_nor_another_team(centre, cast, scene) -> None:
    before = _evaluations(centre)
    bob = scene.contacts[cast.bob.login]
    cast.chief.refused(EVALUATE, (uuid.uuid4(), bob, "quality", scene.version, SCORES, 4))
    cast.south_chief.refused(EVALUATE, (uuid.uuid4(), bob, "manager", scene.version, SCORES, 4))
    assert _evaluations(centre) == before


@pytest.mark.parametrize("function", ["relais_review_take", "relais_review_done"])
def test_an_advisor_may_not_take_or_finish_a_review_item(centre, cast, scene, function) -> None:
    item = scene.items[cast.bob.login]
    cast.alice.refused(f"SELECT * FROM {function}(%s)", (item,))
    cast.bob.refused(f"SELECT * FROM {function}(%s)", (item,))  # not even one's own
    cast.south_chief.refused(f"SELECT * FROM {function}(%s)", (item,))  # another team's
    state = centre.scalar("SELECT state FROM review_item WHERE id = %s", (item,))
    assert state == "to_review"


def test_an_advisor_may_not_insert_an_evaluation_even_claiming_to_evaluate(
    centre, cast, scene
) -> None:
    before = _evaluations(centre)
    insert = (
        "INSERT INTO evaluation (id, contact_id, evaluator_id, advisor_id, kind, score, comment, "
        "created_at) VALUES (%s, %s, %s, %s, 'manager', 4, 'parfait', now())"
    )
    values = (uuid.uuid4(), scene.contacts[cast.alice.login], cast.chief.id, cast.alice.id)
    cast.alice.refused(insert, values)
    with cast.alice.conn.transaction():
        cast.alice.conn.execute("SELECT set_config('relais.evaluating', 'on', true)")
        cast.alice.refused(insert, values)
    cast.alice.refused("UPDATE evaluation SET score = 4 WHERE id = %s", (scene.evaluation,))
    cast.alice.refused("DELETE FROM evaluation WHERE id = %s", (scene.evaluation,))
    assert _evaluations(centre) == before
    assert centre.scalar("SELECT score FROM evaluation WHERE id = %s", (scene.evaluation,)) == 2


def test_an_advisor_may_not_write_scorecards(centre, cast, scene) -> None:
    alice = cast.alice
    alice.refused(
        "INSERT INTO scorecard (id, name, current_version, active, created_at) "
        "VALUES (%s, 'La mienne', 1, true, now())",
        (uuid.uuid4(),),
    )
    alice.refused(
        "INSERT INTO scorecard_version (id, scorecard_id, version, criteria, created_at) "
        "VALUES (%s, %s, 2, '[]', now())",
        (uuid.uuid4(), scene.card),
    )
    alice.refused("UPDATE scorecard_version SET criteria = '[]' WHERE id = %s", (scene.version,))
    alice.refused("UPDATE scorecard SET active = false WHERE id = %s", (scene.card,))
    criteria = json.dumps([{"key": "tone", "label": "Ton", "weight": 1}])
    alice.refused(
        "SELECT relais_scorecard_create(%s, %s, 'La mienne', %s::jsonb)",
        (uuid.uuid4(), uuid.uuid4(), criteria),
    )
    alice.refused(
        "SELECT relais_scorecard_revise(%s, %s, %s::jsonb)", (scene.card, uuid.uuid4(), criteria)
    )
    alice.refused("SELECT relais_scorecard_retire(%s)", (scene.card,))
    assert (
        centre.scalar(
            "SELECT count(*) FROM scorecard_version WHERE scorecard_id = %s", (scene.card,)
        )
        == 1
    )
    assert centre.scalar("SELECT active FROM scorecard WHERE id = %s", (scene.card,)) is True


def test_an_advisor_may_not_answer_a_colleagues_evaluation(centre, cast, scene) -> None:
    for colleague in (cast.bob, cast.carol, cast.chief):
        colleague.refused(
            "SELECT relais_reply_evaluation(%s, %s, 'agree', '')", (uuid.uuid4(), scene.evaluation)
        )
    cast.bob.refused(
        "INSERT INTO evaluation_reply (id, evaluation_id, advisor_id, stance, comment, created_at)"
        " VALUES (%s, %s, %s, 'agree', '', now())",
        (uuid.uuid4(), scene.evaluation, cast.alice.id),
    )
    replies = centre.scalar(
        "SELECT count(*) FROM evaluation_reply WHERE evaluation_id = %s", (scene.evaluation,)
    )
    assert replies == 1  # Alice's own


def test_an_advisor_may_not_read_a_colleagues_evaluation_nor_its_answer(cast, scene) -> None:
    for colleague in (cast.bob, cast.carol):
        assert colleague.rows("SELECT id FROM evaluation WHERE id = %s", (scene.evaluation,)) == []
        assert colleague.rows("SELECT id FROM evaluation_reply WHERE id = %s", (scene.reply,)) == []
        assert colleague.rows(
            "SELECT id FROM evaluation WHERE contact_id = %s", (scene.contacts[cast.alice.login],)
        ) == []  # fmt: skip
    # The other team's supervisor neither; Alice, her evaluator and her supervisor do.
    assert (
        cast.south_chief.rows("SELECT id FROM evaluation WHERE id = %s", (scene.evaluation,)) == []
    )
    for reader in (cast.alice, cast.chief, cast.boss):
        assert (
            reader.scalar("SELECT count(*) FROM evaluation WHERE id = %s", (scene.evaluation,)) == 1
        )
        assert (
            reader.scalar("SELECT count(*) FROM evaluation_reply WHERE id = %s", (scene.reply,))
            == 1
        )
