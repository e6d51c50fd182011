"""Ctrl+T: search the library as you type, read a template, insert it with Enter."""

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt

from app.services.templates import fold
from app.workspace import Workspace
from ui.common.ops import Runner
from ui.desk.template_picker import TemplatePicker, TemplateTableModel


@pytest.fixture
def runner(workspace: Workspace) -> Iterator[Runner]:
    r = Runner()
    yield r
    r.wait_idle()


def open_picker(
    qtbot, runner: Runner, ws: Workspace, language: str | None = "fr"
) -> TemplatePicker:
    picker = TemplatePicker(runner, ws.templates, language, "email")
    qtbot.addWidget(picker)
    with qtbot.waitSignal(picker.results_shown):
        picker.show()
    qtbot.waitExposed(picker)
    return picker


def search(qtbot, picker: TemplatePicker, text: str) -> int:
    """Types ``text`` and waits for the list that answers all of it (not an earlier prefix)."""
    picker.search.clear()
    qtbot.keyClicks(picker.search, text)
    qtbot.waitUntil(lambda: picker.shown_query == text, timeout=3000)
    return picker.model.rowCount()


def titles(picker: TemplatePicker) -> list[str]:
    return [
        picker.model.data(picker.model.index(r, TemplateTableModel.TITLE))
        for r in range(picker.model.rowCount())
    ]


def test_search_shows_matching_templates_in_the_contact_language(
    qtbot, runner: Runner, workspace: Workspace
) -> None:
    picker = open_picker(qtbot, runner, workspace)
    everything = picker.model.rowCount()

    found = search(qtbot, picker, "reclamation")  # finds "réclamation": accents are folded

    assert 0 < found < everything
    for row in range(found):
        t = picker.model.summary(row)
        assert t is not None and t.language == "fr"
        assert "reclamation" in fold(f"{t.title} {t.category} {t.key} {t.body}")
    assert picker.preview.toPlainText() == picker.model.summary(0).body


def test_enter_in_the_search_field_inserts_the_first_result(
    qtbot, runner: Runner, workspace: Workspace
) -> None:
    picker = open_picker(qtbot, runner, workspace)
    search(qtbot, picker, "compte")
    first = picker.model.summary(0)
    chosen: list[object] = []
    picker.template_chosen.connect(chosen.append)

    qtbot.keyClick(picker.search, Qt.Key.Key_Return)

    assert picker.result() == TemplatePicker.DialogCode.Accepted
    assert picker.chosen() == first
    assert chosen == [first]


def test_enter_typed_before_the_debounce_waits_for_the_answer(
    qtbot, runner: Runner, workspace: Workspace
) -> None:
    picker = open_picker(qtbot, runner, workspace)

    qtbot.keyClicks(picker.search, "parrainage")
    with qtbot.waitSignal(picker.accepted, timeout=3000):
        qtbot.keyClick(picker.search, Qt.Key.Key_Return)

    chosen = picker.chosen()
    assert chosen is not None and "parrainage" in fold(f"{chosen.title} {chosen.body}")


def test_keyboard_only_down_moves_into_the_list_and_enter_inserts(
    qtbot, runner: Runner, workspace: Workspace
) -> None:
    picker = open_picker(qtbot, runner, workspace)
    search(qtbot, picker, "compte")
    picker.search.setFocus()

    qtbot.keyClick(picker.search, Qt.Key.Key_Down)
    assert picker.table.hasFocus()
    qtbot.keyClick(picker.table, Qt.Key.Key_Down)
    second = picker.model.summary(1)
    assert picker.preview_title.text() == second.title

    qtbot.keyClick(picker.table, Qt.Key.Key_Return)
    assert picker.chosen() == second


def test_escape_cancels_without_a_choice(qtbot, runner: Runner, workspace: Workspace) -> None:
    picker = open_picker(qtbot, runner, workspace)
    qtbot.keyClick(picker.search, Qt.Key.Key_Escape)

    assert picker.result() == TemplatePicker.DialogCode.Rejected
    assert picker.chosen() is None


def test_all_languages_and_no_match(qtbot, runner: Runner, workspace: Workspace) -> None:
    picker = open_picker(qtbot, runner, workspace)
    french = picker.model.rowCount()
    with qtbot.waitSignal(picker.results_shown):
        picker.language.setCurrentIndex(picker.language.findData(None))
    assert picker.model.rowCount() > french
    assert {picker.model.summary(r).language for r in range(picker.model.rowCount())} >= {
        "fr",
        "en",
    }

    assert search(qtbot, picker, "zzzz introuvable") == 0
    assert "No template matches" in picker.count.text()
    assert not picker.insert_button.isEnabled()
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    assert picker.isVisible()  # nothing to insert: the dialog stays open


