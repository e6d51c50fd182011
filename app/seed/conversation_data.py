"""The rest of a demo conversation: complaints, follow-ups, closing replies, callback notes,
survey and evaluation comments, wrap-up comments and the service incidents, in French and
English."""

# --- Complaints: about 8 % of contacts, the ones with strong words --------------------------
COMPLAINT_SUBJECTS: dict[str, tuple[str, ...]] = {
    "fr": (
        "Réclamation",
        "Réclamation concernant mon compte",
        "Mécontentement",
        "Troisième relance",
    ),
    "en": ("Complaint", "Formal complaint", "Complaint about my account"),
}
# Most complaints are firm rather than threatening; a few mention a lawyer or an authority.
COMPLAINT_MESSAGES: dict[str, tuple[str, ...]] = {
    "fr": (
        "Bonjour,\n\nCela fait {days} jours que j'attends mon retrait de {amount} € et personne "
        "ne me répond. C'est inadmissible.\n\nJ'attends une réponse rapide.",
        "Bonjour,\n\nMon pari sur {match} a été annulé sans aucune explication alors qu'il était "
        "gagnant. Je trouve ce procédé scandaleux et je demande le paiement de mes gains.",
        "Bonjour,\n\nTroisième message sans réponse au sujet de mon compte bloqué. Si je n'ai pas "
        "de réponse sous 8 jours, je saisirai le médiateur et l'ANJ.",
        "Vous êtes des voleurs. Vous bloquez mes gains de {amount} € depuis {days} jours, c'est "
        "une arnaque. Mon avocat va vous adresser une mise en demeure.",
        "Bonjour,\n\nJe suis très déçu par le traitement de ma demande : on m'a demandé trois fois "
        "les mêmes documents. C'est une honte pour un site de cette taille.",
        "Je vais tout dire sur les réseaux si mon bonus n'est pas crédité aujourd'hui. Service "
        "client lamentable.",
    ),
    "en": (
        "Hello,\n\nI have been waiting {days} days for my €{amount} withdrawal and nobody "
        "answers. This is unacceptable.\n\nI expect a quick reply.",
        "Hello,\n\nMy bet on {match} was voided without any explanation although it had won. "
        "This is disgraceful and I want my winnings paid.",
        "Third message without an answer about my locked account. If I don't hear back within "
        "8 days I will take this to the regulator and my lawyer.",
        "You are thieves. You've been holding my €{amount} winnings for {days} days, this is a "
        "scam and I will sue you.",
        "Very disappointed with how my request was handled: I was asked for the same documents "
        "three times. Never again.",
    ),
}
COMPLAINT_NOTES: tuple[str, ...] = (
    "Client très mécontent, retrait en attente depuis {days} jours. Escaladé au service "
    "paiements, rappel promis sous 48 h.",
    "Réclamation sur pari annulé. Règlement expliqué, client maintient sa réclamation : "
    "dossier transmis au service réclamations.",
    "Client menace de saisir le médiateur. Excuses présentées, geste commercial proposé.",
)

# --- The rest of a thread -------------------------------------------------------------------

