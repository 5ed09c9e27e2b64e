"""The options every PressClub build reads (press_core): declared once, checked once."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel import Locale, UnknownLocaleError

from .alerts import ALERT_DEFAULTS
from .limits import LIMITS
from .options import (
    Option,
    OptionError,
    flag,
    mapping,
    optional_whole,
    seconds,
    text,
    texts,
    whole,
)

SECTIONS = ("releases", "topics", "tags", "archive", "contacts", "feeds")
RELEASE_TYPES = ("press-release", "fact-sheet", "speech", "invitation", "statement")
ALERTS_SHOWN = ("PRESS_ALERTS", "PRESS_WEBSUB_HUB")
ISO_EXAMPLE = "2021-05-21T09:00:00+02:00"


def time_zone(value: Any) -> ZoneInfo:
    """Check an IANA time zone name and return its zone."""
    try:
        if isinstance(value, str) and value:
            return ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        pass
    raise OptionError(f"{value!r} is not a time zone; write one like 'America/Toronto'")


def _language_problem(code: Any, entry: Any) -> str | None:
    """Return what is wrong with one language entry and what to do, or None."""
    if not isinstance(code, str) or not isinstance(entry, Mapping):
        return f"{code!r}: not a language; write it like 'fr': {{'locale': 'fr_CA', 'name': 'Français'}}"
    locale, name = entry.get("locale"), entry.get("name")
    if not isinstance(name, str) or not name.strip():
        return f"{code!r}: name: {name!r} is not a name; write the language's own, like 'Français'"
    try:
        Locale.parse(locale)
    except (ValueError, TypeError, UnknownLocaleError):
        return f"{code!r}: locale: {locale!r} is not a locale Babel knows; write one like 'fr_CA'"
    return None


def languages(value: Any) -> Mapping[str, Mapping[str, str]]:
    """Check the languages: code -> {"locale": Babel locale, "name": its own name}."""
    example = "{'en': {'locale': 'en_CA', 'name': 'English'}}"
    if not isinstance(value, Mapping) or not value:
        raise OptionError(f"{value!r} is not a mapping of languages; write one like {example}")
    problems = filter(None, (_language_problem(code, entry) for code, entry in value.items()))
    problem = next(problems, None)
    if problem:
        raise OptionError(problem)
    return value


def moment(value: Any) -> datetime | None:
    """Check an ISO 8601 date and time with its UTC offset; None or "" for the clock."""
    if not value:
        return None
    try:
        now = datetime.fromisoformat(value)
    except (ValueError, TypeError):
        raise OptionError(
            f"{value!r} is not an ISO 8601 date and time; write it like {ISO_EXAMPLE}"
        ) from None
    if now.tzinfo is None:
        raise OptionError(f"{value!r} has no UTC offset; write it like {ISO_EXAMPLE}")
    return now


def web_address(value: Any) -> str:
    """Check an absolute http(s) address."""
    if not isinstance(value, str) or not value.startswith(("http://", "https://")):
        raise OptionError(
            f"{value!r} is not an http(s) address; write one like 'https://example.com'"
        )
    return value


def brand_shape(value: Any) -> Mapping[str, Any] | None:
    """Let PRESS_BRAND through: brand.read_brand checks it against the site name and content."""
    return value


OPTIONS: tuple[Option, ...] = (
    Option("PRESS_LANGUAGES", {"en": {"locale": "en_CA", "name": "English"}}, languages),
    Option("PRESS_TIMEZONE", "UTC", time_zone),
    Option(
        "PRESS_SECTIONS",
        {"en": {name: name for name in SECTIONS}},
        mapping("{'en': {'releases': 'releases', ...}}"),
    ),
    Option("PRESS_TOPICS", {}, mapping("{'innovation': {'en': 'Innovation'}}")),
    Option("PRESS_RELEASE_TYPES", RELEASE_TYPES, texts("('press-release', 'statement')")),
    Option("PRESS_RELEASES_DIR", "releases", text),
    Option("PRESS_CONTACTS_FILE", "contacts.yml", text),
    Option("PRESS_BOILERPLATE_DIR", "boilerplates", text),
    Option("PRESS_PREVIEW", False, flag),
    Option("PRESS_FEED_LIMIT", 50, whole(50)),
    Option("PRESS_PAGE_SIZE", 10, whole(10)),
    # The build's "now": the output depends on it through what is due, keyed apart.
    Option("PRESS_NOW", None, moment, changes_output=False),
    Option("PRESS_ABSOLUTE_URL", "http://localhost:8000", web_address),
    # Processes that render bodies ahead of reading; None: every core.
    Option("PRESS_WORKERS", None, optional_whole(4), changes_output=False),
    # Keep rendered bodies and front matter parses in CACHE_PATH.
    Option("PRESS_BODY_CACHE", True, flag, changes_output=False),
    # Limits per release (limits.LIMITS): bounded build cost, short file names.
    *(Option(setting, default, whole(default)) for setting, default in LIMITS.values()),
    # Seconds a build waits for another build of the same output.
    Option("PRESS_LOCK_WAIT", 120, seconds, changes_output=False),
    # Name, logo (SVG of content/), accent colour: checked by brand.read_brand.
    Option("PRESS_BRAND", None, brand_shape),
    # Print each file no published page uses (./dev check sets it); prints, changes nothing.
    Option("PRESS_LIST_UNUSED", False, flag, changes_output=False),
    # E-mail alerts and WebSub: checked together by alerts.read_alerts (press_feeds, publish).
    # The lists and the hub appear on pages and in feeds; the sender and mail server do not.
    *(
        Option(name, default, changes_output=name in ALERTS_SHOWN)
        for name, default in ALERT_DEFAULTS.items()
    ),
)