def test_a_stale_answer_never_replaces_a_newer_one(
    qtbot, runner: Runner, workspace: Workspace
) -> None:
    picker = open_picker(qtbot, runner, workspace)
    picker.search.setText("compte")
    picker.search_now()
    picker.search.setText("parrainage")
    with qtbot.waitSignal(picker.results_shown):
        picker.search_now()
    runner.wait_idle()
    qtbot.wait(50)

    shown = [picker.model.summary(r) for r in range(picker.model.rowCount())]
    assert shown and all("parrainage" in fold(f"{t.title} {t.body}") for t in shown)


def test_results_model_passes_the_model_tester(qtmodeltester, workspace: Workspace) -> None:
    model = TemplateTableModel()
    model.set_templates(workspace.templates.search("", limit=50))
    qtmodeltester.check(model)
    first = model.summary(0)
    assert model.data(model.index(0, 0), TemplateTableModel.ID_ROLE) == first.id
    assert model.data(
        model.index(0, TemplateTableModel.LANGUAGE), TemplateTableModel.SORT_ROLE
    ) in {
        "fr",
        "en",
    }


# --- the contact's channel ---------------------------------------------------------------------


def open_x_picker(qtbot, runner: Runner, ws: Workspace) -> TemplatePicker:
    picker = TemplatePicker(runner, ws.templates, "fr", "x")
    qtbot.addWidget(picker)
    with qtbot.waitSignal(picker.results_shown):
        picker.show()
    qtbot.waitExposed(picker)
    return picker


def shown(picker: TemplatePicker) -> list:
    return [picker.model.summary(r) for r in range(picker.model.rowCount())]


def test_on_x_only_templates_made_for_x_and_the_rest_on_request_marked(
    qtbot, runner: Runner, workspace: Workspace
) -> None:
    picker = open_x_picker(qtbot, runner, workspace)
    assert picker.other_channels.isVisible() and not picker.other_channels.isChecked()
    mine = shown(picker)
    assert mine and all("x" in t.channels for t in mine)
    assert "more made for other channels" in picker.count.text()

    with qtbot.waitSignal(picker.results_shown):
        picker.other_channels.setChecked(True)
    rows = shown(picker)
    assert len(rows) > len(mine)
    assert rows[: len(mine)] == mine  # made for X first, the others after
    foreign = len(mine)
    assert not picker.model.made_for_channel(foreign)
    channels_cell = picker.model.data(picker.model.index(foreign, TemplateTableModel.CHANNELS))
    assert channels_cell.startswith("Made for ")
    assert "E-mail" in channels_cell or "Facebook" in channels_cell
    assert (
        picker.model.data(
            picker.model.index(foreign, TemplateTableModel.TITLE), Qt.ItemDataRole.ForegroundRole
        )
        is not None
    )
    assert "more made for other channels" not in picker.count.text()

    picker.table.setCurrentIndex(picker.model.index(foreign, 0))
    assert picker.preview_channel.isVisible()
    assert "not for X" in picker.preview_channel.text()
    picker.table.setCurrentIndex(picker.model.index(0, 0))
    assert not picker.preview_channel.isVisible()


def test_account_data_never_on_x_even_on_request(
    qtbot, runner: Runner, workspace: Workspace
) -> None:
    picker = open_x_picker(qtbot, runner, workspace)
    with qtbot.waitSignal(picker.results_shown):
        picker.other_channels.setChecked(True)

    search(qtbot, picker, "reclamation")

    keys = {t.key for t in shown(picker)}
    assert "complaint_acknowledgement_short_fr" in keys
    assert "complaint_acknowledgement_fr" not in keys  # holds {{account_number}}
    assert "holding account data, never offered on X" in picker.count.text()


def test_on_e_mail_the_channel_choice_changes_nothing_and_marks_nothing(
    qtbot, runner: Runner, workspace: Workspace
) -> None:
    picker = open_picker(qtbot, runner, workspace)
    rows = shown(picker)
    assert all(picker.model.made_for_channel(r) for r in range(len(rows)))
    assert "account data" not in picker.count.text()


def test_results_with_a_channel_pass_the_model_tester(qtmodeltester, workspace: Workspace) -> None:
    model = TemplateTableModel(channel="x")
    model.set_templates(list(workspace.templates.suggest("", "x", other_channels=True).templates))
    qtmodeltester.check(model)
