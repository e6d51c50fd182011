"""The reply editor: the draft survives, "/" finds templates, placeholders stand out."""

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from app.dto import ContactDetail, QueueFilter
from app.errors import InputError
from app.models import Channel
from app.placeholders import fill
from app.workspace import Workspace
from ui.common.ops import Runner
from ui.desk.composer import Composer
from ui.desk.template_rows import PLACEHOLDER_BACKGROUND, TemplateListModel


@pytest.fixture
def runner(workspace: Workspace) -> Iterator[Runner]:
    r = Runner()
    yield r
    r.wait_idle()


def claim(ws: Workspace, channel: Channel = Channel.EMAIL) -> ContactDetail:
    claimed = ws.queue.next_contact(QueueFilter(channels=frozenset({channel})))
    assert claimed is not None, f"the demo queue has a {channel} contact"
    return ws.contacts.detail(claimed.contact_id)


def make_composer(qtbot, runner: Runner, ws: Workspace, detail: ContactDetail) -> Composer:
    composer = Composer(runner, ws.contacts, ws.templates)
    qtbot.addWidget(composer)
    composer.resize(600, 300)
    composer.show()
    qtbot.waitExposed(composer)
    composer.set_contact(detail)
    qtbot.waitUntil(lambda: not composer.editor.isReadOnly())
    composer.editor.setFocus()
    return composer


def test_draft_is_autosaved_and_restored_when_the_contact_reopens(
    qtbot, runner: Runner, workspace: Workspace
) -> None:
    detail = claim(workspace)
    composer = make_composer(qtbot, runner, workspace, detail)

    qtbot.keyClicks(composer.editor, "Bonjour, je regarde votre dossier")
    assert workspace.contacts.load_draft(detail.id) == ""  # not on every keystroke
    with qtbot.waitSignal(composer.draft_saved, timeout=3000):
        pass
    assert workspace.contacts.load_draft(detail.id) == "Bonjour, je regarde votre dossier"
    assert composer.draft_label.text().startswith("Draft saved ")

    composer.set_contact(None)
    assert composer.text() == ""
    composer.set_contact(detail)
    qtbot.waitUntil(lambda: composer.text() == "Bonjour, je regarde votre dossier")
    assert not composer.editor.isReadOnly()


def test_flush_saves_at_once_before_switching(qtbot, runner: Runner, workspace: Workspace) -> None:
    first = claim(workspace)
    second = claim(workspace)
    composer = make_composer(qtbot, runner, workspace, first)
    qtbot.keyClicks(composer.editor, "A completer")

    composer.set_contact(second)  # well within the 800 ms debounce
    runner.wait_idle()

    assert workspace.contacts.load_draft(first.id) == "A completer"


def test_slash_and_letters_offer_templates_and_enter_inserts_the_filled_text(
    qtbot, runner: Runner, workspace: Workspace
) -> None:
    detail = claim(workspace)
    composer = make_composer(qtbot, runner, workspace, detail)
    qtbot.keyClicks(composer.editor, "Bonjour,")
    qtbot.keyClick(composer.editor, Qt.Key.Key_Return)

    qtbot.keyClicks(composer.editor, "/retrait")
    qtbot.waitUntil(composer.popup_visible)
    first = composer.model.summary(0)
    assert first is not None
    assert "retrait" in f"{first.title} {first.body}".lower()
    offered = [composer.model.summary(r) for r in range(composer.model.rowCount())]
    languages = [t.language for t in offered if t is not None]
    # The contact's language comes first.
    assert languages == sorted(languages, key=lambda lang: lang != detail.language)

    qtbot.keyClick(composer.editor, Qt.Key.Key_Return)

    expected = fill(first.body, workspace.templates.values_for(detail.id)).text
    assert composer.text() == "Bonjour,\n" + expected
    assert "/retrait" not in composer.text()
    assert not composer.popup_visible()
    [insertion] = composer.insertions()
    assert insertion.template_id == first.id and insertion.inserted_text == expected


def test_tab_also_inserts_and_otherwise_leaves_the_field(
    qtbot, runner: Runner, workspace: Workspace
) -> None:
    detail = claim(workspace)
    composer = make_composer(qtbot, runner, workspace, detail)

    qtbot.keyClicks(composer.editor, "/bonus")
    qtbot.waitUntil(composer.popup_visible)
    chosen = composer.model.summary(0)
    qtbot.keyClick(composer.editor, Qt.Key.Key_Tab)

    assert composer.text() == fill(chosen.body, workspace.templates.values_for(detail.id)).text
    assert composer.editor.hasFocus()
    assert "\t" not in composer.text()


