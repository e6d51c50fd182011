"""The supervisor's perspective: F9 switches between the team's board and the advisor's desk;
the board reads the centre off the GUI thread; the desk's keys bring the desk back."""

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.backoffice import incidents
from app.settings import Settings
from app.workspace import Workspace
from ui.backoffice.alignment_view import AlignmentView
from ui.backoffice.scorecard_dialog import ScorecardDialog
from ui.common.ops import Runner
from ui.shell.main_window import MainWindow


@pytest.fixture
def supervisor_window(
    qtbot: QtBot, supervisor_workspace: Workspace, tmp_path: Path
) -> Iterator[MainWindow]:
    win = MainWindow(Runner(), Settings(tmp_path / "settings.json"), restore_layout=False)
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.ready, timeout=10_000):
        win.attach(supervisor_workspace)
    yield win
    win.shutdown()


def test_f9_shows_the_teams_board_and_back(qtbot: QtBot, supervisor_window: MainWindow) -> None:
    win = supervisor_window
    assert win.board is not None and win.perspectives.currentWidget() is win.desk
    win.desk.next_contact()  # the supervisor works one too: the board shows who holds it
    qtbot.waitUntil(lambda: win.desk.working_on() is not None, timeout=10_000)
    qtbot.keyClick(win, Qt.Key.Key_F9)
    assert win.perspectives.currentWidget() is win.board
    qtbot.waitUntil(lambda: win.board.held.rowCount() > 0, timeout=10_000)
    text = win.board.waiting.text()
    assert "waiting" in text or "attente" in text
    assert "Read from the centre" in win.board.status.text()
    held = win.board.held
    assert held.data(held.index(0, 0)) == win.ws.who.display_name
    assert held.data(held.index(0, 1)) != "—"  # held for how long
    win.act_perspective.trigger()
    assert win.perspectives.currentWidget() is win.desk


def test_the_desks_keys_bring_the_desk_back(qtbot: QtBot, supervisor_window: MainWindow) -> None:
    win = supervisor_window
    win.switch_perspective()
    assert win.perspectives.currentWidget() is win.board
    win.desk.toolbar_actions()[0].trigger()  # "Next contact"
    assert win.perspectives.currentWidget() is win.desk


def test_an_advisor_has_no_board(window: MainWindow) -> None:
    assert window.board is None and not window.act_perspective.isVisible()


def test_a_supervisor_pins_words_and_exports_one_page(
    qtbot: QtBot, supervisor_window: MainWindow, tmp_path: Path
) -> None:
    win = supervisor_window
    win.switch_perspective()
    board = win.board.verbatims
    win.board.tabs.setCurrentWidget(board)
    qtbot.waitUntil(lambda: board.quotes.count() > 0, timeout=10_000)
    first = board.quotes.item(0)
    assert "«" in first.text()
    board.quotes.setCurrentRow(0)
    board.tags.setText("délais, remboursement")
    board.pin_current()
    qtbot.waitUntil(lambda: pinned(board) == 1, timeout=10_000)
    assert board.board.count() == 1 and "délais" in board.board.item(0).text()
    assert board.tag_filter.findData("remboursement") >= 0
    pdf = tmp_path / "voix.pdf"
    assert board.export(pdf) == 1
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page[^s]", data)) == 1  # one page
    board.board.setCurrentRow(0)
    board.unpin_current()
    qtbot.waitUntil(lambda: pinned(board) == 0, timeout=10_000)
    assert "No quote pinned yet" in board.board.item(0).text()  # the empty board says why


def pinned(board) -> int:
    """The board's pinned quotes (an empty board shows one line saying how to pin one)."""
    items = (board.board.item(i) for i in range(board.board.count()))
    return sum(1 for item in items if item.flags() != Qt.ItemFlag.NoItemFlags)


