"""Being told by the centre that something is waiting, instead of finding it at the next poll.

A PostgreSQL centre NOTIFYs a user's own channel when a call rings for them and their team's
when a contact enters its queue (``relais_wake_channels``, revision c7a1e9d3b5f2). ``Listener``
holds one direct connection LISTENing on those channels, in a thread of its own, and calls
``wake`` (the sync thread's "cycle now") at each notification. It is an accelerator only: the
sync's polling cursor stays what keeps the copy right, so a listener that cannot connect, a
centre behind a transaction-mode pooler (where LISTEN means nothing) or an embedded centre
just leaves the workstation polling as before.
"""

import logging
import re
import threading
from collections.abc import Callable

from app.db import Database

log = logging.getLogger(__name__)

LISTEN_WAIT = 1.0
"""Seconds a listening connection waits before looking whether it should stop (the window
waits for it on closing)."""
RETRY_AFTER = (2.0, 5.0, 15.0, 60.0)
_CHANNEL = re.compile(r"relais_[0-9a-f]{24}")


class Listener:
    def __init__(self, central: Database, wake: Callable[[], None], stop: threading.Event) -> None:
        self._url = central.url
        self._wake = wake
        self._stop = stop

    @property
    def possible(self) -> bool:
        return self._url.get_backend_name() == "postgresql"

    def run(self) -> None:
        failures = 0
        while not self._stop.is_set():
            try:
                if not self._listen():
                    return  # a centre without the channels: polling only, for good
                failures = 0
            except Exception as exc:  # the network, the centre, a pooler refusing LISTEN
                failures += 1
                log.debug("wake: not listening (%s); polling meanwhile", exc)
            self._stop.wait(RETRY_AFTER[min(failures, len(RETRY_AFTER)) - 1] if failures else 0)

    def _listen(self) -> bool:
        import psycopg

        url = self._url.set(drivername="postgresql").render_as_string(hide_password=False)
        with psycopg.connect(url, autocommit=True, connect_timeout=5) as conn:
            try:
                row = conn.execute("SELECT relais_wake_channels()").fetchone()
            except psycopg.errors.UndefinedFunction:
                log.info("wake: this centre sends no notifications; polling only")
                return False
            channels = [
                c for c in (row[0] if row and row[0] else []) if _CHANNEL.fullmatch(c or "")
            ]
            for channel in channels:
                conn.execute(f"LISTEN {channel}")
            while not self._stop.is_set():
                for _note in conn.notifies(timeout=LISTEN_WAIT, stop_after=1):
                    self._wake()
        return True
