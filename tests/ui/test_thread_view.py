"""The thread shows everything about a contact and never reaches outside the program."""

import html
import re
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QImage, QTextDocument
from sqlalchemy import select

from app.dto import (
    ContactDetail,
    DeliveryView,
    MessageView,
    NoteView,
    SurveyView,
    WrapUpView,
)
from app.enums import DeliveryState
from app.models import Channel, Contact, ContactStatus, Direction, Outcome, WrapUp
from app.sanitize import safe_html
from app.workspace import Workspace
from ui.common.ops import Runner
from ui.desk.thread_view import (
    ADVISOR_BG,
    CUSTOMER_BG,
    ContactViewerDialog,
    ThreadView,
    thread_html,
)

NOW = datetime(2026, 3, 12, 14, 0, tzinfo=UTC)


def make_detail(
    *,
    channel: Channel = Channel.EMAIL,
    messages: tuple[MessageView, ...] = (),
    notes: tuple[NoteView, ...] = (),
    wrap_ups: tuple[WrapUpView, ...] = (),
    surveys: tuple[SurveyView, ...] = (),
    call: tuple[datetime | None, datetime | None] = (None, None),
    risk: str = "",
) -> ContactDetail:
    return ContactDetail(
        id=uuid.uuid4(),
        reference="R-7K3Q-X9PA",
        channel=channel,
        status=ContactStatus.CLOSED,
        customer_id=None,
        sender_display="Julie Moreau",
        sender_address="julie@example.fr",
        subject="Retrait non reçu",
        language="fr",
        priority=1,
        risk_flag=bool(risk),
        risk_reason=risk,
        received_at=NOW - timedelta(hours=2),
        due_at=NOW,
        closed_at=NOW,
        call_started_at=call[0],
        call_ended_at=call[1],
        assigned_to_me=False,
        messages=messages,
        notes=notes,
        wrap_ups=wrap_ups,
        surveys=surveys,
    )


def inbound(text: str = "", html: str | None = None) -> MessageView:
    return MessageView(uuid.uuid4(), Direction.INBOUND, "Julie Moreau", text, html, NOW)


def test_plain_text_is_escaped_and_keeps_its_line_breaks() -> None:
    detail = make_detail(messages=(inbound("Bonjour <script>alert('x')</script>\nLigne 2"),))

    page = thread_html(detail)

    assert "<script>" not in page
    assert "&lt;script&gt;" in page
    assert "Bonjour" in page and "<br>Ligne 2" in page


def test_customer_html_never_loads_remote_content() -> None:
    mail = safe_html(
        '<p>Voir <img src="https://tracker.example/pixel.gif"> '
        '<a href="https://example.com/bonus">ici</a></p>'
        '<div style="background:url(https://tracker.example/bg.png)">x</div>'
    )
    detail = make_detail(messages=(inbound("fallback", mail),), risk="arnaque")

    page = thread_html(detail)

    sources = re.findall(r'src="([^"]*)"', page)
    assert sources, "the channel and risk icons are images"
    assert all(src.startswith("relais:") for src in sources)
    assert "tracker.example" not in page
    assert "url(" not in page
    assert "https://example.com/bonus" in page  # the link is shown, not followed


def test_inbound_and_outbound_look_different_and_notes_are_marked() -> None:
    reply = MessageView(uuid.uuid4(), Direction.OUTBOUND, "Camille", "Réponse", None, NOW)
    note = NoteView(uuid.uuid4(), "Camille", "Vérifié en back-office", False, NOW)
    page = thread_html(make_detail(messages=(inbound("Question"), reply), notes=(note,)))

    assert "customer" in page and "advisor's reply" in html.unescape(page)
    assert page.count("Internal note — not sent") == 1
    # The customer's card and the advisor's card do not share a colour.
    assert CUSTOMER_BG != ADVISOR_BG
    assert CUSTOMER_BG in page and ADVISOR_BG in page


def _reply(delivery: DeliveryView | None = None, unsent: bool = False) -> MessageView:
    return MessageView(
        uuid.uuid4(), Direction.OUTBOUND, "Camille", "Réponse", None, NOW, delivery, unsent
    )