def test_escape_dismisses_the_popup_and_keeps_the_typed_text(
    qtbot, runner: Runner, workspace: Workspace
) -> None:
    composer = make_composer(qtbot, runner, workspace, claim(workspace))

    qtbot.keyClicks(composer.editor, "/compte")
    qtbot.waitUntil(composer.popup_visible)
    qtbot.keyClick(composer.editor, Qt.Key.Key_Escape)

    assert not composer.popup_visible()
    assert composer.text() == "/compte"
    assert composer.insertions() == ()
    qtbot.keyClicks(composer.editor, "s")  # still dismissed while the same "/word" is typed
    qtbot.wait(150)
    assert not composer.popup_visible()


def test_slash_inside_a_line_is_just_text(qtbot, runner: Runner, workspace: Workspace) -> None:
    composer = make_composer(qtbot, runner, workspace, claim(workspace))

    qtbot.keyClicks(composer.editor, "Montant 50/retrait")
    qtbot.wait(200)

    assert not composer.popup_visible()


def test_unfilled_placeholders_are_highlighted_and_listed(
    qtbot, runner: Runner, workspace: Workspace
) -> None:
    composer = make_composer(qtbot, runner, workspace, claim(workspace))

    with qtbot.waitSignal(composer.unfilled_changed) as signal:
        qtbot.keyClicks(composer.editor, "Votre dossier {{case_number}} est")
    assert signal.args == [["case_number"]]
    assert composer.unfilled() == ["case_number"]
    assert "{{case_number}}" in composer.status.text()

    layout = composer.editor.document().firstBlock().layout()
    start = composer.text().index("{{")
    painted = [
        f
        for f in layout.formats()
        if f.format.background().color() == QColor(PLACEHOLDER_BACKGROUND)
    ]
    assert [(f.start, f.length) for f in painted] == [(start, len("{{case_number}}"))]

    assert composer.select_placeholder("case_number")
    qtbot.keyClicks(composer.editor, "42")
    assert composer.text() == "Votre dossier 42 est"
    assert composer.unfilled() == []


def test_template_text_is_inserted_as_text_only(
    qtbot, runner: Runner, workspace: Workspace
) -> None:
    detail = claim(workspace)
    composer = make_composer(qtbot, runner, workspace, detail)
    template = workspace.templates.search("", language=detail.language)[0]
    hostile = type(template)(**{**template.__dict__, "body": "<script>x()</script> {{today}}"})

    composer.insert_template(hostile)
    qtbot.waitUntil(lambda: composer.insertions() != ())

    assert composer.text().startswith("<script>x()</script> ")
    assert "{{today}}" not in composer.text()


def test_list_model_passes_the_model_tester(qtmodeltester, workspace: Workspace) -> None:
    model = TemplateListModel()
    model.set_templates(workspace.templates.search("compte"))
    assert model.rowCount() > 0
    qtmodeltester.check(model)
    assert model.data(model.index(0, 0), TemplateListModel.ID_ROLE) == model.summary(0).id


# --- the channel: templates offered, the length counter, notices that never go stale ----------


def test_on_x_the_slash_popup_offers_only_templates_made_for_x(
    qtbot, runner: Runner, workspace: Workspace
) -> None:
    detail = claim(workspace, Channel.X)
    composer = make_composer(qtbot, runner, workspace, detail)

    qtbot.keyClicks(composer.editor, "/recl")
    qtbot.waitUntil(composer.popup_visible)

    offered = [composer.model.summary(r) for r in range(composer.model.rowCount())]
    assert offered and all("x" in t.channels for t in offered if t is not None)
    assert "complaint_acknowledgement_fr" not in {t.key for t in offered if t is not None}
    qtbot.keyClick(composer.editor, Qt.Key.Key_Return)
    assert "{{account_number}}" not in composer.text() and "Compte n°" not in composer.text()


def test_the_counter_follows_the_channel_limit_and_warns_near_and_past_it(
    qtbot, runner: Runner, workspace: Workspace
) -> None:
    composer = make_composer(qtbot, runner, workspace, claim(workspace, Channel.FACEBOOK))
    assert composer.counter.isVisible()
    assert composer.counter.text() == "0 / 2\u202f000"
    assert "Facebook accepts up to 2\u202f000 characters" in composer.counter.toolTip()

    qtbot.keyClicks(composer.editor, "Bonjour")
    assert (composer.counter.text(), composer.counter.state()) == ("7 / 2\u202f000", "ok")
    composer.set_text("x" * 1_850)
    assert (composer.counter.text(), composer.counter.state()) == (
        "1\u202f850 / 2\u202f000",
        "near",
    )
    composer.set_text("x" * 2_134)
    assert composer.counter.text() == "2\u202f134 / 2\u202f000 · 134 too many"
    assert composer.counter.state() == "over"
    assert composer.counter.property("tone") == "error"  # red by the theme's sheet

    composer.set_contact(None)
    assert not composer.counter.isVisible()


