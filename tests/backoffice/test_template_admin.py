"""Template governance on both kinds of centre: drafts, four-eyes approvals, versions and
retirements through the centre's functions (the embedded centre's rules on SQLite); advisors'
libraries hold approved templates only, one variant per key in the contact's language, else the
fallback language; the push carries no template; an approval reaches an open workstation at its
next sync; and each template's figures against values computed by hand.

The figures rest on the casebook (tests/backoffice/casebook.py: self-assessments and CSAT of
North's contacts N1-N5, South's S1), with four templates and their uses written here:

    template  uses in the period (contact, edited)                           outside
    A         N1 yes, N1 no, N3 yes, N4 no; S1 yes (South)                    -
    B         N2 no, N5 no                                                    -
    C         NQ no (open contact: no satisfaction)                           N2 yes, 3 days before
    D         none

Satisfaction of the casebook's contacts (self = the closer's; CSAT on 4 by app.backoffice.scales):
N1 self 1, CSAT 5 -> 4; N2 self 4, CSAT 4 -> 3; N3 self 2, CSAT 1 -> 1; N4 self 3, no survey;
N5 self 4, CSAT 2 -> 2; S1 self 2, CSAT 3 -> 2. Low = 1 or 2 on either.
"""

import uuid
from datetime import timedelta

import pytest
from casebook import BASE, CENTRES, Casebook, made
from sqlalchemy import insert

from app.backoffice import template_admin as admin
from app.backoffice.centre import BackOffice
from app.errors import Conflict, InputError
from app.models import Template, TemplateUsage, TemplateVersion
from app.outbox import record_insert, record_update
from app.services.templates import TemplateService

START, END = BASE - timedelta(days=1), BASE + timedelta(days=2)


@pytest.fixture(params=CENTRES)
def book(request, tmp_path):
    yield from made(request, tmp_path)


def _draft(key: str = "greeting", language: str = "fr", **values) -> admin.Draft:
    fields = {
        "channels": ("email",),
        "category": "Accueil",
        "title": "Bonjour",
        "body": "Bonjour {{customer_first_name}},",
        **values,
    }
    return admin.Draft(key, language, **fields)


def _library(book: Casebook, name: str, fallback: str = "fr") -> TemplateService:
    """What an advisor's library reads, here straight from the centre with their own login."""
    office = book.office(name)
    return TemplateService(office.db, office.who, fallback)


def _row(office: BackOffice, template_id: uuid.UUID) -> admin.TemplateRow:
    return next(r for r in admin.templates(office) if r.id == template_id)


def test_a_draft_is_approved_by_another_supervisor_and_only_then_offered(book) -> None:
    chief, deputy = book.office("chief"), book.office("deputy")
    template_id, version = admin.draft(chief, _draft(key="  Greeting "))
    assert version == 1
    row = _row(chief, template_id)
    assert (row.key, row.status, row.current_version) == ("greeting", "draft", 0)
    assert row.pending is not None and row.pending.author == "Chloé Chef"
    assert _library(book, "alice").search("") == []  # an advisor sees no draft

    with pytest.raises(InputError, match="another supervisor approves it"):
        admin.approve(chief, template_id, 1)  # four eyes
    approved_at = admin.approve(deputy, template_id, 1)
    row = _row(chief, template_id)
    assert (row.status, row.current_version, row.title) == ("approved", 1, "Bonjour")
    (v1,) = row.versions
    assert (v1.status, v1.approved_by, v1.approved_at) == ("approved", "Denis Adjoint", approved_at)
    (offered,) = _library(book, "alice").search("")
    assert (offered.id, offered.version) == (template_id, 1)

    # Two drafts in a row: the second supersedes the first, the library keeps version 1.
    admin.draft(chief, _draft(title="Bonjour !", channels=("email", "x")))
    assert admin.draft(chief, _draft(title="Bonjour à vous", channels=("email", "x"))) == (
        template_id,
        3,
    )
    row = _row(chief, template_id)
    assert [(v.version, v.status) for v in row.versions] == [
        (3, "draft"),
        (2, "superseded"),
        (1, "approved"),
    ]
    assert _library(book, "alice").search("")[0].title == "Bonjour"
    with pytest.raises(Conflict):
        admin.approve(deputy, template_id, 2)  # superseded before anyone approved it
    admin.approve(deputy, template_id, 3)
    row = _row(chief, template_id)
    assert (row.title, row.channels, row.current_version) == ("Bonjour à vous", ("email", "x"), 3)
    assert [v.status for v in row.versions] == ["approved", "superseded", "superseded"]
    assert row.pending is None
    with pytest.raises(Conflict):
        admin.approve(deputy, template_id, 3)  # approved already

    # Retired: out of the library; a draft approved brings it back.
    assert admin.retire(chief, template_id) is True
    assert admin.retire(chief, template_id) is False
    assert _row(chief, template_id).status == "retired"
    assert _library(book, "alice").search("") == []
    admin.draft(deputy, _draft(title="Bonjour, de retour"))
    admin.approve(chief, template_id, 4)
    assert [t.title for t in _library(book, "alice").search("")] == ["Bonjour, de retour"]


