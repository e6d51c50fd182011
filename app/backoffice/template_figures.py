"""How each template fares, computed by the centre in SQL (the same Core query on PostgreSQL and
on the embedded SQLite centre), for a period: the templates most rewritten, or most often
followed by an unhappy customer, are the ones to improve.

Per template, over its uses with ``start <= used_at < end`` on the contacts the user supervises
(a supervisor's team's contacts, all for an administrator):
- ``uses``: how many times advisors put it into a reply; ``edited``: how many of those replies
  no longer held the template's text as inserted (``template_usage.edited``); the edit rate is
  their share;
- over the distinct contacts it was used on (``contacts``), their satisfaction as the alignment
  reads it (app.backoffice.alignment_sql ``views``): the customer's CSAT on the 4-point scale
  (app.backoffice.scales) and the self-assessment of the advisor who closed the contact, each
  with the number of contacts it rests on;
- ``low``: contacts where either of those scores is low (1 or 2 on the 4-point scale: CSAT 1-3,
  a self-assessment of 1-2), over ``scored``, the contacts having at least one of them.

Ordered to show the ones to improve first: the larger of the edit rate and the low share, then
the more used; templates not used in the period come last.
"""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Float, and_, case, cast, func, literal, or_, select

from app.backoffice.alignment_sql import Scope, Viewer, views
from app.backoffice.centre import BackOffice
from app.enums import Role
from app.models import Contact, Template, TemplateUsage

LOW = 2  # on the 4-point scale: "rather" or "very" dissatisfied
_WHENEVER = datetime(9999, 1, 1, tzinfo=UTC)  # a contact's satisfaction counts whenever it closed


@dataclass(frozen=True)
class TemplateFigures:
    template_id: uuid.UUID
    key: str
    language: str
    title: str
    status: str
    uses: int
    edited: int
    contacts: int
    surveyed: int
    mean_csat: float | None
    """Mean CSAT of the surveyed contacts, on the 4-point scale."""
    assessed: int
    mean_self: float | None
    scored: int
    low: int

    @property
    def edit_rate(self) -> float | None:
        return self.edited / self.uses if self.uses else None

    @property
    def low_share(self) -> float | None:
        return self.low / self.scored if self.scored else None


def _rate(part: Any, whole: Any) -> Any:
    return case((whole > 0, cast(part, Float) / whole), else_=literal(0.0))


def figures(office: BackOffice, start: datetime, end: datetime) -> list[TemplateFigures]:
    """Every template the user reads, with its figures for the period (zeros where unused)."""
    who = office.who
    used = (
        select(TemplateUsage.template_id, TemplateUsage.contact_id, TemplateUsage.edited)
        .join(Contact, Contact.id == TemplateUsage.contact_id)
        .where(TemplateUsage.used_at >= start, TemplateUsage.used_at < end)
    )
    if who.role != Role.ADMIN:
        used = used.where(Contact.team_id == who.team_id)
    u = used.subquery("used")
    uses = (
        select(
            u.c.template_id,
            func.count().label("uses"),
            func.sum(case((u.c.edited, 1), else_=0)).label("edited"),
        )
        .group_by(u.c.template_id)
        .subquery("uses")
    )
    pairs = select(u.c.template_id, u.c.contact_id).distinct().subquery("pairs")
    viewer = Viewer(who.advisor_id, str(who.role), who.team_id) if office.reader.is_sqlite else None
    v = views(Scope(start, _WHENEVER, viewer=viewer))
    low = or_(v.c.customer <= LOW, v.c.self <= LOW)
    scored = or_(v.c.customer.is_not(None), v.c.self.is_not(None))
    satisfaction = (
        select(
            pairs.c.template_id,
            func.count().label("contacts"),
            func.count(v.c.customer).label("surveyed"),
            func.avg(v.c.customer).label("mean_csat"),
            func.count(v.c.self).label("assessed"),
            func.avg(v.c.self).label("mean_self"),
            func.sum(case((scored, 1), else_=0)).label("scored"),
            func.sum(case((and_(scored, low), 1), else_=0)).label("low"),
        )
        .select_from(pairs)
        .outerjoin(v, v.c.id == pairs.c.contact_id)
        .group_by(pairs.c.template_id)
        .subquery("satisfaction")
    )
    n_uses = func.coalesce(uses.c.uses, 0)
    n_scored = func.coalesce(satisfaction.c.scored, 0)
    edit_rate = _rate(func.coalesce(uses.c.edited, 0), n_uses)
    low_share = _rate(func.coalesce(satisfaction.c.low, 0), n_scored)
    worst = case((edit_rate > low_share, edit_rate), else_=low_share)
    query = (
        select(
            Template.id,
            Template.key,
            Template.language,
            Template.title,
            Template.status,
            n_uses,
            func.coalesce(uses.c.edited, 0),
            func.coalesce(satisfaction.c.contacts, 0),
            func.coalesce(satisfaction.c.surveyed, 0),
            satisfaction.c.mean_csat,
            func.coalesce(satisfaction.c.assessed, 0),
            satisfaction.c.mean_self,
            n_scored,
            func.coalesce(satisfaction.c.low, 0),
        )
        .outerjoin(uses, uses.c.template_id == Template.id)
        .outerjoin(satisfaction, satisfaction.c.template_id == Template.id)
        .order_by(
            (n_uses > 0).desc(), worst.desc(), n_uses.desc(), Template.title, Template.language
        )
    )
    with office.reader.reading() as conn:
        return [
            TemplateFigures(
                r[0],
                r[1],
                r[2],
                r[3],
                r[4],
                int(r[5]),
                int(r[6]),
                int(r[7]),
                int(r[8]),
                _float(r[9]),
                int(r[10]),
                _float(r[11]),
                int(r[12]),
                int(r[13]),
            )
            for r in conn.execute(query)
        ]


def _float(value: Any) -> float | None:
    return None if value is None else float(value)
