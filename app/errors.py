"""Errors the user or the environment can fix, as opposed to bugs.

An ``app`` error carries an English source text (marked for translation), the values to put in
it, and a hint of what to do. The interface translates and shows them; anything else raised is a
bug and gets an apology with a reference to the log.
"""

from app.i18n import Marked, Translate, no_translation


class RelaisError(Exception):
    """Base of the errors shown to the user as a message, never as a traceback."""

    exit_code = 2

    def __init__(self, message: str, hint: str = "", **values: object) -> None:
        super().__init__(message.format(**values) if values else message)
        self.message = message
        self.hint = hint
        self.values = values

    def text(self, translate: Translate = no_translation) -> str:
        """The message and its hint, translated, with the values filled in."""
        values = {
            k: translate(v.context, v) if isinstance(v, Marked) else v
            for k, v in self.values.items()
        }
        parts = [translate("errors", self.message).format(**values)]
        if self.hint:
            parts.append(translate("errors", self.hint).format(**values))
        return "\n".join(parts)


class InputError(RelaisError):
    """What the user typed or asked for is not acceptable."""


class EnvironmentProblem(RelaisError):
    """The machine, the disk or the network is in the way (locked file, server unreachable)."""

    exit_code = 3


class StorageCorrupt(EnvironmentProblem):
    """A database file is damaged or is not a Relais database."""


class NotFound(InputError):
    """The record asked for does not exist (any more)."""


class Conflict(InputError):
    """The record changed under the user (closed elsewhere, claimed by someone else)."""


class CentreUnreachable(EnvironmentProblem):
    """The central database does not answer: the workstation goes on offline."""


class CentreBusy(CentreUnreachable):
    """The centre answered with a deadlock, a serialisation failure, a lock not granted or a
    statement cut by its timeout (SQLSTATE 40P01, 40001, 55P03, 57014) or ran out of
    resources (class 53): nothing is wrong with what was asked, try later."""


class LoginRefused(EnvironmentProblem):
    """The centre answered but refused the login or the password: ask again, do not retry."""


class DatabaseMissing(InputError):
    """The server answered, but has no database of that name or does not let this login connect
    to it (SQLSTATE 3D000): bad input (exit 2), since the name is what someone typed in a URL,
    and changing it is the fix."""
