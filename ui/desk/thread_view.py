"""A contact's whole thread as one read-only page: what the customer wrote, what advisors
answered, the call record, internal notes, wrap-ups and the customer's survey.

The page is built as HTML by a pure function (``thread_html``) so its content and its safety can
be tested without a widget. Customers' e-mails arrive already sanitised by ``app.sanitize`` (no
scripts, no images, no styles); plain text is escaped here. The viewer itself never loads
anything from outside the program: ``ThreadView.loadResource`` answers only Relais's own icons,
and a link in a customer's message opens only after the advisor clicks it and confirms.
"""

import html
import uuid
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QImage, QKeySequence, QShortcut, QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.backoffice.scales import csat_on_four
from app.dto import (
    AttachmentView,
    ContactDetail,
    FollowUpView,
    MessageView,
    NoteView,
    SurveyView,
    WrapUpView,
)
from app.enums import AttachmentState, Channel, DeliveryState, Direction
from app.errors import RelaisError
from app.services.contacts import ContactService
from ui.common import theme
from ui.common.ops import Bug, Runner
from ui.common.texts import (
    assessment_label,
    channel_icon,
    channel_label,
    delivery_reason,
    error_text,
    format_datetime,
    format_duration,
    format_size,
    outcome_label,
    priority_label,
    status_label,
    ui_language,
    untitled,
)

RESOURCE_SCHEME = "relais"
"""The only scheme the thread view resolves: ``relais:channel/<channel>`` and ``relais:risk``."""
PRINT_SCHEME = "relais-print"
"""A reply to a letter's "Print" link: ``relais-print:<message id>``."""
SAVE_SCHEME = "relais-save"
"""A file's "Save as…" link: ``relais-save:<attachment id>``; nothing else is done with it."""

ICON_PX = 16
SCAN_PX = 560
"""How wide a letter's scan is shown in the thread."""

# Calm colours for a page read all day: the customer on a neutral grey card, the advisor on a
# pale card of the accent set in from the left, internal notes on pale amber so nobody mistakes
# them for something the customer saw. Text stays dark on every card. Rich text takes colours,
# not a style sheet: these are the theme's tokens (ui.common.theme checks their contrast).
CUSTOMER_BG = theme.SURFACE_ALT
CUSTOMER_BAR = theme.BORDER_STRONG
ADVISOR_BG = theme.ACCENT_SOFT
ADVISOR_BAR = theme.ACCENT
NOTE_BG = theme.WARNING_BG
NOTE_BAR = theme.WARNING_STRONG
NOTE_INK = theme.WARNING_TEXT
RISK_BG = theme.RISK_BG
RISK_INK = theme.RISK_TEXT
INFO_BG = theme.SURFACE_ALT


translate = QCoreApplication.translate  # the name pyside6-lupdate recognises


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _fmt(sentence: str, **values: str | int) -> str:
    """Escapes a translated plain-text sentence, then puts in values that are already HTML.

    Translators see whole sentences without markup; markup only ever comes from this module.
    """
    return _esc(sentence).format(**values)


def plain_to_html(text: str) -> str:
    """Escapes a plain text for HTML and keeps its line breaks (and runs of spaces)."""
    escaped = _esc(text.strip("\n"))
    escaped = escaped.replace("  ", "&nbsp; ")
    return escaped.replace("\r\n", "\n").replace("\n", "<br>")


def _icon(path: str) -> str:
    return (
        f'<img src="{RESOURCE_SCHEME}:{path}" width="{ICON_PX}" height="{ICON_PX}" '
        'style="vertical-align: middle;">'
    )


