"""Logging to a rotating file in the user's log folder, readable by its owner only; never a
password, never a traceback on the user's screen (when the folder cannot be written, warnings go
to standard error, one line each)."""

import contextlib
import logging
import os
import sys
from pathlib import Path
from typing import IO

from app.paths import PRIVATE_FILE, log_dir, private_dir, private_file, relais_root

_configured: Path | bool | None = None

BACKUPS = 5


class _OneLine(logging.Formatter):
    """For the terminal: one line per record, an error's type and message, never its
    traceback."""

    def format(self, record: logging.LogRecord) -> str:
        exc = record.exc_info
        bare = logging.makeLogRecord(
            {**record.__dict__, "exc_info": None, "exc_text": None, "stack_info": None}
        )
        line = super().format(bare)
        if exc and exc[0] is not None:
            line += f" ({exc[0].__name__}: {exc[1]})"
        return line


def _not_qt_chatter(record: logging.LogRecord) -> bool:
    """Qt's own warnings (a platform plugin's limits) mean nothing to a user at a terminal."""
    return record.name != "qt" or record.levelno >= logging.ERROR


def _file_handler(path: Path, fmt: logging.Formatter) -> logging.Handler:
    import logging.handlers  # here, not at import: it costs the window's first paint ~15 ms

    class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
        """Each log file is created 0600, whatever the umask; a write that fails (disk full,
        file removed) says so once on standard error, without a traceback."""

        _complained = False

        def _open(self) -> IO[str]:  # type: ignore[override]  # a text stream, as the base's
            fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, PRIVATE_FILE)
            if os.name == "posix":
                with contextlib.suppress(PermissionError):  # not ours: nothing to do about it
                    os.fchmod(fd, PRIVATE_FILE)
            return open(fd, self.mode, encoding=self.encoding, errors=self.errors)

        def handleError(self, record: logging.LogRecord) -> None:
            if not self._complained:
                self._complained = True
                reason = sys.exc_info()[1]
                print(
                    f"Relais cannot write its log file {self.baseFilename}: {reason}",
                    file=sys.stderr,
                )

    handler = PrivateRotatingFileHandler(
        path, maxBytes=2_000_000, backupCount=BACKUPS, encoding="utf-8"
    )
    handler.setFormatter(fmt)
    return handler


def setup(level: int = logging.INFO, file: Path | None = None) -> Path | None:
    """Returns the log file (``file``, else ``relais.log`` in the user's log folder), or None
    when its folder cannot be written (logs go to stderr). Idempotent: later calls return the
    file already in use."""
    global _configured
    if _configured is not None:
        return _configured if isinstance(_configured, Path) else None
    root = logging.getLogger()
    root.setLevel(level)
    fmt = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"
    folder = log_dir() if file is None else file.parent
    name = "relais.log" if file is None else file.name
    path: Path | None = folder / name
    try:
        private_dir(folder, relais_root(folder) if file is None else folder)
        for old in (folder / f"{name}.{n}" for n in range(1, BACKUPS + 1)):
            private_file(old)  # files written before Relais kept them private
        handler = _file_handler(folder / name, logging.Formatter(fmt))
    except OSError as exc:
        path = None
        handler = logging.StreamHandler()
        handler.setLevel(logging.WARNING)
        handler.setFormatter(_OneLine(fmt))
        handler.addFilter(_not_qt_chatter)
        root.addHandler(handler)
        logging.getLogger(__name__).warning(
            "Cannot write the log in %s (%s): warnings go to standard error.",
            folder,
            exc.strerror or exc,
        )
    else:
        root.addHandler(handler)
    _configured = path or False
    return path
