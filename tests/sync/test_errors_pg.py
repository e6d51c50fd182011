"""A real PostgreSQL's failures, understood the same in English and in French; a centre that
hangs, locks or changes its schema under a running desk.

The French server is a throw-away cluster of its own (``lc_messages = fr_FR.UTF-8`` for the
whole server, so even the login's refusal, sent before any database setting applies, is in
French), made with initdb as the ``postgres`` user on a free port and removed afterwards.
"""

import contextlib
import getpass
import glob
import json
import os
import secrets
import shlex
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from faults.proxy import CuttableProxy
from pgcentre import PgCentre
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.exc import DBAPIError

from app import db as app_db
from app.connection import open_connected, profile_for
from app.db import Database, allow_long_statements, classify, sqlstate, storage_errors
from app.errors import CentreBusy, CentreUnreachable, DatabaseMissing, LoginRefused
from app.sync.handshake import SchemaMismatch

pytestmark = pytest.mark.postgres

RELAIS = shutil.which("relais") or str(Path(sys.executable).with_name("relais"))
TEAM = "Équipe Paris 1"
FRENCH = "fr_FR.UTF-8"


# -- a French server -----------------------------------------------------------------------------


def _as_postgres(*command: str) -> subprocess.CompletedProcess[str]:
    if getpass.getuser() == "postgres":
        argv = list(command)
    else:
        argv = ["su", "postgres", "-c", shlex.join(command)]
    # The server inherits this environment: a LANGUAGE there (the tests set one) would win over
    # lc_messages in gettext, and the server would speak English after all.
    env = {k: v for k, v in os.environ.items() if k != "LANGUAGE" and not k.startswith("LC_")}
    return subprocess.run(argv, capture_output=True, text=True, timeout=120, check=True, env=env)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _bindir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: p.split("/")[4])
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _french_locale() -> bool:
    names = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout.split()
    return any(n.lower().replace("-", "") == "fr_fr.utf8" for n in names)


def _cannot(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"The French PostgreSQL cannot run in CI: {reason}")
    pytest.skip(f"The French PostgreSQL cannot run here: {reason}")


