"""The CTI endpoint: telephony systems' call events received over HTTP, kept on disk, and
handed to the centre by a thread of their own.

``CallReceiver`` listens on ``[telephony] listen`` — its own port, not the social webhooks':
the documented JSON usually comes from a PBX or a CTI middleware on the centre's own network
and Twilio's callbacks through the HTTPS reverse proxy, so an administrator may bind it to the
network the telephony is on without opening the platforms' endpoint there (or the other way
round), and either runs without the other. ``POST /calls`` takes the documented JSON signed
with ``X-Relais-Signature``; ``POST /calls/twilio`` Twilio's status callbacks signed with
``X-Twilio-Signature``; ``GET /health`` says how many events wait. A request is checked (401
without its signature, 400 when it is not a call event), read into a ``CallEvent``, kept in the
call spool (written, flushed, renamed) and only then acknowledged — fast, whatever the centre
is doing. The Asterisk client (``app.connectors.ami``) keeps its events in the same spool.

``CallHandover`` hands what the spool holds to the centre, oldest first (``app.ingest.calls.
hand``, which every source goes through); a centre that does not answer is waited for, the
events stay on disk; one the centre refuses is put aside in ``rejected/`` with why.
"""

import json
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from app.connectors import signatures
from app.connectors.config import TelephonyConfig
from app.connectors.spool import Handing, Spool
from app.db import Database
from app.enums import Channel
from app.errors import DatabaseMissing, InputError, RelaisError
from app.i18n import QT_TRANSLATE_NOOP
from app.ingest import cti
from app.ingest.calls import CallAnswer, CallEvent, hand

log = logging.getLogger(__name__)

READ_TIMEOUT = 10.0
MAX_FORM_BYTES = 64 * 1024
TWIML_EMPTY = '<?xml version="1.0" encoding="UTF-8"?><Response/>'


def keep(spool: Spool, ev: CallEvent) -> None:
    """The event on disk, durably (OSError when the disk refuses)."""
    spool.keep(Channel.PHONE, cti.kept(ev))


class CallReceiver:
    """The HTTP endpoint, in threads of its own until ``stop()``."""

    def __init__(
        self,
        config: TelephonyConfig,
        spool: Spool,
        arrived: threading.Event,
        secret: str | None,
        twilio_token: str | None,
    ) -> None:
        self._config = config
        agents = cti.Agents(config.agents)
        handler = type(
            "CallHandler",
            (_Handler,),
            {
                "spool": spool,
                "wake": arrived,
                "secret": secret,
                "twilio_token": twilio_token,
                "twilio_url": config.twilio.url if config.twilio else "",
                "agents": agents,
                "team": config.team,
                "twilio": cti.TwilioCalls(agents, config.team),
            },
        )
        try:
            self._server = ThreadingHTTPServer((config.host, config.port), handler)
        except OSError as exc:
            raise RelaisError(
                QT_TRANSLATE_NOOP(
                    "errors", "The telephony endpoint cannot listen on {host}:{port}: {why}."
                ),
                QT_TRANSLATE_NOOP(
                    "errors", "Free that port or change [telephony] listen, and start again."
                ),
                host=config.host,
                port=config.port,
                why=exc.strerror or str(exc),
            ) from exc
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="telephony", daemon=True
        )

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    def start(self) -> None:
        self._thread.start()
        log.info(
            "telephony: listening on %s:%d for %s",
            self._config.host,
            self.port,
            " and ".join(
                what
                for what, on in (
                    ("POST /calls", self._config.secret),
                    ("POST /calls/twilio", self._config.twilio),
                )
                if on
            ),
        )

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()


