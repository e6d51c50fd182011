"""Template governance for supervisors: the library with each template's versions and states,
drafts, approvals and retirements, and how each template fares (``figures``).

A supervisor drafts a new template, or a new version of one (the same key and language); another
supervisor approves the draft (four eyes: never one's own, unless an administrator), and it
becomes the template's current text in every advisor's library at the next sync; a retired
template leaves the library. Advisors read approved templates only.

The writes are the centre's functions (``relais_template_draft``, ``relais_template_approve``,
``relais_template_retire``, sql/3fe0ed6959e9_90_templates.sql); the embedded SQLite centre runs
the same rules here. A refusal has a key, the same from both centres, and the user reads its
message from ``REFUSALS`` (the server's English is never shown).
"""

import json
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Executable, func, insert, select, text, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import aliased

from app.backoffice.centre import BackOffice
from app.backoffice.refusals import Refused
from app.backoffice.template_figures import TemplateFigures
from app.backoffice.template_figures import figures as _figures
from app.clock import utcnow
from app.db import sqlstate, storage_errors
from app.enums import Channel, Role
from app.errors import Conflict, InputError, NotFound, RelaisError
from app.i18n import QT_TRANSLATE_NOOP
from app.ids import new_id
from app.limits import LANGUAGES
from app.models import Advisor, Template, TemplateVersion
from app.models.templates import TemplateStatus, VersionStatus
from app.seed.checks import validate_templates
from app.sync import apply
from app.sync.centre import not_a_user

__all__ = [
    "REFUSALS",
    "Draft",
    "TemplateFigures",
    "TemplateRow",
    "VersionRow",
    "approve",
    "check",
    "draft",
    "figures",
    "retire",
    "templates",
]

KEY = re.compile(r"[a-z0-9][a-z0-9_-]{0,79}")
CATEGORY_MAX = 80
TITLE_MAX = 200
BODY_MAX = 20_000
CHANNELS = frozenset(c.value for c in Channel)


@dataclass(frozen=True)
class Draft:
    """What a supervisor writes: a new template, or the next version of the template of this
    key and language."""

    key: str
    language: str
    channels: tuple[str, ...]
    category: str
    title: str
    body: str

    def cleaned(self) -> "Draft":
        """As the centre keeps it: the key lowercase, category and title trimmed."""
        return Draft(
            self.key.strip().lower(),
            self.language.strip(),
            tuple(self.channels),
            self.category.strip(),
            self.title.strip(),
            self.body,
        )


@dataclass(frozen=True)
class VersionRow:
    version: int
    status: str
    title: str
    body: str
    category: str | None
    channels: tuple[str, ...] | None
    author_id: uuid.UUID | None
    author: str
    created_at: datetime
    approved_by: str
    approved_at: datetime | None


@dataclass(frozen=True)
class TemplateRow:
    """A template as the supervisors' list shows it: its current text, its state, and its
    versions, newest first."""

    id: uuid.UUID
    key: str
    language: str
    category: str
    channels: tuple[str, ...]
    title: str
    body: str
    status: str
    current_version: int
    versions: tuple[VersionRow, ...]

    @property
    def pending(self) -> VersionRow | None:
        """The draft waiting for approval, if any."""
        return next((v for v in self.versions if v.status == VersionStatus.DRAFT), None)


def _input(message: str, hint: str = "") -> Callable[[], RelaisError]:
    return lambda: InputError(message, hint)