@pytest.fixture(scope="module")
def french_server() -> Iterator[str]:
    """The admin URL of a PostgreSQL cluster whose every message is in French."""
    bindir = _bindir()
    if bindir is None:
        _cannot("no initdb")
    if not _french_locale():
        _cannot(f"no {FRENCH} locale (localedef -i fr_FR -f UTF-8 {FRENCH})")
    if getpass.getuser() not in ("root", "postgres"):
        _cannot("initdb must run as the postgres user (the tests run as neither root nor it)")
    folder = Path(tempfile.mkdtemp(prefix="relais-fr-"))
    password = secrets.token_hex(8)
    (folder / "pw").write_text(password)
    shutil.chown(folder, "postgres")
    shutil.chown(folder / "pw", "postgres")
    port = _free_port()
    data = folder / "data"
    _as_postgres(
        str(bindir / "initdb"), "-D", str(data), "-U", "postgres", f"--pwfile={folder / 'pw'}",
        "--auth-host=scram-sha-256", "--auth-local=peer", "-E", "UTF8", "--locale=C.UTF-8",
        f"--lc-messages={FRENCH}",
    )  # fmt: skip
    settings = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c lc_messages={FRENCH}"
    _as_postgres(
        str(bindir / "pg_ctl"), "-D", str(data), "-w", "-l", str(folder / "log"), "-o", settings,
        "start",
    )  # fmt: skip
    try:
        yield f"postgresql+psycopg://postgres:{password}@127.0.0.1:{port}/postgres"
    finally:
        _as_postgres(str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop")
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(params=["en", "fr"])
def lang(request) -> str:
    return request.param


@pytest.fixture
def centre(lang, pg_url, request) -> Iterator[PgCentre]:
    """A small centre on the English test server or on the French one."""
    admin = pg_url if lang == "en" else request.getfixturevalue("french_server")
    made = PgCentre(admin).create(customers=0)
    yield made
    made.drop()


def _with_options(url: str, options: str) -> str:
    return make_url(url).update_query_dict({"options": options}).render_as_string(False)


@contextlib.contextmanager
def _database(url: str) -> Iterator[Database]:
    db = Database(url, "central")
    try:
        yield db
    finally:
        db.dispose()


@contextlib.contextmanager
def _owner(centre: PgCentre) -> Iterator[object]:
    engine = create_engine(centre.url)
    try:
        with engine.connect() as conn:
            yield conn
    finally:
        engine.dispose()


def _speaks(centre: PgCentre, lang: str) -> None:
    """The server really answers in that language: otherwise the test would prove nothing."""
    with _owner(centre) as conn:
        try:
            conn.execute(text("SELECT * FROM no_such_table"))  # type: ignore[attr-defined]
        except DBAPIError as exc:
            english = "does not exist" in str(exc.orig)
            assert english == (lang == "en"), str(exc.orig)


# -- the same answers in both languages ----------------------------------------------------------


def test_a_wrong_password_is_a_refused_login(centre, lang) -> None:
    _speaks(centre, lang)
    login = centre.add_user("advisor")
    for url in (centre.user_url(login, "wrong"), centre.user_url("nobody_here", "x")):
        with (
            _database(url) as db,
            pytest.raises(LoginRefused) as err,
            storage_errors(db),
            db.engine.connect(),
        ):
            pass
        assert err.value.exit_code == 3 and "refused this login" in err.value.text()


def test_a_missing_database_is_bad_input(centre, lang) -> None:
    missing = make_url(centre.url).set(database=f"{centre.name}_nope").render_as_string(False)
    with (
        _database(missing) as db,
        pytest.raises(DatabaseMissing) as err,
        storage_errors(db),
        db.engine.connect(),
    ):
        pass
    assert err.value.exit_code == 2 and "no such database" in err.value.text()


@pytest.mark.parametrize(
    "opened",
    [
        [False, True, False, False],  # ours cut, probe in; then both cut
        [False, False, False, True],  # both cut; then ours cut, probe in
        [False, True, True],  # ours cut, probe in; ours in the second time
    ],
)
def test_a_flapping_network_is_neither_a_missing_database_nor_a_refusal(
    centre, lang, monkeypatch, opened
) -> None:
    """What cut connections look like after the password went (the fault test found it): the
    same question asked twice with different answers is the network, and the sync retries."""
    answers = iter(opened)
    monkeypatch.setattr(app_db, "_opens", lambda _psycopg, _params: next(answers))
    monkeypatch.setattr(app_db, "_MISSING_PAUSE", 0)
    missing = make_url(centre.url).set(database=f"{centre.name}_nope").render_as_string(False)
    with (
        _database(missing) as db,
        pytest.raises(CentreUnreachable),
        storage_errors(db),
        db.engine.connect(),
    ):
        pass
    assert next(answers, None) is None  # every step was taken


def test_a_lock_not_granted_and_a_statement_timeout_mean_busy(centre, lang) -> None:
    login = centre.add_user("advisor")
    with _owner(centre) as owner:
        owner.execute(text("LOCK TABLE advisor IN ACCESS EXCLUSIVE MODE"))  # type: ignore[attr-defined]
        quick = _with_options(centre.user_url(login), "-c lock_timeout=200")
        with _database(quick) as db, pytest.raises(CentreBusy) as err, db.reading() as conn:
            conn.execute(text("SELECT count(*) FROM advisor"))
        assert sqlstate(err.value.__cause__) == "55P03"  # type: ignore[arg-type]
        owner.rollback()  # type: ignore[attr-defined]
    slow = _with_options(centre.user_url(login), "-c statement_timeout=200")
    with _database(slow) as db, pytest.raises(CentreBusy) as err, db.reading() as conn:
        conn.execute(text("SELECT pg_sleep(3)"))
    assert sqlstate(err.value.__cause__) == "57014"  # type: ignore[arg-type]
    assert "too busy" in err.value.text()


def test_a_right_the_login_lacks_is_known_by_its_sqlstate(centre, lang) -> None:
    """42501, whatever the words: left to the caller (a refusal, not a failure of the centre)."""
    role = f"noright_{secrets.token_hex(3)}"
    with _owner(centre) as owner:
        owner.execute(text(f"CREATE ROLE {role} LOGIN PASSWORD '{role}'"))  # type: ignore[attr-defined]
        owner.execute(text(f'GRANT CONNECT ON DATABASE "{centre.name}" TO {role}'))  # type: ignore[attr-defined]
        owner.commit()  # type: ignore[attr-defined]
    centre.logins.append(role)
    with (
        _database(centre.user_url(role)) as db,
        pytest.raises(DBAPIError) as err,
        storage_errors(db),
        db.engine.begin() as conn,
    ):
        conn.execute(text("UPDATE advisor SET display_name = 'x'"))
    assert sqlstate(err.value) == "42501"
    assert classify(err.value, db.describe()) is err.value
    assert ("permission denied" in str(err.value.orig)) == (lang == "en")


def test_a_session_the_server_ends_is_a_centre_that_does_not_answer(centre, lang) -> None:
    login = centre.add_user("advisor")
    with (
        _database(centre.user_url(login)) as db,
        pytest.raises(CentreUnreachable),
        storage_errors(db),
        db.engine.connect() as conn,
    ):
        pid = conn.execute(text("SELECT pg_backend_pid()")).scalar()
        conn.rollback()
        with _owner(centre) as owner:
            owner.execute(text("SELECT pg_terminate_backend(:p)"), {"p": pid})  # type: ignore[attr-defined]
        time.sleep(0.2)
        conn.execute(text("SELECT 1"))  # 57P01, "arrêt des connexions…" in French


# -- the bounds on every statement ---------------------------------------------------------------


def test_central_statements_are_bounded_unless_a_transaction_lifts_it(pg_centre) -> None:
    login = pg_centre.add_user("advisor")
    with _database(pg_centre.user_url(login)) as db, db.reading() as conn:
        assert conn.execute(text("SHOW statement_timeout")).scalar() == "20s"
        assert conn.execute(text("SHOW lock_timeout")).scalar() == "5s"
    tight = _with_options(pg_centre.user_url(login), "-c statement_timeout=300")
    with _database(tight) as db:
        with storage_errors(db), db.engine.connect() as conn:
            allow_long_statements(conn)
            conn.execute(text("SELECT pg_sleep(0.6)"))  # lifted for this transaction
            assert conn.execute(text("SHOW statement_timeout")).scalar() == "0"
            conn.commit()
            assert conn.execute(text("SHOW statement_timeout")).scalar() == "300ms"
            conn.rollback()
            conn.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"))
            allow_long_statements(conn, statement=30, lock=1)
            assert conn.execute(text("SHOW statement_timeout")).scalar() == "30s"
            assert conn.execute(text("SHOW lock_timeout")).scalar() == "1s"
            conn.rollback()
        with pytest.raises(CentreBusy), db.reading() as conn:
            conn.execute(text("SELECT pg_sleep(0.6)"))  # the next one is bounded again
        with pytest.raises(ValueError), db.reading() as conn:
            allow_long_statements(conn)  # autocommit: SET LOCAL would do nothing


@pytest.mark.parametrize("bound", ["lock_timeout", "statement_timeout"])
def test_a_centre_frozen_by_a_lock_holds_a_desk_for_seconds_not_the_whole_freeze(
    pg_centre, tmp_path, monkeypatch, bound
) -> None:
    """An administrator's long transaction holds the tables a desk reads: the desk's sync and
    its Ctrl+N give up with "too busy" after the bound, while the lock is still held — not when
    the administrator lets go — and go on once the lock is gone. (That each gives up while the
    freeze lasts is what is judged, not how many seconds it took: the freeze is held until both
    have answered, or 60 s for a desk that would wait for it.)"""
    monkeypatch.setattr(app_db, "LOCK_TIMEOUT", 0.5 if bound == "lock_timeout" else 30.0)
    monkeypatch.setattr(app_db, "STATEMENT_TIMEOUT", 0.5 if bound == "statement_timeout" else 30)
    login = pg_centre.add_user("advisor", team=TEAM)
    ws = pg_centre.workstation(login, tmp_path / "ws")
    try:
        ws.sync.cycle()
        with _owner(pg_centre) as owner:
            owner.execute(text("LOCK TABLE change_log, contact IN ACCESS EXCLUSIVE MODE"))  # type: ignore[attr-defined]
            ended = threading.Event()

            def end_the_freeze() -> None:
                ended.set()
                owner.rollback()  # type: ignore[attr-defined]

            release = threading.Timer(60, end_the_freeze)
            release.start()  # a desk that waits for the whole freeze fails below, not hangs
            try:
                for attempt in (ws.sync.cycle, ws.queue.next_contact):
                    with pytest.raises(CentreBusy):
                        attempt()
                    assert not ended.is_set(), f"{attempt} waited for the freeze to end"
            finally:
                release.cancel()
                owner.rollback()  # type: ignore[attr-defined]
        assert "too busy" in (ws.sync.status().last_error or "")
        ws.sync.cycle()
        assert ws.sync.online
    finally:
        ws.close()


# -- a centre that accepts TCP and never answers -------------------------------------------------


class Hanging:
    """Listens on ``port`` and accepts every connection, then never says a word: a centre whose
    machine froze, or a network that lets the handshake through and nothing after it."""

    def __init__(self, port: int) -> None:
        self._listener = socket.create_server(("127.0.0.1", port))
        self._held: list[socket.socket] = []
        self._thread = threading.Thread(target=self._accept, daemon=True, name="hanging")
        self._thread.start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            self._held.append(client)

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self._listener.close()
        for client in self._held:
            with contextlib.suppress(OSError):
                client.close()


def _run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LANGUAGE": "en", "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [RELAIS, *args], input=stdin, capture_output=True, text=True, timeout=120, env=env
    )


