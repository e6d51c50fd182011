"""Connecting a workstation: the command line a technician uses, the keyring, bad input."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend

from app import commands, credentials
from app.errors import CentreUnreachable, LoginRefused
from app.settings import Settings

pytestmark = pytest.mark.postgres

RELAIS = shutil.which("relais") or str(Path(sys.executable).with_name("relais"))


class MemoryKeyring(KeyringBackend):
    """A keyring that forgets at exit: the real API, without a desktop session."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.saved: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.saved.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.saved[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.saved.pop((service, username), None)


@pytest.fixture
def memory_keyring():
    previous = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    yield ring
    keyring.set_keyring(previous)


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LANGUAGE": "en"}
    return subprocess.run(
        [RELAIS, *args], input=stdin, capture_output=True, text=True, timeout=120, env=env
    )


def test_connect_keeps_the_password_in_the_keyring_only(
    pg_centre, memory_keyring, isolated_dirs: Path, tmp_path: Path
) -> None:
    login = pg_centre.add_user("advisor", team="Équipe Paris 1")
    settings = Settings()
    profile = pg_centre.profile(login)
    commands.connect(profile.centre, login, login, tmp_path / "ws", settings)
    assert memory_keyring.saved == {("relais", f"{login}@{profile.centre}"): login}
    assert credentials.load(profile.centre, login) == login
    written = settings.path.read_text(encoding="utf-8")
    assert profile.centre in written and login in written
    for path in isolated_dirs.rglob("*"):
        if path.is_file() and path.suffix in (".json", ".log", ".txt", ".ini", ""):
            assert f":{login}@" not in path.read_text(errors="ignore")


def test_wrong_password_and_unknown_host_say_what_to_do(pg_centre, tmp_path: Path) -> None:
    login = pg_centre.add_user("advisor")
    profile = pg_centre.profile(login)
    with pytest.raises(LoginRefused):
        commands.connect(profile.centre, login, "wrong", tmp_path / "a", Settings())
    nowhere = "postgresql+psycopg://no-such-host.invalid:5432/relais"
    with pytest.raises(CentreUnreachable) as err:
        commands.connect(nowhere, login, "x", tmp_path / "b", Settings())
    assert "does not answer" in err.value.text()


def test_the_command_line_a_technician_uses(pg_centre, tmp_path: Path) -> None:
    """user add, connect, sync --once, sync --status --json — real processes, no keyring."""
    added = run(
        "user", "add", "cli_" + pg_centre.name[-6:], "--role", "advisor",
        "--team", "Équipe Paris 1", "--url", pg_centre.url, "--password-stdin",
        stdin="s3cret\n",
    )  # fmt: skip
    login = "cli_" + pg_centre.name[-6:]
    pg_centre.logins.append(login)
    assert added.returncode == 0, added.stderr
    assert "is ready" in added.stdout
    folder = str(tmp_path / "ws")
    profile = pg_centre.profile(login)
    connected = run(
        "connect", "--url", profile.centre, "--login", login, "--password-stdin",
        "--data-dir", folder, stdin="s3cret\n",
    )  # fmt: skip
    assert connected.returncode == 0, connected.stderr
    assert "connected to" in connected.stdout
    assert "No system keyring" in connected.stdout  # none in this session: asked each time
    synced = run("sync", "--once", "--data-dir", folder, "--password-stdin", stdin="s3cret\n")
    assert synced.returncode == 0, synced.stderr
    assert "Synchronised" in synced.stdout
    status = run("sync", "--status", "--json", "--data-dir", folder)
    assert status.returncode == 0, status.stderr
    facts = json.loads(status.stdout)
    assert facts["pending"] == 0 and facts["last_success"] and facts["last_error"] is None
    assert "s3cret" not in status.stdout + connected.stdout + synced.stdout
    wrong = run("sync", "--once", "--data-dir", folder, "--password-stdin", stdin="nope\n")
    assert wrong.returncode == 3 and "refused this login" in wrong.stderr
    assert "Traceback" not in wrong.stderr
