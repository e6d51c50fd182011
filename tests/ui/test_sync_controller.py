"""The sync thread's retry rhythm while the centre does not answer."""

import threading
from pathlib import Path

from pytestqt.qtbot import QtBot

from app import migrations
from app.db import Database, sqlite_url
from app.errors import CentreUnreachable
from ui.shell.sync_controller import SyncController


class _Unreachable:
    """An engine whose centre never answers; counts its attempts."""

    def __init__(self, local: Database) -> None:
        self.local = local
        self.central = local  # an embedded centre: nobody to listen to
        self.attempts = 0
        self.tried = threading.Event()

    def cycle(self) -> None:
        self.attempts += 1
        self.tried.set()
        raise CentreUnreachable("The central database {where} does not answer.", where="test")


def test_writes_made_offline_do_not_push_the_next_retry_away(qtbot: QtBot, tmp_path: Path) -> None:
    local = Database(sqlite_url(tmp_path / "copy.sqlite3"), "local")
    migrations.upgrade(local)
    engine = _Unreachable(local)
    controller = SyncController(engine)  # type: ignore[arg-type]
    views = []
    controller.status.connect(views.append)
    controller.start()
    try:
        qtbot.waitUntil(lambda: len(views) >= 1, timeout=5000)
        for _write in range(8):  # an advisor's writes, each waking the thread
            engine.tried.clear()
            controller.sync_now()
            assert engine.tried.wait(5)
        qtbot.waitUntil(lambda: len(views) >= 9, timeout=5000)
    finally:
        controller.stop()
        local.dispose()
    assert engine.attempts >= 9
    # Nine failed attempts, but only the first came from the timer: the wait is still short.
    assert all(not v.online for v in views)
    assert max(v.retry_in for v in views) <= 1.0