def _card(bar: str, background: str, meta: str, body: str, indent: bool | None = False) -> str:
    """A message-like block: a coloured bar on the left, a tinted body.

    Qt's rich text has no rounded boxes; a two-cell table (a narrow coloured cell and the text)
    is what renders reliably, and the left margin sets the advisor's messages apart.
    """
    left = 56 if indent else 0
    right = 0 if indent or indent is None else 56
    return (
        f'<table width="100%" cellspacing="0" cellpadding="0" '
        f'style="margin-top:10px; margin-left:{left}px; margin-right:{right}px;">'
        f'<tr><td width="4" bgcolor="{bar}"></td>'
        f'<td bgcolor="{background}" style="padding:7px 10px 8px 10px; color:{theme.TEXT};">'
        f'<p style="margin:0 0 4px 0; color:{theme.MUTED};">{meta}</p>'
        f"{body}</td></tr></table>"
    )


def _message(m: MessageView, channel: Channel) -> str:
    when = _esc(format_datetime(m.created_at))
    sender = _esc(m.sender or translate("ThreadView", "Unknown sender"))
    if m.direction == Direction.INBOUND:
        meta = _fmt(
            translate("ThreadView", "{sender} · customer · {when}"),
            sender=f'<b style="color:{theme.TEXT};">{sender}</b>',
            when=when,
        )
    else:
        meta = _fmt(
            translate("ThreadView", "{sender} · advisor's reply · {when}"),
            sender=f'<b style="color:{ADVISOR_BAR};">{sender}</b>',
            when=when,
        )
    if m.body_html:
        # Already cleaned by app.sanitize (nh3): formatting and links only, no images or styles.
        body = f"<div>{m.body_html}</div>"
    elif m.body_text.strip() or m.files or channel != Channel.PHONE:
        body = f'<p style="margin:0; line-height:125%;">{plain_to_html(m.body_text)}</p>'
    else:  # what the telephony wrote of a call: that it came, nothing more to read
        said = (
            translate("ThreadView", "Incoming call")
            if m.direction == Direction.INBOUND
            else translate("ThreadView", "Outgoing call")
        )
        body = f'<p style="margin:0; color:{theme.MUTED};"><i>{_esc(said)}</i></p>'
    body += _files(m)
    if m.direction == Direction.INBOUND:
        return _card(CUSTOMER_BAR, CUSTOMER_BG, meta, body)
    return _card(
        ADVISOR_BAR,
        ADVISOR_BG,
        meta,
        body + _delivery(m) + _print(m, channel == Channel.LETTER),
        indent=True,
    )


def _print(m: MessageView, letter: bool) -> str:
    """A reply to a letter is printed: the link makes its PDF (and, once the centre has it,
    marks it sent)."""
    if not letter or m.direction != Direction.OUTBOUND:
        return ""
    label = _esc(translate("ThreadView", "Print this letter (PDF)…"))
    return f'<p style="margin:6px 0 0 0;"><a href="{PRINT_SCHEME}:{m.id}">{label}</a></p>'


def _files(m: MessageView) -> str:
    """A line per file: its name, type and size, and "Save as…" for one the centre kept, or
    why it was not kept. The program never opens a file: it only offers to save it."""
    if not m.files:
        return ""
    lines = []
    for f in m.files:
        kind = f.sniffed_type or f.declared_type or translate("ThreadView", "unknown type")
        what = _fmt(
            translate("ThreadView", "{name} · {kind} · {size}"),
            name=f"<b>{_esc(f.filename)}</b>",
            kind=_esc(kind),
            size=_esc(format_size(f.size)),
        )
        if f.scan is not None:
            shown = _esc(
                translate("ThreadView", "The letter's first page; save it to read every page.")
                if f.sniffed_type == "application/pdf"
                else translate("ThreadView", "The letter as scanned")
            )
            lines.append(
                f'<p style="margin:6px 0 0 0;"><img src="{RESOURCE_SCHEME}:scan/{f.id}" '
                f'width="{SCAN_PX}" alt="{shown}"><br>'
                f'<span style="color:{theme.MUTED};">{shown}</span></p>'
            )
        if f.state == AttachmentState.KEPT:
            label = _esc(translate("ThreadView", "Save as…"))
            line = f'{what} &nbsp; <a href="{SAVE_SCHEME}:{f.id}">{label}</a>'
            if f.dangerous or f.mismatched:
                warning = (
                    translate("ThreadView", "A program: do not open it unless you know why.")
                    if f.dangerous
                    else translate(
                        "ThreadView", "Its content is not what its name says: be careful."
                    )
                )
                line += f'<br><span style="color:{RISK_INK};">{_esc(warning)}</span>'
        else:
            why = {
                AttachmentState.TOO_LARGE: translate("ThreadView", "Not kept: too large ({why})"),
                AttachmentState.PENDING: translate(
                    "ThreadView", "Being fetched from the platform{why}"
                ),
                AttachmentState.FAILED: translate("ThreadView", "Not kept: {why}"),
            }[f.state]
            reason = f.reason or translate("ThreadView", "the platform did not give it")
            if f.state == AttachmentState.PENDING:
                reason = f" ({f.reason})" if f.reason else ""
            line = f'{what}<br><span style="color:{NOTE_INK};">{_fmt(why, why=_esc(reason))}</span>'
        lines.append(f'<p style="margin:4px 0 0 0;">{line}</p>')
    return "".join(lines)


