"""Listing values from plain data: pagination, and grouping by topic, tag, year and month."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeVar

from babel.dates import format_skeleton
from press_core import urls
from press_core.calendar import YearMonth
from press_core.grouping import by_month, by_tag, by_topic, by_year, sort_key, tag_labels
from press_feeds.plan import FeedLink

T = TypeVar("T")


@dataclass(frozen=True)
class PageLink:
    """A link of a pagination bar; number None stands for a gap (…)."""

    number: int | None
    url: str = ""
    current: bool = False


@dataclass(frozen=True)
class Pagination:
    """One page of a paginated listing and what its pagination bar needs."""

    number: int
    count: int
    items: tuple
    url: str
    previous_url: str | None
    next_url: str | None
    links: tuple[PageLink, ...]

    @property
    def save_as(self) -> str:
        """Return the output file of this page."""
        return urls.save_as(self.url)


def page_window(current: int, count: int, around: int = 2) -> list[int | None]:
    """Return the page numbers a bar shows: first, last, the current one and its neighbours."""
    shown = {1, count, *range(current - around, current + around + 1)}
    window: list[int | None] = []
    for number in sorted(n for n in shown if 1 <= n <= count):
        if window and number - window[-1] > 1:
            window.append(None)
        window.append(number)
    return window


def paginate(items: Sequence[T], size: int, base: str) -> list[Pagination]:
    """Split items into pages of `size` at base, base/page/2/, ...; no items still make one page."""
    size = max(1, size)
    count = max(1, math.ceil(len(items) / size))
    pages = []
    for number in range(1, count + 1):
        links = tuple(
            PageLink(n, urls.listing_page_url(base, n), n == number) if n else PageLink(None)
            for n in page_window(number, count)
        )
        pages.append(
            Pagination(
                number=number,
                count=count,
                items=tuple(items[(number - 1) * size : number * size]),
                url=urls.listing_page_url(base, number),
                previous_url=urls.listing_page_url(base, number - 1) if number > 1 else None,
                next_url=urls.listing_page_url(base, number + 1) if number < count else None,
                links=links,
            )
        )
    return pages


def topics_of(article: Any) -> list[str]:
    """Return the topic ids a release is filed under."""
    return article.press.meta.topics


def tags_of(article: Any) -> list[str]:
    """Return the tags of a release as written."""
    return article.press.meta.tags


def filed(article: Any) -> YearMonth:
    """Return the year and month a release is filed under (press_core.calendar)."""
    return article.press.filed


@dataclass(frozen=True)
class Group:
    """Releases that share a topic, a tag or a year, in the order given (newest first)."""

    id: str  # topic id, tag slug or year
    label: str
    url: str
    items: tuple

    @property
    def count(self) -> int:
        """Return how many releases the group holds."""
        return len(self.items)


def topic_groups(
    articles: Sequence[Any], label: Callable[[str], str], url: Callable[[str], str]
) -> list[Group]:
    """Return one group per topic the releases use, ordered by label."""
    groups = by_topic(articles, topics_of)
    found = [Group(t, label(t), url(t), tuple(items)) for t, items in groups.items()]
    return sorted(found, key=lambda g: sort_key(g.label))


def tag_groups(articles: Sequence[Any], url: Callable[[str], str]) -> list[Group]:
    """Return one group per tag slug, ordered by label; spellings with one slug share a page."""
    labels = tag_labels(articles, tags_of)
    found = [
        Group(slug, labels[slug], url(slug), tuple(items))
        for slug, items in by_tag(articles, tags_of).items()
    ]
    return sorted(found, key=lambda g: sort_key(g.label))


def year_groups(articles: Sequence[Any], url: Callable[[str], str]) -> list[Group]:
    """Return one group per year the releases are filed under (press_core.calendar), newest first."""
    groups = by_year(articles, filed)
    found = [Group(year, year, url(year), tuple(items)) for year, items in groups.items()]
    return sorted(found, key=lambda g: g.id, reverse=True)


def month_name(moment: date, locale: str) -> str:
    """Return a month and year as a heading: "May 2021", "Mai 2021"."""
    name = format_skeleton("yMMMM", moment, locale=locale)
    return name[:1].upper() + name[1:]  # French writes "mai 2021"; a heading starts with a capital


def month_groups(articles: Sequence[Any], locale: str) -> list[tuple[str, tuple]]:
    """Return (month heading, releases) for each month the releases are filed under, in order."""
    groups = by_month(articles, filed)
    return [
        (month_name(date(*map(int, key.split("-")), 1), locale), tuple(items))
        for key, items in groups.items()
    ]


def month_links(
    articles: Sequence[Any], locale: str, url: Callable[[str, str], str]
) -> list[Group]:
    """Return one group per month the releases are filed under, newest first, with its URL."""
    found = []
    for key, items in by_month(articles, filed).items():
        year, month = key.split("-")
        label = month_name(date(int(year), int(month), 1), locale)
        found.append(Group(key, label, url(year, month), tuple(items)))
    return sorted(found, key=lambda g: g.id, reverse=True)


@dataclass(frozen=True)
class Listing:
    """What a listing template shows; `kind` picks its heading and layout."""

    kind: str  # home, topics, topic, tags, tag, archive, year, month
    home_url: str  # the language's home, for breadcrumbs
    index_url: str = ""  # the topics, tags or archive index above a topic, tag or year
    label: str = ""  # the topic, tag or year (content, not interface text)
    pagination: Pagination | None = None
    groups: tuple[Group, ...] = ()
    months: tuple[Group, ...] = ()  # a year's page: the months of its releases, newest first
    trail: tuple[tuple[str, str], ...] = ()  # (label, URL) crumbs after the index: a month's year
    feeds: tuple[FeedLink, ...] = ()
    contacts: tuple[Any, ...] = ()  # on a topic page: the press contacts covering it
    upcoming: tuple = ()  # on a home: invitations whose event has not ended, soonest first
    browse: tuple[
        tuple[str, str], ...
    ] = ()  # (section, URL) of the topics, tags and archive indexes


def upcoming_events(articles: Sequence[Any], now: datetime, most: int) -> tuple:
    """Return the invitations whose event has not ended at `now`, soonest first, at most `most`."""
    found = [a for a in articles if a.press.meta.event and a.press.meta.event.end > now]
    return tuple(sorted(found, key=lambda a: a.press.meta.event.start)[:most])
