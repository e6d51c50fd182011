"""The social platforms' webhook requests received over HTTP and handed to the centre.

``Receiver`` listens on ``/webhooks/<platform>`` (behind the centre's HTTPS reverse proxy: the
platforms only call https:// addresses). It answers the platforms' endpoint checks (Meta's
``hub.challenge``, X's CRC), refuses a request whose signature is not the platform's (401) or
that is too large (413), and answers 200 once the request is kept on disk (``app.connectors.
spool``); 503 when it cannot be, so the platform sends it again. Nothing slow happens while the
platform waits: the centre may be down, the request is acknowledged all the same.

``Handover`` hands what the spool holds to the centre, oldest first, in its own thread; it
waits and tries again while the centre does not answer, and puts aside (``rejected/``) a request
that is not in its platform's format.
"""

import dataclasses
import json
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from app.connectors import signatures
from app.connectors.config import PlatformConfig, Secret, WebhooksConfig
from app.connectors.spool import Handing, Spool
from app.db import Database
from app.enums import Channel
from app.errors import InputError, RelaisError
from app.i18n import QT_TRANSLATE_NOOP
from app.ingest import webhook
from app.ingest.inbound import Inbound
from app.ingest.receive import Handed, receive_all

log = logging.getLogger(__name__)

READ_TIMEOUT = 10.0
"""Seconds a client has to send its request: a slow one does not hold a thread for long."""


@dataclass(frozen=True)
class Keys:
    """A platform's secrets, read once at start."""

    signing: str
    verify_token: str


def keys(config: WebhooksConfig) -> dict[Channel, Keys]:
    """Every platform's secrets; RelaisError naming the one that is not set."""
    return {
        p.platform: Keys(
            required(p.signing_secret), required(p.verify_token) if p.verify_token else ""
        )
        for p in config.platforms
    }


def required(secret: Secret) -> str:
    value = secret.read()
    if not value:
        raise RelaisError(
            QT_TRANSLATE_NOOP("errors", "No value is known for “{what}” of {where}."),
            QT_TRANSLATE_NOOP(
                "errors", "Set {variable} in the service's environment, or store it in the keyring."
            ),
            what=secret.login,
            where=secret.where,
            variable=secret.variable or "",
        )
    return value


class Receiver:
    """The HTTP endpoint, in threads of its own until ``stop()``."""

    def __init__(
        self,
        config: WebhooksConfig,
        secrets: dict[Channel, Keys],
        spool: Spool,
        arrived: threading.Event,
    ) -> None:
        self._config = config
        handler = type("Handler", (_Handler,), {"keys": secrets, "spool": spool, "wake": arrived})
        self._server = ThreadingHTTPServer((config.host, config.port), handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="webhooks", daemon=True
        )

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    def start(self) -> None:
        self._thread.start()
        log.info(
            "webhooks: listening on %s:%d for %s",
            self._config.host,
            self.port,
            ", ".join(p.platform.value for p in self._config.platforms),
        )

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()


