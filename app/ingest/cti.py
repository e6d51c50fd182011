"""Telephony systems' words for a call read into ``CallEvent``s: the documented JSON of
``POST /calls`` and Twilio Programmable Voice's status callbacks. Pure: no network, no centre;
the connector's endpoint (``app.connectors.cti``) checks the signature first and keeps what
these return on disk before the centre hears of it.

A telephony system names a phone (``SIP/1001``, ``client:amartin``), never a Relais login:
``Agents`` turns one into the other from ``[telephony.agents]``; a phone it does not know rings
for nobody (the call waits in the team's queue) and is said in the log once.
"""

import email.utils
import json
import logging
import re
import threading
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from app.errors import InputError
from app.i18n import QT_TRANSLATE_NOOP
from app.ingest.calls import EVENTS, CallEvent
from app.users import LOGIN_PATTERN

log = logging.getLogger(__name__)

MAX_BODY_BYTES = 16 * 1024
"""A call event is a few hundred bytes; anything much larger is not one."""
MAX_CALL_ID = 200
MAX_CALLER = 64
WITHHELD = {"", "anonymous", "restricted", "unknown", "private", "unavailable", "<unknown>",
            "+266696687", "+86282452253", "+8656696", "+7378742833", "+2562533"}  # fmt: skip
"""How telephony systems write a number the caller withheld (Twilio's own special numbers
included)."""
_REMEMBERED = 10_000


@dataclass
class Agents:
    """``[telephony.agents]``: a phone's name in the telephony system → an advisor's login."""

    logins: Mapping[str, str]
    _unknown: set[str] = field(default_factory=set)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def login(self, agent: str | None) -> str | None:
        """The advisor of ``agent``; None (logged once per agent) when nobody is mapped."""
        if not agent:
            return None
        found = self.logins.get(agent)
        if found is None:
            with self._lock:
                if agent not in self._unknown and len(self._unknown) < _REMEMBERED:
                    self._unknown.add(agent)
                    log.warning(
                        "telephony: %r is in no [telephony.agents] entry: its calls ring for "
                        "nobody (they wait in the team's queue)",
                        agent,
                    )
        return found

    def knows(self, agent: str | None) -> bool:
        return bool(agent) and agent in self.logins


def problem(why: str) -> InputError:
    """A request that is not a call event: said to the sender (400) and in the log."""
    return InputError(
        QT_TRANSLATE_NOOP("errors", "This is not a call event: {why}."),
        QT_TRANSLATE_NOOP("errors", "Send it as the README's telephony section says."),
        why=why,
    )


def caller_of(number: str | None) -> str:
    """The caller's number as given, or empty when withheld."""
    said = (number or "").strip()
    return "" if said.lower() in WITHHELD or said in WITHHELD else said[:MAX_CALLER]


# --- the documented JSON -------------------------------------------------------------------


