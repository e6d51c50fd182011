"""Fault run (e): the connector service killed and the centre cut away while messages arrive.

The real service runs as its unit file starts it (``relais connectors serve --config FILE``,
a process of its own) with the webhook receiver on loopback, an IMAP mailbox on a real Dovecot
(when Debian's dovecot-imapd is there; else webhooks and letters only) and the letters folder,
and reaches a real PostgreSQL centre as a connector login through a proxy the test controls.
Meanwhile the test plays the platforms, the mail server's senders and the mail room:

* signed webhook requests of Messenger, Instagram, WhatsApp and X, one to four messages each,
  posted until answered 200 as the platforms do (a refused connection, a 5xx: sent again), some
  requests posted twice and some messages sent again inside a later request (redeliveries);
* mails appended to the mailbox, a fifth with an attachment; scans dropped in the folder.

At random moments the service is killed with SIGKILL (and started again a moment later) and
the proxy cuts every connection to the centre, or refuses new ones for a few seconds. Then,
with the faults over, the test waits for everything to drain and checks against what it sent
itself: every message stored on the centre exactly once (by the platform's message id, the
Message-ID, the scan's SHA-256), none half-stored (each message with its key and its contact,
each mail's attachment with it), the spool empty, every mail marked on the server, every scan
moved to ``done/``. It prints what it sent, what was stored, duplicates, losses, kills, cuts,
and the longest wait from a platform's 200 to the message stored.

Run with ``RELAIS_TEST_PG=… pytest -m fault -s tests/faults/test_fault_connectors.py``;
``RELAIS_FAULT_REQUESTS`` changes the number of webhook requests (2,000).
"""

import contextlib
import email
import email.policy
import hashlib
import os
import random
import signal
import socket
import subprocess
import sys
import textwrap
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
import webhooks as hooks
from fault_checks import proxy_target
from mails import mail
from pgcentre import PgCentre
from proxy import CuttableProxy
from sqlalchemy import URL, create_engine, make_url, text

from app.connectors import signatures
from app.connectors.imap import REFUSED, STORED
from app.enums import Channel

pytestmark = [pytest.mark.fault, pytest.mark.postgres]

REQUESTS = int(os.environ.get("RELAIS_FAULT_REQUESTS", "2000"))
SEED = int(os.environ.get("RELAIS_FAULT_SEED") or random.randrange(1_000_000))
"""Printed with the figures: ``RELAIS_FAULT_SEED`` plays the same traffic and faults again (their
moments still vary with the machine's speed)."""
MAILS = REQUESTS // 8
LETTERS = REQUESTS // 50
SENDING_SECONDS = max(
    20.0, 90.0 * REQUESTS / 2000
)  # the requests are spread over this long, the faults over the same
DRAIN_DEADLINE = 240.0
TEAM = "Équipe Paris 1"
SECRETS = {p: f"{p.value}-fault-secret" for p in (Channel.FACEBOOK, Channel.INSTAGRAM,
                                                 Channel.WHATSAPP, Channel.X)}  # fmt: skip
ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Sent:
    """What the test sent, as the platforms and the senders know it."""

    keys: dict[tuple[str, str], float] = field(default_factory=dict)
    """(channel, key) → when the platform was first answered 200 for it (or the mail or scan
    handed over)."""
    requests: int = 0
    posts: int = 0
    redelivered_requests: int = 0
    redelivered_messages: int = 0
    refused_posts: int = 0
    """Posts that were not answered 200 (service down, killed mid-request): sent again."""
    with_files: set[str] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def acked(self, channel: str, key: str) -> None:
        with self.lock:
            self.keys.setdefault((channel, key), time.time())


@dataclass
class Faults:
    kills: int = 0
    cuts: int = 0
    downs: int = 0
    connections_cut: int = 0
    restarts_seconds: list[float] = field(default_factory=list)


