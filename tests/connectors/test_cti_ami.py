"""Asterisk's calls through the Manager Interface, against a fake AMI on loopback that speaks
the real protocol (tests/connectors/ami_server.py), on both kinds of centre: a call followed by
its Linkedid from the ring to the hang-up reaches the centre as the advisor's contact with the
caller's customer; a call nobody answered is a call back; a connection that drops is made again
and logged in again; a refused login is said and retried slowly; what is not a customer's call,
and what is not AMI at all, changes nothing and stops nothing."""

import logging
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import ami_server as pbx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from app.connectors.ami import AmiClient
from app.connectors.config import AsteriskConfig, Secret
from app.connectors.cti import CallHandover
from app.connectors.spool import Spool
from app.enums import ContactStatus, IdentityKind
from app.ingest.asterisk import Follower, parse, phone_of
from app.ingest.calls import CallAnswer, CallEvent
from app.ingest.cti import Agents
from app.models import Advisor, Contact, CustomerIdentity

TEAM = "Équipe Paris 1"


@pytest.fixture(scope="module")
def advisor(centre) -> str:
    return centre.add_user("advisor", team=TEAM)


@dataclass
class Running:
    server: pbx.FakeAmi
    client: AmiClient
    answers: list[CallAnswer]
    kept: list[CallEvent]
    stop: threading.Event

    def until(self, test: Callable[[], bool], within: float = 10.0) -> None:
        end = time.monotonic() + within
        while not test():
            assert time.monotonic() < end, "not within the time"
            time.sleep(0.02)

    def ended(self, count: int = 1) -> list[CallAnswer]:
        self.until(lambda: sum(a.state in ("ended", "missed") for a in self.answers) >= count)
        return self.answers


@pytest.fixture
def running(connector, advisor, tmp_path: Path) -> Iterator[Callable[..., Running]]:
    """The fake PBX, the service's AMI client and its handover to the centre, in threads."""
    made: list[tuple[Running, list[threading.Thread]]] = []

    def start(password: str = "ami-secret", contexts: tuple[str, ...] = ()) -> Running:
        server = pbx.FakeAmi(password="ami-secret")
        stop, arrived = threading.Event(), threading.Event()
        spool = Spool(tmp_path / f"calls-{len(made)}")
        answers: list[CallAnswer] = []
        kept: list[CallEvent] = []
        config = AsteriskConfig(
            "127.0.0.1",
            server.port,
            "none",
            "relais",
            Secret("ami://test", "relais", None),
            contexts,
        )
        agents = Agents({"PJSIP/1001": advisor})
        client = AmiClient(
            config, password, agents, spool, arrived, stop, TEAM,
            pauses=(0.05, 0.1, 0.2), refused_pause=0.3, ping_every=1.0, handed=kept.append,
        )  # fmt: skip
        handover = CallHandover(connector, spool, stop, arrived, "FR", answers.append)
        threads = [
            threading.Thread(target=client.run, name="ami"),
            threading.Thread(target=handover.run, name="handover"),
        ]
        for t in threads:
            t.start()
        run = Running(server, client, answers, kept, stop)
        made.append((run, threads))
        return run

    yield start
    for run, threads in made:
        run.stop.set()
        for t in threads:
            t.join(timeout=10)
            assert not t.is_alive(), f"{t.name} did not stop"
        run.server.stop()


def _known_number(truth) -> tuple[uuid.UUID, str]:
    with truth.session() as s:
        row = s.execute(
            select(CustomerIdentity.customer_id, CustomerIdentity.value).where(
                CustomerIdentity.kind == IdentityKind.PHONE,
                CustomerIdentity.value.like("+33%"),
            )
        ).first()
    return row[0], row[1]


def _contact(truth, contact_id) -> Contact:
    with truth.session() as s:
        found = s.get(Contact, contact_id)
        s.expunge_all()
        return found


def _advisor_id(truth, login: str) -> uuid.UUID:
    with truth.session() as s:
        return s.scalar(select(Advisor.id).where(Advisor.login == login))


def _answered_call(
    server: pbx.FakeAmi, number: str, phone: str = "PJSIP/1001"
) -> tuple[pbx.Channel, pbx.Channel]:
    """A call as Asterisk 18 reports one: the trunk's channel, the dial to the advisor's phone,
    the bridge, the phone hanging up and then the caller; with the noise around it."""
    call = pbx.caller_channel(number)
    desk = pbx.phone_channel(call, phone)
    server.send(
        pbx.newchannel(call),
        pbx.newstate(call, "Ring"),
        pbx.varset(call, "CHANNEL(language)", "fr"),
    )
    server.send(pbx.newchannel(desk, "from-internal", "1001"), pbx.dial_begin(call, desk))
    server.send(pbx.newstate(desk, "Ringing"))
    return call, desk


