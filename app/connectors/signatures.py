"""How a webhook request proves it comes from its platform, and how the platform checks the
endpoint is ours before it sends anything.

Meta (Messenger, Instagram, WhatsApp) signs each request's raw body with the app's secret:
``X-Hub-Signature-256: sha256=<hex HMAC-SHA256>``, and subscribes an endpoint with a GET whose
``hub.verify_token`` must be the token the administrator gave Meta, answered with
``hub.challenge``. X signs with the app's consumer secret, in base64
(``X-Twitter-Webhooks-Signature: sha256=<base64>``), and checks the endpoint with a GET
``crc_token`` answered with that token's own signature. A request whose signature does not match
is anybody's: it is refused before it is read.
"""

import base64
import hashlib
import hmac

from app.enums import Channel

META_HEADER = "X-Hub-Signature-256"
X_HEADER = "X-Twitter-Webhooks-Signature"


def header(platform: Channel) -> str:
    return X_HEADER if platform == Channel.X else META_HEADER


def sign(platform: Channel, secret: str, raw: bytes) -> str:
    """The signature header's value the platform would send for ``raw``."""
    digest = hmac.new(secret.encode(), raw, hashlib.sha256).digest()
    if platform == Channel.X:
        return "sha256=" + base64.b64encode(digest).decode()
    return "sha256=" + digest.hex()


def genuine(platform: Channel, secret: str, raw: bytes, said: str | None) -> bool:
    """Whether ``said`` (the header as received, or None) is the platform's signature of
    ``raw``; compared in constant time."""
    if not said or not secret:
        return False
    return hmac.compare_digest(sign(platform, secret, raw).encode(), said.strip().encode())


def meta_challenge(query: dict[str, str], verify_token: str) -> str | None:
    """The ``hub.challenge`` to answer a subscription check with, or None when it is not one
    made with our token."""
    if query.get("hub.mode") != "subscribe" or not verify_token:
        return None
    token = query.get("hub.verify_token", "")
    if not hmac.compare_digest(token.encode(), verify_token.encode()):
        return None
    challenge = query.get("hub.challenge", "")
    return challenge if challenge and len(challenge) <= 200 and challenge.isprintable() else None


def x_crc(query: dict[str, str], consumer_secret: str) -> dict[str, str] | None:
    """The answer to X's challenge-response check, or None when the request is not one."""
    token = query.get("crc_token", "")
    if not token or len(token) > 200 or not consumer_secret:
        return None
    return {"response_token": sign(Channel.X, consumer_secret, token.encode())}


RELAIS_HEADER = "X-Relais-Signature"
"""The documented JSON's (``POST /calls``): ``sha256=<hex HMAC-SHA256 of the raw body>``."""
TWILIO_HEADER = "X-Twilio-Signature"


def relais_sign(secret: str, raw: bytes) -> str:
    """The ``X-Relais-Signature`` a telephony system sends with ``raw``."""
    return "sha256=" + hmac.new(secret.encode(), raw, hashlib.sha256).hexdigest()


def relais_genuine(secret: str, raw: bytes, said: str | None) -> bool:
    if not said or not secret:
        return False
    expected = relais_sign(secret, raw)
    return hmac.compare_digest(expected.encode(), said.strip().lower().encode())


def twilio_sign(auth_token: str, url: str, params: list[tuple[str, str]]) -> str:
    """Twilio's ``X-Twilio-Signature`` of a form-encoded callback (its "Webhooks security"
    page): base64 of the HMAC-SHA1, keyed with the account's auth token, of the full URL as
    Twilio called it followed by each POST parameter, sorted by name, as name then value."""
    signed = url + "".join(name + value for name, value in sorted(params))
    digest = hmac.new(auth_token.encode(), signed.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


def twilio_genuine(
    auth_token: str, url: str, params: list[tuple[str, str]], said: str | None
) -> bool:
    if not said or not auth_token:
        return False
    expected = twilio_sign(auth_token, url, params)
    return hmac.compare_digest(expected.encode(), said.strip().encode())
