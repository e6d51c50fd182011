"""Reference data: reason codes and outcomes offered when closing a contact."""

from sqlalchemy import select

from app.db import Database
from app.dto import ReasonCodeView
from app.models import ReasonCode


class ReferenceService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def reason_codes(self) -> list[ReasonCodeView]:
        with self._db.session() as s:
            return [
                ReasonCodeView(r.id, r.code, r.label_en, r.label_fr, r.category)
                for r in s.scalars(
                    select(ReasonCode)
                    .where(ReasonCode.active)
                    .order_by(ReasonCode.category, ReasonCode.code)
                )
            ]
