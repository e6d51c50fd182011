"""Folding text for matching: what an advisor types without accents or capitals must find what
was written with them ("menard" finds "Ménard", "reclamation" finds "Réclamation")."""

import unicodedata


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def words_key(text: str) -> str:
    """Text as words are searched: folded, and everything that is neither a letter nor a digit
    a space, single spaces ("« Jean-Pierre » 🙂" → "jean pierre", "N'Diaye" → "n diaye",
    "withdrawal_delay" → "withdrawal delay").

    Quotes, emoji, commas and brackets around a name pasted from a message or a social profile
    then cost nothing, on what was stored as on what is typed."""
    return " ".join("".join(ch if ch.isalnum() else " " for ch in fold(text)).split())


def name_key(name: str) -> str:
    """A name as searched and stored in the customers' search keys (``Customer.first_key``,
    ``last_key``): its words (see ``words_key``). Changing it changes what is stored: a new
    migration must then re-key the stored names (as ``…_search_keys_ignore_symbols`` did)."""
    return words_key(name)
