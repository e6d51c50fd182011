"""A reason is found by its label in either language or by its code, whatever the interface's
language, accents, case and apostrophes aside (issue 9)."""

import json
import uuid
from pathlib import Path

import pytest

from app.dto import ReasonCodeView
from app.services.reference import reason_matches, reason_search_key

CODES = Path(__file__).resolve().parents[2] / "resources" / "reason_codes.json"


def shipped() -> list[ReasonCodeView]:
    rows = json.loads(CODES.read_text(encoding="utf-8"))
    return [
        ReasonCodeView(uuid.uuid4(), r["code"], r["label_en"], r["label_fr"], r["category"])
        for r in rows
    ]


@pytest.mark.parametrize(
    "typed",
    ["retard retrait", "RETARD DE RETRAIT", "withdrawal", "Withdrawal delay", "withdrawal_delay"],
)
def test_both_labels_and_the_code_find_the_reason(typed: str) -> None:
    reason = ReasonCodeView(
        uuid.uuid4(), "withdrawal_delay", "Withdrawal delay", "Retard de retrait", "payments"
    )
    assert reason_matches(reason_search_key(reason), typed)


def test_accents_case_and_apostrophes_do_not_matter() -> None:
    key = reason_search_key(
        ReasonCodeView(uuid.uuid4(), "bonus_terms", "Bonus terms", "Conditions d'un bonus", "x")
    )
    for typed in ("conditions d’un", "CONDITIONS D'UN BONUS", "bonus term"):
        assert reason_matches(key, typed), typed
    assert not reason_matches(key, "retrait")


def test_every_shipped_reason_is_found_by_each_of_its_labels_and_its_code() -> None:
    reasons = shipped()
    assert reasons
    for reason in reasons:
        key = reason_search_key(reason)
        for typed in (reason.label_en, reason.label_fr, reason.code):
            assert typed.strip() and reason_matches(key, typed), (reason.code, typed)