class Service:
    """The connector service as a process, killed and started again at will."""

    def __init__(self, config: Path, env: dict[str, str]) -> None:
        self.config = config
        self.env = env
        self.proc: subprocess.Popen | None = None
        self.lock = threading.Lock()

    def start(self) -> None:
        code = "from ui.entry import main; raise SystemExit(main())"
        with (self.config.parent / "stderr.txt").open("ab") as stderr:
            self.proc = subprocess.Popen(
                [sys.executable, "-c", code, "connectors", "serve", "--config", str(self.config)],
                env={**os.environ, **self.env},
                cwd=ROOT,
                stdout=subprocess.DEVNULL,
                stderr=stderr,
            )

    def kill(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(10)

    def stop(self) -> int:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGTERM)
        return self.proc.wait(30)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _request(platform: Channel, keys: list[str], rng: random.Random) -> bytes:
    """A request of ``platform`` holding one message for each key, from a few senders."""
    who = [f"{rng.randrange(200):03d}" for _ in keys]
    if platform in (Channel.FACEBOOK, Channel.INSTAGRAM):
        events = [
            hooks.messenger_message(
                f"6{1 if platform is Channel.FACEBOOK else 2}{s}0001", k, f"Bonjour {k}"
            )
            for s, k in zip(who, keys, strict=True)
        ]
        kind = "page" if platform is Channel.FACEBOOK else "instagram"
        return hooks.messenger(*events, platform=kind)
    if platform is Channel.WHATSAPP:
        messages = [
            hooks.whatsapp_text(f"33612{s}000", k, f"Bonjour {k}")
            for s, k in zip(who, keys, strict=True)
        ]
        return hooks.whatsapp(messages)
    import json

    parts = [
        json.loads(hooks.x_dm(f"15871{s}00000000", int(k), f"Bonjour {k}"))
        for s, k in zip(who, keys, strict=True)
    ]
    whole = parts[0]
    for part in parts[1:]:
        whole["direct_message_events"] += part["direct_message_events"]
        whole["users"].update(part["users"])
    return json.dumps(whole).encode()


def _new_key(platform: Channel, rng: random.Random) -> str:
    if platform is Channel.X:
        return str(rng.randrange(10**18, 2**63))  # beyond 2^53: kept exact
    if platform is Channel.WHATSAPP:
        return f"wamid.{uuid.uuid4().hex}"
    return f"m_{uuid.uuid4().hex}"


def _post(client: httpx.Client, port: int, platform: Channel, raw: bytes, stop: threading.Event,
          sent: Sent) -> bool:  # fmt: skip
    """Posts until answered 200, as a platform retries; False if told to stop first."""
    signed = {signatures.header(platform): signatures.sign(platform, SECRETS[platform], raw)}
    while not stop.is_set():
        try:
            answer = client.post(
                f"http://127.0.0.1:{port}/webhooks/{platform.value}", content=raw, headers=signed
            )
        except httpx.HTTPError:
            answer = None
        with sent.lock:
            sent.posts += 1
        if answer is not None and answer.status_code == 200:
            return True
        with sent.lock:
            sent.refused_posts += 1
        time.sleep(0.05)
    return False


def _platforms(port: int, sent: Sent, stop: threading.Event, seed: int) -> None:
    rng = random.Random(seed)
    pace = SENDING_SECONDS / REQUESTS
    earlier: list[tuple[Channel, str]] = []  # messages a later request may carry again
    again: list[tuple[Channel, bytes, list[str]]] = []
    with httpx.Client(timeout=10) as client:
        for _ in range(REQUESTS):
            platform = rng.choice(list(SECRETS))
            keys = [_new_key(platform, rng) for _ in range(rng.randint(1, 4))]
            fresh = list(keys)
            same_platform = [k for p, k in earlier[-300:] if p is platform]
            if same_platform and rng.random() < 0.1:  # a message sent again in a new request
                keys.append(rng.choice(same_platform))
                with sent.lock:
                    sent.redelivered_messages += 1
            raw = _request(platform, keys, rng)
            if not _post(client, port, platform, raw, stop, sent):
                return
            with sent.lock:
                sent.requests += 1
            for k in fresh:
                sent.acked(platform.value, k)
                earlier.append((platform, k))
            if rng.random() < 0.08:
                again.append((platform, raw, keys))
            if again and rng.random() < 0.2:  # the same request posted again, a little later
                p, r, _ = again.pop(0)
                if not _post(client, port, p, r, stop, sent):
                    return
                with sent.lock:
                    sent.redelivered_requests += 1
            time.sleep(pace * rng.uniform(0.2, 1.5))


