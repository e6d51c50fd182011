"""A password never kept with the centre's URL: split out of it, moved to the keyring, and
cleaned from what an older Relais saved with it."""

import json
from pathlib import Path

import pytest

from app import credentials
from app.connection import Profile, profile_for
from app.settings import Settings


@pytest.mark.parametrize(
    ("url", "bare", "user", "password"),
    [
        (
            "postgresql+psycopg://marie:s3cret@db.example.org:5433/relais",
            "postgresql+psycopg://db.example.org:5433/relais",
            "marie",
            "s3cret",
        ),
        (
            "postgresql+psycopg://db.example.org/relais?password=s3cret&user=marie&sslmode=require",
            "postgresql+psycopg://db.example.org/relais?sslmode=require",
            "marie",
            "s3cret",
        ),
        ("postgresql+psycopg://marie@db/relais", "postgresql+psycopg://db/relais", "marie", None),
        ("postgresql+psycopg://db/relais", "postgresql+psycopg://db/relais", None, None),
    ],
)
def test_a_url_is_split_from_its_user_and_password(url, bare, user, password) -> None:
    assert credentials.split(url) == (bare, user, password)


def test_no_profile_and_no_keyring_entry_name_ever_holds_a_password() -> None:
    leaked = "postgresql+psycopg://marie:s3cret@db.example.org/relais"
    profile, found = profile_for(leaked, None)
    assert found == "s3cret" and profile.login == "marie"
    for centre in (profile.centre, Profile(leaked, "marie").centre):
        assert centre == "postgresql+psycopg://db.example.org/relais"
    assert "s3cret" not in credentials.account(leaked, "marie")
    dialog_made = Profile.for_server("db.example.org", 5432, "relais", "marie")
    assert "marie" not in dialog_made.centre


def test_settings_saved_with_a_password_by_an_older_relais_are_cleaned(
    memory_keyring, isolated_dirs: Path
) -> None:
    leaked = "postgresql+psycopg://marie:s3cret@db.example.org/relais"
    path = isolated_dirs / "config" / "relais" / "settings.json"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"central_url": leaked, "login": "marie"}), encoding="utf-8")
    memory_keyring.saved[("relais", f"marie@{leaked}")] = "s3cret"  # the older keyring entry's name
    profile = Profile.from_settings(Settings())
    bare = "postgresql+psycopg://db.example.org/relais"
    assert profile == Profile(bare, "marie")
    assert "s3cret" not in path.read_text(encoding="utf-8")
    assert memory_keyring.saved == {("relais", f"marie@{bare}"): "s3cret"}
    assert credentials.load(bare, "marie") == "s3cret"
