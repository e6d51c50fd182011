"""Survey answers from a CSV file (app.backoffice.surveys): reading the file as spreadsheets
write it, the rows it gets wrong reported by line, and the centre's rules, the same on the
embedded SQLite centre and on PostgreSQL (relais_import_surveys)."""

import io
import os
import shutil
import subprocess
import sys
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from centres import EmbeddedCentre, PostgresCentre, owner
from sqlalchemy import func, insert, select, update

from app.backoffice import survey_file, surveys
from app.backoffice.centre import BackOffice
from app.backoffice.surveys import Status
from app.clock import utcnow
from app.db import Database
from app.errors import InputError
from app.models import Advisor, Contact, ContactAssignment, ContactStatus, Role, SurveyAnswer, Team
from app.workspace import DEMO_LOGINS, find_user

TEAM = "Équipe Paris 1"
OTHER_TEAM = "Équipe Paris 2"
TODAY = utcnow().date()

# -- reading the file (no centre) -----------------------------------------------------------------


def _parse(text: str, encoding: str = "utf-8") -> surveys.ParsedFile:
    return surveys.parse(text.encode(encoding), "answers.csv")


@pytest.mark.parametrize(
    ("encoding", "named"),
    [("utf-8", "UTF-8"), ("utf-8-sig", "UTF-8"), ("cp1252", "Windows-1252")],
)
def test_utf8_with_or_without_bom_and_windows_1252(encoding: str, named: str) -> None:
    parsed = _parse("référence;csat;commentaire;date\nR-1;4;Très déçu, 50 €;01/12/2026\n", encoding)
    assert parsed.encoding == named
    (row,) = parsed.answers
    assert (row.reference, row.csat, row.comment) == ("R-1", 4, "Très déçu, 50 €")
    assert parsed.columns["reference"] == "référence"


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_comma_semicolon_or_tab(delimiter: str) -> None:
    header = delimiter.join(["reference", "csat", "nps", "effort", "verbatim", "date"])
    row = delimiter.join(["R-1", "5", "10", "1", '"ok, merci; bien"', "2026-12-01"])
    parsed = _parse(f"{header}\r\n{row}\r\n")
    assert parsed.delimiter == delimiter
    answer = parsed.answers[0]
    assert (answer.csat, answer.nps, answer.effort, answer.comment) == (5, 10, 1, "ok, merci; bien")


@pytest.mark.parametrize(
    "header",
    [
        "Reference,CSAT,NPS,Customer effort,Comment,Answered at",
        "Référence,Satisfaction,Recommandation,Effort client,Commentaires,Date de réponse",
        "REF,Note CSAT (1-5),NPS (0-10),CES,Verbatim,Répondu le",
        "contact_reference,csat_score,nps_score,customer-effort,comments,answer date",
        "Date,Commentaire,Effort,NPS,CSAT,Référence du contact,Agence",  # any order, extra column
    ],
)
def test_headers_in_french_or_english(header: str) -> None:
    values = {"reference": "R-9", "csat": "2", "nps": "3", "effort": "6", "verbatim": "lent"}
    values["date"] = "2026-11-30"
    order = [survey_file._BY_NAME.get(surveys.header_key(h)) for h in header.split(",")]
    row = ",".join(values.get(c or "", "x") for c in order)
    answer = _parse(f"{header}\n{row}\n").answers[0]
    assert (answer.reference, answer.csat, answer.nps, answer.effort, answer.comment) == (
        "R-9",
        2,
        3,
        6,
        "lent",
    )


