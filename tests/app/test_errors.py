"""Driver errors are understood by their codes, whatever language their text is in.

Real SQLite errors, real psycopg exception classes with French texts, and a fake PostgreSQL
server that turns a connection away as a real one does (before or after the password) — no
English message is ever needed to know what happened.
"""

import contextlib
import socket
import sqlite3
import struct
import threading
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, OperationalError, ProgrammingError

from app.db import (
    STATEMENT_TIMEOUT,
    Database,
    allow_long_statements,
    classify,
    parse_url,
    sqlite_url,
    sqlstate,
    storage_errors,
)
from app.errors import (
    CentreBusy,
    CentreUnreachable,
    EnvironmentProblem,
    InputError,
    LoginRefused,
    StorageCorrupt,
)


def wrapped(orig: Exception, kind: type[DBAPIError] = OperationalError) -> DBAPIError:
    return kind("SELECT 1", {}, orig)


# -- SQLite: result codes ------------------------------------------------------------------------


def sqlite_error(code: int, name: str, message: str) -> sqlite3.Error:
    exc = sqlite3.OperationalError(message)
    exc.sqlite_errorcode = code  # type: ignore[attr-defined]
    exc.sqlite_errorname = name  # type: ignore[attr-defined]
    return exc


@pytest.mark.parametrize(
    ("code", "name", "expected", "says"),
    [
        (5, "SQLITE_BUSY", EnvironmentProblem, "locked by another program"),
        (6, "SQLITE_LOCKED", EnvironmentProblem, "locked by another program"),
        (11, "SQLITE_CORRUPT", StorageCorrupt, "damaged"),
        (26, "SQLITE_NOTADB", StorageCorrupt, "damaged"),
        (14, "SQLITE_CANTOPEN", EnvironmentProblem, "cannot open or write"),
        (8, "SQLITE_READONLY", EnvironmentProblem, "cannot open or write"),
        (8 | (1 << 8), "SQLITE_READONLY_RECOVERY", EnvironmentProblem, "cannot open or write"),
        (13, "SQLITE_FULL", EnvironmentProblem, "full or failing"),
        (10 | (3 << 8), "SQLITE_IOERR_WRITE", EnvironmentProblem, "full or failing"),
    ],
)
def test_sqlite_errors_are_known_by_their_result_code(code, name, expected, says) -> None:
    # The text is deliberately not SQLite's own: only the code may decide.
    err = classify(wrapped(sqlite_error(code, name, "échec quelconque")), "copy.sqlite3")
    assert type(err) is expected
    assert says in err.text()


def test_an_english_text_with_another_code_decides_nothing() -> None:
    exc = wrapped(sqlite_error(19, "SQLITE_CONSTRAINT", "database is locked; disk is full"))
    assert classify(exc, "copy.sqlite3") is exc  # a constraint: the caller's to judge


