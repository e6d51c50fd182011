"""Every way a French mobile number is written by hand reads as the one E.164 value that
identities are matched on (issue 11, Identity): national, international with + or 00, the
"(0)" some write after the country code, and dots, spaces or dashes between the pairs."""

import pytest

from app.enums import IdentityKind
from app.identities import guess_identity, normalise_identity, normalise_phone

E164 = "+33612345678"

FORMS = [
    "0612345678",
    "06 12 34 56 78",
    "06.12.34.56.78",
    "06-12-34-56-78",
    "+33612345678",
    "+33 6 12 34 56 78",
    "+33.6.12.34.56.78",
    "+33-6-12-34-56-78",
    "0033612345678",
    "0033 6 12 34 56 78",
    "00 33 6 12 34 56 78",
    "+33 (0)6 12 34 56 78",
    "+33(0)612345678",
    "  06 12 34 56 78  ",
]


@pytest.mark.parametrize("text", FORMS)
def test_every_french_written_form_is_one_number(text: str) -> None:
    assert normalise_phone(text) == E164
    assert normalise_identity(IdentityKind.PHONE, text) == E164
    assert normalise_identity(IdentityKind.WHATSAPP, text) == E164
    assert guess_identity(text) == (IdentityKind.PHONE, E164)


@pytest.mark.parametrize("text", ["06 12 34 56", "12345", "06 12 34 56 78 90 12", "abc"])
def test_what_is_not_a_number_is_refused(text: str) -> None:
    assert normalise_phone(text) is None


def test_a_national_number_reads_in_the_region_asked() -> None:
    assert normalise_phone("07700 900123", "GB") == "+447700900123"
    assert normalise_phone("07700 900123", "FR") is None
