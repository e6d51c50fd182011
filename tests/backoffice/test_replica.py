"""A centre with a read replica: the back office's long reads go there, with the user's own
login (a streaming replica has the same roles), and writes still go to the centre. Played here by
a second connection URL to the same server."""

import pytest
from sqlalchemy import make_url

from app.backoffice import team_board
from app.backoffice.centre import open_office, replica_of
from app.db import Database
from app.settings import Settings
from app.workspace import find_user

pytestmark = pytest.mark.postgres


def test_long_reads_go_to_the_replica_the_settings_name(pg_centre, tmp_path) -> None:
    chief = pg_centre.add_user("supervisor", team="Équipe Paris 1")
    central = Database(pg_centre.user_url(chief), "central")
    settings = Settings(tmp_path / "settings.json")
    # The same server under another address: what a replica's URL looks like to the program.
    replica_url = make_url(pg_centre.url).set(username=None, password=None, host="localhost")
    settings.set("replica_url", replica_url.render_as_string(hide_password=False))
    office = open_office(central, find_user(central, chief), settings)
    try:
        assert office.replica is not None and office.reader is office.replica
        assert office.reader.url.host == "localhost" and office.db.url.host != "localhost"
        assert office.reader.url.username == chief  # the user's own login, not the owner's
        board = team_board.read(office)
        assert board.read_at is not None
    finally:
        office.replica.dispose()
        central.dispose()


def test_no_replica_reads_the_centre(tmp_path) -> None:
    embedded = Database("sqlite://", "central")
    settings = Settings(tmp_path / "settings.json")
    settings.set("replica_url", "postgresql+psycopg://replica:5432/relais")
    assert replica_of(embedded, settings) is None  # the embedded centre has none
    assert replica_of(embedded, None) is None
    embedded.dispose()
