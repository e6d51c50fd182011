"""Evaluations on both kinds of centre: who may enter which, what the centre sets (evaluator,
advisor evaluated, time, quality score, the evaluation replaced), blind entry, the advisor's
answer and their own evaluated contacts. Expected values are worked out by hand from the
casebook (tests/backoffice/casebook.py)."""

from datetime import timedelta

import psycopg
import pytest
from casebook import CENTRES, made
from sqlalchemy import func, make_url, select

from app.backoffice import evaluations, scorecards
from app.backoffice.evaluations import BLIND_NOTE, quality_score
from app.backoffice.scorecards import Criterion
from app.clock import utcnow
from app.enums import EvaluatorKind
from app.errors import Conflict, InputError, NotFound
from app.models import ChangeLog, Evaluation, EvaluationReply

GRID = [
    Criterion("greeting", "Accueil", 1),
    Criterion("solution", "Solution", 2),
    Criterion("tone", "Ton", 1),
]
GOOD = {"greeting": 4, "solution": 3, "tone": 2}  # (4 + 6 + 2) / 4 = 3 -> 66.7


@pytest.fixture(params=CENTRES)
def book(request, tmp_path):
    yield from made(request, tmp_path)


@pytest.fixture(params=[pytest.param("postgres", marks=pytest.mark.postgres)])
def pg_book(request, tmp_path):
    yield from made(request, tmp_path)


@pytest.fixture
def grid(book):
    return scorecards.create(book.office("boss"), "Qualité", GRID).current


def _count(book, model=Evaluation) -> int:
    with book.truth.session() as s:
        return s.scalar(select(func.count(model.id)))


def test_the_quality_score_is_the_weighted_mean_on_0_to_100_rounded_half_up() -> None:
    assert quality_score(GRID, GOOD) == 66.7
    assert quality_score(GRID, {"greeting": 1, "solution": 1, "tone": 1}) == 0.0
    assert quality_score(GRID, {"greeting": 4, "solution": 4, "tone": 4}) == 100.0
    # (1999 * 1 + 1 * 4) / 2000 = 1.0015 -> 0.05 exactly: half up, not to even.
    assert (
        quality_score([Criterion("a", "A", 1999), Criterion("b", "B", 1)], {"a": 1, "b": 4}) == 0.1
    )


def test_a_supervisor_evaluates_a_closed_contact_of_their_team(book, grid) -> None:
    before = utcnow()
    saved = evaluations.evaluate(
        book.office("chief"), book.contacts["N1"], "manager", grid.id, GOOD, 2, "  À revoir  "
    )
    assert (saved.kind, saved.score, saved.quality_score, saved.comment) == (
        EvaluatorKind.MANAGER, 2, 66.7, "À revoir",
    )  # fmt: skip
    assert (saved.evaluator_id, saved.evaluator) == (book.ids["chief"], "Chloé Chef")
    assert saved.advisor_id == book.ids["alice"]  # who closed it
    assert (saved.scorecard_name, saved.scorecard_version, saved.supersedes_id) == (
        "Qualité",
        1,
        None,
    )
    assert [(c.key, c.weight, c.score) for c in saved.criteria] == [
        ("greeting", 1.0, 4), ("solution", 2.0, 3), ("tone", 1.0, 2),
    ]  # fmt: skip
    assert before - timedelta(minutes=1) <= saved.created_at <= utcnow() + timedelta(minutes=1)
    with book.truth.session() as s:
        row = s.get(Evaluation, saved.id)
        assert row.criteria == GOOD and row.scorecard_version_id == grid.id
        # Synced: the change log carries it to the workstations that may read it.
        logged = select(func.count()).where(
            ChangeLog.table_name == "evaluation", ChangeLog.row_id == saved.id
        )
        assert s.scalar(logged) == 1


