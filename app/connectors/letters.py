"""``[letters] folder``: the mail room's scans, each made a letter contact.

A scanner or a person drops a file in the folder; once it has not changed for a few seconds
(a copy still under way is left alone), it is handed to the centre (app.ingest.letter) and,
only once the centre has committed it, moved to ``done/``. A file the centre refuses, or that
is no scan, goes to ``rejected/`` beside a ``.why.txt`` saying why, for a person to look at.
A centre that does not answer leaves the files where they are, tried again at the next round;
a service killed between the commit and the move hands the file again, and the centre, which
knows the scan by its SHA-256, stores it once.
"""

import logging
import os
import threading
import time
from pathlib import Path

from app.connectors.config import LettersConfig
from app.db import Database
from app.errors import InputError, RelaisError
from app.ingest import letter
from app.ingest.attachments import Limits
from app.ingest.receive import receive

log = logging.getLogger(__name__)

SETTLED = 2.0
"""Seconds a file must be left unchanged before it is read (a scanner writes as it goes)."""


class LetterFolder:
    def __init__(
        self, config: LettersConfig, central: Database, stop: threading.Event, limits: Limits
    ) -> None:
        self.config = config
        self.done = config.folder / "done"
        self.rejected = config.folder / "rejected"
        for folder in (config.folder, self.done, self.rejected):
            folder.mkdir(mode=0o750, parents=True, exist_ok=True)
        self._central = central
        self._stop = stop
        self._limits = limits
        self._down = False

    def run(self) -> None:
        log.info("letters: watching %s", self.config.folder)
        while not self._stop.is_set():
            self.round()
            self._stop.wait(self.config.poll_seconds)

    def waiting(self, now: float | None = None) -> list[Path]:
        """The files ready to read, oldest first."""
        now = time.time() if now is None else now
        found = []
        for path in self.config.folder.iterdir():
            if path.name.startswith(".") or not path.is_file() or path.suffix == ".part":
                continue
            try:
                changed = path.stat().st_mtime
            except OSError:
                continue
            if now - changed >= SETTLED:
                found.append((changed, path))
        return [p for _, p in sorted(found)]

    def round(self, now: float | None = None) -> int:
        """Each file ready, handed to the centre; returns how many were settled."""
        settled = 0
        for path in self.waiting(now):
            if self._stop.is_set():
                break
            try:
                raw = path.read_bytes() if path.stat().st_size <= letter.MAX_SCAN_BYTES else b""
                inbound = letter.parse(raw, path.name, team=self.config.team, limits=self._limits)
                got = receive(self._central, inbound)
            except InputError as exc:
                self._reject(path, exc.text())
                settled += 1
                continue
            except OSError as exc:
                log.warning("letters: %s cannot be read: %s", path.name, exc)
                continue
            except RelaisError as exc:
                if not self._down:
                    log.warning("letters: the centre did not answer: %s", exc.text())
                self._down = True
                break
            self._down = False
            _move(path, self.done)
            log.info("letters: %s: %s %s", path.name, got.outcome.value, got.reference or "")
            settled += 1
        return settled

    def _reject(self, path: Path, why: str) -> None:
        target = _move(path, self.rejected)
        target.with_name(target.name + ".why.txt").write_text(why + "\n", encoding="utf-8")
        log.warning("letters: %s rejected: %s", path.name, why)


def _move(path: Path, folder: Path) -> Path:
    """``path`` into ``folder``, under a new name if one is taken (a scan named the same)."""
    target = folder / path.name
    n = 1
    while target.exists():
        target = folder / f"{path.stem} ({n}){path.suffix}"
        n += 1
    os.replace(path, target)
    return target
