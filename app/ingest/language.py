"""Whether an arriving message is French or English, for the reply's language when the sender
is not a known customer (a customer's own language wins on the centre).

Customers write short messages, often without accents: counting the most common function words
of each language is enough to tell the two apart, and costs nothing. None when neither has
more than the other (a message of numbers, a single word): the centre then keeps its default.
"""

import re

from app.text import words_key

_FRENCH = frozenset({
    "le", "la", "les", "un", "une", "des", "du", "de", "et", "est", "je", "vous", "nous", "il",
    "elle", "ce", "cette", "mon", "ma", "mes", "votre", "vos", "pas", "ne", "que", "qui", "pour",
    "sur", "dans", "avec", "mais", "ou", "bonjour", "merci", "depuis", "toujours", "aucun",
    "aucune", "suis", "ai", "avez", "sont", "j", "c", "n",
})  # fmt: skip
_ENGLISH = frozenset({
    "the", "and", "is", "are", "i", "you", "we", "he", "she", "it", "this", "that", "my", "your",
    "our", "not", "no", "for", "in", "with", "but", "or", "hello", "hi", "thanks", "thank",
    "since", "still", "have", "has", "am", "was", "were", "been", "any", "please", "dear",
})  # fmt: skip
_WORD = re.compile(r"[a-z]+")


def guess_language(text: str) -> str | None:
    words = _WORD.findall(words_key(text[:4000]))
    french = sum(w in _FRENCH for w in words)
    english = sum(w in _ENGLISH for w in words)
    if french == english:
        return None
    return "fr" if french > english else "en"