def _delivery(m: MessageView) -> str:
    """What became of a reply, as the centre last said: a line under it, in red when it did
    not reach the customer. Nothing for a call's record or a message from before deliveries."""
    d = m.delivery
    if d is None:
        if not m.unsent:
            return ""
        text = _fmt(
            translate("ThreadView", "On this workstation: goes to the centre at the next sync")
        )
        return _delivery_line(text, theme.MUTED)
    when = _esc(format_datetime(d.updated_at))
    why = _esc(delivery_reason(d.kind))
    words = f" ({_esc(d.words)})" if d.words else ""
    if d.state == DeliveryState.FAILED:
        text = _fmt(
            translate("ThreadView", "Not delivered: {why}{words} · {when}"),
            why=why,
            words=words,
            when=when,
        )
        advice = _esc(
            translate(
                "ThreadView",
                "The customer did not get this reply: check their address, then answer again "
                "or call them.",
            )
        )
        return _delivery_line(f"<b>{text}</b><br>{advice}", RISK_INK, RISK_BG)
    if d.state == DeliveryState.QUEUED and d.reason:
        text = _fmt(
            translate("ThreadView", "Not sent yet: {why}{words}; next try {when}"),
            why=why,
            words=words,
            when=_esc(format_datetime(d.next_attempt_at)),
        )
        return _delivery_line(text, NOTE_INK)
    text = {
        DeliveryState.QUEUED: translate("ThreadView", "Waiting to be sent"),
        DeliveryState.SENT: translate("ThreadView", "Sent {when}"),
        DeliveryState.DELIVERED: translate("ThreadView", "Delivered {when}"),
        DeliveryState.READ: translate("ThreadView", "Read {when}"),
    }[d.state]
    return _delivery_line(_fmt(text, when=when), theme.MUTED)


def _delivery_line(html_text: str, ink: str, background: str | None = None) -> str:
    shade = f' bgcolor="{background}"' if background else ""
    return (
        f'<table width="100%" cellspacing="0" cellpadding="4" style="margin-top:6px;">'
        f'<tr><td{shade} style="color:{ink};">{html_text}</td></tr></table>'
    )


def _note(n: NoteView, indent: bool = True) -> str:
    when = _esc(format_datetime(n.created_at))
    author = _esc(n.author)
    label = _esc(translate("ThreadView", "Internal note — not sent"))
    label = f'<b style="color:{NOTE_INK};">{label}</b>'
    if n.during_call:
        meta = _fmt(
            translate("ThreadView", "{label} · {author} · {when} · taken during the call"),
            label=label,
            author=author,
            when=when,
        )
    else:
        meta = _fmt(
            translate("ThreadView", "{label} · {author} · {when}"),
            label=label,
            author=author,
            when=when,
        )
    body = f'<p style="margin:0; line-height:125%;">{plain_to_html(n.body)}</p>'
    return _card(NOTE_BAR, NOTE_BG, meta, body, indent=indent)


