"""A platform's send API on loopback, over real HTTP: it records each request and answers as
Meta's Graph API or X's API do, or as a test scripts it (a 429 with Retry-After, a 500, an
error of the platform's), so that the senders are tested against what goes over the wire."""

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Call:
    path: str
    headers: dict[str, str]
    body: Any


@dataclass
class PlatformApi:
    server: ThreadingHTTPServer
    calls: list[Call] = field(default_factory=list)
    script: list[tuple[int, dict[str, str], Any]] = field(default_factory=list)
    profiles: dict[str, dict[str, str]] = field(default_factory=dict)
    """The Graph API's profile of each sender id (GET /{id}?fields=…)."""
    """Answers to give, in turn, before the platform's usual success."""
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def answer(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
        with self.lock:
            self.script.append((status, headers or {}, body))

    def to(self, recipient: str) -> list[Call]:
        with self.lock:
            return [
                c
                for c in self.calls
                if c.body is not None and recipient in json.dumps(c.body) + c.path
            ]

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def start() -> PlatformApi:
    api: PlatformApi

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            call = Call(self.path, dict(self.headers), json.loads(raw or b"null"))
            with api.lock:
                api.calls.append(call)
                number = len(api.calls)
                scripted = api.script.pop(0) if api.script else None
            status, headers, body = scripted or (200, {}, _success(call, number))
            data = json.dumps(body).encode()
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            sender = self.path.split("?")[0].rsplit("/", 1)[-1]
            with api.lock:
                api.calls.append(Call(self.path, dict(self.headers), None))
                profile = api.profiles.get(sender)
            body = profile or {"error": {"code": 100, "message": "Unsupported get request"}}
            data = json.dumps(body).encode()
            self.send_response(200 if profile else 400)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *_args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    api = PlatformApi(server)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return api


def _success(call: Call, number: int) -> Any:
    """What each platform answers a message it took with: its id of the message."""
    if call.path.startswith("/2/dm_conversations/"):
        return {"data": {"dm_conversation_id": "1-2", "dm_event_id": f"18661{number:014d}"}}
    if isinstance(call.body, dict) and call.body.get("messaging_product") == "whatsapp":
        return {
            "messaging_product": "whatsapp",
            "contacts": [{"input": call.body["to"], "wa_id": call.body["to"]}],
            "messages": [{"id": f"wamid.SENT{number:06d}"}],
        }
    recipient = call.body["recipient"]["id"]
    return {"recipient_id": recipient, "message_id": f"m_sent_{number:06d}"}
