"""The connector service's configuration: a TOML file an administrator writes (README,
"Connectors"). It names the centre and the mailboxes, never a password: each secret comes from
an environment variable the file names (a service's unit file sets it) or, when none is set, from
the operating system's keyring under the login and host it belongs to.
"""

import email.utils
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app import credentials, identities
from app.enums import Channel
from app.errors import InputError
from app.i18n import QT_TRANSLATE_NOOP
from app.ingest.attachments import MB, Limits
from app.limits import LANGUAGES
from app.users import LOGIN_PATTERN

SECURITIES = ("tls", "starttls", "none")
PLATFORM_APIS = {
    "facebook": "https://graph.facebook.com/v21.0",
    "instagram": "https://graph.instagram.com/v21.0",
    "whatsapp": "https://graph.facebook.com/v21.0",
    "x": "https://api.x.com",
}
"""Where each platform's replies are sent; ``api`` in its table points elsewhere (a test
double, a newer version)."""
CENTRE_PASSWORD = "RELAIS_CONNECTOR_PASSWORD"  # the default, for the service and relais ingest


@dataclass(frozen=True)
class Secret:
    """Where a password is found: ``variable`` in the environment, else the keyring's entry
    for ``login`` at ``where``."""

    where: str
    login: str
    variable: str | None

    def read(self) -> str | None:
        if self.variable and os.environ.get(self.variable):
            return os.environ[self.variable]
        return credentials.load(self.where, self.login)


@dataclass(frozen=True)
class CentreConfig:
    url: str
    """The centre without user or password; an ``sqlite:///`` file is an embedded centre."""
    login: str | None
    password: Secret | None


@dataclass(frozen=True)
class MailboxConfig:
    name: str
    host: str
    port: int
    security: str
    login: str
    password: Secret
    folder: str = "INBOX"
    move_to: str | None = None
    """Where a stored mail goes; None: it stays, marked with the keyword ``$RelaisStored``."""
    team: str | None = None
    poll_seconds: float = 60.0
    """Between two looks when the server offers no IDLE (and the longest wait in IDLE)."""


@dataclass(frozen=True)
class SenderConfig:
    """The SMTP server advisors' e-mail replies leave through."""

    host: str
    port: int
    security: str
    login: str | None
    """None: the server takes mail without AUTH (a relay that trusts this host)."""
    password: Secret | None
    from_address: str
    """The From of every reply, ``Service client <service@example.fr>``; bounces come back to
    it, into a mailbox the service reads, and fail the reply they name."""
    signatures: dict[str, str]
    """By language: what follows each reply after the signature separator."""
    team_signatures: dict[str, dict[str, str]]
    """By team name, then language: a team's own, over ``signatures``."""
    poll_seconds: float = 5.0

    def signature(self, team: str | None, language: str) -> str:
        own = self.team_signatures.get(team or "", {})
        return own.get(language) or self.signatures.get(language) or ""


@dataclass(frozen=True)
class PlatformConfig:
    """One social platform: its requests' signing secret, the token its replies are sent
    with, and where."""

    platform: Channel
    signing_secret: Secret
    """Meta's app secret (Messenger, Instagram, WhatsApp), X's consumer secret."""
    verify_token: Secret | None
    """Meta: the token of the endpoint's subscription check."""
    access_token: Secret | None
    """The page's, the account's or the business number's token; None: replies are not sent
    from this service."""
    api: str
    account_id: str | None
    """WhatsApp: the business number's id (phone_number_id); Instagram: the account's id."""
    team: str | None = None
    poll_seconds: float = 2.0


@dataclass(frozen=True)
class WebhooksConfig:
    """Where the platforms' requests are received (behind the centre's HTTPS reverse proxy)
    and kept until the centre holds them."""

    host: str
    port: int
    spool: Path
    platforms: tuple[PlatformConfig, ...]

    def of(self, platform: Channel) -> PlatformConfig | None:
        return next((p for p in self.platforms if p.platform == platform), None)


@dataclass(frozen=True)
class AttachmentsConfig:
    """``[attachments]``: what the connectors keep of the files customers send, and how a
    chat's media is fetched from its platform."""

    limits: Limits = field(default_factory=Limits)
    fetch_timeout: float = 30.0
    """Seconds a media download may take in all (a slow server is tried again later)."""
    http_base: str | None = None
    """The one plain-http address media may come from (a test platform on loopback); every
    other address must be https."""


