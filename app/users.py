"""``relais user …``: the users of a centre, their login roles and the group roles that carry
their rights.

On PostgreSQL each user is a login role of the server, member of one of this centre's own group
roles (``centre_role``, made by the central migrations): the role decides what the user may read,
the centre's functions what they may write. Roles belong to the whole server, so ``user add``
takes only logins that are free or already users of this centre: never a superuser, a group role,
or a role some other centre or program made. Each command is one transaction: all or nothing.
"""

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TextIO

from sqlalchemy import Connection, insert, select, text, update

from app import limits
from app.clock import utcnow
from app.db import Database, storage_errors
from app.errors import InputError
from app.i18n import QT_TRANSLATE_NOOP, Marked, Translate, no_translation
from app.ids import new_id
from app.models import Advisor, CentreLogin, CentreRole, Role, Team, table_of
from app.sync.handshake import check_schema

LOGIN_PATTERN = re.compile(r"[a-z][a-z0-9_.-]{1,62}")
RESERVED = ("pg_", "relais_")  # PostgreSQL's own roles, the group roles of centres

# A session left idle inside a transaction holds back every workstation's pull (app.sync.cursor):
# the server ends it after this long.
IDLE_IN_TRANSACTION = "60s"

CONNECTOR = "connector"
"""The role of a connector's login (app.ingest): a group role of the centre, not a person's."""


def run(args: Any, translate: Translate) -> int:
    from app.commands import read_password

    if args.user_command == "list":
        return user_list(args.url, translate=translate)
    if args.user_command in ("disable", "enable"):
        return user_enable(args.url, args.login, args.user_command == "enable", translate=translate)
    check_login(args.login)
    check_names(args.team, args.name)
    password = None
    if not Database(args.url, "central").is_sqlite:
        password = read_password(args.password_stdin, translate, confirm=True)
    return user_add(
        args.url, args.login, args.role, args.team, args.name, password, translate=translate
    )


def check_login(login: str) -> None:
    """Refuses what cannot be a Relais login: PostgreSQL would take almost anything, a user's
    screen and a log line should not."""
    if not LOGIN_PATTERN.fullmatch(login) or login.startswith(RESERVED) or login == "public":
        raise InputError(
            QT_TRANSLATE_NOOP("errors", "“{login}” cannot be a login."),
            QT_TRANSLATE_NOOP(
                "errors",
                "Use 2 to 63 lower-case letters, digits, dots, dashes or underscores, starting "
                "with a letter (not “pg_” nor “relais_”).",
            ),
            login=login.encode("unicode_escape").decode()[:80],
        )


def check_names(team: str | None, display_name: str | None) -> None:
    """A team's and a user's names: one line, within what the centre stores."""
    for value, table, column, what in (
        (team, table_of(Team), "name", QT_TRANSLATE_NOOP("errors", "team name")),
        (display_name, table_of(Advisor), "display_name", QT_TRANSLATE_NOOP("errors", "name")),
    ):
        if value is None:
            continue
        limit = limits.max_length(table, column)
        if not value.strip() or any(ch < " " for ch in value) or len(value) > (limit or 0):
            raise InputError(
                QT_TRANSLATE_NOOP(
                    "errors", "The {what} must be one line of 1 to {limit} characters."
                ),
                QT_TRANSLATE_NOOP("errors", "Give a shorter name, on one line."),
                what=Marked("errors", what),
                limit=limit,
            )


def _no_such_user(login: str) -> InputError:
    return InputError(
        QT_TRANSLATE_NOOP("errors", "{login} is not a user of this centre."),
        QT_TRANSLATE_NOOP("errors", "“relais user list --url …” lists them."),
        login=login,
    )


def _foreign_role(login: str, why: str) -> InputError:
    return InputError(
        QT_TRANSLATE_NOOP("errors", "{login} already exists on this database server and {why}."),
        QT_TRANSLATE_NOOP(
            "errors", "Choose another login: Relais never takes over a role it did not make."
        ),
        login=login,
        why=Marked("errors", why),
    )


