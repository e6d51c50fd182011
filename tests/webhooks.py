"""Webhook requests as each platform posts them (the shapes of tests/data/webhooks/), built
with the ids a test needs, and the ids themselves fresh for each test."""

import json
import secrets
import time
from typing import Any

PAGE = "104820196543210"
X_ACCOUNT = "1587123456789012481"


def fresh(prefix: str = "") -> str:
    return f"{prefix}{secrets.token_hex(8)}"


def digits(n: int = 11) -> str:
    """A fresh number, as WhatsApp's wa_id and Meta's page-scoped ids are written."""
    return str(secrets.randbelow(9 * 10 ** (n - 1)) + 10 ** (n - 1))


def messenger(*events: dict[str, Any], platform: str = "page") -> bytes:
    return _raw(
        {"object": platform, "entry": [{"id": PAGE, "time": _ms(), "messaging": list(events)}]}
    )


def messenger_message(sender: str, mid: str, text: str, reply_to: str | None = None) -> dict:
    message: dict[str, Any] = {"mid": mid, "text": text}
    if reply_to:
        message["reply_to"] = {"mid": reply_to}
    return {
        "sender": {"id": sender},
        "recipient": {"id": PAGE},
        "timestamp": _ms(),
        "message": message,
    }


def messenger_read(sender: str, watermark_ms: int) -> dict:
    return {
        "sender": {"id": sender},
        "recipient": {"id": PAGE},
        "timestamp": _ms(),
        "read": {"watermark": watermark_ms},
    }


def whatsapp(
    messages: list[dict] = (), statuses: list[dict] = (), names: dict[str, str] | None = None
) -> bytes:
    value: dict[str, Any] = {
        "messaging_product": "whatsapp",
        "metadata": {"display_phone_number": "33180001234", "phone_number_id": "106540352242922"},
    }
    if names:
        value["contacts"] = [{"profile": {"name": n}, "wa_id": w} for w, n in names.items()]
    if messages:
        value["messages"] = list(messages)
    if statuses:
        value["statuses"] = list(statuses)
    change = {"field": "messages", "value": value}
    return _raw(
        {
            "object": "whatsapp_business_account",
            "entry": [{"id": "102290129340398", "changes": [change]}],
        }
    )


def whatsapp_text(wa_id: str, key: str, text: str, context: str | None = None) -> dict:
    message: dict[str, Any] = {
        "from": wa_id,
        "id": key,
        "timestamp": str(int(time.time())),
        "type": "text",
        "text": {"body": text},
    }
    if context:
        message["context"] = {"from": "33180001234", "id": context}
    return message


def whatsapp_status(
    key: str, status: str, wa_id: str, error: tuple[int, str] | None = None
) -> dict:
    said: dict[str, Any] = {
        "id": key,
        "status": status,
        "timestamp": str(int(time.time())),
        "recipient_id": wa_id,
    }
    if error:
        said["errors"] = [{"code": error[0], "title": error[1]}]
    return said


def x_dm(
    sender: str, key: int, text: str, name: str = "Élodie M.", handle: str = "elodie_m"
) -> bytes:
    """A direct message with its id written as a JSON number, as X does (not a string)."""
    event = {
        "type": "message_create",
        "id": key,
        "created_timestamp": str(_ms()),
        "message_create": {
            "target": {"recipient_id": X_ACCOUNT},
            "sender_id": sender,
            "message_data": {"text": text},
        },
    }
    users = {sender: {"id": sender, "name": name, "screen_name": handle}}
    return _raw({"for_user_id": X_ACCOUNT, "direct_message_events": [event], "users": users})


def _ms() -> int:
    return int(time.time() * 1000)


def _raw(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode()
