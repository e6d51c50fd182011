"""A supervisor publishes an incident; every open workstation shows its banner after the next
sync, offers its template first, tags the contact being worked, and drops the banner when the
incident ends."""

import time

from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.backoffice import incidents
from app.backoffice.centre import BackOffice
from app.models import Contact, Template
from app.workspace import Workspace, find_user
from ui.backoffice.incident_dialog import IncidentDialog
from ui.shell.main_window import MainWindow


def _supervisor(ws: Workspace) -> BackOffice:
    return BackOffice(ws.central, find_user(ws.central, "superviseur"))


def test_the_banner_comes_by_the_sync_and_its_template_is_offered_first(
    qtbot: QtBot, window: MainWindow, workspace: Workspace
) -> None:
    qtbot.waitUntil(lambda: window.ws is not None and window.ws.sync.online is True, timeout=10_000)
    assert not window.incidents.isVisible()
    with workspace.central.session() as s:
        template = s.scalars(
            select(Template).where(Template.active).order_by(Template.title.desc()).limit(1)
        ).one()
        template_id, title = template.id, template.title
    before = [t.id for t in workspace.templates.suggest("", None, other_channels=True).templates]
    published = time.monotonic()
    made = incidents.publish(
        _supervisor(workspace),
        incidents.IncidentDraft("Paiement indisponible", "Proposez le virement.", template_id),
    )
    qtbot.waitUntil(window.incidents.isVisible, timeout=10_000)
    print(f"banner shown {time.monotonic() - published:.2f} s after publishing")
    assert "Paiement indisponible" in window.incidents.text.text()
    assert title in window.incidents.text.text()
    assert not window.incidents.end_button.isVisible()  # an advisor's window
    offer = workspace.templates.suggest("", None, other_channels=True)
    assert offer.templates[0].id == template_id

    # Tagging needs a contact being worked.
    window.incidents.tag_current()
    assert "Take a contact first" in window.statusBar().currentMessage()
    window.desk.next_contact()
    qtbot.waitUntil(lambda: window.desk.working_on() is not None, timeout=10_000)
    working = window.desk.working_on()
    window.incidents.tag_current()
    qtbot.waitUntil(lambda: "tagged" in window.statusBar().currentMessage(), timeout=10_000)
    with workspace.central.session() as s:
        assert s.get(Contact, working).incident_id == made

    incidents.end(_supervisor(workspace), made)
    qtbot.waitUntil(lambda: not window.incidents.isVisible(), timeout=10_000)
    after = [t.id for t in workspace.templates.suggest("", None, other_channels=True).templates]
    assert after == before  # the preference went with the incident


def test_a_supervisor_publishes_from_the_window_and_a_bad_end_is_refused_in_place(
    qtbot: QtBot, window: MainWindow, workspace: Workspace
) -> None:
    dialog = IncidentDialog(window.runner, _supervisor(workspace), [], window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.title.setText("Site en panne")
    dialog.has_end.setChecked(True)
    dialog.end.setDateTime(dialog.start.dateTime().addSecs(-3600))
    dialog.publish()
    assert dialog.problem.isVisible()
    assert "before the incident starts" in dialog.problem.text()
    assert dialog.title.text() == "Site en panne"  # nothing typed is lost
    dialog.end.setDateTime(dialog.start.dateTime().addSecs(3600))
    with qtbot.waitSignal(dialog.published, timeout=10_000) as published:
        dialog.publish()
    assert published.args[0] is not None
    qtbot.waitUntil(window.incidents.isVisible, timeout=10_000)
    assert "Site en panne" in window.incidents.text.text()
