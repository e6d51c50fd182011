"""Each channel's limit, as its platform documents it, measured the way the platform counts."""

import pytest

from app.channels import (
    GENEROUS,
    SMS,
    Measure,
    check_reply_length,
    holds_account_data,
    may_carry_account_data,
    measure,
    reply_length,
    rules_for,
    sms_length,
)
from app.errors import InputError
from app.models import Channel
from app.seed.checks import validate_templates


def test_the_documented_limits() -> None:
    assert (rules_for(Channel.X).limit, rules_for(Channel.X).measure) == (
        10_000,
        Measure.CHARACTERS,
    )
    assert rules_for(Channel.FACEBOOK).limit == 2_000  # Messenger
    assert (rules_for("instagram").limit, rules_for("instagram").measure) == (
        1_000,
        Measure.UTF8_BYTES,
    )
    assert rules_for(Channel.WHATSAPP).limit == 4_096
    for channel in (Channel.EMAIL, Channel.LETTER, Channel.PHONE):
        assert rules_for(channel).limit == GENEROUS >= 20_000
    assert {c for c in Channel if rules_for(c).public} == {
        Channel.X,
        Channel.FACEBOOK,
        Channel.INSTAGRAM,
    }


def test_a_reply_is_measured_as_sent_stripped() -> None:
    length = reply_length("\n  Bonjour  \n\n", Channel.FACEBOOK)
    assert (length.used, length.limit, length.over) == (7, 2_000, False)


def test_instagram_counts_bytes_an_accent_two_an_emoji_four() -> None:
    assert reply_length("é", Channel.INSTAGRAM).used == 2
    assert reply_length("🙂", Channel.INSTAGRAM).used == 4
    assert reply_length("é" * 500, Channel.INSTAGRAM).over is False
    assert reply_length("é" * 501, Channel.INSTAGRAM).over is True


def test_near_and_over_the_limit() -> None:
    limit = rules_for(Channel.FACEBOOK).limit
    assert not reply_length("x" * (int(limit * 0.9) - 1), Channel.FACEBOOK).near
    assert reply_length("x" * int(limit * 0.9), Channel.FACEBOOK).near
    at = reply_length("x" * limit, Channel.FACEBOOK)
    assert at.near and not at.over and at.excess == 0
    past = reply_length("x" * (limit + 34), Channel.FACEBOOK)
    assert past.over and not past.near and past.excess == 34


def test_a_reply_past_its_channel_is_refused_in_words() -> None:
    check_reply_length("x" * 10_000, Channel.X)  # the limit itself goes
    with pytest.raises(InputError) as err:
        check_reply_length("x" * 51_621, Channel.X)
    text = err.value.text()
    assert "51\u202f621 characters long and X accepts 10\u202f000 (41\u202f621 too many)" in text
    assert "your text is still here" in text
    with pytest.raises(InputError) as err:
        check_reply_length("é" * 600, Channel.INSTAGRAM)
    assert "1\u202f200 bytes and Instagram accepts 1\u202f000" in err.value.text()


def test_sms_segments_gsm7_and_ucs2() -> None:
    assert sms_length("").segments == 0
    assert (sms_length("a" * 160).segments, sms_length("a" * 161).segments) == (1, 2)
    assert sms_length("a" * 306).segments == 2 and sms_length("a" * 307).segments == 3
    assert sms_length("€").used == 2  # extension table: escape + character
    assert sms_length("é" * 160).segments == 1  # é is in GSM-7
    ucs2 = sms_length("ê" * 71)  # ê is not: the whole text goes as UCS-2
    assert (ucs2.segments, ucs2.limit) == (2, 6 * 67)
    assert sms_length("🙂").used == 2  # a surrogate pair
    assert not measure("a" * 918, SMS).over and measure("a" * 919, SMS).over
    assert sms_length("a" * 160, max_segments=1).limit == 160


def test_account_data_and_public_channels() -> None:
    assert holds_account_data("Compte n° {{ account_number }}")
    assert not holds_account_data("Bonjour {{customer_first_name}}")
    assert may_carry_account_data(Channel.EMAIL) and may_carry_account_data(Channel.WHATSAPP)
    assert not may_carry_account_data(Channel.X)


def test_the_template_check_refuses_what_a_channel_cannot_carry() -> None:
    row = {
        "key": "k",
        "category": "account",
        "language": "fr",
        "channels": ["email", "x"],
        "title": "Votre compte",
        "body": "Compte n° {{account_number}}",
    }
    with pytest.raises(InputError) as err:
        validate_templates([row])
    assert "account data" in err.value.text() and "X" in err.value.text()
    validate_templates([{**row, "channels": ["email", "whatsapp"]}])

    long = {**row, "channels": ["email", "facebook"], "body": "x" * 2_001}
    with pytest.raises(InputError) as err:
        validate_templates([long])
    assert "longer than Facebook accepts (2\u202f001 for 2\u202f000)" in err.value.text()
