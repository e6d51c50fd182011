"""Opening a workspace: one window per data folder, and a clear word when it cannot."""

import subprocess
import sys
from pathlib import Path

import pytest

from app.errors import EnvironmentProblem
from app.models import Role
from app.workspace import Workspace, open_demo


def test_a_second_window_on_the_same_folder_is_refused_clearly(
    workspace: Workspace, demo_dir: Path
) -> None:
    with pytest.raises(EnvironmentProblem) as err:
        open_demo(demo_dir, role=Role.SUPERVISOR)
    assert "Another Relais window is already using" in err.value.text()
    assert "--data-dir" in err.value.text()
    assert workspace.pending_changes() == 0  # the first window still works


def test_the_folder_is_free_again_once_closed(demo_dir: Path) -> None:
    first = open_demo(demo_dir)
    first.close()
    second = open_demo(demo_dir, role=Role.SUPERVISOR)
    assert second.who.role == Role.SUPERVISOR
    assert second.who.login == "superviseur"
    second.close()


def test_a_profile_from_the_sign_in_fields_shows_them_back_and_holds_no_password() -> None:
    from app.connection import Profile

    profile = Profile.for_server("db.example.org", 5433, "relais", "mlefebvre")
    assert profile.server() == ("db.example.org", 5433, "relais")
    assert profile.login == "mlefebvre" and "@" not in profile.centre
    assert profile.url("s3cret").username == "mlefebvre"


def test_a_start_on_an_up_to_date_folder_imports_no_migration_machinery(demo_dir: Path) -> None:
    """Alembic (and its Mako templates) is for a schema to upgrade; neither the PostgreSQL
    driver nor the keyring is for the embedded demo. A fresh interpreter, as a start is."""
    opened = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path; from app.workspace import open_demo;"
            "open_demo(Path(sys.argv[1])).close();"
            "print(*sorted({m.split('.')[0] for m in sys.modules}"
            " & {'alembic', 'mako', 'psycopg', 'keyring'}))",
            str(demo_dir),
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert opened.stdout.split() == []
