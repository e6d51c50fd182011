"""The alignment's statistics without a centre: the quadratic kappa against scikit-learn's on
random matrices, the Wilson interval's edges, the advisor's calibration sentence."""

import random

import pytest
from kappa_reference import sklearn_kappa

from app.backoffice import alignment
from app.backoffice import alignment_stats as stats


@pytest.mark.parametrize("seed", range(40))
def test_quadratic_kappa_is_scikit_learns_on_random_matrices(seed: int) -> None:
    rng = random.Random(seed)
    cells = {(a, b): rng.choice((0, 0, 1, 2, 5, 13)) for a in stats.SCALE for b in stats.SCALE}
    cells[(rng.randint(1, 4), rng.randint(1, 4))] += 1
    cells[(rng.randint(1, 4), rng.randint(1, 4))] += 1
    ours = stats.quadratic_kappa(cells)
    theirs = sklearn_kappa(stats.matrix(cells))
    if ours is None:  # every contact in one row and one column: scikit-learn divides by zero
        assert len({a for (a, b), v in cells.items() if v}) == 1
        assert len({b for (a, b), v in cells.items() if v}) == 1
    else:
        assert ours == pytest.approx(theirs)


def test_wilson_interval_of_nothing_is_none_and_stays_inside_0_1() -> None:
    assert stats.wilson(0, 0) is None
    low, high = stats.wilson(0, 5)
    assert low == 0.0 and 0 < high < 1
    assert stats.corrected_satisfaction({}) is None


def test_calibration_sentence() -> None:
    sentence = alignment.calibration_sentence(stats.Calibration(25, 3, 1))
    assert sentence == (
        "You rated 3 or 4 where the customer answered 1 or 2 in 12% of your 25 surveyed "
        "contacts, and 1 or 2 where they answered 4 or 5 in 4%."
    )
    assert "None of your" in alignment.calibration_sentence(stats.Calibration())
