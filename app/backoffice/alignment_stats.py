"""The arithmetic of the alignment, on counts the centre has already aggregated: never on
contacts. A pair of views arrives as at most 16 cells (value of the first view, value of the
second, how many contacts); the satisfaction estimate as at most five cells per advisor (a
self-assessment level 1-4 or none, how many closed contacts, how many surveyed, how many of
those satisfied).

The bias-corrected satisfaction estimate
----------------------------------------
Customers answer few surveys, so the self-assessment is the only signal on most contacts. For
each advisor ``a`` and self-assessment level ``s`` (1-4, or 0 for a contact without one) the
centre counts ``N`` closed contacts, ``n`` of them surveyed, ``k`` of those satisfied (CSAT 4-5,
3-4 on the 4-point scale). The chance that a customer of ``a`` rated ``s`` was satisfied is
estimated with shrinkage, so that an advisor with few surveyed contacts borrows from their team::

    team rate        pi   = (K + 1) / (n_team + 2)           (Laplace: never exactly 0 or 1)
    team at level s  pi_s = (K_s + M * pi) / (n_s + M)
    advisor a at s   p_as = (k_as + M * pi_s) / (n_as + M)   M = SHRINKAGE = 4

(an advisor's own rate weighs as much as the team's once they have four surveyed contacts at a
level). The team's estimate keeps the customers' own answers where there are some and predicts
the rest: ``E = (sum k + sum (N - n) * p) / sum N``.

Its interval is a normal approximation (delta method), not a bootstrap: the centre hands over
counts, not contacts, and a bootstrap over surveyed contacts would mean either loading them or
drawing thousands of binomials per cell in Python; the delta method is closed-form in the cells
(a few per advisor) and as wide as such a bootstrap where cells are not tiny. Its variance has
two parts: the estimation of every ``p`` (each ``k_as`` binomial with the shrunk ``p_as``, so a
cell of 3 satisfied out of 3 still counts as uncertain), through the exact gradient of ``E``,
and the chance in the unsurveyed customers' own verdicts (``sum (N - n) p (1 - p) / N^2``): the
interval is for the share of this period's closed contacts whose customer was satisfied. It
assumes the customers who answer are like those who do not, within an advisor and level.
"""

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

SHRINKAGE = 4.0
Z95 = 1.959963984540054  # the normal quantile of a two-sided 95 % interval
LEVELS = (0, 1, 2, 3, 4)  # self-assessment level; 0: the contact has none
SCALE = (1, 2, 3, 4)

Cells = Mapping[tuple[int, int], int]


@dataclass(frozen=True)
class PairFigures:
    """How two views of the same contacts compare. ``mean_gap`` is first minus second (over
    1-4): positive when the first view rates higher. ``matrix[i][j]``: contacts the first view
    rated ``i + 1`` and the second ``j + 1``. None where a figure has no contact to rest on, and
    a kappa where the expected disagreement is nil (every contact in one row or column)."""

    first: str
    second: str
    n: int
    agreeing: int
    agreement: float | None
    mean_gap: float | None
    kappa: float | None
    matrix: tuple[tuple[int, ...], ...]


def matrix(cells: Cells) -> tuple[tuple[int, ...], ...]:
    return tuple(tuple(cells.get((a, b), 0) for b in SCALE) for a in SCALE)


def quadratic_kappa(cells: Cells) -> float | None:
    """Cohen's kappa with quadratic weights ``(a - b)^2``: 1 - observed / expected weighted
    disagreement, the expected one from the two views' own distributions."""
    n = sum(cells.values())
    if n == 0:
        return None
    rows = {a: sum(v for (x, _), v in cells.items() if x == a) for a in SCALE}
    cols = {b: sum(v for (_, y), v in cells.items() if y == b) for b in SCALE}
    observed = sum((a - b) ** 2 * v for (a, b), v in cells.items())
    expected = sum((a - b) ** 2 * rows[a] * cols[b] for a in SCALE for b in SCALE) / n
    if expected == 0:
        return None
    return 1.0 - observed / expected


def pair_figures(first: str, second: str, cells: Cells) -> PairFigures:
    n = sum(cells.values())
    agreeing = sum(v for (a, b), v in cells.items() if a == b)
    gap = sum((a - b) * v for (a, b), v in cells.items())
    return PairFigures(
        first,
        second,
        n,
        agreeing,
        agreeing / n if n else None,
        gap / n if n else None,
        quadratic_kappa(cells),
        matrix(cells),
    )


def add_cells(into: dict[tuple[int, int], int], cells: Cells) -> None:
    for key, value in cells.items():
        into[key] = into.get(key, 0) + value


def share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def wilson(k: int, n: int, z: float = Z95) -> tuple[float, float] | None:
    """Wilson's score interval for k successes out of n: stays inside [0, 1] and is sensible
    for the small samples surveys give (the plain normal interval is not)."""
    if n == 0:
        return None
    p = k / n
    z2 = z * z
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n)
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass(frozen=True)
class LevelCell:
    """One advisor's contacts at one self-assessment level: ``closed`` in all, ``surveyed``,
    ``satisfied`` among the surveyed."""

    closed: int
    surveyed: int
    satisfied: int