def _local(*parts: int) -> datetime:
    return datetime(*parts).astimezone().astimezone(UTC)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("2026-12-01", _local(2026, 12, 1)),
        ("2026-12-01 14:30", _local(2026, 12, 1, 14, 30)),
        ("2026-12-01T14:30:15", _local(2026, 12, 1, 14, 30, 15)),
        ("2026-12-01T14:30:00Z", datetime(2026, 12, 1, 14, 30, tzinfo=UTC)),
        ("2026-12-01T14:30:00+01:00", datetime(2026, 12, 1, 13, 30, tzinfo=UTC)),
        ("01/12/2026", _local(2026, 12, 1)),
        ("1/12/2026 9:05", _local(2026, 12, 1, 9, 5)),
        ("01/12/2026 14:30:15", _local(2026, 12, 1, 14, 30, 15)),
        ("01.12.2026 14h30", _local(2026, 12, 1, 14, 30)),
        ("01-12-2026", _local(2026, 12, 1)),
    ],
)
def test_dates_iso_or_day_first(written: str, meant: datetime) -> None:
    assert surveys.parse_date(written) == meant


@pytest.mark.parametrize(
    "written", ["31/02/2026", "12/31/2026", "2026-13-01", "demain", "2026/12/01", "01/12/26", ""]
)
def test_what_is_no_date(written: str) -> None:
    assert surveys.parse_date(written) is None


def test_bad_rows_are_reported_with_their_line_and_reason() -> None:
    text = (
        "reference;csat;nps;effort;verbatim;date\n"
        "R-1;4;;;bien;01/12/2026\n"  # line 2: good
        "\n"  # line 3: blank, skipped
        'R-2;4;;;"sur\ndeux lignes";01/12/2026\n'  # lines 4-5: good
        ";4;;;;01/12/2026\n"  # 6
        "R-3;;;;;01/12/2026\n"  # 7
        "R-4;6;;;;01/12/2026\n"  # 8
        "R-5;4;11;;;01/12/2026\n"  # 9
        "R-6;4;;8;;01/12/2026\n"  # 10
        "R-7;quatre;;;;01/12/2026\n"  # 11
        "R-8;4;;;;\n"  # 12
        "R-9;4;;;;32/12/2026\n"  # 13
        "R-10;4,0;-1;;;01/12/2026\n"  # 14
        "R-11;4;;;trop;de;champs;01/12/2026\n"  # 15
        f"R-12;4;;;{'x' * 10_001};01/12/2026\n"  # 16
    )
    parsed = _parse(text)
    found = {a.line: (a.reason, a.value) for a in parsed.answers}
    assert found == {
        2: ("", ""),
        4: ("", ""),
        6: ("no_reference", ""),
        7: ("csat_missing", ""),
        8: ("csat_range", "6"),
        9: ("nps_range", "11"),
        10: ("effort_range", "8"),
        11: ("not_a_number", "quatre"),
        12: ("date_missing", ""),
        13: ("bad_date", "32/12/2026"),
        14: ("nps_range", "-1"),
        15: ("too_many_fields", "8"),
        16: ("too_long", ""),
    }
    assert parsed.answers[1].comment == "sur\ndeux lignes"
    said = surveys.RowResult(parsed.answers[7], Status.REFUSED, "not_a_number").reason_text()
    assert said == "“quatre” in csat is not a whole number"


@pytest.mark.parametrize(
    ("data", "says"),
    [
        ("reference;csat;date\nR-1;4;01/12/2026\n".encode("utf-16"), "neither UTF-8 nor"),
        (b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 40, "spreadsheet workbook"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 40, "spreadsheet workbook"),
        (b"reference;csat;date\nR-1;4;01/12/2026;\x81\x8d\n", "neither UTF-8 nor"),
        ("reference;csat;commentaire;date\nR-1;4;TrÃ¨s bien;01/12/2026\n".encode(), "twice"),
        (b"reference;csat;date\nR-1;4;01/12/2026\x1a\n", "neither UTF-8 nor"),
        (b"", "is empty"),
        (b"\n\n  \n", "is empty"),
        (b"reference;csat;date\n\n", "no survey answers"),
        (b"reference;nps;verbatim\nR-1;4;ok\n", "no column for csat, date"),
        (b"R-1;4;01/12/2026\nR-2;5;01/12/2026\n", "no column for reference, csat, date"),
        (b"reference;csat;satisfaction;date\nR-1;4;4;01/12/2026\n", "two columns for csat"),
    ],
)
def test_a_file_refused_as_a_whole(data: bytes, says: str) -> None:
    with pytest.raises(InputError) as refused:
        surveys.parse(data, "answers.csv")
    assert says in refused.value.text()
    assert "answers.csv" in refused.value.text()
    assert refused.value.exit_code == 2


