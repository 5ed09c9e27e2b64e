"""Every rule that depends on the language: one row per language, English for any other.

Interface strings are translated by the catalogs (theme/translations), and a site's
locale, language names and URL sections are its own settings (PRESS_LANGUAGES,
PRESS_SECTIONS). Everything else a language decides is a field of its row here:
typography (press_core.typography), dates (press_i18n.dates), the search page's labels
(press_search.fields) and the text `./dev new` writes in a new release (tasks.py).
"""

from __future__ import annotations

from dataclasses import dataclass

NBSP = "\u00a0"  # no-break space


@dataclass(frozen=True)
class Scaffold:
    """The placeholders `./dev new` writes into a new release, in its language."""

    summary: str
    alt: str
    dateline: str
    body: str


@dataclass(frozen=True)
class Language:
    """The rules of one language."""

    quotes: tuple[str, str]  # opening and closing double quotes, with their spaces
    spacing: str = "plain"  # the spaces around marks: "plain" or "french" (typography.SPACING)
    first_of_month: str | None = None  # how a long date writes day 1, when not "1" (1er juin)
    before_colon: str = ""  # the space before a colon the search page adds to each label
    scaffold: Scaffold | None = None  # None: the English placeholders


ENGLISH_SCAFFOLD = Scaffold(
    summary="One or two plain sentences for lists, feeds and search engines.",
    alt="What the photo shows",
    dateline="Toronto",
    body="Write the release here, in Markdown.",
)
LANGUAGES = {
    "en": Language(quotes=("\u201c", "\u201d"), scaffold=ENGLISH_SCAFFOLD),
    "fr": Language(
        quotes=("«" + NBSP, NBSP + "»"),
        spacing="french",
        first_of_month="1er",
        before_colon=NBSP,
        scaffold=Scaffold(
            summary="Une ou deux phrases simples pour les listes, les fils et les moteurs de recherche.",
            alt="Ce que montre la photo",
            dateline="Montréal",
            body="Rédigez le communiqué ici, en Markdown.",
        ),
    ),
    "de": Language(quotes=("\u201e", "\u201c")),
}
ENGLISH = LANGUAGES["en"]


def language(lang: str) -> Language:
    """Return a language's rules; a language missing from the table is written as English."""
    return LANGUAGES.get(lang, ENGLISH)


def scaffold(lang: str) -> Scaffold:
    """Return the placeholders of a new release in a language (English when it has none)."""
    return language(lang).scaffold or ENGLISH_SCAFFOLD
