"""Marking strings for translation without importing Qt.

``app`` never shows anything itself; it hands English source texts to the interface, which
translates them with Qt's catalogue. The marker below is what ``pyside6-lupdate`` looks for, so
strings written here are extracted into the same .ts files as the interface's.
"""

from collections.abc import Callable

Translate = Callable[[str, str], str]


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    return text


def no_translation(context: str, text: str) -> str:
    return text


class Marked(str):
    """A value put into a message that must itself be translated (e.g. "phone number")."""

    context: str

    def __new__(cls, context: str, text: str) -> "Marked":
        obj = super().__new__(cls, text)
        obj.context = context
        return obj
