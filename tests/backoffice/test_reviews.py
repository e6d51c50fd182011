"""The review list on both kinds of centre: the team's items and their states, taking and
finishing one, and a Conflict, never a silent takeover, when someone else has it. Items are the
casebook's (tests/backoffice/casebook.py)."""

import pytest
from casebook import CENTRES, NORTH, made
from sqlalchemy import func, select

from app.backoffice import reviews
from app.backoffice.reviews import ReviewFilter, review_list
from app.errors import Conflict, InputError
from app.models import ChangeLog, ReviewItem

EVERY_STATE = frozenset(reviews.STATES)


@pytest.fixture(params=CENTRES)
def book(request, tmp_path):
    yield from made(request, tmp_path)


# The casebook's own items; the centre adds "disagreement" items itself when the survey answers
# are written (N1: feeling 1, CSAT 5 -> 4; N5: feeling 4, CSAT 2 -> 2), tested on their own below.
BOOK_REASONS = frozenset({"low_self_assessment", "lease_lost"})


def _list(office, **filters) -> list[tuple[str, str, str, str]]:
    filters.setdefault("reasons", BOOK_REASONS)
    page = review_list(office, ReviewFilter(**filters))
    assert page.count == len(page.rows)
    return [(r.reference, r.reason, r.state, r.taken_by) for r in page.rows]


def test_a_supervisor_lists_their_teams_open_items_newest_first(book) -> None:
    chief = book.office("chief")
    assert _list(chief) == [
        ("T-N4", "lease_lost", "to_review", ""),
        ("T-N1", "low_self_assessment", "to_review", ""),
    ]
    assert _list(chief, states=EVERY_STATE) == [
        ("T-N4", "lease_lost", "to_review", ""),
        ("T-N3", "low_self_assessment", "done", "Chloé Chef"),
        ("T-N1", "low_self_assessment", "to_review", ""),
    ]
    assert _list(chief, states=frozenset({"done"}), reasons=frozenset({"lease_lost"})) == []
    row = review_list(chief, ReviewFilter(reasons=BOOK_REASONS)).rows[1]
    assert (row.advisor, row.created_by, row.contact_id) == (
        "Alice Martin", "Alice Martin", book.contacts["N1"],
    )  # fmt: skip
    page = review_list(
        chief, ReviewFilter(states=EVERY_STATE, reasons=BOOK_REASONS), limit=1, offset=1
    )
    assert ([r.reference for r in page.rows], page.count) == (["T-N3"], 3)
    assert _list(book.office("south")) == [
        ("T-S1", "low_self_assessment", "in_progress", "Sophie Sud")
    ]
    everyone = _list(book.office("boss"))
    assert [r[0] for r in everyone] == ["T-S1", "T-N4", "T-N1"]
    assert [r[0] for r in _list(book.office("boss"), team_id=book.teams[NORTH])] == ["T-N4", "T-N1"]


def test_the_centre_lists_the_surveys_that_contradict_the_feeling(book) -> None:
    found = _list(book.office("chief"), reasons=frozenset({"disagreement"}))
    assert sorted(found) == [  # written in one statement: the same time on PostgreSQL
        ("T-N1", "disagreement", "to_review", ""),
        ("T-N5", "disagreement", "to_review", ""),
    ]


def test_an_item_is_taken_then_done_and_nobody_else_takes_it_meanwhile(book) -> None:
    chief, deputy = book.office("chief"), book.office("deputy")
    item = book.items["low_n1"]
    taken = reviews.take(chief, item)
    assert (taken.state, taken.taken_by_id, taken.taken_by) == (
        "in_progress", book.ids["chief"], "Chloé Chef",
    )  # fmt: skip
    assert taken.taken_at is not None and taken.done_at is None
    assert reviews.take(chief, item) == taken  # theirs already: nothing moves
    with pytest.raises(Conflict, match="Chloé Chef has already taken this item"):
        reviews.take(deputy, item)
    with pytest.raises(Conflict, match="Chloé Chef has already taken"):
        reviews.done(deputy, item)
    finished = reviews.done(chief, item)
    assert (finished.state, finished.taken_at) == ("done", taken.taken_at)
    assert finished.done_at is not None
    with pytest.raises(Conflict, match="already done"):
        reviews.take(deputy, item)
    with pytest.raises(Conflict, match="already done"):
        reviews.done(chief, item)
    with book.truth.session() as s:
        row = s.get(ReviewItem, item)
        assert (row.state, row.taken_by) == ("done", book.ids["chief"])
        # Synced: the insert, the take and the finish each reach the change log.
        logged = select(func.count()).where(
            ChangeLog.table_name == "review_item", ChangeLog.row_id == item
        )
        assert s.scalar(logged) == 3


def test_an_item_nobody_took_may_be_done_at_once(book) -> None:
    finished = reviews.done(book.office("deputy"), book.items["lease_n4"])
    assert (finished.state, finished.taken_by) == ("done", "Denis Adjoint")
    assert finished.taken_at == finished.done_at


def test_only_a_supervisor_of_the_contacts_team_or_an_administrator_reviews_it(book) -> None:
    item = book.items["low_n1"]
    with pytest.raises(InputError, match="supervisor of the contact's team"):
        reviews.take(book.office("south"), item)
    with pytest.raises(InputError, match="supervisor of the contact's team"):
        reviews.take(book.office("alice"), item)
    with pytest.raises(InputError, match="supervisor of the contact's team"):
        reviews.done(book.office("bob"), item)
    with pytest.raises(InputError, match="Only supervisors and administrators"):
        review_list(book.office("alice"))
    with pytest.raises(InputError, match="own team only"):
        review_list(book.office("chief"), ReviewFilter(team_id=book.teams["Équipe Sud"]))
    boss = book.office("boss")
    with pytest.raises(Conflict, match="Sophie Sud has already taken"):
        reviews.take(boss, book.items["low_s1"])  # an administrator takes over nothing either
    assert reviews.take(boss, book.items["lease_n4"]).taken_by == "Bérénice Admin"
    with book.truth.session() as s:
        assert s.scalar(select(ReviewItem.state).where(ReviewItem.id == item)) == "to_review"