REFUSALS: dict[str, Callable[[], RelaisError]] = {
    "template_rights": _input(
        QT_TRANSLATE_NOOP(
            "errors", "Only supervisors and administrators write, approve and retire templates."
        ),
        QT_TRANSLATE_NOOP("errors", "Ask your supervisor to change the template."),
    ),
    "four_eyes": _input(
        QT_TRANSLATE_NOOP("errors", "You wrote this draft: another supervisor approves it."),
        QT_TRANSLATE_NOOP(
            "errors", "Ask another supervisor (or an administrator) to read and approve it."
        ),
    ),
    "template_key": _input(
        QT_TRANSLATE_NOOP(
            "errors",
            "A template's key has 1 to 80 characters: lowercase letters a-z, digits, _ and -.",
        ),
        QT_TRANSLATE_NOOP(
            "errors", "For example “withdrawal_delay”: the same key for each language."
        ),
    ),
    "template_language": _input(
        QT_TRANSLATE_NOOP("errors", "Choose the template's language: French or English."),
    ),
    "template_channels": _input(
        QT_TRANSLATE_NOOP("errors", "Choose the channels the template is made for."),
        QT_TRANSLATE_NOOP("errors", "At least one, each once."),
    ),
    "template_category": _input(
        QT_TRANSLATE_NOOP("errors", "A template needs a category of at most 80 characters."),
        QT_TRANSLATE_NOOP("errors", "For example “Payments”."),
    ),
    "template_title": _input(
        QT_TRANSLATE_NOOP("errors", "A template needs a title of at most 200 characters."),
    ),
    "template_body": _input(
        QT_TRANSLATE_NOOP("errors", "A template needs a text of at most 20,000 characters."),
    ),
    "no_template": lambda: NotFound(QT_TRANSLATE_NOOP("errors", "This template no longer exists.")),
    "no_version": lambda: NotFound(
        QT_TRANSLATE_NOOP("errors", "This version of the template no longer exists.")
    ),
    "not_a_draft": lambda: Conflict(
        QT_TRANSLATE_NOOP("errors", "This version is no longer waiting for approval."),
        QT_TRANSLATE_NOOP(
            "errors", "Someone approved it or wrote a newer draft: read the list again."
        ),
    ),
}

_KEY_OF_MESSAGE = re.compile(r"^([a-z_]+):")


def problem(d: Draft) -> str | None:
    """The refusal's key for a draft the centre would refuse (as relais_template_problem)."""
    if not KEY.fullmatch(d.key):
        return "template_key"
    if d.language not in LANGUAGES:
        return "template_language"
    if not d.channels or len(set(d.channels)) != len(d.channels) or set(d.channels) - CHANNELS:
        return "template_channels"
    if not d.category.strip() or len(d.category.strip()) > CATEGORY_MAX:
        return "template_category"
    if not d.title.strip() or len(d.title.strip()) > TITLE_MAX:
        return "template_title"
    if not d.body.strip() or len(d.body) > BODY_MAX:
        return "template_body"
    return None


def check(d: Draft) -> Draft:
    """The draft as it will be sent, or the error saying what to correct: what the centre
    refuses, and what the library refuses (a placeholder nothing fills, account data on a
    channel where replies can be public, a text longer than a channel takes)."""
    d = d.cleaned()
    found = problem(d)
    if found is not None:
        raise REFUSALS[found]()
    validate_templates([{**d.__dict__, "channels": list(d.channels)}])
    return d


# -- the library as supervisors see it -----------------------------------------------------------


def templates(office: BackOffice) -> list[TemplateRow]:
    """Every template with its versions (newest first), by key then language. Read from the
    centre itself, not a replica: it is read again right after each change."""
    _supervisor_only(office)
    author = aliased(Advisor)
    approver = aliased(Advisor)
    with office.db.reading() as conn:
        heads = conn.execute(
            select(
                Template.id,
                Template.key,
                Template.language,
                Template.category,
                Template.channels,
                Template.title,
                Template.body,
                Template.status,
                Template.current_version,
            ).order_by(Template.key, Template.language)
        ).all()
        versions: dict[uuid.UUID, list[VersionRow]] = {}
        for r in conn.execute(
            select(
                TemplateVersion.template_id,
                TemplateVersion.version,
                TemplateVersion.status,
                TemplateVersion.title,
                TemplateVersion.body,
                TemplateVersion.category,
                TemplateVersion.channels,
                TemplateVersion.author_id,
                author.display_name,
                TemplateVersion.created_at,
                approver.display_name,
                TemplateVersion.approved_at,
            )
            .outerjoin(author, author.id == TemplateVersion.author_id)
            .outerjoin(approver, approver.id == TemplateVersion.approved_by)
            .order_by(TemplateVersion.template_id, TemplateVersion.version.desc())
        ):
            versions.setdefault(r[0], []).append(
                VersionRow(
                    r[1],
                    r[2],
                    r[3],
                    r[4],
                    r[5],
                    None if r[6] is None else tuple(r[6]),
                    r[7],
                    r[8] or "",
                    r[9],
                    r[10] or "",
                    r[11],
                )
            )
    return [
        TemplateRow(
            h[0],
            h[1],
            h[2],
            h[3],
            tuple(h[4] or ()),
            h[5],
            h[6],
            h[7],
            h[8],
            tuple(versions.get(h[0], ())),
        )
        for h in heads
    ]


