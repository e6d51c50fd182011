"""Advisors' replies on Messenger, Instagram, WhatsApp and X, sent through each platform's API.

Each reply goes to the customer's id on the platform (the one their messages came from) and
the platform's id of the sent message is told to the centre: the platform's reports (delivered,
read, failed) later name it, and so does a customer's answer to it. What the platform says is
kept as the reply's reason, in the words ``ui.common.texts.delivery_reason`` shows:

- ``throttled``: it asked to wait (429, with its Retry-After, which the centre honours);
- ``offline``: it did not answer or failed on its side (5xx, network): tried again;
- ``token``: it refused the connector's token (expired, revoked): tried again, for a day, while
  an administrator renews it;
- ``rejected``: it refused the reply for good (the customer's 24-hour window is closed, they
  blocked the page…): failed, and the contact back in the queue for another channel.
"""

import logging
import threading
from collections.abc import Callable
from typing import Any

import httpx

from app.connectors.config import PlatformConfig
from app.connectors.outgoing import Outbox, Reply, Said
from app.db import Database
from app.enums import Channel

log = logging.getLogger(__name__)

TIMEOUT = httpx.Timeout(20.0, connect=10.0)
_Reader = Callable[[Any], Any]  # the sent message's id, from the platform's answer
_TOKEN_CODES = {190, 102, 463, 467}  # Meta's "the access token is not valid"
_LABELS = {
    Channel.FACEBOOK: "messenger replies",
    Channel.INSTAGRAM: "instagram replies",
    Channel.WHATSAPP: "whatsapp replies",
    Channel.X: "x replies",
}


