"""Two centres on one server, and the users of each: nobody crosses from one to the other, and
``relais user add/disable/enable`` take over no role they did not make and leave nothing half done.
"""

import io
import secrets
import uuid
from collections.abc import Iterator

import psycopg
import pytest
from hostile_session import TEAM, Centre, connect

from app import users
from app.errors import InputError

pytestmark = [pytest.mark.postgres, pytest.mark.attack]


@pytest.fixture(scope="module")
def other(server_url: str) -> Iterator[Centre]:
    """Centre B, on the same server as the module's centre A."""
    made = Centre(server_url)
    yield made
    made.close()


@pytest.fixture
def server_role(centre: Centre) -> Iterator[str]:
    """A role of the server that no centre made (another program's login)."""
    name = f"app_{secrets.token_hex(4)}"
    centre.owner.execute(f"CREATE ROLE {name} LOGIN PASSWORD 'its-own'")
    yield name
    centre.owner.execute(f"DROP ROLE IF EXISTS {name}")


def _refused_at_the_door(url: str) -> None:
    with pytest.raises(psycopg.OperationalError) as err:
        connect(url).close()
    assert "permission denied for database" in str(err.value) or "CONNECT" in str(err.value)


def _role(centre: Centre, name: str) -> tuple | None:
    row = centre.rows(
        "SELECT r.rolsuper, r.rolcanlogin, r.rolcreaterole, r.rolcreatedb, "
        "array(SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
        "      WHERE m.member = r.oid ORDER BY 1) FROM pg_roles r WHERE r.rolname = %s",
        (name,),
    )
    return row[0] if row else None


def _advisors(centre: Centre, login: str) -> int:
    return centre.scalar("SELECT count(*) FROM advisor WHERE login = %s", (login,))


@pytest.mark.parametrize("role", ["advisor", "supervisor", "admin"])
def test_a_user_of_one_centre_cannot_connect_to_another(centre, other, role) -> None:
    login = centre.pg.add_user(role, team=TEAM if role != "admin" else None)
    url = other.pg.user_url(login)
    _refused_at_the_door(url)
    connect(centre.pg.user_url(login)).close()  # their own centre still opens


@pytest.mark.parametrize("role", ["advisor", "admin"])
def test_user_add_on_another_centre_does_not_take_a_user_over(centre, other, role) -> None:
    login = centre.pg.add_user(role, team=TEAM if role != "admin" else None)
    before = _role(centre, login)
    with pytest.raises(InputError):
        users.user_add(other.url, login, "admin", None, None, "stolen", io.StringIO())
    assert _advisors(other, login) == 0
    assert _role(centre, login) == before
    connect(centre.pg.user_url(login)).close()  # the password is still the one of centre A
    with pytest.raises(psycopg.OperationalError):
        connect(centre.pg.user_url(login, "stolen")).close()
    _refused_at_the_door(other.pg.user_url(login))


def _not_logins(a: Centre, b: Centre) -> dict[str, str]:
    return {
        "superuser": "postgres",
        "other_centres_group_role": f"relais_admin@{a.database}",
        "own_group_role": f"relais_admin@{b.database}",
        "own_advisor_group": f"relais_advisor@{b.database}",
        "old_shared_group": "relais_admin",
        "old_shared_advisor_group": "relais_advisor",
        "server_role": "pg_monitor",
        "public": "public",
        "trailing_newline": "alice\n",
        "leading_space": " alice",
        "sixty_four_characters": "a" * 64,
        "upper_case": "Alice",
        "one_character": "a",
        "quote": 'al"ice',
        "semicolon": "alice; DROP ROLE postgres",
        "unicode_lookalike": "\u0430lice",  # a Cyrillic a
        "nul": "ali\x00ce",
    }


NOT_LOGINS = [
    "superuser", "other_centres_group_role", "own_group_role", "own_advisor_group",
    "old_shared_group", "old_shared_advisor_group", "server_role", "public", "trailing_newline",
    "leading_space", "sixty_four_characters", "upper_case", "one_character", "quote", "semicolon",
    "unicode_lookalike", "nul",
]  # fmt: skip


@pytest.mark.parametrize("case", NOT_LOGINS)
def test_user_add_refuses_what_cannot_be_a_login(centre, other, case) -> None:
    """On centre B, for names of the server, of centre A, of B itself, and not-quite-logins."""
    login = _not_logins(centre, other)[case]
    safe = login.replace("\x00", "")

    def state() -> tuple:
        return (
            _role(other, safe),
            _role(other, safe.strip()),
            other.scalar("SELECT count(*) FROM advisor"),
        )

    before = state()
    with pytest.raises(InputError):
        users.user_add(other.url, login, "admin", None, None, "x-password", io.StringIO())
    assert state() == before


