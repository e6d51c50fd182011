"""scikit-learn's quadratic-weighted kappa of a 4 × 4 matrix: the well-known implementation the
alignment's own is checked against (tests/backoffice/test_alignment*.py)."""

from sklearn.metrics import cohen_kappa_score


def _labels(matrix) -> tuple[list[int], list[int]]:
    first, second = [], []
    for a, row in enumerate(matrix, start=1):
        for b, count in enumerate(row, start=1):
            first += [a] * count
            second += [b] * count
    return first, second


def sklearn_kappa(matrix) -> float:
    first, second = _labels(matrix)
    return cohen_kappa_score(first, second, weights="quadratic", labels=[1, 2, 3, 4])
