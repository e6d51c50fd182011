"""The raw material of the demo data: fictional people and places, and what customers write about.

Everything here is invented. Customer names are common French or English given names and
surnames combined at random; ``FAMOUS_COMBINATIONS`` lists the pairs that would name a well-known
person, and the generator draws again when it meets one. Phone numbers come from the blocks
reserved for fiction and e-mail addresses from the example domains (see ``app.identities``), so
nothing in a demo can ever reach a real person.

Texts are written the way customers and advisors of an online betting operator actually write,
and mostly calm: complaints are only about 8 % of contacts. Message texts may contain
``{amount}``, ``{match}`` and ``{days}``, which the generator fills in.
"""

from dataclasses import dataclass

# --- People -------------------------------------------------------------------------------

FIRST_NAMES_FR: tuple[str, ...] = (
    "Thomas",
    "Nicolas",
    "Julien",
    "Maxime",
    "Alexandre",
    "Antoine",
    "Kévin",
    "Romain",
    "Mathieu",
    "Sébastien",
    "Guillaume",
    "Florian",
    "Jérémy",
    "Benjamin",
    "Adrien",
    "Quentin",
    "Vincent",
    "Baptiste",
    "Olivier",
    "Christophe",
    "Stéphane",
    "Laurent",
    "Frédéric",
    "David",
    "Yann",
    "Karim",
    "Mehdi",
    "Hugo",
    "Lucas",
    "Théo",
    "Enzo",
    "Nathan",
    "Louis",
    "Mathis",
    "Rayan",
    "Yanis",
    "Bruno",
    "Philippe",
    "Éric",
    "Franck",
    "Cédric",
    "Damien",
    "Fabrice",
    "Jérôme",
    "Loïc",
    "Samir",
    "Anthony",
    "Jonathan",
    "Sylvain",
    "Arnaud",
    "Marie",
    "Camille",
    "Julie",
    "Sarah",
    "Laura",
    "Manon",
    "Pauline",
    "Emma",
    "Léa",
    "Chloé",
    "Céline",
    "Aurélie",
    "Émilie",
    "Élodie",
    "Audrey",
    "Mélanie",
    "Sandrine",
    "Nathalie",
    "Isabelle",
    "Sophie",
    "Caroline",
    "Virginie",
    "Stéphanie",
    "Claire",
    "Inès",
    "Yasmine",
    "Nadia",
    "Sonia",
    "Amandine",
    "Charlotte",
    "Lucie",
    "Justine",
    "Clara",
    "Océane",
    "Anaïs",
    "Marion",
    "Morgane",
    "Jessica",
    "Valérie",
    "Karine",
)

LAST_NAMES_FR: tuple[str, ...] = (
    "Martin",
    "Bernard",
    "Dubois",
    "Durand",
    "Lefebvre",
    "Leroy",
    "Moreau",
    "Simon",
    "Laurent",
    "Michel",
    "Garcia",
    "Roux",
    "Fournier",
    "Girard",
    "Bonnet",
    "Dupont",
    "Lambert",
    "Fontaine",
    "Rousseau",
    "Vincent",
    "Muller",
    "Faure",
    "André",
    "Mercier",
    "Guérin",
    "Boyer",
    "Garnier",
    "Chevalier",
    "François",
    "Legrand",
    "Gauthier",
    "Perrin",
    "Robin",
    "Clément",
    "Morin",
    "Henry",
    "Roussel",
    "Mathieu",
    "Masson",
    "Marchand",
    "Duval",
    "Denis",
    "Dumont",
    "Lemaire",
    "Noël",
    "Meyer",
    "Dufour",
    "Meunier",
    "Brun",
    "Blanchard",
    "Giraud",
    "Joly",
    "Rivière",
    "Lucas",
    "Brunet",
    "Gaillard",
    "Barbier",
    "Arnaud",
    "Martinez",
    "Gérard",
    "Roche",
    "Renard",
    "Schmitt",
    "Roy",
    "Leroux",
    "Colin",
    "Vidal",
    "Caron",
    "Picard",
    "Roger",
    "Fabre",
    "Aubert",
    "Lemoine",
    "Renaud",
    "Dumas",
    "Lacroix",
    "Bourgeois",
    "Benoît",
    "Rey",
    "Leclerc",
    "Payet",
    "Rolland",
    "Lecomte",
    "Lopez",
    "Dupuis",
    "Guillot",
    "Hubert",
    "Berger",
    "Carpentier",
    "Sanchez",
    "Moulin",
    "Huet",
    "Vasseur",
    "Perez",
    "Boucher",
    "Fleury",
    "Royer",
    "Klein",
    "Jacquet",
    "Poirier",
    "Marty",
    "Aubry",
    "Guyot",
    "Carré",
    "Charpentier",
    "Ménard",
    "Maillard",
    "Baron",
    "Bertin",
    "Bailly",
    "Hervé",
    "Schneider",
    "Fernandez",
    "Le Gall",
    "Collet",
    "Léger",
    "Bouvier",
    "Prévost",
    "Millet",
    "Perrot",
    "Cousin",
    "Germain",
    "Breton",
    "Besson",
    "Langlois",
    "Rémy",
    "Le Goff",
    "Pelletier",
    "Perrier",
    "Leblanc",
    "Lebrun",
    "Marchal",
    "Weber",
    "Mallet",
    "Hamon",
    "Boulanger",
    "Monnier",
    "Michaud",
    "Gillet",
    "Tessier",
    "Chauvin",
    "Da Silva",
    "Bouchet",
    "Humbert",
    "Reynaud",
    "Hoarau",
    "Cordier",
    "Pichon",
    "Lejeune",
    "Gilbert",
    "Lamy",
    "Delaunay",
    "Pasquier",
    "Carlier",
    "Benali",
    "Haddad",
    "Mansouri",
    "Nguyen",
    "Tran",
    "Diallo",
    "Traoré",
    "Ferreira",
    "Rodrigues",
)

