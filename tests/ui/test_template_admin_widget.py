"""Template governance on the supervisor's desk (the demo's embedded centre): the library with
states and figures, a draft written in the editor, approved by another supervisor from their own
desk (never by its author), retired; a refused draft keeps what was typed; the centre is read
off the GUI thread; and an approval reaches an advisor's open window at its next sync."""

import io
from collections.abc import Iterator

import pytest
from gui_thread import GuiThreadWatch
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app import users
from app.backoffice import template_admin as admin
from app.backoffice.centre import BackOffice
from app.workspace import Workspace, find_user
from ui.backoffice.template_admin import TemplateAdmin
from ui.common.ops import Runner
from ui.shell.main_window import MainWindow

TEAM = "Équipe Paris 1"


def _office(ws: Workspace, login: str) -> BackOffice:
    return BackOffice(ws.central, find_user(ws.central, login))


def _deputy(ws: Workspace) -> BackOffice:
    """A second supervisor of the demo centre (four eyes need two)."""
    users.user_add(
        ws.central.engine.url.render_as_string(False), "adjoint", "supervisor", TEAM, None,
        None, out=io.StringIO(),
    )  # fmt: skip
    return _office(ws, "adjoint")


@pytest.fixture
def runner() -> Iterator[Runner]:
    made = Runner()
    yield made
    made.close()


def _desk(qtbot: QtBot, runner: Runner, office: BackOffice) -> TemplateAdmin:
    desk = TemplateAdmin(runner, office, None)
    qtbot.addWidget(desk)
    desk.show()
    qtbot.waitUntil(lambda: desk.model.rowCount() > 0, timeout=10_000)
    return desk


def _row_of(desk: TemplateAdmin, title: str) -> int:
    rows = [i for i, e in enumerate(desk.model.rows) if e.template.title == title]
    return rows[0] if rows else -1


STATE = 1  # the table's column of a template's state


def _text(desk: TemplateAdmin, row: int, column: int) -> str:
    return str(desk.model.data(desk.model.index(row, column)))


def test_the_library_is_read_off_the_gui_thread_with_states_and_figures(
    qtbot: QtBot, runner: Runner, supervisor_workspace: Workspace
) -> None:
    ws = supervisor_workspace
    office = _office(ws, ws.who.login)
    with GuiThreadWatch([ws.central.engine], io_watched=False) as gui:
        desk = _desk(qtbot, runner, office)
        desk.period.setCurrentIndex(2)  # 90 days
        qtbot.waitUntil(lambda: runner.pending == 0, timeout=10_000)
    assert gui.statements == [] and gui.elsewhere > 0
    assert desk.model.rowCount() == 60  # the demo's library
    assert {_text(desk, i, STATE) for i in range(60)} == {"Approved (v1)"}
    headers = [
        desk.model.headerData(c, Qt.Orientation.Horizontal) for c in range(desk.model.columnCount())
    ]
    assert headers[:3] == ["Template", "State", "Uses"] and headers[-1] == "Key"
    used = [e.figures.uses for e in desk.model.rows if e.figures]
    assert used and used[0] > 0  # the demo's seeded uses come first


def test_a_draft_from_the_editor_is_approved_by_another_supervisor_then_retired(
    qtbot: QtBot, runner: Runner, supervisor_workspace: Workspace
) -> None:
    ws = supervisor_workspace
    author = _desk(qtbot, runner, _office(ws, ws.who.login))
    author.new_template()
    author.key.setText("welcome_back")
    author.category.setText("Accueil")
    author.title.setText("Bon retour parmi nous")
    author.channels["email"].setChecked(True)
    author.body.setPlainText("Bonjour {{customer_first_name}}, ravis de vous revoir.")
    author.save_draft()
    qtbot.waitUntil(lambda: _row_of(author, "Bon retour parmi nous") >= 0, timeout=10_000)
    row = _row_of(author, "Bon retour parmi nous")
    assert _text(author, row, STATE) == "Draft · v1 awaits approval"
    assert "Bon retour parmi nous" in author.heading.text()  # the draft stays chosen
    assert author.key.isReadOnly()  # its next version keeps its key and language
    assert not author.approve_button.isEnabled()  # four eyes
    assert "another supervisor approves it" in author.four_eyes.text()
    assert ws.templates.search("retour parmi") == []

    deputy = _desk(qtbot, runner, _deputy(ws))
    deputy.table.selectRow(_row_of(deputy, "Bon retour parmi nous"))
    assert deputy.approve_button.isEnabled()
    assert "awaits your approval" in deputy.four_eyes.text()
    assert deputy.body.toPlainText().startswith("Bonjour {{customer_first_name}}")
    deputy.approve_draft()
    qtbot.waitUntil(
        lambda: _text(deputy, _row_of(deputy, "Bon retour parmi nous"), STATE) == "Approved (v1)",
        timeout=10_000,
    )
    assert "approved by" in deputy.versions.item(0).text()

    deputy.retire_template()
    qtbot.waitUntil(
        lambda: _text(deputy, _row_of(deputy, "Bon retour parmi nous"), STATE) == "Retired",
        timeout=10_000,
    )
    assert not deputy.retire_button.isEnabled()


def test_a_refused_draft_says_why_and_keeps_what_was_typed(
    qtbot: QtBot, runner: Runner, supervisor_workspace: Workspace
) -> None:
    ws = supervisor_workspace
    desk = _desk(qtbot, runner, _office(ws, ws.who.login))
    desk.new_template()
    desk.key.setText("sans_titre")
    desk.category.setText("Divers")
    desk.channels["phone"].setChecked(True)
    desk.body.setPlainText("Un texte sans titre")
    desk.save_draft()
    qtbot.waitUntil(desk.problem.isVisible, timeout=10_000)
    assert "title" in desk.problem.text()
    assert (desk.key.text(), desk.body.toPlainText()) == ("sans_titre", "Un texte sans titre")
    desk.title.setText("Avec un titre")
    desk.save_draft()
    qtbot.waitUntil(lambda: _row_of(desk, "Avec un titre") >= 0, timeout=10_000)
    assert not desk.problem.isVisible()


def test_an_approval_reaches_an_open_advisors_window_without_a_restart(
    qtbot: QtBot, window: MainWindow, workspace: Workspace
) -> None:
    qtbot.waitUntil(lambda: window.ws is not None and window.ws.sync.online is True, timeout=10_000)
    assert workspace.templates.search("nouveauté") == []  # the library is read, and cached
    chief, deputy = _office(workspace, "superviseur"), _deputy(workspace)
    template_id, version = admin.draft(
        chief,
        admin.Draft(
            "novelty", "fr", ("email",), "Info", "Nouveauté du site", "Découvrez la nouveauté."
        ),
    )
    admin.approve(deputy, template_id, version)
    qtbot.waitUntil(lambda: bool(workspace.templates.search("nouveauté")), timeout=10_000)
    assert workspace.templates.search("nouveauté")[0].id == template_id
    admin.retire(chief, template_id)
    qtbot.waitUntil(lambda: workspace.templates.search("nouveauté") == [], timeout=10_000)
