"""The advisor's work through the services, on a private copy of the demo data."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.clock import utcnow
from app.dto import CloseRequest, FollowUpRequest, NewCustomer, NewIdentity, QueueFilter
from app.errors import Conflict, InputError
from app.models import (
    Channel,
    Contact,
    ContactStatus,
    IdentityKind,
    OutboxOp,
    Outcome,
    ReviewItem,
    TemplateUsage,
    WrapUp,
)
from app.opening_hours import OpeningHours
from app.placeholders import fill
from app.services.queue import QueueService
from app.workspace import Workspace, find_user


def test_queue_is_sorted_by_priority_then_due_time(workspace: Workspace) -> None:
    f = QueueFilter()
    total = workspace.queue.count(f)
    assert total >= 40
    rows = workspace.queue.page(f, 0, total)
    keys = [(-r.priority, r.due_at) for r in rows]
    assert keys == sorted(keys)
    assert {r.channel for r in rows} >= {Channel.PHONE, Channel.EMAIL}


def test_queue_pages_cover_the_list_without_gaps(workspace: Workspace) -> None:
    f = QueueFilter()
    everything = [r.id for r in workspace.queue.page(f, 0, 1_000)]
    assert len(everything) > 7 * 3  # several pages, and a last one cut short or not
    paged = [r.id for off in range(0, len(everything), 7) for r in workspace.queue.page(f, off, 7)]
    assert paged == everything


def test_filter_by_channel(workspace: Workspace) -> None:
    f = QueueFilter(channels=frozenset({Channel.EMAIL}))
    rows = workspace.queue.page(f, 0, 1_000)
    assert rows and all(r.channel == Channel.EMAIL for r in rows)
    assert workspace.queue.count(f) == len(rows)


def test_next_contact_claims_the_head_of_the_queue_on_the_centre(workspace: Workspace) -> None:
    head = workspace.queue.page(QueueFilter(statuses=frozenset({ContactStatus.QUEUED})), 0, 1)[0]
    claimed = workspace.queue.next_contact()
    assert claimed is not None and claimed.contact_id == head.id
    detail = workspace.contacts.detail(head.id)
    assert detail.workable
    # The claim is the centre's, at once; nothing about it waits in the outbox.
    with workspace.central.session() as s:
        contact = s.get(Contact, head.id)
        assert contact is not None and contact.status == ContactStatus.IN_PROGRESS
        assert contact.assigned_to == workspace.who.advisor_id and contact.claim_token
    assert workspace.pending_changes() == 0


def test_a_contact_taken_by_someone_else_cannot_be_taken(workspace: Workspace) -> None:
    colleague = QueueService(
        workspace.local, find_user(workspace.local, "superviseur"), workspace.central
    )
    claimed = colleague.next_contact()
    assert claimed is not None
    with pytest.raises(Conflict):
        workspace.queue.take(claimed.contact_id)
    with pytest.raises(Conflict):
        workspace.contacts.send_reply(claimed.contact_id, "Bonjour")


def test_reply_with_template_records_usage_and_refuses_unfilled_placeholders(
    workspace: Workspace,
) -> None:
    # An e-mail (account data may go there) and a template asking for the account number, so
    # that emptying it leaves a placeholder unfilled.
    email = next(
        r
        for r in workspace.queue.page(QueueFilter(frozenset({Channel.EMAIL})), 0, 1_000)
        if r.customer_id is not None and r.status == ContactStatus.QUEUED
    )
    claimed = workspace.queue.take(email.id)
    assert claimed is not None
    template = next(
        t
        for t in workspace.templates.search("", language="fr", limit=1_000)
        if "{{account_number}}" in t.body
    )
    values = workspace.templates.values_for(claimed.contact_id)
    filled = fill(template.body, values | {"account_number": ""})
    from app.dto import TemplateInsertion

    insertion = TemplateInsertion(template.id, template.version, filled.text)
    assert "account_number" in filled.missing
    with pytest.raises(InputError) as err:
        workspace.contacts.send_reply(claimed.contact_id, filled.text, (insertion,))
    assert "account_number" in err.value.text()
    body = filled.text.replace("{{account_number}}", "FR-123456") + "\nMerci."
    workspace.contacts.save_draft(claimed.contact_id, body)
    workspace.contacts.send_reply(claimed.contact_id, body, (insertion,))
    detail = workspace.contacts.detail(claimed.contact_id)
    assert detail.messages[-1].body_text == body.strip()
    assert workspace.contacts.load_draft(claimed.contact_id) == ""
    with workspace.local.session() as s:
        usage = s.scalars(
            select(TemplateUsage).where(TemplateUsage.contact_id == claimed.contact_id)
        ).one()
        assert usage.template_id == template.id
        assert usage.edited  # the advisor filled the number in and added a line


def test_close_with_low_assessment_plans_follow_up_and_review(workspace: Workspace) -> None:
    claimed = workspace.queue.next_contact()
    assert claimed is not None
    reason = workspace.reference.reason_codes()[0]
    due = OpeningHours().next_open(utcnow() + timedelta(hours=20))  # in opening hours
    assert due is not None
    result = workspace.contacts.close(
        CloseRequest(
            contact_id=claimed.contact_id,
            reason_code_id=reason.id,
            outcome=Outcome.FOLLOW_UP,
            self_assessment=2,
            follow_up=FollowUpRequest("callback", due),
        )
    )
    assert result.on_review_list and result.follow_up_id is not None
    follow_up = workspace.contacts.detail(result.follow_up_id)
    assert follow_up.status == ContactStatus.QUEUED
    assert follow_up.channel == Channel.PHONE
    assert abs((follow_up.due_at - due).total_seconds()) < 1
    assert follow_up.follow_up_of == claimed.reference
    # It waits outside the queue until its time: nobody takes tomorrow's callback today.
    waiting = [r.id for r in workspace.queue.page(QueueFilter(), 0, 1_000)]
    assert waiting and result.follow_up_id not in waiting
    taken = [workspace.queue.next_contact() for _ in range(len(waiting))]
    assert result.follow_up_id not in [t.contact_id for t in taken if t is not None]
    closed = workspace.contacts.detail(claimed.contact_id)
    assert closed.status == ContactStatus.CLOSED
    assert closed.wrap_ups[-1].self_assessment == 2
    with workspace.local.session() as s:
        reviews = select(func.count(ReviewItem.id)).where(
            ReviewItem.contact_id == claimed.contact_id
        )
        assert s.scalar(reviews) == 1
        kinds = [op.table_name for op in s.scalars(select(OutboxOp).order_by(OutboxOp.seq))]
    assert kinds.index("wrap_up") < kinds.index("review_item")


def test_close_refuses_without_assessment_and_keeps_the_contact_open(
    workspace: Workspace,
) -> None:
    claimed = workspace.queue.next_contact()
    assert claimed is not None
    reason = workspace.reference.reason_codes()[0]
    with pytest.raises(InputError):
        workspace.contacts.close(
            CloseRequest(claimed.contact_id, reason.id, Outcome.RESOLVED, self_assessment=0)
        )
    assert workspace.contacts.detail(claimed.contact_id).workable
    with workspace.local.session() as s:
        assert (
            s.scalar(select(func.count(WrapUp.id)).where(WrapUp.contact_id == claimed.contact_id))
            == 0
        )


def test_history_lists_every_contact_newest_first(workspace: Workspace) -> None:
    customer = workspace.customers.search("a", limit=1) or workspace.customers.search("Ma")
    rows = []
    for match in workspace.customers.search("e", limit=50) + customer:
        rows = workspace.customers.history(match.id)
        if len(rows) > 10:
            break
    assert len(rows) > 10
    assert [r.received_at for r in rows] == sorted((r.received_at for r in rows), reverse=True)
    closed = [r for r in rows if r.status == ContactStatus.CLOSED]
    assert closed and all(r.self_assessment in (1, 2, 3, 4) for r in closed)


def test_customer_search_by_phone_email_and_name(workspace: Workspace) -> None:
    wanted = {IdentityKind.PHONE, IdentityKind.EMAIL}
    profiles = (
        workspace.customers.profile(row.customer_id)
        for row in workspace.queue.page(QueueFilter(), 0, 200)
        if row.customer_id is not None
    )
    profile = next(p for p in profiles if wanted <= {i.kind for i in p.identities})
    reachable = [i for i in profile.identities if i.kind in wanted]
    for identity in reachable:
        found = workspace.customers.search(identity.display)
        assert profile.id in [m.id for m in found], identity
    by_name = workspace.customers.search(f"{profile.first_name} {profile.last_name}")
    assert profile.id in [m.id for m in by_name]


def test_unidentified_sender_is_linked_to_a_new_customer(workspace: Workspace) -> None:
    rows = workspace.queue.page(QueueFilter(), 0, 1_000)
    stranger = next(r for r in rows if r.customer_id is None and r.channel == Channel.EMAIL)
    with pytest.raises(Conflict):  # only the advisor handling the contact may link it
        workspace.customers.create(NewCustomer("Inès", "Durand", "fr"), link_contact=stranger.id)
    assert not workspace.customers.search("Inès Durand")  # nothing half-written
    workspace.queue.take(stranger.id)
    with pytest.raises(InputError):
        workspace.customers.create(
            NewCustomer("Inès", "Durand", "fr", (NewIdentity(IdentityKind.PHONE, "12"),)),
            link_contact=stranger.id,
        )
    assert workspace.contacts.detail(stranger.id).customer_id is None
    detail = workspace.contacts.detail(stranger.id)
    customer_id = workspace.customers.create(
        NewCustomer("Inès", "Durand", "fr"), link_contact=stranger.id
    )
    assert workspace.contacts.detail(stranger.id).customer_id == customer_id
    assert detail.sender_address  # an e-mail's sender: the new customer is found by it
    found = workspace.customers.search(detail.sender_address)
    assert customer_id in [m.id for m in found]


def test_customer_search_ignores_accents_case_and_hyphens(workspace: Workspace) -> None:
    from sqlalchemy import select as sql_select

    from app.models import Customer, CustomerIdentity
    from app.text import fold

    with workspace.local.session() as s:
        accented = s.scalars(
            sql_select(Customer).where(Customer.last_name.like("%é%")).limit(1)
        ).one()
        handle = s.scalars(
            sql_select(CustomerIdentity).where(CustomerIdentity.kind == IdentityKind.INSTAGRAM)
        ).first()
    typed = fold(accented.last_name).upper()  # "MENARD" for "Ménard"
    assert accented.id in [m.id for m in workspace.customers.search(typed)]
    both = f"{fold(accented.first_name)} {fold(accented.last_name)}".lower()
    assert accented.id in [m.id for m in workspace.customers.search(both)]
    assert accented.id in [m.id for m in workspace.customers.search(both.replace(" ", "-"))]
    assert handle is not None, "the demo data has no Instagram handle"
    found = workspace.customers.search(handle.value.lstrip("@"))  # typed without its @
    assert handle.customer_id in [m.id for m in found]
    created = workspace.customers.create(NewCustomer("Jean-Pierre", "Le Gall", "fr"))
    for typed in ("le gall", "Le Gall Jean-Pierre", "jean pierre le", "LEGALL"[:2]):
        assert created in [m.id for m in workspace.customers.search(typed, limit=500)], typed