def test_instagram_counts_bytes(qtbot, runner: Runner, workspace: Workspace) -> None:
    composer = make_composer(qtbot, runner, workspace, claim(workspace, Channel.INSTAGRAM))
    composer.editor.insertPlainText("Déjà")  # typed: QTest types ASCII only
    assert composer.counter.text() == "6 / 1\u202f000"
    assert "bytes" in composer.counter.toolTip()


def test_a_send_past_the_limit_is_refused_in_words_and_keeps_the_text(
    qtbot, runner: Runner, workspace: Workspace
) -> None:
    composer = make_composer(qtbot, runner, workspace, claim(workspace, Channel.X))
    text = "Bonjour " + "x" * 51_613
    composer.set_text(text)

    assert not composer.ready_to_send()
    assert composer.notice.isVisible()
    assert "51\u202f621 characters long and X accepts 10\u202f000" in composer.notice.text()
    assert composer.text() == text

    # The notice follows the text: still true while too long, gone once it fits.
    composer.set_text(text[:20_000])
    assert "20\u202f000 characters long" in composer.notice.text()
    composer.set_text("Bonjour, c'est réglé.")
    assert not composer.notice.isVisible()
    assert composer.ready_to_send()


def test_the_fill_in_notice_goes_once_the_placeholder_is_filled(
    qtbot, runner: Runner, workspace: Workspace
) -> None:
    composer = make_composer(qtbot, runner, workspace, claim(workspace))
    qtbot.keyClicks(composer.editor, "Compte {{account_number}} et {{case_number}}")

    assert not composer.ready_to_send()
    assert "{{account_number}}, {{case_number}}" in composer.notice.text()
    assert composer.editor.textCursor().selectedText() == "{{account_number}}"

    qtbot.keyClicks(composer.editor, "C00000158")
    assert composer.notice.isVisible()
    assert "{{account_number}}" not in composer.notice.text()  # only what is left is named
    assert composer.select_placeholder("case_number")
    qtbot.keyClicks(composer.editor, "42")
    assert not composer.notice.isVisible()
    assert composer.ready_to_send()


def test_an_empty_reply_is_refused_until_something_is_written(
    qtbot, runner: Runner, workspace: Workspace
) -> None:
    composer = make_composer(qtbot, runner, workspace, claim(workspace))
    qtbot.keyClicks(composer.editor, "   ")
    assert not composer.ready_to_send()
    assert "The reply is empty" in composer.notice.text()
    qtbot.keyClicks(composer.editor, "B")
    assert not composer.notice.isVisible()


def test_reply_sent_goes_at_the_first_keystroke_of_the_next_reply(
    qtbot, runner: Runner, workspace: Workspace
) -> None:
    detail = claim(workspace)
    composer = make_composer(qtbot, runner, workspace, detail)
    qtbot.keyClicks(composer.editor, "Bonjour, c'est fait.")
    assert composer.ready_to_send()
    composer.set_sending(True)
    composer.show_sending()
    message = workspace.contacts.send_reply(detail.id, composer.text())
    composer.clear_after_send()
    composer.set_sending(False)
    composer.show_sent(message.created_at)

    assert composer.notice.text().startswith("Reply sent at ")
    assert composer.text() == "" and composer.counter.text() == "0 / 20\u202f000"
    qtbot.keyClicks(composer.editor, "A")
    assert not composer.notice.isVisible()


def test_a_refusal_from_the_service_is_shown_and_the_text_kept(
    qtbot, runner: Runner, workspace: Workspace
) -> None:
    detail = claim(workspace, Channel.X)
    composer = make_composer(qtbot, runner, workspace, detail)
    number = workspace.templates.values_for(detail.id)["account_number"]
    text = f"Votre compte {number} est débloqué."
    composer.editor.insertPlainText(text)
    assert composer.ready_to_send()  # the composer cannot know; the service does

    with pytest.raises(InputError) as err:
        workspace.contacts.send_reply(detail.id, composer.text())
    composer.show_send_failed(err.value)

    assert "account number" in composer.notice.text()
    assert composer.text() == text
    qtbot.keyClicks(composer.editor, ".")
    assert not composer.notice.isVisible()


def test_switching_contact_drops_the_notice(qtbot, runner: Runner, workspace: Workspace) -> None:
    composer = make_composer(qtbot, runner, workspace, claim(workspace))
    assert not composer.ready_to_send()
    assert composer.notice.isVisible()
    composer.set_contact(claim(workspace, Channel.WHATSAPP))
    assert not composer.notice.isVisible()
    assert composer.counter.text() == "0 / 4\u202f096"
