"""Parallel English/French word lists the corpus generator draws from."""

ORGANISATION = "Northwind Mobility"

# Data tables: one line per row would triple this file.
# fmt: off

# (English noun, French article, French noun); the nouns double as tags.
NOUNS: tuple[tuple[str, str, str], ...] = (
    ("platform", "la", "plateforme"), ("battery", "la", "batterie"),
    ("network", "le", "réseau"), ("factory", "l’", "usine"),
    ("partnership", "le", "partenariat"), ("laboratory", "le", "laboratoire"),
    ("fleet", "la", "flotte"), ("charger", "la", "borne"),
    ("programme", "le", "programme"), ("prototype", "le", "prototype"),
    ("campus", "le", "campus"), ("startup", "la", "jeune-pousse"),
    ("supplier", "le", "fournisseur"), ("software", "le", "logiciel"),
    ("sensor", "le", "capteur"), ("vehicle", "le", "véhicule"),
    ("bicycle", "le", "vélo"), ("tramway", "le", "tramway"),
    ("workshop", "l’", "atelier"), ("strategy", "la", "stratégie"),
    ("foundation", "la", "fondation"), ("award", "le", "prix"),
    ("exhibition", "l’", "exposition"), ("conference", "la", "conférence"),
    ("scholarship", "la", "bourse"), ("warehouse", "l’", "entrepôt"),
    ("pilot", "le", "projet-pilote"), ("service", "le", "service"),
    ("application", "l’", "application"), ("dataset", "le", "jeu-de-données"),
    ("satellite", "le", "satellite"), ("hydrogen", "l’", "hydrogène"),
    ("recycling", "le", "recyclage"), ("forest", "la", "forêt"),
    ("river", "la", "rivière"), ("harbour", "le", "port"),
    ("railway", "le", "chemin-de-fer"), ("bridge", "le", "pont"),
    ("school", "l’", "école"), ("university", "l’", "université"),
    ("hospital", "l’", "hôpital"), ("museum", "le", "musée"),
    ("festival", "le", "festival"), ("report", "le", "rapport"),
    ("survey", "l’", "enquête"), ("budget", "le", "budget"),
    ("investment", "l’", "investissement"), ("agreement", "l’", "accord"),
    ("merger", "la", "fusion"), ("subsidiary", "la", "filiale"),
    ("headquarters", "le", "siège"), ("team", "l’", "équipe"),
    ("engine", "le", "moteur"), ("chassis", "le", "châssis"),
    ("drone", "le", "drone"), ("robot", "le", "robot"),
    ("algorithm", "l’", "algorithme"), ("cloud", "le", "nuage"),
    ("security", "la", "sécurité"), ("privacy", "la", "confidentialité"),
    ("climate", "le", "climat"), ("energy", "l’", "énergie"),
    ("water", "l’", "eau"), ("solar", "le", "solaire"),
    ("wind", "l’", "éolien"), ("carbon", "le", "carbone"),
    ("community", "la", "communauté"), ("volunteer", "le", "bénévole"),
    ("apprentice", "l’", "apprenti"), ("customer", "le", "client"),
)

ADJECTIVES: tuple[tuple[str, str], ...] = (
    ("sustainable", "durable"), ("electric", "électrique"),
    ("autonomous", "autonome"), ("regional", "régional"),
    ("national", "national"), ("international", "international"),
    ("digital", "numérique"), ("modular", "modulaire"),
    ("efficient", "efficace"), ("affordable", "abordable"),
    ("secure", "sécurisé"), ("open", "ouvert"), ("urban", "urbain"),
    ("rural", "rural"), ("innovative", "innovant"), ("public", "public"),
    ("private", "privé"), ("annual", "annuel"), ("strategic", "stratégique"),
    ("collaborative", "collaboratif"), ("lightweight", "léger"),
    ("quiet", "silencieux"), ("connected", "connecté"),
    ("circular", "circulaire"), ("responsible", "responsable"),
    ("experimental", "expérimental"), ("industrial", "industriel"),
    ("scientific", "scientifique"), ("independent", "indépendant"),
    ("shared", "partagé"), ("renewable", "renouvelable"),
    ("northern", "nordique"), ("coastal", "côtier"), ("local", "local"),
)

