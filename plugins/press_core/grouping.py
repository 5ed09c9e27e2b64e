"""One grouping of releases by topic, tag, year and month, shared by listings and feeds."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from typing import TypeVar

from unidecode import unidecode

from .calendar import YearMonth
from .urls import tag_slug

T = TypeVar("T")
Keys = Callable[[T], Iterable[str]]


def sort_key(text: str) -> tuple[str, str]:
    """Order labels as readers expect: accents and case ignored, then exact text."""
    return unidecode(text).casefold(), text


def group_by(items: Iterable[T], keys: Keys) -> dict[str, list[T]]:
    """Group items under each of their keys, keeping the items' order."""
    groups: dict[str, list[T]] = defaultdict(list)
    for item in items:
        for key in dict.fromkeys(keys(item)):
            groups[key].append(item)
    return dict(groups)


def by_topic(items: Iterable[T], topics: Keys) -> dict[str, list[T]]:
    """Group releases under each topic id they name."""
    return group_by(items, topics)


def by_tag(items: Iterable[T], tags: Keys) -> dict[str, list[T]]:
    """Group releases under each tag slug; spellings with one slug share a group."""
    return group_by(items, lambda item: map(tag_slug, tags(item)))


def tag_labels(items: Iterable[T], tags: Keys) -> dict[str, str]:
    """Return tag slug -> label: the most used spelling, a tie to the first in sort order."""
    spellings: dict[str, Counter] = defaultdict(Counter)
    for item in items:
        for tag in tags(item):
            spellings[tag_slug(tag)][tag] += 1
    return {
        slug: min(counts.items(), key=lambda kv: (-kv[1], sort_key(kv[0])))[0]
        for slug, counts in spellings.items()
    }


def by_year(items: Iterable[T], filed: Callable[[T], YearMonth]) -> dict[str, list[T]]:
    """Group releases by the year they are filed under (press_core.calendar): `2021`."""
    return group_by(items, lambda item: [filed(item).year_text])


def by_month(items: Iterable[T], filed: Callable[[T], YearMonth]) -> dict[str, list[T]]:
    """Group releases by the month they are filed under: `2021-05`."""
    return group_by(items, lambda item: [f"{filed(item).year_text}-{filed(item).month_text}"])