@contextmanager
def _owner(url: str) -> Iterator[tuple[Database, Connection]]:
    """One transaction on the centre as its owner, after the schema handshake."""
    db = Database(url, "central")
    try:
        check_schema(db)
        with storage_errors(db), db.engine.begin() as conn:
            yield db, conn
    finally:
        db.dispose()


def _groups(conn: Connection) -> dict[str, str]:
    return dict(conn.execute(select(CentreRole.role, CentreRole.name)).all())


def _role_of(conn: Connection, login: str) -> str | None:
    """None when no role of that name exists; 'ours' when this centre made it for one of its
    users; else why it cannot be taken."""
    row = conn.execute(
        text(
            "SELECT r.rolsuper, r.rolcanlogin, "
            "EXISTS (SELECT 1 FROM centre_login c WHERE c.login = r.rolname) AS ours, "
            "EXISTS (SELECT 1 FROM pg_auth_members m WHERE m.roleid = r.oid) AS has_members "
            "FROM pg_roles r WHERE r.rolname = :login"
        ),
        {"login": login},
    ).first()
    if row is None:
        return None
    if row.rolsuper:
        return QT_TRANSLATE_NOOP("errors", "is a superuser")
    if row.ours:
        return "ours"
    if row.has_members or not row.rolcanlogin:
        return QT_TRANSLATE_NOOP("errors", "is a group role")
    return QT_TRANSLATE_NOOP("errors", "is not a user of this centre")


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
    """Provisions a user on the centre, or changes their role, team, name and password: their
    advisor row and, on PostgreSQL, their own login role in this centre's group role for
    ``role``."""
    check_login(login)
    check_names(team, display_name)
    if role == CONNECTOR:
        return _connector_add(url, login, password, out, translate)
    kind = Role(role)
    with _owner(url) as (db, conn):
        postgres = not db.is_sqlite
        groups = _groups(conn) if postgres else {}
        if postgres:
            if not password:
                raise InputError(
                    QT_TRANSLATE_NOOP("errors", "A PostgreSQL user needs a password."),
                    QT_TRANSLATE_NOOP(
                        "errors", "Type it when asked, or pipe it with --password-stdin."
                    ),
                )
            existing = _role_of(conn, login)
            if existing not in (None, "ours"):
                raise _foreign_role(login, existing)
        _advisor_row(conn, login, kind, team, display_name)
        if postgres:
            _login_role(conn, login, kind, password or "", groups)
    done = QT_TRANSLATE_NOOP("cli", "User {login} ({role}) is ready on {where}.")
    print(translate("cli", done).format(login=login, role=role, where=db.describe()), file=out)
    return 0


def _connector_add(
    url: str, login: str, password: str | None, out: TextIO, translate: Translate
) -> int:
    """A connector's login: in this centre's ``connector`` group role, which may hand messages
    to ``relais_receive`` and do nothing else. It is no advisor: no row, no queue, no reading."""
    with _owner(url) as (db, conn):
        if db.is_sqlite:
            raise InputError(
                QT_TRANSLATE_NOOP("errors", "The embedded centre has no logins."),
                QT_TRANSLATE_NOOP("errors", "Hand it messages with relais ingest … --demo."),
            )
        if not password:
            raise InputError(
                QT_TRANSLATE_NOOP("errors", "A PostgreSQL user needs a password."),
                QT_TRANSLATE_NOOP(
                    "errors", "Type it when asked, or pipe it with --password-stdin."
                ),
            )
        existing = _role_of(conn, login)
        if existing not in (None, "ours"):
            raise _foreign_role(login, existing)
        if conn.scalar(select(Advisor.id).where(Advisor.login == login)) is not None:
            raise _foreign_role(login, QT_TRANSLATE_NOOP("errors", "is a person's login"))
        _login_role(conn, login, CONNECTOR, password, _groups(conn))
    done = QT_TRANSLATE_NOOP("cli", "User {login} ({role}) is ready on {where}.")
    print(translate("cli", done).format(login=login, role=CONNECTOR, where=db.describe()), file=out)
    return 0


