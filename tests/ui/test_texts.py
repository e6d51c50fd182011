"""Figures in the interface's typography: a French supervisor reads "0,85", not "0.85"."""

import pytest
from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import QDateEdit, QWidget

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


def test_qt_widgets_write_dates_and_numbers_in_the_interfaces_language(qtbot, french) -> None:
    """A French supervisor's period reads 03/11/2026, not the C locale's "3 11 2026"."""
    edit = QDateEdit(QDate(2026, 11, 3))
    qtbot.addWidget(edit)
    assert edit.text() == "03/11/2026"
    assert QLocale().toString(1234.5, "f", 1) == "1\u202f234,5"


@pytest.mark.parametrize(("language", "shown"), [("fr", "03/11/2026"), ("en", "2026-11-03")])
def test_a_period_field_writes_its_date_as_the_rest_of_the_window(
    qtbot, monkeypatch, language, shown
) -> None:
    monkeypatch.setattr(texts, "ui_language", lambda: language)
    parent = QWidget()
    qtbot.addWidget(parent)
    assert texts.date_edit(QDate(2026, 11, 3), parent).text() == shown
