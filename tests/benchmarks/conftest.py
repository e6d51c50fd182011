"""What every GUI benchmark sets up the way the program does at start-up."""

import gc

import pytest

from app.workspace import Workspace
from ui.shell.main_window import preload


@pytest.fixture
def as_the_program_runs(workspace: Workspace) -> None:
    """The program imports its panels in the worker that opens the workspace, then freezes the
    objects made at start-up out of the collector's full passes (ui/application.py). They stay
    frozen, as in the program: the benchmark process ends soon after."""
    preload()
    gc.freeze()
