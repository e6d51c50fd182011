"""The composition root of the core: one workspace = the centre, this workstation's copy, the
signed-in user and the services built on them.

Opening a workspace may take seconds the first time (creating the demo data set, copying the
snapshot): the interface calls it from a worker thread and shows progress meanwhile.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock, Timeout
from sqlalchemy import func, select

from app import migrations, snapshot
from app.db import Database, sqlite_url
from app.dto import Who
from app.errors import EnvironmentProblem, InputError
from app.i18n import QT_TRANSLATE_NOOP
from app.models import Advisor, Customer, Role, Team
from app.paths import PRIVATE_FILE, data_dir, ensure_writable_dir, private_file, private_sqlite
from app.services.contacts import ContactService
from app.services.customers import CustomerService
from app.services.incidents import IncidentService
from app.services.queue import QueueService
from app.services.reference import ReferenceService
from app.services.sync_problems import SyncProblemService
from app.services.templates import TemplateService
from app.sync import state
from app.sync.engine import SyncEngine

log = logging.getLogger(__name__)

DEMO_CUSTOMERS, DEMO_CONTACTS, DEMO_QUEUE = 400, 2_500, 60  # the demo centre's size
DEMO_LOGINS = {Role.ADVISOR: "demo", Role.SUPERVISOR: "superviseur"}

Progress = Callable[[str], None]


@dataclass
class Workspace:
    data_dir: Path
    central: Database
    local: Database
    who: Who
    queue: QueueService
    contacts: ContactService
    customers: CustomerService
    templates: TemplateService
    reference: ReferenceService
    problems: SyncProblemService
    incidents: IncidentService
    sync: SyncEngine
    lock: FileLock

    def pending_changes(self) -> int:
        """Operations in the outbox not yet accepted by the centre."""
        with self.local.session() as s:
            return state.outbox_counts(s).get("pending", 0)

    def close(self) -> None:
        """Releases the copy and the centre; closing again does nothing."""
        if not self.lock.is_locked:
            return
        self.local.optimize()
        self.local.dispose()
        self.central.dispose()
        self.lock.release()


def demo_dir(base: Path | None) -> Path:
    return base if base is not None else data_dir() / "demo"


def open_demo(
    base: Path | None = None, role: Role = Role.ADVISOR, progress: Progress | None = None
) -> Workspace:
    """The embedded default: an SQLite file plays the centre, seeded once with demo data."""
    say = progress or (lambda _text: None)
    folder = ensure_writable_dir(demo_dir(base))
    lock = FileLock(folder / "workspace.lock", timeout=0, mode=PRIVATE_FILE)
    try:
        lock.acquire()
    except Timeout as exc:
        raise EnvironmentProblem(
            QT_TRANSLATE_NOOP("errors", "Another Relais window is already using {path}."),
            QT_TRANSLATE_NOOP(
                "errors", "Switch to that window, or start this one with another --data-dir."
            ),
            path=str(folder),
        ) from exc
    try:
        private_file(folder / "workspace.lock")
        central = Database(sqlite_url(private_sqlite(folder / "central.sqlite3")), "central")
        say(QT_TRANSLATE_NOOP("progress", "Checking the central database…"))
        migrations.upgrade(central)
        if not _has_customers(central):
            from app.seed.generator import seed  # heavy: only imported when seeding

            say(QT_TRANSLATE_NOOP("progress", "Creating the demo data…"))
            seed(central, DEMO_CUSTOMERS, DEMO_CONTACTS, DEMO_QUEUE)
        local = Database(sqlite_url(private_sqlite(folder / "workstation.sqlite3")), "local")
        say(QT_TRANSLATE_NOOP("progress", "Opening this workstation's copy…"))
        migrations.upgrade(local)
        if not snapshot.has_snapshot(local):
            say(QT_TRANSLATE_NOOP("progress", "Copying the demo data to this workstation…"))
            snapshot.copy_all(central, local)
        local.optimize()
        who = find_user(local, DEMO_LOGINS[role])
    except BaseException:
        lock.release()
        raise
    return build(folder, central, local, who, lock)


def build(folder: Path, central: Database, local: Database, who: Who, lock: FileLock) -> Workspace:
    queue = QueueService(local, who, central)
    sync = SyncEngine(local, central, who, queue)
    return Workspace(
        data_dir=folder,
        central=central,
        local=local,
        who=who,
        queue=queue,
        contacts=ContactService(local, who, central=central),
        customers=CustomerService(local, who, central, lambda: sync.online is not False),
        templates=TemplateService(local, who),
        reference=ReferenceService(local),
        problems=SyncProblemService(local),
        incidents=IncidentService(local, central, who),
        sync=sync,
        lock=lock,
    )


def _has_customers(db: Database) -> bool:
    with db.session() as s:
        return bool(
            s.scalar(select(func.count()).select_from(select(Customer.id).limit(1).subquery()))
        )


def find_user(db: Database, login: str) -> Who:
    with db.session() as s:
        row = s.execute(
            select(Advisor, Team.name)
            .outerjoin(Team, Team.id == Advisor.team_id)
            .where(Advisor.login == login, Advisor.active)
        ).first()
        if row is None:
            raise InputError(
                QT_TRANSLATE_NOOP("errors", "There is no active user “{login}”."),
                QT_TRANSLATE_NOOP("errors", "Ask an administrator to add you."),
                login=login,
            )
        advisor, team_name = row
        return Who(
            advisor_id=advisor.id,
            login=advisor.login,
            display_name=advisor.display_name,
            role=advisor.role,
            team_id=advisor.team_id,
            team_name=team_name or "",
        )
