"""The connectors' TOML file as administrators get it wrong: each mistake said with where it is,
before anything connects; secrets come from the environment or the keyring, never the file."""

import textwrap
from pathlib import Path

import pytest

from app.connectors import config
from app.errors import InputError

GOOD = """
log_file = "/var/log/relais/connectors.log"

[centre]
url = "postgresql+psycopg://centre.example/relais"
login = "connector_mail"
password_env = "RELAIS_CONNECTOR_PASSWORD"

[[imap]]
name = "support"
host = "imap.example"
login = "support@example"
password_env = "SUPPORT_IMAP_PASSWORD"
move_to = "Relais"
team = "Particuliers"

[[imap]]
host = "imap.example"
security = "starttls"
login = "fraude@example"
"""


SENDER = """
[centre]
url = "sqlite:///c.db"

[smtp]
host = "smtp.example"
login = "relais@example"
password_env = "RELAIS_SMTP_PASSWORD"
from = "Service client <service-client@example>"

[smtp.signatures]
fr = "Le service client"
en = "Customer service"

[smtp.team_signatures."Particuliers"]
fr = "L'équipe Particuliers"
"""

SMTP_ONLY = '[centre]\nurl = "sqlite:///c.db"\n[smtp]\nhost = "h"\nfrom = "a@b"\n'

HOOKS = """
[centre]
url = "sqlite:///c.db"

[webhooks]
listen = "127.0.0.1:8780"
spool = "/var/lib/relais/webhooks"

[webhooks.whatsapp]
app_secret_env = "META_APP_SECRET"
verify_token_env = "META_VERIFY_TOKEN"
access_token_env = "WHATSAPP_TOKEN"
phone_number_id = "106540352242922"
team = "Particuliers"

[webhooks.x]
consumer_secret_env = "X_CONSUMER_SECRET"
"""

HOOKS_ONLY = '[centre]\nurl = "sqlite:///c.db"\n[webhooks]\nspool = "/s"\n'

SMALLEST = '[centre]\nurl = "sqlite:///c.db"\n[[imap]]\nhost = "h"\nlogin = "l"\n'


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "connectors.toml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_a_good_file_read_whole(tmp_path, monkeypatch) -> None:
    cfg = config.load(_write(tmp_path, GOOD))
    assert cfg.log_file == Path("/var/log/relais/connectors.log")
    assert cfg.centre.url == "postgresql+psycopg://centre.example/relais"
    assert cfg.centre.login == "connector_mail"
    support, fraud = cfg.mailboxes
    assert (support.name, support.port, support.security) == ("support", 993, "tls")
    assert (support.move_to, support.team, support.poll_seconds) == ("Relais", "Particuliers", 60)
    assert (fraud.name, fraud.port, fraud.folder) == ("fraude@example@imap.example", 143, "INBOX")
    monkeypatch.setenv("SUPPORT_IMAP_PASSWORD", "s3cret")
    assert support.password.read() == "s3cret"


def test_the_replies_sender_read_with_its_signatures(tmp_path, monkeypatch) -> None:
    cfg = config.load(_write(tmp_path, SENDER))
    sender = cfg.sender
    assert cfg.mailboxes == () and sender is not None
    assert (sender.host, sender.port, sender.security) == ("smtp.example", 465, "tls")
    assert sender.from_address == "Service client <service-client@example>"
    assert sender.signature("Particuliers", "fr") == "L'équipe Particuliers"
    assert sender.signature("Particuliers", "en") == "Customer service"  # the default's
    assert sender.signature(None, "fr") == "Le service client"
    monkeypatch.setenv("RELAIS_SMTP_PASSWORD", "s3cret")
    assert sender.password is not None and sender.password.read() == "s3cret"


def test_the_webhooks_read_with_their_platforms(tmp_path, monkeypatch) -> None:
    cfg = config.load(_write(tmp_path, HOOKS))
    hooks = cfg.webhooks
    assert cfg.mailboxes == () and cfg.sender is None and hooks is not None
    assert (hooks.host, hooks.port, hooks.spool) == (
        "127.0.0.1",
        8780,
        Path("/var/lib/relais/webhooks"),
    )
    whatsapp, x = hooks.platforms
    assert (whatsapp.account_id, whatsapp.team) == ("106540352242922", "Particuliers")
    assert whatsapp.api == "https://graph.facebook.com/v21.0"
    assert x.api == "https://api.x.com" and x.verify_token is None and x.access_token is None
    monkeypatch.setenv("META_APP_SECRET", "app-s3cret")
    assert whatsapp.signing_secret.read() == "app-s3cret"
    assert (
        whatsapp.verify_token is not None and whatsapp.verify_token.variable == "META_VERIFY_TOKEN"
    )


def test_a_relay_without_auth_needs_no_login(tmp_path) -> None:
    sender = config.load(_write(tmp_path, SMTP_ONLY + 'security = "starttls"\n')).sender
    assert sender is not None and sender.login is None and sender.password is None
    assert sender.port == 587 and sender.signature(None, "fr") == ""