def _call_record(detail: ContactDetail) -> str:
    start, end = detail.call_started_at, detail.call_ended_at
    if start is None and end is not None:
        text = _fmt(
            translate(
                "ThreadView", "Missed call: the caller hung up at {end}, before anyone answered."
            ),
            end=_esc(format_datetime(end)),
        )
    elif start is None:
        text = _fmt(translate("ThreadView", "No call recorded yet."))
    elif end is None:
        text = _fmt(
            translate("ThreadView", "Call started at {start}, still running."),
            start=_esc(format_datetime(start)),
        )
    else:
        text = _fmt(
            translate("ThreadView", "Call from {start} to {end} — duration {duration}."),
            start=_esc(format_datetime(start)),
            end=_esc(format_datetime(end)),
            duration=_esc(format_duration((end - start).total_seconds())),
        )
    call_record = translate("ThreadView", "Call record")
    return (
        f'<table width="100%" cellspacing="0" cellpadding="6" style="margin-top:10px;">'
        f'<tr><td bgcolor="{INFO_BG}" style="color:{theme.TEXT};">'
        f"{_icon('channel/phone')} "
        f"<b>{_esc(call_record)}</b> — {text}</td></tr></table>"
    )


def _wrap_up(w: WrapUpView) -> str:
    reason = w.reason_label_fr if ui_language() == "fr" else w.reason_label_en
    lines = [
        _fmt(
            translate("ThreadView", "Closed by {advisor} · {when}"),
            advisor=f"<b>{_esc(w.advisor)}</b>",
            when=_esc(format_datetime(w.created_at)),
        ),
        _fmt(translate("ThreadView", "Reason: {reason}"), reason=_esc(reason)),
        _fmt(translate("ThreadView", "Outcome: {outcome}"), outcome=_esc(outcome_label(w.outcome))),
        _fmt(
            translate("ThreadView", "Advisor's view of the customer: {assessment}"),
            assessment=f"<b>{_esc(assessment_label(w.self_assessment))}</b>",
        ),
    ]
    if w.share < 0.999:
        lines.append(
            _fmt(
                translate("ThreadView", "Share of the contact: {share} %"),
                share=round(w.share * 100),
            )
        )
    return f'<p style="margin:4px 0 0 0;">{"<br>".join(lines)}</p>'


def _follow_up(f: FollowUpView) -> str:
    """The follow-up planned at closing time: when, a callback or a reply, and where it is."""
    text = (
        translate("ThreadView", "Follow-up planned: a callback, {when} ({reference}, {status})")
        if f.kind == "callback"
        else translate(
            "ThreadView", "Follow-up planned: a written reply, {when} ({reference}, {status})"
        )
    )
    return (
        '<p style="margin:4px 0 0 0;">'
        + _fmt(
            text,
            when=f"<b>{_esc(format_datetime(f.due_at))}</b>",
            reference=_esc(f.reference),
            status=_esc(status_label(f.status)),
        )
        + "</p>"
    )


def _survey(a: SurveyView) -> str:
    parts = [
        _fmt(translate("ThreadView", "Answered {when}"), when=_esc(format_datetime(a.answered_at))),
        _fmt(
            translate("ThreadView", "Customer's satisfaction: {csat}"),
            csat=f"<b>{_esc(assessment_label(csat_on_four(a.csat) or 1))}</b> ({a.csat}/5)",
        ),
    ]
    if a.nps is not None:
        parts.append(_fmt(translate("ThreadView", "Likelihood to recommend: {nps}/10"), nps=a.nps))
    if a.effort is not None:
        parts.append(
            _fmt(translate("ThreadView", "Effort to get an answer: {effort}/7"), effort=a.effort)
        )
    if a.comment.strip():
        parts.append(
            _fmt(
                translate("ThreadView", "In their words: “{comment}”"),
                comment=plain_to_html(a.comment),
            )
        )
    return f'<p style="margin:4px 0 0 0;">{"<br>".join(parts)}</p>'


