"""An advisor reads the evaluation of a contact they closed and contests it with a reason."""

from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.backoffice import evaluations, scorecards
from app.backoffice.centre import BackOffice
from app.enums import EvaluatorKind
from app.models import Contact, ContactStatus
from app.workspace import Workspace, find_user
from ui.shell.main_window import MainWindow


def test_an_advisor_contests_an_evaluation_with_a_reason(
    qtbot: QtBot, window: MainWindow, workspace: Workspace
) -> None:
    chief = BackOffice(workspace.central, find_user(workspace.central, "superviseur"))
    card = scorecards.create(chief, "Grille", [scorecards.Criterion("accueil", "Accueil", 1.0)])
    with workspace.central.session() as s:
        contact, reference = s.execute(
            select(Contact.id, Contact.reference).where(
                Contact.status == ContactStatus.CLOSED,
                Contact.assigned_to == workspace.who.advisor_id,
            )
        ).first()
    evaluations.evaluate(
        chief, contact, EvaluatorKind.MANAGER, card.current.id, {"accueil": 2}, 2, "Trop sec"
    )
    window.act_evaluations.trigger()
    dialog = window.evaluations_dialog

    def ours():  # the demo has evaluations of its own too
        return next(
            dialog.cases.item(i)
            for i in range(dialog.cases.count())
            if dialog.cases.item(i).text().startswith(reference)
        )

    qtbot.waitUntil(lambda: dialog.cases.count() > 0, timeout=10_000)
    dialog.cases.setCurrentItem(ours())
    assert "to answer" in ours().text()
    assert "Trop sec" in dialog.text.toPlainText()
    dialog.send("contest")  # a contest needs its reason: refused, nothing lost
    qtbot.waitUntil(dialog.problem.isVisible, timeout=10_000)
    dialog.answer.setPlainText("Le client a remercié à la fin de l'appel")
    dialog.send("contest")
    qtbot.waitUntil(lambda: "to answer" not in ours().text(), timeout=10_000)
    assert "contests" in dialog.text.toPlainText()
    assert not dialog.contest.isEnabled()
