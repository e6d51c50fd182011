"""The command line: one parser for the interface and the headless commands.

The ``relais`` entry point lives on the ``ui`` side (it may open a window) and hands the headless
commands to ``app.commands``; both read the arguments parsed here.
"""

import argparse
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from app import __version__
from app.i18n import QT_TRANSLATE_NOOP, Translate, no_translation


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    return value


def build_parser(translate: Translate = no_translation) -> argparse.ArgumentParser:
    def t(text: str) -> str:
        return translate("cli", text)

    parser = argparse.ArgumentParser(
        prog="relais",
        description=t(
            QT_TRANSLATE_NOOP(
                "cli",
                "Relais: the customer-service advisor's workstation. Without a command, opens "
                "this workstation connected to its centre (asking where it is the first time).",
            )
        ),
    )
    parser.add_argument("--version", action="version", version=f"relais {__version__}")
    lang_help = t(QT_TRANSLATE_NOOP("cli", "interface language (default: the system's)"))
    parser.add_argument("--lang", choices=["fr", "en"], help=lang_help)
    common = argparse.ArgumentParser(add_help=False)
    # SUPPRESS: a --lang given before the command is not reset by the command's default.
    common.add_argument("--lang", choices=["fr", "en"], default=argparse.SUPPRESS, help=lang_help)
    common.add_argument(
        "--screenshot",
        type=Path,
        metavar="FILE.png",
        help=t(
            QT_TRANSLATE_NOOP(
                "cli", "save the main window to FILE.png once its data is loaded, then exit"
            )
        ),
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = sub.add_parser(
        "demo",
        parents=[common],
        help=t(QT_TRANSLATE_NOOP("cli", "open the embedded demo workspace (no server needed)")),
    )
    demo.add_argument(
        "--data-dir",
        type=Path,
        help=t(QT_TRANSLATE_NOOP("cli", "where the demo keeps its files")),
    )
    demo.add_argument(
        "--as",
        dest="role",
        choices=["advisor", "supervisor"],
        default="advisor",
        help=t(QT_TRANSLATE_NOOP("cli", "open as the demo advisor or as their supervisor")),
    )

    central = sub.add_parser(
        "central", help=t(QT_TRANSLATE_NOOP("cli", "create, upgrade or fill a central database"))
    )
    central_sub = central.add_subparsers(dest="central_command", metavar="ACTION", required=True)
    init = central_sub.add_parser(
        "init",
        help=t(QT_TRANSLATE_NOOP("cli", "create or upgrade the central schema")),
    )
    init.add_argument("--url", required=True, help="sqlite:///FILE or postgresql+psycopg://…")
    seed = central_sub.add_parser(
        "seed", help=t(QT_TRANSLATE_NOOP("cli", "fill a central database with demo data"))
    )
    seed.add_argument("--url", required=True)
    seed.add_argument("--customers", type=_positive, default=400)
    seed.add_argument("--contacts", type=_positive, default=2_500)
    seed.add_argument("--queue", type=_positive, default=60)
    seed.add_argument("--seed", type=_positive, default=42, help="random seed")

    password_stdin = t(
        QT_TRANSLATE_NOOP("cli", "read the password from the first line of standard input")
    )
    user = sub.add_parser(
        "user", help=t(QT_TRANSLATE_NOOP("cli", "provision users on a central database"))
    )
    user_sub = user.add_subparsers(dest="user_command", metavar="ACTION", required=True)
    add = user_sub.add_parser(
        "add",
        help=t(QT_TRANSLATE_NOOP("cli", "create a user (or change their role, team and password)")),
    )
    add.add_argument("login")
    add.add_argument(
        "--role", choices=["advisor", "supervisor", "admin", "connector"], required=True
    )
    add.add_argument("--team", help=t(QT_TRANSLATE_NOOP("cli", "the team's name")))
    add.add_argument("--name", help=t(QT_TRANSLATE_NOOP("cli", "the name colleagues see")))
    add.add_argument(
        "--url", required=True, help=t(QT_TRANSLATE_NOOP("cli", "the centre, as its owner"))
    )
    add.add_argument("--password-stdin", action="store_true", help=password_stdin)
    listing = user_sub.add_parser(
        "list", help=t(QT_TRANSLATE_NOOP("cli", "list the users of a centre and their state"))
    )
    listing.add_argument(
        "--url", required=True, help=t(QT_TRANSLATE_NOOP("cli", "the centre, as its owner"))
    )
    for action, text in (
        (
            "disable",
            QT_TRANSLATE_NOOP(
                "cli", "stop a user signing in; their rights go at once, their history stays"
            ),
        ),
        ("enable", QT_TRANSLATE_NOOP("cli", "let a disabled user sign in again")),
    ):
        switch = user_sub.add_parser(action, help=t(text))
        switch.add_argument("login")
        switch.add_argument(
            "--url", required=True, help=t(QT_TRANSLATE_NOOP("cli", "the centre, as its owner"))
        )

    connect = sub.add_parser(
        "connect",
        help=t(QT_TRANSLATE_NOOP("cli", "connect this workstation to a central database")),
    )
    connect.add_argument("--url", required=True, help="postgresql+psycopg://host:port/dbname")
    connect.add_argument("--login", help=t(QT_TRANSLATE_NOOP("cli", "your login")))
    connect.add_argument("--password-stdin", action="store_true", help=password_stdin)
    connect.add_argument("--data-dir", type=Path, help=argparse.SUPPRESS)

    sync = sub.add_parser(
        "sync", help=t(QT_TRANSLATE_NOOP("cli", "synchronise with the centre, or show the state"))
    )
    what = sync.add_mutually_exclusive_group(required=True)
    what.add_argument(
        "--once", action="store_true", help=t(QT_TRANSLATE_NOOP("cli", "run one sync and exit"))
    )
    what.add_argument(
        "--status",
        action="store_true",
        help=t(
            QT_TRANSLATE_NOOP(
                "cli", "pending operations, last success, last error, cursor (no network)"
            )
        ),
    )
    sync.add_argument("--json", action="store_true", help=t(QT_TRANSLATE_NOOP("cli", "as JSON")))
    sync.add_argument(
        "--demo",
        action="store_true",
        help=t(QT_TRANSLATE_NOOP("cli", "the demo workspace instead of the connected one")),
    )
    sync.add_argument("--data-dir", type=Path, help=argparse.SUPPRESS)
    sync.add_argument("--password-stdin", action="store_true", help=password_stdin)
    _back_office(sub, t, password_stdin)
    _ingest(sub, t, password_stdin)
    connectors = sub.add_parser(
        "connectors",
        help=t(QT_TRANSLATE_NOOP("cli", "the service that reads the channels into the centre")),
    )
    connectors_sub = connectors.add_subparsers(
        dest="connectors_command", metavar="ACTION", required=True
    )
    serve = connectors_sub.add_parser(
        "serve", help=t(QT_TRANSLATE_NOOP("cli", "run until stopped (SIGTERM), headless"))
    )
    serve.add_argument(
        "--config",
        type=Path,
        required=True,
        metavar="FILE.toml",
        help=t(QT_TRANSLATE_NOOP("cli", "the centre and the mailboxes (README: Connectors)")),
    )
    return parser


def _ingest(sub: Any, t: Callable[[str], str], password_stdin: str) -> None:
    """``relais ingest``: messages from files into the centre, as the connectors hand them."""
    ingest = sub.add_parser(
        "ingest",
        help=t(QT_TRANSLATE_NOOP("cli", "hand messages from files to the centre's queue")),
    )
    kinds = ingest.add_subparsers(dest="ingest_command", metavar="KIND", required=True)
    centre = argparse.ArgumentParser(add_help=False)
    where = centre.add_mutually_exclusive_group()
    where.add_argument(
        "--url", help=t(QT_TRANSLATE_NOOP("cli", "the centre, as a connector login"))
    )
    where.add_argument(
        "--demo",
        action="store_true",
        help=t(QT_TRANSLATE_NOOP("cli", "into the demo's embedded centre")),
    )
    centre.add_argument("--login", help=t(QT_TRANSLATE_NOOP("cli", "the connector's login")))
    centre.add_argument("--password-stdin", action="store_true", help=password_stdin)
    centre.add_argument("--data-dir", type=Path, help=argparse.SUPPRESS)
    team = t(QT_TRANSLATE_NOOP("cli", "the team whose mailbox or page received them"))
    emails = kinds.add_parser(
        "email",
        parents=[centre],
        help=t(QT_TRANSLATE_NOOP("cli", "e-mails saved as .eml files (RFC 5322)")),
    )
    emails.add_argument("files", type=Path, nargs="+", metavar="FILE.eml")
    emails.add_argument("--team", help=team)
    hooks = kinds.add_parser(
        "webhook",
        parents=[centre],
        help=t(
            QT_TRANSLATE_NOOP(
                "cli", "webhook requests of Messenger, Instagram, WhatsApp or X saved as JSON"
            )
        ),
    )
    hooks.add_argument("platform", metavar="PLATFORM", help="facebook, instagram, whatsapp, x")
    hooks.add_argument("files", type=Path, nargs="+", metavar="FILE.json")
    hooks.add_argument("--team", help=team)
    letters = kinds.add_parser(
        "letter",
        parents=[centre],
        help=t(QT_TRANSLATE_NOOP("cli", "scanned postal letters (PDF, PNG, JPEG or TIFF)")),
    )
    letters.add_argument("files", type=Path, nargs="+", metavar="SCAN.pdf")
    letters.add_argument(
        "--customer",
        metavar="REF",
        help=t(QT_TRANSLATE_NOOP("cli", "the account number written on the letter")),
    )
    letters.add_argument("--team", help=team)
    calls = kinds.add_parser(
        "call",
        parents=[centre],
        help=t(QT_TRANSLATE_NOOP("cli", "a telephony event: a call ringing, answered or ended")),
    )
    calls.add_argument(
        "--from",
        dest="caller",
        default="",
        metavar="NUMBER",
        help=t(QT_TRANSLATE_NOOP("cli", "the caller's number (empty: withheld)")),
    )
    calls.add_argument(
        "--advisor",
        metavar="LOGIN",
        help=t(QT_TRANSLATE_NOOP("cli", "the advisor whose phone rings or who answered")),
    )
    calls.add_argument("--event", choices=["ringing", "answered", "ended"], default="ringing")
    calls.add_argument(
        "--call-id",
        help=t(QT_TRANSLATE_NOOP("cli", "the telephony system's id of the call (default: new)")),
    )
    calls.add_argument("--team", help=team)


def _back_office(sub: Any, t: Callable[[str], str], password_stdin: str) -> None:
    """Commands that act on the centre as the user (``app.backoffice.commands``)."""
    centre = argparse.ArgumentParser(add_help=False)
    centre.add_argument(
        "--demo",
        action="store_true",
        help=t(
            QT_TRANSLATE_NOOP("cli", "on the demo's embedded centre instead of the connected one")
        ),
    )
    centre.add_argument(
        "--as",
        dest="role",
        choices=["advisor", "supervisor"],
        help=t(QT_TRANSLATE_NOOP("cli", "with --demo: as the demo advisor or supervisor")),
    )
    centre.add_argument("--password-stdin", action="store_true", help=password_stdin)
    centre.add_argument("--data-dir", type=Path, help=argparse.SUPPRESS)

    surveys = sub.add_parser(
        "surveys", help=t(QT_TRANSLATE_NOOP("cli", "customers' survey answers"))
    )
    surveys_sub = surveys.add_subparsers(dest="surveys_command", required=True)
    load = surveys_sub.add_parser(
        "import",
        parents=[centre],
        help=t(QT_TRANSLATE_NOOP("cli", "link a CSV file of survey answers to their contacts")),
    )
    load.add_argument("file", type=Path, help=t(QT_TRANSLATE_NOOP("cli", "the CSV file")))
    load.add_argument(
        "--dry-run",
        action="store_true",
        help=t(
            QT_TRANSLATE_NOOP("cli", "check the file and say what would happen, import nothing")
        ),
    )

    report = sub.add_parser("report", help=t(QT_TRANSLATE_NOOP("cli", "figures from the centre")))
    report_sub = report.add_subparsers(dest="report_command", required=True)
    alignment = report_sub.add_parser(
        "alignment",
        parents=[centre],
        help=t(
            QT_TRANSLATE_NOOP(
                "cli", "how the self-assessment, evaluations and surveys agree, per advisor"
            )
        ),
    )
    alignment.add_argument("--from", dest="start", type=_day, required=True, metavar="YYYY-MM-DD")
    alignment.add_argument("--to", dest="end", type=_day, required=True, metavar="YYYY-MM-DD")
    alignment.add_argument("--team", help=t(QT_TRANSLATE_NOOP("cli", "one team, by name")))
    alignment.add_argument("--advisor", help=t(QT_TRANSLATE_NOOP("cli", "one advisor, by login")))
    alignment.add_argument("--format", choices=["csv", "json"], default="csv")


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r}: YYYY-MM-DD") from exc
