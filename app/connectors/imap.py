"""One IMAP mailbox read into the centre, for as long as the service runs.

Each mail not yet marked is handed to the centre (app.ingest.receive), and marked on the server
— moved to ``move_to``, or given the keyword ``$RelaisStored`` — only once the centre has
committed it. A service killed between the two reads it again at its next start: the centre
knows its Message-ID and stores nothing twice. A mail the centre refuses (too large, not a mail)
is marked ``$RelaisRefused`` and left where it is, for a person to look at; the log says why. A
centre that does not answer stops the round, marks nothing, and the round is tried again.

The service waits in IDLE (RFC 2177) where the server offers it, renewed every few minutes as
the RFC asks, and looks every ``poll_seconds`` otherwise. A server that refuses the login or goes
away is retried with a growing pause, said once per change in the log.
"""

import contextlib
import logging
import ssl
import threading
import time
from collections.abc import Callable
from typing import Any

from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientError, LoginError

from app.connectors.config import MailboxConfig
from app.db import Database
from app.errors import InputError, RelaisError
from app.ingest import mail
from app.ingest.attachments import Limits
from app.ingest.inbound import Received
from app.ingest.receive import receive_many

log = logging.getLogger(__name__)

STORED = "$RelaisStored"
REFUSED = "$RelaisRefused"
BATCH = 25  # mails fetched at a time: a large mailbox's first round does not hold them all
IDLE_RENEW = 9 * 60.0  # RFC 2177: a client should renew IDLE at least every 29 minutes
PAUSES = (1.0, 2.0, 5.0, 15.0, 30.0, 60.0, 120.0, 300.0)  # after a failed round, in turn


class CentreDown(Exception):
    """The centre did not take a mail: the round stops, nothing is marked."""


class Mailbox:
    """Reads one mailbox until ``stop`` is set. ``received`` (for tests and the log) is called
    with each mail's answer."""

    def __init__(
        self,
        config: MailboxConfig,
        central: Database,
        stop: threading.Event,
        received: Callable[[Received], None] | None = None,
        limits: Limits | None = None,
    ) -> None:
        self.config = config
        self.limits = limits or Limits()
        """What is kept of each mail's attachments ([attachments] in the TOML)."""
        self._central = central
        self._stop = stop
        self._received = received or (lambda _r: None)
        self._failures = 0
        self._last_problem = ""

    def run(self) -> None:
        while not self._stop.is_set():
            try:
                with self._connect() as client:
                    self._problem_over()
                    self._serve(client)
            except LoginError as exc:
                self._problem(f"the server refused the login {self.config.login!r}: {_said(exc)}")
            except CentreDown as exc:
                self._problem(f"the centre did not take the mail: {exc}")
            except (OSError, IMAPClientError, ssl.SSLError) as exc:
                self._problem(f"the server could not be read: {_said(exc)}")
            except Exception:  # a bug: said in full, and the mailbox is read again
                log.exception("%s: unexpected failure", self.config.name)
                self._failures += 1
            if not self._stop.is_set():
                self._stop.wait(PAUSES[min(max(self._failures, 1), len(PAUSES)) - 1])

    def _connect(self) -> IMAPClient:
        c = self.config
        password = c.password.read()
        if password is None:
            raise LoginError(f"no password (set {c.password.variable or 'it in the keyring'})")
        context = ssl.create_default_context()
        client = IMAPClient(
            c.host, port=c.port, ssl=c.security == "tls", ssl_context=context, timeout=30
        )
        try:
            if c.security == "starttls":
                client.starttls(context)
            client.login(c.login, password)
            client.select_folder(c.folder)
            if c.move_to:
                _ensure_folder(client, c.move_to)
        except BaseException:
            _quietly(client.logout)
            raise
        return client

    def _serve(self, client: IMAPClient) -> None:
        idle = b"IDLE" in client.capabilities()
        while not self._stop.is_set():
            self.drain(client)
            if idle:
                self._idle(client)
            else:
                self._stop.wait(self.config.poll_seconds)
                client.noop()

    def drain(self, client: IMAPClient) -> int:
        """Every mail not yet marked, into the centre; returns how many were handed."""
        handed = 0
        while not self._stop.is_set():
            uids = client.search(["NOT", "KEYWORD", STORED, "NOT", "KEYWORD", REFUSED])
            if not uids:
                return handed
            for batch in _batches(sorted(uids)[: BATCH * 4], BATCH):
                fetched = client.fetch(batch, ["RFC822"])
                raws = [(uid, fetched.get(uid, {}).get(b"RFC822")) for uid in batch]
                # None: expunged by someone else meanwhile
                handed += self._store(client, [(u, r) for u, r in raws if r is not None])
                if self._stop.is_set():
                    return handed
        return handed

    def _store(self, client: IMAPClient, fetched: list[tuple[int, bytes]]) -> int:
        """A fetched batch into the centre, in one transaction where it can be (app.ingest.
        receive.receive_many), then each mail marked: refused ones ``$RelaisRefused``, the
        others stored. Returns how many were handed."""
        c = self.config
        answers = hand(self._central, [raw for _uid, raw in fetched], c.team, self.limits)
        for (uid, _raw), answer in zip(fetched, answers, strict=True):
            if isinstance(answer, InputError):
                log.warning("%s: mail %s refused: %s", c.name, uid, answer.text())
                client.add_flags([uid], [REFUSED])
                continue
            self._received(answer)
            client.add_flags([uid], [STORED])  # kept by a move: a copy back is not read again
            if c.move_to:
                client.move([uid], c.move_to)
        return len(fetched)

    def _idle(self, client: IMAPClient) -> None:
        """Waits for the server to say something arrived, for at most IDLE_RENEW seconds, and
        looks at ``stop`` every second."""
        client.idle()
        try:
            started = time.monotonic()
            while not self._stop.is_set() and time.monotonic() - started < IDLE_RENEW:
                events = client.idle_check(timeout=1)
                if any(e[1] in (b"EXISTS", b"RECENT") for e in events if len(e) > 1):
                    return
        finally:
            client.idle_done()

    def _problem(self, text: str) -> None:
        self._failures += 1
        if text != self._last_problem:
            log.warning("%s: %s; trying again", self.config.name, text)
            self._last_problem = text

    def _problem_over(self) -> None:
        if self._last_problem:
            log.info("%s: reading again", self.config.name)
        elif not self._failures:
            log.info("%s: reading %s on %s", self.config.name, self.config.folder, self.config.host)
        self._failures = 0
        self._last_problem = ""


def hand(
    central: Database, raws: list[bytes], team: str | None, limits: Limits
) -> list[Received | InputError]:
    """Fetched mails to the centre, in their order: for each, what the centre answered, or why
    it (or the parse) refused it; ``CentreDown`` when the centre does not answer, nothing of
    the transaction that failed being stored."""
    answers: list[Received | InputError | None] = []
    parsed = []
    for raw in raws:
        try:
            parsed.append(mail.parse(raw, team=team, limits=limits))
            answers.append(None)
        except InputError as exc:
            answers.append(exc)
    try:
        stored = iter(receive_many(central, parsed))
    except RelaisError as exc:
        raise CentreDown(exc.text()) from exc
    return [next(stored) if a is None else a for a in answers]


def _ensure_folder(client: IMAPClient, name: str) -> None:
    if not client.folder_exists(name):
        client.create_folder(name)


def _batches(items: list[int], size: int) -> list[list[int]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def _said(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.removeprefix("b'").removesuffix("'")


def _quietly(call: Callable[[], Any]) -> None:
    with contextlib.suppress(OSError, IMAPClientError):
        call()
