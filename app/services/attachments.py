"""Saving a file a customer sent, from this workstation's copy to where the advisor chose.

The program never opens, runs or renders a customer's file: it only writes its bytes, as the
centre keeps them, to a path the advisor picked in a save dialog. The write goes to a
temporary file beside the target, then replaces it, so an interrupted save leaves no half file
under the chosen name. Called on a worker thread (a file may be tens of megabytes).
"""

import os
import tempfile
import uuid
from pathlib import Path

from sqlalchemy import select

from app.db import Database
from app.enums import AttachmentState
from app.errors import InputError, NotFound
from app.i18n import QT_TRANSLATE_NOOP
from app.models import Attachment


class AttachmentService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def save(self, attachment_id: uuid.UUID, target: Path) -> int:
        """Writes the file's bytes to ``target``; returns how many."""
        with self._db.session() as s:
            row = s.execute(
                select(Attachment.state, Attachment.content).where(Attachment.id == attachment_id)
            ).first()
        if row is None:
            raise NotFound(QT_TRANSLATE_NOOP("errors", "This file is not on this workstation."))
        if row.state != AttachmentState.KEPT or row.content is None:
            raise InputError(
                QT_TRANSLATE_NOOP("errors", "The centre did not keep this file."),
                QT_TRANSLATE_NOOP("errors", "Ask the customer to send it another way."),
            )
        return write_file(target, row.content)


def write_file(target: Path, content: bytes) -> int:
    """``content`` under ``target``, whole or not at all."""
    folder = target.parent
    try:
        fd, temporary = tempfile.mkstemp(prefix=".relais-", suffix=".part", dir=folder)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(content)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise InputError(
            QT_TRANSLATE_NOOP("errors", "The file could not be written to {path}: {why}."),
            QT_TRANSLATE_NOOP("errors", "Choose another folder, or free some space."),
            path=str(target),
            why=exc.strerror or str(exc),
        ) from exc
    return len(content)