def test_a_file_that_cannot_be_read(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="Cannot read"):
        surveys.read_file(tmp_path / "missing.csv")


# -- the centre's rules, on both kinds of centre --------------------------------------------------


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def centre(request, tmp_path):
    if request.param == "sqlite":
        made = EmbeddedCentre(tmp_path / "centre").create(customers=40, contacts=200, queue=20)
    else:
        made = PostgresCentre(request.getfixturevalue("pg_url")).create(
            customers=40, contacts=200, queue=20
        )
    yield made
    made.drop()


def _office(centre, login: str) -> BackOffice:
    url = centre.url if centre.kind == "sqlite" else centre.user_url(login)
    db = Database(url, "central")
    return BackOffice(db, find_user(db, login))


@pytest.fixture
def world(centre):
    """A supervisor of TEAM, one of OTHER_TEAM, an administrator, an advisor of TEAM; closed
    contacts without an answer of each team, open contacts; the owner's view."""
    truth = owner(centre)
    logins = SimpleNamespace(
        chief=centre.add_user("supervisor", team=TEAM),
        south=centre.add_user("supervisor", team=OTHER_TEAM),
        boss=centre.add_user("admin"),
        alice=centre.add_user("advisor", team=TEAM),
    )
    offices = {name: _office(centre, login) for name, login in vars(logins).items()}
    with truth.session() as s:
        teams = dict(s.execute(select(Team.name, Team.id)).all())
        answered = select(SurveyAnswer.contact_id)
        closed = (
            select(Contact.team_id, Contact.reference)
            .where(Contact.status == ContactStatus.CLOSED, Contact.id.not_in(answered))
            .order_by(Contact.id)
        )
        by_team: dict[uuid.UUID, list[str]] = {}
        for team_id, reference in s.execute(closed):
            by_team.setdefault(team_id, []).append(reference)
        still_open = s.scalars(
            select(Contact.reference).where(
                Contact.status != ContactStatus.CLOSED, Contact.team_id == teams[TEAM]
            )
        ).all()
    yield SimpleNamespace(
        truth=truth,
        office=offices,
        mine=by_team[teams[TEAM]],
        theirs=by_team[teams[OTHER_TEAM]],
        still_open=still_open,
        kind=centre.kind,
    )
    for office in offices.values():
        office.db.dispose()
    truth.dispose()


def _csv(tmp_path: Path, rows: list[str], name: str = "answers.csv") -> Path:
    path = tmp_path / name
    path.write_text("référence;csat;nps;effort client;commentaire;date\n" + "\n".join(rows) + "\n")
    return path


def _row(reference: str, csat: int = 4, comment: str = "", when: str | None = None) -> str:
    return f"{reference};{csat};;;{comment};{when or TODAY.strftime('%d/%m/%Y')}"


def _stored(world, reference: str):
    with world.truth.session() as s:
        return s.execute(
            select(SurveyAnswer)
            .join(Contact, Contact.id == SurveyAnswer.contact_id)
            .where(Contact.reference == reference)
        ).scalar_one_or_none()


def _count(world) -> int:
    with world.truth.session() as s:
        return s.scalar(select(func.count(SurveyAnswer.id))) or 0


def _statuses(report: surveys.Report) -> dict[int, tuple[Status, str]]:
    return {r.line: (r.status, r.reason) for r in report.rows}


