"""The Asterisk Manager Interface client: logs in to the PBX over TCP, reads its event stream
and keeps the call events it makes (``app.ingest.asterisk.Follower``) in the call spool, which
``app.connectors.cti.CallHandover`` hands to the centre. Asterisk sends each event once and
never again: it is on disk before anything else happens, so a centre that is down loses none.

Plain sockets and a thread, as the other connectors: the protocol is lines of ``Key: Value``
(a banner line first, a blank line ending each message) and needs no library. The connection
that drops is made again with growing pauses, logged in again, and said so in the log; a login
Asterisk refuses is said clearly and tried again slowly (a wrong password does not hammer the
PBX, nor fill the log). A silent connection is pinged; one that stays silent is made again.
"""

import contextlib
import logging
import socket
import ssl
import threading
import time
from collections.abc import Callable

from app.connectors.config import AsteriskConfig
from app.connectors.cti import keep
from app.connectors.spool import Spool
from app.ingest.asterisk import Follower, Message, parse
from app.ingest.calls import CallEvent
from app.ingest.cti import Agents

log = logging.getLogger(__name__)

PAUSES = (1.0, 2.0, 5.0, 10.0, 30.0, 60.0)
"""Between attempts to connect again, in turn (then the last)."""
REFUSED_PAUSE = 120.0
"""After Asterisk refused the login."""
BANNER = "Asterisk Call Manager/"
MAX_MESSAGE = 64 * 1024
_LOGIN_ID = "relais-login"


class Refused(Exception):
    """Asterisk refused the login (its ``Message:``)."""


class Dropped(Exception):
    """The connection is gone, or is not an AMI's."""


