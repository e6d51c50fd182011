"""A fake Asterisk Manager Interface on loopback that speaks the real protocol: the banner
``Asterisk Call Manager/5.0.x``, ``Action: Login`` answered ``Response: Success`` (then
``FullyBooted``) or ``Response: Error`` and the connection closed, as Asterisk does; ``Ping``
answered ``Pong``; events sent as Asterisk 18 sends them, with their usual fields (the
examples of docs.asterisk.org's AMI event pages: Newchannel, Newstate, VarSet, DialBegin,
DialEnd, BridgeCreate, BridgeEnter, BridgeLeave, Hangup)."""

import contextlib
import itertools
import socket
import threading
import time
import uuid
from dataclasses import dataclass

BANNER = "Asterisk Call Manager/5.0.4\r\n"


class FakeAmi:
    def __init__(self, login: str = "relais", password: str = "ami-secret") -> None:
        self.login = login
        self.password = password
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.1)  # so that stop() is seen: close() wakes no accept()
        self.port = self._listener.getsockname()[1]
        self._clients: list[socket.socket] = []
        self._lock = threading.Lock()
        self.logins = 0
        self.refusals = 0
        self.actions: list[dict[str, str]] = []
        self._stopping = False
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stopping:
            try:
                conn, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            conn.settimeout(None)
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        with conn:
            try:
                conn.sendall(BANNER.encode())
                buffer = b""
                while True:
                    while b"\r\n\r\n" not in buffer:
                        chunk = conn.recv(4096)
                        if not chunk:
                            return
                        buffer += chunk
                    block, _, buffer = buffer.partition(b"\r\n\r\n")
                    action = dict(
                        line.split(": ", 1) for line in block.decode().split("\r\n") if ": " in line
                    )
                    self.actions.append(action)
                    if not self._act(conn, action):
                        return
            except OSError:
                return
            finally:
                with self._lock:
                    if conn in self._clients:
                        self._clients.remove(conn)

    def _act(self, conn: socket.socket, action: dict[str, str]) -> bool:
        name = action.get("Action", "").lower()
        aid = action.get("ActionID", "")
        if name == "login":
            if action.get("Username") == self.login and action.get("Secret") == self.password:
                conn.sendall(
                    _message(
                        ("Response", "Success"),
                        ("ActionID", aid),
                        ("Message", "Authentication accepted"),
                    )
                )
                conn.sendall(
                    _message(
                        ("Event", "FullyBooted"),
                        ("Privilege", "system,all"),
                        ("Uptime", "8"),
                        ("LastReload", "8"),
                        ("Status", "Fully Booted"),
                    )
                )
                with self._lock:
                    self._clients.append(conn)
                    self.logins += 1
                return True
            conn.sendall(
                _message(
                    ("Response", "Error"), ("ActionID", aid), ("Message", "Authentication failed")
                )
            )
            self.refusals += 1
            return False  # Asterisk closes the connection after a failed login
        if name == "ping":
            conn.sendall(
                _message(
                    ("Response", "Success"),
                    ("ActionID", aid),
                    ("Ping", "Pong"),
                    ("Timestamp", f"{time.time():.6f}"),
                )
            )
            return True
        if name == "logoff":
            conn.sendall(
                _message(
                    ("Response", "Goodbye"),
                    ("ActionID", aid),
                    ("Message", "Thanks for all the fish."),
                )
            )
            return False
        conn.sendall(
            _message(
                ("Response", "Error"), ("ActionID", aid), ("Message", "Invalid/unknown command")
            )
        )
        return True

    def send(self, *messages: bytes | str) -> None:
        """Sends to every logged-in client, as one write (Asterisk writes what it has)."""
        data = b"".join(m.encode() if isinstance(m, str) else m for m in messages)
        with self._lock:
            clients = list(self._clients)
        for c in clients:
            with contextlib.suppress(OSError):
                c.sendall(data)

    def drop(self) -> None:
        """Cuts every connection, as a PBX restart does."""
        with self._lock:
            clients, self._clients = list(self._clients), []
        for c in clients:
            with contextlib.suppress(OSError):
                c.shutdown(socket.SHUT_RDWR)
            c.close()

    def wait_logins(self, count: int, within: float = 10.0) -> None:
        end = time.monotonic() + within
        while self.logins < count:
            assert time.monotonic() < end, f"{self.logins} login(s), not {count}"
            time.sleep(0.02)

    def stop(self) -> None:
        self._stopping = True
        self._thread.join(timeout=5)
        self.drop()
        self._listener.close()


def _message(*fields: tuple[str, str]) -> bytes:
    return ("".join(f"{k}: {v}\r\n" for k, v in fields) + "\r\n").encode()


