"""Customer search finds what advisors type (issue 9): the handle a customer wrote from, a handle
without its @ or only its start, the start of an e-mail address, a name between quotes or beside
an emoji — in the workstation's copy and on a PostgreSQL centre alike."""

from collections.abc import Callable

import pytest
from alembic import command
from sqlalchemy import select, text

from app.db import Database
from app.dto import CustomerMatch, NewCustomer, NewIdentity
from app.identities import HANDLE_KINDS, address_fragments
from app.migrations import alembic_config
from app.models import Channel, Contact, Customer, CustomerIdentity, IdentityKind
from app.text import name_key
from app.workspace import Workspace

Search = Callable[[str], list[CustomerMatch]]


def ids(matches: list[CustomerMatch]) -> list:
    return [m.id for m in matches]


def wrote_from_a_handle_not_held(db: Database) -> tuple[object, str, str]:
    """A customer's social contact whose handle is none of the customer's identities (the demo
    has many: its people write from handles they never gave as identities)."""
    with db.session() as s:
        rows = s.execute(
            select(Contact.customer_id, Contact.sender_address, Contact.sender_display).where(
                Contact.channel.in_([Channel.X, Channel.INSTAGRAM, Channel.FACEBOOK]),
                Contact.customer_id.is_not(None),
                Contact.sender_address != "",
            )
        ).all()
        for customer_id, address, display in rows:
            held = s.scalar(
                select(CustomerIdentity.id).where(
                    CustomerIdentity.customer_id == customer_id,
                    CustomerIdentity.value == address.lstrip("@").lower(),
                )
            )
            if held is None:
                return customer_id, address, display
    raise AssertionError("the demo data has no such contact")


def a_handle_and_an_address(db: Database) -> tuple[CustomerIdentity, CustomerIdentity]:
    with db.session() as s:
        handle = s.scalars(
            select(CustomerIdentity).where(CustomerIdentity.kind.in_(sorted(HANDLE_KINDS)))
        ).first()
        email = s.scalars(
            select(CustomerIdentity).where(CustomerIdentity.kind == IdentityKind.EMAIL)
        ).first()
        assert handle is not None and email is not None
        s.expunge_all()
        return handle, email


def a_name(db: Database) -> tuple[object, str, str]:
    with db.session() as s:
        row = s.execute(
            select(Customer.id, Customer.first_name, Customer.last_name).order_by(Customer.id)
        ).first()
        assert row is not None
        return row.id, row.first_name, row.last_name


def check_what_advisors_type(db: Database, search: Search) -> None:
    """The issue's cases, against whichever database ``search`` asks."""
    customer_id, address, display = wrote_from_a_handle_not_held(db)
    for typed in (address, f"@{address}", address.upper(), f"{display} <{address}>"):
        assert customer_id in ids(search(typed)), typed

    handle, email = a_handle_and_an_address(db)
    for typed in (handle.value, f"@{handle.value}", handle.value[:-2], f"@{handle.value[:5]}"):
        assert handle.customer_id in ids(search(typed)), typed
    local = email.value.split("@")[0]
    for typed in (local, email.value[: len(local) + 4], email.value.upper()):
        assert email.customer_id in ids(search(typed)), typed

    customer, first, last = a_name(db)
    for typed in (
        f'"{first} {last}"',
        f"« {first} {last} »",
        f"🙂 {first} {last}",
        f"{first} {last} 🙂",
        f"{last}, {first}",
        f"“{last}”",
    ):
        assert customer in ids(search(typed)), typed


def test_what_advisors_type_finds_the_customer_in_the_copy(workspace: Workspace) -> None:
    check_what_advisors_type(workspace.local, workspace.customers.search)


