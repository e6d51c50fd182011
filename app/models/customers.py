"""Customers and the identities (phone, e-mail, social handles) they are recognised by."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, event
from sqlalchemy.orm import Mapped, mapped_column

from app.clock import utcnow
from app.enums import IdentityKind
from app.models.base import Base, IdMixin, enum_column
from app.text import name_key


def _key(ctx: Any, column: str) -> str:
    return name_key(ctx.get_current_parameters().get(column) or "")


class Customer(IdMixin, Base):
    """A customer's profile. Its fields are mutable: ``version`` grows with every change so the
    sync can tell which edit a workstation made on top of which value."""

    __tablename__ = "customer"
    first_name: Mapped[str] = mapped_column(String(80))
    last_name: Mapped[str] = mapped_column(String(80))
    language: Mapped[str] = mapped_column(String(8), default="fr")
    segment: Mapped[str] = mapped_column(String(32), default="standard")
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    postal_address: Mapped[str | None] = mapped_column(String(400))
    account_number: Mapped[str | None] = mapped_column(String(32), index=True)
    # Set when a supervisor merged this customer into another (app.services.merges): the row
    # stays, with nothing left on it, so that searching it finds the one it went into.
    merged_into: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("customer.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(default=1)
    # Folded copies of the names (see app.text.name_key), filled on every insert path (ORM and
    # bulk) and on ORM updates: search finds "Ménard" from "menard" through an index.
    last_key: Mapped[str] = mapped_column(String(80), default=lambda ctx: _key(ctx, "last_name"))
    first_key: Mapped[str] = mapped_column(String(80), default=lambda ctx: _key(ctx, "first_name"))

    __table_args__ = (
        Index("ix_customer_last_key", "last_key", "first_key"),
        Index("ix_customer_first_key", "first_key"),
    )


class CustomerIdentity(IdMixin, Base):
    """One way to reach or recognise a customer; ``value`` is normalised (E.164 phone numbers,
    lower-case e-mail addresses and handles) so matching is an index look-up."""

    __tablename__ = "customer_identity"
    customer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("customer.id"))
    kind: Mapped[IdentityKind] = mapped_column(enum_column(IdentityKind, 16))
    value: Mapped[str] = mapped_column(String(320))
    display: Mapped[str] = mapped_column(String(320))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    # Both cover what a search reads while the phone rings: the customers behind a number, then
    # each one's first identities in order, from the indexes alone (no table pages to visit).
    __table_args__ = (
        Index("ix_identity_match", "kind", "value", "customer_id"),
        Index(
            "ix_identity_of_customer",
            "customer_id",
            "created_at",
            "id",
            postgresql_include=["display"],
        ),
    )


@event.listens_for(Customer, "before_update")
def _rekey(_mapper: Any, _connection: Any, customer: Customer) -> None:
    customer.last_key = name_key(customer.last_name)
    customer.first_key = name_key(customer.first_name)