def figures(office: BackOffice, start: datetime, end: datetime) -> list[TemplateFigures]:
    """Per template, its use over ``start <= used_at < end`` on the contacts the user
    supervises (their team's; an administrator's: all), the ones to improve first."""
    _supervisor_only(office)
    return _figures(office, start, end)


# -- drafts, approvals, retirements --------------------------------------------------------------


def draft(office: BackOffice, d: Draft) -> tuple[uuid.UUID, int]:
    """Writes the draft; returns its template and version number."""
    _supervisor_only(office)
    d = check(d)
    template_id, version_id = new_id(), new_id()

    def embedded(conn: Connection, me: apply.User) -> tuple[uuid.UUID, int]:
        _may_write(me)
        found = problem(d)
        if found is not None:
            raise Refused(found)
        current = conn.scalar(
            select(Template.id).where(Template.key == d.key, Template.language == d.language)
        )
        if current is None:
            conn.execute(
                insert(Template).values(
                    id=template_id,
                    key=d.key,
                    category=d.category,
                    language=d.language,
                    channels=list(d.channels),
                    title=d.title,
                    body=d.body,
                    current_version=0,
                    active=False,
                    status=TemplateStatus.DRAFT.value,
                )
            )
            current = template_id
        number = 1 + (
            conn.scalar(
                select(func.max(TemplateVersion.version)).where(
                    TemplateVersion.template_id == current
                )
            )
            or 0
        )
        conn.execute(
            update(TemplateVersion)
            .where(
                TemplateVersion.template_id == current,
                TemplateVersion.status == VersionStatus.DRAFT.value,
            )
            .values(status=VersionStatus.SUPERSEDED.value)
        )
        conn.execute(
            insert(TemplateVersion).values(
                id=version_id,
                template_id=current,
                version=number,
                title=d.title,
                body=d.body,
                created_at=utcnow(),
                author_id=me.id,
                category=d.category,
                channels=list(d.channels),
                status=VersionStatus.DRAFT.value,
            )
        )
        return current, number

    row = _call(
        office,
        text(
            "SELECT * FROM public.relais_template_draft(:id, :version, :key, :language, "
            "CAST(:channels AS jsonb), :category, :title, :body)"
        ).bindparams(
            id=template_id,
            version=version_id,
            key=d.key,
            language=d.language,
            channels=json.dumps(list(d.channels)),
            category=d.category,
            title=d.title,
            body=d.body,
        ),
        embedded,
    )
    return row[0], int(row[1])


