"""``relais user …``: the users of a centre, their login roles and the group roles that carry
their rights."""

import re
import sys
from typing import Any, TextIO

from sqlalchemy import select, text

from app.db import Database, storage_errors
from app.errors import InputError
from app.i18n import QT_TRANSLATE_NOOP, Translate, no_translation
from app.models import Advisor, Role, Team
from app.sync.handshake import check_schema


def run(args: Any, translate: Translate) -> int:
    from app.commands import read_password

    password = None
    if not Database(args.url, "central").is_sqlite:
        password = read_password(args.password_stdin, translate, confirm=True)
    return user_add(
        args.url, args.login, args.role, args.team, args.name, password, translate=translate
    )


LOGIN_PATTERN = re.compile(r"^[a-z][a-z0-9_.-]{1,62}$")


def user_add(
    url: str,
    login: str,
    role: str,
    team: str | None,
    display_name: str | None,
    password: str | None,
    out: TextIO = sys.stdout,
    translate: Translate = no_translation,
) -> int:
    """Provisions a user on the centre: their advisor row and, on PostgreSQL, their own login
    role in the group role that carries their rights (grants and row-level security)."""
    if not LOGIN_PATTERN.match(login):
        raise InputError(
            QT_TRANSLATE_NOOP("errors", "“{login}” cannot be a login."),
            QT_TRANSLATE_NOOP(
                "errors",
                "Use 2 to 63 lower-case letters, digits, dots, dashes or underscores, "
                "starting with a letter.",
            ),
            login=login,
        )
    db = Database(url, "central")
    try:
        check_schema(db)
        with db.session() as s:
            team_id = None
            if team:
                found = s.scalars(select(Team).where(Team.name == team)).first()
                if found is None:
                    found = Team(name=team)
                    s.add(found)
                    s.flush()
                team_id = found.id
            advisor = s.scalars(select(Advisor).where(Advisor.login == login)).first()
            if advisor is None:
                advisor = Advisor(login=login, display_name=display_name or login, role=role)
                s.add(advisor)
            advisor.role = Role(role)
            advisor.team_id = team_id if team else advisor.team_id
            advisor.active = True
            if display_name:
                advisor.display_name = display_name
        if not db.is_sqlite:
            if not password:
                raise InputError(
                    QT_TRANSLATE_NOOP("errors", "A PostgreSQL user needs a password."),
                    QT_TRANSLATE_NOOP(
                        "errors", "Type it when asked, or pipe it with --password-stdin."
                    ),
                )
            _database_role(db, login, Role(role), password)
    finally:
        db.dispose()
    text = QT_TRANSLATE_NOOP("cli", "User {login} ({role}) is ready on {where}.")
    print(translate("cli", text).format(login=login, role=role, where=db.describe()), file=out)
    return 0


def _database_role(db: Database, login: str, role: Role, password: str) -> None:
    from psycopg import sql

    with storage_errors(db), db.engine.begin() as conn:
        driver = conn.connection.driver_connection
        cursor = driver.cursor()  # type: ignore[union-attr]
        exists = conn.scalar(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": login})
        verb = "ALTER" if exists else "CREATE"
        # Hashed here by libpq (as psql's \password does), in the server's own scheme: the
        # statement, and so the server's log, never holds the password itself.
        hashed = driver.pgconn.encrypt_password(password.encode(), login.encode())  # type: ignore[union-attr]
        cursor.execute(
            sql.SQL(verb + " ROLE {} LOGIN PASSWORD {}").format(
                sql.Identifier(login), sql.Literal(hashed.decode())
            )
        )
        groups = [f"relais_{r.value}" for r in Role]
        cursor.execute(
            sql.SQL("REVOKE {} FROM {}").format(
                sql.SQL(", ").join(map(sql.Identifier, groups)), sql.Identifier(login)
            )
        )
        cursor.execute(
            sql.SQL("GRANT {} TO {}").format(
                sql.Identifier(f"relais_{role.value}"), sql.Identifier(login)
            )
        )
