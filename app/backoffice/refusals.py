"""Case review's calls of the centre, and its refusals, the same from both kinds of centre.

A refusal has a key. On PostgreSQL the function (``sql/3fe0ed6959e9_50_evaluations.sql``)
starts its message with it ("not_closed: the contact is not closed"); the embedded centre's
rules raise ``Refused(key)``. Either way the user reads the same message, with what to do,
from ``REFUSALS`` (the server's English text is never shown).
"""

import re
from collections.abc import Callable
from typing import Any

from sqlalchemy import Connection, Executable, Row
from sqlalchemy.exc import DBAPIError

from app.backoffice.centre import BackOffice
from app.db import sqlstate, storage_errors
from app.errors import Conflict, InputError, NotFound, RelaisError
from app.i18n import QT_TRANSLATE_NOOP
from app.sync import apply
from app.sync.centre import not_a_user


class Refused(Exception):
    """Raised by the embedded centre's rules: the same key PostgreSQL's function gives."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _input(message: str, hint: str = "") -> Callable[[], RelaisError]:
    return lambda: InputError(message, hint)


def _conflict(message: str, hint: str = "") -> Callable[[], RelaisError]:
    return lambda: Conflict(message, hint)


def _missing(message: str, hint: str = "") -> Callable[[], RelaisError]:
    return lambda: NotFound(message, hint)


REFUSALS: dict[str, Callable[[], RelaisError]] = {
    # scorecards
    "scorecard_rights": _input(
        QT_TRANSLATE_NOOP("errors", "Only supervisors and administrators edit scorecards."),
        QT_TRANSLATE_NOOP("errors", "Ask your supervisor to change the scorecard."),
    ),
    "bad_name": _input(
        QT_TRANSLATE_NOOP("errors", "A scorecard needs a name of at most 120 characters."),
        QT_TRANSLATE_NOOP("errors", "Name it after what it evaluates, e.g. “E-mail quality”."),
    ),
    "duplicate_name": _input(
        QT_TRANSLATE_NOOP("errors", "Another scorecard (active or retired) has this name."),
        QT_TRANSLATE_NOOP("errors", "Choose another name, or add a version to that scorecard."),
    ),
    "no_criteria": _input(
        QT_TRANSLATE_NOOP("errors", "A scorecard needs at least one criterion."),
        QT_TRANSLATE_NOOP("errors", "Add the criteria it scores, each with a weight."),
    ),
    "too_many_criteria": _input(
        QT_TRANSLATE_NOOP("errors", "A scorecard has at most 50 criteria."),
        QT_TRANSLATE_NOOP("errors", "Group related criteria into one."),
    ),
    "bad_criterion": _input(
        QT_TRANSLATE_NOOP("errors", "Each criterion needs a key, a label and a weight."),
    ),
    "bad_key": _input(
        QT_TRANSLATE_NOOP(
            "errors",
            "A criterion's key has 1 to 40 characters: lowercase letters a-z, digits and _.",
        ),
        QT_TRANSLATE_NOOP("errors", "For example “greeting” or “solution_given”."),
    ),
    "duplicate_key": _input(
        QT_TRANSLATE_NOOP("errors", "Two criteria have the same key."),
        QT_TRANSLATE_NOOP("errors", "Give each criterion a key of its own."),
    ),
    "bad_label": _input(
        QT_TRANSLATE_NOOP("errors", "Each criterion needs a label of at most 200 characters."),
        QT_TRANSLATE_NOOP("errors", "Say what the evaluator looks at, e.g. “Greets the customer”."),
    ),
    "bad_weight": _input(
        QT_TRANSLATE_NOOP("errors", "A criterion's weight is a number above 0, at most 1000."),
        QT_TRANSLATE_NOOP("errors", "Use 1 for an ordinary criterion, 2 for one counting double."),
    ),
    "unchanged": _input(
        QT_TRANSLATE_NOOP("errors", "The new version has the same criteria as the current one."),
        QT_TRANSLATE_NOOP("errors", "Change a criterion, a label or a weight first."),
    ),
    "no_scorecard": _missing(
        QT_TRANSLATE_NOOP("errors", "This scorecard no longer exists."),
        QT_TRANSLATE_NOOP("errors", "Choose another scorecard."),
    ),
    "retired": _conflict(
        QT_TRANSLATE_NOOP("errors", "This scorecard is retired."),
        QT_TRANSLATE_NOOP("errors", "Choose an active scorecard."),
    ),
    # evaluations
    "evaluate_rights": _input(
        QT_TRANSLATE_NOOP("errors", "You may not enter this kind of evaluation."),
        QT_TRANSLATE_NOOP(
            "errors",
            "A supervisor of the contact's team enters the manager's evaluation, a quality "
            "reviewer the quality evaluation.",
        ),
    ),
    "not_your_team": _input(
        QT_TRANSLATE_NOOP("errors", "This contact is not of your team."),
        QT_TRANSLATE_NOOP("errors", "A supervisor of its team enters the manager's evaluation."),
    ),
    "own_contact": _input(
        QT_TRANSLATE_NOOP("errors", "You cannot evaluate a contact you closed yourself."),
        QT_TRANSLATE_NOOP("errors", "Ask another supervisor or a quality reviewer."),
    ),
    "not_closed": _conflict(
        QT_TRANSLATE_NOOP("errors", "This contact is not closed yet."),
        QT_TRANSLATE_NOOP("errors", "Evaluate it once the advisor has closed it."),
    ),
    "no_contact": _missing(QT_TRANSLATE_NOOP("errors", "This contact no longer exists.")),
    "bad_kind": _input(
        QT_TRANSLATE_NOOP("errors", "Choose the kind of evaluation: manager or quality."),
    ),
    "bad_estimate": _input(
        QT_TRANSLATE_NOOP("errors", "Choose how satisfied you think the customer is (1 to 4)."),
    ),
    "bad_scores": _input(
        QT_TRANSLATE_NOOP("errors", "Score every criterion from 1 to 4."),
    ),
    "criteria_mismatch": _input(
        QT_TRANSLATE_NOOP("errors", "Score every criterion of the scorecard, and no other."),
        QT_TRANSLATE_NOOP("errors", "The scorecard may have changed: open the case again."),
    ),
    # replies
    "reply_rights": _input(
        QT_TRANSLATE_NOOP("errors", "Only the advisor evaluated answers an evaluation."),
    ),
    "bad_stance": _input(
        QT_TRANSLATE_NOOP("errors", "Say whether you agree with the evaluation or contest it."),
    ),
    "reason_needed": _input(
        QT_TRANSLATE_NOOP("errors", "Say why you contest the evaluation."),
        QT_TRANSLATE_NOOP("errors", "Your supervisor reads your reason beside the evaluation."),
    ),
    "long_comment": _input(
        QT_TRANSLATE_NOOP("errors", "The comment is too long: at most 4,000 characters."),
    ),
    "superseded": _conflict(
        QT_TRANSLATE_NOOP("errors", "The evaluator has replaced this evaluation."),
        QT_TRANSLATE_NOOP("errors", "Answer the newer one."),
    ),
    "replied": _conflict(
        QT_TRANSLATE_NOOP("errors", "You have already answered this evaluation."),
    ),
    # the review list
    "review_rights": _input(
        QT_TRANSLATE_NOOP("errors", "Only a supervisor of the contact's team reviews it."),
    ),
    "no_item": _missing(QT_TRANSLATE_NOOP("errors", "This review item no longer exists.")),
}

_KEY = re.compile(r"^([a-z_]+):")


def refusal(key: str) -> RelaisError:
    """The error the user reads for a refusal's key."""
    return REFUSALS[key]()


def call(
    office: BackOffice,
    statement: Executable,
    embedded: Callable[[Connection, apply.User], Any],
) -> Any:
    """One call of a centre function as the office's user: on PostgreSQL ``statement`` (its
    first row returned), on the embedded centre ``embedded`` in one transaction. A refusal
    with a known key becomes its message; any other refusal of rights means the login is not
    an active user; anything else is a bug and goes up as it is."""
    db = office.db
    login = office.who.login
    if db.is_sqlite:
        with storage_errors(db), db.engine.begin() as conn:
            try:
                me = apply.user(conn, login)
            except apply.NotAUser as exc:
                raise not_a_user(login) from exc
            try:
                return embedded(conn, me)
            except Refused as exc:
                raise refusal(exc.key) from None
    try:
        with storage_errors(db), db.engine.begin() as conn:
            row: Row[Any] = conn.execute(statement).one()
            return row
    except DBAPIError as exc:
        diag = getattr(exc.orig, "diag", None)
        found = _KEY.match(str(getattr(diag, "message_primary", "") or ""))
        if found and found.group(1) in REFUSALS:
            raise refusal(found.group(1)) from exc
        if sqlstate(exc) == "42501":
            raise not_a_user(login) from exc
        raise
