"""Scorecards on both kinds of centre: made, versioned, retired by supervisors; refused with a
clear message when they have no criteria, repeated keys, weights of 0 or less, no name; a
version never changes once written and an evaluation keeps the one it was made with."""

import pytest
from casebook import CENTRES, made
from sqlalchemy import func, select

from app.backoffice import evaluations, scorecards
from app.backoffice.scorecards import Criterion
from app.errors import Conflict, InputError
from app.models import Scorecard, ScorecardVersion

GRID = [
    Criterion("greeting", "  Accueille le client ", 1),
    Criterion("solution", "Apporte une solution", 2),
    Criterion("tone", "Ton adapté", 1.0),
]


@pytest.fixture(params=CENTRES)
def book(request, tmp_path):
    yield from made(request, tmp_path)


def _rows(book) -> tuple[int, int]:
    with book.truth.session() as s:
        return (
            s.scalar(select(func.count(Scorecard.id))),
            s.scalar(select(func.count(ScorecardVersion.id))),
        )


def test_a_scorecard_is_made_at_version_one_and_listed_with_it(book) -> None:
    office = book.office("chief")
    card = scorecards.create(office, "  Qualité e-mail ", GRID)
    assert (card.name, card.active, card.current.number) == ("Qualité e-mail", True, 1)
    assert card.current.criteria == (
        Criterion("greeting", "Accueille le client", 1.0),
        Criterion("solution", "Apporte une solution", 2.0),
        Criterion("tone", "Ton adapté", 1.0),
    )
    other = scorecards.create(book.office("boss"), "Appels", [Criterion("listening", "Écoute")])
    listed = scorecards.active(book.office("alice"))  # everyone reads the scorecards
    assert [(c.name, c.current.number) for c in listed] == [("Appels", 1), ("Qualité e-mail", 1)]
    assert listed[0].id == other.id
    with book.truth.session() as s:
        version = s.get(ScorecardVersion, card.current.id)
        assert version.author_id == book.ids["chief"]
        assert version.criteria == [
            {"key": "greeting", "label": "Accueille le client", "weight": 1.0},
            {"key": "solution", "label": "Apporte une solution", "weight": 2.0},
            {"key": "tone", "label": "Ton adapté", "weight": 1.0},
        ]


@pytest.mark.parametrize(
    ("name", "criteria", "message"),
    [
        ("Vide", [], "at least one criterion"),
        ("Doublon", [Criterion("tone", "Ton"), Criterion("tone", "Ton encore")], "same key"),
        ("Nul", [Criterion("tone", "Ton", 0)], "above 0"),
        ("Négatif", [Criterion("tone", "Ton", -1.5)], "above 0"),
        ("Lourd", [Criterion("tone", "Ton", 1001)], "at most 1000"),
        ("   ", GRID, "needs a name"),
        ("Clé", [Criterion("Accueil", "Accueil")], "lowercase letters"),
        ("Libellé", [Criterion("tone", "   ")], "needs a label"),
        ("Poids", [Criterion("tone", "Ton", True)], "a key, a label and a weight"),
    ],
)
def test_bad_scorecards_are_refused_and_nothing_is_written(book, name, criteria, message) -> None:
    with pytest.raises(InputError, match=message):
        scorecards.create(book.office("chief"), name, criteria)
    assert _rows(book) == (0, 0)


def test_a_taken_name_and_an_advisor_are_refused(book) -> None:
    scorecards.create(book.office("chief"), "Qualité", GRID)
    with pytest.raises(InputError, match="Another scorecard"):
        scorecards.create(book.office("south"), "Qualité", GRID[:1])
    with pytest.raises(InputError, match="Only supervisors and administrators"):
        scorecards.create(book.office("alice"), "À moi", GRID)
    assert _rows(book) == (1, 1)


def test_a_new_version_leaves_the_old_one_and_its_evaluations_as_they_were(book) -> None:
    chief = book.office("chief")
    card = scorecards.create(chief, "Qualité", GRID)
    first = card.current
    made_with_first = evaluations.evaluate(
        chief,
        book.contacts["N1"],
        "manager",
        first.id,
        {"greeting": 4, "solution": 3, "tone": 2},
        2,
    )
    second = scorecards.revise(
        chief,
        card.id,
        [Criterion("greeting", "Salue le client", 1), Criterion("empathy", "Empathie", 3)],
    )
    assert (second.number, second.scorecard_id) == (2, card.id)
    assert scorecards.get(chief, card.id).current == second
    assert scorecards.version(chief, first.id) == first  # as written
    # The evaluation made with version 1 still reads with version 1's criteria.
    (kept,) = evaluations.case_view(chief, book.contacts["N1"]).mine
    assert kept.id == made_with_first.id
    assert (kept.scorecard_version, kept.scorecard_version_id) == (1, first.id)
    assert [(c.key, c.label, c.score) for c in kept.criteria] == [
        ("greeting", "Accueille le client", 4),
        ("solution", "Apporte une solution", 3),
        ("tone", "Ton adapté", 2),
    ]
    # An evaluator who opened the case with version 1 may still save with it.
    again = evaluations.evaluate(
        chief,
        book.contacts["N1"],
        "manager",
        first.id,
        {"greeting": 1, "solution": 1, "tone": 1},
        1,
    )
    assert again.scorecard_version == 1 and again.supersedes_id == made_with_first.id
    with pytest.raises(InputError, match="same criteria"):
        scorecards.revise(chief, card.id, list(second.criteria))
    with pytest.raises(InputError, match="Only supervisors"):
        scorecards.revise(book.office("bob"), card.id, GRID)
    assert _rows(book) == (1, 2)


def test_a_retired_scorecard_is_listed_no_more_and_evaluates_nothing(book) -> None:
    chief = book.office("chief")
    card = scorecards.create(chief, "Ancienne grille", GRID)
    assert scorecards.retire(chief, card.id) is True
    assert scorecards.retire(chief, card.id) is False  # retired already
    assert scorecards.active(chief) == []
    assert scorecards.get(chief, card.id).active is False
    with pytest.raises(Conflict, match="retired"):
        evaluations.evaluate(
            chief, book.contacts["N1"], "manager", card.current.id,
            {"greeting": 4, "solution": 3, "tone": 2}, 3,
        )  # fmt: skip
    with pytest.raises(Conflict, match="retired"):
        scorecards.revise(chief, card.id, GRID[:1])
    with pytest.raises(InputError, match="Only supervisors"):
        scorecards.retire(book.office("alice"), card.id)


def test_a_key_is_made_from_a_label() -> None:
    assert scorecards.key_for("Prise de congé !") == "prise_de_conge"
    assert scorecards.key_for("???") == "criterion"
