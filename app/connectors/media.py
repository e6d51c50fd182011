"""A chat's media fetched from its platform after the message was stored.

The webhook request only names the file (Meta's attachment ``payload.url``, a WhatsApp media id
whose address the Cloud API gives with the business token, X's ``media_url_https``). The message
goes to the centre first with the file pending; this thread then asks the centre for the files
due (``relais_attachments_due``: leased, so two services never fetch the same), downloads each
with httpx and says what came of it (``relais_attachment_fetched``): kept with its bytes, too
large, failed for good (gone, an address refused), or to be tried again later (the platform
down, slow or rate limiting: the centre's clock sets the pause; after a day it has failed).

What the download trusts of the platform: nothing. Only https addresses are fetched (plain
http only under ``[attachments] http_base``, a test platform on loopback), redirects included,
each hop checked; the size limit is enforced on the bytes read, not on a Content-Length; the
whole download has a deadline, so a server that sends a byte a second is cut off.
"""

import json
import logging
import threading
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

import httpx

from app.connectors.config import AttachmentsConfig, PlatformConfig
from app.db import Database, storage_errors
from app.enums import Channel
from app.errors import InputError, RelaisError
from app.ingest.attachments import MB, sniff
from app.ingest.receive import call, refused
from app.ingest.whatsapp import MEDIA_SOURCE
from app.sync import apply_attachments, apply_receive

log = logging.getLogger(__name__)

MAX_REDIRECTS = 3


@dataclass(frozen=True)
class Fetched:
    outcome: str
    """kept, too_large, failed or retry."""
    reason: str = ""
    content: bytes | None = None
    size: int = 0
    retry_after: float | None = None

    def report(self, attachment_id: str) -> dict[str, Any]:
        return {
            "attachment_id": attachment_id,
            "outcome": self.outcome,
            "reason": self.reason[:300],
            "size": self.size,
            "sniffed_type": sniff(self.content) if self.content is not None else None,
            "retry_after": self.retry_after,
        }


