"""Whatever is pasted in the customer search costs one small statement and never an error: only
the first words and characters count, control characters are spaces.

"Small" is judged by what is sent, not by the clock: a search with thousands of pasted words
sends the very statement, with the very parameters, that its first ``MAX_SEARCH_WORDS`` words
alone send — so it costs what they cost, on any machine."""

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import Engine, event, select

from app.models import Customer
from app.services.customers import MAX_SEARCH_CHARS, MAX_SEARCH_WORDS, search_text
from app.workspace import Workspace

NOISE = " ".join(f"mot{i}" for i in range(5_000))


def a_customer(ws: Workspace) -> tuple[str, str]:
    with ws.local.session() as s:
        first, last = s.execute(
            select(Customer.first_name, Customer.last_name).order_by(Customer.id).limit(1)
        ).one()
    return first, last


def sent(engine: Engine, search: Callable[[], object]) -> list[tuple[str, Any]]:
    """The statements (and their parameters) ``search`` sends to ``engine``, transaction
    control left out."""
    statements: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_rest: Any) -> None:
        if statement.split()[0].upper() not in ("BEGIN", "COMMIT", "ROLLBACK", "SET"):
            statements.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", record)
    try:
        search()
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return statements


def test_search_text_is_bounded_and_clean() -> None:
    assert search_text("Du\x00pont\tMarie\r\n") == "Du pont Marie"
    assert search_text("Dupont\u200b") == "Dupont"  # a zero-width space pasted with the name
    assert len(search_text(NOISE).split()) == MAX_SEARCH_WORDS
    assert len(search_text("x" * 100_000)) == MAX_SEARCH_CHARS


@pytest.mark.parametrize("words", [500, 5_000])
def test_many_words_search_the_local_copy_with_one_bounded_statement(
    workspace: Workspace, words: int
) -> None:
    first, last = a_customer(workspace)
    text = " ".join([last, first, *NOISE.split()[:words]])
    kept = " ".join(text.split()[:MAX_SEARCH_WORDS])
    engine = workspace.local.engine
    assert workspace.customers.search(text) == []  # no customer has all those words
    assert workspace.customers.find(text).matches == []
    pasted = sent(engine, lambda: workspace.customers.search(text))
    assert len(pasted) == 1
    assert pasted == sent(engine, lambda: workspace.customers.search(kept))


def test_a_nul_or_control_character_is_a_space(workspace: Workspace) -> None:
    first, last = a_customer(workspace)
    clean = [m.id for m in workspace.customers.search(f"{first} {last}")]
    assert clean
    assert [m.id for m in workspace.customers.search(f"{first}\x00{last}")] == clean
    assert [m.id for m in workspace.customers.find(f"\x01{first}\t{last}\x7f").matches] == clean
    assert workspace.customers.search("\x00\x00\x00") == []


@pytest.mark.postgres
def test_the_centre_search_is_bounded_too(pg_centre, tmp_path) -> None:
    login = pg_centre.add_user("advisor")
    ws = pg_centre.workstation(login, tmp_path / "ws")
    try:
        first, last = a_customer(ws)
        found = ws.customers.find(f"{first}\x00 {last}")
        assert found.matches and not found.local_only  # the centre answered, no DataError
        crowded_text = " ".join([last, first, NOISE])
        crowded = ws.customers.find(crowded_text)
        assert crowded.matches == [] and not crowded.local_only
        assert ws.customers.find("x" * 100_000).matches == []
        engine = ws.central.engine
        pasted = sent(engine, lambda: ws.customers.find(crowded_text))
        assert len(pasted) == 1  # the centre answered, with one statement
        kept = " ".join(crowded_text.split()[:MAX_SEARCH_WORDS])
        assert pasted == sent(engine, lambda: ws.customers.find(kept))
        long_word = sent(engine, lambda: ws.customers.find("x" * 100_000))
        assert long_word == sent(engine, lambda: ws.customers.find("x" * MAX_SEARCH_CHARS))
    finally:
        ws.close()
