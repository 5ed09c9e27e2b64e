"""Archive pages of one language: each year paginated under month headings, and each month."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from press_core import urls

from .listings import Group, Listing, month_links


def year_pages(planner: Any, lang: str, year: Group, home: str, index: str) -> list[Any]:
    """Return the pages of a year (paginated, months as headings) and of each of its months."""
    settings, locale = planner.settings, planner.settings.locale(lang)

    def month_url(y: str, m: str) -> str:
        return urls.month_url(settings, lang, y, m)

    months = tuple(month_links(year.items, locale, month_url))
    # Where a language has no release that year (or month): its archive, else that year.
    index_pages = planner.fallback("archive")
    of_year = {**index_pages, **planner.versions("archive", year.id)}
    listing = Listing("year", home, index, year.label, groups=months)
    pages = [
        with_months(page, locale, month_url)
        for page in planner.paginated(
            lang, listing, year.items, planner.versions("archive", year.id), index_pages
        )
    ]
    trail = ((year.label, year.url),)
    for month in months:
        listing = Listing("month", home, index, month.label, trail=trail)
        versions = month_versions(planner, *month.id.split("-"))
        pages += planner.paginated(lang, listing, month.items, versions, of_year)
    return pages


def with_months(page: Any, locale: str, month_url: Any) -> Any:
    """Give a page of a year the months of the releases it shows, each with its releases."""
    listing = page.values["listing"]
    sections = tuple(month_links(listing.pagination.items, locale, month_url))
    return replace(page, values={**page.values, "listing": replace(listing, months=sections)})


def month_versions(planner: Any, year: str, month: str) -> dict[str, str]:
    """Return lang -> URL of a month's page in every language with a release filed then."""
    key = f"{year}-{month}"
    return {
        lang: urls.month_url(planner.settings, lang, year, month)
        for lang in planner.langs
        if key in planner.months[lang]
    }
