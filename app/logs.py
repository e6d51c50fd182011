"""Logging to a rotating file in the user's log folder; never a password, never a traceback on
the user's screen."""

import logging
from pathlib import Path

from app.paths import log_dir

_configured: Path | bool | None = None


def setup(level: int = logging.INFO) -> Path | None:
    """Returns the log file, or None when the log folder cannot be written (logs go to stderr).
    Idempotent: later calls return the file already in use."""
    global _configured
    if _configured is not None:
        return _configured or None
    import logging.handlers  # here, not at import: it costs the window's first paint ~15 ms

    root = logging.getLogger()
    root.setLevel(level)
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s")
    try:
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "relais.log"
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError:
        path = None
        handler = logging.StreamHandler()
        handler.setLevel(logging.WARNING)
    handler.setFormatter(fmt)
    root.addHandler(handler)
    _configured = path or False
    return path
