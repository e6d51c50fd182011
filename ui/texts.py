"""Translated labels and formats shared by every widget.

Enum values are stored in English identifiers; what a user reads comes from here, through Qt's
translation, so both languages stay in one catalogue.
"""

from datetime import datetime
from functools import cache
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtGui import QIcon

from app.errors import RelaisError
from app.models import Channel, ContactStatus, Outcome
from ui.ops import Bug

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"


def tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def ui_language() -> str:
    """The interface language in force ("fr" or "en"), as chosen by the installed translator."""
    return "fr" if tr("Language", "en") == "fr" else "en"


def error_text(err: RelaisError | Bug) -> str:
    if isinstance(err, Bug):
        return tr(
            "Errors",
            "Something went wrong on our side. What you wrote is kept.\n"
            "If it happens again, give your supervisor this reference: {reference}.",
        ).format(reference=err.reference)
    return err.text(tr)


def channel_label(channel: Channel) -> str:
    return {
        Channel.PHONE: tr("Channel", "Phone"),
        Channel.EMAIL: tr("Channel", "E-mail"),
        Channel.FACEBOOK: tr("Channel", "Facebook"),
        Channel.X: tr("Channel", "X"),
        Channel.INSTAGRAM: tr("Channel", "Instagram"),
        Channel.WHATSAPP: tr("Channel", "WhatsApp"),
        Channel.LETTER: tr("Channel", "Letter"),
    }[channel]


def outcome_label(outcome: Outcome) -> str:
    return {
        Outcome.RESOLVED: tr("Outcome", "Resolved at first contact"),
        Outcome.FOLLOW_UP: tr("Outcome", "Follow-up needed"),
        Outcome.TRANSFERRED: tr("Outcome", "Transferred to another team"),
        Outcome.ESCALATED: tr("Outcome", "Escalated to back office"),
        Outcome.NO_ANSWER_NEEDED: tr("Outcome", "No answer needed"),
    }[outcome]


def assessment_label(score: int) -> str:
    return {
        1: tr("Assessment", "Very dissatisfied"),
        2: tr("Assessment", "Rather dissatisfied"),
        3: tr("Assessment", "Rather satisfied"),
        4: tr("Assessment", "Very satisfied"),
    }[score]


def status_label(status: ContactStatus) -> str:
    return {
        ContactStatus.QUEUED: tr("Status", "Waiting"),
        ContactStatus.IN_PROGRESS: tr("Status", "In progress"),
        ContactStatus.CLOSED: tr("Status", "Closed"),
    }[status]


def priority_label(priority: int) -> str:
    return {
        0: tr("Priority", "Low"),
        1: tr("Priority", "Normal"),
        2: tr("Priority", "High"),
        3: tr("Priority", "Urgent"),
    }.get(priority, str(priority))


def format_duration(seconds: float) -> str:
    """Compact durations for the queue's live columns: "45 s", "12 min", "1 h 05", "2 d 4 h"."""
    sign = "-" if seconds < 0 else ""
    s = int(abs(seconds))
    if s < 60:
        return tr("Duration", "{sign}{s} s").format(sign=sign, s=s)
    minutes = s // 60
    if minutes < 60:
        return tr("Duration", "{sign}{m} min").format(sign=sign, m=minutes)
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        return tr("Duration", "{sign}{h} h {m:02d}").format(sign=sign, h=hours, m=minutes)
    days, hours = divmod(hours, 24)
    return tr("Duration", "{sign}{d} d {h} h").format(sign=sign, d=days, h=hours)


def format_datetime(dt: datetime) -> str:
    """Local time, short, in the interface's locale."""
    local = dt.astimezone()
    if local.date() == datetime.now().astimezone().date():
        return local.strftime("%H:%M")
    fmt = "%d/%m/%Y %H:%M" if ui_language() == "fr" else "%Y-%m-%d %H:%M"
    return local.strftime(fmt)


def format_date(dt: datetime) -> str:
    local = dt.astimezone()
    return local.strftime("%d/%m/%Y" if ui_language() == "fr" else "%Y-%m-%d")


@cache
def channel_icon(channel: Channel) -> QIcon:
    return QIcon(str(ICONS / "channels" / f"{channel.value}.svg"))


@cache
def icon(name: str) -> QIcon:
    return QIcon(str(ICONS / f"{name}.svg"))


def system_language() -> str:
    return "fr" if QLocale.system().language() == QLocale.Language.French else "en"