class AmiClient:
    """One PBX's event stream until ``stop`` is set. ``handed`` (for tests) sees each event
    once it is kept."""

    def __init__(
        self,
        config: AsteriskConfig,
        password: str,
        agents: Agents,
        spool: Spool,
        arrived: threading.Event,
        stop: threading.Event,
        team: str | None = None,
        pauses: tuple[float, ...] = PAUSES,
        refused_pause: float = REFUSED_PAUSE,
        ping_every: float = 30.0,
        handed: Callable[[CallEvent], None] | None = None,
    ) -> None:
        self._config = config
        self._password = password
        self._follower = Follower(agents, config.contexts, team)
        self._spool = spool
        self._arrived = arrived
        self._stop = stop
        self._pauses = pauses
        self._refused_pause = refused_pause
        self._ping_every = ping_every
        self._handed = handed or (lambda _e: None)
        self._backlog: list[CallEvent] = []
        self.logins = 0
        """How many times it logged in (for tests and the log)."""

    @property
    def _where(self) -> str:
        return f"{self._config.host}:{self._config.port}"

    def run(self) -> None:
        failures, last = 0, ""
        while not self._stop.is_set():
            try:
                self._session()
                failures, last = 0, ""
                continue
            except Refused as exc:
                log.error(
                    "asterisk: %s refused the login of %s: %s; trying again in %g s "
                    "(check [telephony.asterisk] login and its password, and manager.conf)",
                    self._where,
                    self._config.login,
                    exc,
                    self._refused_pause,
                )
                self._stop.wait(self._refused_pause)
                continue
            except (OSError, Dropped) as exc:
                why = str(exc) or type(exc).__name__
            except Exception:  # a bug: said in full, and the PBX read again
                log.exception("asterisk: unexpected failure")
                why = "unexpected failure"
            pause = self._pauses[min(failures, len(self._pauses) - 1)]
            failures += 1
            if why != last:
                log.warning(
                    "asterisk: no event stream from %s (%s); connecting again in %g s",
                    self._where,
                    why,
                    pause,
                )
                last = why
            self._stop.wait(pause)

    def _session(self) -> None:
        """One connection, from the banner to its end; returns when ``stop`` is set."""
        if any(c in s for s in (self._config.login, self._password) for c in "\r\n"):
            raise Refused("the login or password holds a line break")
        sock = socket.create_connection((self._config.host, self._config.port), timeout=10.0)
        try:
            if self._config.security == "tls":
                context = ssl.create_default_context()
                sock = context.wrap_socket(sock, server_hostname=self._config.host)
            sock.settimeout(1.0)
            stream = _Stream(sock, self._stop)
            banner = stream.line(10.0)
            if banner is None:
                if self._stop.is_set():
                    return
                raise Dropped("no banner within 10 s: is this the AMI's port?")
            if not banner.startswith(BANNER):
                raise Dropped(f"not an Asterisk Manager Interface: {banner[:60]!r}")
            self._send(
                sock,
                ("Action", "Login"),
                ("ActionID", _LOGIN_ID),
                ("Username", self._config.login),
                ("Secret", self._password),
                ("Events", "on"),
            )
            self._logged_in(stream)
            self._events(sock, stream)
        finally:
            with contextlib.suppress(OSError):
                sock.close()

    def _logged_in(self, stream: "_Stream") -> None:
        while True:
            m = stream.message(10.0)
            if m is None:
                raise Dropped("no answer to the login")
            if "response" not in m:
                continue
            if m["response"].lower() == "success":
                break
            raise Refused(m.get("message") or m["response"])
        self.logins += 1
        if self.logins == 1:
            log.info("asterisk: logged in to %s as %s", self._where, self._config.login)
        else:
            log.info(
                "asterisk: connected again to %s, logged in as %s",
                self._where,
                self._config.login,
            )

    def _events(self, sock: socket.socket, stream: "_Stream") -> None:
        pinged = False
        while not self._stop.is_set():
            self._flush()
            m = stream.message(self._ping_every)
            if m is None:
                if self._stop.is_set():
                    break
                if pinged:
                    raise Dropped(f"Asterisk has said nothing for {2 * self._ping_every:g} s")
                self._send(sock, ("Action", "Ping"), ("ActionID", "relais-ping"))
                pinged = True
                continue
            pinged = False
            if "event" in m:
                self._read(m)
        with contextlib.suppress(OSError):
            self._send(sock, ("Action", "Logoff"))

    def _read(self, m: Message) -> None:
        try:
            events = self._follower.read(m)
        except Exception:  # one odd message must not stop the stream
            log.exception("asterisk: an event could not be read: %s", m.get("event"))
            return
        self._backlog.extend(events)
        self._flush()

    def _flush(self) -> None:
        """Keeps what waits in memory (the disk refused before), oldest first."""
        while self._backlog:
            ev = self._backlog[0]
            try:
                keep(self._spool, ev)
            except OSError as exc:
                log.error(
                    "asterisk: %d call event(s) wait in memory, the spool refuses them: %s",
                    len(self._backlog),
                    exc,
                )
                return
            self._backlog.pop(0)
            self._arrived.set()
            self._handed(ev)

    def _send(self, sock: socket.socket, *lines: tuple[str, str]) -> None:
        text = "".join(f"{k}: {v}\r\n" for k, v in lines) + "\r\n"
        sock.sendall(text.encode())


class _Stream:
    """The AMI's lines and messages read off a socket whose timeout is short, so that a stop
    is seen within a second."""

    def __init__(self, sock: socket.socket, stop: threading.Event) -> None:
        self._sock = sock
        self._stop = stop
        self._buffer = b""
        self._lines: list[str] = []

    def line(self, within: float) -> str | None:
        """The next line, None when ``within`` seconds passed without one or on stop."""
        end = time.monotonic() + within
        while b"\n" not in self._buffer:
            if len(self._buffer) > MAX_MESSAGE:
                raise Dropped(f"a line over {MAX_MESSAGE} bytes")
            if self._stop.is_set() or time.monotonic() >= end:
                return None
            try:
                chunk = self._sock.recv(65536)
            except TimeoutError:
                continue
            if not chunk:
                raise Dropped("Asterisk closed the connection")
            self._buffer += chunk
        line, _, self._buffer = self._buffer.partition(b"\n")
        return line.rstrip(b"\r").decode("utf-8", errors="replace")

    def message(self, within: float) -> Message | None:
        """The next message (its blank line ends it), None as ``line`` says. A message cut by
        a timeout goes on at the next call."""
        lines = self._lines
        size = sum(len(x) for x in lines)
        while True:
            line = self.line(within)
            if line is None:
                return None
            if not line.strip():
                if lines:
                    self._lines = []
                    return parse("\n".join(lines))
                continue
            size += len(line)
            if size > MAX_MESSAGE:
                raise Dropped(f"a message over {MAX_MESSAGE} bytes")
            lines.append(line)