_sequence = itertools.count(40)


@dataclass
class Channel:
    name: str
    uniqueid: str
    number: str
    linkedid: str


def unique() -> str:
    return f"{int(time.time())}.{next(_sequence)}"


def _channel_fields(
    ch: Channel, state: str, context: str, exten: str, who: str = ""
) -> list[tuple[str, str]]:
    states = {"Down": "0", "Ring": "4", "Ringing": "5", "Up": "6"}
    return [
        ("Channel", ch.name),
        ("ChannelState", states[state]),
        ("ChannelStateDesc", state),
        ("CallerIDNum", ch.number),
        ("CallerIDName", who or "<unknown>"),
        ("ConnectedLineNum", "<unknown>"),
        ("ConnectedLineName", "<unknown>"),
        ("Language", "fr"),
        ("AccountCode", ""),
        ("Context", context),
        ("Exten", exten),
        ("Priority", "1"),
        ("Uniqueid", ch.uniqueid),
        ("Linkedid", ch.linkedid),
    ]


def _dest_fields(ch: Channel, state: str, context: str, exten: str) -> list[tuple[str, str]]:
    return [("Dest" + k, v) for k, v in _channel_fields(ch, state, context, exten)]


def caller_channel(number: str, trunk: str = "PJSIP/trunk-orange") -> Channel:
    uid = unique()
    return Channel(f"{trunk}-{int(uid.split('.')[1]):08x}", uid, number, uid)


def phone_channel(call: Channel, phone: str = "PJSIP/1001") -> Channel:
    uid = unique()
    return Channel(
        f"{phone}-{int(uid.split('.')[1]):08x}", uid, phone.rsplit("/", 1)[-1], call.linkedid
    )


def newchannel(ch: Channel, context: str = "from-trunk", exten: str = "0969000000") -> bytes:
    return _message(
        ("Event", "Newchannel"),
        ("Privilege", "call,all"),
        *_channel_fields(ch, "Down", context, exten),
    )


def newstate(ch: Channel, state: str = "Ring") -> bytes:
    return _message(
        ("Event", "Newstate"),
        ("Privilege", "call,all"),
        *_channel_fields(ch, state, "from-trunk", "s"),
    )


def varset(ch: Channel, name: str = "DIALSTATUS", value: str = "") -> bytes:
    return _message(
        ("Event", "VarSet"),
        ("Privilege", "dialplan,all"),
        *_channel_fields(ch, "Ring", "from-trunk", "s"),
        ("Variable", name),
        ("Value", value),
    )


def dial_begin(call: Channel, phone: Channel) -> bytes:
    return _message(
        ("Event", "DialBegin"),
        ("Privilege", "call,all"),
        *_channel_fields(call, "Ring", "from-trunk", "0969000000"),
        *_dest_fields(phone, "Down", "from-internal", phone.number),
        ("DialString", phone.name.split("/", 1)[1].rsplit("-", 1)[0]),
    )


def dial_end(call: Channel, phone: Channel, status: str = "ANSWER") -> bytes:
    return _message(
        ("Event", "DialEnd"),
        ("Privilege", "call,all"),
        *_channel_fields(call, "Ring", "from-trunk", "0969000000"),
        *_dest_fields(phone, "Up", "from-internal", phone.number),
        ("DialStatus", status),
    )


def bridge(call: Channel, phone: Channel) -> list[bytes]:
    """BridgeCreate then BridgeEnter of each channel, as a basic two-party bridge is made."""
    bid = str(uuid.uuid4())
    fields = [
        ("BridgeUniqueid", bid),
        ("BridgeType", "basic"),
        ("BridgeTechnology", "simple_bridge"),
        ("BridgeCreator", "<unknown>"),
        ("BridgeName", "<unknown>"),
        ("BridgeNumChannels", "0"),
        ("BridgeVideoSourceMode", "none"),
    ]
    made = [_message(("Event", "BridgeCreate"), ("Privilege", "call,all"), *fields)]
    for count, ch in enumerate((phone, call), start=1):
        f = [(k, str(count) if k == "BridgeNumChannels" else v) for k, v in fields]
        made.append(
            _message(
                ("Event", "BridgeEnter"),
                ("Privilege", "call,all"),
                *f,
                *_channel_fields(ch, "Up", "from-internal", "s"),
            )
        )
    return made


def hangup(ch: Channel, cause: str = "16", text: str = "Normal Clearing") -> bytes:
    return _message(
        ("Event", "Hangup"),
        ("Privilege", "call,all"),
        *_channel_fields(ch, "Up", "from-trunk", "s"),
        ("Cause", cause),
        ("Cause-txt", text),
    )