def test_a_hung_centre_is_a_centre_that_does_not_answer(pg_centre, pg_url, tmp_path) -> None:
    login = pg_centre.add_user("advisor", team=TEAM)
    server = make_url(pg_url)
    folder = str(tmp_path / "ws")
    with CuttableProxy(server.host or "127.0.0.1", server.port or 5432) as proxy:
        port = proxy.port
        url = f"postgresql+psycopg://127.0.0.1:{port}/{pg_centre.name}?connect_timeout=2"
        connected = _run(
            "connect", "--url", url, "--login", login, "--password-stdin", "--data-dir", folder,
            stdin=f"{login}\n",
        )  # fmt: skip
        assert connected.returncode == 0, connected.stderr
    hung = Hanging(port)
    try:
        # The centre never answers and never lets go: the sync gives up by itself (its URL's
        # connect_timeout) and says so — a sync that waited would be killed by _run's 120 s
        # limit instead, and fail here with TimeoutExpired.
        synced = _run("sync", "--once", "--data-dir", folder, "--password-stdin", stdin=login)
        assert synced.returncode == 3, synced.stderr
        assert "does not answer" in synced.stderr and "Traceback" not in synced.stderr
        status = _run("sync", "--status", "--json", "--data-dir", folder)
        facts = json.loads(status.stdout)
        assert "does not answer" in (facts["last_error"] or "")
        assert facts["offline_since"]
        # Opening the window's workspace starts offline; Ctrl+N says the centre does not answer.
        ws = open_connected(profile_for(url, login)[0], login, Path(folder))
        try:
            with pytest.raises(CentreUnreachable):
                ws.queue.next_contact()
            with pytest.raises(CentreUnreachable):
                ws.sync.cycle()
            assert ws.sync.online is False
        finally:
            ws.close()
    finally:
        hung.close()