class _Handler(BaseHTTPRequestHandler):
    spool: Spool
    wake: threading.Event
    secret: str | None
    twilio_token: str | None
    twilio_url: str
    agents: cti.Agents
    team: str | None
    twilio: cti.TwilioCalls
    timeout = READ_TIMEOUT
    server_version = "Relais"
    sys_version = ""

    def do_GET(self) -> None:
        if urlsplit(self.path).path == "/health":
            self._json(HTTPStatus.OK, {"waiting": len(self.spool.pending())})
        else:
            self._json(HTTPStatus.NOT_FOUND, {"error": "no such endpoint"})

    def do_POST(self) -> None:
        url = urlsplit(self.path)
        path = url.path.rstrip("/")
        if path == "/calls" and self.secret:
            self._documented()
        elif path == "/calls/twilio" and self.twilio_token:
            self._twilio(url.query)
        else:
            self._json(HTTPStatus.NOT_FOUND, {"error": "no such endpoint"})

    def _documented(self) -> None:
        raw = self._body(cti.MAX_BODY_BYTES)
        if raw is None:
            return
        said = self.headers.get(signatures.RELAIS_HEADER)
        if not signatures.relais_genuine(self.secret or "", raw, said):
            self._refused("a call event", said)
            self._json(HTTPStatus.UNAUTHORIZED, {"error": "the signature does not match"})
            return
        try:
            ev = cti.from_json(raw, self.agents, self.team)
        except InputError as exc:
            log.warning("telephony: a call event from %s refused: %s", self._who, _first(exc))
            self._json(HTTPStatus.BAD_REQUEST, {"error": exc.text()})
            return
        if self._kept(ev):
            self._json(HTTPStatus.ACCEPTED, {"kept": True})

    def _twilio(self, query: str) -> None:
        raw = self._body(MAX_FORM_BYTES)
        if raw is None:
            return
        said = self.headers.get(signatures.TWILIO_HEADER)
        try:
            params = parse_qsl(
                raw.decode("utf-8"), keep_blank_values=True, max_num_fields=200, errors="strict"
            )
        except (UnicodeDecodeError, ValueError):
            params = None
        signed_url = self.twilio_url + (f"?{query}" if query else "")
        if not said or (
            params is not None
            and not signatures.twilio_genuine(self.twilio_token or "", signed_url, params, said)
        ):
            self._refused("a Twilio callback", said)
            self._json(HTTPStatus.UNAUTHORIZED, {"error": "the signature does not match"})
            return
        if params is None:
            log.warning("telephony: a Twilio callback from %s is not a form", self._who)
            self._json(HTTPStatus.BAD_REQUEST, {"error": "the body is not a form in UTF-8"})
            return
        try:
            ev = self.twilio.read(dict(reversed(params)))  # the first of a repeated name
        except InputError as exc:
            log.warning("telephony: a Twilio callback from %s refused: %s", self._who, _first(exc))
            self._json(HTTPStatus.BAD_REQUEST, {"error": exc.text()})
            return
        if ev is None or self._kept(ev):
            self._answer(HTTPStatus.OK, TWIML_EMPTY, "text/xml")

    def _body(self, most: int) -> bytes | None:
        length = self.headers.get("Content-Length", "")
        if not length.isdigit():
            self._json(HTTPStatus.LENGTH_REQUIRED, {"error": "Content-Length is needed"})
            return None
        if int(length) > most:
            self._json(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, {"error": f"over {most} bytes"})
            self.close_connection = True
            return None
        try:
            return self.rfile.read(int(length))
        except OSError:
            return None  # the client went away, or took longer than READ_TIMEOUT

    def _kept(self, ev: CallEvent) -> bool:
        try:
            keep(self.spool, ev)
        except OSError as exc:
            log.error("telephony: a call event could not be kept: %s", exc)
            self._json(HTTPStatus.SERVICE_UNAVAILABLE, {"error": "try again"})
            return False
        self.wake.set()
        return True

    def _refused(self, what: str, said: str | None) -> None:
        log.warning(
            "telephony: %s from %s refused: %s",
            what,
            self._who,
            "wrong signature" if said else "no signature",
        )

    def _json(self, status: HTTPStatus, body: Any) -> None:
        self._answer(status, json.dumps(body), "application/json")

    def _answer(self, status: HTTPStatus, text: str, kind: str) -> None:
        data = text.encode()
        self.send_response(status)
        self.send_header("Content-Type", f"{kind}; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    @property
    def _who(self) -> str:
        return self.headers.get("X-Forwarded-For") or self.client_address[0]

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("telephony: %s %s", self._who, format % args)


def _first(exc: RelaisError) -> str:
    """What was wrong, without the hint for the sender: one line in the log."""
    return exc.text().splitlines()[0]


class CallHandover(Handing):
    """Hands the call spool's events to the centre until ``stop`` is set. ``handed`` (for
    tests) is called with each answer."""

    WHO = "telephony"
    WHAT = "a call event"

    def __init__(
        self,
        central: Database,
        spool: Spool,
        stop: threading.Event,
        arrived: threading.Event,
        region: str = "FR",
        handed: Callable[[CallAnswer], None] | None = None,
    ) -> None:
        super().__init__(stop, arrived)
        self._central = central
        self._spool = spool
        self._region = region
        self._handed = handed or (lambda _a: None)
        self._answered: OrderedDict[tuple[str, str, str | None], None] = OrderedDict()
        self.skipped = 0
        """How many repeated "answered" were not handed again."""

    def drain(self) -> int:
        """Hands every kept event; returns how many. A centre that does not answer stops it
        (RelaisError): the event stays for the next time."""
        count = 0
        for kept in self._spool.pending():
            if self._stop.is_set():
                break
            try:
                ev = cti.unkept(kept.path.read_bytes())
                if self._again(ev):
                    self._spool.done(kept)
                    continue
                answer = hand(self._central, ev, self._region)
            except FileNotFoundError:
                continue
            except DatabaseMissing:
                raise
            except InputError as exc:  # the centre's or the file's refusal: never retried
                where = self._spool.reject(kept, exc.text())
                log.warning("telephony: %s put aside: %s", where, exc.text())
                continue
            self._spool.done(kept)
            self._remember(ev)
            self._handed_one()
            self._handed(answer)
            count += 1
        return count

    def _again(self, ev: CallEvent) -> bool:
        """Whether ``ev`` is an "answered" already handed for this call and advisor (Twilio
        retries a callback it thinks was lost): not handed again, a round trip saved. The
        centre keeps the first start whatever comes (revision a3d5f7b9c1e4); another advisor's
        answer (a transfer) is handed."""
        if ev.event != "answered":
            return False
        if (ev.source, ev.call_key, ev.advisor) in self._answered:
            self.skipped += 1
            log.info("telephony: %s:%s answered again, not handed twice", ev.source, ev.call_key)
            return True
        return False

    def _remember(self, ev: CallEvent) -> None:
        if ev.event == "answered":
            self._answered[(ev.source, ev.call_key, ev.advisor)] = None
            while len(self._answered) > 10_000:
                self._answered.popitem(last=False)
