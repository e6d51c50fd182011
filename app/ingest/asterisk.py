"""The Asterisk Manager Interface's event stream read into call events. Pure: the TCP client
(``app.connectors.ami``) gives each message here as it arrives.

AMI speaks lines of ``Key: Value`` ended by CRLF, a blank line ending each message, after a
banner line (``Asterisk Call Manager/5.0.x``). A call is followed by its ``Linkedid`` — the
``Uniqueid`` of its oldest channel, shared by every channel the call makes:

- ``Newchannel`` of a call's first channel (``Uniqueid`` = ``Linkedid``): the caller's number
  (``CallerIDNum``) noted; a call started from a mapped agent's phone (a colleague's or an
  outgoing call), from a ``Local/`` channel, or outside ``contexts`` when they are given, is
  not followed;
- ``DialBegin`` to a phone (``DestChannel`` ``PJSIP/1001-0000000a`` is the phone
  ``PJSIP/1001``): ringing for that phone's advisor (nobody, logged, when it is not mapped);
  a dial to a ``Local/`` channel is the dialplan's and waits for the real phone's dial;
- ``BridgeEnter`` of a dialled phone's channel: answered by its advisor (once);
- ``Hangup`` of the first channel: ended (missed when no phone answered); a dialled phone
  that hangs up alone is one phone that stopped ringing.

Every other event, and those of calls not followed, is ignored; what is followed is bounded in
memory (a call that never ends is forgotten after ``_FOLLOWED`` newer ones).
"""

import logging
import re
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import UTC, datetime

from app.ingest.calls import CallEvent
from app.ingest.cti import Agents, caller_of

log = logging.getLogger(__name__)

_FOLLOWED = 5_000
_PEER = re.compile(r"^(?P<peer>[^/]+/.+?)-[0-9a-fA-F]+(?:;\d)?$")

Message = dict[str, str]


def parse(block: str) -> Message:
    """One AMI message (its lines, without the blank line that ends it) as a dict whose keys
    are lower-case (Asterisk has spelt ``Linkedid`` ``LinkedID``); a line without ``:`` is
    skipped; the first of a repeated key is kept (``Variable`` lines repeat)."""
    message: Message = {}
    for line in block.splitlines():
        key, colon, value = line.partition(":")
        key = key.strip().lower()
        if not colon or not key:
            continue
        message.setdefault(key, value.strip())
    return message


def phone_of(channel: str) -> str:
    """The phone a channel is on: ``SIP/1001-0000002a`` → ``SIP/1001``."""
    found = _PEER.match(channel.strip())
    return found.group("peer") if found else channel.strip()


@dataclass
class _Call:
    caller: str
    dialled: dict[str, str | None] = field(default_factory=dict)
    """A dialled channel's Uniqueid → the login of its phone's advisor (None: not mapped)."""
    answered_by: str | None = None
    answered: bool = False


class Follower:
    """Follows calls across messages; ``read`` returns the call events a message makes."""

    def __init__(
        self, agents: Agents, contexts: tuple[str, ...] = (), team: str | None = None
    ) -> None:
        self._agents = agents
        self._contexts = set(contexts)
        self._team = team
        self._calls: OrderedDict[str, _Call] = OrderedDict()
        self._ignored: OrderedDict[str, None] = OrderedDict()

    def read(self, m: Message) -> list[CallEvent]:
        kind = m.get("event", "").lower()
        linked = m.get("linkedid", "")
        if not kind or not linked or len(linked) > 150 or linked in self._ignored:
            return []
        if kind == "newchannel":
            self._new_channel(m, linked)
            return []
        if kind == "dialbegin":
            return self._dial(m, linked)
        if kind == "bridgeenter":
            return self._bridged(m, linked)
        if kind == "hangup":
            return self._hangup(m, linked)
        return []

    def _new_channel(self, m: Message, linked: str) -> None:
        if m.get("uniqueid") != linked or linked in self._calls:
            return
        channel = m.get("channel", "")
        elsewhere = self._contexts and m.get("context", "") not in self._contexts
        if channel.startswith("Local/") or self._agents.knows(phone_of(channel)) or elsewhere:
            self._ignore(linked)
        else:
            self._follow(linked, _Call(caller_of(m.get("calleridnum"))))

    def _dial(self, m: Message, linked: str) -> list[CallEvent]:
        dest = m.get("destchannel", "")
        if not dest or dest.startswith("Local/"):
            return []
        call = self._calls.get(linked)
        if call is None:  # a call already going when this service connected
            if self._contexts and m.get("context", "") not in self._contexts:
                return []
            call = self._follow(linked, _Call(caller_of(m.get("calleridnum"))))
        if call.answered:
            return []
        advisor = self._agents.login(phone_of(dest))
        call.dialled[m.get("destuniqueid", dest)] = advisor
        return [self._event(linked, "ringing", call.caller, advisor, m)]

    def _bridged(self, m: Message, linked: str) -> list[CallEvent]:
        call = self._calls.get(linked)
        unique = m.get("uniqueid", "")
        if call is None or call.answered or unique not in call.dialled:
            return []
        call.answered, call.answered_by = True, call.dialled[unique]
        return [self._event(linked, "answered", call.caller, call.answered_by, m)]

    def _hangup(self, m: Message, linked: str) -> list[CallEvent]:
        call = self._calls.get(linked)
        if call is None:
            return []
        unique = m.get("uniqueid", "")
        if unique != linked:  # one phone that stopped ringing, or the advisor's hanging up
            if not call.answered:
                call.dialled.pop(unique, None)
            return []
        del self._calls[linked]
        return [self._event(linked, "ended", call.caller, call.answered_by, m)]

    def _event(
        self, linked: str, event: str, caller: str, advisor: str | None, m: Message
    ) -> CallEvent:
        return CallEvent("asterisk", linked, event, caller, advisor, _stamp(m), self._team)

    def _follow(self, linked: str, call: _Call) -> _Call:
        self._calls[linked] = call
        while len(self._calls) > _FOLLOWED:
            gone, _ = self._calls.popitem(last=False)
            log.info("asterisk: call %s forgotten (no hangup among %d newer)", gone, _FOLLOWED)
        return call

    def _ignore(self, linked: str) -> None:
        self._ignored[linked] = None
        while len(self._ignored) > _FOLLOWED:
            self._ignored.popitem(last=False)


def _stamp(m: Message) -> datetime | None:
    """``Timestamp: 1733330978.123456`` when manager.conf has ``timestampevents = yes``."""
    try:
        return datetime.fromtimestamp(float(m["timestamp"]), UTC)
    except (KeyError, ValueError, OverflowError, OSError):
        return None
