"""``[telephony]`` in the connectors' TOML file: read whole, its secrets from the environment
or the keyring, and each mistake said with where it is before anything listens."""

import textwrap
from pathlib import Path

import pytest

from app.connectors import config
from app.errors import InputError

TELEPHONY = """
[centre]
url = "sqlite:///c.db"

[telephony]
listen = "0.0.0.0:8781"
spool = "/var/lib/relais/calls"
region = "be"
team = "Équipe Paris 1"
secret_env = "RELAIS_CTI_SECRET"

[telephony.agents]
"SIP/1001" = "amartin"
"client:amartin" = "amartin"
"sip:1002@relais.sip.twilio.com" = "b.lefebvre"

[telephony.twilio]
auth_token_env = "TWILIO_AUTH_TOKEN"
url = "https://relais.example.org/calls/twilio"

[telephony.asterisk]
host = "pbx.example.org"
login = "relais"
password_env = "RELAIS_AMI_PASSWORD"
contexts = ["from-trunk"]
"""

ONLY = '[centre]\nurl = "sqlite:///c.db"\n[telephony]\nspool = "/s"\n'


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "connectors.toml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_the_telephony_read_with_its_agents_and_systems(tmp_path, monkeypatch) -> None:
    cfg = config.load(_write(tmp_path, TELEPHONY))
    t = cfg.telephony
    assert t is not None and cfg.mailboxes == () and cfg.webhooks is None
    assert (t.host, t.port, t.spool, t.region, t.team) == (
        "0.0.0.0",
        8781,
        Path("/var/lib/relais/calls"),
        "BE",
        "Équipe Paris 1",
    )
    assert t.agents["SIP/1001"] == "amartin" and t.agents["client:amartin"] == "amartin"
    assert t.listens and t.twilio is not None and t.asterisk is not None
    assert t.twilio.url == "https://relais.example.org/calls/twilio"
    a = t.asterisk
    assert (a.host, a.port, a.security, a.login, a.contexts) == (
        "pbx.example.org",
        5038,
        "none",
        "relais",
        ("from-trunk",),
    )
    monkeypatch.setenv("RELAIS_CTI_SECRET", "s1")
    monkeypatch.setenv("TWILIO_AUTH_TOKEN", "s2")
    monkeypatch.setenv("RELAIS_AMI_PASSWORD", "s3")
    assert t.secret is not None and t.secret.read() == "s1"
    assert t.twilio.auth_token.read() == "s2" and a.password.read() == "s3"


def test_the_defaults_and_an_asterisk_alone(tmp_path) -> None:
    text = ONLY + '[telephony.asterisk]\nhost = "127.0.0.1"\nlogin = "relais"\nsecurity = "tls"\n'
    t = config.load(_write(tmp_path, text)).telephony
    assert t is not None and (t.host, t.port, t.region, t.team, t.agents) == (
        "127.0.0.1",
        8781,
        "FR",
        None,
        {},
    )
    assert not t.listens and t.asterisk is not None and t.asterisk.port == 5039


def test_a_secret_comes_from_the_keyring_when_no_variable_is_set(tmp_path, memory_keyring) -> None:
    text = ONLY + '[telephony.asterisk]\nhost = "pbx"\nlogin = "relais"\n'
    t = config.load(_write(tmp_path, text)).telephony
    assert t is not None and t.asterisk is not None
    from app import credentials

    credentials.store("ami://pbx:5038", "relais", "from-the-keyring")
    assert t.asterisk.password.read() == "from-the-keyring"


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ('[centre]\nurl = "sqlite:///c.db"\n[telephony]\nsecret_env = "S"\n', 'needs spool = "…"'),
        (ONLY, "[telephony] receives nothing"),
        (ONLY + 'secret_env = "S"\nlisten = "8781"\n', "listen must be"),
        (ONLY + 'secret_env = "S"\nregion = "France"\n', "region must be a country code"),
        (ONLY + 'secret_env = "S"\nport = 1\n', "[telephony] has no key port"),
        (
            ONLY + 'secret_env = "S"\n[telephony.agents]\n"SIP/1" = "Anne Martin"\n',
            '"SIP/1" must name a Relais login',
        ),
        (ONLY + '[telephony.twilio]\nauth_token_env = "T"\n', '[telephony.twilio] needs url = "…"'),
        (
            ONLY + '[telephony.twilio]\nurl = "https://x/calls/twilio?a=1"\nauth_token_env = "T"\n',
            "url must be the address given to Twilio",
        ),
        (
            ONLY + '[telephony.twilio]\nurl = "https://x/calls/twilio"\n',
            '[telephony.twilio] needs auth_token_env = "…"',
        ),
        (ONLY + '[telephony.asterisk]\nlogin = "relais"\n', "[telephony.asterisk] needs host"),
        (
            ONLY + '[telephony.asterisk]\nhost = "h"\nlogin = "r"\nport = "5038"\n',
            "port must be a number",
        ),
        (
            ONLY + '[telephony.asterisk]\nhost = "h"\nlogin = "r"\nsecurity = "ssl"\n',
            "security must be none or tls",
        ),
        (
            ONLY + '[telephony.asterisk]\nhost = "h"\nlogin = "r"\ncontexts = "from-trunk"\n',
            "contexts must be a list",
        ),
        (
            ONLY + 'secret_env = "S"\n[webhooks]\nspool = "/s"\n[webhooks.x]\n'
            'consumer_secret_env = "X"\n',
            "another folder than [webhooks] spool",
        ),
        (
            ONLY
            + 'secret_env = "S"\nlisten = "127.0.0.1:8780"\n[webhooks]\nspool = "/w"\n'
            + '[webhooks.x]\nconsumer_secret_env = "X"\n',
            "another port than [webhooks] listen",
        ),
    ],
)
def test_each_telephony_mistake_said_with_where_it_is(tmp_path, text, said) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(InputError) as err:
        config.load(path)
    assert said in err.value.text()
    assert str(path) in err.value.text()
