"""Opening databases: migrations, and the messages a user gets when the file is wrong."""

from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from app import migrations
from app.db import Database, sqlite_url
from app.errors import EnvironmentProblem, InputError, StorageCorrupt
from app.paths import ensure_writable_dir


def test_central_and_local_schemas_differ_only_by_their_own_tables(tmp_path: Path) -> None:
    central = Database(sqlite_url(tmp_path / "c.sqlite3"), "central")
    local = Database(sqlite_url(tmp_path / "l.sqlite3"), "local")
    assert migrations.upgrade(central)[0] is None
    migrations.upgrade(local)
    c_tables = set(inspect(central.engine).get_table_names())
    l_tables = set(inspect(local.engine).get_table_names())
    assert "outbox" in l_tables and "outbox" not in c_tables
    assert "applied_ops" in c_tables and "applied_ops" not in l_tables
    assert {"customer", "contact", "wrap_up", "template_version"} <= c_tables & l_tables


def test_upgrade_twice_is_harmless(tmp_path: Path) -> None:
    db = Database(sqlite_url(tmp_path / "c.sqlite3"), "central")
    first = migrations.upgrade(db)
    second = migrations.upgrade(db)
    assert second == (first[1], first[1])


def test_local_database_is_wal_with_foreign_keys_and_durable(tmp_path: Path) -> None:
    db = Database(sqlite_url(tmp_path / "l.sqlite3"), "local")
    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL


def test_a_file_that_is_not_a_database_gets_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "broken.sqlite3"
    path.write_bytes(b"this is not sqlite at all" * 100)
    db = Database(sqlite_url(path), "local")
    with pytest.raises(StorageCorrupt) as err:
        migrations.upgrade(db)
    assert "damaged" in err.value.text()
    assert path.read_bytes().startswith(b"this is not sqlite")  # nothing was overwritten


def test_a_url_that_is_not_one_is_refused() -> None:
    with pytest.raises(InputError) as err:
        Database("not a url", "central")
    assert "is not a database URL" in err.value.text()


def test_an_impossible_data_directory_is_explained(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(EnvironmentProblem) as err:
        ensure_writable_dir(blocker / "sub")
    assert str(blocker) in err.value.text()
    assert "--data-dir" in err.value.text()


def test_an_unreachable_central_server_is_explained() -> None:
    db = Database("postgresql+psycopg://nobody:x@127.0.0.1:1/none?connect_timeout=2", "central")
    with pytest.raises(EnvironmentProblem) as err:
        migrations.upgrade(db)
    assert "does not answer" in err.value.text()
    assert "x@" not in err.value.text()  # the password never shows


@pytest.mark.postgres
def test_central_schema_on_postgresql(pg_url: str) -> None:
    db = Database(pg_url, "central")
    with db.engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    before, after = migrations.upgrade(db)
    assert before is None
    assert "contact" in inspect(db.engine).get_table_names()
    assert migrations.upgrade(db) == (after, after)
    db.dispose()


def test_a_data_directory_that_is_a_file_is_named_as_such(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(EnvironmentProblem) as err:
        ensure_writable_dir(blocker)
    assert err.value.text().startswith(f"{blocker} is a file, not a folder.")


@pytest.mark.parametrize(
    "driver_text",
    [
        "Connection reset by peer",
        "Broken pipe",
        "server closed the connection unexpectedly",
        'could not translate host name "nowhere" to address',
    ],
)
def test_a_dropped_or_refused_connection_means_the_centre_is_unreachable(driver_text) -> None:
    from sqlalchemy.exc import OperationalError

    from app.db import classify
    from app.errors import CentreUnreachable

    exc = OperationalError("SELECT 1", {}, Exception(driver_text))
    assert isinstance(classify(exc, "centre"), CentreUnreachable)


def test_a_centre_is_shown_by_its_address_never_its_password() -> None:
    centre = Database("postgresql+psycopg://marie:s3cret@db.example.org/relais", "central")
    try:
        assert centre.address() == "db.example.org:5432/relais"
        assert "s3cret" not in centre.describe()
    finally:
        centre.dispose()


@pytest.mark.parametrize("scope", ["central", "local"])
def test_a_database_from_a_newer_relais_is_left_alone(tmp_path: Path, scope) -> None:
    """Stamped with a revision this program does not know: exit 3, "install the newer Relais",
    instead of Alembic's "Can't locate revision" as an unexpected error."""
    import sqlite3

    from app.migrations import SchemaTooNew

    path = tmp_path / f"{scope}.sqlite3"
    db = Database(sqlite_url(path), scope)
    migrations.upgrade(db)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'ffffffffffff'")
    with pytest.raises(SchemaTooNew) as err:
        migrations.upgrade(db)
    assert err.value.exit_code == 3
    assert "newer Relais" in err.value.text() and "ffffffffffff" in err.value.text()
    assert migrations.current_revision(db) == "ffffffffffff"  # nothing was changed
    db.dispose()
