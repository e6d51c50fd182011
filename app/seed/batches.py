"""Batched writes: one transaction per batch, rows inserted as plain dictionaries.

Every seeding module writes through these two helpers, which is what keeps seeding fast and its
memory flat: ``_batch`` opens the transaction (with a large SQLite page cache) and ``_bulk``
issues one executemany into the model's table, skipping the ORM's per-row bookkeeping. They
live apart so that ``reference``, ``customers``, ``contacts`` and ``generator`` share them
without importing one another.
"""

import contextlib
from collections.abc import Iterator
from typing import Any

from sqlalchemy import insert
from sqlalchemy import text as sql
from sqlalchemy.orm import Session

from app.db import Database

SQLITE_CACHE_KIB = 256 * 1024  # page cache while seeding; only used as the file grows


@contextlib.contextmanager
def _batch(db: Database) -> Iterator[Session]:
    """One batch, one transaction. On SQLite the connection gets a large page cache first: the
    name and identity indexes are filled in random order, and with SQLite's default 2 MB cache
    a million customers would spend their time re-reading index pages."""
    with db.session() as session:
        if db.is_sqlite:
            session.execute(sql(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}"))
        yield session


def _bulk(session: Session, model: type[Any], rows: list[dict[str, Any]]) -> None:
    """One executemany of plain dictionaries. Inserting into the model's table rather than the
    ORM entity skips the ORM's per-row bookkeeping: half the time, for the same SQL."""
    session.execute(insert(model.__table__), rows)