def _advisor_row(
    conn: Connection, login: str, role: Role, team: str | None, display_name: str | None
) -> None:
    team_id = None
    if team:
        team_id = conn.scalar(select(Team.id).where(Team.name == team))
        if team_id is None:
            team_id = new_id()
            conn.execute(insert(Team), {"id": team_id, "name": team})
    current = conn.execute(
        select(Advisor.id, Advisor.team_id).where(Advisor.login == login)
    ).first()
    if current is None:
        conn.execute(
            insert(Advisor),
            {
                "id": new_id(),
                "login": login,
                "display_name": display_name or login,
                "role": role,
                "team_id": team_id,
                "language": "fr",
                "active": True,
            },
        )
        return
    changes: dict[str, Any] = {"role": role, "active": True}
    if team:
        changes["team_id"] = team_id
    if display_name:
        changes["display_name"] = display_name
    conn.execute(update(Advisor).where(Advisor.id == current.id).values(changes))


def _login_role(
    conn: Connection, login: str, role: str, password: str, groups: dict[str, str]
) -> None:
    from psycopg import sql

    driver = conn.connection.driver_connection
    cursor = driver.cursor()  # type: ignore[union-attr]
    exists = conn.scalar(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": login})
    # Hashed here by libpq (as psql's \password does), in the server's own scheme: the
    # statement, and so the server's log, never holds the password itself.
    hashed = sql.Literal(
        driver.pgconn.encrypt_password(password.encode(), login.encode()).decode()  # type: ignore[union-attr]
    )
    name = sql.Identifier(login)
    if exists:  # one of ours (checked above)
        cursor.execute(sql.SQL("ALTER ROLE {} LOGIN PASSWORD {}").format(name, hashed))
    else:
        cursor.execute(
            sql.SQL("CREATE ROLE {} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD {}").format(
                name, hashed
            )
        )
        conn.execute(insert(CentreLogin), {"login": login, "created_at": utcnow()})
    cursor.execute(
        sql.SQL("ALTER ROLE {} SET idle_in_transaction_session_timeout = {}").format(
            name, sql.Literal(IDLE_IN_TRANSACTION)
        )
    )
    _membership(cursor, login, role, groups)


def _membership(cursor: Any, login: str, role: str | None, groups: dict[str, str]) -> None:
    """The login in this centre's group role for ``role`` and in no other of its groups (None:
    in none)."""
    from psycopg import sql

    others = [name for kind, name in groups.items() if role is None or kind != role]
    cursor.execute(
        sql.SQL("REVOKE {} FROM {}").format(
            sql.SQL(", ").join(map(sql.Identifier, others)), sql.Identifier(login)
        )
    )
    if role is not None:
        cursor.execute(
            sql.SQL("GRANT {} TO {}").format(sql.Identifier(groups[role]), sql.Identifier(login))
        )


@dataclass(frozen=True)
class UserLine:
    login: str
    name: str
    role: str
    team: str
    active: bool
    can_log_in: bool | None  # None: no login role (the embedded centre, or never given one)


def users(url: str) -> list[UserLine]:
    with _owner(url) as (db, conn):
        rows = conn.execute(
            select(Advisor.login, Advisor.display_name, Advisor.role, Team.name, Advisor.active)
            .outerjoin(Team, Team.id == Advisor.team_id)
            .order_by(Advisor.login)
        ).all()
        logins: dict[str, bool] = {}
        if not db.is_sqlite:
            groups = _groups(conn)
            logins = dict(
                conn.execute(
                    text(
                        "SELECT r.rolname, r.rolcanlogin FROM pg_roles r "
                        "WHERE EXISTS (SELECT 1 FROM pg_auth_members m JOIN pg_roles g "
                        "ON g.oid = m.roleid WHERE m.member = r.oid AND g.rolname = ANY (:g)) "
                        "OR r.rolname IN (SELECT login FROM advisor)"
                    ),
                    {"g": list(groups.values())},
                ).all()
            )
        connectors = [] if db.is_sqlite else _connectors(conn)
    people = [
        UserLine(login, name, str(role), team or "", active, logins.get(login))
        for login, name, role, team, active in rows
    ]
    machines = [UserLine(login, "", CONNECTOR, "", can, can) for login, can in connectors]
    return sorted(people + machines, key=lambda line: line.login)


def _connectors(conn: Connection) -> list[tuple[str, bool]]:
    """This centre's connector logins (made by ``relais user add --role connector``) and
    whether each may sign in."""
    group = _groups(conn).get(CONNECTOR)
    if group is None:
        return []
    rows = conn.execute(
        text(
            "SELECT r.rolname, r.rolcanlogin FROM pg_roles r "
            "JOIN pg_auth_members m ON m.member = r.oid JOIN pg_roles g ON g.oid = m.roleid "
            "WHERE g.rolname = :g AND r.rolname IN (SELECT login FROM centre_login)"
        ),
        {"g": group},
    ).all()
    return [(str(login), bool(can)) for login, can in rows]


def user_list(url: str, out: TextIO = sys.stdout, translate: Translate = no_translation) -> int:
    def t(text: str) -> str:
        return translate("cli", text)

    states = {
        True: t(QT_TRANSLATE_NOOP("cli", "active")),
        False: t(QT_TRANSLATE_NOOP("cli", "disabled")),
    }
    logins = {
        True: t(QT_TRANSLATE_NOOP("cli", "may sign in")),
        False: t(QT_TRANSLATE_NOOP("cli", "cannot sign in")),
        None: t(QT_TRANSLATE_NOOP("cli", "no database login")),
    }
    header = (
        t(QT_TRANSLATE_NOOP("cli", "login")),
        t(QT_TRANSLATE_NOOP("cli", "role")),
        t(QT_TRANSLATE_NOOP("cli", "state")),
        t(QT_TRANSLATE_NOOP("cli", "database")),
        t(QT_TRANSLATE_NOOP("cli", "team")),
        t(QT_TRANSLATE_NOOP("cli", "name")),
    )
    print(
        f"{header[0]:<24} {header[1]:<10} {header[2]:<9} {header[3]:<18} {header[4]:<24} "
        f"{header[5]}",
        file=out,
    )
    for line in users(url):
        print(
            f"{line.login:<24} {line.role:<10} {states[line.active]:<9} "
            f"{logins[line.can_log_in]:<18} {line.team:<24} {line.name}",
            file=out,
        )
    return 0


def user_enable(
    url: str,
    login: str,
    enable: bool,
    out: TextIO = sys.stdout,
    translate: Translate = no_translation,
) -> int:
    """Disables a user (their login stops working and every right goes at once, their sessions
    end; their history stays) or enables them again with their role and password."""
    check_login(login)
    with _owner(url) as (db, conn):
        role = conn.scalar(select(Advisor.role).where(Advisor.login == login))
        if role is None:
            if db.is_sqlite or login not in dict(_connectors(conn)):
                raise _no_such_user(login)
            # A connector keeps its group: without LOGIN nobody can be it.
            _sign_in(conn, login, enable)
        else:
            conn.execute(update(Advisor).where(Advisor.login == login).values(active=enable))
            if not db.is_sqlite:
                _database_access(conn, login, Role(role) if enable else None)
    if enable:
        done = QT_TRANSLATE_NOOP("cli", "User {login} may sign in again on {where}.")
    else:
        done = QT_TRANSLATE_NOOP(
            "cli", "User {login} is disabled on {where}; their history is kept."
        )
    print(translate("cli", done).format(login=login, where=db.describe()), file=out)
    return 0


def _database_access(conn: Connection, login: str, role: Role | None) -> None:

    groups = _groups(conn)
    existing = _role_of(conn, login)
    if existing is None:
        return  # a user never given a login role: nothing to open or close
    if existing != "ours":
        raise _foreign_role(login, existing)
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    _membership(cursor, login, role, groups)
    _sign_in(conn, login, role is not None)


def _sign_in(conn: Connection, login: str, enable: bool) -> None:
    """Lets the login sign in, or stops it and ends its sessions."""
    from psycopg import sql

    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    verb = "LOGIN" if enable else "NOLOGIN"
    cursor.execute(sql.SQL("ALTER ROLE {} " + verb).format(sql.Identifier(login)))
    if not enable:  # and the sessions it has open end, where this owner may end them
        conn.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE usename = :login AND pid <> pg_backend_pid() "
                "AND pg_has_role(current_user, 'pg_signal_backend', 'MEMBER')"
            ),
            {"login": login},
        )
