"""The schema revisions a start compares with, read from the scripts' headers without Alembic,
are the ones Alembic itself reads; a folder they do not describe plainly is left to Alembic."""

import sqlite3
from pathlib import Path

import pytest

from app import migrations
from app.db import Database, sqlite_url


@pytest.mark.parametrize("scope", ["central", "local"])
def test_the_headers_name_the_chain_alembic_reads(scope) -> None:
    chain = migrations.chain_from_headers(migrations.HERE / scope)
    assert chain == migrations.script_revisions(scope)
    assert migrations.head_revision(scope) == chain[-1]
    assert migrations.revisions(scope) == frozenset(chain)


def _script(folder: Path, revision: str, down: str | None, extra: str = "") -> None:
    folder.mkdir(exist_ok=True)
    (folder / f"{revision}_x.py").write_text(
        f'"""x\n\nRevision ID: {revision}\n"""\n\n'
        f'revision: str = "{revision}"\n'
        f"down_revision: str | None = {down!r}\n"
        "branch_labels: str | None = None\n"
        f"depends_on: str | None = None\n{extra}"
    )


def test_a_plain_chain_is_read_oldest_first(tmp_path: Path) -> None:
    _script(tmp_path, "bbb", "aaa")
    _script(tmp_path, "aaa", None)
    _script(tmp_path, "ccc", "bbb")
    assert migrations.chain_from_headers(tmp_path) == ("aaa", "bbb", "ccc")


@pytest.mark.parametrize(
    "odd",
    [
        "fork",  # two scripts on one parent
        "merge",  # a down_revision that is a tuple
        "no header",  # a script written another way
        "branch label",
        "two roots",
    ],
)
def test_anything_but_a_plain_chain_is_left_to_alembic(tmp_path: Path, odd: str) -> None:
    _script(tmp_path, "aaa", None)
    _script(tmp_path, "bbb", "aaa")
    if odd == "fork":
        _script(tmp_path, "ccc", "aaa")
    elif odd == "merge":
        (tmp_path / "ccc_x.py").write_text(
            'revision = "ccc"\ndown_revision = ("aaa", "bbb")\n'
            "branch_labels = None\ndepends_on = None\n"
        )
    elif odd == "no header":
        (tmp_path / "ccc_x.py").write_text("REVISION = 'ccc'\n")
    elif odd == "branch label":
        (tmp_path / "ccc_x.py").write_text(
            'revision = "ccc"\ndown_revision = "bbb"\nbranch_labels = "side"\ndepends_on = None\n'
        )
    else:
        _script(tmp_path, "ccc", None)
    assert migrations.chain_from_headers(tmp_path) is None


@pytest.mark.parametrize("scope", ["central", "local"])
def test_a_database_at_an_older_revision_is_still_migrated(tmp_path: Path, scope) -> None:
    from alembic import command

    db = Database(sqlite_url(tmp_path / "db.sqlite3"), scope)
    first = migrations.script_revisions(scope)[0]
    with db.engine.begin() as conn:
        command.upgrade(migrations.alembic_config(scope, conn), first)
    assert migrations.current_revision(db) == first
    assert migrations.upgrade(db) == (first, migrations.head_revision(scope))
    assert migrations.current_revision(db) == migrations.head_revision(scope)
    db.dispose()


def test_the_stored_revision_is_read_with_a_plain_query(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    db = Database(sqlite_url(path), "local")
    assert migrations.current_revision(db) is None  # an empty file: no schema yet
    migrations.upgrade(db)
    with sqlite3.connect(path) as conn:
        stored = conn.execute("SELECT version_num FROM alembic_version").fetchall()
    assert stored == [(migrations.head_revision("local"),)]
    assert migrations.current_revision(db) == stored[0][0]
    db.dispose()


@pytest.mark.postgres
def test_the_stored_revision_on_postgresql(pg_centre, pg_url: str) -> None:
    from sqlalchemy import make_url

    db = Database(pg_centre.url, "central")
    try:
        assert migrations.current_revision(db) == migrations.head_revision("central")
        assert migrations.upgrade(db) == (migrations.head_revision("central"),) * 2
    finally:
        db.dispose()
    # A database without Relais's schema (here: a search path where none is) has no revision.
    bare = make_url(pg_url).update_query_dict({"options": "-c search_path=relais_nowhere"})
    empty = Database(bare.render_as_string(hide_password=False), "central")
    try:
        assert migrations.current_revision(empty) is None
    finally:
        empty.dispose()
