"""Messages with a legal threat or an outburst jump the queue; ordinary polite ones never do."""

import pytest

from app.risk import RiskAssessment, assess, priority_for

POLITE = [
    "I'd like to know how long a withdrawal takes.",
    "Hello, could you tell me when my bonus will be credited? Many thanks.",
    "Hi, this is Sue from Leeds, I'd like to change my password.",
    "Could you explain the courtesy bet offer? I'll share my referral link on Facebook.",
    "Is there a policy on void bets? I read your terms but I'm not sure.",
    "Bonjour, je voudrais savoir quand mon retrait arrivera. Merci d'avance !",
    "Bonjour, le délai est un peu court pour envoyer mes documents, à court terme ça ira.",
    "Bonjour, je dois changer ma police d'assurance et mon adresse, comment faire ?",
    "Je voulais vous dire que je vous suis sur les réseaux, bravo pour l'appli.",
    "Je ne veux plus jamais parier, merci de fermer mon compte.",
    "Bonjour, je souhaite poursuivre mes paris sur le tennis, quelles sont les cotes ?",
    "Merci beaucoup pour votre aide, tout est réglé. Bonne journée !",
    "",
]


@pytest.mark.parametrize("text", POLITE)
def test_polite_everyday_messages_are_not_flagged(text: str) -> None:
    risk = assess(text)
    assert risk == RiskAssessment(False, 0, ())


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Mon avocat va vous contacter.", "avocat"),
        ("My lawyer will be in touch.", "lawyer"),
        ("Ceci est une mise en demeure de payer mes gains.", "mise en demeure"),
        ("Je vais saisir l'ANJ.", "ANJ"),
        ("J'ai écrit à la DGCCRF.", "DGCCRF"),
        ("Je saisirai le médiateur.", "médiateur"),
        ("J'ai porté plainte au commissariat.", "plainte"),
        ("J'ai appelé la police.", "police"),
        ("On se verra au tribunal.", "tribunal"),
        ("I'll take you to court.", "court"),
        ("I will sue you.", "sue"),
        ("I'm writing to the ombudsman.", "ombudsman"),
        ("This is a scam.", "scam"),
        ("C'est une arnaque !", "arnaque"),
        ("C'est de l'escroquerie.", "escroquerie"),
        ("Bande de voleurs.", "voleurs"),
        ("You are thieves.", "thieves"),
        ("This is fraud.", "fraud"),
        ("C'est une fraude.", "fraude"),
    ],
)
def test_legal_risk_is_level_two_and_says_why(text: str, reason: str) -> None:
    risk = assess(text)
    assert risk.flagged
    assert risk.level == 2
    assert reason in risk.reasons


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("C'est inadmissible.", "inadmissible"),
        ("Un service scandaleux.", "scandaleux"),
        ("C'est honteux.", "honteux"),
        ("Absolutely disgusting service.", "disgusting"),
        ("This is unacceptable.", "unacceptable"),
        ("Never again.", "never again"),
        ("Je vais tout dire sur les réseaux !", "réseaux sociaux"),
    ],
)
def test_very_strong_dissatisfaction_is_level_one(text: str, reason: str) -> None:
    risk = assess(text)
    assert (risk.flagged, risk.level) == (True, 1)
    assert reason in risk.reasons


@pytest.mark.parametrize(
    "text", ["LE MÉDIATEUR", "le mediateur", "Le Médiatéur", "le  MEDIATEUR", "médiateurs"]
)
def test_matching_ignores_accents_case_and_spacing(text: str) -> None:
    assert assess(text).reasons == ("médiateur",)


@pytest.mark.parametrize(
    "text", ["scampi", "courtesy", "policy", "plaintiff's cousin", "honte-free", "escrow"]
)
def test_terms_match_whole_words_only(text: str) -> None:
    assert not assess(text).flagged


def test_reasons_list_legal_risk_first_and_each_term_once() -> None:
    risk = assess("Inadmissible ! C'est une arnaque, une ARNAQUE, mon avocat s'en occupe.")
    assert risk.level == 2
    assert risk.reasons == ("arnaque", "avocat", "inadmissible")


def test_typographic_apostrophes_and_hyphens_are_understood() -> None:
    assert "mise en demeure" in assess("Mise-en-demeure").reasons
    assert assess("Je vais saisir l’ANJ").reasons == ("ANJ",)


@pytest.mark.parametrize(
    ("level", "base", "expected"),
    [(0, 0, 0), (0, 1, 1), (0, 3, 3), (1, 0, 2), (1, 1, 2), (1, 3, 3), (2, 0, 3), (2, 2, 3)],
)
def test_priority_is_raised_never_lowered(level: int, base: int, expected: int) -> None:
    risk = RiskAssessment(level > 0, level, ("x",) if level else ())
    assert priority_for(risk, base) == expected
