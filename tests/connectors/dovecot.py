"""A real IMAP server for the tests: Debian's Dovecot (dovecot-imapd), on loopback, with
mailboxes of its own in a throw-away folder. ``.ci/run`` installs it; locally a test without it
is skipped with a message, and in CI it fails, as PostgreSQL tests do.

Dovecot starts as root and reads mail as its own ``dovecot`` user, so the folder is made outside
pytest's private temporary folders and given to that user."""

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from imapclient import IMAPClient

BINARY = "/usr/sbin/dovecot"

_CONF = """
protocols = imap
listen = 127.0.0.1
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:{root}/mail/%u
first_valid_uid = 1
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/users
}}
userdb {{
  driver = static
  args = uid=dovecot gid=dovecot home={root}/mail/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service pop3-login {{
  inet_listener pop3 {{
    port = 0
  }}
}}
service submission-login {{
  inet_listener submission {{
    port = 0
  }}
}}
"""


@dataclass
class Dovecot:
    root: Path
    port: int
    users: dict[str, str]

    def client(self, login: str) -> IMAPClient:
        client = IMAPClient("127.0.0.1", port=self.port, ssl=False, timeout=10)
        client.login(login, self.users[login])
        return client

    def deliver(self, login: str, raw: bytes, folder: str = "INBOX") -> None:
        with self.client(login) as c:
            c.append(folder, raw)

    def flags(self, login: str, folder: str = "INBOX") -> list[set[bytes]]:
        with self.client(login) as c:
            c.select_folder(folder, readonly=True)
            uids = c.search(["ALL"])
            return [set(f[b"FLAGS"]) for f in c.fetch(uids, ["FLAGS"]).values()] if uids else []

    def stop(self) -> None:
        pid = (self.root / "run" / "master.pid").read_text().split()[0]
        os.kill(int(pid), 15)
        for _ in range(50):
            if not (self.root / "run" / "master.pid").exists():
                break
            time.sleep(0.1)
        shutil.rmtree(self.root, ignore_errors=True)


def start(users: dict[str, str]) -> Dovecot:
    if not os.path.exists(BINARY):
        if os.environ.get("CI"):
            pytest.fail("Dovecot is not installed in CI: .ci/run installs dovecot-imapd.")
        pytest.skip("IMAP tests need Debian's dovecot-imapd (apt-get install dovecot-imapd)")
    if os.geteuid() != 0:
        pytest.skip("the test Dovecot starts as root (it reads mail as its own user)")
    root = Path(tempfile.mkdtemp(prefix="relais-dovecot-"))
    root.chmod(0o755)
    owner = pwd.getpwnam("dovecot")
    for name in ("run", "state", "mail"):
        (root / name).mkdir()
    os.chown(root / "mail", owner.pw_uid, owner.pw_gid)
    (root / "users").write_text("".join(f"{u}:{{PLAIN}}{p}\n" for u, p in users.items()))
    port = _free_port()
    (root / "dovecot.conf").write_text(_CONF.format(root=root, port=port))
    subprocess.run([BINARY, "-c", str(root / "dovecot.conf")], check=True, timeout=30)
    server = Dovecot(root, port, users)
    _wait_listening(port, root)
    return server


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_listening(port: int, root: Path) -> None:
    for _ in range(100):
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"Dovecot did not listen: {(root / 'dovecot.log').read_text()}")
