"""The default region a phone number written without its country is read in: a setting for
the window and the commands, a key of the connectors' file, FR unless told."""

from pathlib import Path

import pytest

from app import identities
from app.connectors import config
from app.enums import IdentityKind
from app.errors import InputError
from app.settings import Settings

SMALLEST = '[centre]\nurl = "sqlite:///c.db"\n[[imap]]\nhost = "h"\nlogin = "l"\n'


@pytest.fixture
def belgian() -> object:
    identities.set_default_region("BE")
    yield
    identities.set_default_region("FR")


def test_france_unless_told() -> None:
    assert identities.default_region() == "FR"
    assert identities.normalise_identity(IdentityKind.PHONE, "06 12 34 56 78") == "+33612345678"


def test_the_default_region_reads_the_search_box_and_the_identities(belgian) -> None:
    assert identities.guess_identity("0470 12 34 56") == (IdentityKind.PHONE, "+32470123456")
    assert identities.normalise_identity(IdentityKind.WHATSAPP, "0470/12.34.56") == "+32470123456"
    assert identities.phone_shown("+32470123456") == "0470 12 34 56"
    # A French number with its country still reads as French.
    assert identities.normalise_phone("+33 6 12 34 56 78") == "+33612345678"


def test_the_setting_takes_only_regions_phonenumbers_knows(tmp_path: Path) -> None:
    settings = Settings(tmp_path / "settings.json")
    assert settings.get("phone_region") == "FR"
    settings.set("phone_region", "BE")
    assert Settings(tmp_path / "settings.json").get("phone_region") == "BE"
    with pytest.raises(ValueError):
        settings.set("phone_region", "ZZ")
    (tmp_path / "hand.json").write_text('{"phone_region": "france"}', encoding="utf-8")
    assert Settings(tmp_path / "hand.json").get("phone_region") == "FR"


def test_the_connectors_file_names_its_region(tmp_path: Path) -> None:
    path = tmp_path / "connectors.toml"
    path.write_text(SMALLEST, encoding="utf-8")
    assert config.load(path).phone_region == "FR"
    path.write_text('phone_region = "CH"\n' + SMALLEST, encoding="utf-8")
    assert config.load(path).phone_region == "CH"
    path.write_text('phone_region = "Suisse"\n' + SMALLEST, encoding="utf-8")
    with pytest.raises(InputError, match="phone_region must be a country code"):
        config.load(path)