def test_both_centres_round_the_quality_score_half_up(book) -> None:
    card = scorecards.create(
        book.office("boss"), "Poids", [Criterion("a", "A", 999.5), Criterion("b", "B", 0.5)]
    )
    # (999.5 * 1 + 0.5 * 4) / 1000 = 1.0015 -> (0.0015 * 100 / 3) = 0.05 exactly
    saved = evaluations.evaluate(
        book.office("chief"), book.contacts["N1"], "manager", card.current.id, {"a": 1, "b": 4}, 2
    )
    assert saved.quality_score == 0.1


def test_a_second_evaluation_of_the_same_kind_replaces_the_first(book, grid) -> None:
    chief = book.office("chief")
    first = evaluations.evaluate(chief, book.contacts["N1"], "manager", grid.id, GOOD, 2)
    second = evaluations.evaluate(
        chief, book.contacts["N1"], "manager", grid.id, {"greeting": 1, "solution": 2, "tone": 1}, 1
    )
    assert second.supersedes_id == first.id
    assert second.quality_score == 16.7  # (1 + 4 + 1) / 4 = 1.5 -> 50 / 3
    view = evaluations.case_view(chief, book.contacts["N1"])
    assert [e.id for e in view.mine] == [second.id]  # the one in force
    # The administrator's manager evaluation is theirs: it replaces nobody's.
    boss = evaluations.evaluate(
        book.office("boss"), book.contacts["N1"], "manager", grid.id, GOOD, 3
    )
    assert boss.supersedes_id is None
    assert _count(book) == 3


@pytest.mark.parametrize(
    ("who", "ref", "kind", "error", "message"),
    [
        ("alice", "N4", "manager", InputError, "may not enter this kind"),
        ("alice", "N4", "quality", InputError, "may not enter this kind"),
        ("chief", "N1", "quality", InputError, "may not enter this kind"),  # no quality reviewer
        ("chief", "S1", "manager", InputError, "not of your team"),
        ("south", "N1", "manager", InputError, "not of your team"),
        ("chief", "N0", "manager", InputError, "closed yourself"),
        ("chief", "NQ", "manager", Conflict, "not closed yet"),
        ("chief", "N1", "expert", InputError, "manager or quality"),
    ],
)
def test_who_may_not_evaluate_what(book, grid, who, ref, kind, error, message) -> None:
    with pytest.raises(error, match=message):
        evaluations.evaluate(book.office(who), book.contacts[ref], kind, grid.id, GOOD, 3)
    assert _count(book) == 0


def test_a_quality_reviewer_and_an_administrator_evaluate_any_team(book, grid) -> None:
    quality = evaluations.evaluate(
        book.office("quality"), book.contacts["N1"], "quality", grid.id, GOOD, 3
    )
    assert (quality.kind, quality.advisor_id) == (EvaluatorKind.QUALITY, book.ids["alice"])
    boss = book.office("boss")
    for kind in ("manager", "quality"):
        evaluations.evaluate(boss, book.contacts["S1"], kind, grid.id, GOOD, 2)
    assert _count(book) == 3


@pytest.mark.parametrize(
    ("scores", "estimate", "message"),
    [
        ({"greeting": 4, "solution": 3}, 3, "no other"),  # one missing
        ({**GOOD, "empathy": 2}, 3, "no other"),  # one too many
        ({"greeting": 4, "solution": 5, "tone": 2}, 3, "from 1 to 4"),
        ({"greeting": 4, "solution": True, "tone": 2}, 3, "from 1 to 4"),
        (GOOD, 0, r"\(1 to 4\)"),
        (GOOD, 5, r"\(1 to 4\)"),
    ],
)
def test_every_criterion_is_scored_1_to_4_and_no_other(
    book, grid, scores, estimate, message
) -> None:
    with pytest.raises(InputError, match=message):
        evaluations.evaluate(
            book.office("chief"), book.contacts["N1"], "manager", grid.id, scores, estimate
        )
    assert _count(book) == 0


def test_a_missing_version_or_contact(book, grid) -> None:
    chief = book.office("chief")
    with pytest.raises(NotFound, match="scorecard"):
        evaluations.evaluate(chief, book.contacts["N1"], "manager", book.incident, GOOD, 3)
    with pytest.raises(NotFound, match="contact"):
        evaluations.evaluate(chief, book.incident, "manager", grid.id, GOOD, 3)