def test_an_embedded_centre_needs_no_login(tmp_path) -> None:
    cfg = config.load(_write(tmp_path, SMALLEST))
    assert cfg.centre.password is None and cfg.centre.login is None


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("[centre\n", "Expected ']'"),
        ('[[imap]]\nhost = "h"\nlogin = "l"\n', "the [centre] table is missing"),
        ('[centre]\nurl = ""\n', '[centre] needs url = "…"'),
        ('[centre]\nurl = "postgresql://c/r"\n', "[centre] needs a login"),
        ('[centre]\nurl = "postgresql://u:pw@c/r"\n', "url holds a password"),
        (
            '[centre]\nurl = "sqlite:///c.db"\n',
            "neither an [[imap]] mailbox, [smtp], [webhooks], [letters] nor [telephony] is "
            "configured",
        ),
        (
            '[centre]\nurl = "sqlite:///c.db"\n[letters]\nfolder = "/tmp/x"\n'
            "[attachments]\nmax_file_mb = 30\nmax_message_mb = 20\n",
            "max_message_mb is less than max_file_mb",
        ),
        (
            '[centre]\nurl = "sqlite:///c.db"\n[letters]\nfolder = "/tmp/x"\n'
            "[attachments]\nmax_file_mb = 100\n",
            "max_file_mb must be a number above 0, at most 64",
        ),
        (
            '[centre]\nurl = "sqlite:///c.db"\n[letters]\nfolder = "/tmp/x"\n'
            '[attachments]\nhttp_base = "ftp://x"\n',
            "http_base must be an http:// address",
        ),
        ('[centre]\nurl = "sqlite:///c.db"\n[letters]\n', '[letters] needs folder = "…"'),
        (HOOKS_ONLY, "[webhooks] names no platform"),
        ('[centre]\nurl = "sqlite:///c.db"\n[webhooks]\n', '[webhooks] needs spool = "…"'),
        (HOOKS_ONLY + 'listen = "8780"\n', '[webhooks] listen must be "host:port"'),
        (HOOKS_ONLY + "[webhooks.telegram]\n", "[webhooks.telegram]: Relais knows facebook"),
        (HOOKS_ONLY + "[webhooks.x]\n", '[webhooks.x] needs consumer_secret_env = "…"'),
        (
            HOOKS_ONLY + '[webhooks.facebook]\napp_secret_env = "S"\n',
            '[webhooks.facebook] needs verify_token_env = "…"',
        ),
        (
            HOOKS_ONLY + '[webhooks.whatsapp]\napp_secret_env = "S"\nverify_token_env = "V"\n'
            'access_token_env = "T"\n',
            "[webhooks.whatsapp] needs phone_number_id",
        ),
        (
            HOOKS_ONLY + '[webhooks.x]\nconsumer_secret_env = "S"\napi = "ftp://x"\n',
            "[webhooks.x] api must be an https:// address",
        ),
        ('[centre]\nurl = "sqlite:///c.db"\n[[imap]]\nlogin = "l"\n', '#1 needs host = "…"'),
        (
            SMALLEST + 'security = "ssl"\n',
            "#1 security must be one of tls, starttls, none",
        ),
        (
            SMALLEST + "port = 0\n",
            "#1 port must be a number from 1 to 65535",
        ),
        (
            SMALLEST + "poll_seconds = -1\n",
            "#1 poll_seconds must be a positive number",
        ),
        (
            SMALLEST + '[[imap]]\nhost = "h"\nlogin = "l"\n',
            "two [[imap]] mailboxes have the same name",
        ),
        ('[centre]\nurl = "sqlite:///c.db"\n[smtp]\nhost = "h"\n', '[smtp] needs from = "…"'),
        (SMTP_ONLY.replace("a@b", "nobody"), "[smtp] from must be an address"),
        (SMTP_ONLY + "login = 3\n", "[smtp] login must be text"),
        (SMTP_ONLY + "port = 70000\n", "[smtp] port must be a number from 1 to 65535"),
        (SMTP_ONLY + '[smtp.signatures]\nde = "Hallo"\n', "unknown language de (fr, en)"),
        (SMTP_ONLY + "[smtp.signatures]\nfr = 1\n", "must be a table of texts by language"),
    ],
)
def test_each_mistake_said_with_where_it_is(tmp_path, text, said) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(InputError) as caught:
        config.load(path)
    assert said in caught.value.text()
    assert str(path) in caught.value.text()


def test_a_missing_file_is_said(tmp_path) -> None:
    with pytest.raises(InputError, match="No such file"):
        config.load(tmp_path / "absent.toml")


def test_the_command_says_a_bad_file_in_words(tmp_path, capsys) -> None:
    from ui.entry import main

    path = _write(tmp_path, "[centre\n")
    assert main(["connectors", "serve", "--config", str(path)]) != 0
    err = capsys.readouterr().err
    assert "The connectors' configuration" in err and "Traceback" not in err
