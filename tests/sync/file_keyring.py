"""A keyring backend for tests that run ``relais`` as a real process: it keeps its entries in the
JSON file ``RELAIS_TEST_KEYRING`` names, so a test can read back every entry's name and secret.

Use it with ``PYTHON_KEYRING_BACKEND=file_keyring.FileKeyring`` and this folder on PYTHONPATH.
"""

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend


def entries(path: Path) -> list[tuple[str, str, str]]:
    """(service, entry name, secret) of every entry kept in ``path``."""
    if not path.exists():
        return []
    return [tuple(row) for row in json.loads(path.read_text(encoding="utf-8"))]  # type: ignore[misc]


class FileKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    @property
    def _path(self) -> Path:
        return Path(os.environ["RELAIS_TEST_KEYRING"])

    def _save(self, rows: list[tuple[str, str, str]]) -> None:
        self._path.write_text(json.dumps(rows), encoding="utf-8")

    def get_password(self, service: str, username: str) -> str | None:
        return next((p for s, u, p in entries(self._path) if (s, u) == (service, username)), None)

    def set_password(self, service: str, username: str, password: str) -> None:
        rows = [r for r in entries(self._path) if (r[0], r[1]) != (service, username)]
        self._save([*rows, (service, username, password)])

    def delete_password(self, service: str, username: str) -> None:
        self._save([r for r in entries(self._path) if (r[0], r[1]) != (service, username)])
