"""How customers are recognised: phone numbers, e-mail addresses and social handles, normalised.

An incoming call, e-mail or social message is matched to a customer by an index look-up on
``CustomerIdentity(kind, value)``, so every value must be written one way only: phone numbers in
E.164 (``+33612345678``), e-mail addresses and handles in lower case. The same functions serve
the connectors (matching senders), the customer form (saving identities) and the search box
(guessing what the advisor typed), so all three agree.
"""

import re

import phonenumbers

from app.enums import IdentityKind

# Blocks that numbering plans reserve for films, books and demos. libphonenumber rejects them
# on purpose (no real subscriber has them), but Relais's demo data and tests use them so that
# no real person is ever called or messaged: accept them, and only them, beyond valid numbers.
# France (ARCEP): 06 39 98 xx xx; United Kingdom (Ofcom, drama numbers): 07700 900000-900999.
# Each prefix with the length of a whole number in E.164.
FICTION_PREFIXES: dict[str, int] = {"+3363998": 12, "+447700900": 13}

# Social networks whose identities are handles (WhatsApp is a phone number).
HANDLE_KINDS: frozenset[IdentityKind] = frozenset(
    {IdentityKind.FACEBOOK, IdentityKind.X, IdentityKind.INSTAGRAM}
)
PHONE_KINDS: frozenset[IdentityKind] = frozenset({IdentityKind.PHONE, IdentityKind.WHATSAPP})

# The customers are French or British: a number written nationally ("07700 900123") that is not
# read in the default region is tried in these before giving up.
SEARCH_REGIONS: tuple[str, ...] = ("FR", "GB")

DEFAULT_REGION = "FR"
_region = DEFAULT_REGION


def valid_region(region: object) -> bool:
    """Whether ``region`` is a region phonenumbers reads numbers of (ISO 3166 ``FR``, ``BE``)."""
    return isinstance(region, str) and region in phonenumbers.SUPPORTED_REGIONS


def default_region() -> str:
    """The region a number written without its country is read in (the ``phone_region``
    setting, or the connectors' ``phone_region``; FR unless told)."""
    return _region


def set_default_region(region: str) -> None:
    """Set once at start-up, from the settings (the window, the commands) or the connectors'
    configuration: every reader of a number written nationally — the search box, the identity
    form, the telephony events — then reads it the same way. ValueError for an unknown one."""
    global _region
    if not valid_region(region):
        raise ValueError(f"unknown phone region {region!r}")
    _region = region


def regions() -> tuple[str, ...]:
    """The default region first, then the others customers' numbers are tried in."""
    return (_region, *(r for r in SEARCH_REGIONS if r != _region))


_PHONE_CHARS = re.compile(r"^\+?[\d\s().\-/]+$")
_HANDLE = re.compile(r"^@[\w.]{1,64}$")
_LABEL = r"[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?"
_EMAIL_DOMAIN = re.compile(rf"^{_LABEL}(?:\.{_LABEL})+$")


def _is_fiction(e164: str) -> bool:
    return any(
        e164.startswith(prefix) and len(e164) == length
        for prefix, length in FICTION_PREFIXES.items()
    )


def normalise_phone(text: str, region: str | None = None) -> str | None:
    """The number in E.164 (``+33612345678``), or None when it is not a valid number.

    ``region`` says how to read a number written without its country code (``06 12 34 56 78``);
    by default, ``default_region()``.
    Numbers reserved for fiction (see ``FICTION_PREFIXES``) are accepted as if valid.
    """
    if not text or not text.strip():
        return None
    try:
        number = phonenumbers.parse(text.strip(), region or _region)
    except phonenumbers.NumberParseException:
        return None
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    if phonenumbers.is_valid_number(number) or _is_fiction(e164):
        return e164
    return None


def whatsapp_number(wa_id: str) -> str | None:
    """A WhatsApp sender's number (``33612345678``, as the platform writes it) in E.164.
    WhatsApp has checked it: one phonenumbers does not know yet (a new range) is still the
    customer's."""
    digits = wa_id.strip().lstrip("+")
    if not digits.isdigit() or not 7 <= len(digits) <= 15:
        return None
    return normalise_phone(f"+{digits}") or f"+{digits}"


def address_shown(channel: str, address: str) -> str:
    """A sender's address as an advisor reads it: a WhatsApp number written as a number, and
    nothing for a platform's own id (a Messenger or X id means nothing to a person)."""
    if channel == "whatsapp":
        number = whatsapp_number(address)
        if number is None:
            return address
        try:
            parsed = phonenumbers.parse(number)
        except phonenumbers.NumberParseException:
            return number
        return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    if channel in ("facebook", "instagram", "x"):
        return ""
    if channel == "phone" and address.startswith("+"):
        return phone_shown(address)
    return address


