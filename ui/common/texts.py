"""Translated labels and formats shared by every widget.

Enum values are stored in English identifiers; what a user reads comes from here, through Qt's
translation, so both languages stay in one catalogue.
"""

from datetime import datetime
from functools import cache
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, QLocale
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QDateEdit, QWidget

import resources
from app.channels import CHATS
from app.enums import Channel, ContactStatus, Outcome
from app.errors import RelaisError
from ui.common.ops import Bug

ICONS = Path(resources.__file__).resolve().parent / "icons"


# The alias lupdate recognises: calls below are extracted with their context.
translate = QCoreApplication.translate


def ui_language() -> str:
    """The interface language in force ("fr" or "en"), as chosen by the installed translator."""
    return "fr" if translate("Language", "en") == "fr" else "en"


def error_text(err: RelaisError | Bug) -> str:
    if isinstance(err, Bug):
        return translate(
            "Errors",
            "Something went wrong on our side. What you wrote is kept.\n"
            "If it happens again, give your supervisor this reference: {reference}.",
        ).format(reference=err.reference)
    return err.text(translate)


def channel_label(channel: Channel) -> str:
    return {
        Channel.PHONE: translate("Channel", "Phone"),
        Channel.EMAIL: translate("Channel", "E-mail"),
        Channel.FACEBOOK: translate("Channel", "Facebook"),
        Channel.X: translate("Channel", "X"),
        Channel.INSTAGRAM: translate("Channel", "Instagram"),
        Channel.WHATSAPP: translate("Channel", "WhatsApp"),
        Channel.LETTER: translate("Channel", "Letter"),
    }[channel]


def untitled(channel: Channel) -> str:
    """What stands for a contact's missing subject: a call or a chat has none by nature."""
    if channel == Channel.PHONE:
        return translate("Channel", "Phone call")
    if channel in CHATS:
        return translate("Channel", "Chat")
    return translate("Channel", "(no subject)")


def outcome_label(outcome: Outcome) -> str:
    return {
        Outcome.RESOLVED: translate("Outcome", "Resolved at first contact"),
        Outcome.FOLLOW_UP: translate("Outcome", "Follow-up needed"),
        Outcome.TRANSFERRED: translate("Outcome", "Transferred to another team"),
        Outcome.ESCALATED: translate("Outcome", "Escalated to back office"),
        Outcome.NO_ANSWER_NEEDED: translate("Outcome", "No answer needed"),
    }[outcome]


def assessment_label(score: int) -> str:
    return {
        1: translate("Assessment", "Very dissatisfied"),
        2: translate("Assessment", "Rather dissatisfied"),
        3: translate("Assessment", "Rather satisfied"),
        4: translate("Assessment", "Very satisfied"),
    }[score]


def status_label(status: ContactStatus) -> str:
    return {
        ContactStatus.QUEUED: translate("Status", "Waiting"),
        ContactStatus.IN_PROGRESS: translate("Status", "In progress"),
        ContactStatus.CLOSED: translate("Status", "Closed"),
    }[status]


def delivery_reason(kind: str) -> str:
    """Why a reply is not (yet) with its customer, from the reason's kind (app.dto.DeliveryView)."""
    return {
        "refused": translate("Delivery", "the customer's mail server refused it"),
        "deferred": translate("Delivery", "the mail server asked to try again later"),
        "unreachable": translate("Delivery", "the mail server could not be reached"),
        "login": translate("Delivery", "the mail server refused the connector's login"),
        "bounced": translate("Delivery", "it came back undelivered"),
        "expired": translate("Delivery", "it could not be sent within a day"),
        "bad_address": translate("Delivery", "the customer's address is not a valid one"),
        "no_address": translate("Delivery", "no address is known for this customer on the channel"),
        "rejected": translate("Delivery", "the platform refused it"),
        "throttled": translate("Delivery", "the platform asked to wait before sending more"),
        "offline": translate("Delivery", "the platform could not be reached"),
        "token": translate("Delivery", "the platform refused the connector's access token"),
    }.get(kind, translate("Delivery", "the channel gave no reason"))


