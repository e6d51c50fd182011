"""Flags incoming text showing very strong dissatisfaction or a legal risk, in French and English.

A message mentioning a lawyer, a complaint to an authority (the ANJ, the DGCCRF, the police, a
court...), an accusation of fraud, or an outburst ("inadmissible", "never again") must not wait
its turn in the queue: it gets a higher priority and a flag whose tooltip lists what was found.

Most customers are not angry (complaints are about 8 % of contacts), so the rules are narrow on
purpose: each is a whole word or phrase, and the ambiguous ones (French "court" means "short",
"police" is also a font or an insurance policy, "sue" a first name) only count in the phrases that
make their meaning clear. The text is compared without accents or case, so "médiateur",
"MEDIATEUR" and "mediateur" are one term. A false positive costs an advisor a glance; a missed
lawyer costs far more — but flagging polite questions would teach advisors to ignore the flag.
"""

import re
import unicodedata
from dataclasses import dataclass

NONE, DISSATISFIED, LEGAL = 0, 1, 2
LOW, NORMAL, HIGH, URGENT = 0, 1, 2, 3


@dataclass(frozen=True)
class RiskAssessment:
    """What ``assess`` found: ``level`` 0 none, 1 strong dissatisfaction, 2 legal risk;
    ``reasons`` are the terms found, most serious first, for the flag's tooltip."""

    flagged: bool
    level: int
    reasons: tuple[str, ...]


NOT_FLAGGED = RiskAssessment(False, NONE, ())

# (label shown in the tooltip, level, pattern over accent-free lower-case text). Patterns are
# wrapped in word boundaries below; "'" stands for every apostrophe.
_RULES: tuple[tuple[str, int, str], ...] = (
    # A lawyer, a formal notice, the courts.
    ("avocat", LEGAL, r"avocat(?:e|s|es)?"),
    ("lawyer", LEGAL, r"lawyers?|attorneys?|solicitors?"),
    ("mise en demeure", LEGAL, r"mise en demeure|mettre en demeure|met en demeure"),
    ("huissier", LEGAL, r"huissiers?|commissaire de justice"),
    ("tribunal", LEGAL, r"tribunal|tribunaux"),
    ("justice", LEGAL, r"en justice|poursuites judiciaires"),
    ("plainte", LEGAL, r"plaintes?"),
    (
        "court",
        LEGAL,
        r"(?:to|in|before|into) court|court (?:case|action|order|claim)s?"
        r"|small claims",
    ),
    (
        "sue",
        LEGAL,
        r"(?:will|going to|gonna|i'll|shall|to) sue|su(?:e|ing) (?:you|u|them|your)"
        r"|legal action|legal proceedings",
    ),
    # Authorities and mediators.
    ("ANJ", LEGAL, r"anj|arjel|autorite nationale des jeux"),
    ("DGCCRF", LEGAL, r"dgccrf|repression des fraudes"),
    ("CNIL", LEGAL, r"cnil"),
    ("médiateur", LEGAL, r"mediat(?:eur|rice|ion)s?"),
    (
        "ombudsman",
        LEGAL,
        r"ombudsman|gambling commission|trading standards"
        r"|(?:to|contact|contacting|inform|informing) the"
        r" (?:gambling )?regulator",
    ),
    ("police", LEGAL, r"police(?! d'assurance| de caractere| d'ecriture)|gendarmerie|commissariat"),
    # Accusations of fraud or theft.
    ("arnaque", LEGAL, r"arnaques?|arnaqu(?:es|ez|er|eurs?)"),
    ("escroquerie", LEGAL, r"escroqueries?|escrocs?"),
    ("voleurs", LEGAL, r"voleur(?:s|se|ses)?"),
    ("scam", LEGAL, r"scams?|scammers?|scammed"),
    ("thieves", LEGAL, r"thieves|thief|you stole|(?:you are|you're) stealing"),
    ("fraude", LEGAL, r"fraudes?|frauduleu(?:x|se|sement)"),
    ("fraud", LEGAL, r"fraud|fraudulent|fraudsters?"),
    # Very strong dissatisfaction.
    ("inadmissible", DISSATISFIED, r"inadmissibles?"),
    ("inacceptable", DISSATISFIED, r"inacceptables?"),
    ("scandaleux", DISSATISFIED, r"scandaleu(?:x|se|ses)|scandale"),
    ("honteux", DISSATISFIED, r"honteu(?:x|se|ses)|c'est une honte|quelle honte"),
    ("lamentable", DISSATISFIED, r"lamentables?|minables?"),
    ("ras-le-bol", DISSATISFIED, r"ras le bol"),
    ("plus jamais", DISSATISFIED, r"plus jamais (?:chez vous|avec vous|sur votre site|ca)"),
    (
        "réseaux sociaux",
        DISSATISFIED,
        r"(?:je vais|j'vais|on va)(?: (?:tout|vous|le|la|les|ca|cela|l'))*"
        r" (?:dire|raconter|balancer|publier|poster|afficher|denoncer)\b[^.!?\n]{0,40}"
        r"\b(?:reseaux|twitter|facebook|instagram|tiktok)"
        r"|(?:je vais|on va) vous (?:afficher|balancer|denoncer)",
    ),
    ("unacceptable", DISSATISFIED, r"unacceptable"),
    ("disgusting", DISSATISFIED, r"disgusting|disgusted|disgraceful|appalling|outrageous"),
    ("shameful", DISSATISFIED, r"shameful|shame on you"),
    ("never again", DISSATISFIED, r"never again"),
    (
        "social media",
        DISSATISFIED,
        r"expose you|(?:tell|warn) (?:everyone|everybody|the world|all my \w+)"
        r"|all over (?:social media|twitter|facebook|instagram|the internet)"
        r"|(?:bad|negative|terrible) reviews? (?:everywhere|on)",
    ),
)

_COMPILED: tuple[tuple[str, int, re.Pattern[str]], ...] = tuple(
    (label, level, re.compile(rf"\b(?:{pattern})\b")) for label, level, pattern in _RULES
)

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "ʼ": "'", "-": " ", "_": " "})
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower case, without accents, one kind of apostrophe, hyphens as spaces, single spaces:
    the form every rule is written against."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", bare.translate(_APOSTROPHES)).strip()


def assess(text: str) -> RiskAssessment:
    """Scores one message; the reasons list each term once, legal risks first, then in order of
    appearance."""
    if not text or not text.strip():
        return NOT_FLAGGED
    folded = fold(text)
    found: list[tuple[int, int, str]] = []
    for label, level, pattern in _COMPILED:
        match = pattern.search(folded)
        if match is not None:
            found.append((-level, match.start(), label))
    if not found:
        return NOT_FLAGGED
    found.sort()
    reasons = tuple(dict.fromkeys(label for _level, _pos, label in found))
    return RiskAssessment(True, -found[0][0], reasons)


def priority_for(risk: RiskAssessment, base: int) -> int:
    """The contact's priority once its risk is known (0 low, 1 normal, 2 high, 3 urgent).

    A legal risk is always urgent; strong dissatisfaction is at least high; the risk never
    lowers a priority that was already higher.
    """
    if risk.level >= LEGAL:
        return URGENT
    if risk.level == DISSATISFIED:
        return max(base, HIGH)
    return base
