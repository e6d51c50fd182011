"""``relais connectors serve`` with ``[telephony]``, as its unit file starts it, on both kinds of
centre: the JSON endpoint, Twilio's and the Asterisk client run together; a service killed
right after acknowledging events loses none and stores none twice once started again; SIGTERM
stops it cleanly."""

import json
import os
import signal
import socket
import subprocess
import sys
import textwrap
import time
import uuid
from pathlib import Path

import ami_server as pbx
import httpx
from centres import owner
from sqlalchemy import func, make_url, select

from app.connectors import signatures
from app.enums import Channel
from app.models import Advisor, ChannelKey, Contact

TEAM = "Équipe Paris 1"
SECRET = "the-pbx-shared-secret"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _service(config: Path, env: dict[str, str]) -> subprocess.Popen:
    code = "from ui.entry import main; raise SystemExit(main())"
    with (config.parent / "stderr.txt").open("ab") as stderr:
        return subprocess.Popen(
            [sys.executable, "-c", code, "connectors", "serve", "--config", str(config)],
            env={**os.environ, **env},
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )


def _until(test, within: float = 30.0, proc: subprocess.Popen | None = None) -> None:
    end = time.monotonic() + within
    while not test():
        assert proc is None or proc.poll() is None, "the service stopped"
        assert time.monotonic() < end, "not within the time"
        time.sleep(0.05)


def _up(url: str) -> bool:
    try:
        return httpx.get(f"{url}/health").status_code == 200
    except httpx.TransportError:
        return False


def _post(url: str, body: dict) -> int:
    raw = json.dumps(body).encode()
    headers = {signatures.RELAIS_HEADER: signatures.relais_sign(SECRET, raw)}
    return httpx.post(f"{url}/calls", content=raw, headers=headers).status_code


def _stored(truth, keys: list[str]) -> dict[str, int]:
    with truth.session() as s:
        rows = s.execute(
            select(ChannelKey.key, func.count())
            .where(ChannelKey.channel == Channel.PHONE.value, ChannelKey.key.in_(keys))
            .group_by(ChannelKey.key)
        ).all()
    return {k: n for k, n in rows}


def test_the_service_takes_calls_from_every_source_and_loses_none_when_killed(
    centre, tmp_path
) -> None:
    truth = owner(centre)
    server = pbx.FakeAmi(password="ami-secret")
    advisor = centre.add_user("advisor", team=TEAM)
    env = {
        "QT_QPA_PLATFORM": "offscreen",
        "TEST_CTI_SECRET": SECRET,
        "TEST_TWILIO_TOKEN": "twilio-token",
        "TEST_AMI_PASSWORD": "ami-secret",
    }
    if centre.kind == "sqlite":
        where = f'url = "{centre.url}"'
    else:
        login = centre.add_user("connector")
        env["RELAIS_CONNECTOR_PASSWORD"] = login
        bare = make_url(centre.url)._replace(username=None, password=None).render_as_string()
        where = f'url = "{bare}"\nlogin = "{login}"'
    port = _free_port()
    log_file = tmp_path / "log" / "connectors.log"
    config = tmp_path / "connectors.toml"
    config.write_text(
        textwrap.dedent(
            f"""
            log_file = "{log_file}"

            [centre]
            {where}

            [telephony]
            listen = "127.0.0.1:{port}"
            spool = "{tmp_path / "calls"}"
            team = "{TEAM}"
            secret_env = "TEST_CTI_SECRET"

            [telephony.agents]
            "PJSIP/1001" = "{advisor}"
            "SIP/1001" = "{advisor}"

            [telephony.twilio]
            auth_token_env = "TEST_TWILIO_TOKEN"
            url = "https://relais.example.org/calls/twilio"

            [telephony.asterisk]
            host = "127.0.0.1"
            port = {server.port}
            login = "relais"
            password_env = "TEST_AMI_PASSWORD"
            """
        ),
        encoding="utf-8",
    )
    url = f"http://127.0.0.1:{port}"
    calls = [uuid.uuid4().hex for _ in range(12)]
    keys = [f"json:{c}" for c in calls]
    proc = _service(config, env)
    try:
        _until(lambda: _up(url), proc=proc)
        server.wait_logins(1, 30)
        for i, call in enumerate(calls[:6]):
            body = {"call_id": call, "event": "ringing", "caller": f"06 12 00 00 {i:02d}",
                    "agent": "SIP/1001"}  # fmt: skip
            assert _post(url, body) == 202
        proc.send_signal(signal.SIGKILL)  # acknowledged, perhaps not all handed yet
        proc.wait(10)
        proc = _service(config, env)
        _until(lambda: _up(url), proc=proc)
        for i, call in enumerate(calls[6:]):
            assert (
                _post(url, {"call_id": call, "event": "ended", "caller": f"0700000{i:03d}"}) == 202
            )
        server.wait_logins(2, 30)
        call = pbx.caller_channel("0612999999")
        desk = pbx.phone_channel(call)
        server.send(pbx.newchannel(call), pbx.dial_begin(call, desk), *pbx.bridge(call, desk))
        server.send(pbx.hangup(desk), pbx.hangup(call))
        every = [*keys, f"asterisk:{call.linkedid}"]
        _until(lambda: len(_stored(truth, every)) == len(every), proc=proc)
        assert httpx.get(f"{url}/health").json() == {"waiting": 0}
        proc.send_signal(signal.SIGTERM)
        stopped_in = time.monotonic()
        assert proc.wait(15) == 0, (tmp_path / "stderr.txt").read_text()
        assert time.monotonic() - stopped_in < 10
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)
        server.stop()
    assert _stored(truth, every) == dict.fromkeys(every, 1)  # every call, each once
    with truth.session() as s:
        mine = s.scalar(select(Advisor.id).where(Advisor.login == advisor))
        ami_call = s.scalar(
            select(Contact)
            .join(ChannelKey, ChannelKey.contact_id == Contact.id)
            .where(ChannelKey.key == f"asterisk:{call.linkedid}")
        )
        assert ami_call.assigned_to == mine and ami_call.sender_address == "+33612999999"
        assert ami_call.call_started_at is not None and ami_call.call_ended_at is not None
    text = log_file.read_text(encoding="utf-8")
    assert "telephony: listening on 127.0.0.1" in text and "asterisk: logged in to" in text
    assert "stopping (SIGTERM)" in text and "connectors stopped" in text
    truth.dispose()
