"""PySide's per-import check, answered from the file's bytes: the same answers, and no source
kept in memory for modules that never use PySide. In a fresh interpreter, as a start is."""

import subprocess
import sys

CHECK = """
import json, linecache, sys
import PySide6.QtCore
from ui import pyside_feature_scan

feature = sys.modules["shibokensupport.feature"]
upstream = feature._mod_uses_pyside
first, again = pyside_feature_scan.install(), pyside_feature_scan.install()
# The module a "from … import" names is the one PySide's hook is handed.
from app.errors import RelaisError
from ui.common.texts import ICONS
from argparse import ArgumentParser
from PySide6.QtWidgets import QWidget

names = ["app.errors", "ui.common.texts", "argparse", "PySide6.QtWidgets", "sys"]
kept = sorted(p for p in linecache.cache if p.endswith(("errors.py", "argparse.py")))
print(json.dumps({
    "installed": [first, again],
    "recorded": {n: feature.pyside_feature_dict.get(n) for n in names},
    "sources kept": kept,
    "same as PySide's": all(  # (PySide's own check fills linecache: asked last)
        feature._mod_uses_pyside(sys.modules[n]) == upstream(sys.modules[n]) for n in names
    ),
}))
"""


def test_the_check_gives_pyside_s_answers_without_keeping_sources() -> None:
    import json

    out = subprocess.run(
        [sys.executable, "-c", CHECK], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    result = json.loads(out.splitlines()[-1])
    assert result["installed"] == [True, False]  # once
    assert result["recorded"] == {
        "app.errors": -1,  # no PySide in it: ignored by PySide's feature switching
        "ui.common.texts": 0,  # uses PySide
        "argparse": -1,
        "PySide6.QtWidgets": -1,  # an extension module: PySide's own check answered
        "sys": -1,
    }
    assert result["same as PySide's"]
    assert result["sources kept"] == []