def test_an_administrator_may_approve_their_own_draft(book) -> None:
    boss = book.office("boss")
    template_id, version = admin.draft(boss, _draft(key="closing"))
    admin.approve(boss, template_id, version)
    assert _row(boss, template_id).status == "approved"


@pytest.mark.parametrize(
    ("values", "says"),
    [
        ({"key": "Bad key!"}, "key has 1 to 80 characters"),
        ({"key": ""}, "key has 1 to 80 characters"),
        ({"language": "de"}, "French or English"),
        ({"channels": ()}, "channels the template is made for"),
        ({"channels": ("email", "fax")}, "channels the template is made for"),
        ({"channels": ("email", "email")}, "channels the template is made for"),
        ({"category": "  "}, "category"),
        ({"title": "x" * 201}, "title of at most 200"),
        ({"body": "   "}, "text of at most 20,000"),
        ({"body": "x" * 20_001}, "text of at most 20,000"),
        ({"body": "Bonjour {{prenom}}"}, "unknown placeholder"),
        ({"body": "Votre compte {{account_number}}", "channels": ("x",)}, "account data"),
    ],
)
def test_a_bad_draft_is_refused_with_what_to_correct(book, values, says) -> None:
    chief = book.office("chief")
    fields = {"key": "greeting", "language": "fr", **values}
    key, language = fields.pop("key"), fields.pop("language")
    with pytest.raises(InputError) as err:
        admin.draft(chief, _draft(key, language, **fields))
    assert says in err.value.text()
    assert admin.templates(chief) == []  # nothing half written


def test_the_centre_refuses_a_bad_draft_the_service_would_have_caught(book, monkeypatch) -> None:
    """The same refusal from the centre itself, for a program that skips the service's check."""
    monkeypatch.setattr(admin, "check", lambda d: d)
    chief = book.office("chief")
    with pytest.raises(InputError, match="French or English"):
        admin.draft(chief, _draft(language="de"))
    with pytest.raises(InputError, match="channels"):
        admin.draft(chief, _draft(channels=("fax",)))
    assert admin.templates(chief) == []


def test_an_advisor_does_not_govern_templates(book) -> None:
    chief, alice = book.office("chief"), book.office("alice")
    template_id, _version = admin.draft(chief, _draft())
    for attempt in (
        lambda: admin.templates(alice),
        lambda: admin.figures(alice, START, END),
        lambda: admin.draft(alice, _draft(key="mine")),
        lambda: admin.approve(alice, template_id, 1),
        lambda: admin.retire(alice, template_id),
    ):
        with pytest.raises(InputError, match="Only supervisors and administrators"):
            attempt()


