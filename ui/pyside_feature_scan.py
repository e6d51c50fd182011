"""A cheaper form of the check PySide6 runs on every module imported after it.

Once ``PySide6.QtCore`` is imported, shiboken replaces ``builtins.__import__`` and asks, for each
newly imported module, whether its source mentions "PySide6" (``_mod_uses_pyside`` in
``shibokensupport.feature``, for the opt-in ``from __feature__ import snake_case``, which Relais
does not use). It asks through ``inspect.getsource``, which tokenizes the file and keeps every
line in ``linecache`` for the life of the process: for the ~600 modules a start imports after Qt
(SQLAlchemy's above all) that cost ~0.1 s of the start-up and megabytes of memory.

``install`` puts the same question to the file's bytes instead — the same answer for a ``.py``
file ("PySide6" is ASCII), and PySide's own check for anything else. If a PySide release renames
or drops the check, nothing is changed.
"""

import sys
from collections.abc import Callable
from types import ModuleType


def install() -> bool:
    """Replaces the check, once ``PySide6.QtCore`` is imported; True when it did."""
    feature = sys.modules.get("shibokensupport.feature")
    upstream: Callable[[ModuleType], bool] | None = getattr(feature, "_mod_uses_pyside", None)
    if upstream is None or getattr(upstream, "reads_bytes", False):
        return False

    def _mod_uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return upstream(module)
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return upstream(module)

    _mod_uses_pyside.reads_bytes = True  # type: ignore[attr-defined]
    feature._mod_uses_pyside = _mod_uses_pyside  # type: ignore[union-attr]
    return True
