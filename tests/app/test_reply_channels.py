"""Templates and replies follow the contact's channel: what is offered, and what the service lets
out (the issue's X contact: an e-mail template with the account number sent as a public reply,
and a 51,621-character reply sent without a word)."""

import uuid

import pytest
from sqlalchemy import func, select

from app.channels import holds_account_data
from app.dto import QueueFilter, TemplateInsertion
from app.errors import InputError
from app.models import Channel, Message, OutboxOp
from app.placeholders import fill
from app.services.templates import TemplateService, made_for
from app.workspace import Workspace


def claim(ws: Workspace, channel: Channel) -> uuid.UUID:
    claimed = ws.queue.next_contact(QueueFilter(channels=frozenset({channel})))
    assert claimed is not None, f"the demo queue has a {channel} contact"
    return claimed.contact_id


def outbox(ws: Workspace) -> int:
    with ws.local.session() as s:
        return s.scalar(select(func.count(OutboxOp.seq))) or 0


def messages(ws: Workspace, contact_id: uuid.UUID) -> int:
    with ws.local.session() as s:
        return s.scalar(select(func.count()).where(Message.contact_id == contact_id)) or 0


def test_on_x_only_templates_made_for_x_are_offered(workspace: Workspace) -> None:
    templates: TemplateService = workspace.templates
    offer = templates.suggest("recl", "x", preferred_language="fr")

    assert offer.templates, "a short complaint acknowledgement exists for social networks"
    assert all(made_for(t, "x") for t in offer.templates)
    keys = [t.key for t in offer.templates]
    assert "complaint_acknowledgement_fr" not in keys  # the 671-character e-mail one
    assert keys[0] == "complaint_acknowledgement_short_fr"  # French first for a French contact
    # The e-mail ones hold the account number: never offered on X, even on request.
    assert offer.withheld >= 2
    assert workspace.templates.suggest("retrait", "x").other_channels > 0  # the picker says so


def test_other_channels_on_request_come_last_and_account_data_never(
    workspace: Workspace,
) -> None:
    offer = workspace.templates.suggest("", "x", other_channels=True)
    fits = [made_for(t, "x") for t in offer.templates]

    assert True in fits and False in fits
    assert fits == sorted(fits, reverse=True)  # made for X first, the others after
    assert offer.other_channels == 0
    assert not any(holds_account_data(t.body) for t in offer.templates)
    assert offer.withheld >= 2  # complaint acknowledgements, final responses...

    by_mail = workspace.templates.suggest("", "email")
    assert any(holds_account_data(t.body) for t in by_mail.templates)
    assert by_mail.withheld == 0


def test_language_filter_and_preference(workspace: Workspace) -> None:
    english = workspace.templates.suggest("", "email", language="en")
    assert english.templates and {t.language for t in english.templates} == {"en"}

    mixed = [
        t.language
        for t in workspace.templates.suggest("", "email", preferred_language="en").templates
    ]
    assert set(mixed) == {"fr", "en"}
    assert mixed == sorted(mixed, key=lambda language: language != "en")


def test_the_old_render_helper_is_gone() -> None:
    assert not hasattr(TemplateService, "render")


def test_a_reply_longer_than_the_channel_is_refused_and_the_draft_kept(
    workspace: Workspace,
) -> None:
    cid = claim(workspace, Channel.X)
    text = "Bonjour " + "x" * 51_613
    workspace.contacts.save_draft(cid, text)
    before, thread = outbox(workspace), messages(workspace, cid)

    with pytest.raises(InputError) as err:
        workspace.contacts.send_reply(cid, text)

    assert "51\u202f621 characters long and X accepts 10\u202f000" in err.value.text()
    assert workspace.contacts.load_draft(cid) == text
    assert (outbox(workspace), messages(workspace, cid)) == (before, thread)
    workspace.contacts.send_reply(cid, "Bonjour " + "x" * (10_000 - 8))  # exactly the limit


def test_instagram_counts_bytes_when_sending(workspace: Workspace) -> None:
    cid = claim(workspace, Channel.INSTAGRAM)
    with pytest.raises(InputError) as err:
        workspace.contacts.send_reply(cid, "é" * 501)
    assert "1\u202f002 bytes and Instagram accepts 1\u202f000" in err.value.text()
    workspace.contacts.send_reply(cid, "é" * 500)


def test_the_account_number_never_goes_on_a_public_channel(workspace: Workspace) -> None:
    cid = claim(workspace, Channel.X)
    number = workspace.templates.values_for(cid)["account_number"]
    assert number
    thread = messages(workspace, cid)

    for typed in (
        f"Votre compte {number} est débloqué.",
        f"compte {number.lower()[:3]} {number[3:]}",
    ):
        with pytest.raises(InputError) as err:
            workspace.contacts.send_reply(cid, typed)
        assert "account number" in err.value.text() and "X" in err.value.text()

    # A template that puts account data in, even with the number taken out by hand.
    template = next(
        t
        for t in workspace.templates.search("reclamation", language="fr")
        if holds_account_data(t.body)
    )
    body = fill(template.body, {"account_number": "(voir e-mail)", "contact_reference": "R"}).text
    body = body.replace("{{", "").replace("}}", "")
    with pytest.raises(InputError):
        workspace.contacts.send_reply(
            cid, body[:9_000], (TemplateInsertion(template.id, template.version, body),)
        )
    assert messages(workspace, cid) == thread

    mail = claim(workspace, Channel.EMAIL)
    mail_number = workspace.templates.values_for(mail)["account_number"]
    workspace.contacts.send_reply(mail, f"Votre compte {mail_number} est débloqué.")
    whatsapp = claim(workspace, Channel.WHATSAPP)  # a private conversation
    workspace.contacts.send_reply(
        whatsapp, f"Compte {workspace.templates.values_for(whatsapp)['account_number']}"
    )
