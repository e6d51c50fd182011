"""Reference data: reason codes and outcomes offered when closing a contact."""

from sqlalchemy import select

from app.db import Database
from app.dto import ReasonCodeView
from app.models import ReasonCode
from app.text import words_key


def reason_search_key(reason: ReasonCodeView) -> str:
    """What a reason is found by, whatever the interface's language: its label in French and
    in English and its code, as words without accents or case ("retrait", "withdrawal",
    "withdrawal_delay" all find *Retard de retrait*). Match it with ``reason_matches``."""
    return words_key(f"{reason.label_fr} {reason.label_en} {reason.code}")


def reason_matches(key: str, typed: str) -> bool:
    """Whether every word typed is part of a reason's search key (any order, any part of a
    word: "ret dep" finds *Retard de retrait* and *Dépôt refusé*… only if both are there)."""
    return all(word in key for word in words_key(typed).split())


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