def _mail_senders(server, login: str, sent: Sent, stop: threading.Event, seed: int) -> None:
    rng = random.Random(seed)
    pace = SENDING_SECONDS / max(MAILS, 1)
    for i in range(MAILS):
        if stop.is_set():
            return
        message_id = f"<fault-{i}-{uuid.uuid4().hex}@mail.example.net>"
        raw = mail(f"client{rng.randrange(100)}@example.net", f"Demande {i}", "Bonjour", message_id)
        if rng.random() < 0.2:
            msg = email.message_from_bytes(raw, policy=email.policy.default)
            msg.add_attachment(os.urandom(3000), maintype="application", subtype="octet-stream",
                               filename=f"releve-{i}.bin")  # fmt: skip
            raw = msg.as_bytes()
            sent.with_files.add(message_id)
        server.deliver(login, raw)
        sent.acked("email", message_id)
        time.sleep(pace * rng.uniform(0.2, 1.5))


def _mail_room(folder: Path, sent: Sent, stop: threading.Event, seed: int) -> None:
    rng = random.Random(seed)
    pace = SENDING_SECONDS / max(LETTERS, 1)
    for i in range(LETTERS):
        if stop.is_set():
            return
        scan = b"\x89PNG\r\n\x1a\n" + os.urandom(2000)
        partial = folder / f".scan-{i}.png.part"
        partial.write_bytes(scan)
        os.replace(partial, folder / f"scan-{i}.png")
        sent.acked("letter", f"sha256:{hashlib.sha256(scan).hexdigest()}")
        time.sleep(pace * rng.uniform(0.2, 1.5))


def _listening(port: int, within: float = 60.0) -> None:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.02)
    raise AssertionError(f"the service did not listen on {port} within {within:.0f} s")


def _chaos(service: Service, proxy: CuttableProxy, faults: Faults, stop: threading.Event,
           seed: int, port: int) -> None:  # fmt: skip
    rng = random.Random(seed)
    while not stop.wait(rng.uniform(1.0, 5.0)):
        what = rng.random()
        if what < 0.45:
            service.kill()
            faults.kills += 1
            stop.wait(rng.uniform(0.0, 2.0))
            started = time.monotonic()
            service.start()
            _listening(port)
            faults.restarts_seconds.append(time.monotonic() - started)
        elif what < 0.75:
            faults.connections_cut += proxy.cut()
            faults.cuts += 1
        else:
            faults.connections_cut += proxy.down()
            faults.downs += 1
            stop.wait(rng.uniform(0.5, 6.0))
            proxy.up()


def _config(folder: Path, centre_url: str, login: str, port: int, imap) -> Path:
    platforms = "".join(
        textwrap.dedent(
            f"""
            [webhooks.{p.value}]
            {"consumer_secret_env" if p is Channel.X else "app_secret_env"} = "FAULT_{p.name}"
            {"" if p is Channel.X else 'verify_token_env = "FAULT_VERIFY"'}
            team = "{TEAM}"
            """
        )
        for p in SECRETS
    )
    mailbox = (
        textwrap.dedent(
            f"""
            [[imap]]
            name = "support"
            host = "127.0.0.1"
            port = {imap.port}
            security = "none"
            login = "support"
            password_env = "FAULT_IMAP_PASSWORD"
            team = "{TEAM}"
            poll_seconds = 1
            """
        )
        if imap is not None
        else ""
    )
    config = folder / "connectors.toml"
    config.write_text(
        textwrap.dedent(
            f"""
            log_file = "{folder / "log" / "connectors.log"}"

            [centre]
            url = "{centre_url}"
            login = "{login}"
            password_env = "FAULT_CENTRE_PASSWORD"

            [letters]
            folder = "{folder / "letters"}"
            team = "{TEAM}"
            poll_seconds = 1

            [webhooks]
            listen = "127.0.0.1:{port}"
            spool = "{folder / "spool"}"
            """
        )
        + platforms
        + mailbox,
        encoding="utf-8",
    )
    return config


