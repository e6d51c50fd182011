"""Alembic environment shared by the central and the local schema (see ``__init__``)."""

from typing import Any

from alembic import context

import app.models  # noqa: F401 - registers every table
from app.models.base import Base

config = context.config
scope = config.get_main_option("relais_scope")


def include_object(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    if type_ == "table":
        return obj.info.get("scope", scope) == scope
    table = getattr(obj, "table", None)
    if table is not None:
        # An index may belong to one side only, on a table both have (``info=LOCAL_ONLY``).
        own = obj.info.get("scope") if type_ == "index" else None
        return (own or table.info.get("scope", scope)) == scope
    return True


connection = config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    include_object=include_object,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