def test_entry_is_blind_until_the_evaluator_saves(book, grid) -> None:
    quality = book.office("quality")
    evaluations.evaluate(quality, book.contacts["N1"], "quality", grid.id, GOOD, 4, "Très bien")
    chief = book.office("chief")
    view = evaluations.case_view(chief, book.contacts["N1"])
    assert view.blind is True
    assert (view.self_assessment, view.survey, view.others, view.mine) == (None, None, (), ())
    assert view.wrap_up is not None and view.wrap_up.self_assessment is None
    assert view.wrap_up.reason_label_fr == "Facturation"  # the rest of the wrap-up shows
    assert view.can_evaluate == {EvaluatorKind.MANAGER}
    assert (view.reference, view.advisor, view.team) == ("T-N1", "Alice Martin", "Équipe Nord")
    assert [h.advisor for h in view.history] == ["Alice Martin"]
    assert BLIND_NOTE == "Hidden until you save your evaluation"

    mine = evaluations.evaluate(chief, book.contacts["N1"], "manager", grid.id, GOOD, 1)
    view = evaluations.case_view(chief, book.contacts["N1"])
    assert view.blind is False
    assert view.self_assessment == 1 and view.wrap_up.self_assessment == 1
    assert (view.survey.csat, view.survey.csat_four, view.survey.comment) == (5, 4, "Avis N1")
    assert [e.id for e in view.mine] == [mine.id]
    assert [(e.kind, e.score, e.comment) for e in view.others] == [
        (EvaluatorKind.QUALITY, 4, "Très bien")
    ]


def test_the_closer_is_the_one_whose_self_assessment_shows(book, grid) -> None:
    chief = book.office("chief")
    evaluations.evaluate(chief, book.contacts["N2"], "manager", grid.id, GOOD, 3)
    view = evaluations.case_view(chief, book.contacts["N2"])
    assert view.self_assessment == 4  # Alice's; Bob's earlier part said 1
    assert [(w.advisor, w.self_assessment) for w in view.wrap_ups] == [
        ("Bob Durand", 1), ("Alice Martin", 4),
    ]  # fmt: skip
    assert view.survey.csat == 4


def test_an_advisor_reads_their_own_case_with_its_evaluations_and_no_one_elses(book, grid) -> None:
    evaluations.evaluate(book.office("chief"), book.contacts["N1"], "manager", grid.id, GOOD, 2)
    evaluations.evaluate(book.office("quality"), book.contacts["N1"], "quality", grid.id, GOOD, 3)
    alice = book.office("alice")
    view = evaluations.case_view(alice, book.contacts["N1"])
    assert view.blind is False and view.can_evaluate == frozenset()
    assert view.self_assessment == 1 and view.survey.csat == 5
    assert sorted(e.kind for e in view.others) == [EvaluatorKind.MANAGER, EvaluatorKind.QUALITY]
    with pytest.raises(InputError, match="only the cases you closed"):
        evaluations.case_view(alice, book.contacts["N4"])  # Bob's
    with pytest.raises(InputError, match="own team only"):
        evaluations.case_view(book.office("south"), book.contacts["N1"])


