"""Headless commands: what ``relais central …`` does, without any window."""

import sys
import time
from collections.abc import Callable
from typing import TextIO

from app.db import Database
from app.i18n import QT_TRANSLATE_NOOP, Translate, no_translation
from app.migrations import upgrade


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