def test_a_case_is_evaluated_blind_then_shown_whole(
    qtbot: QtBot, supervisor_window: MainWindow
) -> None:
    win = supervisor_window
    win.switch_perspective()
    review = win.board.cases
    win.board.tabs.setCurrentWidget(review)
    qtbot.waitUntil(lambda: review.list.model.rowCount() > 0, timeout=15_000)
    model = review.list.model
    assert model.data(model.index(0, 5)) == "•" and model.data(model.index(0, 6)) == "•"
    qtbot.waitUntil(lambda: review.detail.case is not None, timeout=10_000)
    assert review.detail.case.blind
    assert "Hidden until you save your evaluation" in review.detail.text.toPlainText()

    dialog = ScorecardDialog(win.runner, win.office, win)
    qtbot.addWidget(dialog)
    dialog.name.setText("Grille d'essai")
    dialog.criteria.setPlainText("Accueil\nSolution apportée: 2")
    with qtbot.waitSignal(dialog.created, timeout=10_000):
        dialog.submit()
    review.load_scorecards()
    form = review.detail.form
    qtbot.waitUntil(lambda: form.card.count() == 1, timeout=10_000)
    review.detail.open_case(review.detail.case.contact_id)
    qtbot.waitUntil(lambda: form.isEnabled() and len(form._criteria) == 2, timeout=10_000)
    form.submit()  # nothing scored yet: said, nothing sent
    assert "Score every criterion" in form.problem.text()
    for _criterion, box in form._criteria:
        box.setCurrentIndex(3)  # 3
    form.estimate.button(2).setChecked(True)
    form.comment.setPlainText("Bonne reformulation")
    with qtbot.waitSignal(review.detail.evaluated, timeout=10_000):
        form.submit()
    qtbot.waitUntil(lambda: not review.detail.case.blind, timeout=10_000)
    text = review.detail.text.toPlainText()
    assert "Hidden until" not in text and "Bonne reformulation" in text
    assert "Quality score: 66.7/100" in text


def test_the_team_menu_opens_the_survey_import(supervisor_window: MainWindow) -> None:
    supervisor_window.act_surveys.trigger()
    dialog = supervisor_window.survey_dialog
    assert dialog.isVisible()
    dialog.reject()


def test_the_alignment_tab_drills_down_to_the_customers_words(
    qtbot: QtBot, supervisor_window: MainWindow
) -> None:
    win = supervisor_window
    win.switch_perspective()
    view = win.board.alignment
    win.board.tabs.setCurrentWidget(view)
    qtbot.waitUntil(lambda: view.lines.rowCount() > 1, timeout=20_000)
    assert "surveyed contacts" in view.summary.text() or "survey" in view.summary.text()
    view.pair.setCurrentIndex(2)  # feeling ↔ customer
    view.lines.setCurrentCell(0, 0)
    qtbot.waitUntil(lambda: view.matrix.rowCount() == 4, timeout=5_000)
    cells = [(a, b) for a in range(4) for b in range(4) if view.matrix.item(a, b).text() != "0"]
    assert cells, "the demo has surveyed contacts"
    a, b = cells[0]
    view._drill_cell(a, b)
    expected = int(view.matrix.item(a, b).text())
    qtbot.waitUntil(lambda: view.drill.rowCount() == min(expected, 200), timeout=10_000)
    assert view.drill.item(0, 3).text() == str(a + 1)  # the feeling of the cell
    view._open(0, 0)
    assert win.board.tabs.currentWidget() is win.board.cases
    qtbot.waitUntil(lambda: win.board.cases.detail.case is not None, timeout=10_000)


def test_an_advisor_reads_their_own_calibration(qtbot: QtBot, window: MainWindow) -> None:
    window.act_calibration.trigger()
    dialog = window.calibration_dialog
    view = dialog.findChild(AlignmentView)
    qtbot.waitUntil(
        lambda: view.lines.rowCount() >= 1 or "None" in view.summary.text(), timeout=20_000
    )
    assert view.problem.isHidden()
    names = [view.lines.item(r, 0).text().strip() for r in range(view.lines.rowCount())]
    assert names[-1] == window.ws.who.display_name  # their own line, and no colleague's
    assert len(names) <= 2
    dialog.reject()


