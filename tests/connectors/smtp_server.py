"""A real SMTP server for the tests: aiosmtpd on loopback, in a thread, keeping what it was given
and answering some recipients as real servers do (550 for an unknown mailbox, 451 for a mailbox
over quota for a while), optionally with AUTH."""

import email
import email.policy
import socket
import threading
import warnings
from dataclasses import dataclass, field
from email.message import EmailMessage

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

UNKNOWN = "unknown@example.net"  # 550 5.1.1: refused for good
FULL = "full"  # a mailbox "full…@": 452 4.2.2 until ``SmtpServer.room`` is set


@dataclass
class Received:
    sender: str
    recipients: list[str]
    message: EmailMessage


@dataclass
class SmtpServer:
    controller: Controller
    port: int
    received: list[Received] = field(default_factory=list)
    room: threading.Event = field(default_factory=threading.Event)

    def stop(self) -> None:
        self.controller.stop()

    def to(self, address: str) -> list[EmailMessage]:
        return [r.message for r in self.received if address in r.recipients]


class _Handler:
    def __init__(self) -> None:
        self.server: SmtpServer | None = None

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address == UNKNOWN:
            return "550 5.1.1 <unknown@example.net>: Recipient address rejected: User unknown"
        if address.startswith(FULL) and self.server is not None and not self.server.room.is_set():
            return "452 4.2.2 Mailbox full, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        assert self.server is not None
        self.server.received.append(
            Received(envelope.mail_from, list(envelope.rcpt_tos), message)  # type: ignore[arg-type]
        )
        return "250 2.0.0 Ok: queued"


class _Controller(Controller):
    def factory(self):
        with warnings.catch_warnings():
            # AUTH without TLS, which aiosmtpd rightly warns of at each connection: on
            # loopback, for the tests only.
            warnings.filterwarnings("ignore", "Requiring AUTH while not requiring TLS")
            return super().factory()


def start(login: str | None = None, password: str | None = None) -> SmtpServer:
    handler = _Handler()
    port = free_port()
    extra = {}
    if login is not None:

        def authenticate(server, session, envelope, mechanism, auth_data):
            ok = isinstance(auth_data, LoginPassword) and (
                auth_data.login.decode() == login and auth_data.password.decode() == password
            )
            return AuthResult(success=ok, handled=False)

        extra = {"authenticator": authenticate, "auth_required": True, "auth_require_tls": False}
    controller = _Controller(handler, hostname="127.0.0.1", port=port, **extra)
    controller.start()
    server = SmtpServer(controller, port)
    handler.server = server
    return server


def free_port() -> int:
    """A port nothing listens on (a server that is down)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])