@dataclass(frozen=True)
class LettersConfig:
    """``[letters]``: the folder the mail room's scans are dropped in."""

    folder: Path
    team: str | None = None
    poll_seconds: float = 10.0


@dataclass(frozen=True)
class TwilioConfig:
    """``[telephony.twilio]``: Programmable Voice's status callbacks."""

    auth_token: Secret
    """The account's auth token: Twilio signs each callback with it (``X-Twilio-Signature``)."""
    url: str
    """The address Twilio calls, exactly as given to it (``https://relais.example.org/calls/
    twilio``): the signature covers it, and behind a reverse proxy the address this service
    sees is not it."""


@dataclass(frozen=True)
class AsteriskConfig:
    """``[telephony.asterisk]``: the Asterisk Manager Interface this service logs in to."""

    host: str
    port: int
    security: str
    """"none" (plain TCP, 5038: on the PBX's own network) or "tls" (5039)."""
    login: str
    password: Secret
    contexts: tuple[str, ...] = ()
    """The dialplan contexts customers' calls start in; empty: every call that is not an
    agent's own (a call from a mapped agent's phone is a colleague's or an outgoing one)."""


@dataclass(frozen=True)
class TelephonyConfig:
    """``[telephony]``: the CTI endpoint (the documented JSON, Twilio's callbacks) and the
    Asterisk client; every event kept in ``spool`` before the centre is told."""

    host: str
    port: int
    spool: Path
    region: str = "FR"
    """Where a number written without its country code is from."""
    team: str | None = None
    """The queue a call rung for no known advisor goes to."""
    agents: dict[str, str] = field(default_factory=dict)
    """What the telephony system calls a phone (``SIP/1001``, ``client:amartin``) → the login
    of the advisor who uses it."""
    secret: Secret | None = None
    """Signs the documented JSON (``X-Relais-Signature``); None: ``POST /calls`` is off."""
    twilio: TwilioConfig | None = None
    asterisk: AsteriskConfig | None = None

    @property
    def listens(self) -> bool:
        return self.secret is not None or self.twilio is not None


@dataclass(frozen=True)
class Config:
    centre: CentreConfig
    mailboxes: tuple[MailboxConfig, ...]
    log_file: Path | None = None
    sender: SenderConfig | None = None
    webhooks: WebhooksConfig | None = None
    attachments: AttachmentsConfig = field(default_factory=AttachmentsConfig)
    letters: LettersConfig | None = None
    telephony: TelephonyConfig | None = None
    phone_region: str = identities.DEFAULT_REGION
    """A caller's or sender's number written without its country is read in this region."""