VERBS: tuple[tuple[str, str], ...] = (
    ("launches", "lance"), ("opens", "ouvre"), ("expands", "élargit"),
    ("announces", "annonce"), ("unveils", "dévoile"), ("funds", "finance"),
    ("tests", "teste"), ("builds", "construit"), ("supports", "soutient"),
    ("connects", "relie"), ("improves", "améliore"), ("renews", "renouvelle"),
    ("welcomes", "accueille"), ("publishes", "publie"), ("extends", "prolonge"),
    ("acquires", "acquiert"), ("designs", "conçoit"), ("delivers", "livre"),
    ("reduces", "réduit"), ("doubles", "double"), ("measures", "mesure"),
    ("celebrates", "célèbre"), ("modernises", "modernise"), ("joins", "rejoint"),
)

CITIES: tuple[tuple[str, str], ...] = (
    ("Toronto", "Toronto"), ("Montreal", "Montréal"), ("Quebec City", "Québec"),
    ("Ottawa", "Ottawa"), ("Vancouver", "Vancouver"), ("Calgary", "Calgary"),
    ("Halifax", "Halifax"), ("Winnipeg", "Winnipeg"), ("Moncton", "Moncton"),
    ("Sherbrooke", "Sherbrooke"), ("Lyon", "Lyon"), ("Brussels", "Bruxelles"),
    ("Geneva", "Genève"), ("Munich", "Munich"), ("Shanghai", "Shanghai"),
    ("Boston", "Boston"), ("London", "Londres"), ("Lisbon", "Lisbonne"),
    ("Dakar", "Dakar"), ("Tunis", "Tunis"), ("Mexico City", "Mexico"),
    ("Seoul", "Séoul"), ("Oslo", "Oslo"), ("Copenhagen", "Copenhague"),
)

HEADINGS: tuple[tuple[str, str], ...] = (
    ("Background", "Contexte"), ("Key figures", "Chiffres clés"),
    ("What changes for customers", "Ce qui change pour la clientèle"),
    ("Next steps", "Prochaines étapes"), ("Partners", "Partenaires"),
    ("Timeline", "Calendrier"), ("Funding", "Financement"),
    ("Environmental impact", "Impact environnemental"),
    ("About the project", "À propos du projet"),
    ("Quotes", "Citations"), ("Availability", "Disponibilité"),
    ("Technical details", "Détails techniques"),
    ("Community involvement", "Engagement communautaire"),
    ("Research results", "Résultats de recherche"),
    ("Media resources", "Ressources pour les médias"),
    ("Questions and answers", "Questions et réponses"),
)

FIRST_NAMES = (
    "Marc", "Sophie", "Amina", "Julien", "Chloé", "Kwame", "Elena", "Mathis",
    "Noor", "Gabriel", "Ingrid", "Yacine", "Léa", "Tomás", "Hana", "Olivier",
)

LAST_NAMES = (
    "Belcourt", "Tremblay", "Diallo", "Lefebvre", "Nguyen", "Okafor", "Rossi",
    "Gagnon", "Haddad", "Lindqvist", "Moreau", "Sato", "Fontaine", "Kowalski",
)

ROLES: tuple[tuple[str, str], ...] = (
    ("Media relations manager", "Responsable des relations avec les médias"),
    ("Head of corporate communications", "Directrice des communications"),
    ("Spokesperson", "Porte-parole"),
    ("Press officer", "Attaché de presse"),
    ("Director of public affairs", "Directeur des affaires publiques"),
    ("Communications adviser", "Conseillère en communication"),
)

TOPICS: tuple[tuple[str, str, str], ...] = (
    ("innovation", "Innovation", "Innovation"),
    ("corporate", "Corporate", "Entreprise"),
    ("sustainability", "Sustainability", "Développement durable"),
    ("urban-mobility", "Urban mobility", "Mobilité urbaine"),
    ("electromobility", "Electromobility", "Électromobilité"),
    ("digital", "Digital", "Numérique"),
    ("research", "Research and development", "Recherche et développement"),
    ("events", "Events", "Événements"),
)

RELEASE_TYPES = ("press-release", "fact-sheet", "speech", "invitation", "statement")
TYPE_WEIGHTS = (70, 10, 5, 10, 5)
# fmt: on
