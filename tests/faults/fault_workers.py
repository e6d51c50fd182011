"""What the workstation processes of the fault runs do (a module of its own so a spawned child
imports it without importing pytest or the test module).

Each function runs in a child process, opens its own workstation copy exactly as the program
does (``open_connected``) and reports through files: a killed process must leave behind
everything the parent needs to judge what happened to it.
"""

import contextlib
import json
import os
import time
import uuid
from multiprocessing.synchronize import Event
from pathlib import Path
from typing import Any

from app.connection import Profile, open_connected
from app.errors import EnvironmentProblem


def claim_until_empty(centre: str, login: str, folder: str, out: str, start: Event) -> None:
    """Opens a workstation, says so (``out``.ready), waits for the start, then claims until
    the queue says empty; writes the claimed ids (in order) and the seconds spent claiming to
    ``out``."""
    ws = open_connected(Profile(centre, login), login, Path(folder))
    try:
        Path(out + ".ready").touch()
        start.wait()
        began = time.perf_counter()
        got: list[str] = []
        while (claimed := ws.queue.next_contact()) is not None:
            got.append(str(claimed.contact_id))
        seconds = time.perf_counter() - began
        advisor = str(ws.who.advisor_id)
    finally:
        ws.close()
    Path(out).write_text(
        json.dumps({"login": login, "advisor": advisor, "claimed": got, "seconds": seconds})
    )


def append_line(path: Path, entry: dict[str, Any]) -> None:
    """Appends one JSON line and forces it to disk before returning: a line in the journal
    is a promise the test holds the workstation to."""
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, (json.dumps(entry) + "\n").encode())
        os.fsync(fd)
    finally:
        os.close(fd)


def read_journal(path: Path) -> list[dict[str, Any]]:
    """The journal's complete lines (a process killed mid-write leaves at most a torn last
    line, which promised nothing)."""
    if not path.exists():
        return []
    entries = []
    for line in path.read_text().splitlines(keepends=True):
        if line.endswith("\n"):
            entries.append(json.loads(line))
    return entries


CLAIM_EVERY = 25  # rounds on one contact before claiming the next


def note_body(round_no: int, run: int) -> str:
    return f"fault round {round_no} (run {run})"


def write_rounds(
    centre: str,
    login: str,
    folder: str,
    journal: str,
    rounds: int,
    run: int,
    opening: Event,
    ready: Event,
) -> None:
    """Rounds of write-then-sync, resuming after the last journaled round: claim a contact
    (every CLAIM_EVERY rounds) or reuse the current one, add a note naming the round, journal
    it once the local write has returned, sync. ``opening`` and ``ready`` tell the parent
    when the copy starts and finishes opening, so it can kill inside either stretch."""
    path = Path(journal)
    done = read_journal(path)
    opening.set()
    ws = open_connected(Profile(centre, login), login, Path(folder))
    ready.set()
    contact: uuid.UUID | None = uuid.UUID(done[-1]["contact"]) if done else None
    first = done[-1]["round"] + 1 if done else 1
    try:
        for round_no in range(first, rounds + 1):
            if contact is None or round_no % CLAIM_EVERY == 1:
                claimed = ws.queue.next_contact()
                if claimed is None:
                    raise RuntimeError("the queue ran dry: seed more queued contacts")
                contact = claimed.contact_id
            note = ws.contacts.add_note(contact, note_body(round_no, run))
            append_line(
                path,
                {"round": round_no, "run": run, "note": str(note.id), "contact": str(contact)},
            )
            with contextlib.suppress(EnvironmentProblem):
                ws.sync.cycle()  # failing, the next round's sync (or the final one) sends it
    finally:
        ws.close()