def from_json(raw: bytes, agents: Agents, team: str | None) -> CallEvent:
    """``{"call_id", "event", "caller", "agent" | "advisor", "at"?, "team"?}`` (README,
    "Telephony"); InputError saying what is wrong."""
    if len(raw) > MAX_BODY_BYTES:
        raise problem(f"the body is over {MAX_BODY_BYTES} bytes")
    try:
        body = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise problem(f"the body is not JSON in UTF-8 ({type(exc).__name__})") from exc
    if not isinstance(body, dict):
        raise problem("the body must be a JSON object")
    call_id = body.get("call_id")
    if isinstance(call_id, int) and not isinstance(call_id, bool):
        call_id = str(call_id)
    if not isinstance(call_id, str) or not call_id.strip() or len(call_id) > MAX_CALL_ID:
        raise problem(f"call_id must be text of 1 to {MAX_CALL_ID} characters")
    if not call_id.isprintable():
        raise problem("call_id must hold no control character")
    event = body.get("event")
    if event not in EVENTS:
        raise problem(f"event must be {', '.join(EVENTS)}, not {_shown(event)}")
    caller = body.get("caller", "")
    if caller is None:
        caller = ""
    if not isinstance(caller, str) or len(caller) > MAX_CALLER or not caller.isprintable():
        raise problem(f"caller must be the caller's number as text (at most {MAX_CALLER})")
    agent, advisor = body.get("agent"), body.get("advisor")
    if agent is not None and advisor is not None:
        raise problem("give agent or advisor, not both")
    if advisor is not None and (
        not isinstance(advisor, str) or not LOGIN_PATTERN.fullmatch(advisor)
    ):
        raise problem("advisor must be a Relais login")
    if agent is not None:
        if not isinstance(agent, str) or not agent.strip() or len(agent) > 200:
            raise problem("agent must be the phone's name in the telephony system, as text")
        advisor = agents.login(agent.strip())
    chosen = body.get("team", team)
    if chosen is not None and (not isinstance(chosen, str) or not 0 < len(chosen) <= 200):
        raise problem("team must be a team's name")
    return CallEvent(
        "json",
        call_id.strip(),
        event,
        caller_of(caller),
        advisor,
        _instant(body.get("at")),
        chosen,
    )


def _instant(at: Any) -> datetime | None:
    if at is None:
        return None
    if not isinstance(at, str) or len(at) > 40:
        raise problem("at must be an ISO 8601 time with its offset, 2026-12-04T20:49:38+01:00")
    try:
        when = datetime.fromisoformat(at.replace("Z", "+00:00"))
    except ValueError as exc:
        raise problem(f"at is not an ISO 8601 time: {_shown(at)}") from exc
    if when.tzinfo is None:
        raise problem("at needs its offset (+01:00, or Z for UTC)")
    return when


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=True) if value is not None else "(none)"
    return text if len(text) <= 40 else text[:37] + "…"


# --- Twilio Programmable Voice -------------------------------------------------------------

TWILIO_RINGING = {"queued", "initiated", "ringing"}
TWILIO_ANSWERED = {"in-progress", "answered"}
TWILIO_ENDED = {"completed"}
TWILIO_UNREACHED = {"busy", "no-answer", "failed", "canceled"}
TWILIO_STATUSES = TWILIO_RINGING | TWILIO_ANSWERED | TWILIO_ENDED | TWILIO_UNREACHED
_SID = re.compile(r"CA[0-9a-fA-F]{32}")


