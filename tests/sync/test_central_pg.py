"""The centre on PostgreSQL: schema, users, and rights enforced by the database itself."""

import io
import uuid

import psycopg
import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.exc import ProgrammingError

from app import commands, users
from app.clock import utcnow
from app.db import Database
from app.errors import InputError, LoginRefused
from app.ids import new_id
from app.models import Advisor, Contact, Evaluation, EvaluatorKind, ReasonCode, WrapUp

pytestmark = pytest.mark.postgres


def test_central_init_twice_says_up_to_date(pg_centre) -> None:
    out = io.StringIO()
    assert commands.central_init(pg_centre.url, out=out) == 0
    assert "up to date" in out.getvalue()


def test_user_add_refuses_a_login_that_is_not_one(pg_centre) -> None:
    with pytest.raises(InputError):
        users.user_add(pg_centre.url, "Robert'); DROP", "advisor", None, None, "x")


def _as(pg_centre, login: str):
    return create_engine(pg_centre.user_url(login))


def _write_assessments(pg_centre, logins: list[str]) -> dict[str, uuid.UUID]:
    """One closed contact and wrap-up per advisor, and an evaluation of it."""
    db = Database(pg_centre.url, "central")
    ids = {}
    with db.session() as s:
        reason = s.scalars(select(ReasonCode)).first()
        supervisor = s.scalars(select(Advisor).where(Advisor.role == "supervisor")).first()
        contact = s.scalars(select(Contact)).first()
        for login in logins:
            advisor = s.scalars(select(Advisor).where(Advisor.login == login)).one()
            wrap = WrapUp(
                contact_id=contact.id,
                advisor_id=advisor.id,
                reason_code_id=reason.id,
                outcome="resolved",
                self_assessment=3,
            )
            s.add(wrap)
            evaluated = Contact(
                reference=f"T{len(ids)}",
                channel="email",
                status="closed",
                due_at=utcnow(),
                assigned_to=advisor.id,
                team_id=advisor.team_id,
            )
            s.add(evaluated)
            s.flush()
            s.add(
                Evaluation(
                    contact_id=evaluated.id,
                    evaluator_id=supervisor.id,
                    advisor_id=advisor.id,
                    kind=EvaluatorKind.MANAGER,
                    score=3,
                )
            )
            ids[login] = advisor.id
    db.dispose()
    return ids


def test_row_level_security_by_role(pg_centre) -> None:
    alice = pg_centre.add_user("advisor", team="Nord")
    bob = pg_centre.add_user("advisor", team="Nord")
    carol = pg_centre.add_user("advisor", team="Sud")
    chief = pg_centre.add_user("supervisor", team="Nord")
    south_chief = pg_centre.add_user("supervisor", team="Sud")
    admin = pg_centre.add_user("admin")
    ids = _write_assessments(pg_centre, [alice, bob, carol])

    def seen(login: str) -> tuple[set[uuid.UUID], set[uuid.UUID]]:
        engine = _as(pg_centre, login)
        with engine.connect() as conn:
            wraps = set(conn.scalars(text("SELECT advisor_id FROM wrap_up")))
            evaluated = set(
                conn.scalars(
                    text(
                        "SELECT c.assigned_to FROM evaluation e JOIN contact c "
                        "ON c.id = e.contact_id"
                    )
                )
            )
        engine.dispose()
        return wraps & set(ids.values()), evaluated & set(ids.values())

    assert seen(alice) == ({ids[alice]}, {ids[alice]})
    assert seen(bob) == ({ids[bob]}, {ids[bob]})
    assert seen(chief) == ({ids[alice], ids[bob]}, {ids[alice], ids[bob]})
    assert seen(south_chief) == ({ids[carol]}, {ids[carol]})
    assert seen(admin) == (set(ids.values()), set(ids.values()))


def test_no_user_writes_a_table_directly(pg_centre) -> None:
    alice = pg_centre.add_user("advisor", team="Nord")
    bob = pg_centre.add_user("advisor", team="Nord")
    ids = _write_assessments(pg_centre, [alice, bob])
    engine = _as(pg_centre, alice)
    with pytest.raises(ProgrammingError, match="permission denied"), engine.begin() as conn:
        conn.execute(text("UPDATE template SET body = 'hacked'"))
    with pytest.raises(ProgrammingError, match="permission denied"), engine.begin() as conn:
        conn.execute(text("INSERT INTO template_version (id) VALUES (gen_random_uuid())"))
    with pytest.raises(ProgrammingError, match="permission denied"), engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO wrap_up (id, contact_id, advisor_id, reason_code_id, outcome, "
                "self_assessment, share, comment, created_at) SELECT :id, contact_id, "
                ":bob, reason_code_id, outcome, 4, 1, '', now() FROM wrap_up LIMIT 1"
            ),
            {"id": new_id(), "bob": ids[bob]},
        )
    engine.dispose()
    chief = pg_centre.add_user("supervisor", team="Nord")
    engine = _as(pg_centre, chief)
    with pytest.raises(ProgrammingError, match="permission denied"), engine.begin() as conn:
        conn.execute(text("UPDATE template SET active = active"))
    engine.dispose()