def _header(detail: ContactDetail) -> str:
    subject = detail.subject or untitled(detail.channel)
    who = detail.sender_display or detail.sender_address
    facts = [
        _fmt(
            translate("ThreadView", "Received {when}"),
            when=_esc(format_datetime(detail.received_at)),
        ),
        # A closed contact says when it was closed instead of just "Closed".
        "" if detail.closed_at is not None else _esc(status_label(detail.status)),
        _fmt(
            translate("ThreadView", "Priority: {priority}"),
            priority=_esc(priority_label(detail.priority)),
        ),
    ]
    if detail.closed_at is not None:
        facts.append(
            _fmt(
                translate("ThreadView", "Closed {when}"),
                when=_esc(format_datetime(detail.closed_at)),
            )
        )
    facts = [fact for fact in facts if fact]
    if who:
        facts.insert(0, _fmt(translate("ThreadView", "From {who}"), who=_esc(who)))
    out = [
        f'<p style="margin:0; color:{theme.MUTED};">'
        f"{_icon('channel/' + detail.channel.value)} {_esc(channel_label(detail.channel))} · "
        f'<b style="color:{theme.TEXT};">{_esc(detail.reference)}</b></p>',
        f'<h3 style="margin:2px 0 2px 0; color:{theme.TEXT};">{_esc(subject)}</h3>',
        f'<p style="margin:0; color:{theme.MUTED};">{" · ".join(facts)}</p>',
    ]
    if detail.risk_flag:
        out.append(risk_banner(detail.risk_reason))
    return "".join(out)


def risk_banner(reason: str) -> str:
    """The risk flag with its reason, as the thread and the contact panel show it."""
    text = (
        _fmt(translate("ThreadView", "Risk flag: {reason}"), reason=_esc(reason))
        if reason
        else _fmt(translate("ThreadView", "Risk flag: strong dissatisfaction or legal risk."))
    )
    return (
        f'<table width="100%" cellspacing="0" cellpadding="6" style="margin-top:8px;">'
        f'<tr><td bgcolor="{RISK_BG}" style="color:{RISK_INK};">'
        f"{_icon('risk')} "
        f"<b>{text}</b></td></tr></table>"
    )


def _section(title: str, body: str) -> str:
    return (
        f'<h4 style="margin:16px 0 0 0; color:{theme.MUTED};">{_esc(title)}</h4>'
        f'<table width="100%" cellspacing="0" cellpadding="8" style="margin-top:4px;">'
        f'<tr><td bgcolor="{INFO_BG}" style="color:{theme.TEXT};">{body}</td></tr></table>'
    )


def thread_html(detail: ContactDetail, header: bool = True) -> str:
    """The whole contact as HTML: header, messages and notes in time order, call record,
    wrap-ups and survey answers.

    Nothing in the result refers to anything outside the program: customer text is escaped,
    customer HTML was sanitised by the service, and the only images are ``relais:`` icons.
    ``header=False`` leaves the header out for the contact panel, which shows its own.
    """
    parts: list[str] = [f'<body style="color:{theme.TEXT};">']
    if header:
        parts.append(_header(detail))
    if detail.channel == Channel.PHONE:
        parts.append(_call_record(detail))
    timeline: list[tuple[datetime, int, str]] = []
    for m in detail.messages:
        timeline.append((m.created_at, 0, _message(m, detail.channel)))
    for n in detail.notes:
        timeline.append((n.created_at, 1, _note(n)))
    timeline.sort(key=lambda item: (item[0], item[1]))
    if not timeline:
        empty = translate("ThreadView", "No message or note on this contact yet.")
        parts.append(f'<p style="margin-top:14px; color:{theme.MUTED};">{_esc(empty)}</p>')
    parts.extend(block for _when, _kind, block in timeline)
    if detail.wrap_ups:
        body = "".join(_wrap_up(w) for w in detail.wrap_ups)
        body += "".join(_follow_up(f) for f in detail.follow_ups)
        parts.append(_section(translate("ThreadView", "Wrap-up"), body))
    if detail.surveys:
        parts.append(
            _section(translate("ThreadView", "Survey"), "".join(_survey(a) for a in detail.surveys))
        )
    parts.append("</body>")
    return "".join(parts)