FIRST_NAMES_EN: tuple[str, ...] = (
    "Oliver",
    "Jack",
    "Harry",
    "George",
    "Charlie",
    "James",
    "William",
    "Thomas",
    "Daniel",
    "Joshua",
    "Samuel",
    "Joseph",
    "Benjamin",
    "Matthew",
    "Luke",
    "Ryan",
    "Adam",
    "Liam",
    "Callum",
    "Connor",
    "Jamie",
    "Ethan",
    "Mark",
    "Paul",
    "Andrew",
    "Stephen",
    "Richard",
    "Gareth",
    "Craig",
    "Owen",
    "Olivia",
    "Amelia",
    "Isla",
    "Emily",
    "Sophie",
    "Jessica",
    "Lucy",
    "Hannah",
    "Charlotte",
    "Grace",
    "Ellie",
    "Chloe",
    "Megan",
    "Lauren",
    "Rebecca",
    "Amy",
    "Rachel",
    "Laura",
    "Katie",
    "Zoe",
    "Holly",
    "Bethany",
    "Natalie",
    "Claire",
    "Gemma",
    "Kirsty",
    "Leanne",
    "Nicola",
    "Helen",
    "Joanne",
)

LAST_NAMES_EN: tuple[str, ...] = (
    "Smith",
    "Jones",
    "Williams",
    "Taylor",
    "Brown",
    "Davies",
    "Evans",
    "Wilson",
    "Thomas",
    "Roberts",
    "Johnson",
    "Lewis",
    "Walker",
    "Robinson",
    "Wood",
    "Thompson",
    "White",
    "Watson",
    "Jackson",
    "Wright",
    "Green",
    "Harris",
    "Cooper",
    "King",
    "Lee",
    "Martin",
    "Clarke",
    "James",
    "Morgan",
    "Hughes",
    "Edwards",
    "Hill",
    "Moore",
    "Clark",
    "Harrison",
    "Scott",
    "Young",
    "Morris",
    "Hall",
    "Ward",
    "Turner",
    "Carter",
    "Phillips",
    "Mitchell",
    "Patel",
    "Adams",
    "Campbell",
    "Anderson",
    "Allen",
    "Cook",
    "Bailey",
    "Parker",
    "Miller",
    "Davis",
    "Murphy",
    "Price",
    "Bell",
    "Baker",
    "Griffiths",
    "Kelly",
    "Simpson",
    "Marshall",
    "Collins",
    "Bennett",
    "Cox",
    "Richardson",
    "Fox",
    "Gray",
    "Rose",
    "Chapman",
    "Hunt",
    "Robertson",
    "Shaw",
    "Reynolds",
    "Lloyd",
    "Ellis",
    "Richards",
    "Russell",
    "Wilkinson",
    "Khan",
    "Graham",
    "Stewart",
    "Reid",
    "Murray",
    "Powell",
    "Palmer",
    "Holmes",
    "Rogers",
    "Stevens",
    "Walsh",
    "Hunter",
    "Thomson",
    "Matthews",
    "Ross",
    "Owen",
    "Mason",
    "Knight",
    "Kennedy",
    "Butler",
    "Saunders",
)