def test_a_wrong_password_is_refused_with_a_clear_message(pg_centre) -> None:
    alice = pg_centre.add_user("advisor")
    db = Database(pg_centre.user_url(alice, "not-the-password"), "central")
    with pytest.raises(LoginRefused) as err, db.session() as s:
        s.execute(text("SELECT 1"))
    assert "refused this login" in err.value.text()
    assert "not-the-password" not in err.value.text()
    db.dispose()


def test_user_add_sends_the_centre_a_hash_never_the_password(pg_centre, monkeypatch) -> None:
    sent: list[str] = []
    execute = psycopg.Cursor.execute

    def recording(self, query, *args, **kwargs):
        sent.append(query if isinstance(query, str) else query.as_string(self.connection))
        return execute(self, query, *args, **kwargs)

    monkeypatch.setattr(psycopg.Cursor, "execute", recording)
    password = "Corr3ct-Horse-Battery"
    users.user_add(pg_centre.url, "hashed_user", "advisor", None, None, password, io.StringIO())
    pg_centre.logins.append("hashed_user")
    monkeypatch.undo()
    roles = [s for s in sent if "ROLE" in s and "PASSWORD" in s]
    assert roles and all("SCRAM-SHA-256$" in s for s in roles)
    assert not any(password in s for s in sent)
    engine = create_engine(pg_centre.user_url("hashed_user", password))
    try:
        with engine.connect() as conn:  # the password itself still signs in
            assert conn.scalar(text("SELECT session_user")) == "hashed_user"
    finally:
        engine.dispose()


def test_user_list_disable_and_enable_as_an_administrator_reads_them(pg_centre) -> None:
    login = pg_centre.add_user("advisor", team="Nord")
    listed = io.StringIO()
    assert users.user_list(pg_centre.url, out=listed) == 0
    line = next(x for x in listed.getvalue().splitlines() if x.startswith(login))
    assert "advisor" in line and "active" in line and "may sign in" in line and "Nord" in line
    assert users.user_enable(pg_centre.url, login, False, out=io.StringIO()) == 0
    listed = io.StringIO()
    users.user_list(pg_centre.url, out=listed)
    line = next(x for x in listed.getvalue().splitlines() if x.startswith(login))
    assert "disabled" in line and "cannot sign in" in line
    refused = Database(pg_centre.user_url(login), "central")
    with pytest.raises(LoginRefused), refused.session() as s:
        s.execute(text("SELECT 1"))
    refused.dispose()
    assert users.user_enable(pg_centre.url, login, True, out=io.StringIO()) == 0
    engine = _as(pg_centre, login)
    with engine.connect() as conn:
        assert conn.scalar(text("SELECT relais_my_role()")) == "advisor"
    engine.dispose()


def test_a_connector_login_is_listed_disabled_and_enabled_like_a_user(pg_centre) -> None:
    """A connector's login sits beside the mailboxes' secrets: an administrator who fears it
    stolen stops it at once, and sees which connectors there are."""
    login = pg_centre.add_user("connector")
    listed = io.StringIO()
    users.user_list(pg_centre.url, out=listed)
    line = next(x for x in listed.getvalue().splitlines() if x.startswith(login))
    assert "connector" in line and "active" in line and "may sign in" in line
    connector = Database(pg_centre.user_url(login), "central")
    try:
        with connector.session() as s:
            assert s.scalar(text("SELECT relais_outgoing('email', 1)")) == []
        assert users.user_enable(pg_centre.url, login, False, out=io.StringIO()) == 0
        listed = io.StringIO()
        users.user_list(pg_centre.url, out=listed)
        line = next(x for x in listed.getvalue().splitlines() if x.startswith(login))
        assert "disabled" in line and "cannot sign in" in line
        connector.dispose()
        with pytest.raises(LoginRefused), connector.session() as s:
            s.execute(text("SELECT 1"))
        assert users.user_enable(pg_centre.url, login, True, out=io.StringIO()) == 0
        connector.dispose()
        with connector.session() as s:  # back with its one right
            assert s.scalar(text("SELECT relais_outgoing('email', 1)")) == []
    finally:
        connector.dispose()


def test_user_add_says_why_it_will_not_take_the_servers_superuser(pg_centre) -> None:
    engine = create_engine(pg_centre.admin_url)
    with engine.connect() as conn:
        superuser = conn.scalar(text("SELECT rolname FROM pg_roles WHERE rolsuper LIMIT 1"))
    engine.dispose()
    with pytest.raises(InputError) as refused:
        users.user_add(pg_centre.url, superuser, "admin", None, None, "x", io.StringIO())
    assert "superuser" in refused.value.text()
