"""A TCP proxy between workstations and the centre that a fault test can cut at will.

Each accepted connection is forwarded to the target by two pump threads. ``cut`` severs every
live connection at once, with a reset, in both directions: the workstation's driver sees the
server vanish mid-conversation and the PostgreSQL backend sees its client vanish, which is what
a dropped network or a restarted router does to a sync in flight. ``down`` also refuses new
connections until ``up``, which is what working offline looks like from the workstation.
"""

import contextlib
import socket
import struct
import threading
from types import TracebackType

_CHUNK = 65_536


def _reset(sock: socket.socket) -> None:
    """Makes the next close send a reset rather than an orderly end of stream, and wakes any
    thread blocked reading or writing on ``sock``."""
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


def _turn_away(client: socket.socket) -> None:
    """Resets a connection once the client has spoken (its first packet), so the driver
    always hears the same thing — the server closing on it — rather than, depending on who
    is first, a refused write."""
    client.settimeout(2)
    with contextlib.suppress(OSError):
        client.recv(_CHUNK)
    _reset(client)
    with contextlib.suppress(OSError):
        client.close()


class _Link:
    """One client connection and its connection to the target."""

    def __init__(self, client: socket.socket, server: socket.socket) -> None:
        self.client = client
        self.server = server
        self._lock = threading.Lock()
        self._ended = False
        self._pumps = 2

    def sever(self) -> bool:
        """Cuts both sides; False if the link had already ended."""
        with self._lock:
            if self._ended:
                return False
            self._ended = True
        _reset(self.client)
        _reset(self.server)
        return True

    def pump_done(self) -> None:
        """The last pump to stop closes both sockets (closing under a pump still reading
        could hand its file descriptor to another connection)."""
        with self._lock:
            self._pumps -= 1
            last = self._pumps == 0
        if last:
            for sock in (self.client, self.server):
                with contextlib.suppress(OSError):
                    sock.close()


class CuttableProxy:
    """Listens on 127.0.0.1 (a free port) and forwards to ``target``."""

    def __init__(self, target_host: str = "127.0.0.1", target_port: int = 5432) -> None:
        self.target = (target_host, target_port)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port: int = self._listener.getsockname()[1]
        self._links: set[_Link] = set()
        self._lock = threading.Lock()
        self._accepting = True
        self._closed = False
        self.accepted = 0
        self.refused = 0
        self._thread = threading.Thread(target=self._accept_loop, name="proxy-accept", daemon=True)
        self._thread.start()

    def __enter__(self) -> "CuttableProxy":
        return self

    def __exit__(
        self,
        _kind: type[BaseException] | None,
        _exc: BaseException | None,
        _tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def live(self) -> int:
        """Connections currently forwarded."""
        with self._lock:
            return len(self._links)

    def cut(self) -> int:
        """Severs every live connection at once; returns how many were cut."""
        with self._lock:
            links = list(self._links)
            self._links.clear()
        return sum(link.sever() for link in links)

    def down(self) -> int:
        """The network goes away: live connections are cut, new ones are reset as soon as
        they speak."""
        self._accepting = False
        return self.cut()

    def up(self) -> None:
        self._accepting = True

    def close(self) -> None:
        self._closed = True
        self._accepting = False
        _reset(self._listener)
        with contextlib.suppress(OSError):
            self._listener.close()
        self.cut()
        self._thread.join(timeout=5)

    def _accept_loop(self) -> None:
        while not self._closed:
            try:
                client, _addr = self._listener.accept()
            except OSError:
                return
            if not self._accepting:
                self.refused += 1
                threading.Thread(target=_turn_away, args=(client,), daemon=True).start()
                continue
            try:
                server = socket.create_connection(self.target, timeout=5)
                server.settimeout(None)
            except OSError:
                _reset(client)
                client.close()
                continue
            for sock in (client, server):
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            link = _Link(client, server)
            with self._lock:
                self._links.add(link)
                self.accepted += 1
            for src, dst in ((client, server), (server, client)):
                threading.Thread(
                    target=self._pump, args=(link, src, dst), name="proxy-pump", daemon=True
                ).start()

    def _pump(self, link: _Link, src: socket.socket, dst: socket.socket) -> None:
        try:
            while True:
                data = src.recv(_CHUNK)
                if not data:
                    break
                dst.sendall(data)
        except OSError:
            pass
        finally:
            # One side ended (or was cut): end the other too, as a real connection would.
            with self._lock:
                self._links.discard(link)
            link.sever()
            link.pump_done()