def test_real_sqlite_failures(tmp_path: Path) -> None:
    broken = tmp_path / "broken.sqlite3"
    broken.write_bytes(b"not a database at all " * 200)
    db = Database(sqlite_url(broken), "local")
    with pytest.raises(StorageCorrupt), storage_errors(db), db.engine.connect() as c:
        c.execute(text("SELECT * FROM sqlite_master"))
    with pytest.raises(EnvironmentProblem, match="cannot open or write"):
        missing = tmp_path / "no" / "such" / "folder" / "x.sqlite3"
        with storage_errors(db := Database(sqlite_url(missing), "local")), db.engine.connect():
            pass
    held = tmp_path / "held.sqlite3"
    holder = sqlite3.connect(held, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN IMMEDIATE")
    try:
        other = sqlite3.connect(held, timeout=0, isolation_level=None)
        with pytest.raises(sqlite3.OperationalError) as raw:
            other.execute("BEGIN IMMEDIATE")
        err = classify(wrapped(raw.value), "held.sqlite3")
        assert err.text().startswith("The database held.sqlite3 is locked")  # type: ignore[union-attr]
        other.close()
    finally:
        holder.close()


# -- PostgreSQL: SQLSTATEs and exception classes -------------------------------------------------


@pytest.mark.parametrize(
    ("code", "french", "expected"),
    [
        ("40P01", "blocage mortel détecté", CentreBusy),
        ("40001", "n'a pas pu sérialiser un accès (mise à jour en parallèle)", CentreBusy),
        ("55P03", "n'a pas pu obtenir un verrou sur la relation « contact »", CentreBusy),
        ("57014", "annulation de la requête à cause du délai écoulé pour l'exécution", CentreBusy),
        ("53300", "désolé, trop de clients sont déjà connectés", CentreBusy),
        ("57P01", "arrêt des connexions suite à la demande de l'administrateur", CentreUnreachable),
        ("57P02", "arrêt des connexions suite à un arrêt brutal", CentreUnreachable),
        ("57P03", "le système n'accepte pas encore de connexions", CentreUnreachable),
        ("08006", "échec de la connexion", CentreUnreachable),
        ("28P01", "authentification par mot de passe échouée pour l'utilisateur", LoginRefused),
        ("28000", "aucune entrée dans pg_hba.conf", LoginRefused),
        ("3D000", "la base de données « relais » n'existe pas", InputError),
    ],
)  # fmt: skip
def test_server_errors_are_known_by_their_sqlstate(code, french, expected) -> None:
    orig = psycopg.errors.lookup(code)(french)
    exc = wrapped(orig)
    assert sqlstate(exc) == sqlstate(orig) == code
    err = classify(exc, "db.example.org:5432/relais")
    assert isinstance(err, expected), err
    assert "db.example.org" in err.text()


def test_a_busy_centre_is_exit_3_and_a_missing_database_exit_2() -> None:
    busy = classify(wrapped(psycopg.errors.lookup("57014")("délai écoulé")), "c")
    assert isinstance(busy, CentreBusy) and busy.exit_code == 3
    missing = classify(wrapped(psycopg.errors.lookup("3D000")("n'existe pas")), "c")
    assert missing.exit_code == 2  # type: ignore[union-attr]
    assert "database name" in missing.text()  # type: ignore[union-attr]


def test_a_refusal_stays_the_callers_and_is_known_by_its_sqlstate() -> None:
    exc = wrapped(psycopg.errors.lookup("42501")("droit refusé pour la table contact"))
    assert classify(exc, "c") is exc
    assert sqlstate(exc) == "42501"


def test_a_connection_timeout_means_the_centre_does_not_answer() -> None:
    """psycopg's ConnectionTimeout: a network that accepts TCP and never answers."""
    exc = wrapped(psycopg.errors.ConnectionTimeout("connection timeout expired"))
    exc.relais_connecting = True  # type: ignore[attr-defined]
    assert isinstance(classify(exc, "c"), CentreUnreachable)
    exc = wrapped(psycopg.errors.ConnectionTimeout("délai de connexion dépassé"))
    assert isinstance(classify(exc, "c"), CentreUnreachable)


@pytest.mark.parametrize(
    "driver_text",
    ["Connexion réinitialisée par le correspondant", "Broken pipe", "", "serveur parti"],
)
def test_a_connection_lost_without_sqlstate_means_the_centre_is_unreachable(driver_text) -> None:
    assert isinstance(classify(wrapped(Exception(driver_text)), "c"), CentreUnreachable)
    assert isinstance(
        classify(wrapped(psycopg.OperationalError(driver_text)), "c"), CentreUnreachable
    )


def test_a_client_side_mistake_is_not_taken_for_a_lost_centre() -> None:
    """Even with the words of a lost connection in it, a ProgrammingError after connecting is
    a bug, shown as one."""
    exc = wrapped(psycopg.ProgrammingError("connection refused"), ProgrammingError)
    assert classify(exc, "c") is exc


# -- the URL -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("postgresql+psycopg://h:notaport/db", "is not a database URL"),
        ("postgresql+psycopg://u:s3cret@[::1/db", "is not a database URL"),
        ("postgresql+psycopg://u:s3cret@h:99999/db", "not between 1 and 65535"),
        ("postgresql+psycopg://h:0/db", "not between 1 and 65535"),
        ("postgresql+psycopg://h/db?sslmode=bogus", "sslmode=bogus"),
    ],
)
def test_a_url_libpq_would_refuse_is_refused_before_any_network(url, says) -> None:
    with pytest.raises(InputError) as err:
        Database(url, "central")
    assert err.value.exit_code == 2
    assert says in err.value.text()
    assert "s3cret" not in err.value.text()


def test_an_option_libpq_does_not_know_is_bad_input() -> None:
    db = Database("postgresql+psycopg://u:s3cret@127.0.0.1:1/db?bogusopt=1", "central")
    try:
        with pytest.raises(InputError) as err, storage_errors(db), db.engine.connect():
            pass
        assert "bogusopt" in err.value.text() and "s3cret" not in err.value.text()
    finally:
        db.dispose()


