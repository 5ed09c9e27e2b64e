"""Dates and times for readers: Babel in the newsroom's locale and time zone."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date, format_time
from press_core.languages import language

NBSP = "\u00a0"


@dataclass(frozen=True)
class Moment:
    """One instant, ready for a page: `<time datetime="{iso}">{display}</time>`."""

    iso: str  # local time with its offset: 2021-05-21T03:00:00-04:00
    display: str  # date, time and zone: "May 21, 2021, 3:00 a.m. EDT"
    day: str  # date only: "May 21, 2021"


def local_time(moment: datetime, timezone: ZoneInfo) -> datetime:
    """Return an aware datetime in the newsroom's time zone."""
    return moment.astimezone(timezone)


def time_pattern(locale: Locale) -> str:
    """Return the locale's short time pattern, without the leading zero of the hour (3 h 00)."""
    pattern = locale.time_formats["short"].pattern
    return pattern.replace("HH", "H")


def long_date(local: datetime, locale: Locale) -> str:
    """Return the locale's long date, with the language's own first of the month."""
    return _long_day(local.date(), str(locale))


@functools.lru_cache(maxsize=8192)  # pure; releases share days, and Babel takes its time
def _long_day(day: date, locale_name: str) -> str:
    locale = Locale.parse(locale_name)
    text = format_date(day, "long", locale=locale)
    first = language(locale.language).first_of_month  # 1er juin 2021
    if first and day.day == 1:
        text = re.sub(r"^1(?=\s)", first, text)
    return text


def format_day(moment: datetime, locale_name: str, timezone: ZoneInfo) -> str:
    """Return the long date in the newsroom's time zone: "21 mai 2021"."""
    return long_date(local_time(moment, timezone), Locale.parse(locale_name))


def format_moment(moment: datetime, locale_name: str, timezone: ZoneInfo) -> str:
    """Return date, time and zone abbreviation: "21 mai 2021, 3 h 00 HAE".

    The time and its zone never wrap apart: their spaces are no-break spaces.
    """
    locale = Locale.parse(locale_name)
    local = local_time(moment, timezone)
    day = long_date(local, locale)
    return locale.datetime_formats["long"].format(clock(local, locale), day)


def clock(local: datetime, locale: Locale) -> str:
    """Return the time and zone abbreviation, joined by no-break spaces: "3 h 00 HAE"."""
    time = format_time(local, time_pattern(locale), locale=locale)
    zone = format_time(local, "zzz", locale=locale)
    if not zone[:1].isalpha() and (local.tzname() or "").isalpha():
        zone = local.tzname()  # CLDR has no short name here (+0200): the tz database's, CEST
    return f"{time} {zone}".replace(" ", NBSP)


def iso_moment(moment: datetime, timezone: ZoneInfo) -> str:
    """Return the machine-readable local time with its offset, for `<time datetime>`."""
    return local_time(moment, timezone).isoformat()


@functools.lru_cache(maxsize=8192)
def moment_for(moment: datetime, locale_name: str, timezone: ZoneInfo) -> Moment:
    """Return every form of one instant a page needs.

    Cached: a release's date is shown on its page, on its translation's and on every
    release that links to it. Equal instants give equal text, whatever their tzinfo.
    """
    return Moment(
        iso=iso_moment(moment, timezone),
        display=format_moment(moment, locale_name, timezone),
        day=format_day(moment, locale_name, timezone),
    )


@functools.lru_cache(maxsize=2048)
def stated_moment(moment: datetime, locale_name: str, own: ZoneInfo, newsroom: ZoneInfo) -> Moment:
    """Return an instant in a release's own zone, then the newsroom's time in brackets.

    "May 21, 2021, 9:30 AM CEST (3:30 AM EDT)"; the bracket names the day too when the
    newsroom's differs. The same as moment_for when both zones are one.
    """
    first = moment_for(moment, locale_name, own)
    there, here = local_time(moment, newsroom), local_time(moment, own)
    if str(own) == str(newsroom):
        return first
    if there.date() == here.date():
        second = clock(there, Locale.parse(locale_name))
    else:
        second = format_moment(moment, locale_name, newsroom)
    return Moment(first.iso, f"{first.display} ({second})", first.day)