def test_a_call_from_ring_to_hangup_is_the_advisors_with_the_callers_customer(
    running, truth, advisor
) -> None:
    customer, number = _known_number(truth)
    national = "0" + number.removeprefix("+33")
    run = running()
    run.server.wait_logins(1)
    call, desk = _answered_call(run.server, national)
    run.until(lambda: any(a.state == "ringing" for a in run.answers))
    rang = run.answers[0]
    assert (rang.advisor, rang.customer_id) == (advisor, customer)
    c = _contact(truth, rang.contact_id)
    assert (c.status, c.assigned_to) == (ContactStatus.IN_PROGRESS, _advisor_id(truth, advisor))
    run.server.send(pbx.newstate(desk, "Up"), pbx.dial_end(call, desk), *pbx.bridge(call, desk))
    run.until(lambda: any(a.state == "answered" for a in run.answers))
    run.server.send(pbx.hangup(desk), pbx.hangup(call))
    answers = run.ended()
    assert [a.state for a in answers] == ["ringing", "answered", "ended"]
    assert {a.contact_id for a in answers} == {rang.contact_id}
    c = _contact(truth, rang.contact_id)
    assert c.sender_address == number and c.customer_id == customer
    assert c.call_started_at is not None and c.call_started_at <= c.call_ended_at
    assert [e.call_key for e in run.kept] == [call.linkedid] * 3


def test_a_call_nobody_answered_is_a_call_back_for_the_team(running, truth) -> None:
    run = running()
    run.server.wait_logins(1)
    call = pbx.caller_channel("+33 6 44 55 66 77")
    desk = pbx.phone_channel(call)
    run.server.send(pbx.newchannel(call), pbx.dial_begin(call, desk))
    run.server.send(pbx.dial_end(call, desk, "NOANSWER"), pbx.hangup(desk, "19", "No answer"))
    run.server.send(pbx.hangup(call, "16", "Normal Clearing"))
    answers = run.ended()
    assert [a.state for a in answers] == ["ringing", "missed"]
    c = _contact(truth, answers[-1].contact_id)
    assert (c.status, c.assigned_to, c.sender_address) == (
        ContactStatus.QUEUED,
        None,
        "+33644556677",
    )


def test_a_dropped_connection_is_made_again_and_calls_go_on(running, truth, caplog) -> None:
    caplog.set_level(logging.INFO, logger="app.connectors.ami")
    run = running()
    run.server.wait_logins(1)
    run.server.drop()
    run.server.wait_logins(2)
    call, desk = _answered_call(run.server, "06 01 02 03 04")
    run.server.send(*pbx.bridge(call, desk), pbx.hangup(call))
    assert [a.state for a in run.ended()] == ["ringing", "answered", "ended"]
    said = caplog.text
    assert "no event stream from" in said and "connecting again" in said
    assert "connected again to" in said


def test_a_refused_login_is_said_and_tried_again_slowly(running, caplog) -> None:
    caplog.set_level(logging.INFO, logger="app.connectors.ami")
    run = running(password="not-the-password")
    run.until(lambda: run.server.refusals >= 2)
    assert run.server.logins == 0
    assert "refused the login of relais: Authentication failed" in caplog.text
    started = time.monotonic()
    run.until(lambda: run.server.refusals >= 3)
    assert time.monotonic() - started >= 0.2  # the slow pause, not the quick one
    # A fixed password on the PBX's side: the next attempt logs in.
    run.server.password = "not-the-password"
    run.server.wait_logins(1)


def test_a_port_that_is_not_asterisks_is_said_and_tried_again_with_pauses(tmp_path, caplog) -> None:
    caplog.set_level(logging.INFO, logger="app.connectors.ami")
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.1)
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def ssh() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            conn.sendall(b"SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n")
            accepted.append(conn)

    server = threading.Thread(target=ssh)
    server.start()
    config = AsteriskConfig(
        "127.0.0.1", listener.getsockname()[1], "none", "relais", Secret("ami://t", "r", None)
    )
    client = AmiClient(
        config, "pw", Agents({}), Spool(tmp_path / "calls"), threading.Event(), stop,
        pauses=(0.2,), refused_pause=5,
    )  # fmt: skip
    thread = threading.Thread(target=client.run)
    thread.start()
    try:
        time.sleep(1.0)
    finally:
        stop.set()
        thread.join(timeout=10)
        server.join(timeout=10)
        for conn in accepted:
            conn.close()
        listener.close()
    assert not thread.is_alive() and 2 <= len(accepted) <= 6  # tried again, with pauses
    assert "not an Asterisk Manager Interface: 'SSH-2.0-OpenSSH" in caplog.text
    assert caplog.text.count("no event stream from") == 1  # said once, not at each attempt


