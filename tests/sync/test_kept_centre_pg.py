"""The centre connection a desk keeps for its hot calls (``Database.driver_autocommit``): one
backend across claims, left in autocommit, while the pool's connections come back out of it;
dropped when left in a transaction; closed with its Database. And a login the centre no longer
counts as active is told so by every claim call."""

import uuid

import pytest
from sqlalchemy import text

from app.db import Database
from app.errors import EnvironmentProblem
from app.sync import centre

pytestmark = pytest.mark.postgres


@pytest.fixture
def advisor(pg_centre):
    login = pg_centre.add_user("advisor")
    db = Database(pg_centre.user_url(login), "central")
    yield login, db
    db.dispose()


def _pid(db: Database) -> int:
    with db.driver_autocommit() as driver:
        return int(driver.execute("SELECT pg_backend_pid()").fetchone()[0])


def _sessions(pg_centre, login: str) -> int:
    owner = Database(pg_centre.url, "central")
    try:
        with owner.session() as s:
            return int(
                s.scalar(
                    text("SELECT count(*) FROM pg_stat_activity WHERE usename = :u"), {"u": login}
                )
            )
    finally:
        owner.dispose()


def test_claims_go_on_one_backend_left_in_autocommit(advisor) -> None:
    login, db = advisor
    first = _pid(db)
    assert centre.claim_next(db, login, None) is not None
    assert _pid(db) == first
    with db.driver_autocommit() as driver:
        assert driver.autocommit
    with db.engine.connect() as conn:  # the pool's own: out of autocommit, as SQLAlchemy needs
        assert conn.connection.driver_connection.autocommit is False
        assert conn.exec_driver_sql("SELECT pg_backend_pid()").scalar_one() != first


def test_a_call_finding_the_kept_connection_busy_takes_a_pooled_one(advisor) -> None:
    _, db = advisor
    outer = _pid(db)
    with db.driver_autocommit() as driver:  # held, as by the sync's push on its thread
        inner = _pid(db)
        assert driver.execute("SELECT pg_backend_pid()").fetchone()[0] == outer
    assert inner != outer
    with db.engine.connect() as conn:
        assert conn.connection.driver_connection.autocommit is False
    assert _pid(db) == outer


def test_a_kept_connection_left_in_a_transaction_is_let_go(advisor) -> None:
    _, db = advisor
    first = _pid(db)
    with db.driver_autocommit() as driver:
        driver.execute("BEGIN")
    with db.driver_autocommit() as driver:
        assert driver.info.transaction_status == 0  # idle: not the one left in a transaction
        assert driver.execute("SELECT pg_backend_pid()").fetchone()[0] != first


def test_dispose_closes_the_kept_connection(pg_centre, advisor) -> None:
    login, db = advisor
    _pid(db)
    assert _sessions(pg_centre, login) >= 1
    db.dispose()
    assert _sessions(pg_centre, login) == 0
    assert _pid(db) > 0  # a later call opens another


def test_a_disabled_login_is_told_it_is_no_active_user_by_every_claim_call(
    pg_centre, advisor
) -> None:
    login, db = advisor
    claimed = centre.claim_next(db, login, None)
    assert claimed is not None
    owner = Database(pg_centre.url, "central")
    try:
        with owner.session() as s:
            s.execute(text("UPDATE advisor SET active = false WHERE login = :l"), {"l": login})
    finally:
        owner.dispose()
    contact = uuid.uuid4()
    calls = [
        lambda: centre.claim_next(db, login, None),
        lambda: centre.take(db, login, contact),
        lambda: centre.renew(db, login, [uuid.uuid4()]),
        lambda: centre.release(db, login, contact, uuid.uuid4()),
    ]
    for call in calls:
        with pytest.raises(EnvironmentProblem, match="not an active user"):
            call()