def test_the_variant_in_the_contacts_language_else_the_fallback_else_any(book) -> None:
    chief, deputy = book.office("chief"), book.office("deputy")
    made_ids = {}
    for key, language, title in (
        ("delay", "fr", "Retard"),
        ("delay", "en", "Delay"),
        ("refund", "fr", "Remboursement"),
        ("welcome", "en", "Welcome"),
    ):
        template_id, version = admin.draft(chief, _draft(key=key, language=language, title=title))
        admin.approve(deputy, template_id, version)
        made_ids[key, language] = template_id

    def titles(library: TemplateService, language: str | None) -> list[str]:
        return sorted(
            t.title for t in library.suggest("", "email", preferred_language=language).templates
        )

    french_first = _library(book, "alice")
    assert titles(french_first, "en") == ["Delay", "Remboursement", "Welcome"]
    assert titles(french_first, "fr") == ["Remboursement", "Retard", "Welcome"]
    assert titles(french_first, None) == ["Remboursement", "Retard", "Welcome"]  # fallback: fr
    english_first = _library(book, "alice", fallback="en")
    assert titles(english_first, None) == ["Delay", "Remboursement", "Welcome"]
    # The search and an explicit language still reach every variant.
    assert len(french_first.search("")) == 4
    assert [t.title for t in french_first.suggest("", "email", language="en").templates] == [
        "Delay",
        "Welcome",
    ]
    # An incident's template is offered first in the contact's language.
    french_first.prefer({made_ids["delay", "fr"]})
    offer = french_first.suggest("", "email", preferred_language="en").templates
    assert offer[0].title == "Delay"


def test_the_push_carries_no_template(book, tmp_path) -> None:
    """A supervisor's workstation writing a template or a version into its outbox (as an old or
    a hostile program would): each refused with a permission answer, nothing changed."""
    chief, deputy = book.office("chief"), book.office("deputy")
    template_id, version = admin.draft(chief, _draft())
    admin.approve(deputy, template_id, version)
    ws = book.centre.workstation(book.logins["chief"], tmp_path / "chief")
    try:
        with ws.local.session() as s:
            template = s.get(Template, template_id)
            template.body = "Bonjour, piraté"
            template.status = "approved"
            record_update(s, template, ["body", "status"])
            record_insert(
                s,
                TemplateVersion(
                    id=uuid.uuid4(), template_id=template_id, version=9, title="x", body="x",
                    status="approved",
                ),
            )  # fmt: skip
            record_insert(
                s,
                Template(
                    id=uuid.uuid4(), key="evil", category="x", language="fr", channels=["email"],
                    title="x", body="x", current_version=1, active=True, status="approved",
                ),
            )  # fmt: skip
            s.commit()
        report = ws.sync.cycle()
        assert report.pushed.refused == 3
        reasons = [r["reason"] for r in ws.sync.status().refusals]
        assert reasons == ["permission: templates are changed in the back office"] * 3
    finally:
        ws.close()
    row = _row(chief, template_id)
    assert (row.body, len(row.versions)) == ("Bonjour {{customer_first_name}},", 1)
    assert [r.key for r in admin.templates(chief)] == ["greeting"]


def test_an_approval_reaches_an_open_workstation_at_its_next_sync(book, tmp_path) -> None:
    chief, deputy = book.office("chief"), book.office("deputy")
    ws = book.centre.workstation(book.logins["alice"], tmp_path / "alice")
    try:
        assert ws.templates.search("") == []
        template_id, version = admin.draft(chief, _draft())
        report = ws.sync.cycle()
        assert ws.templates.search("") == []  # a draft is no advisor's
        admin.approve(deputy, template_id, version)
        report = ws.sync.cycle()
        assert "template" in report.pulled.tables  # what makes the window invalidate it
        ws.templates.invalidate()
        assert [t.id for t in ws.templates.search("")] == [template_id]
        admin.retire(chief, template_id)
        report = ws.sync.cycle()
        assert "template" in report.pulled.tables
        ws.templates.invalidate()
        assert ws.templates.search("") == []
    finally:
        ws.close()


# -- figures -------------------------------------------------------------------------------------