def test_the_dashboard_charts_drill_down_export_and_set_the_focus(
    qtbot: QtBot, supervisor_window: MainWindow, tmp_path: Path
) -> None:
    win = supervisor_window
    made = incidents.publish(win.office, incidents.IncidentDraft("Panne carte"))
    win.desk.next_contact()
    qtbot.waitUntil(lambda: win.desk.working_on() is not None, timeout=10_000)
    assert win.ws.incidents.tag(win.desk.working_on(), made)
    win.switch_perspective()
    board = win.board.dashboard
    win.board.tabs.setCurrentWidget(board)
    qtbot.waitUntil(lambda: board.figures.rowCount() > 5, timeout=60_000)
    labels = [board.figures.item(r, 0).text() for r in range(board.figures.rowCount())]
    assert "Contacts received" in labels and "Net Promoter Score" in labels
    assert board.chart.series(), "the bar chart of volumes per channel"
    assert sum(int(board.heat.item(d, h).text() or 0) for d in range(7) for h in range(24)) > 0
    qtbot.waitUntil(lambda: not board.incident_view.isHidden(), timeout=10_000)
    (curve,) = board.incident_chart.series()
    assert curve.name().startswith("Panne carte (1 contact") and curve.count() == 1
    board._figure_clicked(labels.index("Contacts received"), 0)
    qtbot.waitUntil(lambda: board.drill.rowCount() > 0, timeout=20_000)
    board._open(0, 0)
    assert win.board.tabs.currentWidget() is win.board.cases
    win.board.tabs.setCurrentWidget(board)
    out = tmp_path / "indicateurs.xlsx"
    board.export_to(out)
    qtbot.waitUntil(out.exists, timeout=10_000)
    board.figures.setCurrentCell(labels.index("Satisfied customers (CSAT 4-5)"), 0)
    assert board.focus_button.isEnabled()
    board.set_focus()
    qtbot.waitUntil(lambda: "team's focus" in win.statusBar().currentMessage(), timeout=10_000)


def test_the_review_list_is_taken_and_done(qtbot: QtBot, supervisor_window: MainWindow) -> None:
    win = supervisor_window
    win.switch_perspective()
    reviews = win.board.reviews
    win.board.tabs.setCurrentWidget(reviews)
    qtbot.waitUntil(lambda: reviews.table.rowCount() > 0, timeout=10_000)
    assert reviews.table.item(0, 6).text() == "To review"
    reviews.table.selectRow(0)
    reference = reviews.table.item(0, 2).text()
    reviews.take_button.click()
    qtbot.waitUntil(lambda: "taken" in win.statusBar().currentMessage(), timeout=10_000)
    qtbot.waitUntil(
        lambda: any(
            reviews.table.item(r, 2).text() == reference
            and reviews.table.item(r, 6).text().startswith("In progress")
            for r in range(reviews.table.rowCount())
        ),
        timeout=10_000,
    )
    row = next(
        r for r in range(reviews.table.rowCount()) if reviews.table.item(r, 2).text() == reference
    )
    reviews.table.selectRow(row)
    reviews.done_button.click()
    qtbot.waitUntil(lambda: "done" in win.statusBar().currentMessage(), timeout=10_000)
    qtbot.waitUntil(
        lambda: all(
            reviews.table.item(r, 2).text() != reference for r in range(reviews.table.rowCount())
        ),
        timeout=10_000,
    )  # done items leave the default list


def test_count_axes_tick_at_round_numbers_and_small_counts_stay_whole(qapp) -> None:
    from PySide6.QtCharts import QValueAxis

    from ui.backoffice.dashboard import _nice

    axis = QValueAxis()
    axis.setRange(0, 212)
    _nice(axis)
    step = (axis.max() - axis.min()) / (axis.tickCount() - 1)
    assert axis.max() >= 212 and step in (50.0, 100.0)
    small = QValueAxis()
    small.setRange(0, 7)
    _nice(small)
    assert (small.min(), small.max()) == (0, 7)  # no fractional ticks labelled "%d"