def test_the_url_keeps_its_own_connection_settings_after_the_bounds() -> None:
    from app.db import _central_connect_args

    url = parse_url("postgresql+psycopg://h/db?connect_timeout=2&options=-c%20lock_timeout%3D100")
    own = _central_connect_args(url)
    assert "connect_timeout" not in own  # the URL's 2 s stay
    assert own["keepalives"] == 1
    assert own["options"].startswith(f"-c statement_timeout={int(STATEMENT_TIMEOUT * 1000)}")
    assert own["options"].endswith("-c lock_timeout=100")  # the URL's own, last, wins


def test_lifting_the_timeouts_is_nothing_on_sqlite(tmp_path: Path) -> None:
    db = Database(sqlite_url(tmp_path / "x.sqlite3"), "local")
    with db.engine.begin() as conn:
        allow_long_statements(conn)
    db.dispose()


# -- a server that turns connections away, as PostgreSQL does ------------------------------------


def _error_response(code: str, message: str) -> bytes:
    fields = b"".join(
        kind + value.encode() + b"\0"
        for kind, value in ((b"S", "FATAL"), (b"V", "FATAL"), (b"C", code), (b"M", message))
    )
    body = fields + b"\0"
    return b"E" + struct.pack("!i", len(body) + 4) + body


def _recv_exactly(sock: socket.socket, n: int) -> bytes:
    data = b""
    while len(data) < n:
        chunk = sock.recv(n - len(data))
        if not chunk:
            raise ConnectionError("client left")
        data += chunk
    return data


class TurningAway:
    """Listens on 127.0.0.1 and answers every startup as a PostgreSQL server would that is not
    yet accepting connections (``ask_password=False``), or that asks for a password and then
    refuses it (``ask_password=True``) — with French texts."""

    def __init__(self, code: str, message: str, ask_password: bool = False) -> None:
        self.code, self.message, self.ask_password = code, message, ask_password
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port: int = self._listener.getsockname()[1]
        self._thread = threading.Thread(target=self._serve, daemon=True, name="turning-away")
        self._thread.start()

    def _serve(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            with contextlib.suppress(OSError, ConnectionError), client:
                client.settimeout(5)
                self._answer(client)

    def _answer(self, client: socket.socket) -> None:
        while True:
            length, code = struct.unpack("!ii", _recv_exactly(client, 8))
            _recv_exactly(client, length - 8)
            if code in (80877103, 80877104):  # SSLRequest, GSSENCRequest: no
                client.sendall(b"N")
                continue
            break  # the startup message
        if self.ask_password:
            client.sendall(b"R" + struct.pack("!ii", 8, 3))  # cleartext password, please
            kind = _recv_exactly(client, 1)
            (length,) = struct.unpack("!i", _recv_exactly(client, 4))
            _recv_exactly(client, length - 4)
            assert kind == b"p"
        client.sendall(_error_response(self.code, self.message))

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self._listener.close()


@contextlib.contextmanager
def turning_away(code: str, message: str, ask_password: bool = False) -> Iterator[TurningAway]:
    server = TurningAway(code, message, ask_password)
    try:
        yield server
    finally:
        server.close()


def _connect(port: int) -> None:
    db = Database(
        f"postgresql+psycopg://desk:pw@127.0.0.1:{port}/relais?sslmode=disable", "central"
    )
    try:
        with storage_errors(db), db.engine.connect():
            pass
    finally:
        db.dispose()


def test_a_centre_not_yet_accepting_connections_does_not_answer() -> None:
    message = "le système de bases de données n'accepte pas encore de connexions"
    with turning_away("57P03", message) as server, pytest.raises(CentreUnreachable) as err:
        _connect(server.port)
    assert "does not answer" in err.value.text()
    stopping = "le système de bases de données s'arrête"
    with turning_away("57P03", stopping) as server, pytest.raises(CentreUnreachable):
        _connect(server.port)


def test_a_refused_password_is_a_refused_login_in_any_language() -> None:
    message = "authentification par mot de passe échouée pour l'utilisateur « desk »"
    with (
        turning_away("28P01", message, ask_password=True) as server,
        pytest.raises(LoginRefused) as err,
    ):
        _connect(server.port)
    assert "refused this login" in err.value.text()
