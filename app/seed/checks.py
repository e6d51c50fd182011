"""Checks run before anything is written: the sizes asked for and the reference files.

``validate_sizes`` refuses impossible or excessive sizes, and ``validate_reason_codes`` and
``validate_templates`` refuse reason-code and template files Relais could not use. They are
kept together, apart from the code that writes rows, because they are pure functions of their
input, raise ``InputError`` with a message for the user, and are called on their own by the
command line and the tests.
"""

from collections.abc import Sequence
from typing import Any

from app import channels as channel_rules
from app.errors import InputError
from app.i18n import QT_TRANSLATE_NOOP
from app.models import Channel
from app.placeholders import check_known

MAX_CUSTOMERS = 20_000_000
MAX_CONTACTS = 50_000_000
MAX_QUEUE = 5_000_000

TEMPLATE_FIELDS = ("key", "category", "language", "channels", "title", "body")
REASON_FIELDS = ("code", "label_en", "label_fr", "category")
LANGUAGES = ("fr", "en")


def validate_sizes(customers: int, contacts: int, queue: int) -> None:
    """Refuses sizes that are negative, beyond what a test centre needs, or contacts without
    customers, before anything is written."""
    if customers < 0 or contacts < 0 or queue < 0:
        raise InputError(
            QT_TRANSLATE_NOOP(
                "errors",
                "Sizes cannot be negative (customers {customers}, contacts {contacts}, "
                "queue {queue}).",
            ),
            QT_TRANSLATE_NOOP("errors", "Give 0 or a positive number for each."),
            customers=customers,
            contacts=contacts,
            queue=queue,
        )
    limits = (
        (
            customers,
            MAX_CUSTOMERS,
            QT_TRANSLATE_NOOP("errors", "{value:,} customers is more than the {limit:,} allowed."),
            QT_TRANSLATE_NOOP("errors", "Ask for {limit:,} customers or fewer."),
        ),
        (
            contacts,
            MAX_CONTACTS,
            QT_TRANSLATE_NOOP("errors", "{value:,} contacts is more than the {limit:,} allowed."),
            QT_TRANSLATE_NOOP("errors", "Ask for {limit:,} contacts or fewer."),
        ),
        (
            queue,
            MAX_QUEUE,
            QT_TRANSLATE_NOOP(
                "errors", "{value:,} queued contacts is more than the {limit:,} allowed."
            ),
            QT_TRANSLATE_NOOP("errors", "Ask for {limit:,} queued contacts or fewer."),
        ),
    )
    for value, limit, message, hint in limits:
        if value > limit:
            raise InputError(message, hint, value=value, limit=limit)
    if customers == 0 and (contacts > 0 or queue > 0):
        raise InputError(
            QT_TRANSLATE_NOOP(
                "errors",
                "Contacts need customers: {contacts} contacts and {queue} queued contacts were "
                "asked for, with no customers.",
            ),
            QT_TRANSLATE_NOOP("errors", "Ask for at least one customer, or for no contacts."),
            contacts=contacts,
            queue=queue,
        )


def validate_reason_codes(rows: Sequence[dict[str, Any]]) -> None:
    """Refuses a reason-code file with a missing field or a code given twice."""
    seen: set[str] = set()
    for row in rows:
        code = str(row.get("code") or "?")
        for name in REASON_FIELDS:
            if not isinstance(row.get(name), str) or not row[name].strip():
                raise InputError(
                    QT_TRANSLATE_NOOP("errors", "Reason code “{code}” has no {field}."),
                    QT_TRANSLATE_NOOP(
                        "errors", "Every reason code needs a code, both labels and a category."
                    ),
                    code=code,
                    field=name,
                )
        if code in seen:
            raise InputError(
                QT_TRANSLATE_NOOP("errors", "The reason code “{code}” is given twice."),
                QT_TRANSLATE_NOOP("errors", "Give each reason code its own code."),
                code=code,
            )
        seen.add(code)


def validate_templates(rows: Sequence[dict[str, Any]]) -> None:
    """Refuses a template library Relais could not use: a missing field, a key given twice, an
    unknown language or channel, or a placeholder that nothing can fill (it would stay in every
    reply as ``{{...}}`` and block sending)."""
    seen: set[str] = set()
    channels = {c.value for c in Channel}
    for row in rows:
        key = str(row.get("key") or "?")
        for name in TEMPLATE_FIELDS:
            if not row.get(name):
                raise InputError(
                    QT_TRANSLATE_NOOP("errors", "Template “{key}” has no {field}."),
                    QT_TRANSLATE_NOOP(
                        "errors",
                        "Every template needs a key, a category, a language, channels, a title "
                        "and a body.",
                    ),
                    key=key,
                    field=name,
                )
        if key in seen:
            raise InputError(
                QT_TRANSLATE_NOOP("errors", "Two templates have the key “{key}”."),
                QT_TRANSLATE_NOOP("errors", "Give each template its own key."),
                key=key,
            )
        seen.add(key)
        if row["language"] not in LANGUAGES:
            raise InputError(
                QT_TRANSLATE_NOOP(
                    "errors", "Template “{key}” is in an unknown language “{language}”."
                ),
                QT_TRANSLATE_NOOP("errors", "Use fr or en."),
                key=key,
                language=row["language"],
            )
        unknown = [c for c in row["channels"] if c not in channels]
        if unknown or not isinstance(row["channels"], list):
            raise InputError(
                QT_TRANSLATE_NOOP(
                    "errors", "Template “{key}” names an unknown channel “{channel}”."
                ),
                QT_TRANSLATE_NOOP("errors", "Channels are: {known}."),
                key=key,
                channel=unknown[0] if unknown else row["channels"],
                known=", ".join(sorted(channels)),
            )
        for text in (row["title"], row["body"]):
            check_known(key, text)
        _check_fits_channels(key, row["body"], row["channels"])


def _check_fits_channels(key: str, body: str, names: Sequence[str]) -> None:
    """Refuses a template a channel it is made for could not carry: account data where replies
    can be public, or a text longer than the channel accepts (placeholders counted as written,
    a little shorter than most values)."""
    for name in names:
        if channel_rules.holds_account_data(body) and not channel_rules.may_carry_account_data(
            name
        ):
            raise InputError(
                QT_TRANSLATE_NOOP(
                    "errors",
                    "Template “{key}” puts account data in a reply and is made for {channel}, "
                    "where replies can be public.",
                ),
                QT_TRANSLATE_NOOP(
                    "errors", "Take {channel} out of its channels, or the account data out of it."
                ),
                key=key,
                channel=channel_rules.channel_name(name),
            )
        length = channel_rules.reply_length(body, name)
        if length.over:
            raise InputError(
                QT_TRANSLATE_NOOP(
                    "errors",
                    "Template “{key}” is longer than {channel} accepts ({used} for {limit}).",
                ),
                QT_TRANSLATE_NOOP("errors", "Shorten it, or take {channel} out of its channels."),
                key=key,
                channel=channel_rules.channel_name(name),
                used=channel_rules.grouped(length.used),
                limit=channel_rules.grouped(length.limit),
            )
