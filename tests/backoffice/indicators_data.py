"""A small fixed data set for the indicators' tests, written by the centre's owner, and what each
figure must be, computed by hand below. Times are UTC; the centre's zone is Europe/Paris, UTC+1
in early March 2026 (summer time starts on 29 March).

The period P is the week 2026-03-02 00:00 (a Monday) to 2026-03-09 00:00; the previous period
is 2026-02-23 to 03-02; "now" is 2026-03-10 12:00. Team North unless said (S1 is South's).
a = assignment (advisor, from, to); w = wrap-ups (the closing advisor's unless said);
r = first reply (outbound message); CSAT/NPS/effort = the survey's answer.

    ref channel   received     reply/answer        closed        assignments             wrap-up
    E1  email     03-02 09:00  r 11:00 (7200 s)    03-02 12:00   alice 10:30-12:00 5400  resolved
        cust1; survey CSAT 5, NPS 10, effort 2 "Parfait"
    E2  email     03-03 08:00  r 03-04 10:00       03-04 10:30   alice 09:00-09:30 1800  alice
                               (93600 s, late)     by bob        bob 09:30-10:30 3600    follow_up,
        cust2 (comes back with E3 on 03-06); CSAT 2, NPS 3, effort 6 "Trop long"       bob resolved
    E3  whatsapp  03-06 14:00  r 14:30 (1800 s)    03-06 15:00   alice 14:20-(never     resolved
        cust2; CSAT 4, NPS 8                                     ended: to the close) 2400
    P1  phone     03-05 10:00  call 10:00:45 (45)  10:08:45      alice 10:00:45-10:08:45 resolved
        cust3; call to 10:06:45 (360 s); CSAT 3, NPS 6, effort 4 "Bien mais lent"   480
    P2  phone     03-05 10:00  call 10:01:30 (90)  10:04:30      bob 10:01:30-10:04:30  bob
        no customer; call to 10:03:30 (120 s)                    180                  transferred,
                                                                        superseded by follow_up
    I1  instagram 03-04 15:00  r 15:20 (1200 s)    03-04 15:40   bob 15:10-15:40 1800   transferred
        no customer; CSAT 4, effort 1, no comment
    F1  facebook  03-07 09:00  none                03-07 09:10   alice 09:05-09:10 300  no answer
        (closed without a reply)                                                         needed
    L1  letter    03-02 07:00  none, queued
    L2  letter    03-08 12:00  none, queued
    M1  email     03-08 20:00  none, in progress (alice since 03-09 08:00)
    L0  letter    02-27 09:00  r 03-03 08:00       03-03 09:00   alice 07:30-09:00 5400  resolved
        cust1 (who came back with E1 while L0 was open)   (3 d 23 h = 342000 s: within 5 days)
    Q1  email     02-24 09:00  r 10:00 (3600 s)    02-24 11:00   alice 10:00-11:00 3600  resolved
        cust3 (P1 on 03-05 is more than 7 days after Q1 closed)
    Q2  phone     02-25 10:00  call 10:00:30 (30)  10:06:30      bob 10:00:30-10:06:30 360 resolved
        no customer; call to 10:05:30 (300 s); CSAT 4, NPS 9, effort 3
    FU1 email follow-up of E1 planned for 03-04 09:00 (queued; a follow-up: no contact received,
        no return of cust1, but in the backlog and the queue)
    R1  email     03-09 13:00  cust1, queued (after P; more than 7 days after E1 closed)
    Z0  email     02-20 09:00  closed 02-20 10:00 (before both periods)
    S1  email     03-03 10:00  r 11:00 (3600 s)    03-03 12:00   carol 11:00-12:00 3600 resolved
        South; cust4; CSAT 1, NPS 0, effort 7 "Nul"
"""

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import insert

from app.db import Database
from app.ids import new_id
from app.models import (
    Contact,
    ContactAssignment,
    Customer,
    Message,
    ReasonCode,
    SurveyAnswer,
    WrapUp,
)

START = datetime(2026, 3, 2, tzinfo=UTC)
END = datetime(2026, 3, 9, tzinfo=UTC)
NOW = datetime(2026, 3, 10, 12, tzinfo=UTC)


