"""The IMAP connector against a real Dovecot on loopback: mail becomes contacts by itself, is
marked on the server only once the centre holds it, and survives refusals, a centre that does not
answer, a wrong password, and the service killed mid-round."""

import logging
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
import uuid
from pathlib import Path

import dovecot
import pytest
from centres import EmbeddedCentre, owner
from mails import mail
from sqlalchemy import func, select

from app.connectors.config import MailboxConfig, Secret
from app.connectors.imap import REFUSED, STORED, CentreDown, Mailbox
from app.db import Database
from app.ingest.inbound import Outcome
from app.models import Contact, Message

PASSWORD_VARIABLE = "RELAIS_TEST_IMAP_PASSWORD"


@pytest.fixture(scope="module")
def server():
    made = dovecot.start({f"box{i}": f"secret{i}" for i in range(8)})
    yield made
    made.stop()


@pytest.fixture(scope="module")
def centre(tmp_path_factory):
    made = EmbeddedCentre(tmp_path_factory.mktemp("centre")).create(
        customers=20, contacts=40, queue=5
    )
    yield made
    made.drop()


@pytest.fixture(scope="module")
def central(centre):
    db = owner(centre)
    yield db
    db.dispose()


_boxes = iter(range(8))


@pytest.fixture
def box(server, monkeypatch) -> MailboxConfig:
    """A mailbox of its own for each test."""
    login = f"box{next(_boxes)}"
    monkeypatch.setenv(PASSWORD_VARIABLE, server.users[login])
    return MailboxConfig(
        name=login,
        host="127.0.0.1",
        port=server.port,
        security="none",
        login=login,
        password=Secret("imap://test", login, PASSWORD_VARIABLE),
        poll_seconds=1,
    )


def _stored(central: Database, message_id: str) -> int:
    with central.session() as s:
        return int(s.scalar(select(func.count()).where(Message.external_id == message_id)))


def _drain(box: MailboxConfig, central: Database, server) -> list:
    answers: list = []
    reader = Mailbox(box, central, threading.Event(), answers.append)
    with reader._connect() as client:
        reader.drain(client)
    return answers


def test_new_mail_becomes_contacts_and_is_marked_once_stored(box, central, server) -> None:
    first_id = f"<{uuid.uuid4().hex}@example.org>"
    server.deliver(
        box.login, mail("lea@example.org", "Mon retrait", "Bonjour, où en est-il ?", first_id)
    )
    server.deliver(
        box.login,
        mail("lea@example.org", "Re: Mon retrait", "Toujours rien.", in_reply_to=first_id),
    )
    server.deliver(
        box.login,
        mail("lea@example.org", "Absence du bureau", "Absente.", Auto_Submitted="auto-replied"),
    )
    answers = _drain(box, central, server)
    assert [a.outcome for a in answers] == [Outcome.NEW, Outcome.JOINED, Outcome.IGNORED]
    assert answers[0].contact_id == answers[1].contact_id
    assert all(STORED.encode() in flags for flags in server.flags(box.login))
    assert _drain(box, central, server) == []  # a second round finds nothing new


def test_a_mail_arriving_during_idle_is_in_the_queue_at_once(box, central, server) -> None:
    stop = threading.Event()
    seen: list = []
    arrived = threading.Event()
    reader = Mailbox(box, central, stop, lambda r: (seen.append(r), arrived.set()))
    thread = threading.Thread(target=reader.run)
    thread.start()
    try:
        time.sleep(1.0)  # connected and waiting in IDLE
        message_id = f"<{uuid.uuid4().hex}@example.org>"
        sent = time.monotonic()
        server.deliver(box.login, mail("tom@example.co.uk", "Card blocked", "Hello", message_id))
        assert arrived.wait(15), "the connector did not see the mail"
        waited = time.monotonic() - sent
        assert seen[0].outcome is Outcome.NEW and _stored(central, message_id) == 1
        assert waited < box.poll_seconds + 10  # woken by the server, not a late poll
    finally:
        stop.set()
        thread.join(10)
    assert not thread.is_alive(), "the reader did not stop"


def test_move_to_a_folder_once_stored(box, central, server) -> None:
    moving = MailboxConfig(**{**box.__dict__, "move_to": "Relais"})
    server.deliver(box.login, mail("paul@example.net", "KYC", "Voici mes papiers"))
    [answer] = _drain(moving, central, server)
    assert answer.outcome is Outcome.NEW
    assert server.flags(box.login) == []
    assert len(server.flags(box.login, "Relais")) == 1


def test_a_refused_mail_is_left_for_a_person_and_not_read_again(
    box, central, server, caplog
) -> None:
    server.deliver(box.login, b"\x89PNG\r\n\x1a\n not a mail at all")
    server.deliver(box.login, mail("lea@example.org", "Après", "Le suivant passe"))
    with caplog.at_level(logging.WARNING):
        answers = _drain(box, central, server)
    assert [a.outcome for a in answers] == [Outcome.NEW]
    assert "refused: This file is not an e-mail" in caplog.text
    flags = server.flags(box.login)
    assert REFUSED.encode() in flags[0] and STORED.encode() in flags[1]
    assert _drain(box, central, server) == []


