"""Customers are recognised by phone, e-mail or handle only if every value is written one way."""

import pytest

from app.identities import (
    address_shown,
    guess_identity,
    normalise_email,
    normalise_handle,
    normalise_identity,
    normalise_phone,
    whatsapp_number,
)
from app.models import IdentityKind


@pytest.mark.parametrize(
    "text",
    [
        "06 12 34 56 78",
        "0612345678",
        "06.12.34.56.78",
        "+33 6 12 34 56 78",
        "0033612345678",
        " +33612345678 ",
    ],
)
def test_french_numbers_however_typed_become_one_e164_value(text: str) -> None:
    assert normalise_phone(text) == "+33612345678"


def test_a_number_with_its_country_code_keeps_it_whatever_the_region() -> None:
    assert normalise_phone("+44 20 7946 0018") == "+442079460018"
    assert normalise_phone("020 7946 0018", region="GB") == "+442079460018"


@pytest.mark.parametrize(
    "text", ["", "   ", "123", "06 12 34", "06 12 34 56 78 90", "bonjour", "+33 0 00 00 00 00"]
)
def test_what_is_not_a_valid_number_gives_none(text: str) -> None:
    assert normalise_phone(text) is None


def test_numbers_reserved_for_fiction_are_accepted_so_demos_never_call_anyone() -> None:
    assert normalise_phone("06 39 98 12 34") == "+33639981234"
    assert normalise_phone("07700 900123", region="GB") == "+447700900123"
    assert normalise_phone("+44 7700 900123") == "+447700900123"
    # ...but only whole numbers of those blocks.
    assert normalise_phone("+33 6 39 98 12 345") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jean.Dupont@Example.COM", "jean.dupont@example.com"),
        ("  claire@example.org\n", "claire@example.org"),
        ("<anna+paris@mail.example.net>", "anna+paris@mail.example.net"),
    ],
)
def test_email_addresses_are_stripped_and_lower_cased(text: str, expected: str) -> None:
    assert normalise_email(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "jean",
        "jean@",
        "@example.com",
        "jean@example",
        "jean@@example.com",
        "jean dupont@example.com",
        "jean@exa mple.com",
        "jean@.example.com",
        "jean..d@example.com",
        "a@b@example.com",
    ],
)
def test_what_cannot_be_an_address_gives_none(text: str) -> None:
    assert normalise_email(text) is None


def test_handles_lose_their_at_sign_and_case() -> None:
    assert normalise_handle("  @Jean_Dupont ") == "jean_dupont"
    assert normalise_handle("Paris.Turf") == "paris.turf"


def test_identity_normalisation_follows_the_kind() -> None:
    assert normalise_identity(IdentityKind.PHONE, "06 12 34 56 78") == "+33612345678"
    assert normalise_identity(IdentityKind.WHATSAPP, "06 12 34 56 78") == "+33612345678"
    assert normalise_identity(IdentityKind.WHATSAPP, "07700 900123") == "+447700900123"
    assert normalise_identity(IdentityKind.EMAIL, "A@Example.com") == "a@example.com"
    assert normalise_identity(IdentityKind.INSTAGRAM, "@Lea_M") == "lea_m"
    assert normalise_identity(IdentityKind.X, "@@") is None
    assert normalise_identity(IdentityKind.FACEBOOK, "two words") is None
    assert normalise_identity(IdentityKind.PHONE, "not a number") is None
    assert normalise_identity(IdentityKind.EMAIL, "not an address") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("06 12 34 56 78", (IdentityKind.PHONE, "+33612345678")),
        ("+44 7700 900123", (IdentityKind.PHONE, "+447700900123")),
        ("07700 900123", (IdentityKind.PHONE, "+447700900123")),
        ("Jean.Dupont@Example.com", (IdentityKind.EMAIL, "jean.dupont@example.com")),
        ("@Jean_Dupont", (IdentityKind.X, "jean_dupont")),
    ],
)
def test_the_search_box_recognises_numbers_addresses_and_handles(
    text: str, expected: tuple[IdentityKind, str]
) -> None:
    assert guess_identity(text) == expected


@pytest.mark.parametrize(
    "text",
    ["Dupont", "Jean Dupont", "C00001234", "R-7K3Q-X9PA", "1234", "jean@", "", "@", "2024"],
)
def test_names_account_numbers_and_references_are_not_taken_for_identities(text: str) -> None:
    assert guess_identity(text) is None


def test_a_whatsapp_sender_is_a_number_written_as_people_read_it() -> None:
    assert whatsapp_number("33612345678") == "+33612345678"
    assert whatsapp_number("999123456789") == "+999123456789"  # a range phonenumbers lacks
    assert whatsapp_number("wamid.x") is None
    assert address_shown("whatsapp", "33612345678") == "+33 6 12 34 56 78"
    assert address_shown("email", "lea@example.org") == "lea@example.org"
    for platform in ("facebook", "instagram", "x"):  # their own ids mean nothing to a person
        assert address_shown(platform, "6723451209876543") == ""
