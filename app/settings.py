"""User settings, declared once with their default, type and validation.

Stored as JSON in the user's config folder, readable by its owner only. Window geometry and other
pure interface state live in QSettings on the ``ui`` side.
"""

import json
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app import identities, opening_hours
from app.errors import EnvironmentProblem
from app.i18n import QT_TRANSLATE_NOOP
from app.paths import PRIVATE_FILE, config_dir, private_dir, private_file, relais_root

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    choices: tuple[Any, ...] | None
    description: str
    check: Callable[[Any], bool] | None = None
    """A value of the right type must also pass this (a file edited by hand may hold anything)."""


SETTINGS = {
    s.name: s
    for s in (
        Setting("language", "", ("", "fr", "en"), "interface language; empty follows the system"),
        Setting("autosave_ms", 800, None, "delay before a draft is saved after the last keystroke"),
        Setting("central_url", "", None, "the central database, without user or password"),
        Setting("login", "", None, "the user this workstation signs in as"),
        Setting(
            "replica_url",
            "",
            None,
            "a read replica of the centre for the back office's long reads (indicators, "
            "alignment, case lists), without user or password; empty: the centre itself",
        ),
        Setting(
            "opening_hours",
            opening_hours.DEFAULT_WEEK,
            None,
            "the centre's opening hours per weekday (mon…sun: 'HH:MM-HH:MM', '' closed), local"
            " time: follow-ups are planned in them",
            opening_hours.valid_week,
        ),
        Setting(
            "public_holidays",
            opening_hours.DEFAULT_HOLIDAYS,
            opening_hours.CALENDARS,
            "the public holidays the centre is closed on: France's ('FR'), with Alsace-Moselle's"
            " two more ('FR-57'), or none ('')",
        ),
        Setting(
            "phone_region",
            identities.DEFAULT_REGION,
            None,
            "the country (ISO 3166 code: FR, BE, CH…) a phone number written without its"
            " country code is read in: the search box, the customer's identities",
            identities.valid_region,
        ),
    )
}


def write_private(path: Path, text: str) -> None:
    """Replaces ``path`` with ``text`` at once (never half written), readable by its owner only
    whatever the umask. Raises OSError."""
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
    try:
        if os.name == "posix":
            os.fchmod(fd, PRIVATE_FILE)
        os.write(fd, text.encode("utf-8"))
    finally:
        os.close(fd)
    os.replace(tmp, path)


def cannot_save(path: Path, exc: OSError) -> EnvironmentProblem:
    return EnvironmentProblem(
        QT_TRANSLATE_NOOP("errors", "Relais cannot save its settings in {path}: {reason}."),
        QT_TRANSLATE_NOOP(
            "errors", "Make that folder yours and writable (or remove the file that is in the way)."
        ),
        path=str(path),
        reason=exc.strerror or str(exc),
    )


class Settings:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or config_dir() / "settings.json"
        self._values: dict[str, Any] = {}
        try:
            loaded = json.loads(self.path.read_text(encoding="utf-8"))
            if isinstance(loaded, dict):
                self._values = {k: v for k, v in loaded.items() if self._valid(k, v)}
                for name in sorted(set(loaded) - set(self._values)):
                    log.warning("Ignoring setting %s in %s: not a value it takes", name, self.path)
            private_file(self.path)  # a file written before Relais kept it private
        except FileNotFoundError:
            pass
        except (OSError, ValueError) as exc:
            log.warning("Ignoring unreadable settings file %s: %s", self.path, exc)

    @staticmethod
    def _valid(name: str, value: Any) -> bool:
        spec = SETTINGS.get(name)
        if spec is None or not isinstance(value, type(spec.default)):
            return False
        if spec.check is not None and not spec.check(value):
            return False
        return spec.choices is None or value in spec.choices

    def get(self, name: str) -> Any:
        return self._values.get(name, SETTINGS[name].default)

    def set(self, name: str, value: Any) -> None:
        self.update({name: value})

    def update(self, values: dict[str, Any]) -> None:
        """Changes several settings and saves them in one write. Raises EnvironmentProblem when
        the file cannot be written (the values in memory stay as they were)."""
        for name, value in values.items():
            if not self._valid(name, value):
                raise ValueError(f"invalid value {value!r} for setting {name}")
        merged = {**self._values, **values}
        try:
            private_dir(self.path.parent, relais_root(self.path.parent))
            write_private(self.path, json.dumps(merged, indent=2))
        except OSError as exc:
            raise cannot_save(self.path, exc) from exc
        self._values = merged

    def check_writable(self) -> None:
        """Proves the settings can be saved, before work that would be wasted if they could
        not (a first connection copies the whole working set)."""
        folder = self.path.parent
        try:
            private_dir(folder, relais_root(folder))
            probe = folder / ".relais-write-test"
            probe.write_bytes(b"ok")
            probe.unlink()
        except OSError as exc:
            raise cannot_save(self.path, exc) from exc
