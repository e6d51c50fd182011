"""``relais ingest email``, as an administrator or a demo runs it: each file said, a bad one
refused in words while the others still go in, and the demo desk's queue showing the arrival."""

import sqlite3
from pathlib import Path

import pytest
from mails import mail

from app.cli import build_parser
from app.commands import run
from app.dto import QueueFilter
from app.settings import Settings
from app.workspace import open_demo


def _ingest(*argv: str) -> int:
    return run(build_parser().parse_args(["ingest", "email", *argv]), Settings(Path("unused")))


def test_mails_into_the_demo_reach_the_advisors_queue(demo_dir: Path, tmp_path, capsys) -> None:
    good = tmp_path / "good.eml"
    good.write_bytes(
        mail("lea@example.org", "Ma carte est bloquée", "Bonjour, ma carte ne passe plus.")
    )
    broken = tmp_path / "broken.eml"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n")
    missing = tmp_path / "missing.eml"
    status = _ingest(str(broken), str(good), str(missing), "--demo", "--data-dir", str(demo_dir))
    out, err = capsys.readouterr()
    assert status == 2
    assert "broken.eml: This file is not an e-mail" in err
    assert "missing.eml cannot be read" in err
    [said] = out.splitlines()
    assert said.startswith(f"{good}: new contact R-")
    reference = said.rsplit(" ", 1)[1]

    again = _ingest(str(good), "--demo", "--data-dir", str(demo_dir))
    assert again == 0
    assert f"received before, in contact {reference}" in capsys.readouterr().out

    ws = open_demo(demo_dir)
    try:
        ws.sync.cycle()
        rows = ws.queue.page(QueueFilter(), 0, 500)
    finally:
        ws.close()
    assert any(r.reference == reference for r in rows)


def test_without_a_centre_the_command_says_what_to_add(capsys) -> None:
    from app.errors import InputError

    with pytest.raises(InputError, match="Say which centre"):
        _ingest("x.eml")


def test_webhook_requests_into_the_demo(demo_dir: Path, tmp_path, capsys) -> None:
    samples = Path(__file__).parents[1] / "data" / "webhooks"
    broken = tmp_path / "broken.json"
    broken.write_text('{"object": "page"', encoding="utf-8")
    argv = ["ingest", "webhook", "whatsapp", str(samples / "whatsapp.json"), str(broken)]
    args = build_parser().parse_args([*argv, "--demo", "--data-dir", str(demo_dir)])
    assert run(args, Settings(Path("unused"))) == 2
    out, err = capsys.readouterr()
    assert "broken.json: This is not a whatsapp webhook request: not JSON" in err
    first, second = out.splitlines()
    assert first.startswith(f"{samples / 'whatsapp.json'}: new contact R-")
    assert second.startswith(f"{samples / 'whatsapp.json'}: added to contact R-")


def test_an_unknown_platform_is_said_before_any_centre_is_asked(capsys) -> None:
    from app.errors import InputError

    args = build_parser().parse_args(["ingest", "webhook", "telegram", "x.json"])
    with pytest.raises(InputError, match="telegram is not a platform Relais receives from"):
        run(args, Settings(Path("unused")))


def test_a_call_rung_for_the_demo_advisor_is_theirs_after_the_sync(demo_dir: Path, capsys) -> None:
    where = ("--demo", "--data-dir", str(demo_dir))
    with sqlite3.connect(demo_dir / "central.sqlite3") as db:
        [login] = db.execute("SELECT login FROM advisor WHERE role = 'advisor' LIMIT 1").fetchone()
    status = run(
        build_parser().parse_args(
            ["ingest", "call", "--from", "06 12 34 56 78", "--advisor", login, *where]
        ),
        Settings(Path("unused")),
    )
    out = capsys.readouterr().out
    assert status == 0 and f", ringing, for {login}" in out
    call_id, reference = out.split()[1].rstrip(":"), out.split()[3].rstrip(",")
    ended = run(
        build_parser().parse_args(
            ["ingest", "call", "--call-id", call_id, "--event", "ended", *where]
        ),
        Settings(Path("unused")),
    )
    assert ended == 0 and f"contact {reference}, missed, for the team's queue" in (
        capsys.readouterr().out
    )
    wrong = run(
        build_parser().parse_args(["ingest", "call", "--call-id", "x" * 201, *where]),
        Settings(Path("unused")),
    )
    assert wrong == 2 and "call id (1 to 200 characters)" in capsys.readouterr().err
