"""Headless commands: what ``relais central …``, ``user``, ``connect`` and ``sync`` do, without
any window."""

import getpass
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from app.db import Database, sqlite_url
from app.errors import InputError
from app.i18n import QT_TRANSLATE_NOOP, Translate, no_translation
from app.migrations import upgrade
from app.paths import private_sqlite
from app.settings import Settings

if TYPE_CHECKING:
    from app.sync.engine import SyncStatus
    from app.workspace import Workspace


def central_init(url: str, out: TextIO = sys.stdout, translate: Translate = no_translation) -> int:
    db = Database(url, "central")
    try:
        before, after = upgrade(db)
    finally:
        db.dispose()
    where = db.describe()
    if before is None:
        text = QT_TRANSLATE_NOOP("cli", "Created the central schema in {where} (revision {after}).")
    elif before == after:
        text = QT_TRANSLATE_NOOP(
            "cli", "The central schema in {where} is up to date (revision {after})."
        )
    else:
        text = QT_TRANSLATE_NOOP(
            "cli", "Upgraded the central schema in {where} from revision {before} to {after}."
        )
    print(translate("cli", text).format(where=where, before=before, after=after), file=out)
    return 0


def central_seed(
    url: str,
    customers: int,
    contacts: int,
    queue: int,
    rng_seed: int = 42,
    out: TextIO = sys.stdout,
    translate: Translate = no_translation,
) -> int:
    from app.seed.generator import seed, validate_sizes

    validate_sizes(customers, contacts, queue)
    db = Database(url, "central")
    try:
        upgrade(db)
        started = time.perf_counter()
        report = seed(
            db,
            customers,
            contacts,
            queue,
            rng_seed=rng_seed,
            progress=_progress_printer(out, translate),
        )
    finally:
        db.dispose()
    elapsed = time.perf_counter() - started
    done = QT_TRANSLATE_NOOP(
        "cli",
        "Seeded {where} in {seconds:.1f} s: {customers} customers, {contacts} past contacts, "
        "{queued} queued contacts, {templates} templates, {advisors} users.",
    )
    print(
        translate("cli", done).format(
            where=db.describe(),
            seconds=elapsed,
            customers=report.customers,
            contacts=report.contacts,
            queued=report.queued,
            templates=report.templates,
            advisors=report.advisors,
        ),
        file=out,
    )
    return 0