def at(text: str) -> datetime:
    """ "03-02 09:00" or "03-02 09:00:45", in 2026, UTC."""
    day, clock = text.split(" ")
    parts = [int(p) for p in clock.split(":")]
    month, dom = (int(p) for p in day.split("-"))
    return datetime(2026, month, dom, *parts, tzinfo=UTC)


# ref: channel, team, received, status, closed, closer/holder, customer, parent,
#      call (start, end), replies, assignments [(advisor, from, to)], wrap-ups
#      [(advisor, outcome, superseded by the next)], survey (csat, nps, effort, comment)
CONTACTS: dict[str, dict[str, Any]] = {
    "E1": dict(channel="email", received="03-02 09:00", closed="03-02 12:00", holder="alice",
               customer="cust1", replies=["03-02 11:00"],
               assignments=[("alice", "03-02 10:30", "03-02 12:00")],
               wraps=[("alice", "resolved")], survey=(5, 10, 2, "Parfait")),
    "E2": dict(channel="email", received="03-03 08:00", closed="03-04 10:30", holder="bob",
               customer="cust2", replies=["03-04 10:00", "03-04 10:20"],
               assignments=[("alice", "03-04 09:00", "03-04 09:30"),
                            ("bob", "03-04 09:30", "03-04 10:30")],
               wraps=[("alice", "follow_up"), ("bob", "resolved")],
               survey=(2, 3, 6, "Trop long")),
    "E3": dict(channel="whatsapp", received="03-06 14:00", closed="03-06 15:00", holder="alice",
               customer="cust2", replies=["03-06 14:30"],
               assignments=[("alice", "03-06 14:20", None)],
               wraps=[("alice", "resolved")], survey=(4, 8, None, "Merci")),
    "P1": dict(channel="phone", received="03-05 10:00", closed="03-05 10:08:45", holder="alice",
               customer="cust3", call=("03-05 10:00:45", "03-05 10:06:45"),
               assignments=[("alice", "03-05 10:00:45", "03-05 10:08:45")],
               wraps=[("alice", "resolved")], survey=(3, 6, 4, "Bien mais lent")),
    "P2": dict(channel="phone", received="03-05 10:00", closed="03-05 10:04:30", holder="bob",
               call=("03-05 10:01:30", "03-05 10:03:30"),
               assignments=[("bob", "03-05 10:01:30", "03-05 10:04:30")],
               wraps=[("bob", "transferred", "superseded"), ("bob", "follow_up")]),
    "I1": dict(channel="instagram", received="03-04 15:00", closed="03-04 15:40", holder="bob",
               replies=["03-04 15:20"], assignments=[("bob", "03-04 15:10", "03-04 15:40")],
               wraps=[("bob", "transferred")], survey=(4, None, 1, "")),
    "F1": dict(channel="facebook", received="03-07 09:00", closed="03-07 09:10", holder="alice",
               assignments=[("alice", "03-07 09:05", "03-07 09:10")],
               wraps=[("alice", "no_answer_needed")]),
    "L1": dict(channel="letter", received="03-02 07:00"),
    "L2": dict(channel="letter", received="03-08 12:00"),
    "M1": dict(channel="email", received="03-08 20:00", status="in_progress", holder="alice",
               assignments=[("alice", "03-09 08:00", None)]),
    "L0": dict(channel="letter", received="02-27 09:00", closed="03-03 09:00", holder="alice",
               customer="cust1", replies=["03-03 08:00"],
               assignments=[("alice", "03-03 07:30", "03-03 09:00")],
               wraps=[("alice", "resolved")]),
    "Q1": dict(channel="email", received="02-24 09:00", closed="02-24 11:00", holder="alice",
               customer="cust3", replies=["02-24 10:00"],
               assignments=[("alice", "02-24 10:00", "02-24 11:00")],
               wraps=[("alice", "resolved")]),
    "Q2": dict(channel="phone", received="02-25 10:00", closed="02-25 10:06:30", holder="bob",
               call=("02-25 10:00:30", "02-25 10:05:30"),
               assignments=[("bob", "02-25 10:00:30", "02-25 10:06:30")],
               wraps=[("bob", "resolved")], survey=(4, 9, 3, "Rapide")),
    "FU1": dict(channel="email", received="03-04 09:00", customer="cust1", parent="E1"),
    "R1": dict(channel="email", received="03-09 13:00", customer="cust1"),
    "Z0": dict(channel="email", received="02-20 09:00", closed="02-20 10:00", holder="alice",
               wraps=[("alice", "resolved")]),
    "S1": dict(channel="email", team="south", received="03-03 10:00", closed="03-03 12:00",
               holder="carol", customer="cust4", replies=["03-03 11:00"],
               assignments=[("carol", "03-03 11:00", "03-03 12:00")],
               wraps=[("carol", "resolved")], survey=(1, 0, 7, "Nul")),
}  # fmt: skip

