"""The seed's bulk path on SQLite (app/seed/batches.py): the centre's insert triggers set aside
inside a batch's transaction, their work done once per table. It must leave what the triggers
would: the same rows, a change log naming every row in order, the same refusals, and the
triggers themselves back in place. Large seeds take it from 5,000 rows a table; here every
batch does."""

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import event
from sqlalchemy.exc import IntegrityError

from app.db import Database
from app.migrations import upgrade
from app.models import Base
from app.seed import batches
from app.seed import customers as seed_customers
from app.seed.generator import seed

NOW = datetime(2026, 3, 14, 15, 30, tzinfo=UTC)
SIZES = (60, 400, 20)
SEEDED = (
    "customer",
    "customer_identity",
    "contact",
    "message",
    "wrap_up",
    "template_usage",
    "survey_answer",
    "review_item",  # the seed's, and those the centre's own triggers add from survey answers
)


def new_db(folder: Path, name: str) -> Database:
    db = Database("sqlite:///" + str(folder / f"{name}.sqlite3"), "central")
    upgrade(db)
    return db


def schema(db: Database) -> list[tuple[str, str]]:
    """Every table, index and trigger, by name (a trigger put back comes last in the file)."""
    with db.engine.connect() as conn:
        return sorted(tuple(r) for r in conn.exec_driver_sql("SELECT name, sql FROM sqlite_master"))


REFERENCE = re.compile(r"R-[0-9A-Z]{4}-[0-9A-Z]{4}")


def same(label: dict[str, str], value: object) -> object:
    """An id as its label; a text without the contact references it quotes (R-XXXX-XXXX,
    made from the id's random bits)."""
    if isinstance(value, str):
        return label.get(value) or REFERENCE.sub("R-…", value)
    return value


def canonical(db: Database) -> dict[str, list[tuple[object, ...]]]:
    """Every row of the seeded tables in insertion order, ids replaced by (table, position)
    and contact references dropped (both differ between runs), and the change log by table."""
    with db.engine.connect() as conn:
        label: dict[str, str] = {}
        present = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master")}
        with_ids = [
            t.name
            for t in Base.metadata.sorted_tables
            if t.info.get("scope") != "local" and "id" in t.c and t.name in present
        ]
        for table in (name for name in with_ids if name != "change_log"):
            for n, (row_id,) in enumerate(
                conn.exec_driver_sql(f"SELECT id FROM {table} ORDER BY rowid")
            ):
                label[row_id] = f"{table}#{n}"
        out: dict[str, list[tuple[object, ...]]] = {}
        for table in SEEDED:
            cols = [c.name for c in Base.metadata.tables[table].c if c.name != "reference"]
            rows = conn.exec_driver_sql(f"SELECT {', '.join(cols)} FROM {table} ORDER BY rowid")
            out[table] = [tuple(same(label, v) for v in row) for row in rows]
            if table == "review_item":  # the centre stamps its own with the time they are made
                at = cols.index("created_at")
                out[table] = [
                    (*r[:at], None, *r[at + 1 :])
                    if r[cols.index("reason")] != "low_self_assessment"
                    else r
                    for r in out[table]
                ]
        log = conn.exec_driver_sql("SELECT table_name, row_id FROM change_log ORDER BY xid, seq")
        for table, row_id in log:
            out.setdefault(f"log:{table}", []).append((label[row_id],))
    return out


def set_aside_statements(db: Database) -> list[str]:
    sent: list[str] = []
    event.listen(
        db.engine,
        "before_cursor_execute",
        lambda _c, _k, statement, *_rest: sent.append(statement),
    )
    return sent


def test_the_bulk_path_writes_what_the_triggers_would(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    by_row = new_db(tmp_path, "by_row")
    seed(by_row, *SIZES, now=NOW)
    monkeypatch.setattr(batches, "SET_ASIDE_ROWS", 1)
    bulk = new_db(tmp_path, "bulk")
    before = schema(bulk)
    sent = set_aside_statements(bulk)
    seed(bulk, *SIZES, now=NOW)
    assert any(s.startswith('DROP TRIGGER "log_insert_contact"') for s in sent)
    assert any(s.startswith('DROP TRIGGER "check_insert_message"') for s in sent)
    assert schema(bulk) == before, "every trigger is back, with its own text"
    made, expected = canonical(bulk), canonical(by_row)
    assert made == expected
    for table in SEEDED:  # the change log names every row, in the order they were written
        assert made[f"log:{table}"] == [(f"{table}#{n}",) for n in range(len(made[table]))]
    by_row.dispose()
    bulk.dispose()


@pytest.mark.parametrize("set_aside", [False, True])
def test_a_value_the_centre_refuses_is_refused_and_nothing_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, set_aside: bool
) -> None:
    if set_aside:
        monkeypatch.setattr(batches, "SET_ASIDE_ROWS", 1)
    too_long = "x" * 401  # customer.postal_address is VARCHAR(400)
    monkeypatch.setattr(seed_customers, "_postal_address", lambda _language, _number: too_long)
    db = new_db(tmp_path, "refused")
    before = schema(db)
    with pytest.raises(IntegrityError, match="CHECK constraint failed: customer"):
        seed(db, *SIZES, now=NOW)
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM customer").scalar() == 0
        logged = conn.exec_driver_sql(
            "SELECT count(*) FROM change_log WHERE table_name = 'customer'"
        ).scalar()
        assert logged == 0
    assert schema(db) == before
    db.dispose()