def load(path: Path) -> Config:
    """The file read and checked whole: a mistake is said with where it is, before anything
    connects."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise _problem(path, exc.strerror or type(exc).__name__) from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise _problem(path, str(exc)) from exc
    centre = _table(path, data, "centre")
    url = _text(path, centre, "[centre]", "url")
    bare, user, password = credentials.split(url)
    if password:
        raise _problem(path, "[centre] url holds a password: give it in the environment")
    login = centre.get("login") or user
    embedded = bare.startswith("sqlite")
    if not embedded and not login:
        raise _problem(
            path, "[centre] needs a login (a connector's: relais user add --role connector)"
        )
    variable = centre.get("password_env", CENTRE_PASSWORD)
    secret = None if embedded else Secret(bare, str(login), variable)
    mailboxes = tuple(_mailbox(path, i, box) for i, box in enumerate(data.get("imap", [])))
    sender = _sender(path, data["smtp"]) if "smtp" in data else None
    webhooks = _webhooks(path, data["webhooks"]) if "webhooks" in data else None
    letters = _letters(path, data["letters"]) if "letters" in data else None
    region = data.get("phone_region", identities.DEFAULT_REGION)
    if not identities.valid_region(region):
        raise _problem(path, "phone_region must be a country code phonenumbers knows (FR, BE…)")
    telephony = _telephony(path, data["telephony"], region) if "telephony" in data else None
    if not mailboxes and sender is None and webhooks is None and letters is None and not telephony:
        raise _problem(
            path,
            "neither an [[imap]] mailbox, [smtp], [webhooks], [letters] nor [telephony] is "
            "configured",
        )
    if telephony and webhooks and telephony.spool == webhooks.spool:
        raise _problem(path, "[telephony] spool must be another folder than [webhooks] spool")
    if telephony and webhooks and telephony.listens and telephony.port == webhooks.port:
        raise _problem(path, "[telephony] listen must be another port than [webhooks] listen")
    names = [m.name for m in mailboxes]
    if len(set(names)) != len(names):
        raise _problem(path, "two [[imap]] mailboxes have the same name")
    log = data.get("log_file")
    return Config(
        CentreConfig(bare, None if embedded else str(login), secret),
        mailboxes,
        Path(log).expanduser() if log else None,
        sender,
        webhooks,
        _attachments(path, data.get("attachments", {})),
        letters,
        telephony,
        region,
    )


def _telephony(path: Path, table: Any, default_region: str) -> TelephonyConfig:
    where = "[telephony]"
    if not isinstance(table, dict):
        raise _problem(path, f"{where} is not a table")
    unknown = sorted(set(table) - {"listen", "spool", "region", "team", "secret_env", "agents",
                                   "twilio", "asterisk"})  # fmt: skip
    if unknown:
        raise _problem(path, f"{where} has no key {unknown[0]}")
    host, port = _listen(path, table, where, "127.0.0.1:8781")
    region = table.get("region", default_region)
    if not isinstance(region, str) or not identities.valid_region(region.upper()):
        raise _problem(path, f'{where} region must be a country code, "FR", "BE", "CH"…')
    team = table.get("team")
    if team is not None and (not isinstance(team, str) or not team.strip()):
        raise _problem(path, f"{where} team must be a team's name")
    agents = table.get("agents", {})
    if not isinstance(agents, dict):
        raise _problem(path, '[telephony.agents] must be a table, "SIP/1001" = "amartin"')
    for agent, login in agents.items():
        if not isinstance(login, str) or not LOGIN_PATTERN.fullmatch(login):
            raise _problem(
                path, f'[telephony.agents] "{agent}" must name a Relais login, "amartin"'
            )
    secret_env = table.get("secret_env")
    if secret_env is not None and (not isinstance(secret_env, str) or not secret_env.strip()):
        raise _problem(path, f'{where} secret_env must name a variable, "RELAIS_CTI_SECRET"')
    twilio = _twilio(path, table["twilio"]) if "twilio" in table else None
    asterisk = _asterisk(path, table["asterisk"]) if "asterisk" in table else None
    if secret_env is None and twilio is None and asterisk is None:
        raise _problem(
            path, f"{where} receives nothing: give secret_env, [telephony.twilio] or "
            "[telephony.asterisk]"
        )  # fmt: skip
    spool = table.get("spool")
    if not isinstance(spool, str) or not spool.strip():
        raise _problem(path, f'{where} needs spool = "…" (where events wait for the centre)')
    return TelephonyConfig(
        host=host,
        port=port,
        spool=Path(spool.strip()).expanduser(),
        region=region.upper(),
        team=team.strip() if team else None,
        agents={str(agent).strip(): login for agent, login in agents.items()},
        secret=Secret("cti://json", "signing secret", secret_env.strip()) if secret_env else None,
        twilio=twilio,
        asterisk=asterisk,
    )


def _twilio(path: Path, table: Any) -> TwilioConfig:
    where = "[telephony.twilio]"
    if not isinstance(table, dict):
        raise _problem(path, f"{where} is not a table")
    url = _text(path, table, where, "url")
    if not url.startswith(("https://", "http://")) or "?" in url:
        raise _problem(
            path, f"{where} url must be the address given to Twilio, https://…/calls/twilio"
        )
    token = _text(path, table, where, "auth_token_env")
    return TwilioConfig(Secret(f"twilio://{url}", "auth token", token), url)


def _asterisk(path: Path, table: Any) -> AsteriskConfig:
    where = "[telephony.asterisk]"
    if not isinstance(table, dict):
        raise _problem(path, f"{where} is not a table")
    host = _text(path, table, where, "host")
    login = _text(path, table, where, "login")
    security = table.get("security", "none")
    if security not in ("none", "tls"):
        raise _problem(path, f"{where} security must be none or tls")
    port = table.get("port", 5038 if security == "none" else 5039)
    if isinstance(port, bool) or not isinstance(port, int) or not 0 < port < 65536:
        raise _problem(path, f"{where} port must be a number from 1 to 65535")
    contexts = table.get("contexts", [])
    if not isinstance(contexts, list) or not all(isinstance(c, str) and c for c in contexts):
        raise _problem(path, f'{where} contexts must be a list of names, ["from-trunk"]')
    variable = table.get("password_env")
    return AsteriskConfig(
        host,
        port,
        security,
        login,
        Secret(f"ami://{host}:{port}", login, variable if isinstance(variable, str) else None),
        tuple(contexts),
    )


def _listen(path: Path, table: dict[str, Any], where: str, default: str) -> tuple[str, int]:
    host, _, port = str(table.get("listen", default)).rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise _problem(path, f'{where} listen must be "host:port", "{default}"')
    return host.strip("[]"), int(port)


def _letters(path: Path, table: Any) -> LettersConfig:
    where = "[letters]"
    if not isinstance(table, dict):
        raise _problem(path, f"{where} is not a table")
    folder = _text(path, table, where, "folder")
    every = table.get("poll_seconds", 10)
    if isinstance(every, bool) or not isinstance(every, int | float) or every <= 0:
        raise _problem(path, f"{where} poll_seconds must be a positive number")
    team = table.get("team")
    if team is not None and not isinstance(team, str):
        raise _problem(path, f"{where} team must be a team's name")
    return LettersConfig(Path(folder).expanduser(), team, float(every))


def _attachments(path: Path, table: Any) -> AttachmentsConfig:
    where = "[attachments]"
    if not isinstance(table, dict):
        raise _problem(path, f"{where} is not a table")
    unknown = sorted(set(table) - {"max_file_mb", "max_message_mb", "fetch_timeout_seconds",
                                   "http_base"})  # fmt: skip
    if unknown:
        raise _problem(path, f"{where} has no key {unknown[0]}")

    def number(key: str, default: float, most: float) -> float:
        value = table.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= most:
            raise _problem(path, f"{where} {key} must be a number above 0, at most {most:g}")
        return float(value)

    per_file = number("max_file_mb", 10, 64)
    per_message = number("max_message_mb", 25, 1024)
    if per_message < per_file:
        raise _problem(path, f"{where} max_message_mb is less than max_file_mb")
    http_base = table.get("http_base")
    if http_base is not None and (
        not isinstance(http_base, str) or not http_base.startswith("http://")
    ):
        raise _problem(path, f"{where} http_base must be an http:// address (for tests)")
    return AttachmentsConfig(
        Limits(int(per_file * MB), int(per_message * MB)),
        number("fetch_timeout_seconds", 30, 600),
        http_base.rstrip("/") + "/" if http_base else None,
    )


def _mailbox(path: Path, index: int, box: Any) -> MailboxConfig:
    where = f"[[imap]] #{index + 1}"
    if not isinstance(box, dict):
        raise _problem(path, f"{where} is not a table")
    host = _text(path, box, where, "host")
    login = _text(path, box, where, "login")
    security, port, poll = _server(path, box, where, (993, 143), 60)
    return MailboxConfig(
        name=str(box.get("name") or f"{login}@{host}"),
        host=host,
        port=port,
        security=security,
        login=login,
        password=Secret(f"imap://{host}:{port}", login, box.get("password_env")),
        folder=str(box.get("folder", "INBOX")),
        move_to=box.get("move_to"),
        team=box.get("team"),
        poll_seconds=float(poll),
    )


def _sender(path: Path, smtp: Any) -> SenderConfig:
    where = "[smtp]"
    if not isinstance(smtp, dict):
        raise _problem(path, f"{where} is not a table")
    host = _text(path, smtp, where, "host")
    security, port, poll = _server(path, smtp, where, (465, 587), 5)
    sender = _text(path, smtp, where, "from")
    _, address = email.utils.parseaddr(sender)
    if "@" not in address:
        raise _problem(path, f'{where} from must be an address, "Service client <service@…>"')
    login = smtp.get("login")
    if login is not None and (not isinstance(login, str) or not login.strip()):
        raise _problem(path, f"{where} login must be text, or left out for a relay without AUTH")
    signatures = _languages(path, smtp.get("signatures", {}), f"{where} signatures")
    teams = smtp.get("team_signatures", {})
    if not isinstance(teams, dict):
        raise _problem(path, f"{where} team_signatures must be a table of teams")
    return SenderConfig(
        host=host,
        port=port,
        security=security,
        login=login.strip() if login else None,
        password=Secret(f"smtp://{host}:{port}", login, smtp.get("password_env"))
        if login
        else None,
        from_address=sender,
        signatures=signatures,
        team_signatures={
            str(team): _languages(path, texts, f'{where} team_signatures."{team}"')
            for team, texts in teams.items()
        },
        poll_seconds=float(poll),
    )


def _webhooks(path: Path, table: Any) -> WebhooksConfig:
    where = "[webhooks]"
    if not isinstance(table, dict):
        raise _problem(path, f"{where} is not a table")
    host, _, port = str(table.get("listen", "127.0.0.1:8780")).rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise _problem(path, f'{where} listen must be "host:port", "127.0.0.1:8780"')
    spool = _text(path, table, where, "spool")
    platforms = tuple(_platform(path, name, table[name]) for name in PLATFORM_APIS if name in table)
    unknown = sorted(k for k, v in table.items() if isinstance(v, dict) and k not in PLATFORM_APIS)
    if unknown:
        raise _problem(path, f"[webhooks.{unknown[0]}]: Relais knows {', '.join(PLATFORM_APIS)}")
    if not platforms:
        raise _problem(path, f"{where} names no platform ([webhooks.whatsapp]…)")
    return WebhooksConfig(host.strip("[]"), int(port), Path(spool).expanduser(), platforms)


def _platform(path: Path, name: str, table: Any) -> PlatformConfig:
    where = f"[webhooks.{name}]"
    if not isinstance(table, dict):
        raise _problem(path, f"{where} is not a table")
    platform = Channel(name)
    secret = "consumer_secret_env" if platform == Channel.X else "app_secret_env"
    account = table.get("phone_number_id") or table.get("account_id")
    if platform == Channel.WHATSAPP and table.get("access_token_env") and not account:
        raise _problem(path, f'{where} needs phone_number_id = "…" to send replies')
    api = str(table.get("api", PLATFORM_APIS[name])).rstrip("/")
    if not api.startswith(("https://", "http://")):
        raise _problem(path, f"{where} api must be an https:// address")
    every = table.get("poll_seconds", 2)
    if not isinstance(every, int | float) or every <= 0:
        raise _problem(path, f"{where} poll_seconds must be a positive number")
    here = f"webhook://{name}"
    return PlatformConfig(
        platform=platform,
        signing_secret=Secret(here, "signing secret", _text(path, table, where, secret)),
        verify_token=None
        if platform == Channel.X
        else Secret(here, "verify token", _text(path, table, where, "verify_token_env")),
        access_token=Secret(here, "access token", table["access_token_env"])
        if table.get("access_token_env")
        else None,
        api=api,
        account_id=str(account) if account else None,
        team=table.get("team"),
        poll_seconds=float(every),
    )


def _server(
    path: Path, table: dict[str, Any], where: str, ports: tuple[int, int], poll: float
) -> tuple[str, int, float | int]:
    """security, port (by default the protocol's for TLS or else) and poll_seconds."""
    security = table.get("security", "tls")
    if security not in SECURITIES:
        raise _problem(path, f"{where} security must be one of {', '.join(SECURITIES)}")
    port = table.get("port", ports[0] if security == "tls" else ports[1])
    every = table.get("poll_seconds", poll)
    if not isinstance(port, int) or not 0 < port < 65536:
        raise _problem(path, f"{where} port must be a number from 1 to 65535")
    if not isinstance(every, int | float) or every <= 0:
        raise _problem(path, f"{where} poll_seconds must be a positive number")
    return security, port, every


def _languages(path: Path, texts: Any, where: str) -> dict[str, str]:
    if not isinstance(texts, dict) or not all(isinstance(v, str) for v in texts.values()):
        raise _problem(path, f'{where} must be a table of texts by language (fr = "…")')
    unknown = sorted(set(texts) - set(LANGUAGES))
    if unknown:
        raise _problem(path, f"{where}: unknown language {unknown[0]} ({', '.join(LANGUAGES)})")
    return {language: text.strip() for language, text in texts.items()}


def _table(path: Path, data: dict[str, Any], name: str) -> dict[str, Any]:
    table = data.get(name)
    if not isinstance(table, dict):
        raise _problem(path, f"the [{name}] table is missing")
    return table


def _text(path: Path, table: dict[str, Any], where: str, key: str) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        raise _problem(path, f'{where} needs {key} = "…"')
    return value.strip()


def _problem(path: Path, why: str) -> InputError:
    return InputError(
        QT_TRANSLATE_NOOP("errors", "The connectors' configuration {path} is wrong: {why}."),
        QT_TRANSLATE_NOOP("errors", "Correct it (the README has an example) and start again."),
        path=str(path),
        why=why,
    )
