"""Webhook requests kept on disk between the platform's POST and the centre's answer.

A platform sends a request once, retries for a while when it is not acknowledged, and then
drops it. So the receiver answers 200 only once the request is on disk (written, flushed,
renamed into ``incoming/``: a crash leaves either the whole file or none), and a worker hands
what is there to the centre in the order it came, deleting each file once the centre holds its
contents. The centre may be down for hours: the files wait. A request that cannot be read goes
to ``rejected/`` beside a note of why, for an administrator to look at; it is never retried.

A service killed while writing a request leaves its ``.part`` file: that request was never
acknowledged (the platform sends it again), so the next start deletes it rather than let such
files pile up (found by the fault run, tests/faults/test_fault_connectors.py). One service owns
a spool folder.
"""

import logging
import os
import secrets
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from app.connectors.outgoing import PAUSES
from app.enums import Channel
from app.errors import RelaisError

_SUFFIX = ".json"


@dataclass(frozen=True)
class Kept:
    path: Path
    platform: Channel


class Spool:
    def __init__(self, root: Path) -> None:
        self.incoming = root / "incoming"
        self.rejected = root / "rejected"
        for folder in (root, self.incoming, self.rejected):
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        for partial in self.incoming.glob(".*.part"):  # a request never answered 200
            partial.unlink(missing_ok=True)

    def keep(self, platform: Channel, raw: bytes) -> Path:
        """Writes the request durably; OSError when the disk refuses (the platform is then
        told to send it again)."""
        name = f"{time.time_ns():020d}-{secrets.token_hex(6)}.{platform.value}{_SUFFIX}"
        partial = self.incoming / f".{name}.part"
        try:
            with open(partial, "xb") as file:
                file.write(raw)
                file.flush()
                os.fsync(file.fileno())
            os.replace(partial, self.incoming / name)
        except OSError:
            partial.unlink(missing_ok=True)
            raise
        _sync_folder(self.incoming)
        return self.incoming / name

    def pending(self) -> list[Kept]:
        """What waits for the centre, oldest first."""
        kept = []
        for path in sorted(self.incoming.glob(f"*{_SUFFIX}")):
            platform = path.name.removesuffix(_SUFFIX).rsplit(".", 1)[-1]
            try:
                kept.append(Kept(path, Channel(platform)))
            except ValueError:
                continue
        return kept

    def done(self, kept: Kept) -> None:
        kept.path.unlink(missing_ok=True)

    def reject(self, kept: Kept, why: str) -> Path:
        target = self.rejected / kept.path.name
        os.replace(kept.path, target)
        target.with_suffix(".why.txt").write_text(why + "\n", encoding="utf-8")
        return target


def _sync_folder(folder: Path) -> None:
    """The rename itself made durable (POSIX: the directory's entry is flushed with it)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class Handing:
    """What hands a spool to the centre in a thread of its own until ``stop`` is set: its
    ``drain`` hands what is kept, oldest first, and raises RelaisError while the centre does
    not answer; this loop waits and tries again with growing pauses, says each new problem once
    and says when the centre answers again. ``WHO`` names it in the log, ``WHAT`` one item."""

    WHO = ""
    WHAT = ""

    def __init__(self, stop: threading.Event, arrived: threading.Event) -> None:
        self._stop = stop
        self._arrived = arrived
        self._failures = 0
        self._last_problem = ""
        self._log = logging.getLogger(type(self).__module__)

    def drain(self) -> int:
        raise NotImplementedError

    def run(self) -> None:
        while not self._stop.is_set():
            self._arrived.clear()
            try:
                self.drain()
            except RelaisError as exc:
                self._problem(exc.text())
            except Exception:  # a bug: said in full, and the spool tried again
                self._log.exception("%s: unexpected failure", self.WHO)
                self._failures += 1
            if self._failures:
                self._stop.wait(PAUSES[min(self._failures, len(PAUSES)) - 1])
            else:
                self._arrived.wait(1.0)

    def _handed_one(self) -> None:
        """After the centre took an item: a problem said before is over."""
        if self._last_problem:
            self._log.info("%s: the centre answers again", self.WHO)
        self._failures, self._last_problem = 0, ""

    def _problem(self, text: str) -> None:
        self._failures += 1
        if text != self._last_problem:
            self._log.warning(
                "%s: the centre did not take %s: %s; trying again", self.WHO, self.WHAT, text
            )
            self._last_problem = text
