"""The watched folder of letters: a settled scan handed to the centre and moved to done/ only
once stored, a bad file to rejected/ with why, a centre down leaving the files for the next
round, a scan handed twice stored once; and the TOML's [letters] and [attachments] read."""

import os
import threading
import time
import uuid
from pathlib import Path

import pytest
from centres import owner, small_centre
from sqlalchemy import func, select

from app.connectors import config
from app.connectors.config import LettersConfig
from app.connectors.letters import SETTLED, LetterFolder
from app.db import Database
from app.enums import Channel
from app.ingest.attachments import MB, Limits
from app.models import Attachment, Contact


def _scan() -> bytes:
    return b"%PDF-1.7\n" + uuid.uuid4().bytes + b"\n%%EOF\n"


@pytest.fixture
def centre(tmp_path):
    made = small_centre("sqlite", tmp_path / "centre", (3, 5, 1))
    yield made
    made.drop()


def _letters(truth: Database) -> int:
    with truth.session() as s:
        return int(s.scalar(select(func.count()).where(Contact.channel == Channel.LETTER)) or 0)


def test_a_folder_of_scans_becomes_letters(centre, tmp_path) -> None:
    folder = tmp_path / "scans"
    central = Database(centre.url, "central")
    watcher = LetterFolder(LettersConfig(folder), central, threading.Event(), Limits())
    good, twice = _scan(), _scan()
    (folder / "a.pdf").write_bytes(good)
    (folder / "b.pdf").write_bytes(twice)
    (folder / "b copy.pdf").write_bytes(twice)
    (folder / "virus.exe").write_bytes(b"MZ\x90\x00")
    (folder / ".hidden.pdf").write_bytes(_scan())
    (folder / "fresh.pdf").write_bytes(_scan())
    old = time.time() - 10
    for name in ("a.pdf", "b.pdf", "b copy.pdf", "virus.exe"):
        os.utime(folder / name, (old, old))
    assert watcher.round() == 4
    assert sorted(p.name for p in (folder / "done").iterdir()) == ["a.pdf", "b copy.pdf", "b.pdf"]
    assert (folder / "rejected" / "virus.exe").exists()
    assert "not a scan" in (folder / "rejected" / "virus.exe.why.txt").read_text()
    assert (folder / "fresh.pdf").exists()  # still being written, perhaps: left for later
    assert (folder / ".hidden.pdf").exists()
    truth = owner(centre)
    assert _letters(truth) == 2  # the same scan twice is one letter
    with truth.session() as s:
        assert s.scalar(select(func.count()).select_from(Attachment)) >= 2
    assert watcher.round(now=time.time() + SETTLED + 1) == 1  # fresh.pdf, once settled
    truth.dispose()
    central.dispose()


def test_a_centre_down_leaves_the_files_for_the_next_round(tmp_path) -> None:
    folder = tmp_path / "scans"
    gone = Database("postgresql+psycopg://nobody:x@127.0.0.1:1/none", "central")
    watcher = LetterFolder(LettersConfig(folder), gone, threading.Event(), Limits(1 * MB, 2 * MB))
    (folder / "a.pdf").write_bytes(_scan())
    os.utime(folder / "a.pdf", (time.time() - 10,) * 2)
    assert watcher.round() == 0
    assert (folder / "a.pdf").exists() and not list((folder / "done").iterdir())
    gone.dispose()


def test_the_toml_reads_letters_and_attachments(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text(
        '[centre]\nurl = "sqlite:///c.db"\n[letters]\nfolder = "/srv/scans"\nteam = "Courrier"\n'
        "[attachments]\nmax_file_mb = 5\nmax_message_mb = 12.5\nfetch_timeout_seconds = 9\n",
        encoding="utf-8",
    )
    cfg = config.load(path)
    assert cfg.letters == LettersConfig(Path("/srv/scans"), "Courrier", 10.0)
    assert cfg.attachments.limits == Limits(5 * MB, int(12.5 * MB))
    assert cfg.attachments.fetch_timeout == 9 and cfg.attachments.http_base is None
