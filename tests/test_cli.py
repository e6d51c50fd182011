"""The ``relais`` command as a user runs it: real processes, real exit codes, no tracebacks."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

RELAIS = shutil.which("relais") or str(Path(sys.executable).with_name("relais"))


def run(
    *args: str,
    timeout: int = 180,
    lang: str = "en",
    env: dict[str, str] | None = None,
    unprivileged: bool = False,
) -> subprocess.CompletedProcess[str]:
    command = [RELAIS, *args]
    if unprivileged and os.geteuid() == 0:
        # root writes in read-only folders: drop the capabilities that let it.
        if not shutil.which("setpriv"):
            pytest.skip("running as root without setpriv: a read-only folder cannot be made")
        command = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--", *command]
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        LANGUAGE=lang,
        LANG=f"{lang}_US.UTF-8",
        **(env or {}),
    )
    return subprocess.run(
        command, capture_output=True, text=True, timeout=timeout, env=env, check=False
    )


def no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr + result.stdout


def test_version_and_help() -> None:
    version = run("--version")
    assert version.returncode == 0 and version.stdout.startswith("relais ")
    helped = run("--help")
    assert helped.returncode == 0
    assert "demo" in helped.stdout and "central" in helped.stdout


def test_help_in_french() -> None:
    helped = run("--lang", "fr", "demo", "--help")
    assert helped.returncode == 0
    assert "démo" in helped.stdout


def test_central_init_says_what_it_did(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'central.sqlite3'}"
    first = run("central", "init", "--url", url)
    assert first.returncode == 0, first.stderr
    assert "Created the central schema" in first.stdout
    again = run("central", "init", "--url", url)
    assert "up to date" in again.stdout


def test_central_seed_at_a_chosen_scale(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'central.sqlite3'}"
    seeded = run(
        "central", "seed", "--url", url, "--customers", "50", "--contacts", "120", "--queue", "10"
    )
    assert seeded.returncode == 0, seeded.stderr
    assert "Seeded" in seeded.stdout


@pytest.mark.parametrize(
    "sizes",
    [
        ("--customers", "-5"),
        ("--queue", "999999999999"),
        ("--customers", "abc"),
    ],
)
def test_absurd_seed_sizes_are_refused_clearly(tmp_path: Path, sizes: tuple[str, str]) -> None:
    url = f"sqlite:///{tmp_path / 'central.sqlite3'}"
    result = run("central", "seed", "--url", url, *sizes)
    assert result.returncode != 0
    assert result.stderr.strip()
    no_traceback(result)
    assert not (tmp_path / "central.sqlite3").exists() or sizes[1] == "abc"


def test_a_central_url_that_does_not_answer(tmp_path: Path) -> None:
    result = run(
        "central", "init", "--url", "postgresql+psycopg://u:secret@127.0.0.1:1/x?connect_timeout=2"
    )
    assert result.returncode == 3
    assert "does not answer" in result.stderr
    assert "secret" not in result.stderr
    no_traceback(result)


def test_a_bad_url_is_refused() -> None:
    result = run("central", "init", "--url", "nonsense")
    assert result.returncode == 2
    assert "is not a database URL" in result.stderr
    no_traceback(result)


def test_demo_screenshot(tmp_path: Path) -> None:
    shot = tmp_path / "main.png"
    result = run("demo", "--data-dir", str(tmp_path / "demo"), "--screenshot", str(shot))
    assert result.returncode == 0, result.stderr
    assert shot.stat().st_size > 20_000
    assert shot.read_bytes().startswith(b"\x89PNG")


def test_demo_in_an_impossible_data_directory(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    result = run(
        "demo", "--data-dir", str(blocker / "demo"), "--screenshot", str(tmp_path / "x.png")
    )
    assert result.returncode == 3
    assert "is a file, not a folder" in result.stderr or "cannot use the folder" in result.stderr
    no_traceback(result)


def test_a_corrupt_local_database_is_explained_and_kept(tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    folder.mkdir()
    broken = folder / "workstation.sqlite3"
    broken.write_bytes(b"garbage" * 1000)
    result = run("demo", "--data-dir", str(folder), "--screenshot", str(tmp_path / "x.png"))
    assert result.returncode == 3
    assert "damaged" in result.stderr
    assert broken.read_bytes().startswith(b"garbage")
    no_traceback(result)


@pytest.fixture(params=["read-only", "a file in the way"])
def unwritable_logs(request, isolated_dirs: Path) -> tuple[dict[str, str], bool]:
    """An environment whose log folder cannot be written, and whether the command must run
    without root's power to write anyway."""
    state = isolated_dirs / "state"
    if request.param == "read-only":
        state.mkdir(parents=True)
        state.chmod(0o500)
        return {"XDG_STATE_HOME": str(state)}, True
    state.parent.mkdir(parents=True, exist_ok=True)
    state.write_text("not a folder")
    return {"XDG_STATE_HOME": str(state / "sub")}, False