def test_good_rows_import_while_bad_ones_are_refused_by_line(world, tmp_path) -> None:
    path = _csv(
        tmp_path,
        [
            _row(world.mine[0], 5, "Parfait, merci"),  # 2
            _row(world.mine[1], 9),  # 3: CSAT out of range
            _row("R-NOPE-0000"),  # 4
            _row(world.theirs[0]),  # 5
            _row(world.still_open[0]),  # 6
            _row(world.mine[2], 2, when="pas une date"),  # 7
            _row(world.mine[3], 1, "Déçu"),  # 8
        ],
    )
    before = _count(world)
    started = utcnow() - timedelta(seconds=5)
    report = surveys.import_file(world.office["chief"], path)
    assert _statuses(report) == {
        2: (Status.IMPORTED, ""),
        3: (Status.REFUSED, "csat_range"),
        4: (Status.REFUSED, "unknown_contact"),
        5: (Status.REFUSED, "other_team"),
        6: (Status.REFUSED, "not_closed"),
        7: (Status.REFUSED, "bad_date"),
        8: (Status.IMPORTED, ""),
    }
    assert report.exit_code == 1
    assert _count(world) == before + 2
    stored = _stored(world, world.mine[0])
    assert (stored.csat, stored.nps, stored.effort, stored.comment) == (
        5,
        None,
        None,
        "Parfait, merci",
    )
    assert stored.imported_at is not None and stored.imported_at >= started
    assert stored.answered_at == surveys.parse_date(TODAY.strftime("%d/%m/%Y"))
    assert _stored(world, world.mine[3]).comment == "Déçu"
    said = {r.line: r.reason_text() for r in report.rows}
    assert said[4] == "no contact has the reference R-NOPE-0000"
    assert said[5] == f"contact {world.theirs[0]} is not of your team"


def test_importing_twice_changes_nothing_and_a_different_answer_is_a_conflict(
    world, tmp_path
) -> None:
    rows = [_row(world.mine[0], 4, "Bien"), _row(world.mine[1], 2, "Lent")]
    first = surveys.import_file(world.office["chief"], _csv(tmp_path, rows))
    assert first.counts[Status.IMPORTED] == 2 and first.exit_code == 0
    count = _count(world)
    stamped = _stored(world, world.mine[0]).imported_at
    again = surveys.import_file(world.office["chief"], _csv(tmp_path, rows))
    assert _statuses(again) == {2: (Status.ALREADY, ""), 3: (Status.ALREADY, "")}
    assert again.exit_code == 0
    assert _count(world) == count
    assert _stored(world, world.mine[0]).imported_at == stamped
    changed = [_row(world.mine[0], 1, "Bien"), _row(world.mine[1], 2, "Lent !")]
    conflicts = surveys.import_file(world.office["boss"], _csv(tmp_path, changed))
    assert _statuses(conflicts) == {
        2: (Status.CONFLICT, "conflict"),
        3: (Status.CONFLICT, "conflict"),
    }
    assert conflicts.exit_code == 1
    assert (_stored(world, world.mine[0]).csat, _stored(world, world.mine[1]).comment) == (
        4,
        "Lent",
    )


def test_one_contact_twice_in_a_file(world, tmp_path) -> None:
    rows = [_row(world.mine[0], 4), _row(world.mine[0], 4), _row(world.mine[0], 3)]
    report = surveys.import_file(world.office["chief"], _csv(tmp_path, rows))
    assert [r.status for r in report.rows] == [Status.IMPORTED, Status.ALREADY, Status.CONFLICT]
    assert _stored(world, world.mine[0]).csat == 4


def test_the_dry_run_says_what_the_import_does_and_imports_nothing(world, tmp_path) -> None:
    rows = [_row(world.mine[0]), _row("R-NOPE-0000"), _row(world.theirs[0]), _row(world.mine[1])]
    path = _csv(tmp_path, rows)
    before = _count(world)
    seen: list[tuple[int, int]] = []
    preview = surveys.check(world.office["chief"], path, progress=lambda *p: seen.append(p))
    assert _count(world) == before
    assert seen == [(0, 4), (4, 4)]
    assert preview.dry_run
    done = surveys.import_file(world.office["chief"], path)
    assert _statuses(preview) == _statuses(done)
    assert [r.credit for r in preview.rows] == [r.credit for r in done.rows]