class PlatformSender(Outbox):
    """Sends one platform's queued replies until ``stop`` is set."""

    def __init__(
        self,
        config: PlatformConfig,
        token: str,
        central: Database,
        stop: threading.Event,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        super().__init__(central, stop, config.poll_seconds)
        self.channel = config.platform.value
        self.label = _LABELS[config.platform]
        self.config = config
        self._client = httpx.Client(
            base_url=config.api,
            headers={"Authorization": f"Bearer {token}", "User-Agent": "Relais"},
            timeout=TIMEOUT,
            transport=transport,
        )

    def run(self) -> None:
        log.info("%s: sending through %s", self.label, self.config.api)
        try:
            super().run()
        finally:
            self._client.close()

    def send(self, replies: list[Reply]) -> None:
        for reply in replies:
            said = self.send_one(reply)
            self.tell(said)
            if said.outcome == "retry":
                # The platform is down, busy or refuses the token: the others would fare
                # the same; the centre hands them again after its pause.
                for rest in replies[replies.index(reply) + 1 :]:
                    self.tell(Said(rest, "retry", said.reason, retry_after=said.retry_after))
                return

    def send_one(self, reply: Reply) -> Said:
        """One reply, as one message: the desk kept it within the platform's length
        (app.channels)."""
        path, body, read_id = _REQUESTS[self.config.platform](self.config, reply)
        try:
            answer = self._client.post(path, json=body)
        except httpx.HTTPError as exc:
            return Said(reply, "retry", f"offline: {type(exc).__name__}: {exc}"[:300])
        said = self._said(reply, answer)
        if said is not None:
            return said
        try:
            sent = str(read_id(answer.json()))
        except (ValueError, KeyError, IndexError, TypeError):
            # Taken all the same: sent, though the platform's reports will not find it.
            log.warning("%s: no message id in %s", self.label, answer.text[:200])
            sent = None
        return Said(reply, "sent", external_id=sent)

    def _said(self, reply: Reply, answer: httpx.Response) -> Said | None:
        """What a response that is not a success says, or None for a success."""
        if answer.is_success:
            return None
        code, text = _error(answer)
        words = f"{answer.status_code} {code} {text}".strip()[:280]
        if answer.status_code == 429:
            wait = _retry_after(answer.headers.get("Retry-After"))
            return Said(reply, "retry", f"throttled: {words}", retry_after=wait)
        if answer.status_code >= 500:
            return Said(reply, "retry", f"offline: {words}")
        if answer.status_code == 401 or code in _TOKEN_CODES:
            return Said(reply, "retry", f"token: {words}")
        return Said(reply, "failed", f"rejected: {words}")


_PROFILE_FIELDS = {Channel.FACEBOOK: "first_name,last_name", Channel.INSTAGRAM: "name,username"}


class Profiles:
    """The names Messenger and Instagram do not put in their webhooks, asked of the Graph
    API once per sender (``GET /{id}?fields=…`` with the page's token), so that an advisor
    reads who wrote rather than "unknown sender". A name that cannot be had in a few seconds
    is left out: the message goes in without it."""

    _KEEP = 10_000

    def __init__(
        self,
        configs: dict[Channel, tuple[PlatformConfig, str]],
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self._configs = {p: c for p, c in configs.items() if p in _PROFILE_FIELDS}
        self._client = httpx.Client(timeout=httpx.Timeout(5.0), transport=transport)
        self._known: dict[tuple[Channel, str], str] = {}

    def name(self, platform: Channel, sender: str) -> str:
        if platform not in self._configs:
            return ""
        if (platform, sender) in self._known:
            return self._known[(platform, sender)]
        config, token = self._configs[platform]
        try:
            answer = self._client.get(
                f"{config.api}/{sender}",
                params={"fields": _PROFILE_FIELDS[platform]},
                headers={"Authorization": f"Bearer {token}"},
            )
            data = answer.json() if answer.is_success else {}
        except (httpx.HTTPError, ValueError) as exc:
            log.info("%s: no name for %s: %s", platform.value, sender, exc)
            return ""
        if not isinstance(data, dict):
            return ""
        if platform == Channel.FACEBOOK:
            name = f"{data.get('first_name') or ''} {data.get('last_name') or ''}"
        else:
            name = str(data.get("name") or data.get("username") or "")
        name = " ".join(name.split())[:200]
        if len(self._known) >= self._KEEP:
            self._known.clear()
        self._known[(platform, sender)] = name
        return name

    def close(self) -> None:
        self._client.close()


def messenger(config: PlatformConfig, reply: Reply) -> tuple[str, Any, _Reader]:
    account = config.account_id or "me"
    body = {
        "recipient": {"id": reply.to_address},
        "messaging_type": "RESPONSE",
        "message": {"text": reply.body_text},
    }
    return f"/{account}/messages", body, lambda j: j["message_id"]


def whatsapp(config: PlatformConfig, reply: Reply) -> tuple[str, Any, _Reader]:
    body = {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": reply.to_address,
        "type": "text",
        "text": {"preview_url": False, "body": reply.body_text},
    }
    return f"/{config.account_id}/messages", body, lambda j: j["messages"][0]["id"]


def x_message(config: PlatformConfig, reply: Reply) -> tuple[str, Any, _Reader]:
    path = f"/2/dm_conversations/with/{reply.to_address}/messages"
    return path, {"text": reply.body_text}, lambda j: j["data"]["dm_event_id"]


_REQUESTS = {
    Channel.FACEBOOK: messenger,
    Channel.INSTAGRAM: messenger,
    Channel.WHATSAPP: whatsapp,
    Channel.X: x_message,
}


def _error(answer: httpx.Response) -> tuple[Any, str]:
    """The platform's error code and words: Meta ``{"error": {"code", "message"}}``, X
    ``{"title", "detail"}`` or ``{"errors": [{"message"}]}``."""
    try:
        data = answer.json()
    except ValueError:
        return "", " ".join(answer.text.split())[:200]
    if not isinstance(data, dict):
        return "", ""
    error = data.get("error")
    if isinstance(error, dict):
        return error.get("code", ""), str(error.get("message", ""))
    errors = data.get("errors")
    if isinstance(errors, list) and errors and isinstance(errors[0], dict):
        return errors[0].get("code", ""), str(errors[0].get("message", ""))
    return "", str(data.get("detail") or data.get("title") or "")


def _retry_after(value: str | None) -> float | None:
    try:
        return max(float(value), 0.0) if value else None
    except ValueError:
        return None