def _progress_printer(out: TextIO, translate: Translate) -> Callable[[str, int, int], None]:
    last = [0.0]

    def progress(stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if now - last[0] >= 2 or done == total:
            last[0] = now
            print(f"  {translate('seed', stage)}: {done}/{total}", file=out, flush=True)

    return progress


def connect(
    url: str,
    login: str | None,
    password: str | None,
    base: Path | None,
    settings: Settings,
    out: TextIO = sys.stdout,
    translate: Translate = no_translation,
    err: TextIO | None = None,
) -> int:
    """Connects this workstation: checks the login on the centre, copies the working set,
    remembers the centre and the login (in the settings, or in ``base`` for a workstation kept
    in another folder), and the password in the keyring when there is one — never elsewhere,
    even when it came inside the URL."""
    from app import credentials
    from app.connection import check_can_remember, open_connected, profile_for, remember

    profile, in_url = profile_for(url, login)
    if in_url is not None:
        warning = QT_TRANSLATE_NOOP(
            "cli",
            "Warning: passwords do not belong in URLs (shell histories and process lists keep "
            "them). Relais keeps this one in the system keyring only and remembers the URL "
            "without it; next time, leave it out and use --password-stdin.",
        )
        print(translate("cli", warning), file=err or sys.stderr)
    password = password or in_url
    check_can_remember(settings, base)  # before copying anything that would then be wasted
    ws = open_connected(profile, password, base)
    try:
        rows = ws.sync.cycle(force_check=True).pulled.rows
    finally:
        ws.close()
    remember(profile, settings, base)
    kept = password is not None and credentials.store(profile.centre, profile.login, password)
    text = QT_TRANSLATE_NOOP(
        "cli", "This workstation is connected to {centre} as {login} ({rows} recent changes)."
    )
    print(
        translate("cli", text).format(centre=profile.centre, login=profile.login, rows=rows),
        file=out,
    )
    if password is not None and not kept:
        note = QT_TRANSLATE_NOOP(
            "cli",
            "No system keyring is available: Relais will ask for the password at each start.",
        )
        print(translate("cli", note), file=out)
    return 0


def sync_once(
    ws: "Workspace", out: TextIO = sys.stdout, translate: Translate = no_translation
) -> int:
    report = ws.sync.cycle(force_check=True)
    text = QT_TRANSLATE_NOOP(
        "cli",
        "Synchronised in {seconds:.2f} s: {pushed} sent, {refused} refused, {pulled} received, "
        "{repaired} repaired.",
    )
    repaired = sum(report.checked.repaired.values()) if report.checked else 0
    print(
        translate("cli", text).format(
            seconds=report.seconds,
            pushed=report.pushed.applied,
            refused=report.pushed.refused,
            pulled=report.pulled.rows,
            repaired=repaired,
        ),
        file=out,
    )
    return 0


def sync_status(status: "SyncStatus", as_json: bool, out: TextIO = sys.stdout) -> int:
    if as_json:
        print(json.dumps(status.as_dict(), indent=2), file=out)
        return 0
    for key, value in status.as_dict().items():
        if key != "refusals":
            print(f"{key}: {value if value is not None else '-'}", file=out)
    for refusal in status.refusals:
        print(f"refused #{refusal['seq']} {refusal['table']}: {refusal['reason']}", file=out)
    return 0


def read_password(from_stdin: bool, translate: Translate, confirm: bool = False) -> str | None:
    """The password from standard input's first line, or typed at a terminal (twice when it is
    a new one); None when neither is possible."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\n") or None
    if not sys.stdin.isatty():
        return None
    first = getpass.getpass(translate("cli", QT_TRANSLATE_NOOP("cli", "Password: ")))
    if confirm:
        again = getpass.getpass(translate("cli", QT_TRANSLATE_NOOP("cli", "Again: ")))
        if again != first:
            raise InputError(QT_TRANSLATE_NOOP("errors", "The two passwords differ."))
    return first or None


def run(args: Any, settings: Settings, translate: Translate = no_translation) -> int:
    """Runs the headless command ``args`` names."""
    if args.command == "central":
        if args.central_command == "init":
            return central_init(args.url, translate=translate)
        return central_seed(
            args.url, args.customers, args.contacts, args.queue, args.seed, translate=translate
        )
    if args.command == "user":
        from app import users

        return users.run(args, translate)
    if args.command in ("surveys", "report"):
        from app.backoffice import commands as back_office

        return back_office.run(args, settings, translate)
    if args.command == "connectors":
        from app.connectors.service import serve

        return serve(args.config)
    if args.command == "ingest":
        from app.ingest import commands as ingest

        return ingest.run(args, translate)
    if args.command == "connect":
        password = read_password(args.password_stdin, translate)
        return connect(args.url, args.login, password, args.data_dir, settings, translate=translate)
    return _sync(args, settings, translate)


def _sync(args: Any, settings: Settings, translate: Translate) -> int:
    from app.connection import open_connected, remembered, workstation_dir
    from app.workspace import demo_dir, open_demo

    profile = None if args.demo else remembered(settings, args.data_dir)
    if not args.demo and profile is None:
        raise InputError(
            QT_TRANSLATE_NOOP("errors", "This workstation is not connected to a centre yet."),
            QT_TRANSLATE_NOOP("errors", "Run “relais connect --url …” first, or add --demo."),
        )
    if args.status:
        from app.sync.engine import read_status

        folder = demo_dir(args.data_dir) if profile is None else workstation_dir(args.data_dir)
        centre = "sqlite (demo)" if profile is None else profile.centre
        copy = folder / "workstation.sqlite3"
        if not copy.is_file():  # read without creating anything
            raise InputError(
                QT_TRANSLATE_NOOP("errors", "There is no workstation copy in {path} yet."),
                QT_TRANSLATE_NOOP(
                    "errors", "Run “relais connect --url …” (or “relais demo”) first."
                ),
                path=str(folder),
            )
        private_sqlite(copy)
        local = Database(sqlite_url(copy), "local")
        try:
            return sync_status(read_status(local, centre), args.json)
        finally:
            local.dispose()
    if profile is None:
        ws = open_demo(args.data_dir)
    else:
        from app import credentials

        password = (
            read_password(True, translate)
            if args.password_stdin
            else credentials.load(profile.centre, profile.login) or read_password(False, translate)
        )
        ws = open_connected(profile, password, args.data_dir)
    try:
        return sync_once(ws, translate=translate)
    finally:
        ws.close()