def priority_label(priority: int) -> str:
    return {
        0: translate("Priority", "Low"),
        1: translate("Priority", "Normal"),
        2: translate("Priority", "High"),
        3: translate("Priority", "Urgent"),
    }.get(priority, str(priority))


def format_duration(seconds: float) -> str:
    """Compact durations for the queue's live columns: "45 s", "12 min", "1 h 05", "2 d 4 h"."""
    sign = "\u2212" if seconds < 0 else ""  # a true minus: "−12 min" reads as late, not as a dash
    s = int(abs(seconds))
    if s < 60:
        return translate("Duration", "{sign}{s} s").format(sign=sign, s=s)
    minutes = s // 60
    if minutes < 60:
        return translate("Duration", "{sign}{m} min").format(sign=sign, m=minutes)
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        return translate("Duration", "{sign}{h} h {m:02d}").format(sign=sign, h=hours, m=minutes)
    days, hours = divmod(hours, 24)
    return translate("Duration", "{sign}{d} d {h} h").format(sign=sign, d=days, h=hours)


def format_size(size: int) -> str:
    """A file's size as people read it: "820 B", "14 KB", "3.2 MB" ("3,2 Mo" in French)."""
    if size < 1024:
        return translate("Size", "{n} B").format(n=size)
    if size < 1024 * 1024:
        return translate("Size", "{n} KB").format(n=round(size / 1024))
    return translate("Size", "{n} MB").format(n=format_decimal(size / (1024 * 1024), 1))


def format_datetime(dt: datetime) -> str:
    """Local time, short, in the interface's locale."""
    local = dt.astimezone()
    if local.date() == datetime.now().astimezone().date():
        return local.strftime("%H:%M")
    fmt = "%d/%m/%Y %H:%M" if ui_language() == "fr" else "%Y-%m-%d %H:%M"
    return local.strftime(fmt)


def format_percent(share: float | None) -> str:
    """A share (0-1) as a whole percentage in the interface's typography: "11 %" in French,
    with the narrow no-break space French puts before the sign, "11%" in English."""
    if share is None:
        return "—"
    value = round(100 * share)
    return f"{value}\u202f%" if ui_language() == "fr" else f"{value}%"


def format_decimal(value: float, places: int, signed: bool = False) -> str:
    """A decimal in the interface's typography: "0,85" in French, "0.85" in English (a
    supervisor reading a kappa of "0.85" in a French window reads a foreign figure)."""
    text = f"{value:+.{places}f}" if signed else f"{value:.{places}f}"
    return text.replace(".", ",") if ui_language() == "fr" else text


def format_date(dt: datetime) -> str:
    local = dt.astimezone()
    return local.strftime("%d/%m/%Y" if ui_language() == "fr" else "%Y-%m-%d")


def qt_date_format() -> str:
    """``format_date``'s format in Qt's notation, for Qt's own date fields."""
    return "dd/MM/yyyy" if ui_language() == "fr" else "yyyy-MM-dd"


def date_edit(day: QDate, parent: QWidget) -> QDateEdit:
    """A date field with a calendar, written as ``format_date`` writes dates elsewhere (the
    English locale's own "11/4/26" would read as another convention)."""
    edit = QDateEdit(day, parent)
    edit.setDisplayFormat(qt_date_format())
    edit.setCalendarPopup(True)
    return edit


@cache
def channel_icon(channel: Channel) -> QIcon:
    return QIcon(str(ICONS / "channels" / f"{channel.value}.svg"))


@cache
def icon(name: str) -> QIcon:
    return QIcon(str(ICONS / f"{name}.svg"))


def system_language() -> str:
    return "fr" if QLocale.system().language() == QLocale.Language.French else "en"