# A customer's second message, after the advisor's first answer.
FOLLOW_UPS: dict[str, tuple[str, ...]] = {
    "fr": (
        "Merci pour votre réponse rapide. J'ai fait ce que vous m'avez indiqué, je vous tiens "
        "au courant.",
        "Merci, mais ce n'est toujours pas réglé de mon côté. Pouvez-vous revérifier ?",
        "Je viens d'envoyer les documents demandés. Merci !",
        "D'accord, c'est bien noté. Bonne journée.",
    ),
    "en": (
        "Thanks for the quick answer. I've done what you said and will let you know.",
        "Thanks, but it still isn't sorted on my side. Could you check again?",
        "I've just sent the documents you asked for. Thanks!",
        "OK, understood. Have a good day.",
    ),
}
# The advisor's closing answer to that second message; placeholders as in templates.
CLOSING_REPLIES: dict[str, tuple[str, ...]] = {
    "fr": (
        "Bonjour {{customer_first_name}},\n\nMerci pour votre retour. Nous avons vérifié à "
        "nouveau : tout est désormais en ordre sur votre compte.\n\nBonne journée,\n"
        "{{advisor_first_name}}, service client",
        "Bonjour {{customer_first_name}},\n\nNous avons bien reçu vos documents, ils sont en "
        "cours d'examen. Vous recevrez un e-mail de confirmation sous 48 heures.\n\n"
        "{{advisor_first_name}}, service client",
    ),
    "en": (
        "Hello {{customer_first_name}},\n\nThank you for getting back to us. We have checked "
        "again and everything on your account is now in order.\n\nKind regards,\n"
        "{{advisor_first_name}}, Customer Service",
        "Hello {{customer_first_name}},\n\nWe have received your documents and they are being "
        "reviewed. You will get a confirmation e-mail within 48 hours.\n\n"
        "{{advisor_first_name}}, Customer Service",
    ),
}
CALLBACK_PREFIX: dict[str, str] = {
    "fr": "Demande de rappel laissée sur le site : ",
    "en": "Callback request left on the website: ",
}
# What an advisor wrote, closing, for the follow-up they planned.
FOLLOW_UP_PLANS: dict[str, tuple[str, ...]] = {
    "fr": (
        "Rappeler le client une fois le virement arrivé pour confirmer.",
        "Vérifier que les pièces justificatives ont été validées et le lui dire.",
        "Faire le point avec le client sur sa réclamation après retour du service paiements.",
        "Le client attend une réponse écrite sur le bonus : la lui envoyer.",
    ),
    "en": (
        "Call the customer back once the transfer has arrived, to confirm.",
        "Check that the documents were approved and tell the customer.",
        "Follow up on the complaint once the payments team has answered.",
        "The customer expects a written answer about the bonus: send it.",
    ),
}

# --- Satisfaction -----------------------------------------------------------------------------

SURVEY_COMMENTS: dict[str, dict[int, tuple[str, ...]]] = {
    "fr": {
        1: (
            "Toujours pas de solution après plusieurs contacts.",
            "Réponse à côté de ma question.",
            "Beaucoup trop long pour un simple retrait.",
        ),
        2: (
            "Conseiller aimable mais le problème n'est pas réglé.",
            "Il a fallu relancer plusieurs fois.",
            "Réponse très standard.",
        ),
        3: ("Réponse claire, merci.", "Problème réglé, un peu d'attente au téléphone.", "Correct."),
        4: (
            "Très bon accueil, problème réglé en quelques minutes !",
            "Merci à la conseillère, super efficace.",
            "Rapide et clair, rien à redire.",
        ),
    },
    "en": {
        1: (
            "Still not solved after several contacts.",
            "The answer missed my question.",
            "Far too long for a simple withdrawal.",
        ),
        2: (
            "Friendly advisor but the problem isn't fixed.",
            "I had to chase several times.",
            "Very generic answer.",
        ),
        3: ("Clear answer, thanks.", "Sorted, a bit of a wait on the phone.", "Fine."),
        4: (
            "Great service, sorted in minutes!",
            "Thanks to the advisor, very efficient.",
            "Quick and clear, nothing to add.",
        ),
    },
}
EVALUATION_COMMENTS: dict[int, tuple[str, ...]] = {
    1: ("Réponse hors sujet, procédure non respectée.",),
    2: ("Vérification d'identité incomplète ; ton un peu sec.", "Réponse juste mais incomplète."),
    3: ("Bonne prise en charge, reformulation à travailler.", "Réponse correcte et polie."),
    4: (
        "Excellent : écoute, solution, et rappel jeu responsable bien placé.",
        "Très bonne personnalisation du modèle.",
    ),
}
WRAP_UP_COMMENTS: tuple[str, ...] = (
    "",
    "",
    "",
    "",
    "Client rassuré.",
    "À surveiller.",
    "Client pressé.",
    "Geste commercial accordé.",
)

# --- Incidents --------------------------------------------------------------------------------

# (title, description, days ago, duration in hours, topic flooding the queue)
INCIDENTS: tuple[tuple[str, str, int, int, str], ...] = (
    (
        "Paiements par carte indisponibles",
        "Les dépôts par carte échouent chez le prestataire de paiement ; les clients voient un "
        "refus sans explication.",
        75,
        5,
        "deposit_failed",
    ),
    (
        "Application mobile inaccessible après mise à jour",
        "La version 8.2 de l'application se ferme au lancement sur certains téléphones Android.",
        32,
        3,
        "app_bug",
    ),
)