def test_a_centre_that_does_not_answer_marks_nothing(box, central, server) -> None:
    message_id = f"<{uuid.uuid4().hex}@example.org>"
    server.deliver(box.login, mail("lea@example.org", "Urgent", "Bonjour", message_id))
    down = Database("postgresql+psycopg://nobody:x@127.0.0.1:9/none?connect_timeout=2", "central")
    try:
        with pytest.raises(CentreDown):
            _drain(box, down, server)
    finally:
        down.dispose()
    assert server.flags(box.login) == [set()] or all(
        STORED.encode() not in f for f in server.flags(box.login)
    )
    [answer] = _drain(box, central, server)  # the centre back: stored once
    assert answer.outcome is Outcome.NEW and _stored(central, message_id) == 1


def test_a_wrong_password_is_said_and_tried_again(box, central, server, caplog, monkeypatch):
    monkeypatch.setenv(PASSWORD_VARIABLE, "wrong")
    stop = threading.Event()
    thread = threading.Thread(target=Mailbox(box, central, stop).run)
    with caplog.at_level(logging.WARNING):
        thread.start()
        deadline = time.monotonic() + 15
        while "refused the login" not in caplog.text and time.monotonic() < deadline:
            time.sleep(0.1)
        assert thread.is_alive()
        stop.set()
        thread.join(10)
    assert f"{box.login}: the server refused the login '{box.login}'" in caplog.text
    assert caplog.text.count("refused the login") == 1  # said once, not at every retry


# -- the service, as a process ------------------------------------------------------------------


def _service(config: Path, env: dict[str, str]) -> subprocess.Popen:
    """The service as its unit file starts it; what it prints goes to ``stderr.txt`` beside
    its configuration."""
    code = "from ui.entry import main; raise SystemExit(main())"
    with (config.parent / "stderr.txt").open("ab") as stderr:
        return subprocess.Popen(
            [sys.executable, "-c", code, "connectors", "serve", "--config", str(config)],
            env={**os.environ, **env},
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )


def _count_stored(central: Database, ids: list[str]) -> dict[str, int]:
    with central.session() as s:
        rows = s.execute(
            select(Message.external_id, func.count())
            .where(Message.external_id.in_(ids))
            .group_by(Message.external_id)
        ).all()
    return dict(rows)


def test_the_service_killed_mid_round_stores_every_mail_exactly_once(
    box, central, centre, server, tmp_path
) -> None:
    ids = [f"<kill-{i}-{uuid.uuid4().hex}@example.org>" for i in range(40)]
    for i, message_id in enumerate(ids):
        server.deliver(
            box.login, mail(f"client{i}@example.org", f"Demande {i}", "Bonjour", message_id)
        )
    config = tmp_path / "connectors.toml"
    log_file = tmp_path / "log" / "connectors.log"
    config.write_text(
        textwrap.dedent(
            f"""
            log_file = "{log_file}"

            [centre]
            url = "{centre.url}"

            [[imap]]
            name = "support"
            host = "127.0.0.1"
            port = {server.port}
            security = "none"
            login = "{box.login}"
            password_env = "{PASSWORD_VARIABLE}"
            poll_seconds = 1
            """
        )
    )
    env = {PASSWORD_VARIABLE: server.users[box.login], "QT_QPA_PLATFORM": "offscreen"}
    for _ in range(3):  # killed three times, each once some mail is in
        before = sum(_count_stored(central, ids).values())
        proc = _service(config, env)
        deadline = time.monotonic() + 30
        while (
            sum(_count_stored(central, ids).values()) < before + 3 and time.monotonic() < deadline
        ):
            time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    proc = _service(config, env)
    deadline = time.monotonic() + 60
    # Stopped once it runs (its 4th start in the log: a SIGTERM during Python's start-up, before
    # the service's handler, ends it as the signal's default does) and has marked every mail:
    # the earlier runs store a fetched batch together, so all may be stored before it starts.
    while (
        len(_count_stored(central, ids)) < len(ids)
        or not all(STORED.encode() in f for f in server.flags(box.login))
        or log_file.read_text().count("connectors started") < 4
    ) and time.monotonic() < deadline:
        time.sleep(0.1)
    proc.send_signal(signal.SIGTERM)
    stopped_in = time.monotonic()
    assert proc.wait(15) == 0, (tmp_path / "stderr.txt").read_text()
    assert time.monotonic() - stopped_in < 10
    stored = _count_stored(central, ids)
    assert stored == dict.fromkeys(ids, 1)  # every mail, each once
    assert all(STORED.encode() in f for f in server.flags(box.login))
    text = log_file.read_text()
    assert "connectors started" in text and "stopping (SIGTERM)" in text
    assert "connectors stopped" in text
    with central.session() as s:
        contacts = s.scalar(
            select(func.count(Contact.id.distinct()))
            .join(Message, Message.contact_id == Contact.id)
            .where(Message.external_id.in_(ids))
        )
    assert contacts == len(ids)
