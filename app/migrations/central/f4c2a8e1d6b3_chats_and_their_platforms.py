"""chats and their platforms

Messenger, Instagram, WhatsApp and X messages now arrive by their webhooks (issue 11). A chat is
one conversation per sender, so ``relais_receive`` joins a message that answers none of the
centre's to the sender's open contact on its channel, or follows the one closed in the last
seven days. ``relais_delivery_result`` takes the wait a platform asks for (429 Retry-After),
and ``relais_delivery_status`` records what a platform says of the replies it took (delivered,
read, failed) by their ids or a read watermark, never moving one back. The functions' text is
``sql/f4c2a8e1d6b3_chats.sql``, the ones before it ``sql/f4c2a8e1d6b3_chats_before.sql``: frozen
with this revision. On the embedded centre the same rules are ``app.sync.apply_receive``'s and
``app.sync.apply_delivery``'s.

Revision ID: f4c2a8e1d6b3
Revises: b3e8f1a6d402
Create Date: 2026-12-04 09:30:00
"""

from collections.abc import Sequence
from pathlib import Path

import sqlalchemy as sa
from alembic import op

revision: str = "f4c2a8e1d6b3"
down_revision: str | None = "b3e8f1a6d402"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SQL = Path(__file__).parent / "sql"


def upgrade() -> None:
    _run("f4c2a8e1d6b3_chats.sql")


def downgrade() -> None:
    _run("f4c2a8e1d6b3_chats_before.sql")


def _run(script: str) -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    text = (_SQL / script).read_text(encoding="utf-8")
    name = bind.scalar(sa.text("SELECT name FROM public.centre_role WHERE role = 'connector'"))
    quoted = str(bind.scalar(sa.text("SELECT quote_ident(:n)"), {"n": name}))
    op.execute(text.replace("@connector@", quoted))