def test_an_unwritable_log_folder_prints_no_traceback(
    unwritable_logs: tuple[dict[str, str], bool], demo_dir: Path, tmp_path: Path
) -> None:
    env, unprivileged = unwritable_logs
    shot = tmp_path / "x.png"
    for args, code in (
        (("sync", "--status"), 2),  # not connected: says so
        (("sync", "--status", "--demo", "--data-dir", str(demo_dir)), 0),
        (("sync", "--once", "--demo", "--data-dir", str(demo_dir)), 0),
        (("central", "init", "--url", "nonsense"), 2),
        (("demo", "--data-dir", str(demo_dir), "--screenshot", str(shot)), 0),
    ):
        result = run(*args, env=env, unprivileged=unprivileged)
        assert result.returncode == code, (args, result.stderr)
        no_traceback(result)
        assert "Cannot write the log" in result.stderr  # said once, in one line
        # Qt's chatter stays out (but for one line printed before logging is set up at all)
        assert result.stderr.count("propagateSizeHints") <= 1
    assert shot.read_bytes().startswith(b"\x89PNG")


BUG = """
import sys
from app import commands

def bug(*args, **kwargs):
    raise RuntimeError("a bug")

commands.run = bug
from ui import entry
sys.exit(entry.main(["sync", "--status"]))
"""


def test_an_unexpected_error_without_a_log_folder_prints_no_traceback(
    isolated_dirs: Path, tmp_path: Path
) -> None:
    """The ``relais`` entry point meeting a bug while no log file can be written."""
    blocker = isolated_dirs / "state"
    blocker.parent.mkdir(parents=True, exist_ok=True)
    blocker.write_text("not a folder")
    env = dict(os.environ, LANGUAGE="en", XDG_STATE_HOME=str(blocker / "sub"))
    result = subprocess.run(
        [sys.executable, "-c", BUG],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 1
    assert "unexpected error (reference" in result.stderr
    no_traceback(result)
    assert "RuntimeError: a bug" in result.stderr  # one line, not the stack


# -- exit codes of bad URLs and of schemas from a newer Relais --------------------------------

BAD_URLS = [
    ("postgresql+psycopg://h:notaport/db", "is not a database URL"),
    ("postgresql+psycopg://u:s3cret@127.0.0.1:99999/db", "not between 1 and 65535"),
    ("postgresql+psycopg://[::1/db", "is not a database URL"),
    ("postgresql+psycopg://u:s3cret@127.0.0.1:1/db?sslmode=bogus", "sslmode=bogus"),
]

# Many runs of the entry point in one process (each its own argv, standard input and error),
# so a dozen commands cost one interpreter start.
ENTRY_RUNS = """
import contextlib, io, json, sys
from ui import entry

results = []
for argv in json.loads(sys.stdin.read()):
    err = io.StringIO()
    sys.stdin = io.StringIO("s3cret\\n")
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = entry.main(argv)
    results.append([code, err.getvalue()])
print(json.dumps(results))
"""


def relais_runs(*argvs: tuple[str, ...]) -> list[tuple[int, str]]:
    """``relais ARGV`` for each ARGV, through the entry point; exit codes and standard errors."""
    import json

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LANGUAGE="en", LANG="en_US.UTF-8")
    done = subprocess.run(
        [sys.executable, "-c", ENTRY_RUNS],
        input=json.dumps(argvs),
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    results = [(code, err) for code, err in json.loads(done.stdout.splitlines()[-1])]
    for _code, err in results:
        assert "Traceback" not in err
    return results


def commands_given(url: str, tmp_path: Path) -> list[tuple[str, ...]]:
    return [
        ("connect", "--url", url, "--login", "marie", "--password-stdin", "--data-dir",
         str(tmp_path / "ws")),
        ("central", "init", "--url", url),
        ("user", "add", "marie", "--role", "advisor", "--url", url, "--password-stdin"),
    ]  # fmt: skip


def test_a_bad_url_is_bad_input_for_every_command(tmp_path: Path) -> None:
    runs = [(args, says) for url, says in BAD_URLS for args in commands_given(url, tmp_path)]
    for (args, says), (code, err) in zip(runs, relais_runs(*(a for a, _ in runs)), strict=True):
        assert code == 2, (args, err)
        assert says in err, (args, err)
        assert "s3cret" not in err


@pytest.mark.postgres
def test_a_database_that_does_not_exist_is_bad_input(pg_url: str, tmp_path: Path) -> None:
    from sqlalchemy import make_url

    url = make_url(pg_url).set(database="relais_no_such_db").render_as_string(False)
    # connect with the URL's own (right) login and password: only the database is wrong
    runs = [
        ("connect", "--url", url, "--data-dir", str(tmp_path / "ws")),
        *commands_given(url, tmp_path)[1:],
    ]
    for args, (code, err) in zip(runs, relais_runs(*runs), strict=True):
        assert code == 2, (args, err)
        assert "no such database" in err and "database name" in err, (args, err)


def test_schemas_from_a_newer_relais_are_explained(tmp_path: Path, demo_dir: Path) -> None:
    """A centre (``central init``) or a workstation's copy stamped by a newer Relais: exit 3."""
    import sqlite3

    central = tmp_path / "central.sqlite3"
    init = ("central", "init", "--url", f"sqlite:///{central}")
    assert relais_runs(init)[0][0] == 0
    for path in (central, demo_dir / "workstation.sqlite3"):
        with sqlite3.connect(path) as conn:
            conn.execute("UPDATE alembic_version SET version_num = 'ffffffffffff'")
    sync = ("sync", "--once", "--demo", "--data-dir", str(demo_dir))
    (init_code, init_err), (sync_code, sync_err) = relais_runs(init, sync)
    assert init_code == 3
    assert "newer Relais" in init_err and "nothing was changed" in init_err
    assert sync_code == 3
    assert "This workstation's copy" in sync_err and "newer Relais" in sync_err
