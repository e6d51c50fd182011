"""The team's focus indicator on every workstation's status bar: its value over the last 7
days and the change beside the 7 before, read from the centre (the team's aggregate only) off
the GUI thread, every few minutes. Hidden while the team follows none or the centre does not
answer (the last value stays, with the time it was read)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTimer, Slot
from PySide6.QtWidgets import QLabel, QWidget

from app.backoffice.focus import FocusView, focus
from app.db import Database
from app.errors import RelaisError
from ui.common import theme
from ui.common.indicator_text import change_text, good_news, value_text
from ui.common.ops import Bug, Runner
from ui.common.texts import format_datetime

REFRESH_MS = 5 * 60_000


class FocusLabel(QLabel):
    def __init__(
        self, runner: Runner, central: Database, login: str, parent: QWidget | None = None
    ) -> None:
        super().__init__("", parent)
        self.setObjectName("focusIndicator")
        self.setAccessibleName(self.tr("The team's focus indicator"))
        self.setContentsMargins(8, 0, 8, 0)
        self._runner = runner
        self._central = central
        self._login = login
        self.view: FocusView | None = None
        self.hide()
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()

    @Slot()
    def refresh(self) -> None:
        central, login = self._central, self._login
        self._runner.centre(
            lambda: focus(central, login), self._show, self._failed, owner=self, key="focus"
        )

    def _show(self, view: FocusView | None) -> None:
        self.view = view
        if view is None:
            self.hide()
            return
        label = QCoreApplication.translate("indicators", view.label)
        change = change_text(view.change, view.unit)
        value = value_text(view.value, view.unit)
        text = self.tr("Focus: {label} {value}").format(label=label, value=value)
        self.setText(f"{text} {change}" if change else text)
        news = good_news(view.change, view.better)
        tone = {True: "success", False: "error", None: ""}[news]
        theme.set_state(self, "tone", tone or None)
        self.setToolTip(
            self.tr(
                "{label} over the last 7 days ({n} contacts), beside the 7 days before "
                "({before}). Your team follows it since {since}."
            ).format(
                label=label,
                n=view.n,
                before=value_text(view.previous, view.unit),
                since=format_datetime(view.set_at) if view.set_at else "—",
            )
        )
        self.show()

    def _failed(self, _err: RelaisError | Bug) -> None:
        if self.view is None:
            self.hide()  # said by the sync's own status; the figure simply waits
