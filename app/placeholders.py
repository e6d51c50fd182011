"""Template placeholders: ``{{name}}`` filled from a fixed list of values.

Filling is a plain textual substitution over a known list of names: a template is data, never
code, so nothing in it can run or reach anything but these values. A placeholder with no value
stays in the text as ``{{name}}``; the composer highlights it and sending is refused until the
advisor fills or removes it.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass

from app.errors import InputError
from app.i18n import QT_TRANSLATE_NOOP

PATTERN = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")

KNOWN: dict[str, str] = {
    "customer_first_name": QT_TRANSLATE_NOOP("placeholders", "Customer's first name"),
    "customer_last_name": QT_TRANSLATE_NOOP("placeholders", "Customer's last name"),
    "customer_name": QT_TRANSLATE_NOOP("placeholders", "Customer's full name"),
    "advisor_name": QT_TRANSLATE_NOOP("placeholders", "Your name"),
    "advisor_first_name": QT_TRANSLATE_NOOP("placeholders", "Your first name"),
    "contact_reference": QT_TRANSLATE_NOOP("placeholders", "Contact reference"),
    "today": QT_TRANSLATE_NOOP("placeholders", "Today's date"),
    "account_number": QT_TRANSLATE_NOOP("placeholders", "Customer's account number"),
}


@dataclass(frozen=True)
class Filled:
    text: str
    missing: tuple[str, ...]


def names_in(text: str) -> list[str]:
    return [m.group(1) for m in PATTERN.finditer(text)]


_ANY = re.compile(r"\{\{(.*?)\}\}", re.DOTALL)


def check_known(key: str, body: str) -> None:
    """Refuses a template that uses a placeholder Relais cannot fill, or leaves one unclosed."""
    for match in _ANY.finditer(body):
        name = match.group(1).strip()
        if name not in KNOWN:
            raise InputError(
                QT_TRANSLATE_NOOP(
                    "errors", "Template “{key}” uses an unknown placeholder {{{{{name}}}}}."
                ),
                QT_TRANSLATE_NOOP("errors", "Known placeholders are: {known}."),
                key=key,
                name=name,
                known=", ".join(sorted(KNOWN)),
            )
    rest = _ANY.sub("", body)
    if "{{" in rest or "}}" in rest:
        raise InputError(
            QT_TRANSLATE_NOOP("errors", "Template “{key}” has a placeholder that is not closed."),
            QT_TRANSLATE_NOOP(
                "errors", "Write placeholders as {{{{name}}}}, e.g. {{{{customer_first_name}}}}."
            ),
            key=key,
        )


def fill(body: str, values: Mapping[str, str]) -> Filled:
    """Replaces every placeholder that has a non-empty value; lists those left unfilled."""
    missing: list[str] = []

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        value = values.get(name, "")
        if value:
            return value
        if name not in missing:
            missing.append(name)
        return "{{" + name + "}}"

    return Filled(PATTERN.sub(replace, body), tuple(missing))


def unfilled(text: str) -> list[str]:
    """Placeholders still in a reply: sending is refused while there are any."""
    seen: list[str] = []
    for name in names_in(text):
        if name not in seen:
            seen.append(name)
    return seen