# Pairs of the lists above that name a well-known person (or character): never generated.
FAMOUS_COMBINATIONS: frozenset[tuple[str, str]] = frozenset(
    {
        ("Antoine", "Dupont"),
        ("Mélanie", "Laurent"),
        ("Bruno", "Lemaire"),
        ("Nathalie", "Simon"),
        ("Philippe", "Martinez"),
        ("Loïc", "Rémy"),
        ("Caroline", "Roux"),
        ("Vincent", "Perez"),
        ("Olivier", "Martinez"),
        ("Christophe", "Lambert"),
        ("Arnaud", "Clément"),
        ("Guillaume", "Martin"),
        ("Claire", "Denis"),
        ("Louis", "Renault"),
        ("Laurent", "Garnier"),
        ("Nicolas", "Mathieu"),
        ("Olivier", "Roy"),
        ("Thomas", "Meunier"),
        ("Louis", "Martin"),
        ("George", "Harrison"),
        ("Amy", "Adams"),
        ("Adam", "Smith"),
        ("Paul", "Smith"),
        ("Samuel", "Smith"),
        ("Matthew", "Smith"),
        ("William", "Smith"),
        ("James", "Taylor"),
        ("James", "Brown"),
        ("Paul", "Walker"),
        ("Jack", "White"),
        ("Andrew", "Murray"),
        ("Jamie", "Murray"),
        ("Gemma", "Collins"),
        ("Mark", "Wright"),
        ("Luke", "Shaw"),
        ("James", "Anderson"),
        ("James", "Martin"),
        ("Thomas", "Cook"),
        ("Joseph", "Kennedy"),
        ("Katie", "Price"),
        ("Claire", "Richards"),
        ("Grace", "Kelly"),
        ("Mark", "Hughes"),
        ("Paul", "Robinson"),
        ("Paul", "Allen"),
        ("James", "Hunt"),
        ("Ryan", "Reynolds"),
        ("Samuel", "Jackson"),
        ("Ethan", "Hunt"),
        ("George", "Russell"),
        ("Jack", "Russell"),
        ("William", "Morris"),
        ("Owen", "Wilson"),
        ("Emily", "Thompson"),
        ("Stephen", "King"),
        ("Richard", "Evans"),
        ("Adam", "Lee"),
        ("Paul", "Adams"),
        ("Lucy", "Davis"),
        ("Charlotte", "Church"),
        ("Joshua", "King"),
        ("Harry", "Lewis"),
        ("Olivia", "Williams"),
    }
)

# (display name, login): the advisors of a demo, all invented. The first is the demo advisor.
DEMO_ADVISOR = ("Camille Rousseau", "demo")
SUPERVISOR = ("Hélène Marchetti", "superviseur")
QUALITY_REVIEWER = ("Aurélie Vasseur", "qualite")
ADMINISTRATOR = ("Administrateur Relais", "admin")
OTHER_ADVISORS: tuple[tuple[str, str, str], ...] = (
    # display name, login, language
    ("Yanis Belkacem", "yanis.belkacem", "fr"),
    ("Léa Fontanel", "lea.fontanel", "fr"),
    ("Thomas Girardot", "thomas.girardot", "fr"),
    ("Sonia Ferreira", "sonia.ferreira", "fr"),
    ("Maxime Lefort", "maxime.lefort", "fr"),
    ("Emily Carter", "emily.carter", "en"),
    ("Karim Haddad", "karim.haddad", "fr"),
    ("Manon Giraudet", "manon.giraudet", "fr"),
    ("Nicolas Lejeune", "nicolas.lejeune", "fr"),
    ("Julie Marchandeau", "julie.marchandeau", "fr"),
    ("Hugo Perrault", "hugo.perrault", "fr"),
    ("Owen Fletcher", "owen.fletcher", "en"),
)
TEAMS: tuple[str, ...] = ("Équipe Paris 1", "Équipe Paris 2")
SECOND_TEAM_SUPERVISOR = ("Patrick Lemonnier", "superviseur2")

# --- Places -------------------------------------------------------------------------------