def notes_html(notes: Sequence[NoteView]) -> str:
    """Only the internal notes, oldest first, for the contact panel's notes tab."""
    if not notes:
        empty = _esc(translate("ThreadView", "No internal note yet."))
        return f'<p style="color:{theme.MUTED};">{empty}</p>'
    return (
        f'<body style="color:{theme.TEXT};">'
        + "".join(_note(n, indent=False) for n in notes)
        + "</body>"
    )


def render_first_page(pdf: bytes, width: int) -> QImage | None:
    """A PDF's first page as an image ``width`` pixels wide; None when Qt cannot read it."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
    from PySide6.QtPdf import QPdfDocument

    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    try:
        if document.status() != QPdfDocument.Status.Ready or document.pageCount() < 1:
            return None
        points = document.pagePointSize(0)
        if points.width() <= 0:
            return None
        height = int(width * points.height() / points.width())
        image = document.render(0, QSize(width, height))
        return None if image.isNull() else image
    finally:
        document.close()
        buffer.close()


class ThreadView(QTextBrowser):
    """Read-only view of a contact's thread that never reaches outside the program.

    Remote images, style sheets and any file path asked for by the document are refused in
    ``loadResource``; links are not followed inside the view, and an http(s)/mailto link opens
    in the system browser only after the advisor clicked it and confirmed.

    Signals: none of its own (QTextBrowser's ``anchorClicked`` is handled here).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("threadView")
        self.setAccessibleName(self.tr("Contact thread"))
        self.setOpenExternalLinks(False)
        self.setOpenLinks(False)
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextBrowserInteraction
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.document().setDocumentMargin(12)
        self.anchorClicked.connect(self._on_anchor)
        self.highlighted.connect(self._on_hover)
        self.confirm_link: Callable[[QUrl], bool] = self._ask_before_opening
        self.print_letter: Callable[[uuid.UUID], None] | None = None
        """What "Print this letter" does (ui.desk.letter_print); None where it cannot."""
        self.save_file: Callable[[AttachmentView], None] | None = None
        """What "Save as…" does (ui.desk.attachment_save); None where files cannot be saved."""
        self._detail: ContactDetail | None = None
        self._scans: dict[str, QImage | None] = {}

    # -- content -----------------------------------------------------------------------------

    def show_detail(self, detail: ContactDetail, header: bool = True, at_end: bool = False) -> None:
        """Shows a contact; ``at_end`` scrolls to the latest message (the live contact)."""
        self._detail = detail
        self._scans.clear()
        self.setHtml(thread_html(detail, header=header))
        bar = self.verticalScrollBar()
        bar.setValue(bar.maximum() if at_end else 0)

    def show_message(self, text: str) -> None:
        """A placeholder line instead of a thread (loading, error, nothing open)."""
        self._detail = None
        self.setHtml(f'<p style="color:{theme.MUTED};">{plain_to_html(text)}</p>')

    def detail(self) -> ContactDetail | None:
        return self._detail

    def attachment(self, attachment_id: str) -> AttachmentView | None:
        """The shown contact's file with this id (from a link: text, maybe not an id)."""
        for m in self._detail.messages if self._detail else ():
            for f in m.files:
                if str(f.id) == attachment_id:
                    return f
        return None

    # -- safety ------------------------------------------------------------------------------

    def loadResource(self, kind: int, url: QUrl | str) -> Any:  # Qt override
        """Only Relais's own icons; never the network, never a file named by the content."""
        url = QUrl(url) if isinstance(url, str) else url
        if url.scheme() != RESOURCE_SCHEME or kind != QTextDocument.ResourceType.ImageResource:
            return None
        path = url.path()
        if path == "risk":
            from ui.common.texts import icon

            return icon("risk").pixmap(ICON_PX, ICON_PX).toImage()
        if path.startswith("scan/"):
            return self._scan(path.removeprefix("scan/"))
        if path.startswith("channel/"):
            try:
                channel = Channel(path.removeprefix("channel/"))
            except ValueError:
                return None
            return channel_icon(channel).pixmap(ICON_PX, ICON_PX).toImage()
        return None

    def _scan(self, attachment_id: str) -> QImage | None:
        """A letter's scan decoded by Qt from the stored bytes (a PDF's first page rendered
        by QtPdf); the rest of the program never reads them."""
        if attachment_id in self._scans:
            return self._scans[attachment_id]
        found = self.attachment(attachment_id)
        image: QImage | None = None
        if found is not None and found.scan is not None:
            if found.sniffed_type == "application/pdf":
                image = render_first_page(found.scan, SCAN_PX * 2)
            else:
                decoded = QImage.fromData(found.scan)
                image = None if decoded.isNull() else decoded
        self._scans[attachment_id] = image
        return image

    def _on_hover(self, url: QUrl) -> None:
        # Shows where a link really goes before anyone clicks it (phishing links lie in text).
        self.setToolTip(url.toDisplayString() if url.isValid() and not url.isEmpty() else "")

    def _on_anchor(self, url: QUrl) -> None:
        if url.scheme() == PRINT_SCHEME:
            try:
                message_id = uuid.UUID(url.path())
            except ValueError:
                return
            if self.print_letter is not None:
                self.print_letter(message_id)
            return
        if url.scheme() == SAVE_SCHEME:
            found = self.attachment(url.path())
            if found is not None and self.save_file is not None:
                self.save_file(found)
            return
        if url.scheme() not in ("http", "https", "mailto"):
            return
        if self.confirm_link(url):
            QDesktopServices.openUrl(url)

    def _ask_before_opening(self, url: QUrl) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Open link"),
            self.tr(
                "Open this link from the customer's message in your web browser?\n\n{url}\n\n"
                "Links in messages can be fraudulent: open only an address you trust."
            ).format(url=url.toDisplayString()),
            QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Open


class ContactViewerDialog(QDialog):
    """A past contact opened from the history, read-only. Esc or Close closes it.

    Signals: none beyond QDialog's.
    """

    def __init__(
        self,
        runner: Runner,
        contacts: ContactService,
        contact_id: uuid.UUID,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        theme.adopt(self)  # the window's sheet, also when made without a parent
        self.setWindowTitle(self.tr("Contact"))
        self.setAccessibleName(self.tr("Past contact"))
        self.setModal(False)
        self._runner = runner
        self._contacts = contacts
        self._contact_id = contact_id
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        self.notice = QLabel(self.tr("Read only: this is the record of the contact."), self)
        self.notice.setProperty("tone", "muted")
        layout.addWidget(self.notice)
        self.view = ThreadView(self)
        from ui.desk.attachment_save import AttachmentSaver  # it imports the contact service
        from ui.desk.letter_print import LetterPrinter

        self.saver = AttachmentSaver(runner, contacts, self)
        self.view.save_file = self.saver.save
        self.printer = LetterPrinter(runner, contacts, self)
        self.view.print_letter = self.printer.print_reply
        self.view.show_message(self.tr("Loading the contact…"))
        layout.addWidget(self.view, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName(self.tr("Close the contact view"))
        layout.addWidget(buttons)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Close), self).activated.connect(self.reject)
        self.resize(780, 680)
        self.view.setFocus()
        runner.read(
            lambda: contacts.detail(contact_id),
            self._loaded,
            self._failed,
            owner=self,
            key=f"contact-viewer-{id(self)}",
        )

    def _loaded(self, detail: ContactDetail) -> None:
        self.setWindowTitle(self.tr("Contact {reference}").format(reference=detail.reference))
        self.view.show_detail(detail)

    def _failed(self, err: RelaisError | Bug) -> None:
        self.view.show_message(error_text(err))
