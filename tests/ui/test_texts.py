"""Figures in the interface's typography: a French supervisor reads "0,85", not "0.85"."""

import pytest

from ui.common import texts


@pytest.mark.parametrize(
    ("language", "expected"),
    [("fr", ("0,850", "+0,25", "-1,0", "11\u202f%")), ("en", ("0.850", "+0.25", "-1.0", "11%"))],
)
def test_decimals_and_percentages_follow_the_language(monkeypatch, language, expected) -> None:
    monkeypatch.setattr(texts, "ui_language", lambda: language)
    assert (
        texts.format_decimal(0.85, 3),
        texts.format_decimal(0.25, 2, signed=True),
        texts.format_decimal(-1.0, 1),
        texts.format_percent(0.11),
    ) == expected
