"""The ``relais`` command as a user runs it: real processes, real exit codes, no tracebacks."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

RELAIS = shutil.which("relais") or str(Path(sys.executable).with_name("relais"))


def run(*args: str, timeout: int = 180, lang: str = "en") -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LANGUAGE=lang, LANG=f"{lang}_US.UTF-8")
    return subprocess.run(
        [RELAIS, *args], capture_output=True, text=True, timeout=timeout, env=env, check=False
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
