"""What the item models share."""

from collections.abc import Iterable
from typing import cast

from PySide6.QtCore import QModelRoleData, QModelRoleDataSpan


def role_data(roles: QModelRoleDataSpan | QModelRoleData) -> Iterable[QModelRoleData]:
    """The role slots of one ``multiData`` call. PySide6 passes a span that iterates over its
    slots, though its type stubs do not say so."""
    if isinstance(roles, QModelRoleData):
        return (roles,)
    return cast(Iterable[QModelRoleData], roles)
