"""Development settings: relative URLs, the sample newsroom, every PressClub plugin."""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE / "plugins") not in sys.path:
    # Plugins import the bottom library press_core (settings, URLs, typography) and each other.
    sys.path.insert(0, str(HERE / "plugins"))

SITENAME = "PressClub"
SITEURL = ""
RELATIVE_URLS = True
PATH = "content"
OUTPUT_PATH = "output"
THEME = str(HERE / "theme")
TIMEZONE = "America/Toronto"
DEFAULT_LANG = "en"

PLUGIN_PATHS = [str(HERE / "plugins")]
PLUGINS = [
    "press_content", "press_assets", "press_i18n", "press_pages", "press_media",
    "press_feeds", "press_events", "press_search", "press_seo",
]  # fmt: skip
PLUGINS = [name for name in PLUGINS if (HERE / "plugins" / name / "__init__.py").is_file()]
# The build with its stops (problems, a write the disk refused) turned into messages and
# exit codes (press_build/pipeline.py and edges.py).
PELICAN_CLASS = "press_build.PressPelican"

ARTICLE_PATHS = ["releases"]
ARTICLE_TRANSLATION_ID = "key"
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images", "public"]  # public/: published as it is (docs/CONTRACT-NOTES.md)
THEME_STATIC_PATHS: list[str] = []  # press_assets writes theme/static/ fingerprinted
ARTICLE_EXCLUDES: list[str] = []
IGNORE_FILES = [".#*", "*~", "*.swp"]

# Pelican's own listings and feeds are off: press_pages and press_feeds replace them.
DIRECT_TEMPLATES: list[str] = []
for _kind in (
    "TAG",
    "TAGS",
    "CATEGORY",
    "CATEGORIES",
    "AUTHOR",
    "AUTHORS",
    "ARCHIVES",
    "YEAR_ARCHIVE",
    "MONTH_ARCHIVE",
    "DAY_ARCHIVE",
    "DRAFT",
    "DRAFT_LANG",
    "PAGE",
    "PAGE_LANG",
):
    globals()[f"{_kind}_SAVE_AS"] = ""
FEED_ALL_ATOM = FEED_ALL_RSS = FEED_ATOM = FEED_RSS = None
CATEGORY_FEED_ATOM = CATEGORY_FEED_RSS = TAG_FEED_ATOM = TAG_FEED_RSS = None
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = TRANSLATION_FEED_ATOM = TRANSLATION_FEED_RSS = None
DEFAULT_PAGINATION = False
SUMMARY_MAX_LENGTH = None

JINJA_ENVIRONMENT = {
    "autoescape": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "extensions": ["jinja2.ext.i18n"],
    # A build reads each template once: no file check each time a page includes one
    # (60,000 at 1,000 pairs). Each build has new environments, so an edited template is
    # read by the next build, the live preview's included.
    "auto_reload": False,
}
# Pelican's own content cache stays off: release validation depends on contacts.yml
# and settings, which its per-file cache does not watch. press_content keeps its own
# cache of rendered bodies (keyed by body text and renderer code) in CACHE_PATH.
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
CACHE_PATH = str(HERE / ".cache")

# --- PressClub ---------------------------------------------------------------
PRESS_LANGUAGES = {
    "en": {"locale": "en_CA", "name": "English"},
    "fr": {"locale": "fr_CA", "name": "Français"},
}
PRESS_TIMEZONE = "America/Toronto"
PRESS_SECTIONS = {
    "en": {"releases": "releases", "topics": "topics", "tags": "tags",
           "archive": "archive", "contacts": "contacts", "feeds": "feeds",
           "media": "media", "search": "search"},
    "fr": {"releases": "communiques", "topics": "sujets", "tags": "mots-cles",
           "archive": "archives", "contacts": "contacts", "feeds": "fils",
           "media": "medias", "search": "recherche"},
}  # fmt: skip
PRESS_TOPICS = {
    "innovation": {"en": "Innovation", "fr": "Innovation"},
    "corporate": {"en": "Corporate", "fr": "Entreprise"},
    "sustainability": {"en": "Sustainability", "fr": "Développement durable"},
    "urban-mobility": {"en": "Urban mobility", "fr": "Mobilité urbaine"},
    "electromobility": {"en": "Electromobility", "fr": "Électromobilité"},
    "digital": {"en": "Digital", "fr": "Numérique"},
    "research": {"en": "Research and development", "fr": "Recherche et développement"},
    "events": {"en": "Events", "fr": "Événements"},
}
PRESS_PREVIEW = False
PRESS_FEED_LIMIT = 50
PRESS_PAGE_SIZE = 10
# Feeds, sitemaps and vCards need absolute URLs even in development; publishconf uses SITEURL.
PRESS_ABSOLUTE_URL = "http://localhost:8000"
# The header's brand: an SVG logo of content/ and the accent colour of links and buttons
# (validated: a #rrggbb colour with 4.5:1 contrast on white).
PRESS_BRAND = {"name": "PressClub", "logo": "images/brand/pressclub.svg", "accent": "#1c69d4"}
# E-mail alerts (press_core.alerts; off by default). Each language's mailing list: its posting
# address, and how readers join it: a form posted straight to the list service (a public
# sign-up form, here with the list's id as a hidden field) or a mailto: address (Mailman 3's
# -join address). "topics" may name a list per topic. Nothing is sent until publishconf.py
# has a mail server (PRESS_SMTP_HOST); the site never stores a subscriber's address.
PRESS_ALERTS = {
    "en": {
        "list": "press-en@lists.example.com",
        "subscribe": "https://lists.example.com/subscription/form",
        "fields": {"l": "6f1c2a0e-5b7d-4c1e-9a43-2d8f0b7e9c15"},
    },
    "fr": {
        "list": "press-fr@lists.example.com",
        "subscribe": "mailto:press-fr-join@lists.example.com",
    },
}
PRESS_ALERTS_FROM = "PressClub Newsroom <press@example.com>"
# Tags that name one subject in each language: their pages link each other (the language
# switch). Tags with the same spelling (dialogue, canada) are paired without being listed.
PRESS_TAG_PAIRS = [
    {"en": "china", "fr": "chine"},
    {"en": "cities", "fr": "villes"},
    {"en": "cloud", "fr": "infonuagique"},
    {"en": "partnerships", "fr": "partenariats"},
    {"en": "retail", "fr": "commerce"},
    {"en": "software", "fr": "logiciels"},
    {"en": "startups", "fr": "jeunes-pousses"},
]
# The footer's legal, privacy, accessibility and "about" links of each language: web
# addresses, or paths of this site starting with "/".
PRESS_FOOTER_LINKS = {
    "en": {
        "legal": "https://www.example.com/en/legal-notice",
        "privacy": "https://www.example.com/en/privacy",
        "accessibility": "https://www.example.com/en/accessibility",
        "about": "https://www.example.com/en/about",
    },
    "fr": {
        "legal": "https://www.example.com/fr/mentions-legales",
        "privacy": "https://www.example.com/fr/confidentialite",
        "accessibility": "https://www.example.com/fr/accessibilite",
        "about": "https://www.example.com/fr/a-propos",
    },
}
