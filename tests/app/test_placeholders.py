import pytest

from app.errors import InputError
from app.placeholders import check_known, fill, unfilled


def test_fill_replaces_known_values_and_keeps_missing_ones_visible() -> None:
    filled = fill(
        "Bonjour {{customer_first_name}}, réf. {{ contact_reference }} — {{account_number}}",
        {"customer_first_name": "Léa", "contact_reference": "R-AB12-CD34", "account_number": ""},
    )
    assert filled.text == "Bonjour Léa, réf. R-AB12-CD34 — {{account_number}}"
    assert filled.missing == ("account_number",)


def test_values_are_inserted_as_text_never_evaluated() -> None:
    filled = fill("{{customer_name}}", {"customer_name": "{{advisor_name}} __import__('os')"})
    assert filled.text == "{{advisor_name}} __import__('os')"


def test_unknown_placeholder_is_refused_with_a_message_naming_it() -> None:
    with pytest.raises(InputError) as err:
        check_known("refund_fr", "Bonjour {{customer_nickname}}")
    text = err.value.text()
    assert "refund_fr" in text
    assert "{{customer_nickname}}" in text
    assert "customer_first_name" in text  # says what is allowed


def test_unfilled_lists_each_name_once_in_order() -> None:
    assert unfilled("{{a}} {{b}} {{a}}") == ["a", "b"]
    assert unfilled("Rien à remplir.") == []