def test_each_reply_says_what_became_of_it() -> None:
    """What the screen says of a reply is what the centre last heard from its channel."""
    later = NOW + timedelta(minutes=5)
    sent = _reply(DeliveryView(DeliveryState.SENT, "", NOW, NOW))
    waiting = _reply(DeliveryView(DeliveryState.QUEUED, "", NOW, NOW))
    retried = _reply(
        DeliveryView(DeliveryState.QUEUED, "deferred: 452 4.2.2 Mailbox full", NOW, later)
    )
    failed = _reply(DeliveryView(DeliveryState.FAILED, "refused: 550 5.1.1 User unknown", NOW, NOW))
    here = _reply(unsent=True)
    old = _reply()  # a reply from before deliveries, or a call's record: nothing said
    pages = {
        name: html.unescape(thread_html(make_detail(messages=(m,))))
        for name, m in {
            "sent": sent,
            "waiting": waiting,
            "retried": retried,
            "failed": failed,
            "here": here,
            "old": old,
        }.items()
    }
    assert "Sent " in pages["sent"] and "Not delivered" not in pages["sent"]
    assert "Waiting to be sent" in pages["waiting"]
    assert "Not sent yet: the mail server asked to try again later" in pages["retried"]
    assert "(452 4.2.2 Mailbox full); next try" in pages["retried"]
    assert (
        "Not delivered: the customer's mail server refused it (550 5.1.1 User unknown)"
        in pages["failed"]
    )
    assert "The customer did not get this reply" in pages["failed"]
    assert "goes to the centre at the next sync" in pages["here"]
    for words in ("Sent ", "Waiting to be sent", "Not delivered", "next sync"):
        assert words not in pages["old"]


def test_a_channels_words_are_escaped_in_the_thread() -> None:
    said = "refused: 550 <script>alert(1)</script>"
    page = thread_html(
        make_detail(messages=(_reply(DeliveryView(DeliveryState.FAILED, said, NOW, NOW)),))
    )
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_phone_call_record_wrap_up_and_survey_are_shown() -> None:
    start = NOW - timedelta(minutes=9)
    wrap = WrapUpView(
        "Camille",
        "withdrawal",
        "Withdrawal delay",
        "Retard de retrait",
        Outcome.RESOLVED,
        3,
        1.0,
        NOW,
    )
    survey = SurveyView(2, 6, 3, "Trop long <vraiment>", NOW)
    page = thread_html(
        make_detail(channel=Channel.PHONE, call=(start, NOW), wrap_ups=(wrap,), surveys=(survey,))
    )

    assert "Call record" in page and "9 min" in page
    assert "Withdrawal delay" in page  # the interface runs in English in tests
    assert "Resolved at first contact" in page and "Rather satisfied" in page
    assert "Rather dissatisfied" in page and "6/10" in page
    assert "&lt;vraiment&gt;" in page


def test_a_missed_call_says_so_and_a_calls_empty_message_reads_as_the_call() -> None:
    rang = MessageView(uuid.uuid4(), Direction.INBOUND, "06 12 34 56 78", "", None, NOW)
    page = thread_html(make_detail(channel=Channel.PHONE, call=(None, NOW), messages=(rang,)))
    assert "Missed call" in page and "before anyone answered" in page
    assert "Incoming call" in page
    e_mail = thread_html(make_detail(messages=(inbound(""),)))
    assert "Incoming call" not in e_mail


def test_load_resource_refuses_everything_but_relais_icons(qtbot) -> None:
    view = ThreadView()
    qtbot.addWidget(view)
    image = QTextDocument.ResourceType.ImageResource

    assert view.loadResource(image, QUrl("http://example.com/pixel.gif")) is None
    assert view.loadResource(image, QUrl("https://example.com/pixel.gif")) is None
    assert view.loadResource(image, QUrl("file:///etc/passwd")) is None
    assert view.loadResource(QTextDocument.ResourceType.StyleSheetResource, QUrl("x.css")) is None
    icon = view.loadResource(image, QUrl("relais:channel/email"))
    assert isinstance(icon, QImage) and not icon.isNull()


def test_links_open_only_after_the_advisor_confirms(qtbot, monkeypatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()))
    view = ThreadView()
    qtbot.addWidget(view)
    view.show_detail(
        make_detail(messages=(inbound("", safe_html('<a href="https://x.test">x</a>')),))
    )
    assert not view.openExternalLinks() and not view.openLinks()

    view.confirm_link = lambda _url: False
    view.anchorClicked.emit(QUrl("https://x.test"))
    assert opened == []

    view.confirm_link = lambda _url: True
    view.anchorClicked.emit(QUrl("javascript:alert(1)"))
    view.anchorClicked.emit(QUrl("https://x.test"))
    assert opened == ["https://x.test"]


@pytest.fixture
def runner(workspace: Workspace) -> Iterator[Runner]:
    r = Runner()
    yield r
    r.wait_idle()


def test_viewer_dialog_shows_a_past_contact_read_only_and_esc_closes(
    qtbot, workspace: Workspace, runner: Runner
) -> None:
    with workspace.local.session() as s:
        contact_id, reference = s.execute(
            select(Contact.id, Contact.reference)
            .join(WrapUp, WrapUp.contact_id == Contact.id)
            .where(Contact.status == ContactStatus.CLOSED)
            .limit(1)
        ).one()
    dialog = ContactViewerDialog(runner, workspace.contacts, contact_id)
    qtbot.addWidget(dialog)
    dialog.show()

    qtbot.waitUntil(lambda: reference in dialog.view.toPlainText())
    assert reference in dialog.windowTitle()
    assert "Outcome:" in dialog.view.toPlainText()  # the wrap-up is part of the record
    assert dialog.view.isReadOnly()

    qtbot.keyClick(dialog.view, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
