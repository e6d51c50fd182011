"""One case in the case review: its thread, notes, who held it, the wrap-up, the survey and the
evaluations — the self-assessment, the survey and the others' evaluations hidden until the
supervisor has saved their own (entered blind, so the alignment measures judgement, not
anchoring) — and the evaluation form: a scorecard's criteria scored 1 to 4, the estimate of the
customer's satisfaction 1 to 4, a comment."""

from __future__ import annotations

import html
import uuid

from PySide6.QtCore import QCoreApplication, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.backoffice import evaluations, scorecards
from app.backoffice.case_view import BLIND_NOTE, CaseView
from app.backoffice.centre import BackOffice
from app.backoffice.evaluation_views import EvaluationView
from app.enums import Direction, EvaluatorKind
from app.errors import RelaisError
from app.i18n import QT_TRANSLATE_NOOP
from ui.common.ops import Bug, Runner
from ui.common.texts import (
    assessment_label,
    channel_label,
    error_text,
    format_datetime,
    outcome_label,
    translate,
    ui_language,
)

# lupdate does not read inside f-strings: the texts translated there are marked here.
_IN_F_STRINGS = (
    QT_TRANSLATE_NOOP("CaseDetail", "Thread"),
    QT_TRANSLATE_NOOP("CaseDetail", "No written message: a call."),
    QT_TRANSLATE_NOOP("CaseDetail", "Internal notes"),
    QT_TRANSLATE_NOOP("CaseDetail", "Who held it"),
    QT_TRANSLATE_NOOP("CaseDetail", "Wrap-up"),
    QT_TRANSLATE_NOOP("CaseDetail", "Advisor felt the customer was:"),
    QT_TRANSLATE_NOOP("CaseDetail", "Survey"),
    QT_TRANSLATE_NOOP("CaseDetail", "effort"),
    QT_TRANSLATE_NOOP("CaseDetail", "The customer did not answer a survey."),
    QT_TRANSLATE_NOOP("CaseDetail", "Evaluations"),
    QT_TRANSLATE_NOOP("CaseDetail", "Other evaluations:"),
    QT_TRANSLATE_NOOP("CaseDetail", "Not evaluated yet."),
    QT_TRANSLATE_NOOP("CaseDetail", "Choose a case in the list."),
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("CaseDetail", text)


def _esc(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def kind_label(kind: EvaluatorKind) -> str:
    return (
        translate("CaseDetail", "Manager")
        if kind == EvaluatorKind.MANAGER
        else translate("CaseDetail", "Quality")
    )


def evaluation_html(e: EvaluationView) -> str:
    head = translate("CaseDetail", "{kind} · {who} · {when}").format(
        kind=kind_label(e.kind), who=e.evaluator, when=format_datetime(e.created_at)
    )
    parts = [f"<p><b>{_esc(head)}</b><br>"]
    label = f"{e.score} — {assessment_label(e.score)}"
    parts.append(
        _esc(
            translate("CaseDetail", "Customer's satisfaction as estimated: {label}").format(
                label=label
            )
        )
    )
    if e.quality_score is not None:
        parts.append(
            "<br>"
            + _esc(
                translate("CaseDetail", "Quality score: {score}/100").format(score=e.quality_score)
            )
        )
    for c in e.criteria:
        parts.append(f"<br>&nbsp;&nbsp;{_esc(c.label)}: {c.score if c.score is not None else '—'}")
    if e.comment:
        parts.append(f"<br><i>{_esc(e.comment)}</i>")
    if e.reply is not None:
        stance = (
            translate("CaseDetail", "agrees")
            if e.reply.stance == "agree"
            else translate("CaseDetail", "contests")
        )
        answer = translate("CaseDetail", "The advisor {stance}: {comment}")
        parts.append("<br>" + _esc(answer.format(stance=stance, comment=e.reply.comment or "—")))
    return "".join(parts) + "</p>"


def case_html(case: CaseView) -> str:
    hidden = f"<i>{_esc(translate('backoffice', BLIND_NOTE))}</i>"
    where = translate("CaseDetail", "{channel} · {team} · closed {when} by {advisor}").format(
        channel=channel_label(case.channel),
        team=case.team,
        when=format_datetime(case.closed_at) if case.closed_at else "—",
        advisor=case.advisor or "—",
    )
    parts = [f"<h3>{_esc(case.reference)} — {_esc(case.subject)}</h3>", f"<p>{_esc(where)}</p>"]
    parts.append(f"<h4>{_esc(translate('CaseDetail', 'Thread'))}</h4>")
    for m in case.messages:
        side = (
            translate("CaseDetail", "customer")
            if m.direction == Direction.INBOUND
            else translate("CaseDetail", "advisor")
        )
        parts.append(
            f"<p><b>{_esc(m.sender)}</b> · {_esc(side)} · {format_datetime(m.created_at)}"
            f"<br>{_esc(m.text)}</p>"
        )
    if not case.messages:
        parts.append(f"<p>{_esc(translate('CaseDetail', 'No written message: a call.'))}</p>")
    if case.notes:
        parts.append(f"<h4>{_esc(translate('CaseDetail', 'Internal notes'))}</h4>")
        parts += [f"<p>{_esc(n.author)}: {_esc(n.body)}</p>" for n in case.notes]
    if case.history:
        parts.append(f"<h4>{_esc(translate('CaseDetail', 'Who held it'))}</h4><p>")
        parts += [
            f"{_esc(h.advisor)} · {format_datetime(h.started_at)}"
            f" → {format_datetime(h.ended_at) if h.ended_at else '…'}<br>"
            for h in case.history
        ]
        parts.append("</p>")
    parts.append(f"<h4>{_esc(translate('CaseDetail', 'Wrap-up'))}</h4>")
    if case.wrap_up is not None:
        w = case.wrap_up
        reason = w.reason_label_fr if ui_language() == "fr" else w.reason_label_en
        if case.blind or w.self_assessment is None:
            feeling = hidden
        else:
            feeling = _esc(f"{w.self_assessment} — {assessment_label(w.self_assessment)}")
        parts.append(
            f"<p>{_esc(reason or w.reason_code)} · {_esc(outcome_label(w.outcome))}<br>"
            f"{_esc(translate('CaseDetail', 'Advisor felt the customer was:'))} {feeling}"
            + (f"<br><i>{_esc(w.comment)}</i>" if w.comment else "")
            + "</p>"
        )
    parts.append(f"<h4>{_esc(translate('CaseDetail', 'Survey'))}</h4>")
    if case.blind:
        parts.append(f"<p>{hidden}</p>")
    elif case.survey is not None:
        s = case.survey
        parts.append(
            f"<p>CSAT {s.csat}/5 ({_esc(assessment_label(s.csat_four))})"
            + (f" · NPS {s.nps}/10" if s.nps is not None else "")
            + (
                f" · {_esc(translate('CaseDetail', 'effort'))} {s.effort}/7"
                if s.effort is not None
                else ""
            )
            + (f"<br>« {_esc(s.comment)} »" if s.comment else "")
            + "</p>"
        )
    else:
        parts.append(
            f"<p>{_esc(translate('CaseDetail', 'The customer did not answer a survey.'))}</p>"
        )
    parts.append(f"<h4>{_esc(translate('CaseDetail', 'Evaluations'))}</h4>")
    parts += [evaluation_html(e) for e in case.mine]
    if case.blind:
        parts.append(f"<p>{_esc(translate('CaseDetail', 'Other evaluations:'))} {hidden}</p>")
    else:
        parts += [evaluation_html(e) for e in case.others]
    if not (case.mine or case.others) and not case.blind:
        parts.append(f"<p>{_esc(translate('CaseDetail', 'Not evaluated yet.'))}</p>")
    return "".join(parts)


class EvaluationForm(QGroupBox):
    """The form; ``saved(contact_id)`` once the centre has the evaluation."""

    saved = Signal(object)

    def __init__(self, runner: Runner, office: BackOffice, parent: QWidget | None = None) -> None:
        super().__init__(translate("CaseDetail", "Your evaluation"), parent)
        self._runner = runner
        self._office = office
        self._case: CaseView | None = None
        self._cards: list[scorecards.ScorecardView] = []
        self._criteria: list[tuple[scorecards.Criterion, QComboBox]] = []
        self.kind = QComboBox(self)
        self.kind.setAccessibleName(translate("CaseDetail", "Evaluate as"))
        self.card = QComboBox(self)
        self.card.setAccessibleName(translate("CaseDetail", "Scorecard"))
        self.card.currentIndexChanged.connect(self._show_criteria)
        self.criteria_box = QFormLayout()
        self.estimate = QButtonGroup(self)
        estimates = QGridLayout()
        for score in (1, 2, 3, 4):
            button = QRadioButton(f"&{score} — {assessment_label(score)}", self)
            self.estimate.addButton(button, score)
            estimates.addWidget(button, (score - 1) // 2, (score - 1) % 2)
        self.comment = QPlainTextEdit(self)
        self.comment.setPlaceholderText(translate("CaseDetail", "What went well, what to coach"))
        self.comment.setAccessibleName(translate("CaseDetail", "Evaluation comment"))
        self.comment.setTabChangesFocus(True)
        self.comment.setMaximumHeight(56)
        self.save = QPushButton(translate("CaseDetail", "Sa&ve the evaluation"), self)
        self.save.clicked.connect(self.submit)
        self.problem = QLabel("", self)
        self.problem.setProperty("message", True)
        self.problem.setProperty("tone", "error")
        self.problem.setWordWrap(True)
        self.problem.hide()
        form = QFormLayout(self)
        form.addRow(translate("CaseDetail", "As"), self.kind)
        form.addRow(translate("CaseDetail", "Scorecard"), self.card)
        form.addRow(self.criteria_box)
        form.addRow(translate("CaseDetail", "Customer's satisfaction"), estimates)
        form.addRow(translate("CaseDetail", "Comment"), self.comment)
        form.addRow(self.problem)
        form.addRow(self.save)

    def set_scorecards(self, cards: list[scorecards.ScorecardView]) -> None:
        self._cards = cards
        self.card.clear()
        for card in cards:
            self.card.addItem(f"{card.name} (v{card.current.number})", card.id)

    def show_case(self, case: CaseView) -> None:
        self._case = case
        self.kind.clear()
        for kind in sorted(case.can_evaluate):
            self.kind.addItem(kind_label(kind), kind)
        able = bool(case.can_evaluate) and bool(self._cards)
        self.setEnabled(able)
        self.problem.setVisible(not able)
        if not case.can_evaluate:
            self.problem.setText(
                translate(
                    "CaseDetail",
                    "You may not evaluate this contact (your own, or not your team's).",
                )
            )
        elif not self._cards:
            self.problem.setText(
                translate("CaseDetail", "No scorecard yet: create one with “New scorecard…”.")
            )
        self.comment.clear()
        button = self.estimate.checkedButton()
        if button is not None:
            self.estimate.setExclusive(False)
            button.setChecked(False)
            self.estimate.setExclusive(True)
        self._show_criteria()

    def _show_criteria(self) -> None:
        while self.criteria_box.rowCount():
            self.criteria_box.removeRow(0)
        self._criteria = []
        index = self.card.currentIndex()
        if not 0 <= index < len(self._cards):
            return
        for criterion in self._cards[index].current.criteria:
            box = QComboBox(self)
            box.addItem("—", None)
            for score in (1, 2, 3, 4):
                box.addItem(str(score), score)
            box.setAccessibleName(criterion.label)
            weight = QLocale().toString(float(criterion.weight), "g", 6)  # "1,5" in French
            self.criteria_box.addRow(f"{criterion.label} (×{weight})", box)
            self._criteria.append((criterion, box))

    def submit(self) -> None:
        case = self._case
        index = self.card.currentIndex()
        if case is None or not 0 <= index < len(self._cards):
            return
        scores = {c.key: box.currentData() for c, box in self._criteria}
        missing = [c.label for c, box in self._criteria if box.currentData() is None]
        estimate = self.estimate.checkedId()
        if missing or estimate < 1:
            what = (
                ", ".join(missing)
                if missing
                else translate("CaseDetail", "the customer's satisfaction")
            )
            self.problem.setText(
                translate(
                    "CaseDetail",
                    "Score every criterion and the customer's satisfaction first: {what}.",
                ).format(what=what)
            )
            self.problem.show()
            return
        office = self._office
        version = self._cards[index].current.id
        kind = self.kind.currentData()
        comment = self.comment.toPlainText()
        self.save.setEnabled(False)
        self._runner.centre(
            lambda: evaluations.evaluate(
                office, case.contact_id, kind, version, scores, estimate, comment
            ),
            lambda _saved: self._done(case.contact_id),
            self._failed,
            owner=self,
        )

    def _done(self, contact_id: uuid.UUID) -> None:
        self.save.setEnabled(True)
        self.problem.hide()
        self.saved.emit(contact_id)

    def _failed(self, err: RelaisError | Bug) -> None:
        self.save.setEnabled(True)
        self.problem.setText(error_text(err))  # what was typed stays
        self.problem.show()


class CaseDetail(QWidget):
    """Signals: ``evaluated(uuid)`` after the supervisor saved an evaluation."""

    evaluated = Signal(object)

    def __init__(self, runner: Runner, office: BackOffice, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._office = office
        self.text = QTextBrowser(self)
        self.text.setAccessibleName(translate("CaseDetail", "The case"))
        self.text.setOpenLinks(False)
        self.text.setHtml(f"<p>{_esc(translate('CaseDetail', 'Choose a case in the list.'))}</p>")
        self.form = EvaluationForm(runner, office, self)
        self.form.saved.connect(self._saved)
        self.form.setEnabled(False)
        split = QSplitter(self)
        split.setOrientation(Qt.Orientation.Vertical)
        split.addWidget(self.text)
        split.addWidget(self.form)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(split)
        self.case: CaseView | None = None

    def open_case(self, contact_id: uuid.UUID) -> None:
        office = self._office
        self._runner.centre(
            lambda: evaluations.case_view(office, contact_id),
            self._show,
            self._failed,
            owner=self,
            key="case",
        )

    def _show(self, case: CaseView) -> None:
        self.case = case
        self.text.setHtml(case_html(case))
        self.form.show_case(case)

    def _saved(self, contact_id: uuid.UUID) -> None:
        self.open_case(contact_id)  # no longer blind
        self.evaluated.emit(contact_id)

    def _failed(self, err: RelaisError | Bug) -> None:
        self.text.setHtml(f"<p>{_esc(error_text(err))}</p>")
        self.form.setEnabled(False)
