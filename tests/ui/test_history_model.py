"""The customer's timeline model: what each column says, the disagreement cue, sorting."""

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush
from pytestqt.modeltest import ModelTester

from app.dto import HistoryRow
from app.models import Channel, ContactStatus, Outcome
from app.workspace import Workspace
from ui.desk.history_model import HistoryModel, score_text

M = HistoryModel
NOW = datetime(2026, 3, 12, 14, 0, tzinfo=UTC)


def row(
    n: int,
    *,
    assessment: int | None = 3,
    csat: int | None = None,
    outcome: Outcome | None = Outcome.RESOLVED,
    reason: tuple[str, str] = ("Withdrawal delay", "Retard de retrait"),
    status: ContactStatus = ContactStatus.CLOSED,
    channel: Channel = Channel.EMAIL,
    advisor: str = "Léa Fontanel",
) -> HistoryRow:
    return HistoryRow(
        contact_id=uuid.UUID(int=n + 1),
        reference=f"R-0000-{n:04d}",
        received_at=NOW - timedelta(days=n),
        channel=channel,
        status=status,
        subject=f"Subject {n}",
        reason_label_en=reason[0],
        reason_label_fr=reason[1],
        outcome=outcome,
        self_assessment=assessment,
        csat=csat,
        advisor=advisor,
    )


def text(model: HistoryModel, r: int, c: int) -> str:
    return model.data(model.index(r, c), Qt.ItemDataRole.DisplayRole)


@pytest.fixture
def model(qapp: object) -> HistoryModel:
    m = HistoryModel()
    m.set_rows(
        [
            row(
                0, assessment=None, outcome=None, reason=("", ""), status=ContactStatus.IN_PROGRESS
            ),
            row(1, assessment=4, csat=1, channel=Channel.PHONE),
            row(2, assessment=2, csat=3),
            row(3, assessment=1, csat=None, outcome=Outcome.ESCALATED, advisor="Emily Carter"),
            row(4, assessment=3, csat=4, channel=Channel.INSTAGRAM),
        ]
    )
    return m


def test_the_model_passes_qtmodeltester(qtmodeltester: ModelTester, model: HistoryModel) -> None:
    qtmodeltester.check(model)
    model.sort(M.CSAT, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)
    model.clear()
    qtmodeltester.check(model)


def test_a_real_customers_history_passes_qtmodeltester(
    qtmodeltester: ModelTester, workspace: Workspace
) -> None:
    match = workspace.customers.search("Ma")[0]
    m = HistoryModel()
    m.set_rows(workspace.customers.history(match.id))
    qtmodeltester.check(m)


def test_each_column_says_what_a_person_expects(model: HistoryModel) -> None:
    assert text(model, 1, M.CHANNEL) == "Phone"
    assert text(model, 1, M.SUBJECT) == "Subject 1"
    assert text(model, 1, M.REASON) == "Withdrawal delay"
    assert text(model, 1, M.OUTCOME) == "Resolved at first contact"
    assert text(model, 1, M.ASSESSMENT) == "4 — Very satisfied"
    assert text(model, 1, M.CSAT) == "1 — Very dissatisfied"
    assert text(model, 3, M.CSAT) == "—"
    assert text(model, 3, M.ADVISOR) == "Emily Carter"
    assert text(model, 2, M.DATE)  # a formatted date, whatever the locale
    assert model.data(model.index(1, M.CHANNEL), Qt.ItemDataRole.DecorationRole) is not None


def test_a_contact_not_wrapped_up_says_where_it_stands(model: HistoryModel) -> None:
    assert text(model, 0, M.REASON) == "In progress"
    assert text(model, 0, M.OUTCOME) == "—"
    assert text(model, 0, M.ASSESSMENT) == "—"


def test_a_gap_of_two_points_or_more_is_flagged(model: HistoryModel) -> None:
    def flagged(r: int) -> bool:
        return bool(model.data(model.index(r, M.CSAT), M.DISAGREE_ROLE))

    assert flagged(1)  # advisor felt 4, customer said 1
    assert not flagged(2)  # 2 against 3: close enough
    assert not flagged(3)  # no survey answer
    tint = model.data(model.index(1, M.ASSESSMENT), Qt.ItemDataRole.BackgroundRole)
    assert isinstance(tint, QBrush)
    assert model.data(model.index(2, M.ASSESSMENT), Qt.ItemDataRole.BackgroundRole) is None
    tip = model.data(model.index(1, M.CSAT), Qt.ItemDataRole.ToolTipRole)
    assert "3 points" in tip


def test_roles_give_native_values(model: HistoryModel) -> None:
    assert model.data(model.index(1, M.DATE), M.ID_ROLE) == uuid.UUID(int=2)
    assert model.data(model.index(1, M.DATE), M.SORT_ROLE) == NOW - timedelta(days=1)
    assert model.data(model.index(1, M.ASSESSMENT), M.SORT_ROLE) == 4
    assert model.data(model.index(3, M.CSAT), M.SORT_ROLE) is None
    assert model.data(model.index(1, M.CSAT), M.SCORE_ROLE) == 1


def test_sorting_uses_native_values_and_keeps_empty_values_last(model: HistoryModel) -> None:
    model.sort(M.CSAT, Qt.SortOrder.AscendingOrder)
    csat = [model.data(model.index(r, M.CSAT), M.SORT_ROLE) for r in range(model.rowCount())]
    assert csat == [1, 3, 4, None, None]
    model.sort(M.CSAT, Qt.SortOrder.DescendingOrder)
    csat = [model.data(model.index(r, M.CSAT), M.SORT_ROLE) for r in range(model.rowCount())]
    assert csat == [4, 3, 1, None, None]
    model.sort(M.DATE, Qt.SortOrder.DescendingOrder)
    dates = [model.data(model.index(r, M.DATE), M.SORT_ROLE) for r in range(model.rowCount())]
    assert dates == sorted(dates, reverse=True)


def test_a_selected_row_follows_its_contact_through_a_sort(model: HistoryModel) -> None:
    kept = QPersistentModelIndex(model.index(1, M.SUBJECT))
    model.sort(M.ASSESSMENT, Qt.SortOrder.AscendingOrder)
    assert QModelIndex(kept).data(M.ID_ROLE) == uuid.UUID(int=2)
    assert QModelIndex(kept).data() == "Subject 1"


def test_score_text_reads_as_a_sentence() -> None:
    assert score_text(3) == "3 — Rather satisfied"
    assert score_text(None) == "—"


def test_reasons_read_in_the_interface_language(
    qapp: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.common import texts

    monkeypatch.setattr(texts, "ui_language", lambda: "fr")
    m = HistoryModel()
    m.set_rows([row(0)])
    assert text(m, 0, M.REASON) == "Retard de retrait"
