"""The models and the migrations say the same schema: a column, an index or a constraint added to
a model without its migration (or the reverse) shows here, not on a user's database."""

from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from app import migrations
from app.db import Database
from app.models import Base


def _include(scope: str) -> Any:
    def include(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
        if type_ == "table":
            return obj.info.get("scope", scope) == scope
        table = getattr(obj, "table", None)
        if table is not None:
            own = obj.info.get("scope") if type_ == "index" else None
            return (own or table.info.get("scope", scope)) == scope
        return True

    return include


@pytest.mark.parametrize("scope", ["central", "local"])
def test_no_difference_between_the_models_and_the_migrations(scope: str) -> None:
    db = Database("sqlite://", scope)  # type: ignore[arg-type]
    try:
        migrations.upgrade(db)
        with db.engine.connect() as conn:
            context = MigrationContext.configure(
                conn, opts={"include_object": _include(scope), "compare_type": True}
            )
            assert compare_metadata(context, Base.metadata) == []
    finally:
        db.dispose()
