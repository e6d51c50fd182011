"""``relais connectors serve --config FILE``: every configured mailbox read, and the replies
sent, each in a thread of its own until SIGTERM (or Ctrl+C), which stops each at the end of the
mail it is storing or sending.

Nothing is kept in memory that the centre or the mail server does not hold too: a service
killed at any moment and started again goes on where it stopped, and stores nothing twice.
"""

import logging
import signal
import threading
from pathlib import Path
from types import FrameType

from app import logs
from app.connectors import config as settings
from app.connectors.imap import Mailbox
from app.connectors.smtp import Sender
from app.db import Database
from app.errors import RelaisError
from app.i18n import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)


def serve(path: Path, stop: threading.Event | None = None) -> int:
    cfg = settings.load(path)
    logs.setup(file=cfg.log_file)
    stop = stop or threading.Event()
    central = _centre(cfg.centre)

    def stopping(signum: int, _frame: FrameType | None) -> None:
        log.info("stopping (%s)", signal.Signals(signum).name)
        stop.set()

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, stopping)
        signal.signal(signal.SIGINT, stopping)
    readers = [
        threading.Thread(target=Mailbox(box, central, stop).run, name=f"imap:{box.name}")
        for box in cfg.mailboxes
    ]
    if cfg.sender is not None:
        readers.append(threading.Thread(target=Sender(cfg.sender, central, stop).run, name="smtp"))
    log.info(
        "connectors started: %d mailbox(es)%s, on %s",
        len(cfg.mailboxes),
        " and the e-mail replies" if cfg.sender else "",
        central.describe(),
    )
    for reader in readers:
        reader.start()
    try:
        while any(r.is_alive() for r in readers):
            for reader in readers:
                reader.join(timeout=0.5)
    finally:
        stop.set()
        for reader in readers:
            reader.join()
        central.dispose()
        log.info("connectors stopped")
    return 0


def _centre(centre: settings.CentreConfig) -> Database:
    if centre.password is None:  # an embedded centre: a file on this machine
        return Database(centre.url, "central")
    password = centre.password.read()
    if password is None:
        raise RelaisError(
            QT_TRANSLATE_NOOP("errors", "No password is known for {login} on this centre."),
            QT_TRANSLATE_NOOP(
                "errors",
                "Set {variable} in the service's environment, or store it in the keyring.",
            ),
            login=centre.login or "",
            variable=centre.password.variable,
        )
    from app.connection import Profile

    url = Profile(centre.url, centre.login or "").url(password)
    return Database(url.render_as_string(hide_password=False), "central")