def approve(office: BackOffice, template_id: uuid.UUID, version: int) -> datetime:
    """Makes the draft ``version`` the template's current text; returns when (the centre's
    clock). Four eyes: the draft's author may not approve it, unless an administrator."""
    _supervisor_only(office)

    def embedded(conn: Connection, me: apply.User) -> datetime:
        _may_write(me)
        if conn.scalar(select(Template.id).where(Template.id == template_id)) is None:
            raise Refused("no_template")
        found = conn.execute(
            select(
                TemplateVersion.id,
                TemplateVersion.status,
                TemplateVersion.author_id,
                TemplateVersion.title,
                TemplateVersion.body,
                TemplateVersion.category,
                TemplateVersion.channels,
            ).where(TemplateVersion.template_id == template_id, TemplateVersion.version == version)
        ).first()
        if found is None:
            raise Refused("no_version")
        if found.status != VersionStatus.DRAFT:
            raise Refused("not_a_draft")
        if found.author_id == me.id and me.role != Role.ADMIN:
            raise Refused("four_eyes")
        now = utcnow()
        conn.execute(
            update(TemplateVersion)
            .where(
                TemplateVersion.template_id == template_id,
                TemplateVersion.status == VersionStatus.APPROVED.value,
            )
            .values(
                status=VersionStatus.SUPERSEDED.value,
                approved_at=func.coalesce(TemplateVersion.approved_at, TemplateVersion.created_at),
            )
        )
        conn.execute(
            update(TemplateVersion)
            .where(TemplateVersion.id == found.id)
            .values(status=VersionStatus.APPROVED.value, approved_by=me.id, approved_at=now)
        )
        changes: dict[str, Any] = {
            "title": found.title,
            "body": found.body,
            "current_version": version,
            "status": TemplateStatus.APPROVED.value,
            "active": True,
        }
        if found.category is not None:
            changes["category"] = found.category
        if found.channels is not None:
            changes["channels"] = found.channels
        conn.execute(update(Template).where(Template.id == template_id).values(changes))
        return now

    row = _call(
        office,
        text("SELECT public.relais_template_approve(:template, :version)").bindparams(
            template=template_id, version=version
        ),
        embedded,
    )
    when: datetime = row[0]
    return when


def retire(office: BackOffice, template_id: uuid.UUID) -> bool:
    """Takes the template out of the advisors' library; False when it was retired already.
    Approving one of its drafts brings it back."""
    _supervisor_only(office)

    def embedded(conn: Connection, me: apply.User) -> bool:
        _may_write(me)
        if conn.scalar(select(Template.id).where(Template.id == template_id)) is None:
            raise Refused("no_template")
        done = conn.execute(
            update(Template)
            .where(Template.id == template_id, Template.status != TemplateStatus.RETIRED.value)
            .values(status=TemplateStatus.RETIRED.value, active=False)
        )
        return bool(done.rowcount)

    row = _call(
        office,
        text("SELECT public.relais_template_retire(:template)").bindparams(template=template_id),
        embedded,
    )
    return bool(row[0])


# -- one call of the centre ----------------------------------------------------------------------


def _call(
    office: BackOffice,
    statement: Executable,
    embedded: Callable[[Connection, apply.User], Any],
) -> Any:
    """The function's first row on PostgreSQL, ``embedded``'s answer (as a row) on the
    embedded centre; a refusal with a key becomes its message, any other refusal of rights
    means the login is not an active user."""
    db = office.db
    login = office.who.login
    if db.is_sqlite:
        with storage_errors(db), db.engine.begin() as conn:
            try:
                me = apply.user(conn, login)
            except apply.NotAUser as exc:
                raise not_a_user(login) from exc
            try:
                answer = embedded(conn, me)
            except Refused as exc:
                raise REFUSALS[exc.key]() from None
        return answer if isinstance(answer, tuple) else (answer,)
    try:
        with storage_errors(db), db.engine.begin() as conn:
            return tuple(conn.execute(statement).one())
    except DBAPIError as exc:
        diag = getattr(exc.orig, "diag", None)
        found = _KEY_OF_MESSAGE.match(str(getattr(diag, "message_primary", "") or ""))
        if found and found.group(1) in REFUSALS:
            raise REFUSALS[found.group(1)]() from exc
        if sqlstate(exc) == "42501":
            raise not_a_user(login) from exc
        raise


def _may_write(me: apply.User) -> None:
    if me.role not in (Role.SUPERVISOR, Role.ADMIN):
        raise Refused("template_rights")


def _supervisor_only(office: BackOffice) -> None:
    if not office.is_supervisor:
        raise REFUSALS["template_rights"]()