def test_batches_give_the_same_answers(world, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(surveys, "BATCH", 2)
    rows = [_row(ref, 3) for ref in world.mine[:5]] + [_row(world.mine[0], 3)]
    seen: list[tuple[int, int]] = []
    report = surveys.import_file(
        world.office["chief"], _csv(tmp_path, rows), progress=lambda *p: seen.append(p)
    )
    assert [r.status for r in report.rows] == [Status.IMPORTED] * 5 + [Status.ALREADY]
    assert seen == [(0, 6), (2, 6), (4, 6), (6, 6)]


def test_who_may_import(world, tmp_path) -> None:
    path = _csv(tmp_path, [_row(world.theirs[0]), _row(world.mine[0])])
    with pytest.raises(InputError, match="Only supervisors and administrators"):
        surveys.import_file(world.office["alice"], path)
    with pytest.raises(InputError, match="Only supervisors and administrators"):
        surveys.check(world.office["alice"], path)
    assert _stored(world, world.theirs[0]) is None
    south = surveys.import_file(world.office["south"], path)
    assert _statuses(south) == {2: (Status.IMPORTED, ""), 3: (Status.REFUSED, "other_team")}
    boss = surveys.import_file(world.office["boss"], path)
    assert _statuses(boss) == {2: (Status.ALREADY, ""), 3: (Status.IMPORTED, "")}


def test_dates_the_centre_refuses(world, tmp_path) -> None:
    with world.truth.session() as s:
        closed_at = s.scalar(select(Contact.closed_at).where(Contact.reference == world.mine[0]))
    early = (closed_at - timedelta(days=3)).strftime("%Y-%m-%dT%H:%M:%SZ")
    later = (closed_at + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M:%SZ")
    future = (utcnow() + timedelta(days=3)).strftime("%Y-%m-%d")
    rows = [_row(world.mine[0], when=early), _row(world.mine[1], when=future)]
    report = surveys.import_file(
        world.office["chief"], _csv(tmp_path, [*rows, _row(world.mine[0], when=later)])
    )
    assert _statuses(report) == {
        2: (Status.REFUSED, "before_close"),
        3: (Status.REFUSED, "future_date"),
        4: (Status.IMPORTED, ""),
    }


def test_an_ambiguous_reference(world, tmp_path) -> None:
    with world.truth.session() as s:
        s.execute(
            update(Contact)
            .where(Contact.reference == world.mine[1])
            .values(reference=world.mine[0])
        )
    report = surveys.import_file(world.office["chief"], _csv(tmp_path, [_row(world.mine[0])]))
    assert _statuses(report) == {2: (Status.REFUSED, "ambiguous")}


def test_a_survey_answer_is_credited_to_who_closed_the_contact(world, tmp_path) -> None:
    """The closer is credited; the others who worked on the contact are shown beside, in the
    order they first did."""
    with world.truth.session() as s:
        contact = s.execute(select(Contact).where(Contact.reference == world.mine[0])).scalar_one()
        closer = contact.assigned_to
        helpers = s.scalars(
            select(Advisor.id)
            .where(Advisor.id != closer, Advisor.role == "advisor")
            .order_by(Advisor.id)
            .limit(2)
        ).all()
        s.execute(
            ContactAssignment.__table__.delete().where(ContactAssignment.contact_id == contact.id)
        )
        start = contact.received_at
        for minutes, advisor in ((1, helpers[1]), (2, helpers[0]), (3, closer), (4, helpers[1])):
            s.execute(
                insert(ContactAssignment).values(
                    id=uuid.uuid4(),
                    contact_id=contact.id,
                    advisor_id=advisor,
                    started_at=start + timedelta(minutes=minutes),
                    ended_at=start + timedelta(minutes=minutes, seconds=30),
                )
            )
        names = dict(s.execute(select(Advisor.id, Advisor.display_name)).all())
        open_id = s.scalar(select(Contact.id).where(Contact.reference == world.still_open[0]))
    report = surveys.import_file(world.office["chief"], _csv(tmp_path, [_row(world.mine[0])]))
    credit = report.rows[0].credit
    assert credit == surveys.Credit(
        surveys.Person(closer, names[closer]),
        (
            surveys.Person(helpers[1], names[helpers[1]]),
            surveys.Person(helpers[0], names[helpers[0]]),
        ),
    )
    given = surveys.credits(world.office["chief"], [contact.id, open_id, uuid.uuid4()])
    assert given[contact.id] == credit
    assert given[open_id].advisor is None  # not closed: nobody is credited yet
    assert set(given) == {contact.id, open_id}
    summary = "\n".join(surveys.summary(report, "answers.csv"))
    assert f"Credited to: {names[closer]} 1" in summary


def test_the_command_prints_a_summary_and_says_by_its_exit_code(world, tmp_path) -> None:
    office = world.office["chief"]
    good = _csv(tmp_path, [_row(world.mine[0]), _row(world.mine[1])], "good.csv")
    out = io.StringIO()
    assert surveys.import_command(office, good, True, out, surveys.no_translation) == 0
    assert "To import: 2" in out.getvalue() and "Nothing was imported" in out.getvalue()
    assert _stored(world, world.mine[0]) is None
    out = io.StringIO()
    assert surveys.import_command(office, good, False, out, surveys.no_translation) == 0
    assert "Imported: 2" in out.getvalue()
    bad = _csv(tmp_path, [_row(world.mine[0]), _row("R-NOPE-0000")], "bad.csv")
    out = io.StringIO()
    assert surveys.import_command(office, bad, False, out, surveys.no_translation) == 1
    printed = out.getvalue()
    assert "Already there: 1" in printed and "Refused: 1" in printed
    assert "line 3: no contact has the reference R-NOPE-0000" in printed


# -- the command line, as a user runs it ----------------------------------------------------------

RELAIS = shutil.which("relais") or str(Path(sys.executable).with_name("relais"))


def _relais(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LANGUAGE="en", LANG="en_US.UTF-8")
    return subprocess.run(
        [RELAIS, *args], capture_output=True, text=True, timeout=180, env=env, check=False
    )


def test_relais_surveys_import_on_the_demo(demo_dir: Path, tmp_path: Path) -> None:
    central = Database(f"sqlite:///{demo_dir / 'central.sqlite3'}", "central")
    with central.session() as s:
        team = s.scalar(
            select(Advisor.team_id).where(Advisor.login == DEMO_LOGINS[Role.SUPERVISOR])
        )
        mine = s.scalars(
            select(Contact.reference)
            .where(
                Contact.status == ContactStatus.CLOSED,
                Contact.team_id == team,
                Contact.id.not_in(select(SurveyAnswer.contact_id)),
            )
            .limit(2)
        ).all()
    central.dispose()
    base = ("surveys", "import", "--demo", "--data-dir", str(demo_dir))
    good = tmp_path / "good.csv"
    day = f"{TODAY:%d/%m/%Y}"
    text = (
        f"Référence;CSAT;Commentaire;Date\r\n{mine[0]};5;Très bien;{day}\r\n{mine[1]};4;;{day}\r\n"
    )
    good.write_bytes(text.encode("cp1252"))
    dry = _relais(*base, str(good), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "To import: 2" in dry.stdout and "Windows-1252" in dry.stdout
    done = _relais(*base, str(good))
    assert done.returncode == 0, done.stderr
    assert "Imported: 2" in done.stdout
    again = _relais(*base, str(good))
    assert again.returncode == 0 and "Already there: 2" in again.stdout
    bad = tmp_path / "bad.csv"
    bad.write_text(f"reference,csat,date\n{mine[0]},5,{TODAY}\nR-NOPE,3,{TODAY}\n")
    partly = _relais(*base, str(bad))
    assert partly.returncode == 1
    assert "line 3: no contact has the reference R-NOPE" in partly.stdout
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("reference,nps,date\nR-1,3,2026-12-01\n")
    refused = _relais(*base, str(wrong))
    assert refused.returncode == 2
    assert "has no column for csat" in refused.stderr
    advisor = _relais(*base, "--as", "advisor", str(good))
    assert advisor.returncode == 2
    assert "Only supervisors and administrators" in advisor.stderr
    for result in (dry, done, again, partly, refused, advisor):
        assert "Traceback" not in result.stdout + result.stderr
