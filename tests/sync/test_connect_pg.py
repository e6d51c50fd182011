"""Connecting a workstation: the command line a technician uses, the keyring, bad input."""

import io
import json
import os
import secrets
import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from file_keyring import entries

from app import commands, credentials, users
from app.connection import Profile, open_connected, remembered
from app.errors import CentreUnreachable, EnvironmentProblem, LoginRefused
from app.settings import Settings

pytestmark = pytest.mark.postgres

RELAIS = shutil.which("relais") or str(Path(sys.executable).with_name("relais"))


def run(
    *args: str, stdin: str = "", env: dict[str, str] | None = None, unprivileged: bool = False
) -> subprocess.CompletedProcess[str]:
    command = [RELAIS, *args]
    if unprivileged and os.geteuid() == 0:
        # root writes in read-only folders: drop the capabilities that let it.
        if not shutil.which("setpriv"):
            pytest.skip("running as root without setpriv: a read-only folder cannot be made")
        command = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--", *command]
    return subprocess.run(
        command,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "LANGUAGE": "en", **(env or {})},
    )


def file_keyring_env(path: Path) -> dict[str, str]:
    """The environment that gives a ``relais`` process the test keyring kept in ``path``."""
    here = str(Path(__file__).parent)
    pythonpath = os.pathsep.join(p for p in (here, os.environ.get("PYTHONPATH")) if p)
    return {
        "PYTHON_KEYRING_BACKEND": "file_keyring.FileKeyring",
        "RELAIS_TEST_KEYRING": str(path),
        "PYTHONPATH": pythonpath,
    }


def test_connect_keeps_the_password_in_the_keyring_only(
    pg_centre, memory_keyring, isolated_dirs: Path, tmp_path: Path
) -> None:
    login = pg_centre.add_user("advisor", team="Équipe Paris 1")
    settings = Settings()
    profile = pg_centre.profile(login)
    commands.connect(profile.centre, login, login, None, settings)
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


def _user_with_password(pg_centre) -> tuple[str, str]:
    """A user whose password appears nowhere else (not their login), to look for it."""
    login, password = f"adv_{secrets.token_hex(3)}", f"Pw{secrets.token_hex(8)}"
    users.user_add(pg_centre.url, login, "advisor", "Équipe Paris 1", None, password, io.StringIO())
    pg_centre.logins.append(login)
    return login, password


def test_a_password_in_the_url_is_kept_in_the_keyring_and_nowhere_else(
    pg_centre, isolated_dirs: Path, tmp_path: Path
) -> None:
    """The URL a technician pastes, password included: connect, sync, status — then every file
    Relais wrote (settings, the copy and its WAL, the logs) and every keyring entry's name is
    searched for the password."""
    login, password = _user_with_password(pg_centre)
    ring = tmp_path / "keyring.json"
    env = file_keyring_env(ring)
    connected = run("connect", "--url", pg_centre.user_url(login, password), env=env)
    assert connected.returncode == 0, connected.stderr
    assert "passwords do not belong in URLs" in connected.stderr
    synced = run("sync", "--once", env=env)  # the password comes from the keyring
    assert synced.returncode == 0, synced.stderr
    shown = [run("sync", "--status", env=env), run("sync", "--status", "--json", env=env)]
    assert all(r.returncode == 0 for r in shown), [r.stderr for r in shown]
    for result in (connected, synced, *shown):
        assert password not in result.stdout + result.stderr
    bare = pg_centre.profile(login).centre
    assert json.loads(shown[1].stdout)["centre"] == bare
    searched = [p for p in isolated_dirs.rglob("*") if p.is_file()]
    assert any(p.name == "workstation.sqlite3" for p in searched)
    assert any(p.name == "relais.log" for p in searched)
    for path in searched:
        assert password.encode() not in path.read_bytes(), path
    settings = json.loads((isolated_dirs / "config" / "relais" / "settings.json").read_text())
    assert settings["central_url"] == bare and settings["login"] == login
    assert entries(ring) == [("relais", f"{login}@{bare}", password)]