class TwilioCalls:
    """Twilio's status callbacks read into call events. A call to the centre's number is the
    *parent* leg; each ``<Dial>`` to an advisor's client or SIP phone is a *child* leg
    (``ParentCallSid``, and ``To``/``Called`` names the phone): legs of one call are one call,
    keyed by the parent's sid, its caller the parent's ``From``.

    - an advisor's leg (its ``To`` is in ``[telephony.agents]``, or it is a child): queued,
      initiated, ringing → ringing for that advisor; in-progress → answered; completed → ended;
      busy, no-answer, failed, canceled → nothing when it is a child (the phone did not take
      it: the call rings on, elsewhere, and the parent's end ends it), ended when it is the
      call itself;
    - the parent of a call to the centre's number: ringing → ringing for nobody (the team's
      queue, until a leg rings an advisor); in-progress is Twilio taking the call to run its
      TwiML, not an advisor answering: nothing; any end → ended (missed when no advisor took it);
    - a call made from an advisor's own phone (its ``From`` is a mapped agent) is not a
      customer's: nothing.
    """

    def __init__(self, agents: Agents, team: str | None) -> None:
        self._agents = agents
        self._team = team
        self._callers: OrderedDict[str, str] = OrderedDict()
        self._lock = threading.Lock()

    def read(self, form: Mapping[str, str]) -> CallEvent | None:
        """The event a callback means, or None when it means none; InputError when the form
        is not a status callback."""
        sid = (form.get("CallSid") or "").strip()
        if not _SID.fullmatch(sid):
            raise problem("CallSid must be a Twilio call sid, CA and 32 hexadecimal digits")
        status = (form.get("CallStatus") or "").strip().lower()
        if status not in TWILIO_STATUSES:
            raise problem(f"CallStatus {_shown(status)} is not one of Twilio's")
        parent = (form.get("ParentCallSid") or "").strip()
        if parent and not _SID.fullmatch(parent):
            raise problem("ParentCallSid must be a Twilio call sid")
        phone = _phone(form.get("To") or form.get("Called") or "")
        origin = (form.get("From") or form.get("Caller") or "").strip()
        if self._agents.knows(origin):
            return None  # an advisor's own call out
        if not parent:
            self._remember(sid, caller_of(origin))
        key = parent or sid
        caller = self._caller(key, origin)
        at = _rfc2822(form.get("Timestamp"))
        agent_leg = bool(parent) or self._agents.knows(phone)
        if not agent_leg:
            if status in TWILIO_RINGING:
                return CallEvent("twilio", key, "ringing", caller, None, at, self._team)
            if status in TWILIO_ANSWERED:
                return None
            return CallEvent("twilio", key, "ended", caller, None, at, self._team)
        advisor = self._agents.login(phone)
        if status in TWILIO_RINGING:
            event = "ringing"
        elif status in TWILIO_ANSWERED:
            event = "answered"
        elif status in TWILIO_ENDED or not parent:
            event = "ended"
        else:
            return None
        return CallEvent("twilio", key, event, caller, advisor, at, self._team)

    def _remember(self, sid: str, caller: str) -> None:
        with self._lock:
            self._callers[sid] = caller
            self._callers.move_to_end(sid)
            while len(self._callers) > _REMEMBERED:
                self._callers.popitem(last=False)

    def _caller(self, key: str, origin: str) -> str:
        with self._lock:
            known = self._callers.get(key)
        if known is not None:
            return known
        # A child leg before any of its parent's callbacks: <Dial> passes the caller's number
        # on as the leg's From unless told otherwise; an identity of Twilio's is not one.
        return "" if origin.startswith(("client:", "sip:")) else caller_of(origin)


def _phone(to: str) -> str:
    """A leg's ``To`` as ``[telephony.agents]`` names it: a SIP address without its
    parameters and headers (``sip:1001@x.sip.twilio.com;transport=tls`` → ``sip:1001@x.sip.
    twilio.com``)."""
    to = to.strip()
    if to.lower().startswith(("sip:", "sips:")):
        to = to.split(";", 1)[0].split("?", 1)[0]
    return to


def _rfc2822(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return when if when.tzinfo is not None else None


# --- what the spool keeps ------------------------------------------------------------------


def kept(ev: CallEvent) -> bytes:
    """The event as the call spool keeps it (already read and checked)."""
    return json.dumps(
        {
            "source": ev.source,
            "call_key": ev.call_key,
            "event": ev.event,
            "caller": ev.caller,
            "advisor": ev.advisor,
            "at": ev.at.isoformat() if ev.at else None,
            "team": ev.team,
        }
    ).encode()


def unkept(raw: bytes) -> CallEvent:
    """An event the spool kept; InputError when the file is not one (damaged by hand)."""
    try:
        d = json.loads(raw.decode("utf-8"))
        if not isinstance(d, dict) or d.get("event") not in EVENTS:
            raise ValueError("not a kept call event")
        at = datetime.fromisoformat(d["at"]) if d.get("at") else None
        return CallEvent(
            str(d["source"]),
            str(d["call_key"]),
            str(d["event"]),
            str(d.get("caller") or ""),
            str(d["advisor"]) if d.get("advisor") else None,
            at,
            str(d["team"]) if d.get("team") else None,
        )
    except (UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        raise problem(f"the kept file is damaged ({exc})") from exc
