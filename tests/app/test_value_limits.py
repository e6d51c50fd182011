"""What the centre would refuse is refused on the workstation at once, in words, before anything
is written (the limits are app.limits's, the centre's own)."""

from collections.abc import Callable

import pytest
from sqlalchemy import func, select

from app.dto import CloseRequest, NewCustomer, NewIdentity
from app.errors import InputError
from app.limits import TEXTS
from app.models import Customer, IdentityKind, OutboxOp, Outcome
from app.services.customers import FIELDS
from app.workspace import Workspace


def outbox(ws: Workspace) -> int:
    with ws.local.session() as s:
        return s.scalar(select(func.count(OutboxOp.seq))) or 0


def refused(ws: Workspace, write: Callable[[], object], *words: str) -> str:
    """Runs ``write``, which must be refused with a message holding ``words``, and proves
    nothing reached the outbox."""
    before = outbox(ws)
    with pytest.raises(InputError) as err:
        write()
    text = err.value.text()
    for word in words:
        assert word in text, text
    assert "{" not in text, text  # every value filled in
    assert outbox(ws) == before
    return text


@pytest.fixture
def claimed(workspace: Workspace):
    taken = workspace.queue.next_contact()
    assert taken is not None
    return taken.contact_id


def test_a_note_with_a_nul_or_too_long_is_refused(workspace: Workspace, claimed) -> None:
    notes = workspace.contacts
    text = refused(workspace, lambda: notes.add_note(claimed, "ok\x00then"), "the note", "NUL")
    assert text.startswith("Relais cannot keep the note: it holds a NUL character.")
    limit = TEXTS[("note", "body")]
    refused(
        workspace,
        lambda: notes.add_note(claimed, "x" * (limit + 1)),
        "the note",
        f"{limit + 1} characters long, the limit is {limit}",
    )
    assert notes.detail(claimed).notes == ()
    notes.add_note(claimed, "x" * limit)  # the limit itself is fine


def test_a_reply_with_a_nul_is_refused(workspace: Workspace, claimed) -> None:
    thread = workspace.contacts.detail(claimed).messages
    refused(workspace, lambda: workspace.contacts.send_reply(claimed, "Bonjour\x00"), "the reply")
    assert workspace.contacts.detail(claimed).messages == thread


def test_a_close_with_a_bad_comment_or_score_is_refused(workspace: Workspace, claimed) -> None:
    reason = workspace.reference.reason_codes()[0]
    limit = TEXTS[("wrap_up", "comment")]

    def close(comment: str, score: int = 3) -> object:
        return workspace.contacts.close(
            CloseRequest(claimed, reason.id, Outcome.RESOLVED, score, comment)
        )

    refused(workspace, lambda: close("y" * (limit + 1)), "the comment", str(limit))
    refused(workspace, lambda: close("nul\x00"), "the comment", "NUL")
    refused(workspace, lambda: close("fine", 5), "1 to 4")
    assert workspace.contacts.detail(claimed).workable  # still open, nothing closed
    close("fine")


def test_a_logged_call_with_a_nul_in_its_subject_is_refused(workspace: Workspace) -> None:
    refused(workspace, lambda: workspace.contacts.log_call("", "Rappel\x00"), "the subject")


def test_a_new_customer_the_centre_would_refuse_is_refused(workspace: Workspace) -> None:
    customers = workspace.customers

    def count() -> int:
        with workspace.local.session() as s:
            return s.scalar(select(func.count(Customer.id))) or 0

    before = count()
    refused(
        workspace,
        lambda: customers.create(NewCustomer("Inès", "D" * 500, "fr")),
        "the last name",
        "500 characters long, the limit is 80",
    )
    refused(
        workspace,
        lambda: customers.create(NewCustomer("Inès", "Durand", "klingon")),
        "the language",
        "“klingon” is not a language Relais knows",
    )
    refused(
        workspace,
        lambda: customers.create(NewCustomer("In\x00ès", "Durand", "fr")),
        "the first name",
    )
    handle = "@" + "a" * 400
    refused(
        workspace,
        lambda: customers.create(
            NewCustomer("Inès", "Durand", "fr", (NewIdentity(IdentityKind.X, handle),))
        ),
        "the X handle",
        "the limit is 320",
    )
    assert count() == before
    assert customers.create(NewCustomer("Inès", "Durand", "fr"))


def test_a_profile_edit_the_centre_would_refuse_is_refused(workspace: Workspace) -> None:
    customer_id = workspace.customers.create(NewCustomer("Inès", "Durand", "fr"))
    edits = workspace.customers
    refused(workspace, lambda: edits.update_profile(customer_id, {"language": "xx"}), "language")
    refused(
        workspace,
        lambda: edits.update_profile(customer_id, {"postal_address": "rue " * 200}),
        "the postal address",
    )
    refused(workspace, lambda: edits.update_profile(customer_id, {"segment": "s" * 33}), "segment")
    assert workspace.customers.profile(customer_id).language == "fr"
    assert set(FIELDS) >= {"first_name", "last_name", "language", "segment"}
