"""A batch migration on SQLite rebuilds a table and drops its triggers: the embedded centre's
change log and checks must survive every revision, or workstations stop hearing of changes."""

import io

from sqlalchemy import text

from app import commands
from app.db import Database, sqlite_url


def test_every_shared_table_of_the_embedded_centre_logs_its_changes(tmp_path) -> None:
    url = sqlite_url(tmp_path / "centre.sqlite3")
    commands.central_init(url, out=io.StringIO())
    db = Database(url, "central")
    try:
        with db.engine.connect() as conn:
            triggers = set(
                conn.scalars(text("SELECT name FROM sqlite_master WHERE type = 'trigger'"))
            )
    finally:
        db.dispose()
    missing = [
        f"log_{event}_{table}"
        for table in sorted(_LOGGED)
        for event in ("insert", "update")
        if f"log_{event}_{table}" not in triggers
    ]
    assert missing == []


# The tables the embedded centre's log follows (app/migrations/central/a7c1e5d20b31...).
_LOGGED = {
    "advisor", "contact", "contact_assignment", "customer", "customer_identity", "evaluation",
    "incident", "message", "note", "reason_code", "review_item", "survey_answer", "team",
    "sync_conflict", "template", "template_usage", "template_version", "wrap_up",
}  # fmt: skip
