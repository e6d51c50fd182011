"""The survey import dialog: a preview of every row with its status, coloured, before anything
is imported; the import off the GUI thread; what a refused file or an advisor sees."""

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from app.backoffice import surveys
from app.backoffice.centre import BackOffice
from app.clock import utcnow
from app.enums import Role
from app.models import Contact, ContactStatus, SurveyAnswer
from app.workspace import Workspace, open_demo
from ui.backoffice.survey_import_dialog import COLOURS, SurveyImportDialog, SurveyRowsModel
from ui.common import theme
from ui.common.ops import Runner

M = SurveyRowsModel


@pytest.fixture
def runner() -> Iterator[Runner]:
    made = Runner()
    yield made
    made.close()


def _office(ws: Workspace) -> BackOffice:
    return BackOffice(ws.central, ws.who)


def _references(ws: Workspace, n: int) -> list[str]:
    with ws.central.session() as s:
        return list(
            s.scalars(
                select(Contact.reference)
                .where(
                    Contact.status == ContactStatus.CLOSED,
                    Contact.team_id == ws.who.team_id,
                    Contact.id.not_in(select(SurveyAnswer.contact_id)),
                )
                .order_by(Contact.id)
                .limit(n)
            )
        )


def _answers(ws: Workspace) -> int:
    with ws.central.session() as s:
        return s.scalar(select(func.count(SurveyAnswer.id))) or 0


def _file(tmp_path: Path, references: list[str]) -> Path:
    day = f"{utcnow():%d/%m/%Y}"
    path = tmp_path / "réponses.csv"
    lines = ["Référence;CSAT;NPS;Commentaire;Date"]
    lines += [f"{references[0]};5;9;Très bien, merci;{day}", f"{references[1]};2;;Trop long;{day}"]
    lines += [f"R-NOPE-0000;4;;;{day}", f"{references[2]};7;;;{day}"]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    return path


def _dialog(qtbot: QtBot, runner: Runner, ws: Workspace) -> SurveyImportDialog:
    dialog = SurveyImportDialog(runner, _office(ws))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _cell(dialog: SurveyImportDialog, row: int, column: int, role=None):
    index = dialog.model.index(row, column)
    return dialog.model.data(index) if role is None else dialog.model.data(index, role)


def test_the_preview_shows_every_row_and_imports_nothing(
    qtbot: QtBot, runner: Runner, supervisor_workspace: Workspace, tmp_path: Path
) -> None:
    ws = supervisor_workspace
    path = _file(tmp_path, _references(ws, 3))
    before = _answers(ws)
    dialog = _dialog(qtbot, runner, ws)
    assert not dialog.import_button.isEnabled()
    dialog.choose(path)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 4, timeout=10_000)
    assert _answers(ws) == before
    statuses = [_cell(dialog, r, M.STATUS) for r in range(4)]
    assert statuses == ["to import", "to import", "refused", "refused"]
    assert [_cell(dialog, r, M.LINE) for r in range(4)] == ["2", "3", "4", "5"]
    assert _cell(dialog, 2, M.REASON) == "no contact has the reference R-NOPE-0000"
    assert _cell(dialog, 3, M.REASON) == "CSAT 7 is not between 1 and 5"
    assert _cell(dialog, 0, M.VERBATIM) == "Très bien, merci"
    assert _cell(dialog, 0, M.CREDITED)  # the advisor who closed it
    for row, status in ((0, surveys.Status.IMPORTED), (2, surveys.Status.REFUSED)):
        ground = _cell(dialog, row, M.STATUS, Qt.ItemDataRole.BackgroundRole)
        assert ground == theme.color(COLOURS[status][0])
    said = dialog.summary.text()
    assert "To import: 2" in said and "Refused: 2" in said and "Windows-1252" in said
    assert dialog.import_button.isEnabled()


def test_import_runs_off_the_gui_thread_and_shows_what_it_did(
    qtbot: QtBot,
    runner: Runner,
    supervisor_workspace: Workspace,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ws = supervisor_workspace
    path = _file(tmp_path, _references(ws, 3))
    before = _answers(ws)
    dialog = _dialog(qtbot, runner, ws)
    dialog.choose(path)
    qtbot.waitUntil(dialog.import_button.isEnabled, timeout=10_000)
    release = threading.Event()
    real = surveys.import_answers

    def held(*args, **kwargs):
        if not kwargs.get("dry_run"):
            assert threading.current_thread() is not threading.main_thread()
            release.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(surveys, "import_answers", held)
    with qtbot.waitSignal(dialog.imported, timeout=15_000) as done:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        # The click returned while the import waits in its worker: the window answers.
        assert dialog.summary.text() == "Importing…"
        assert not dialog.import_button.isEnabled() and dialog.progress.isVisible()
        release.set()
    report = done.args[0]
    assert report.counts[surveys.Status.IMPORTED] == 2 and not report.dry_run
    assert _answers(ws) == before + 2
    assert [_cell(dialog, r, M.STATUS) for r in range(4)][:2] == ["imported", "imported"]
    assert "Imported: 2" in dialog.summary.text()
    assert not dialog.import_button.isEnabled() and not dialog.progress.isVisible()
    # The same file again: everything is already there, nothing left to import.
    dialog.choose(path)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 4, timeout=10_000)
    assert _cell(dialog, 0, M.STATUS) == "already there"
    assert "Nothing in this file is left to import." in dialog.summary.text()
    assert not dialog.import_button.isEnabled()


def test_a_file_refused_whole_says_why(
    qtbot: QtBot, runner: Runner, supervisor_workspace: Workspace, tmp_path: Path
) -> None:
    path = tmp_path / "export.csv"
    path.write_text("reference;nps;date\nR-1;4;01/12/2026\n")
    dialog = _dialog(qtbot, runner, supervisor_workspace)
    dialog.choose(path)
    qtbot.waitUntil(lambda: "no column for csat" in dialog.summary.text(), timeout=10_000)
    assert dialog.summary.property("tone") == "error"
    assert dialog.model.rowCount() == 0 and not dialog.import_button.isEnabled()


def test_an_advisor_is_told_who_imports(
    qtbot: QtBot, runner: Runner, demo_dir: Path, tmp_path: Path
) -> None:
    ws = open_demo(demo_dir, role=Role.ADVISOR)
    try:
        path = tmp_path / "a.csv"
        path.write_text(f"reference;csat;date\nR-1;4;{utcnow():%Y-%m-%d}\n")
        dialog = _dialog(qtbot, runner, ws)
        dialog.choose(path)
        qtbot.waitUntil(lambda: "Only supervisors" in dialog.summary.text(), timeout=10_000)
        assert not dialog.import_button.isEnabled()
        runner.wait_idle()
    finally:
        ws.close()
