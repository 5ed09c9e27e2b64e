"""What the search shows and filters on, and where each language's search page lives."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from press_core import urls
from press_core.i18n_marks import N_
from press_core.languages import language
from press_core.settings import PressSettings
from press_i18n.release_view import ReleaseView

Gettext = Callable[[str, str], str]  # (lang, message) -> translation


# Names of the result details and filters, shown by Pagefind's interface as they are.
TYPE, DATE, TOPIC, YEAR = N_("Type"), N_("Date"), N_("Topic"), N_("Year")


@dataclass(frozen=True)
class SearchFields:
    """One release's details in the index: (name, value) in the release's language."""

    meta: tuple[tuple[str, str], ...]  # shown under each result: type, date
    filters: tuple[tuple[str, str], ...]  # offered as filters: type, each topic, year
    sort_date: str  # ISO date, for sorting by date


def search_fields(view: ReleaseView, gettext: Gettext) -> SearchFields:
    """Return the result details and filter values of one release, from its view."""
    lang = view.lang
    topics = [(gettext(lang, TOPIC), label) for _, label, _ in view.topics]
    return SearchFields(
        meta=((gettext(lang, TYPE), view.type_label), (gettext(lang, DATE), view.date.day)),
        filters=(
            (gettext(lang, TYPE), view.type_label),
            *topics,
            (gettext(lang, YEAR), view.filed.year_text),
        ),
        sort_date=datetime.fromisoformat(view.date.iso).date().isoformat(),
    )


@dataclass(frozen=True)
class SearchPage:
    """One search page to render."""

    save_as: str
    lang: str
    alternates: tuple[tuple[str, str], ...]  # the search page in each other language
    hreflang: tuple[tuple[str, str], ...]  # every version, itself included
    topics_url: str  # where to browse instead, without JavaScript
    archive_url: str
    before_colon: str = ""  # the space the language puts before a colon


def search_pages(settings: PressSettings) -> list[SearchPage]:
    """Return the search page of every language."""
    versions = {lang: urls.search_url(settings, lang) for lang in settings.langs}
    return [
        SearchPage(
            urls.save_as(versions[lang]),
            lang,
            tuple(urls.alternates(lang, versions, settings.langs)),
            tuple(sorted(versions.items())),
            urls.section_url(settings, lang, "topics"),
            urls.section_url(settings, lang, "archive"),
            # Pagefind shows a detail as "name: value" and trims names: the search page's
            # script adds the language's space before the colon to each.
            language(lang).before_colon,
        )
        for lang in settings.langs
    ]


def release_folders(settings: PressSettings) -> list[str]:
    """Return the output folder of each language's releases: the only pages indexed."""
    return [urls.section_url(settings, lang, "releases") for lang in settings.langs]