CUSTOMERS = {
    "cust1": ("Anne", "Roux"),
    "cust2": ("Marc", "Blanc"),
    "cust3": ("Léa", "Noir"),
    "cust4": ("Paul", "Vert"),
}


def write(db: Database, advisors: dict[str, uuid.UUID], teams: dict[str, uuid.UUID]) -> dict:
    """Writes the data set as the owner; returns the contacts' ids by reference."""
    ids = {ref: new_id() for ref in CONTACTS}
    customers = {name: new_id() for name in CUSTOMERS}
    reason = new_id()
    with db.session() as s:
        s.execute(
            insert(ReasonCode).values(
                id=reason, code="t_ind", label_en="Test", label_fr="Test", category="test"
            )
        )
        for name, (first, last) in CUSTOMERS.items():
            s.execute(insert(Customer).values(id=customers[name], first_name=first, last_name=last))
        for ref in sorted(CONTACTS, key=lambda r: CONTACTS[r].get("parent") is not None):
            _contact(s, ref, CONTACTS[ref], ids, customers, advisors, teams, reason)
    return ids


def _contact(s: Any, ref: str, c: dict, ids: dict, customers: dict, advisors: dict,
             teams: dict, reason: uuid.UUID) -> None:  # fmt: skip
    received = at(c["received"])
    closed = at(c["closed"]) if "closed" in c else None
    status = "closed" if closed else c.get("status", "queued")
    call = c.get("call")
    s.execute(
        insert(Contact).values(
            id=ids[ref], reference=f"T-{ref}", channel=c["channel"],
            direction="outbound" if c.get("parent") else "inbound", status=status,
            customer_id=customers[c["customer"]] if "customer" in c else None,
            sender_display=f"Expéditeur {ref}", sender_address=f"{ref.lower()}@example.org",
            subject=f"Sujet {ref}", received_at=received, due_at=received + timedelta(hours=4),
            team_id=teams[c.get("team", "north")],
            assigned_to=advisors[c["holder"]] if "holder" in c else None,
            closed_at=closed, parent_id=ids[c["parent"]] if "parent" in c else None,
            call_started_at=at(call[0]) if call else None,
            call_ended_at=at(call[1]) if call else None,
        )
    )  # fmt: skip
    s.execute(
        insert(Message).values(
            id=new_id(), contact_id=ids[ref], direction="inbound", body_text="Bonjour",
            created_at=received,
        )
    )  # fmt: skip
    for reply in c.get("replies", []):
        s.execute(
            insert(Message).values(
                id=new_id(), contact_id=ids[ref], direction="outbound", body_text="Réponse",
                author_id=advisors[c["holder"]], created_at=at(reply),
            )
        )  # fmt: skip
    for advisor, start, end in c.get("assignments", []):
        s.execute(
            insert(ContactAssignment).values(
                id=new_id(), contact_id=ids[ref], advisor_id=advisors[advisor],
                started_at=at(start), ended_at=at(end) if end else None,
            )
        )  # fmt: skip
    wraps = c.get("wraps", [])
    made: list[uuid.UUID] = []
    for i, (advisor, outcome, *_superseded) in enumerate(wraps):
        made.append(new_id())
        s.execute(
            insert(WrapUp).values(
                id=made[-1], contact_id=ids[ref], advisor_id=advisors[advisor],
                reason_code_id=reason, outcome=outcome, self_assessment=3,
                created_at=(closed or received) - timedelta(minutes=len(wraps) - i),
                supersedes_id=made[-2] if i and wraps[i - 1][2:] else None,
            )
        )  # fmt: skip
    if "survey" in c:
        csat, nps, effort, comment = c["survey"]
        s.execute(
            insert(SurveyAnswer).values(
                id=new_id(), contact_id=ids[ref], csat=csat, nps=nps, effort=effort,
                comment=comment, answered_at=closed + timedelta(hours=3),
            )
        )  # fmt: skip
