"""The layer rule, checked on the source: ``app/`` (the core) never imports Qt widgets, Qt's GUI
module or ``ui``; ``ui/`` reaches data only through ``app`` (no SQLAlchemy, driver, Alembic or
sqlite3 of its own). Every import counts, also those inside functions."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

RULES = {
    "app": ("PySide6.QtWidgets", "PySide6.QtGui", "ui"),
    "ui": ("sqlalchemy", "psycopg", "alembic", "sqlite3"),
}


def imported(path: Path) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
            found.extend((node.lineno, f"{node.module}.{a.name}") for a in node.names)
    return found


def breaks(name: str, forbidden: tuple[str, ...]) -> bool:
    return any(name == f or name.startswith(f + ".") for f in forbidden)


@pytest.mark.parametrize("layer", sorted(RULES))
def test_layer_imports_only_what_it_may(layer: str) -> None:
    wrong = [
        f"{path.relative_to(ROOT)}:{line}: imports {name}"
        for path in sorted((ROOT / layer).rglob("*.py"))
        for line, name in imported(path)
        if breaks(name, RULES[layer])
    ]
    assert not wrong, f"{len(wrong)} import(s) break the layer rule:\n" + "\n".join(wrong)


def test_the_check_sees_a_forbidden_import(tmp_path: Path) -> None:
    source = tmp_path / "m.py"
    source.write_text("def f():\n    from PySide6.QtWidgets import QLabel\n    import sqlalchemy\n")
    names = [name for _line, name in imported(source)]
    assert breaks("PySide6.QtWidgets.QLabel", RULES["app"])
    assert "PySide6.QtWidgets" in names and "sqlalchemy" in names
