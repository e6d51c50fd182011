"""A platform's media over real HTTP on loopback, as the fetcher meets it: files served whole,
a file larger than announced, one sent a byte at a time, a 500 with Retry-After, a 404, a
redirect to a plain-http address elsewhere, and the WhatsApp Cloud API's media endpoint (the
file's address for its id, with the business token only)."""

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TOKEN = "wa-token"


@dataclass
class MediaServer:
    server: ThreadingHTTPServer
    files: dict[str, bytes] = field(default_factory=dict)
    hits: list[str] = field(default_factory=list)
    failures: dict[str, int] = field(default_factory=dict)
    """Per path, how many 500s to answer before serving it."""

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def start() -> MediaServer:
    media: MediaServer

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            pass

        def _send(self, status: int, body: bytes = b"", **headers: str) -> None:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name.replace("_", "-"), value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            path = self.path
            media.hits.append(path)
            if media.failures.get(path, 0) > 0:
                media.failures[path] -= 1
                self._send(500, b"down", Retry_After="120")
            elif path.startswith("/v20.0/"):  # the Cloud API's media endpoint
                if self.headers.get("Authorization") != f"Bearer {TOKEN}":
                    self._send(401, b'{"error": {"code": 190}}')
                    return
                media_id = path.rsplit("/", 1)[-1]
                body = f'{{"url": "{media.url}/files/{media_id}", "mime_type": "image/png"}}'
                self._send(200, body.encode(), Content_Type="application/json")
            elif path.startswith("/files/") and path[7:] in media.files:
                self._send(200, media.files[path[7:]], Content_Type="application/octet-stream")
            elif path == "/lying":  # announces 10 bytes, sends megabytes, then closes
                self.send_response(200)
                self.send_header("Connection", "close")
                self.end_headers()
                try:
                    for _ in range(64):
                        self.wfile.write(b"\0" * 65536)
                except OSError:
                    pass
                self.close_connection = True
            elif path == "/slow":
                self.send_response(200)
                self.send_header("Content-Length", "100")
                self.end_headers()
                try:
                    for _ in range(100):
                        self.wfile.write(b"x")
                        self.wfile.flush()
                        time.sleep(0.05)
                except OSError:
                    pass
            elif path == "/gone":
                self._send(404, b"gone")
            elif path == "/to-http":
                port = self.server.server_address[1]
                self._send(302, Location=f"http://127.0.0.2:{port}/files/doc.pdf")
            elif path == "/moved":
                self._send(302, Location="/files/doc.pdf")
            else:
                self._send(404)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    media = MediaServer(server)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return media