@pytest.mark.postgres
def test_what_advisors_type_finds_the_customer_on_the_centre(pg_centre, tmp_path) -> None:
    login = pg_centre.add_user("advisor")
    ws = pg_centre.workstation(login, tmp_path / "ws")
    try:
        central = ws.central

        def on_the_centre(typed: str) -> list[CustomerMatch]:
            found = ws.customers.find(typed)
            assert not found.local_only, typed  # the centre answered
            return found.matches

        check_what_advisors_type(central, on_the_centre)
    finally:
        ws.close()


def test_a_whole_number_or_address_still_takes_the_fast_path_and_nothing_else(
    workspace: Workspace,
) -> None:
    _handle, email = a_handle_and_an_address(workspace.local)
    found = workspace.customers.search(email.value)
    assert ids(found) == [email.customer_id]  # nobody whose name or handle merely starts so


def test_names_stored_with_symbols_are_found_without_them(workspace: Workspace) -> None:
    created = workspace.customers.create(
        NewCustomer(
            "Léa 🌸",
            "« Martin-Duval »",
            "fr",
            (NewIdentity(IdentityKind.INSTAGRAM, "@Lea.Martin_Paris"),),
        )
    )
    for typed in ("lea martin", "Martin Duval", "martin-duval léa", "@lea.mar", "lea.martin_p"):
        assert created in ids(workspace.customers.search(typed)), typed
    with workspace.local.session() as s:
        keys = s.execute(
            select(Customer.first_key, Customer.last_key).where(Customer.id == created)
        ).one()
    assert tuple(keys) == ("lea", "martin duval")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("@Maxime_Hum", ["maxime_hum"]),
        ("maxime_humbert1", ["maxime_humbert1"]),
        ("adam.davis293@exa", ["adam.davis293@exa"]),
        ("Maxime Humbert <maxime_humbert1>", ["maxime_humbert1"]),
        ("Léa (@lea_m)", ["lea_m"]),
        ("https://x.com/Lea_M", ["lea_m"]),
        ("Jean Dupont", []),
        ("ab", []),
        ('"Maxime Humbert"', []),
    ],
)
def test_address_fragments_are_the_words_that_look_like_one(
    typed: str, expected: list[str]
) -> None:
    assert address_fragments(typed) == expected


def test_name_keys_ignore_quotes_emoji_and_punctuation() -> None:
    assert name_key("« Jean-Pierre » 🙂") == "jean pierre"
    assert name_key("N’Diaye, Aïssata") == "n diaye aissata"
    assert name_key('"Le Gall"') == "le gall"
    assert name_key("Smith Jr.") == "smith jr"


def test_the_migration_folds_again_the_keys_stored_with_symbols(tmp_path) -> None:
    """A copy made before this revision kept symbols in its keys; upgrading folds them again."""
    db = Database(f"sqlite:///{tmp_path / 'old.sqlite3'}", "local")
    try:
        with db.engine.begin() as conn:
            command.upgrade(alembic_config("local", conn), "5c2e7d9a1f36")
            conn.execute(
                text(
                    "INSERT INTO customer (id, first_name, last_name, language, segment, tags,"
                    " created_at, updated_at, version, first_key, last_key) VALUES"
                    " (:id, :first, :last, 'fr', 'standard', '[]', '2026-01-01', '2026-01-01', 1,"
                    " :first_key, :last_key)"
                ),
                [
                    {
                        "id": b"\x01" * 16,
                        "first": "Léa 🌸",
                        "last": "« Martin »",
                        "first_key": "lea 🌸",
                        "last_key": "« martin »",
                    },
                    {
                        "id": b"\x02" * 16,
                        "first": "Jean",
                        "last": "Dupont",
                        "first_key": "jean",
                        "last_key": "dupont",
                    },
                ],
            )
            command.upgrade(alembic_config("local", conn), "head")
            keys = conn.execute(text("SELECT first_key, last_key FROM customer ORDER BY id")).all()
        assert [tuple(k) for k in keys] == [("lea", "martin"), ("jean", "dupont")]
    finally:
        db.dispose()