def _stored(owner_url: str, sent: Sent, since: float = 0.0) -> dict[str, object]:
    """What the centre holds of what was sent, read as its owner."""
    engine = create_engine(owner_url)
    try:
        with engine.connect() as conn:
            by_key = Counter(
                (r.channel, r.key)
                for r in conn.execute(
                    text(
                        "SELECT m.external_id AS key, c.channel FROM message m "
                        "JOIN contact c ON c.id = m.contact_id WHERE m.direction = 'inbound' "
                        "AND c.channel IN ('facebook', 'instagram', 'whatsapp', 'x', 'email', "
                        "'letter')"
                    )
                )
            )
            keyed = {
                (r.channel, r.key)
                for r in conn.execute(
                    text(
                        "SELECT k.channel, k.key FROM channel_key k JOIN message m "
                        "ON m.id = k.message_id AND m.contact_id = k.contact_id"
                    )
                )
            }
            contacts_without_message = conn.scalar(
                text(
                    "SELECT count(*) FROM contact c WHERE c.direction = 'inbound' "
                    "AND c.received_at >= to_timestamp(:since) "
                    "AND NOT EXISTS (SELECT 1 FROM message m WHERE m.contact_id = c.id)"
                ),
                {"since": since},
            )
            files = Counter(
                r.external_id
                for r in conn.execute(
                    text(
                        "SELECT m.external_id FROM attachment a JOIN message m "
                        "ON m.id = a.message_id"
                    )
                )
            )
    finally:
        engine.dispose()
    return {
        "by_key": by_key,
        "keyed": keyed,
        "contacts_without_message": contacts_without_message,
        "files": files,
    }


def _drained(spool: Path, letters: Path, imap, sent: Sent, owner_url: str) -> bool:
    if any((spool / "incoming").glob("*.json")):
        return False
    if any(p for p in letters.iterdir() if p.is_file() and not p.name.startswith(".")):
        return False
    if imap is not None and any(STORED.encode() not in f for f in imap.flags("support")):
        return False
    by_key = _stored(owner_url, sent)["by_key"]
    return all(k in by_key for k in sent.keys)  # type: ignore[operator]