def test_what_is_not_a_customers_call_changes_nothing(running, advisor) -> None:
    run = running(contexts=("from-trunk",))
    run.server.wait_logins(1)
    # An advisor calling a colleague from their own phone.
    own = pbx.Channel("PJSIP/1001-000000aa", pbx.unique(), "1001", "")
    own.linkedid = own.uniqueid
    other = pbx.phone_channel(own, "PJSIP/1002")
    run.server.send(pbx.newchannel(own, "from-internal", "1002"), pbx.dial_begin(own, other))
    run.server.send(*pbx.bridge(own, other), pbx.hangup(own))
    # A call in a context that is not the customers'.
    elsewhere = pbx.caller_channel("0611111111")
    run.server.send(pbx.newchannel(elsewhere, "from-fax"), pbx.hangup(elsewhere))
    # A customer's call through a Local channel: the Local leg's dial is the dialplan's, the
    # phone's is the ring; an unmapped phone rings for nobody.
    call = pbx.caller_channel("0622222222")
    local = pbx.Channel("Local/1001@agents-0000001;1", pbx.unique(), "1001", call.linkedid)
    desk = pbx.phone_channel(call, "PJSIP/1001")
    stranger = pbx.phone_channel(call, "PJSIP/1077")
    run.server.send(pbx.newchannel(call), pbx.dial_begin(call, local), pbx.dial_begin(call, desk))
    run.server.send(pbx.dial_begin(call, stranger), pbx.hangup(stranger), pbx.hangup(call))
    answers = run.ended()
    assert {e.call_key for e in run.kept} == {call.linkedid}
    assert [(e.event, e.advisor) for e in run.kept] == [
        ("ringing", advisor),
        ("ringing", None),
        ("ended", None),
    ]
    assert answers[-1].state == "missed"


def test_garbage_on_the_wire_stops_nothing(running) -> None:
    run = running()
    run.server.wait_logins(1)
    run.server.send(
        b"\x00\xff\xfe not a header\r\n\r\n",
        b"Event: Hangup\r\nLinkedid: \r\n\r\n",
        b"Event: DialBegin\r\nLinkedid: 1.1\r\nDestChannel: PJSIP/1001-1\r\n\r\n",
        b"Event\r\n: \r\n:::\r\nEvent: BridgeEnter\r\nUniqueid: x\r\n\r\n",
        "Event: Newchannel\r\nChannel: é\r\nUniqueid: ü\r\nLinkedid: ü\r\n\r\n".encode(),
        b"\r\n\r\n\r\n",
    )
    call, desk = _answered_call(run.server, "0633333333")
    run.server.send(*pbx.bridge(call, desk), pbx.hangup(call))
    run.until(lambda: any(a.state == "ended" for a in run.answers))
    assert run.client.logins == 1  # the same connection all along


def test_a_phones_name_is_its_channel_without_the_channels_number() -> None:
    assert phone_of("PJSIP/1001-0000000a") == "PJSIP/1001"
    assert phone_of("SIP/trunk-orange-0000002f") == "SIP/trunk-orange"
    assert phone_of("Local/1001@agents-00000001;2") == "Local/1001@agents"
    assert phone_of("DAHDI/1-1") == "DAHDI/1"
    assert (
        parse("Event: Hangup\r\nLinkedID: 1.2\r\nCause-txt: Normal: Clearing\r\nnoise")["cause-txt"]
        == "Normal: Clearing"
    )


_lines = st.lists(
    st.one_of(
        st.tuples(
            st.sampled_from(
                [
                    "Event",
                    "Linkedid",
                    "Uniqueid",
                    "Channel",
                    "DestChannel",
                    "DestUniqueid",
                    "CallerIDNum",
                    "Context",
                    "Timestamp",
                    "Response",
                ]
            ),
            st.one_of(
                st.sampled_from(
                    [
                        "Newchannel",
                        "DialBegin",
                        "BridgeEnter",
                        "Hangup",
                        "1.1",
                        "1.2",
                        "PJSIP/1001-1",
                        "Local/x-1;1",
                        "",
                        "nan",
                        "1e400",
                        "-1",
                    ]
                ),
                st.text(max_size=30),
            ),
        ).map(lambda kv: f"{kv[0]}: {kv[1]}"),
        st.text(max_size=40),
    ),
    max_size=12,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_lines, max_size=20))
def test_any_stream_of_messages_is_read_without_a_crash(blocks) -> None:
    follower = Follower(Agents({"PJSIP/1001": "amartin"}))
    for block in blocks:
        for ev in follower.read(parse("\n".join(block))):
            assert ev.event in ("ringing", "answered", "ended") and ev.source == "asterisk"
            assert ev.advisor in (None, "amartin") and ev.call_key