def _templates_and_uses(book: Casebook) -> dict[str, uuid.UUID]:
    """Templates A-D, approved, and their uses (see the module's table), written by the owner."""
    ids = {name: uuid.uuid4() for name in "ABCD"}
    uses = {
        "A": [("N1", True), ("N1", False), ("N3", True), ("N4", False), ("S1", True)],
        "B": [("N2", False), ("N5", False)],
        "C": [("NQ", False)],
        "D": [],
    }
    with book.truth.session() as s:
        for name, template_id in ids.items():
            s.execute(
                insert(Template).values(
                    id=template_id, key=f"t_{name.lower()}", category="Test", language="fr",
                    channels=["email"], title=f"Modèle {name}", body=f"Texte {name}",
                    current_version=1, active=True, status="approved",
                )
            )  # fmt: skip
            s.execute(
                insert(TemplateVersion).values(
                    id=uuid.uuid4(), template_id=template_id, version=1, title=f"Modèle {name}",
                    body=f"Texte {name}", status="approved",
                )
            )  # fmt: skip
        rows = [
            (ids[name], ref, edited, BASE + timedelta(minutes=i))
            for name, used in uses.items()
            for i, (ref, edited) in enumerate(used)
        ]
        rows.append((ids["C"], "N2", True, BASE - timedelta(days=3)))  # before the period
        for template_id, ref, edited, at in rows:
            s.execute(
                insert(TemplateUsage).values(
                    id=uuid.uuid4(), template_id=template_id, template_version=1,
                    contact_id=book.contacts[ref], advisor_id=book.ids["alice"], edited=edited,
                    used_at=at,
                )
            )  # fmt: skip
        s.commit()
    return ids


def _figures(rows: list[admin.TemplateFigures]) -> dict[str, tuple]:
    return {
        r.title[-1]: (
            r.uses, r.edited, r.contacts, r.surveyed, r.mean_csat, r.assessed, r.mean_self,
            r.scored, r.low,
        )
        for r in rows
    }  # fmt: skip


def test_each_templates_use_edits_and_satisfaction_by_hand(book) -> None:
    _templates_and_uses(book)
    chief = admin.figures(book.office("chief"), START, END)
    # A: 4 North uses, N1 and N3 edited; contacts N1, N3, N4: CSAT on 4 (4 + 1) / 2, self
    # (1 + 2 + 3) / 3; low: N1 (self 1), N3 (self 2, CSAT 1) of 3.
    # B: N2, N5 unedited; CSAT (3 + 2) / 2, self (4 + 4) / 2; low: N5 (CSAT 2) of 2.
    # C: one use on the open NQ (the N2 use is before the period): no score. D: unused.
    assert _figures(chief) == {
        "A": (4, 2, 3, 2, 2.5, 3, 2.0, 3, 2),
        "B": (2, 0, 2, 2, 2.5, 2, 4.0, 2, 1),
        "C": (1, 0, 1, 0, None, 0, None, 0, 0),
        "D": (0, 0, 0, 0, None, 0, None, 0, 0),
    }
    # The ones to improve first: A (low share 2/3 over an edit rate of 1/2), B (1/2), C, D.
    assert [r.title for r in chief] == ["Modèle A", "Modèle B", "Modèle C", "Modèle D"]
    a = chief[0]
    assert a.edit_rate == pytest.approx(0.5) and a.low_share == pytest.approx(2 / 3)
    assert chief[3].edit_rate is None and chief[3].low_share is None

    # The administrator reads South's use of A too: S1 edited, self 2, CSAT 3 -> 2, low.
    boss = _figures(admin.figures(book.office("boss"), START, END))
    assert boss["A"][:4] == (5, 3, 4, 3)
    assert boss["A"][4] == pytest.approx(7 / 3)
    assert boss["A"][5:] == (4, 2.0, 4, 3)
    assert boss["B"] == (2, 0, 2, 2, 2.5, 2, 4.0, 2, 1)
    # South's supervisor: their one use of A.
    assert _figures(admin.figures(book.office("south"), START, END))["A"] == (
        1, 1, 1, 1, 2.0, 1, 2.0, 1, 1,
    )  # fmt: skip
    # A period with no use: every template, all zeros.
    empty = admin.figures(book.office("chief"), END, END + timedelta(days=1))
    assert {r.uses for r in empty} == {0}