def test_the_advisor_agrees_or_contests_with_a_reason_once(book, grid) -> None:
    chief = book.office("chief")
    manager = evaluations.evaluate(chief, book.contacts["N1"], "manager", grid.id, GOOD, 2)
    quality = evaluations.evaluate(
        book.office("quality"), book.contacts["N1"], "quality", grid.id, GOOD, 3
    )
    alice = book.office("alice")
    with pytest.raises(InputError, match="why you contest"):
        evaluations.reply(alice, manager.id, "contest", "   ")
    with pytest.raises(InputError, match="agree with the evaluation or contest"):
        evaluations.reply(alice, manager.id, "maybe", "")
    answer = evaluations.reply(alice, manager.id, "contest", " Le client était déjà satisfait ")
    assert (answer.stance, answer.comment) == ("contest", "Le client était déjà satisfait")
    with pytest.raises(Conflict, match="already answered"):
        evaluations.reply(alice, manager.id, "agree")
    evaluations.reply(alice, quality.id, "agree")
    with pytest.raises(InputError, match="Only the advisor evaluated"):
        evaluations.reply(book.office("bob"), quality.id, "agree")
    with pytest.raises(InputError, match="Only the advisor evaluated"):
        evaluations.reply(chief, manager.id, "agree")
    # The supervisor reads the answer beside their evaluation.
    (seen,) = evaluations.case_view(chief, book.contacts["N1"]).mine
    assert seen.reply == answer
    assert _count(book, EvaluationReply) == 2
    # An evaluation its evaluator replaced takes no answer.
    newer = evaluations.evaluate(chief, book.contacts["N1"], "manager", grid.id, GOOD, 3)
    evaluations.evaluate(chief, book.contacts["N1"], "manager", grid.id, GOOD, 4)
    with pytest.raises(Conflict, match="replaced"):
        evaluations.reply(alice, newer.id, "agree")


def test_my_evaluations_are_the_advisors_own_evaluated_contacts(book, grid) -> None:
    chief = book.office("chief")
    first = evaluations.evaluate(chief, book.contacts["N1"], "manager", grid.id, GOOD, 2)
    evaluations.evaluate(chief, book.contacts["N3"], "manager", grid.id, GOOD, 2)  # Bob's
    later = evaluations.evaluate(chief, book.contacts["N5"], "manager", grid.id, GOOD, 4)
    evaluations.reply(book.office("alice"), first.id, "agree", "Oui")
    mine = evaluations.my_evaluations(book.office("alice"))
    assert [(c.reference, c.self_assessment, c.csat) for c in mine] == [
        ("T-N5", 4, 2), ("T-N1", 1, 5),
    ]  # fmt: skip
    assert [e.id for e in mine[0].evaluations] == [later.id]
    assert mine[1].evaluations[0].reply.comment == "Oui"
    assert [c.reference for c in evaluations.my_evaluations(book.office("bob"))] == ["T-N3"]
    assert evaluations.my_evaluations(book.office("carol")) == []
    assert len(evaluations.my_evaluations(book.office("alice"), limit=1, offset=1)) == 1


def test_the_centre_itself_refuses_what_the_service_checks_first(pg_book) -> None:
    """relais_evaluate decides, whatever a client of its own sends."""
    book = pg_book
    version = scorecards.create(book.office("boss"), "Qualité", GRID).current.id
    url = make_url(book.centre.user_url(book.logins["chief"])).set(drivername="postgresql")
    call = "SELECT relais_evaluate(gen_random_uuid(), %s, 'manager', %s, %s::jsonb, %s, '')"
    with psycopg.connect(url.render_as_string(hide_password=False), autocommit=True) as chief:
        for scores, estimate, key in (
            ('{"greeting": 4, "solution": 3, "tone": 5}', 3, "bad_scores"),
            ('{"greeting": 4, "solution": 3, "tone": 2.0}', 3, "bad_scores"),
            ('{"greeting": "4", "solution": 3, "tone": 2}', 3, "bad_scores"),
            ('{"greeting": 4, "solution": 3}', 3, "criteria_mismatch"),
            ('{"greeting": 4, "solution": 3, "tone": 2, "x": 1}', 3, "criteria_mismatch"),
            ("[4, 3, 2]", 3, "bad_scores"),
            ('{"greeting": 4, "solution": 3, "tone": 2}', 7, "bad_estimate"),
        ):
            with pytest.raises(psycopg.Error) as refused:
                chief.execute(call, (book.contacts["N1"], version, scores, estimate))
            assert refused.value.diag.message_primary.startswith(f"{key}:")
            assert refused.value.sqlstate == "22023"
    assert _count(book) == 0
