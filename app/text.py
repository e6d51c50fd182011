"""Folding text for matching: what an advisor types without accents or capitals must find what
was written with them ("menard" finds "Ménard", "reclamation" finds "Réclamation")."""

import unicodedata


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def name_key(name: str) -> str:
    """A name as searched: folded, hyphens and apostrophes as spaces, single spaces
    ("Jean-Pierre" → "jean pierre", "N'Diaye" → "n diaye")."""
    return " ".join(fold(name).replace("-", " ").replace("'", " ").replace("’", " ").split())