@dataclass(frozen=True)
class Estimate:
    """The bias-corrected share of satisfied customers over ``contacts`` closed contacts, from
    ``surveyed`` of them answered; ``low``/``high`` its 95 % interval; ``variance`` its square
    standard error (what combining teams adds up)."""

    share: float
    low: float
    high: float
    contacts: int
    surveyed: int
    variance: float


def corrected_satisfaction(
    advisors: Mapping[object, Mapping[int, LevelCell]], m: float = SHRINKAGE, z: float = Z95
) -> Estimate | None:
    """The estimate for one team (``advisors``: advisor -> level -> cell); None when none of
    its contacts was surveyed (there is no bias to measure then)."""
    cells = [(a, s, c) for a, levels in advisors.items() for s, c in levels.items()]
    total = sum(c.closed for _, _, c in cells)
    n_team = sum(c.surveyed for _, _, c in cells)
    if total == 0 or n_team == 0:
        return None
    k_team = sum(c.satisfied for _, _, c in cells)
    pi = (k_team + 1) / (n_team + 2)
    n_level = {s: sum(c.surveyed for _, t, c in cells if t == s) for s in LEVELS}
    k_level = {s: sum(c.satisfied for _, t, c in cells if t == s) for s in LEVELS}
    pi_level = {s: (k_level[s] + m * pi) / (n_level[s] + m) for s in LEVELS}

    def p(s: int, c: LevelCell) -> float:
        return (c.satisfied + m * pi_level[s]) / (c.surveyed + m)

    unsurveyed = [(s, c, c.closed - c.surveyed) for _, s, c in cells]
    estimate = (k_team + sum(u * p(s, c) for s, c, u in unsurveyed)) / total
    # d E / d k_bt = (1 + U_bt/(n_bt+m) + A_t/(n_t+m) + sum_s A_s m/(n_s+m) / (n+2)) / N, with
    # A_s = sum_a U_as m/(n_as+m): how much of level s's prediction comes from the team's rate.
    pull = {s: 0.0 for s in LEVELS}
    for s, c, u in unsurveyed:
        pull[s] += u * m / (c.surveyed + m)
    through_team = sum(pull[s] * m / (n_level[s] + m) for s in LEVELS) / (n_team + 2)
    variance = 0.0
    for s, c, u in unsurveyed:
        ps = p(s, c)
        if c.surveyed:
            grad = (1 + u / (c.surveyed + m) + pull[s] / (n_level[s] + m) + through_team) / total
            variance += grad * grad * c.surveyed * ps * (1 - ps)
        variance += u * ps * (1 - ps) / (total * total)
    half = z * math.sqrt(variance)
    return Estimate(
        estimate, max(0.0, estimate - half), min(1.0, estimate + half), total, n_team, variance
    )


def combined(estimates: Iterable[Estimate], z: float = Z95) -> Estimate | None:
    """Teams' estimates as one, weighted by their closed contacts (teams are independent: each
    borrows from its own)."""
    parts = list(estimates)
    total = sum(e.contacts for e in parts)
    if not parts or total == 0:
        return None
    value = sum(e.share * e.contacts for e in parts) / total
    variance = sum(e.variance * (e.contacts / total) ** 2 for e in parts)
    half = z * math.sqrt(variance)
    surveyed = sum(e.surveyed for e in parts)
    return Estimate(
        value, max(0.0, value - half), min(1.0, value + half), total, surveyed, variance
    )


@dataclass(frozen=True)
class Coverage:
    closed: int = 0
    self: int = 0
    manager: int = 0
    quality: int = 0
    customer: int = 0

    def __add__(self, other: "Coverage") -> "Coverage":
        return Coverage(*(a + b for a, b in zip(self.as_tuple(), other.as_tuple(), strict=True)))

    def as_tuple(self) -> tuple[int, ...]:
        return (self.closed, self.self, self.manager, self.quality, self.customer)


@dataclass(frozen=True)
class Calibration:
    """Of the ``surveyed`` contacts the advisor rated and the customer answered: ``over``, rated
    3-4 where the customer answered CSAT 1-2; ``under``, rated 1-2 where they answered 4-5 (the
    neutral CSAT 3 is neither)."""

    surveyed: int = 0
    over: int = 0
    under: int = 0

    def __add__(self, other: "Calibration") -> "Calibration":
        return Calibration(
            self.surveyed + other.surveyed, self.over + other.over, self.under + other.under
        )

    @property
    def over_share(self) -> float | None:
        return share(self.over, self.surveyed)

    @property
    def under_share(self) -> float | None:
        return share(self.under, self.surveyed)


@dataclass(frozen=True)
class Satisfaction:
    """Satisfied customers (CSAT 4-5): among the ``surveyed`` (``satisfied`` of them, with
    Wilson's interval), and estimated over every closed contact from the self-assessments
    corrected by each advisor's measured bias (None, with ``why``, when it cannot be)."""

    surveyed: int
    satisfied: int
    share: float | None
    interval: tuple[float, float] | None
    estimate: Estimate | None
    why: str | None = None
