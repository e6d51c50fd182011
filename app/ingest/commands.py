"""``relais ingest …``: messages handed to the centre from files, by an administrator or a demo,
through the same parsing and the same ``receive`` as the connector service."""

import os
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

from app import credentials
from app.connectors.config import CENTRE_PASSWORD as PASSWORD_VARIABLE
from app.db import Database, sqlite_url
from app.errors import InputError, RelaisError
from app.i18n import QT_TRANSLATE_NOOP, Translate
from app.ingest import calls, letter, mail, webhook
from app.ingest.calls import CallEvent
from app.ingest.inbound import Outcome, Received
from app.ingest.receive import receive, receive_all

_SAID = {
    Outcome.NEW: QT_TRANSLATE_NOOP("cli", "{file}: new contact {reference}"),
    Outcome.JOINED: QT_TRANSLATE_NOOP("cli", "{file}: added to contact {reference}"),
    Outcome.FOLLOW_ON: QT_TRANSLATE_NOOP(
        "cli", "{file}: new contact {reference}, following a closed one"
    ),
    Outcome.DUPLICATE: QT_TRANSLATE_NOOP("cli", "{file}: received before, in contact {reference}"),
    Outcome.IGNORED: QT_TRANSLATE_NOOP("cli", "{file}: automatic message, no contact opened"),
}


def run(args: Any, translate: Translate, out: TextIO | None = None) -> int:
    """Each file in turn: one that cannot be read or is refused is said so, and the others
    still go in. Exit status 2 when any was refused."""
    out = out or sys.stdout
    if args.ingest_command == "call":
        return _call(args, translate, out)
    failed = 0
    hooks = args.ingest_command == "webhook"
    if hooks:
        webhook.platform_of(args.platform)  # a wrong name said before any centre is asked
    with _centre(args, translate) as central:
        for path in args.files:
            try:
                if args.ingest_command == "letter":
                    raw = _read(path, letter.MAX_SCAN_BYTES)
                    inbound = letter.parse(raw, path.name, args.customer, args.team)
                    print(_said(receive(central, inbound), path, translate), file=out)
                    continue
                if not hooks:
                    received = receive(central, mail.parse(_read(path), team=args.team))
                    print(_said(received, path, translate), file=out)
                    continue
                raw = _read(path, webhook.MAX_REQUEST_BYTES)
                handed = receive_all(central, webhook.parse(args.platform, raw, args.team))
            except InputError as exc:
                failed += 1
                print(f"{path}: {exc.text(translate)}", file=sys.stderr)
                continue
            for received in handed.received:
                print(_said(received, path, translate), file=out)
            for key, problem in handed.refused:
                failed += 1
                print(f"{path}: {key}: {problem.text(translate)}", file=sys.stderr)
            if handed.moved:
                said = translate("cli", QT_TRANSLATE_NOOP("cli", "{file}: {count} replies moved"))
                print(said.format(file=path, count=handed.moved), file=out)
            elif not handed.received and not handed.refused:
                said = translate(
                    "cli",
                    QT_TRANSLATE_NOOP(
                        "cli", "{file}: no message, and no reply of this centre concerned"
                    ),
                )
                print(said.format(file=path), file=out)
    return 2 if failed else 0


def _call(args: Any, translate: Translate, out: TextIO) -> int:
    """One telephony event, as the CTI endpoint hands it (source ``cli``); its call id is
    printed so that answered and ended can follow it."""
    call_id = args.call_id or uuid.uuid4().hex[:12]
    event = CallEvent("cli", call_id, args.event, args.caller, args.advisor, team=args.team)
    with _centre(args, translate) as central:
        try:
            said = calls.hand(central, event)
        except InputError as exc:
            print(exc.text(translate), file=sys.stderr)
            return 2
    text = translate(
        "cli",
        QT_TRANSLATE_NOOP("cli", "call {call}: contact {reference}, {state}, for {advisor}"),
    )
    nobody = translate("cli", QT_TRANSLATE_NOOP("cli", "the team's queue"))
    print(
        text.format(
            call=call_id, reference=said.reference, state=said.state, advisor=said.advisor or nobody
        ),
        file=out,
    )
    return 0


def _said(received: Received, path: Path, translate: Translate) -> str:
    text = translate("cli", _SAID[received.outcome])
    return text.format(file=path, reference=received.reference or "")


def _read(path: Path, limit: int = mail.MAX_MAIL_BYTES) -> bytes:
    try:
        size = path.stat().st_size
        if size > limit:  # refused before it is read into memory
            return b" " * (limit + 1)
        return path.read_bytes()
    except OSError as exc:
        raise InputError(
            QT_TRANSLATE_NOOP("errors", "{path} cannot be read: {why}."),
            QT_TRANSLATE_NOOP("errors", "Check the file's name and its rights."),
            path=str(path),
            why=exc.strerror or type(exc).__name__,
        ) from exc


@contextmanager
def _centre(args: Any, translate: Translate) -> Iterator[Database]:
    """The demo's embedded centre, or a centre at ``--url`` as the connector ``--login``."""
    if args.demo:
        from app.workspace import demo_dir

        file = demo_dir(args.data_dir) / "central.sqlite3"
        if not file.is_file():
            raise InputError(
                QT_TRANSLATE_NOOP("errors", "There is no demo centre in {path} yet."),
                QT_TRANSLATE_NOOP("errors", "Start “relais demo” once first."),
                path=str(file.parent),
            )
        db = Database(sqlite_url(file), "central")
    else:
        db = _connector_centre(args, translate)
    try:
        yield db
    finally:
        db.dispose()


def _connector_centre(args: Any, translate: Translate) -> Database:
    from app.commands import read_password
    from app.connection import profile_for

    if not args.url:
        raise InputError(
            QT_TRANSLATE_NOOP("errors", "Say which centre the messages go to."),
            QT_TRANSLATE_NOOP("errors", "Add --url and --login of a connector, or --demo."),
        )
    profile, given = profile_for(args.url, args.login)
    password = (
        given
        or (read_password(True, translate) if args.password_stdin else None)
        or os.environ.get(PASSWORD_VARIABLE)
        or credentials.load(profile.centre, profile.login)
    )
    if password is None:
        raise RelaisError(
            QT_TRANSLATE_NOOP("errors", "No password is known for {login} on this centre."),
            QT_TRANSLATE_NOOP(
                "errors", "Pipe it with --password-stdin, or set {variable} for the service."
            ),
            login=profile.login,
            variable=PASSWORD_VARIABLE,
        )
    return Database(profile.url(password).render_as_string(hide_password=False), "central")
