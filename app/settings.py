"""User settings, declared once with their default, type and validation.

Stored as JSON in the user's config folder. Window geometry and other pure interface state live in
QSettings on the ``ui`` side.
"""

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.paths import config_dir

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    choices: tuple[Any, ...] | None
    description: str


SETTINGS = {
    s.name: s
    for s in (
        Setting("language", "", ("", "fr", "en"), "interface language; empty follows the system"),
        Setting("autosave_ms", 800, None, "delay before a draft is saved after the last keystroke"),
        Setting("central_url", "", None, "the central database, without its password"),
        Setting("login", "", None, "the user this workstation signs in as"),
    )
}


class Settings:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or config_dir() / "settings.json"
        self._values: dict[str, Any] = {}
        try:
            loaded = json.loads(self.path.read_text(encoding="utf-8"))
            if isinstance(loaded, dict):
                self._values = {k: v for k, v in loaded.items() if self._valid(k, v)}
        except FileNotFoundError:
            pass
        except (OSError, ValueError) as exc:
            log.warning("Ignoring unreadable settings file %s: %s", self.path, exc)

    @staticmethod
    def _valid(name: str, value: Any) -> bool:
        spec = SETTINGS.get(name)
        if spec is None or not isinstance(value, type(spec.default)):
            return False
        return spec.choices is None or value in spec.choices

    def get(self, name: str) -> Any:
        return self._values.get(name, SETTINGS[name].default)

    def set(self, name: str, value: Any) -> None:
        if not self._valid(name, value):
            raise ValueError(f"invalid value {value!r} for setting {name}")
        self._values[name] = value
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self._values, indent=2), encoding="utf-8")
        tmp.replace(self.path)