def test_connectors_killed_and_cut_lose_and_duplicate_nothing(pg_url: str, tmp_path: Path):
    try:
        sys.path.insert(0, str(ROOT / "tests" / "connectors"))  # its real Dovecot on loopback
        import dovecot

        imap = dovecot.start({"support": "fault-secret"})
    except pytest.skip.Exception as why:
        print(f"\nIMAP left out: {why}")
        imap = None
    centre = PgCentre(pg_url).create(60, 300, 40)
    proxy = CuttableProxy(*proxy_target(pg_url))
    sent, faults = Sent(), Faults()
    stop = threading.Event()
    service: Service | None = None
    try:
        login = centre.add_user("connector")
        bare = make_url(centre.url)
        through = URL.create(bare.drivername, host="127.0.0.1", port=proxy.port,
                             database=bare.database)  # fmt: skip
        port = _free_port()
        (tmp_path / "letters").mkdir()
        config = _config(tmp_path, through.render_as_string(hide_password=False), login, port, imap)
        env = {
            "FAULT_CENTRE_PASSWORD": login,
            "FAULT_IMAP_PASSWORD": "fault-secret",
            "FAULT_VERIFY": "verify",
            "QT_QPA_PLATFORM": "offscreen",
            **{f"FAULT_{p.name}": s for p, s in SECRETS.items()},
        }
        service = Service(config, env)
        began = time.time()  # contacts received since are the run's
        service.start()
        started = time.monotonic()
        workers = [
            threading.Thread(
                target=_platforms, args=(port, sent, stop, SEED + 1), name="platforms"
            ),
            threading.Thread(target=_mail_room, args=(tmp_path / "letters", sent, stop, SEED + 3)),
        ]
        if imap is not None:
            workers.append(
                threading.Thread(target=_mail_senders, args=(imap, "support", sent, stop, SEED + 2))
            )
        chaos_stop = threading.Event()
        chaos = threading.Thread(
            target=_chaos, args=(service, proxy, faults, chaos_stop, SEED + 4, port), name="chaos"
        )
        for w in [*workers, chaos]:
            w.start()
        for w in workers:
            w.join(SENDING_SECONDS * 4)
        chaos_stop.set()
        chaos.join(30)
        proxy.up()
        assert service.proc is not None and service.proc.poll() is None, "the service died"
        faults_over = time.monotonic()
        sending = faults_over - started

        while not _drained(tmp_path / "spool", tmp_path / "letters", imap, sent, centre.url):
            assert time.monotonic() - faults_over < DRAIN_DEADLINE, "not drained in time"
            time.sleep(0.5)
        drain = time.monotonic() - faults_over
        assert service.stop() == 0, (tmp_path / "stderr.txt").read_text()
        service = None

        found = _stored(centre.url, sent, began)
        by_key: Counter = found["by_key"]  # type: ignore[assignment]
        ours = {k: by_key.get(k, 0) for k in sent.keys}
        lost = sorted(k for k, n in ours.items() if n == 0)
        duplicates = sum(n - 1 for n in ours.values() if n > 1)
        unkeyed = sorted(k for k, n in ours.items() if n and k not in found["keyed"])  # type: ignore[operator]
        files: Counter = found["files"]  # type: ignore[assignment]
        without_file = sorted(m for m in sent.with_files if files.get(m, 0) != 1)
        stored_at = _stored_times(centre.url)
        waits = [stored_at[k] - t for k, t in sent.keys.items() if k in stored_at]
        spool_left = sorted(p.name for p in (tmp_path / "spool").rglob("*") if p.is_file())
        imap_flags = imap.flags("support") if imap is not None else []
        refused_mails = sum(REFUSED.encode() in f for f in imap_flags)
        done = len(list((tmp_path / "letters" / "done").iterdir()))
        rejected = len(list((tmp_path / "letters" / "rejected").iterdir()))
        log = "".join(
            p.read_text(errors="replace")
            for p in sorted((tmp_path / "log").glob("connectors.log*"))
        )
        unexpected = log.count("unexpected failure")
        per_channel = Counter(c for c, _ in sent.keys)

        print()
        print(
            "Fault run (e): the connector service killed and the centre cut during ingestion "
            f"(RELAIS_FAULT_SEED={SEED}{'' if imap is not None else '; no IMAP: no Dovecot'})"
        )
        print(f"  sent: {len(sent.keys):,} messages ({dict(sorted(per_channel.items()))}); "
              f"{sent.requests:,} webhook requests in {sent.posts:,} posts "
              f"({sent.refused_posts:,} not answered 200 and sent again), "
              f"{sent.redelivered_requests} requests posted twice, "
              f"{sent.redelivered_messages} messages again in a later request; "
              f"{len(sent.with_files)} mails with a file")  # fmt: skip
        print(f"  stored: {sum(1 for n in ours.values() if n):,}; duplicates: {duplicates}; "
              f"lost: {len(lost)}; stored without their key: {len(unkeyed)}; mails without "
              f"their file: {len(without_file)}; contacts without a message: "
              f"{found['contacts_without_message']}")  # fmt: skip
        print(f"  faults: {faults.kills} kills (started again and listening in "
              f"{_median(faults.restarts_seconds):.2f} s, median), {faults.cuts} cuts and "
              f"{faults.downs} outages of the centre "
              f"({faults.connections_cut} connections cut), over {sending:.0f} s")  # fmt: skip
        print(f"  drained {drain:.1f} s after the last fault; longest wait from the platform's "
              f"200 (or the mail's arrival) to stored: {max(waits):.1f} s, median "
              f"{_median(waits):.2f} s")  # fmt: skip
        print(f"  spool left: {len(spool_left)}; mails refused: {refused_mails}; letters "
              f"done {done}, rejected {rejected}; 'unexpected failure' in the log: "
              f"{unexpected}")  # fmt: skip

        assert not lost, f"lost: {lost[:10]}"
        assert duplicates == 0
        assert not unkeyed and not without_file
        assert found["contacts_without_message"] == 0
        assert not spool_left, spool_left
        assert refused_mails == 0 and rejected == 0 and done == LETTERS
        assert unexpected == 0, "the log holds unexpected failures"
    finally:
        stop.set()
        if service is not None and service.proc is not None and service.proc.poll() is None:
            with contextlib.suppress(Exception):
                service.kill()
        proxy.close()
        centre.drop()
        if imap is not None:
            imap.stop()


def _stored_times(owner_url: str) -> dict[tuple[str, str], float]:
    engine = create_engine(owner_url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                text("SELECT channel, key, extract(epoch FROM created_at) AS at FROM channel_key")
            ).all()
    finally:
        engine.dispose()
    return {(r.channel, r.key): float(r.at) for r in rows}


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2] if ordered else 0.0
