"""Identifiers made on the workstation.

Records get time-ordered UUIDs (version 7) so a row written offline never needs renumbering and
B-tree indexes stay compact. Contacts also get a short reference an advisor can read over the
phone: Crockford base32 (no I, L, O, U), grouped as ``R-XXXX-XXXX``.
"""

import uuid

import uuid6

_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_id() -> uuid.UUID:
    """A fresh time-ordered UUID (RFC 9562 version 7)."""
    return uuid.UUID(int=uuid6.uuid7().int)


def short_reference(ident: uuid.UUID) -> str:
    """A readable reference derived from the id's random bits, e.g. ``R-7K3Q-X9PA``.

    Eight base32 characters carry 40 random bits: collisions are possible in theory, so the
    reference is a convenience for humans and never a key.
    """
    bits = ident.int & ((1 << 40) - 1)
    chars = []
    for _ in range(8):
        chars.append(_CROCKFORD[bits & 31])
        bits >>= 5
    code = "".join(reversed(chars))
    return f"R-{code[:4]}-{code[4:]}"
