"""A note or a reply the centre would refuse is refused at once, with the reason beside the
editor, and the advisor's text stays where they wrote it."""

import uuid
from collections.abc import Iterator

import pytest

from app.dto import QueueFilter
from app.limits import TEXTS
from app.models import Channel
from app.workspace import Workspace
from ui.common.ops import Runner
from ui.desk.contact_panel import ContactPanel


@pytest.fixture
def runner(workspace: Workspace) -> Iterator[Runner]:
    r = Runner()
    yield r
    r.wait_idle()


@pytest.fixture
def panel(qtbot, runner: Runner, workspace: Workspace) -> ContactPanel:
    widget = ContactPanel(runner, workspace.contacts, workspace.templates, workspace.who)
    qtbot.addWidget(widget)
    widget.resize(620, 860)
    widget.show()
    return widget


def open_claimed(qtbot, panel: ContactPanel, ws: Workspace, channel: Channel) -> uuid.UUID:
    claimed = ws.queue.next_contact(QueueFilter(channels=frozenset({channel})))
    assert claimed is not None
    with qtbot.waitSignal(panel.detail_loaded, timeout=5000):
        panel.show_contact(claimed.contact_id)
    qtbot.waitUntil(lambda: not panel.composer.editor.isReadOnly())
    return claimed.contact_id


def test_an_over_long_note_stays_in_its_editor_with_the_reason(
    qtbot, panel: ContactPanel, runner: Runner, workspace: Workspace
) -> None:
    cid = open_claimed(qtbot, panel, workspace, Channel.PHONE)
    text = "n" * (TEXTS[("note", "body")] + 1)
    panel.tabs.setCurrentWidget(panel.notes_tab)
    panel.note_editor.setPlainText(text)
    panel.add_note()
    qtbot.waitUntil(lambda: "the limit is" in panel.note_message.text(), timeout=5000)
    assert "Relais cannot keep the note" in panel.note_message.text()
    assert panel.note_editor.toPlainText() == text
    assert workspace.contacts.detail(cid).notes == ()


def test_an_over_long_reply_stays_in_the_composer_with_the_reason(
    qtbot, panel: ContactPanel, runner: Runner, workspace: Workspace
) -> None:
    cid = open_claimed(qtbot, panel, workspace, Channel.EMAIL)
    text = "r" * (TEXTS[("message", "body_text")] + 1)
    thread = workspace.contacts.detail(cid).messages
    panel.composer.set_text(text)
    panel.send()
    # The channel's limit (e-mail: 20,000) is below what the copy keeps: refused at once.
    qtbot.waitUntil(lambda: "too many" in panel.composer.notice.text(), timeout=5000)
    assert "E-mail accepts" in panel.composer.notice.text()
    assert panel.composer.text() == text
    assert workspace.contacts.detail(cid).messages == thread


def test_a_refused_note_flushed_on_leaving_the_contact_is_not_lost(
    qtbot, panel: ContactPanel, runner: Runner, workspace: Workspace
) -> None:
    cid = open_claimed(qtbot, panel, workspace, Channel.PHONE)
    text = "n" * (TEXTS[("note", "body")] + 1)
    panel.note_editor.setPlainText(text)
    panel.flush_draft()  # what switching contact, closing or quitting does
    runner.wait_idle()
    qtbot.waitUntil(lambda: not runner.pending)
    # Too long for one note, it is kept as two rather than refused.
    notes = workspace.contacts.detail(cid).notes
    assert "".join(n.body for n in notes[-2:]) == text
