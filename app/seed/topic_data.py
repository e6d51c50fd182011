"""What the demo's customers write about, and what advisors answer: topics with subjects and
first messages in French and English, complaints, follow-ups, survey and evaluation comments,
incidents.

Texts are written the way customers and advisors of an online betting operator actually write,
and mostly calm: complaints are only about 8 % of contacts. Message texts may contain
``{amount}``, ``{match}`` and ``{days}``, which the generator fills in.
"""

from dataclasses import dataclass

# --- Topics -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Topic:
    """What a contact is about: its reason code, how often it comes up and what people write.

    ``messages`` are the customer's first message for e-mails and letters, ``short`` those for
    social networks; ``templates`` are the template keys (without language) an advisor answers
    with; ``notes`` are what an advisor types during a call about it.
    """

    code: str
    weight: float
    subjects: dict[str, tuple[str, ...]]
    messages: dict[str, tuple[str, ...]]
    short: dict[str, tuple[str, ...]]
    notes: tuple[str, ...]
    templates: tuple[str, ...]


TOPICS: tuple[Topic, ...] = (
    Topic(
        "withdrawal_delay",
        14,
        {
            "fr": ("Retrait toujours pas reçu", "Demande de retrait en attente", "Mon virement ?"),
            "en": ("Withdrawal not received", "Pending withdrawal", "Where is my money?"),
        },
        {
            "fr": (
                "Bonjour,\n\nJ'ai demandé un retrait de {amount} € il y a {days} jours et je ne "
                "vois toujours rien sur mon compte bancaire. Pouvez-vous me dire où en est ma "
                "demande ?\n\nMerci d'avance.",
                "Bonjour, mon retrait de {amount} € est indiqué « en cours » depuis {days} jours. "
                "Est-ce normal ? Je n'ai pourtant pas changé de RIB.",
                "Bonjour,\n\nJe voudrais savoir combien de temps prend un retrait vers une "
                "banque en ligne. J'ai fait la demande lundi.\n\nCordialement",
            ),
            "en": (
                "Hello,\n\nI requested a withdrawal of €{amount} {days} days ago and it still "
                "hasn't arrived in my bank account. Could you tell me what is happening?"
                "\n\nThanks.",
                "Hi, my withdrawal of €{amount} has been showing as pending for {days} days. Is "
                "that normal? I haven't changed my bank details.",
                "Hello, I'd like to know how long a withdrawal usually takes to reach a UK bank "
                "account. Many thanks.",
            ),
        },
        {
            "fr": (
                "Bonjour, retrait de {amount} € toujours pas reçu après {days} jours, vous pouvez "
                "regarder ?",
                "Hello, mon retrait est bloqué « en cours », c'est normal ?",
            ),
            "en": (
                "Hi, still waiting for my €{amount} withdrawal after {days} days, can you check?",
                "Hello, my withdrawal has been pending for ages, any news?",
            ),
        },
        (
            "Client appelle pour un retrait de {amount} € en attente depuis {days} jours. Retrait "
            "validé hier, virement émis. Délai bancaire expliqué, client rassuré.",
            "Retrait bloqué car RIB non vérifié. Procédure expliquée, client envoie son RIB ce "
            "soir.",
            "Retrait annulé par le client par erreur. Nouvelle demande faite ensemble au téléphone.",
        ),
        ("withdrawal_delay", "withdrawal_delay_short"),
    ),
    Topic(
        "account_verification",
        14,
        {
            "fr": ("Vérification de mon compte", "Documents envoyés", "Compte non validé"),
            "en": ("Account verification", "Documents sent", "Account not verified"),
        },
        {
            "fr": (
                "Bonjour,\n\nJ'ai envoyé ma carte d'identité et mon RIB il y a {days} jours mais "
                "mon compte est toujours « en attente de vérification ». Pouvez-vous regarder ?\n\n"
                "Bonne journée",
                "Bonjour, on me demande un justificatif de domicile mais je suis hébergé chez mes "
                "parents. Que dois-je envoyer ?",
                "Bonjour,\n\nMes documents ont été refusés, je ne comprends pas pourquoi : la "
                "photo est pourtant nette. Pouvez-vous m'expliquer ?\n\nMerci",
            ),
            "en": (
                "Hello,\n\nI uploaded my passport and bank details {days} days ago but my account "
                'still says "awaiting verification". Could you have a look?\n\nThanks',
                "Hi, I've been asked for a proof of address but I've just moved. What can I send?",
                "Hello, my documents were rejected and I don't understand why. Could you explain "
                "what is wrong with them?",
            ),
        },
        {
            "fr": (
                "Bonjour, mes documents sont en attente depuis {days} jours, c'est normal ?",
                "Quels documents faut-il envoyer pour valider le compte svp ?",
            ),
            "en": (
                "Hi, my documents have been pending for {days} days, is that normal?",
                "Which documents do I need to send to verify my account?",
            ),
        },
        (
            "Client ne sait pas quels documents fournir. Liste envoyée par e-mail.",
            "Pièce d'identité refusée (photo floue). Client renvoie un scan couleur aujourd'hui.",
            "Documents reçus et validés pendant l'appel. Compte vérifié, client satisfait.",
        ),
        ("account_verification", "document_request_list"),
    ),
    Topic(
        "deposit_failed",
        8,
        {
            "fr": ("Dépôt refusé", "Paiement par carte impossible"),
            "en": ("Deposit declined", "Card payment failing"),
        },
        {
            "fr": (
                "Bonjour,\n\nJ'essaie de déposer {amount} € depuis ce matin et le paiement est "
                "refusé à chaque fois. Ma carte fonctionne pourtant ailleurs.\n\n"
                "Merci de votre aide",
                "Bonjour, mon dépôt de {amount} € a été refusé mais le montant apparaît en attente "
                "sur mon compte bancaire. Vais-je être débité ?",
            ),
            "en": (
                "Hello,\n\nI've been trying to deposit €{amount} since this morning and the "
                "payment keeps being declined. My card works everywhere else.\n\n"
                "Thanks for your help",
                "Hi, my €{amount} deposit was declined but the amount shows as pending at my "
                "bank. Will I be charged?",
            ),
        },
        {
            "fr": (
                "Dépôt refusé 3 fois de suite, vous avez un souci ?",
                "Bonjour, impossible de déposer par carte ce soir",
            ),
            "en": (
                "Deposit declined 3 times in a row, is something wrong?",
                "Hi, can't deposit by card tonight",
            ),
        },
        (
            "Dépôt refusé : plafond de paiement en ligne atteint côté banque. Conseillé d'appeler "
            "sa banque.",
            "Échec 3-D Secure. Client réessaie pendant l'appel, dépôt accepté.",
        ),
        ("deposit_failed",),
    ),
    Topic(
        "payment_method_change",
        3,
        {
            "fr": ("Changement de RIB", "Nouveau compte bancaire"),
            "en": ("Change of bank details", "New bank account"),
        },
        {
            "fr": (
                "Bonjour,\n\nJ'ai changé de banque. Comment faire pour que mes retraits arrivent "
                "sur mon nouveau compte ?\n\nCordialement",
            ),
            "en": (
                "Hello,\n\nI have switched banks. How do I make sure my withdrawals go to my new "
                "account?\n\nRegards",
            ),
        },
        {
            "fr": ("Comment changer mon RIB pour les retraits ?",),
            "en": ("How do I change my bank details for withdrawals?",),
        },
        ("Changement de RIB : procédure expliquée, nouveau RIB déposé pendant l'appel.",),
        ("payment_method_change",),
    ),
    Topic(
        "password_reset",
        7,
        {
            "fr": ("Mot de passe oublié", "Lien de réinitialisation"),
            "en": ("Forgotten password", "Password reset link"),
        },
        {
            "fr": (
                "Bonjour, j'ai oublié mon mot de passe et je ne reçois pas l'e-mail de "
                "réinitialisation. Pouvez-vous m'aider ?",
            ),
            "en": (
                "Hello, I forgot my password and the reset e-mail never arrives. Can you help?",
            ),
        },
        {
            "fr": (
                "Je ne reçois pas le mail pour changer mon mot de passe",
                "Mot de passe oublié, le lien ne marche pas",
            ),
            "en": (
                "Not getting the password reset email",
                "Forgot my password and the link expired",
            ),
        },
        (
            "E-mail de réinitialisation dans les indésirables. Mot de passe changé pendant l'appel.",
            "Adresse e-mail du compte erronée : corrigée après vérification d'identité.",
        ),
        ("password_reset",),
    ),
    Topic(
        "login_blocked",
        5,
        {
            "fr": ("Compte bloqué", "Impossible de me connecter"),
            "en": ("Account locked", "Cannot log in"),
        },
        {
            "fr": (
                "Bonjour,\n\nMon compte est bloqué après plusieurs essais de mot de passe. "
                "Pouvez-vous le débloquer ?\n\nMerci",
            ),
            "en": (
                "Hello,\n\nMy account got locked after a few wrong passwords. Could you unlock "
                "it please?\n\nThanks",
            ),
        },
        {
            "fr": ("Compte bloqué, je ne peux plus me connecter",),
            "en": ("My account is locked, I can't log in",),
        },
        ("Compte bloqué après 5 essais. Identité vérifiée, compte débloqué, conseillé la 2FA.",),
        ("login_blocked",),
    ),
    Topic(
        "account_closure",
        4,
        {
            "fr": ("Clôture de compte", "Fermer mon compte"),
            "en": ("Account closure", "Close my account"),
        },
        {
            "fr": (
                "Bonjour,\n\nJe souhaite fermer définitivement mon compte. Merci de me confirmer "
                "la clôture et le versement de mon solde.\n\nCordialement",
            ),
            "en": (
                "Hello,\n\nI would like to close my account permanently. Please confirm the "
                "closure and the payment of my balance.\n\nRegards",
            ),
        },
        {"fr": ("Je veux fermer mon compte svp",), "en": ("Please close my account",)},
        ("Demande de clôture. Proposé une pause ou des limites, client maintient. Clôture faite.",),
        ("account_closure",),
    ),
    Topic(
        "personal_data",
        1.5,
        {
            "fr": ("Demande RGPD", "Mes données personnelles"),
            "en": ("GDPR request", "My personal data"),
        },
        {
            "fr": (
                "Bonjour,\n\nConformément au RGPD, je souhaite obtenir une copie des données "
                "personnelles que vous détenez sur moi.\n\nCordialement",
            ),
            "en": (
                "Hello,\n\nUnder the GDPR, I would like a copy of the personal data you hold "
                "about me.\n\nRegards",
            ),
        },
        {
            "fr": ("Comment obtenir une copie de mes données ?",),
            "en": ("How can I get a copy of my data?",),
        },
        ("Demande d'accès aux données : transmise au DPO, client informé du délai d'un mois.",),
        ("personal_data",),
    ),
    Topic(
        "identity_theft",
        1,
        {
            "fr": ("Connexion suspecte sur mon compte", "Compte piraté ?"),
            "en": ("Suspicious login on my account", "Account hacked?"),
        },
        {
            "fr": (
                "Bonjour,\n\nJ'ai reçu une alerte de connexion depuis un appareil que je ne "
                "connais pas et un pari que je n'ai pas fait apparaît. Pouvez-vous bloquer mon "
                "compte en urgence ?",
            ),
            "en": (
                "Hello,\n\nI got a login alert from a device I don't know and there is a bet I "
                "didn't place. Can you block my account urgently?",
            ),
        },
        {
            "fr": ("Urgent : quelqu'un s'est connecté à mon compte",),
            "en": ("Urgent: someone has logged into my account",),
        },
        ("Connexion inconnue signalée. Compte bloqué, transmis à l'équipe sécurité.",),
        ("identity_theft",),
    ),
    Topic(
        "bet_settlement",
        8,
        {
            "fr": ("Pari mal réglé ?", "Question sur un pari", "Pari perdant alors que gagnant"),
            "en": (
                "Bet settled wrongly?",
                "Question about a bet",
                "Losing bet that should have won",
            ),
        },
        {
            "fr": (
                "Bonjour,\n\nMon pari sur {match} a été réglé perdant alors que le résultat me "
                "semble gagnant. Pouvez-vous vérifier ?\n\nMerci",
                "Bonjour, mon combiné avec {match} est toujours en attente alors que tous les "
                "matchs sont terminés. Quand sera-t-il réglé ?",
            ),
            "en": (
                "Hello,\n\nMy bet on {match} was settled as lost, but I think it won. Could you "
                "check please?\n\nThanks",
                "Hi, my accumulator including {match} is still open although every match has "
                "finished. When will it be settled?",
            ),
        },
        {
            "fr": ("Mon pari sur {match} est perdant ??", "Combiné toujours en attente, normal ?"),
            "en": ("Why is my bet on {match} lost?", "My accumulator is still pending"),
        },
        (
            "Pari sur {match} : réglé sur le temps réglementaire, règle expliquée. Client d'accord.",
            "Combiné en attente d'un résultat officiel. Réglé dans l'heure, client rappelé.",
        ),
        ("bet_settlement",),
    ),
    Topic(
        "odds_question",
        3,
        {"fr": ("Question sur les cotes",), "en": ("Question about odds",)},
        {
            "fr": (
                "Bonjour, pourquoi la cote de mon pari sur {match} a changé entre le moment où je "
                "l'ai ajouté et la validation ?",
            ),
            "en": (
                "Hello, why did the odds on my bet on {match} change between adding it and "
                "placing it?",
            ),
        },
        {
            "fr": ("Pourquoi la cote a bougé au moment de valider ?",),
            "en": ("Why did the odds change when I placed my bet?",),
        },
        ("Question sur l'évolution des cotes en direct. Expliqué, pas d'action.",),
        ("odds_question",),
    ),
    Topic(
        "cash_out",
        3,
        {"fr": ("Cash out indisponible",), "en": ("Cash out unavailable",)},
        {
            "fr": (
                "Bonjour, le bouton cash out a disparu pendant {match} alors que je voulais "
                "encaisser. Pourquoi ?",
            ),
            "en": (
                "Hello, the cash out button disappeared during {match} just when I wanted to "
                "use it. Why?",
            ),
        },
        {
            "fr": ("Le cash out a disparu en plein match ?",),
            "en": ("Cash out vanished mid-match?",),
        },
        ("Cash out suspendu pendant une vérification vidéo. Fonctionnement expliqué.",),
        ("cash_out",),
    ),
    Topic(
        "bonus_terms",
        6,
        {"fr": ("Conditions du bonus", "Pari gratuit"), "en": ("Bonus terms", "Free bet")},
        {
            "fr": (
                "Bonjour,\n\nJe ne comprends pas comment utiliser mon pari gratuit de {amount} €"
                " : faut-il une cote minimale ?\n\nMerci",
            ),
            "en": (
                "Hello,\n\nI don't understand how to use my €{amount} free bet: is there a "
                "minimum odds requirement?\n\nThanks",
            ),
        },
        {"fr": ("Comment marche le pari gratuit ?",), "en": ("How does the free bet work?",)},
        ("Conditions du pari gratuit expliquées (cote minimale, date limite).",),
        ("bonus_terms",),
    ),
    Topic(
        "promotion_claim",
        6,
        {
            "fr": ("Promotion non reçue", "Bonus non crédité"),
            "en": ("Promotion not received", "Bonus not credited"),
        },
        {
            "fr": (
                "Bonjour,\n\nJ'ai participé à l'offre du week-end mais je n'ai pas reçu mon "
                "bonus de {amount} €. Pouvez-vous vérifier ?\n\nMerci",
            ),
            "en": (
                "Hello,\n\nI took part in the weekend offer but never received my €{amount} "
                "bonus. Could you check?\n\nThanks",
            ),
        },
        {
            "fr": ("Je n'ai pas eu mon bonus du week-end", "Promo pas créditée"),
            "en": ("Didn't get my weekend bonus", "Promo not credited"),
        },
        ("Offre non créditée (opt-in manquant). Crédit manuel accordé à titre commercial.",),
        ("promotion_claim", "bonus_terms"),
    ),
    Topic(
        "referral",
        2,
        {"fr": ("Parrainage",), "en": ("Referral",)},
        {
            "fr": (
                "Bonjour, j'ai parrainé un ami qui a parié mais je n'ai pas reçu le bonus de "
                "parrainage.",
            ),
            "en": (
                "Hello, I referred a friend who has placed a bet but I haven't got my referral "
                "bonus.",
            ),
        },
        {
            "fr": ("Mon bonus de parrainage n'est pas arrivé",),
            "en": ("My referral bonus hasn't arrived",),
        },
        ("Filleul pas encore vérifié : bonus versé dès la vérification. Expliqué.",),
        ("referral",),
    ),
    Topic(
        "self_exclusion",
        3,
        {
            "fr": ("Demande d'auto-exclusion", "Je veux faire une pause"),
            "en": ("Self-exclusion request", "I want to take a break"),
        },
        {
            "fr": (
                "Bonjour,\n\nJe joue trop en ce moment et je souhaite m'exclure du site pour "
                "six mois. Comment faire ?\n\nMerci",
            ),
            "en": (
                "Hello,\n\nI'm gambling too much at the moment and would like to exclude myself "
                "for six months. How do I do that?\n\nThanks",
            ),
        },
        {"fr": ("Je voudrais m'auto-exclure, comment faire ?",), "en": ("How do I self-exclude?",)},
        (
            "Demande d'auto-exclusion 6 mois. Mise en place pendant l'appel, rappel Joueurs Info "
            "Service.",
        ),
        ("self_exclusion", "responsible_gaming_reminder"),
    ),
    Topic(
        "gaming_limits",
        4,
        {
            "fr": ("Limite de dépôt", "Modifier mes limites"),
            "en": ("Deposit limit", "Change my limits"),
        },
        {
            "fr": (
                "Bonjour, je voudrais baisser ma limite de dépôt à {amount} € par semaine. "
                "Comment faire ?",
                "Bonjour, pourquoi l'augmentation de ma limite de dépôt n'est-elle pas immédiate ?",
            ),
            "en": (
                "Hello, I'd like to lower my deposit limit to €{amount} a week. How do I do it?",
                "Hi, why doesn't raising my deposit limit take effect straight away?",
            ),
        },
        {
            "fr": ("Comment baisser ma limite de dépôt ?",),
            "en": ("How can I lower my deposit limit?",),
        },
        (
            "Limite de dépôt abaissée à {amount} €/semaine avec le client.",
            "Hausse de limite : délai de réflexion expliqué.",
        ),
        ("gaming_limits", "responsible_gaming_reminder"),
    ),
    Topic(
        "app_bug",
        5,
        {
            "fr": ("L'application plante", "Bug sur le site"),
            "en": ("The app keeps crashing", "Bug on the website"),
        },
        {
            "fr": (
                "Bonjour,\n\nDepuis la dernière mise à jour, l'application se ferme dès que "
                "j'ouvre « Mes paris ». J'ai un iPhone 13.\n\nMerci",
                "Bonjour, impossible d'ajouter un pari au coupon sur le site, le bouton ne réagit "
                "pas.",
            ),
            "en": (
                'Hello,\n\nSince the last update the app closes as soon as I open "My bets". I '
                "have an Android phone.\n\nThanks",
                "Hi, I can't add a selection to my bet slip on the website, the button doesn't "
                "respond.",
            ),
        },
        {
            "fr": ("L'appli plante depuis la mise à jour", "Le coupon ne marche plus sur le site"),
            "en": ("App crashing since the update", "Bet slip not working on the site"),
        },
        ("Bug « Mes paris » après mise à jour. Contournement : réinstallation. Remonté à l'IT.",),
        ("app_bug",),
    ),
    Topic(
        "general_information",
        8,
        {
            "fr": ("Renseignement", "Question", "Horaires du service client"),
            "en": ("Information request", "Question", "Customer service hours"),
        },
        {
            "fr": (
                "Bonjour, je voudrais savoir si je peux parier sur des matchs de deuxième "
                "division anglaise. Merci",
                "Bonjour,\n\nQuels sont vos horaires d'ouverture par téléphone ?\n\nBonne journée",
                "Bonjour, est-il possible d'avoir deux comptes, un pour moi et un pour ma femme, "
                "avec la même adresse ?",
            ),
            "en": (
                "Hello, I'd like to know whether I can bet on Championship matches. Thanks",
                "Hello,\n\nWhat are your phone opening hours?\n\nHave a nice day",
                "Hi, can my partner and I each have an account at the same address?",
            ),
        },
        {
            "fr": (
                "Vous êtes ouverts le dimanche ?",
                "Petite question : on peut parier sur la D2 ?",
            ),
            "en": ("Are you open on Sundays?", "Quick question: can I bet on the Championship?"),
        },
        (
            "Renseignement général, réponse donnée.",
            "Question sur les horaires et les canaux de contact.",
        ),
        ("general_information",),
    ),
)
