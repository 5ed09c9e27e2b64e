"""Pages for missing addresses: one per language, and a root one in every language."""

from __future__ import annotations

from collections.abc import Callable

from press_core import urls
from press_core.i18n_marks import N_
from press_core.settings import PressSettings

from .pages import Choice, OutputPage

TITLE = N_("Page not found")
TEXT = N_("The page you asked for does not exist or has moved.")
HOME = N_("Go to the newsroom home")


def not_found_pages(
    settings: PressSettings, gettext: Callable[[str, str], str]
) -> list[OutputPage]:
    """Return `<lang>/404.html` for each language and a bilingual `404.html` at the root.

    They are served for any missing address, so their links are written from the site
    root, never relative to the page (`relative` False); no hreflang: a 404 has no versions.
    """
    langs = settings.langs
    homes = tuple((lang, urls.home_url(lang)) for lang in langs)
    pages = [
        OutputPage(
            urls.not_found_path(lang),
            "404",
            lang,
            tuple(home for home in homes if home[0] != lang),
            (),
            relative=False,
        )
        for lang in langs
    ]
    names = settings.languages
    choices = tuple(
        Choice(
            lang,
            names[lang]["name"],
            urls.home_url(lang),
            gettext(lang, TEXT),
            gettext(lang, TITLE),
            gettext(lang, HOME),
        )
        for lang in langs
    )
    root = OutputPage(
        urls.not_found_path(),
        "404",
        settings.default_lang,
        homes,
        (),
        values={"choices": choices},
        relative=False,
    )
    return [*pages, root]