def test_user_add_refuses_a_role_another_program_made(centre, server_role) -> None:
    before = _role(centre, server_role)
    with pytest.raises(InputError):
        users.user_add(centre.url, server_role, "advisor", TEAM, None, "taken", io.StringIO())
    assert _role(centre, server_role) == before
    assert _advisors(centre, server_role) == 0
    centre.owner.execute(f"GRANT CONNECT ON DATABASE {centre.database} TO {server_role}")
    try:  # its own password still works: it was not changed
        connect(centre.pg.user_url(server_role, "its-own")).close()
    finally:
        centre.owner.execute(f"REVOKE CONNECT ON DATABASE {centre.database} FROM {server_role}")


def test_user_add_refuses_a_group_role_another_program_made(centre, server_role) -> None:
    group = f"grp_{secrets.token_hex(4)}"
    centre.owner.execute(f"CREATE ROLE {group} NOLOGIN")
    centre.owner.execute(f"GRANT {group} TO {server_role}")
    try:
        before = _role(centre, group)
        with pytest.raises(InputError):
            users.user_add(centre.url, group, "admin", None, None, "taken", io.StringIO())
        assert _role(centre, group) == before
        assert _advisors(centre, group) == 0
    finally:
        centre.owner.execute(f"DROP ROLE {group}")


def test_a_failing_user_add_leaves_nothing_behind(centre, monkeypatch) -> None:
    login = f"fail_{secrets.token_hex(3)}"
    team = f"Équipe {secrets.token_hex(3)}"

    def broken(*args, **kwargs):
        raise RuntimeError("the server went away after CREATE ROLE")

    monkeypatch.setattr(users, "_membership", broken)
    with pytest.raises(RuntimeError):
        users.user_add(centre.url, login, "advisor", team, None, "pw-of-" + login, io.StringIO())
    assert _advisors(centre, login) == 0
    assert _role(centre, login) is None
    assert centre.scalar("SELECT count(*) FROM team WHERE name = %s", (team,)) == 0


# -- disabling a user ------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["advisor", "supervisor"])
def test_a_disabled_user_loses_every_right_at_once_and_keeps_their_history(centre, role) -> None:
    user = centre.user(role, TEAM)
    contact, _ = centre.held_by(user)
    wrap = centre.wrap_up(user.id, contact)
    reading = connect(centre.pg.user_url(user.login))
    pushing = connect(centre.pg.user_url(user.login), autocommit=False)
    pushing.execute("SELECT 1 FROM team LIMIT 1")  # in the middle of a transaction
    try:
        users.user_enable(centre.url, user.login, False, out=io.StringIO())
        with pytest.raises(psycopg.Error):
            reading.execute("SELECT count(*) FROM customer").fetchone()
        with pytest.raises(psycopg.Error):
            pushing.execute("SELECT relais_push(%s, '[]')", (uuid.uuid4(),)).fetchone()
        with pytest.raises(psycopg.Error):
            user.conn.execute("SELECT relais_claim_next(%s, NULL)", (uuid.uuid4(),))
        with pytest.raises(psycopg.OperationalError):
            connect(centre.pg.user_url(user.login)).close()
        # Their history stays.
        assert centre.scalar("SELECT count(*) FROM wrap_up WHERE id = %s", (wrap,)) == 1
        assert (
            centre.scalar(
                "SELECT count(*) FROM contact_assignment WHERE advisor_id = %s", (user.id,)
            )
            >= 1
        )
        assert centre.scalar("SELECT active FROM advisor WHERE id = %s", (user.id,)) is False
    finally:
        reading.close()
        pushing.close()


def test_a_disabled_user_is_refused_by_user_add_of_another_centre_too(centre, other) -> None:
    """Disabled on A, the login is still A's: B does not take it over either."""
    login = centre.pg.add_user("advisor", team=TEAM)
    users.user_enable(centre.url, login, False, out=io.StringIO())
    with pytest.raises(InputError):
        users.user_add(other.url, login, "advisor", TEAM, None, "stolen", io.StringIO())
    assert _advisors(other, login) == 0
    with pytest.raises(psycopg.OperationalError):
        connect(other.pg.user_url(login)).close()