# -- the schema handshake, at every cycle --------------------------------------------------------


def test_a_centre_restamped_under_a_running_desk_gets_nothing(pg_centre, tmp_path) -> None:
    login = pg_centre.add_user("advisor", team=TEAM)
    ws = pg_centre.workstation(login, tmp_path / "ws")
    owner = Database(pg_centre.url, "central")
    try:
        ws.sync.cycle()  # online, handshake done
        claimed = ws.queue.next_contact()
        assert claimed is not None
        for n in range(3):
            ws.contacts.add_note(claimed.contact_id, f"note {n} for a centre that changed")
        with owner.session() as s:
            before = s.execute(text("SELECT version_num FROM alembic_version")).scalar()
            s.execute(text("UPDATE alembic_version SET version_num = 'ffffffffffff'"))
            notes = s.execute(text("SELECT count(*) FROM note")).scalar()
        with pytest.raises(SchemaMismatch) as err:
            ws.sync.cycle()
        assert "newer than this version of Relais" in err.value.text()
        assert ws.pending_changes() == 3
        with owner.session() as s:
            assert s.execute(text("SELECT count(*) FROM note")).scalar() == notes
            s.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": before})
        assert ws.sync.cycle().pushed.applied == 3
    finally:
        ws.close()
        owner.dispose()
