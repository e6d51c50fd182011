"""Reference data: the reason codes and default templates shipped in ``resources``.

``read_reference_files`` reads the two JSON files, ``load_reference_data`` checks them and
inserts what the database does not have yet (matched by code and by key, never overwriting an
administrator's edits). It is its own module because it is also used outside the demo seeding,
to give a new centre its reference data.
"""

import json
from importlib import resources
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.clock import utcnow
from app.ids import new_id
from app.models import ReasonCode, Template, TemplateVersion
from app.seed.batches import _bulk
from app.seed.checks import validate_reason_codes, validate_templates


def read_reference_files() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The reason codes and the default template library shipped in the ``resources`` package."""
    root = resources.files("resources")
    codes = json.loads(root.joinpath("reason_codes.json").read_text(encoding="utf-8"))
    templates = json.loads(
        root.joinpath("templates", "default_templates.json").read_text(encoding="utf-8")
    )
    return codes, templates


def load_reference_data(session: Session) -> None:
    """Inserts the reason codes and templates (each with its version 1) that are not there yet.

    Everything is checked before anything is written, so a bad file changes nothing. Running it
    again adds only what is new (matched by code and by key); it never overwrites a template an
    administrator edited.
    """
    _load_reference_data(session)


def _load_reference_data(session: Session) -> tuple[int, int]:
    codes, templates = read_reference_files()
    validate_reason_codes(codes)
    validate_templates(templates)
    now = utcnow()
    existing_codes = set(session.scalars(select(ReasonCode.code)))
    code_rows = [
        {
            "id": new_id(),
            "code": row["code"],
            "label_en": row["label_en"],
            "label_fr": row["label_fr"],
            "category": row["category"],
            "active": True,
        }
        for row in codes
        if row["code"] not in existing_codes
    ]
    if code_rows:
        _bulk(session, ReasonCode, code_rows)
    existing_keys = set(session.scalars(select(Template.key)))
    template_rows: list[dict[str, Any]] = []
    version_rows: list[dict[str, Any]] = []
    for row in templates:
        if row["key"] in existing_keys:
            continue
        template_id = new_id()
        template_rows.append(
            {
                "id": template_id,
                "key": row["key"],
                "category": row["category"],
                "language": row["language"],
                "channels": list(row["channels"]),
                "title": row["title"],
                "body": row["body"],
                "current_version": 1,
                "active": True,
            }
        )
        version_rows.append(
            {
                "id": new_id(),
                "template_id": template_id,
                "version": 1,
                "title": row["title"],
                "body": row["body"],
                "created_at": now,
                "author_id": None,
            }
        )
    if template_rows:
        _bulk(session, Template, template_rows)
        _bulk(session, TemplateVersion, version_rows)
    return len(code_rows), len(template_rows)
