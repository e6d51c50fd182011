"""Developer tool: ``python -m app.migrations.make central|local MESSAGE`` autogenerates a revision
from the difference between the models and the latest migration."""

import sys

from alembic import command

from app.db import Database, Scope
from app.migrations import alembic_config


def main(argv: list[str]) -> None:
    if len(argv) != 2 or argv[0] not in ("central", "local"):
        sys.exit("usage: python -m app.migrations.make central|local MESSAGE")
    scope: Scope = argv[0]  # type: ignore[assignment]
    db = Database("sqlite://", scope)
    with db.engine.begin() as conn:
        cfg = alembic_config(scope, conn)
        command.upgrade(cfg, "head")
        command.revision(cfg, message=argv[1], autogenerate=True)


if __name__ == "__main__":
    main(sys.argv[1:])