CITIES_FR: tuple[tuple[str, str], ...] = (
    ("Paris", "75011"),
    ("Paris", "75015"),
    ("Paris", "75018"),
    ("Lyon", "69003"),
    ("Marseille", "13008"),
    ("Toulouse", "31000"),
    ("Nice", "06000"),
    ("Nantes", "44000"),
    ("Strasbourg", "67000"),
    ("Montpellier", "34000"),
    ("Bordeaux", "33000"),
    ("Lille", "59000"),
    ("Rennes", "35000"),
    ("Reims", "51100"),
    ("Le Havre", "76600"),
    ("Saint-Étienne", "42000"),
    ("Toulon", "83000"),
    ("Grenoble", "38000"),
    ("Dijon", "21000"),
    ("Angers", "49000"),
    ("Nîmes", "30000"),
    ("Clermont-Ferrand", "63000"),
    ("Le Mans", "72000"),
    ("Aix-en-Provence", "13100"),
    ("Brest", "29200"),
    ("Tours", "37000"),
    ("Amiens", "80000"),
    ("Limoges", "87000"),
    ("Metz", "57000"),
    ("Perpignan", "66000"),
    ("Besançon", "25000"),
    ("Orléans", "45000"),
    ("Rouen", "76000"),
    ("Caen", "14000"),
    ("Nancy", "54000"),
    ("Avignon", "84000"),
    ("La Rochelle", "17000"),
    ("Pau", "64000"),
    ("Poitiers", "86000"),
    ("Ajaccio", "20000"),
    ("Saint-Denis", "97400"),
)
STREETS_FR: tuple[str, ...] = (
    "rue de la République",
    "avenue Jean Jaurès",
    "rue Victor Hugo",
    "boulevard Pasteur",
    "rue des Lilas",
    "place de la Mairie",
    "rue du Moulin",
    "chemin des Vignes",
    "allée des Tilleuls",
    "rue de la Gare",
    "impasse des Acacias",
    "rue des Écoles",
    "avenue de la Libération",
    "rue du Stade",
    "quai des Marins",
)
CITIES_EN: tuple[tuple[str, str], ...] = (
    ("London", "SE1"),
    ("London", "N7"),
    ("Manchester", "M14"),
    ("Birmingham", "B15"),
    ("Leeds", "LS6"),
    ("Glasgow", "G12"),
    ("Liverpool", "L17"),
    ("Bristol", "BS6"),
    ("Edinburgh", "EH9"),
    ("Cardiff", "CF24"),
    ("Newcastle upon Tyne", "NE6"),
    ("Sheffield", "S10"),
    ("Nottingham", "NG7"),
    ("Brighton", "BN2"),
    ("Belfast", "BT9"),
)
STREETS_EN: tuple[str, ...] = (
    "High Street",
    "Station Road",
    "Church Lane",
    "Victoria Road",
    "Green Lane",
    "Park Avenue",
    "Mill Lane",
    "The Crescent",
    "Queen's Road",
    "Kings Way",
)

EMAIL_DOMAINS: tuple[str, ...] = ("example.com", "example.org", "example.net")

# --- Customers ----------------------------------------------------------------------------

# (segment, weight)
SEGMENTS: tuple[tuple[str, float], ...] = (
    ("standard", 0.78),
    ("new", 0.10),
    ("at_risk", 0.06),
    ("vip", 0.06),
)
# Tags and, per segment, the chance of each.
TAG_ODDS: dict[str, dict[str, float]] = {
    "standard": {
        "kyc_pending": 0.03,
        "deposit_limit": 0.12,
        "newsletter_opt_out": 0.20,
        "two_factor": 0.25,
        "dormant": 0.05,
    },
    "new": {"kyc_pending": 0.45, "welcome_bonus": 0.60, "two_factor": 0.10},
    "at_risk": {
        "deposit_limit": 0.70,
        "self_excluded": 0.35,
        "cooling_off": 0.25,
        "newsletter_opt_out": 0.60,
    },
    "vip": {"high_roller": 0.85, "two_factor": 0.50, "dedicated_manager": 0.40},
}
LANGUAGE_WEIGHTS: tuple[tuple[str, float], ...] = (("fr", 0.75), ("en", 0.25))

MATCHES: tuple[str, ...] = (
    "Lyon – Marseille",
    "Lille – Rennes",
    "Nantes – Bordeaux",
    "Toulouse – Montpellier",
    "Arsenal v Chelsea",
    "Liverpool v Everton",
    "France – Irlande (rugby)",
    "la finale du double messieurs",
    "le Grand Prix de Monaco",
    "Stade Toulousain – La Rochelle",
    "Real Madrid – Séville",
    "le match de NBA de cette nuit",
)
AMOUNTS: tuple[str, ...] = ("20", "35", "50", "80", "100", "150", "200", "250", "400", "1 200")

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