class _Handler(BaseHTTPRequestHandler):
    keys: dict[Channel, Keys]
    spool: Spool
    wake: threading.Event
    timeout = READ_TIMEOUT
    server_version = "Relais"
    sys_version = ""

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if url.path == "/health":
            self._answer(HTTPStatus.OK, {"waiting": len(self.spool.pending())})
            return
        platform = self._platform(url.path)
        if platform is None:
            return
        query = dict(parse_qsl(url.query))
        secret = self.keys[platform]
        if platform == Channel.X:
            crc = signatures.x_crc(query, secret.signing)
            if crc is not None:
                self._answer(HTTPStatus.OK, crc)
                return
        else:
            challenge = signatures.meta_challenge(query, secret.verify_token)
            if challenge is not None:
                self._answer(HTTPStatus.OK, challenge)
                return
        log.warning("webhooks: %s check refused (wrong token) from %s", platform.value, self._who)
        self._answer(HTTPStatus.FORBIDDEN, {"error": "this is not the endpoint's token"})

    def do_POST(self) -> None:
        platform = self._platform(urlsplit(self.path).path)
        if platform is None:
            return
        length = self.headers.get("Content-Length", "")
        if not length.isdigit():
            self._answer(HTTPStatus.LENGTH_REQUIRED, {"error": "Content-Length is needed"})
            return
        if int(length) > webhook.MAX_REQUEST_BYTES:
            self._answer(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, {"error": "too large"})
            self.close_connection = True
            return
        try:
            raw = self.rfile.read(int(length))
        except OSError:
            return  # the client went away, or took longer than READ_TIMEOUT
        said = self.headers.get(signatures.header(platform))
        if not signatures.genuine(platform, self.keys[platform].signing, raw, said):
            log.warning(
                "webhooks: %s request from %s refused: %s",
                platform.value,
                self._who,
                "wrong signature" if said else "no signature",
            )
            self._answer(HTTPStatus.UNAUTHORIZED, {"error": "the signature does not match"})
            return
        try:
            self.spool.keep(platform, raw)
        except OSError as exc:
            log.error("webhooks: a %s request could not be kept: %s", platform.value, exc)
            self._answer(HTTPStatus.SERVICE_UNAVAILABLE, {"error": "try again"})
            return
        self.wake.set()
        self._answer(HTTPStatus.OK, {"kept": True})

    def _platform(self, path: str) -> Channel | None:
        name = path.removeprefix("/webhooks/").strip("/")
        try:
            platform = Channel(name) if path.startswith("/webhooks/") else None
        except ValueError:
            platform = None
        if platform not in self.keys:
            self._answer(HTTPStatus.NOT_FOUND, {"error": "no such endpoint"})
            return None
        return platform

    def _answer(self, status: HTTPStatus, body: Any) -> None:
        text = body if isinstance(body, str) else json.dumps(body)
        data = text.encode()
        self.send_response(status)
        kind = "text/plain" if isinstance(body, str) else "application/json"
        self.send_header("Content-Type", f"{kind}; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    @property
    def _who(self) -> str:
        return self.headers.get("X-Forwarded-For") or self.client_address[0]

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("webhooks: %s %s", self._who, format % args)


class Handover(Handing):
    """Hands the spool's requests to the centre until ``stop`` is set. ``handed`` (for tests)
    is called with what became of each."""

    WHO = "webhooks"
    WHAT = "a request"

    def __init__(
        self,
        central: Database,
        spool: Spool,
        platforms: tuple[PlatformConfig, ...],
        stop: threading.Event,
        arrived: threading.Event,
        handed: Callable[[Handed], None] | None = None,
        names: Callable[[Channel, str], str] | None = None,
    ) -> None:
        super().__init__(stop, arrived)
        self._central = central
        self._names = names
        self._spool = spool
        self._teams = {p.platform: p.team for p in platforms}
        self._handed = handed or (lambda _h: None)

    def drain(self) -> int:
        """Hands every kept request; returns how many. A centre that does not answer stops
        it (RelaisError): the request stays for the next time."""
        count = 0
        for kept in self._spool.pending():
            if self._stop.is_set():
                break
            try:
                raw = kept.path.read_bytes()
                batch = webhook.parse(kept.platform, raw, self._teams.get(kept.platform))
            except InputError as exc:
                where = self._spool.reject(kept, exc.text())
                log.warning("webhooks: %s put aside: %s", where, exc.text())
                continue
            except FileNotFoundError:
                continue
            if self._names is not None:
                batch.messages = [self._named(m) for m in batch.messages]
            handed = receive_all(self._central, batch)
            self._spool.done(kept)
            self._handed_one()
            self._handed(handed)
            count += 1
        return count

    def _named(self, inbound: Inbound) -> Inbound:
        """The sender's name from the platform when its webhook gave none."""
        if inbound.sender_display or self._names is None:
            return inbound
        name = self._names(inbound.channel, inbound.sender_address)
        return dataclasses.replace(inbound, sender_display=name) if name else inbound
