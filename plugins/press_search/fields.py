"""What the search shows and filters on, and where each language's search page lives."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from press_core import urls
from press_core.grouping import sort_key
from press_core.i18n_marks import N_
from press_core.settings import PressSettings
from press_i18n.release_view import ReleaseView

Gettext = Callable[[str, str], str]  # (lang, message) -> translation


# Names of the result details and filters, as the index holds them, in the page's language.
TYPE, DATE, TOPIC, YEAR = N_("Type"), N_("Date"), N_("Topic"), N_("Year")
# The filter groups in the order every search page shows them; the key names a group in
# the page's address (?type=...&topic=...&year=...), the same in every language.
FILTERS = (("type", TYPE), ("topic", TOPIC), ("year", YEAR))


def filter_values(view: ReleaseView) -> dict[str, tuple[str, ...]]:
    """Return the values a release is found under, by filter key."""
    return {
        "type": (view.type_label,),
        "topic": tuple(label for _, label, _ in view.topics),
        "year": (view.filed.year_text,),
    }


@dataclass(frozen=True)
class FilterGroup:
    """One group of check boxes on a search page."""

    key: str  # in the address
    name: str  # the filter's name in the index, in the page's language
    values: tuple[str, ...]  # every value a visible release of the language has


def filter_groups(views: Iterable[ReleaseView], lang: str, gettext: Gettext) -> tuple:
    """Return the filter groups of a language's search page, in FILTERS order.

    Types and topics are in alphabetical order, years newest first.
    """
    found: dict[str, set[str]] = {key: set() for key, _ in FILTERS}
    for view in (v for v in views if v.lang == lang):
        for key, values in filter_values(view).items():
            found[key].update(values)
    return tuple(
        FilterGroup(key, gettext(lang, name), tuple(sorted(found[key], key=order_of(key))))
        for key, name in FILTERS
    )


def order_of(key: str) -> Callable[[str], object]:
    """Return the sort key of a group's values: years newest first, labels alphabetically."""
    return (lambda year: -int(year)) if key == "year" else sort_key


@dataclass(frozen=True)
class SearchFields:
    """One release's details in the index: (name, value) in the release's language."""

    meta: tuple[tuple[str, str], ...]  # shown under each result: type, date
    filters: tuple[tuple[str, str], ...]  # offered as filters: type, each topic, year
    sort_date: str  # ISO date, for sorting by date


def search_fields(view: ReleaseView, gettext: Gettext) -> SearchFields:
    """Return the result details and filter values of one release, from its view."""
    lang, values = view.lang, filter_values(view)
    return SearchFields(
        meta=((gettext(lang, TYPE), view.type_label), (gettext(lang, DATE), view.date.day)),
        filters=tuple(
            (gettext(lang, name), value) for key, name in FILTERS for value in values[key]
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
    filters: tuple[FilterGroup, ...] = ()  # in FILTERS order
    meta_names: tuple[str, str] = ("", "")  # the index's names of a result's type and date


def search_pages(
    settings: PressSettings,
    views: Iterable[ReleaseView] = (),
    gettext: Gettext = lambda lang, text: text,
) -> list[SearchPage]:
    """Return the search page of every language, with the filters of its releases."""
    views = tuple(views)
    versions = {lang: urls.search_url(settings, lang) for lang in settings.langs}
    return [
        SearchPage(
            urls.save_as(versions[lang]),
            lang,
            tuple(urls.alternates(lang, versions, settings.langs)),
            tuple(sorted(versions.items())),
            urls.section_url(settings, lang, "topics"),
            urls.section_url(settings, lang, "archive"),
            filter_groups(views, lang, gettext),
            (gettext(lang, TYPE), gettext(lang, DATE)),
        )
        for lang in settings.langs
    ]


def release_folders(settings: PressSettings) -> list[str]:
    """Return the output folder of each language's releases: the only pages indexed."""
    return [urls.section_url(settings, lang, "releases") for lang in settings.langs]