class MediaFetcher:
    """Fetches one platform's pending media until ``stop`` is set."""

    def __init__(
        self,
        platform: PlatformConfig,
        token: str | None,
        central: Database,
        stop: threading.Event,
        settings: AttachmentsConfig,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.platform = platform
        self.settings = settings
        self._token = token
        self._central = central
        self._stop = stop
        self._client = httpx.Client(
            timeout=httpx.Timeout(
                settings.fetch_timeout, connect=min(10.0, settings.fetch_timeout)
            ),
            follow_redirects=False,
            headers={"User-Agent": "Relais"},
            transport=transport,
        )

    def run(self) -> None:
        log.info("%s: fetching media", self.platform.platform.value)
        failures = 0
        try:
            while not self._stop.is_set():
                try:
                    done = self.round()
                    failures = 0
                except RelaisError as exc:
                    failures += 1
                    if failures == 1:
                        log.warning("media: the centre did not answer: %s", exc.text())
                    done = 0
                if not done:
                    self._stop.wait(self.platform.poll_seconds * (1 if not failures else 5))
        finally:
            self._client.close()

    def close(self) -> None:
        self._client.close()

    def round(self) -> int:
        """The files due, each fetched and said; returns how many."""
        due = self._due(10)
        for item in due:
            got = self.fetch(str(item.get("source") or ""))
            attachment = str(item["attachment_id"])
            try:
                state = self._said(got.report(attachment), got.content)
            except InputError as exc:
                log.warning("media %s: the centre refused the result: %s", attachment, exc.text())
                continue
            log.info(
                "%s media %s (%s): %s%s",
                self.platform.platform.value,
                attachment,
                item.get("filename"),
                state,
                f" ({got.reason})" if got.reason else "",
            )
            if self._stop.is_set():
                break
        return len(due)

    # -- the platform ------------------------------------------------------------------------

    def fetch(self, source: str) -> Fetched:
        if source.startswith(MEDIA_SOURCE):
            return self._whatsapp(source.removeprefix(MEDIA_SOURCE))
        return self.download(source, bearer=self.platform.platform == Channel.X)

    def _whatsapp(self, media_id: str) -> Fetched:
        """The Cloud API's answer for a media id is its temporary address; both calls carry
        the business token."""
        if not self._token:
            return Fetched("failed", "token: no access token is configured for WhatsApp")
        try:
            answer = self._client.get(
                f"{self.platform.api}/{media_id}",
                headers={"Authorization": f"Bearer {self._token}"},
            )
        except httpx.HTTPError as exc:
            return Fetched("retry", f"offline: {type(exc).__name__}")
        if answer.status_code != 200:
            return _status(answer)
        try:
            url = str(answer.json()["url"])
        except (ValueError, KeyError, TypeError):
            return Fetched("failed", "the platform gave no address for the file")
        return self.download(url, bearer=True)

    def download(self, url: str, bearer: bool = False) -> Fetched:
        limit = self.settings.limits.per_file
        deadline = time.monotonic() + self.settings.fetch_timeout
        headers = {"Authorization": f"Bearer {self._token}"} if bearer and self._token else {}
        for _hop in range(MAX_REDIRECTS + 1):
            if not self.allowed(url):
                return Fetched("failed", f"refused: not an https address ({url[:120]})")
            try:
                with self._client.stream("GET", url, headers=headers) as answer:
                    if answer.is_redirect and "location" in answer.headers:
                        url = urljoin(url, answer.headers["location"])
                        continue
                    if answer.status_code != 200:
                        answer.read()
                        return _status(answer)
                    chunks: list[bytes] = []
                    size = 0
                    for chunk in answer.iter_bytes():  # as it comes: the deadline checked
                        size += len(chunk)
                        if size > limit:
                            return Fetched(
                                "too_large",
                                f"larger than the limit of {limit // MB} MB per file",
                                size=size,
                            )
                        if time.monotonic() > deadline:
                            return Fetched(
                                "retry",
                                f"slow: not all sent in {self.settings.fetch_timeout:g} s",
                            )
                        chunks.append(chunk)
                    content = b"".join(chunks)
                    return Fetched("kept", content=content, size=len(content))
            except httpx.HTTPError as exc:
                return Fetched("retry", f"offline: {type(exc).__name__}")
        return Fetched("failed", f"refused: more than {MAX_REDIRECTS} redirects")

    def allowed(self, url: str) -> bool:
        if url.startswith("https://"):
            return True
        base = self.settings.http_base
        return bool(base) and url.startswith(base or "")

    # -- the centre --------------------------------------------------------------------------

    def _due(self, limit: int) -> list[dict[str, Any]]:
        channel = self.platform.platform.value
        if self._central.is_sqlite:
            with storage_errors(self._central), self._central.engine.begin() as conn:
                return apply_attachments.due(conn, channel, limit)
        answer = call(self._central, "SELECT relais_attachments_due(%s, %s)", (channel, limit))
        return list(answer or [])

    def _said(self, report: dict[str, Any], content: bytes | None) -> str:
        if self._central.is_sqlite:
            with storage_errors(self._central), self._central.engine.begin() as conn:
                try:
                    return apply_attachments.fetched(conn, report, content)
                except apply_receive.Refused as exc:
                    raise refused(str(exc)) from exc
        statement = "SELECT relais_attachment_fetched(%s::jsonb, %s::bytea)"
        return str(call(self._central, statement, (json.dumps(report), content)))


def _status(answer: httpx.Response) -> Fetched:
    """What a platform's answer other than 200 means for the file."""
    code = answer.status_code
    if code in (404, 410):
        return Fetched("failed", f"gone: the platform no longer has it ({code})")
    if code == 429 or code >= 500 or code in (401, 403, 408):
        wait = answer.headers.get("retry-after", "")
        return Fetched(
            "retry",
            f"{'throttled' if code == 429 else 'offline' if code >= 500 else 'token'}: {code}",
            retry_after=float(wait) if wait.isdigit() else None,
        )
    return Fetched("failed", f"rejected: the platform answered {code}")
