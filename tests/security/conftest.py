"""Hostile sessions against a real PostgreSQL centre, and the tally printed at the end of the run.

Each test marked ``attack`` is one attempt the centre must refuse: a passed test is an attack
refused, an expected failure (``xfail(strict=True, reason="BUG: …")``) an attack that still
succeeds, a failure one that newly succeeds.
"""

from collections import Counter
from collections.abc import Iterator
from types import SimpleNamespace

import centres
import pytest
from hostile_session import OTHER_TEAM, TEAM, Centre

_TALLY: Counter[str] = Counter()


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if "attack" not in report.keywords:
        return
    if report.when == "call":
        _TALLY["tried"] += 1
        if report.passed:
            _TALLY["refused"] += 1
        elif hasattr(report, "wasxfail"):
            _TALLY["known"] += 1
        else:
            _TALLY["succeeded"] += 1
    elif report.when == "setup" and report.skipped:
        _TALLY["skipped"] += 1
    elif report.when == "setup" and report.failed:
        _TALLY["broken"] += 1


def pytest_terminal_summary(terminalreporter) -> None:  # type: ignore[no-untyped-def]
    if not _TALLY:
        return
    line = f"security: {_TALLY['tried']} attacks tried, {_TALLY['refused']} refused"
    details = []
    if _TALLY["known"]:
        details.append(f"{_TALLY['known']} still succeed (known limits, xfail)")
    if _TALLY["succeeded"]:
        details.append(f"{_TALLY['succeeded']} succeeded unexpectedly")
    if _TALLY["broken"]:
        details.append(f"{_TALLY['broken']} could not be set up")
    if _TALLY["skipped"]:
        details.append(f"{_TALLY['skipped']} skipped")
    if details:
        line += "; " + ", ".join(details)
    terminalreporter.write_line(line)


@pytest.fixture(scope="module")
def server_url() -> str:
    """The test server (RELAIS_TEST_PG), as the shared pg_url fixture reads it, for a module."""
    return centres.server_url()


@pytest.fixture(scope="module")
def centre(server_url: str) -> Iterator[Centre]:
    """One small centre per module: its tests make their own contacts and do not interfere."""
    made = Centre(server_url)
    yield made
    made.close()


@pytest.fixture(scope="module")
def cast(centre: Centre) -> SimpleNamespace:
    """Two advisors and a supervisor of one team, an advisor and a supervisor of the other, an
    administrator: each connected with their own login."""
    return SimpleNamespace(
        alice=centre.user("advisor", TEAM),
        bob=centre.user("advisor", TEAM),
        carol=centre.user("advisor", OTHER_TEAM),
        chief=centre.user("supervisor", TEAM),
        south_chief=centre.user("supervisor", OTHER_TEAM),
        boss=centre.user("admin", None),
    )


@pytest.fixture(params=["advisor", "supervisor", "admin"])
def attacker(request: pytest.FixtureRequest, cast: SimpleNamespace):  # type: ignore[no-untyped-def]
    """The attack, once per role."""
    return {"advisor": cast.alice, "supervisor": cast.chief, "admin": cast.boss}[request.param]
