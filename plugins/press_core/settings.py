"""PressClub settings: declared once (OPTIONS), parsed once into a frozen dataclass."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any
from zoneinfo import ZoneInfo

from .brand import Brand, read_brand
from .core_options import OPTIONS, RELEASE_TYPES, SECTIONS, moment
from .errors import PressError
from .limits import LIMITS
from .options import Option, OptionError, parse_options, plugin_options, unknown_names

__all__ = ["OPTIONS", "RELEASE_TYPES", "SECTIONS", "PressSettings", "SettingsError"]
NEUTRAL = {"neutral": True}  # field metadata: a value that never changes a page (page keys)


class SettingsError(PressError):
    """A setting has a value the build cannot use."""


@dataclass(frozen=True)
class PressSettings:
    """The PressClub part of Pelican's settings, validated."""

    languages: Mapping[str, Mapping[str, str]]
    default_lang: str
    timezone: ZoneInfo  # a zone name given here (tests) becomes its zone
    sections: Mapping[str, Mapping[str, str]]
    topics: Mapping[str, Mapping[str, str]]
    release_types: tuple[str, ...]
    releases_dir: str
    contacts_file: str
    boilerplate_dir: str
    preview: bool
    feed_limit: int
    page_size: int
    now: datetime = field(metadata=NEUTRAL)  # pages see it through what is due, keyed apart
    absolute_url: str = "http://localhost:8000"
    site_name: str = "PressClub"
    limits: Mapping[str, int] = field(default_factory=dict)  # limits.LIMITS name -> most
    lock_wait: float = field(default=120.0, metadata=NEUTRAL)
    brand: Brand = field(default_factory=lambda: Brand("PressClub"))
    workers: int | None = field(default=None, metadata=NEUTRAL)  # None: every core
    body_cache: bool = field(default=True, metadata=NEUTRAL)
    extra: Mapping[str, Any] = field(default_factory=dict)  # the plugins' options, parsed

    def __post_init__(self) -> None:
        if isinstance(self.timezone, str):
            object.__setattr__(self, "timezone", ZoneInfo(self.timezone))

    @property
    def langs(self) -> tuple[str, ...]:
        """Return the configured language codes, default language first."""
        others = sorted(lang for lang in self.languages if lang != self.default_lang)
        return (self.default_lang, *others)

    def section(self, lang: str, name: str) -> str:
        """Return the URL segment of a section in a language."""
        return self.sections[lang][name]

    def topic_label(self, topic: str, lang: str) -> str:
        """Return the label of a topic id in a language."""
        return self.topics[topic][lang]

    def locale(self, lang: str) -> str:
        """Return the Babel locale of a language."""
        return self.languages[lang]["locale"]


def parse_now(value: str | None) -> datetime:
    """Return the build's notion of now: PRESS_NOW when given, else the clock."""
    try:
        return moment(value) or datetime.now(UTC)
    except OptionError as error:
        raise SettingsError(f"PRESS_NOW: {error}") from None


def absolute_site_url(settings: Mapping[str, Any], fallback: str) -> str:
    """Return the site's absolute URL: SITEURL when absolute, else the preview server's."""
    site_url = str(settings.get("SITEURL") or "")
    return (site_url if site_url.startswith(("http://", "https://")) else fallback).rstrip("/")


def _frozen(mapping: Mapping[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType(
        {k: _frozen(v) if isinstance(v, Mapping) else v for k, v in mapping.items()}
    )


def language_gaps(value: Mapping[str, Any]) -> list[str]:
    """Name each language a per-language setting leaves out: one line per gap."""
    langs = list(value["PRESS_LANGUAGES"])
    sections, topics = value["PRESS_SECTIONS"], value["PRESS_TOPICS"]
    gaps = [
        f"PRESS_SECTIONS: no entry for language {lang!r}" for lang in langs if lang not in sections
    ]
    gaps += [
        f"PRESS_SECTIONS[{lang!r}]: no URL segment for {name!r}"
        for lang in langs
        if lang in sections
        for name in SECTIONS
        if name not in sections[lang]
    ]
    gaps += [
        f"PRESS_TOPICS[{topic!r}]: no label in language {lang!r}"
        for topic, labels in topics.items()
        for lang in langs
        if lang not in labels
    ]
    return gaps


def declared_options(settings: Mapping[str, Any]) -> tuple[Option, ...]:
    """Return every option of this build: press_core's, then those of the plugins in PLUGINS."""
    return OPTIONS + plugin_options(settings.get("PLUGINS") or ())


def option_values(settings: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Return every declared option's parsed value, and one line per bad or unknown setting."""
    declared = declared_options(settings)
    value, problems = parse_options(settings, declared)
    environment = os.environ.get("PRESS_NOW")
    if environment:  # the environment's PRESS_NOW wins over the settings' (publish, tests)
        value.pop("PRESS_NOW", None)
        try:
            value["PRESS_NOW"] = moment(environment)
        except OptionError as error:
            problems.append(f"PRESS_NOW: {error}")
    return value, problems + unknown_names(settings, declared)


def cross_problems(value: Mapping[str, Any], settings: Mapping[str, Any]) -> list[str]:
    """Return one line per gap between settings that are each well-formed on their own."""
    parsed = {"PRESS_LANGUAGES", "PRESS_SECTIONS", "PRESS_TOPICS"} <= value.keys()
    if not parsed:
        return []
    default_lang = settings.get("DEFAULT_LANG", "en")
    problems = [] if default_lang in value["PRESS_LANGUAGES"] else [
        f"DEFAULT_LANG: {default_lang!r} is not in PRESS_LANGUAGES"
    ]  # fmt: skip
    return problems + language_gaps(value)


def read_settings(settings: Mapping[str, Any]) -> PressSettings:
    """Parse PressClub settings from Pelican's; every problem at once in one SettingsError."""
    value, problems = option_values(settings)
    problems += cross_problems(value, settings)
    site_name = settings.get("SITENAME", "PressClub")
    content = Path(settings.get("PATH") or "content")
    brand, gaps = read_brand(value.get("PRESS_BRAND"), site_name, content)
    if problems or gaps or brand is None:
        raise SettingsError("\n".join(problems + gaps))
    core = {option.name for option in OPTIONS}
    return PressSettings(
        languages=_frozen(value["PRESS_LANGUAGES"]),
        default_lang=settings.get("DEFAULT_LANG", "en"),
        timezone=value["PRESS_TIMEZONE"],
        sections=_frozen(value["PRESS_SECTIONS"]),
        topics=_frozen(value["PRESS_TOPICS"]),
        release_types=value["PRESS_RELEASE_TYPES"],
        releases_dir=value["PRESS_RELEASES_DIR"],
        contacts_file=value["PRESS_CONTACTS_FILE"],
        boilerplate_dir=value["PRESS_BOILERPLATE_DIR"],
        preview=value["PRESS_PREVIEW"],
        feed_limit=value["PRESS_FEED_LIMIT"],
        page_size=value["PRESS_PAGE_SIZE"],
        now=value["PRESS_NOW"] or datetime.now(UTC),
        absolute_url=absolute_site_url(settings, value["PRESS_ABSOLUTE_URL"]),
        site_name=site_name,
        limits=MappingProxyType({name: value[key] for name, (key, _) in LIMITS.items()}),
        lock_wait=value["PRESS_LOCK_WAIT"],
        brand=brand,
        workers=value["PRESS_WORKERS"],
        body_cache=value["PRESS_BODY_CACHE"],
        extra=_frozen({k: v for k, v in value.items() if k not in core}),
    )