def phone_shown(e164: str, region: str | None = None) -> str:
    """A number as people of ``region`` (by default, ``default_region()``) write it: ``06 12 34
    56 78`` at home, ``+44 20 7946 0958`` from abroad; the text as given when it is not a
    number."""
    region = region or _region
    try:
        parsed = phonenumbers.parse(e164, region)
    except phonenumbers.NumberParseException:
        return e164
    home = phonenumbers.region_code_for_number(parsed) == region
    return phonenumbers.format_number(
        parsed,
        phonenumbers.PhoneNumberFormat.NATIONAL
        if home
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL,
    )


def normalise_email(text: str) -> str | None:
    """The address stripped and in lower case, or None when it cannot be an address.

    The check is deliberately basic (one ``@``, a local part, a dotted domain, no spaces): it
    catches typing mistakes and a phone number typed in the wrong field, not every RFC 5322
    subtlety. Lower-casing the local part is technically lossy but no real mailbox relies on it,
    and it is what makes matching by index reliable.
    """
    if not text:
        return None
    value = text.strip()
    if value.startswith("<") and value.endswith(">"):
        value = value[1:-1].strip()
    value = value.lower()
    if value.count("@") != 1 or any(ch.isspace() for ch in value):
        return None
    local, domain = value.split("@")
    if not local or local.startswith(".") or local.endswith(".") or ".." in local:
        return None
    if not _EMAIL_DOMAIN.match(domain):
        return None
    return value


def normalise_handle(text: str) -> str:
    """A social handle without its leading ``@``, in lower case (``@Jean_D`` → ``jean_d``).

    Networks treat handles case-insensitively, so the lower-case form is the one to match on.
    """
    return text.strip().lstrip("@").strip().lower()


def normalise_identity(kind: IdentityKind, text: str) -> str | None:
    """The value to store or look up for an identity of ``kind``; None when ``text`` is not one.

    Phone and WhatsApp identities are phone numbers (E.164); e-mail addresses are checked;
    handles only need to be non-empty once normalised.
    """
    kind = IdentityKind(kind)
    if kind in PHONE_KINDS:
        return _phone_any_region(text)
    if kind == IdentityKind.EMAIL:
        return normalise_email(text)
    handle = normalise_handle(text)
    return handle if handle and not any(ch.isspace() for ch in handle) else None


def _phone_any_region(text: str) -> str | None:
    for region in regions():
        value = normalise_phone(text, region)
        if value is not None:
            return value
    return None


_TOKEN_EDGES = "<>()[]{}\"'«»“”‘’,;:!?"
_ADDRESS_LIKE = re.compile(r"^@?[\w.+\-]+(?:@[\w.\-]*)?$")
_PROFILE_URL = re.compile(
    r"^(?:https?://)?(?:www\.|mobile\.|m\.)?(?:x|twitter|instagram|facebook)\.com/@?([\w.]+)",
    re.IGNORECASE,
)
MIN_FRAGMENT = 3
"""Characters an address fragment needs before it is looked up: fewer would match half the
customers' handles."""


def address_fragments(text: str, most: int = 3) -> list[str]:
    """The starts of handles or e-mail addresses a search text may hold, lower case, without
    a leading ``@``: the whole text when it is one word ("@Maxime_Hum", "adam.davis293",
    "jean@exa"), and in a longer text the words that are one ("Maxime Humbert
    <maxime_humbert1>", "Léa (@lea_m)", a profile address "x.com/lea_m").

    At most ``most`` of them, each at least ``MIN_FRAGMENT`` characters; the caller looks each
    up as the start of a stored handle or address (see ``normalise_handle``,
    ``normalise_email``: stored values are lower case)."""
    words = text.split()
    found: list[str] = []
    for word in words:
        marked = word[:1] in "<([" or "@" in word
        token = word.strip(_TOKEN_EDGES)
        profile = _PROFILE_URL.match(token)
        if profile is not None:
            token = profile.group(1)
        elif len(words) > 1 and not marked:
            continue  # a plain word among others is a name's, searched as such
        if not _ADDRESS_LIKE.match(token):
            continue
        value = token.removeprefix("@").lower().rstrip(".")
        if len(value) >= MIN_FRAGMENT and value not in found:
            found.append(value)
        if len(found) == most:
            break
    return found


def guess_identity(text: str) -> tuple[IdentityKind, str] | None:
    """What a search-box string looks like: a phone number, an e-mail address or an ``@handle``.

    Returns the kind and the normalised value to look up, or None for anything else (a name, an
    account number, a contact reference), which the caller then searches by name. A handle is
    reported as ``IdentityKind.X``, but handles are normalised alike on every network: search
    all of ``HANDLE_KINDS`` with it.
    """
    value = text.strip() if text else ""
    if len(value) < 2:
        return None
    if _HANDLE.match(value):
        return IdentityKind.X, normalise_handle(value)
    if "@" in value:
        email = normalise_email(value)
        return (IdentityKind.EMAIL, email) if email is not None else None
    if _PHONE_CHARS.match(value) and sum(ch.isdigit() for ch in value) >= 8:
        phone = _phone_any_region(value)
        if phone is not None:
            return IdentityKind.PHONE, phone
    return None
