"""``relais connectors serve --config FILE``: every configured mailbox read, the platforms'
webhooks and the telephony's call events received, and the replies sent, each in a thread of
its own until SIGTERM (or Ctrl+C), which stops each at the end of the message it is storing or
sending.

Nothing is kept in memory that the centre or the mail server does not hold too: a service
killed at any moment and started again goes on where it stopped, and stores nothing twice.
"""

import logging
import signal
import threading
from pathlib import Path
from types import FrameType

from app import identities, logs
from app.connectors import config as settings
from app.connectors import webhooks
from app.connectors.ami import AmiClient
from app.connectors.cti import CallHandover, CallReceiver
from app.connectors.imap import Mailbox
from app.connectors.letters import LetterFolder
from app.connectors.media import MediaFetcher
from app.connectors.platforms import PlatformSender, Profiles
from app.connectors.smtp import Sender
from app.connectors.spool import Spool
from app.connectors.webhooks import Handover, Receiver
from app.db import Database
from app.errors import RelaisError
from app.i18n import QT_TRANSLATE_NOOP
from app.ingest.cti import Agents

log = logging.getLogger(__name__)


def serve(path: Path, stop: threading.Event | None = None) -> int:
    cfg = settings.load(path)
    logs.setup(file=cfg.log_file)
    identities.set_default_region(cfg.phone_region)
    stop = stop or threading.Event()
    central = _centre(cfg.centre)

    def stopping(signum: int, _frame: FrameType | None) -> None:
        log.info("stopping (%s)", signal.Signals(signum).name)
        stop.set()

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, stopping)
        signal.signal(signal.SIGINT, stopping)
    readers = [
        threading.Thread(
            target=Mailbox(box, central, stop, limits=cfg.attachments.limits).run,
            name=f"imap:{box.name}",
        )
        for box in cfg.mailboxes
    ]
    if cfg.sender is not None:
        readers.append(threading.Thread(target=Sender(cfg.sender, central, stop).run, name="smtp"))
    if cfg.letters is not None:
        folder = LetterFolder(cfg.letters, central, stop, cfg.attachments.limits)
        readers.append(threading.Thread(target=folder.run, name="letters"))
    receiver = (
        _webhooks(cfg.webhooks, central, stop, readers, cfg.attachments) if cfg.webhooks else None
    )
    calls = _telephony(cfg.telephony, central, stop, readers) if cfg.telephony else None
    log.info(
        "connectors started: %d mailbox(es)%s%s%s, on %s",
        len(cfg.mailboxes),
        " and the e-mail replies" if cfg.sender else "",
        ", the webhooks" if cfg.webhooks else "",
        ", the telephony" if cfg.telephony else "",
        central.describe(),
    )
    if receiver is not None:
        receiver.start()
    if calls is not None:
        calls.start()
    for reader in readers:
        reader.start()
    try:
        while any(r.is_alive() for r in readers):
            for reader in readers:
                reader.join(timeout=0.5)
    finally:
        stop.set()
        if receiver is not None:
            receiver.stop()
        if calls is not None:
            calls.stop()
        for reader in readers:
            reader.join()
        central.dispose()
        log.info("connectors stopped")
    return 0


def _webhooks(
    config: settings.WebhooksConfig,
    central: Database,
    stop: threading.Event,
    threads: list[threading.Thread],
    files: settings.AttachmentsConfig | None = None,
) -> Receiver:
    """The endpoint, the thread that hands its requests to the centre and each platform's
    sender; every secret read first, so that one missing is said before anything listens."""
    secrets = webhooks.keys(config)
    sending = {
        p.platform: (p, webhooks.required(p.access_token))
        for p in config.platforms
        if p.access_token
    }
    spool = Spool(config.spool)
    arrived = threading.Event()
    try:
        receiver = Receiver(config, secrets, spool, arrived)
    except OSError as exc:
        raise RelaisError(
            QT_TRANSLATE_NOOP("errors", "The webhooks cannot listen on {host}:{port}: {why}."),
            QT_TRANSLATE_NOOP(
                "errors", "Free that port or change [webhooks] listen, and start again."
            ),
            host=config.host,
            port=config.port,
            why=exc.strerror or str(exc),
        ) from exc
    profiles = Profiles(sending)
    handover = Handover(central, spool, config.platforms, stop, arrived, names=profiles.name)

    def hand_over() -> None:
        try:
            handover.run()
        finally:
            profiles.close()

    threads.append(threading.Thread(target=hand_over, name="webhooks:handover"))
    for platform, (settings_of, token) in sending.items():
        sender = PlatformSender(settings_of, token, central, stop)
        threads.append(threading.Thread(target=sender.run, name=f"send:{platform}"))
    for p in config.platforms:  # each platform's media, fetched once its message is stored
        media_token = sending[p.platform][1] if p.platform in sending else None
        fetcher = MediaFetcher(p, media_token, central, stop, files or settings.AttachmentsConfig())
        threads.append(threading.Thread(target=fetcher.run, name=f"media:{p.platform}"))
    return receiver


def _telephony(
    config: settings.TelephonyConfig,
    central: Database,
    stop: threading.Event,
    threads: list[threading.Thread],
) -> CallReceiver | None:
    """The CTI endpoint (when the documented JSON or Twilio is configured), the Asterisk
    client, and the thread that hands their events to the centre; every secret read first."""
    secret = webhooks.required(config.secret) if config.secret else None
    token = webhooks.required(config.twilio.auth_token) if config.twilio else None
    ami = webhooks.required(config.asterisk.password) if config.asterisk else None
    spool = Spool(config.spool)
    arrived = threading.Event()
    receiver = CallReceiver(config, spool, arrived, secret, token) if config.listens else None
    handover = CallHandover(central, spool, stop, arrived, config.region)
    threads.append(threading.Thread(target=handover.run, name="telephony:handover"))
    if config.asterisk is not None and ami is not None:
        client = AmiClient(
            config.asterisk, ami, Agents(config.agents), spool, arrived, stop, config.team
        )
        threads.append(threading.Thread(target=client.run, name="telephony:asterisk"))
    return receiver


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