def test_a_password_in_the_url_query_moves_too(pg_centre, memory_keyring, tmp_path: Path) -> None:
    login, password = _user_with_password(pg_centre)
    url = f"{pg_centre.profile(login).centre}?password={password}&user={login}"
    settings, err = Settings(), io.StringIO()
    commands.connect(url, None, None, None, settings, out=io.StringIO(), err=err)
    assert "passwords do not belong in URLs" in err.getvalue()
    assert password not in settings.path.read_text()
    bare = pg_centre.profile(login).centre
    assert memory_keyring.saved == {("relais", f"{login}@{bare}"): password}


def test_a_copy_that_recorded_a_password_forgets_it_on_opening(
    pg_centre, memory_keyring, tmp_path: Path
) -> None:
    """A copy made by an older Relais kept the centre's URL with its password: opening it keeps
    the URL without it, and the copy still opens."""
    login = pg_centre.add_user("advisor")
    folder = tmp_path / "ws"
    pg_centre.workstation(login, folder).close()
    leaked = pg_centre.user_url(login)
    with sqlite3.connect(folder / "workstation.sqlite3") as db:
        db.execute("UPDATE local_state SET value = ? WHERE key = 'centre'", (leaked,))
    db.close()
    open_connected(pg_centre.profile(login), login, folder).close()
    with sqlite3.connect(folder / "workstation.sqlite3") as db:
        (kept,) = db.execute("SELECT value FROM local_state WHERE key = 'centre'").fetchone()
    db.close()
    assert kept == pg_centre.profile(login).centre


def test_a_connection_into_another_folder_keeps_the_default_profile(
    pg_centre, memory_keyring, tmp_path: Path
) -> None:
    first, second = pg_centre.add_user("advisor"), pg_centre.add_user("advisor")
    centre = pg_centre.profile(first).centre
    settings = Settings()
    commands.connect(centre, first, first, None, settings, out=io.StringIO())
    before = settings.path.read_text(encoding="utf-8")
    other = tmp_path / "other"
    commands.connect(centre, second, second, other, Settings(), out=io.StringIO())
    assert settings.path.read_text(encoding="utf-8") == before
    assert remembered(Settings(), None) == Profile(centre, first)  # what a plain `relais` opens
    assert remembered(Settings(), other) == Profile(centre, second)
    assert stat.S_IMODE((other / "profile.json").stat().st_mode) == 0o600
    assert credentials.load(centre, first) == first and credentials.load(centre, second) == second


def test_connect_with_a_config_folder_in_the_way_refuses_before_copying(
    pg_centre, isolated_dirs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    login = pg_centre.add_user("advisor")
    blocker = isolated_dirs / "not-a-folder"
    blocker.parent.mkdir(parents=True, exist_ok=True)
    blocker.write_text("x")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(blocker))
    with pytest.raises(EnvironmentProblem) as err:
        commands.connect(pg_centre.profile(login).centre, login, login, None, Settings())
    assert "cannot save its settings" in err.value.text()
    assert not (isolated_dirs / "data" / "relais" / "workstation" / "workstation.sqlite3").exists()


def test_connect_with_a_read_only_config_folder_refuses_before_copying(
    pg_centre, isolated_dirs: Path
) -> None:
    login = pg_centre.add_user("advisor")
    config = isolated_dirs / "config" / "relais"
    config.mkdir(parents=True)
    config.chmod(0o500)
    result = run(
        "connect", "--url", pg_centre.profile(login).centre, "--login", login,
        "--password-stdin", stdin=f"{login}\n", unprivileged=True,
    )  # fmt: skip
    assert result.returncode == 3, result.stderr
    assert "cannot save its settings" in result.stderr and str(config) in result.stderr
    assert "Traceback" not in result.stderr
    assert not (isolated_dirs / "data" / "relais" / "workstation" / "workstation.sqlite3").exists()
