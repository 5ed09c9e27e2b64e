"""PressClub settings: defaults in one place, read once into a frozen dataclass."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .brand import Brand, read_brand
from .errors import PressError
from .limits import LIMITS

SECTIONS = ("releases", "topics", "tags", "archive", "contacts", "feeds")
RELEASE_TYPES = ("press-release", "fact-sheet", "speech", "invitation", "statement")

DEFAULTS: dict[str, Any] = {
    "PRESS_LANGUAGES": {"en": {"locale": "en_CA", "name": "English"}},
    "PRESS_TIMEZONE": "UTC",
    "PRESS_SECTIONS": {"en": {name: name for name in SECTIONS}},
    "PRESS_TOPICS": {},
    "PRESS_RELEASE_TYPES": RELEASE_TYPES,
    "PRESS_RELEASES_DIR": "releases",
    "PRESS_CONTACTS_FILE": "contacts.yml",
    "PRESS_BOILERPLATE_DIR": "boilerplates",
    "PRESS_PREVIEW": False,
    "PRESS_FEED_LIMIT": 50,
    "PRESS_PAGE_SIZE": 10,
    "PRESS_NOW": None,
    "PRESS_ABSOLUTE_URL": "http://localhost:8000",
    "PRESS_WORKERS": None,  # processes that render bodies ahead of reading; None: every core
    "PRESS_BODY_CACHE": True,  # keep rendered bodies and front matter parses in CACHE_PATH
    # Limits per release (limits.LIMITS): bounded build cost, short file names.
    **{setting: default for setting, default in LIMITS.values()},
    "PRESS_LOCK_WAIT": 120,  # seconds a build waits for another build of the same output
    "PRESS_BRAND": None,  # name, logo (SVG of content/), accent colour: brand.read_brand
    "PRESS_LIST_UNUSED": False,  # print each file no published page uses (./dev check sets it)
}


class SettingsError(PressError):
    """A setting has a value the build cannot use."""


@dataclass(frozen=True)
class PressSettings:
    """The PressClub part of Pelican's settings, validated."""

    languages: Mapping[str, Mapping[str, str]]
    default_lang: str
    timezone: str
    sections: Mapping[str, Mapping[str, str]]
    topics: Mapping[str, Mapping[str, str]]
    release_types: tuple[str, ...]
    releases_dir: str
    contacts_file: str
    boilerplate_dir: str
    preview: bool
    feed_limit: int
    page_size: int
    now: datetime
    absolute_url: str = "http://localhost:8000"
    site_name: str = "PressClub"
    limits: Mapping[str, int] = field(default_factory=dict)  # limits.LIMITS name -> most
    lock_wait: float = 120.0
    brand: Brand = field(default_factory=lambda: Brand("PressClub"))
    extra: Mapping[str, Any] = field(default_factory=dict)

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
    if not value:
        return datetime.now(UTC)
    try:
        now = datetime.fromisoformat(value)
    except ValueError:
        raise SettingsError(
            f"PRESS_NOW: {value!r} is not an ISO 8601 date and time;"
            " write it like 2021-05-21T09:00:00+02:00"
        ) from None
    if now.tzinfo is None:
        raise SettingsError(
            f"PRESS_NOW: {value!r} has no UTC offset; write it like 2021-05-21T09:00:00+02:00"
        )
    return now


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


def number_gaps(value: Mapping[str, Any]) -> list[str]:
    """Name each count or wait setting that is not a number it can be: one line each."""
    counts = ["PRESS_FEED_LIMIT", "PRESS_PAGE_SIZE", *(key for key, _ in LIMITS.values())]
    gaps = [
        f"{key}: {value[key]!r} is not a whole number above 0; write one like {DEFAULTS[key]}"
        for key in counts
        if isinstance(value[key], bool) or not isinstance(value[key], int) or value[key] < 1
    ]
    wait = value["PRESS_LOCK_WAIT"]
    if isinstance(wait, bool) or not isinstance(wait, int | float) or wait < 0:
        gaps.append(f"PRESS_LOCK_WAIT: {wait!r} is not a number of seconds; write one like 120")
    return gaps


def read_settings(settings: Mapping[str, Any]) -> PressSettings:
    """Read PressClub settings from Pelican's settings, defaults filled in."""
    value = {**DEFAULTS, **{k: v for k, v in settings.items() if k in DEFAULTS}}
    default_lang = settings.get("DEFAULT_LANG", "en")
    if default_lang not in value["PRESS_LANGUAGES"]:
        raise SettingsError(f"DEFAULT_LANG: {default_lang!r} is not in PRESS_LANGUAGES")
    site_name = settings.get("SITENAME", "PressClub")
    content = Path(settings.get("PATH") or "content")
    brand, gaps = read_brand(value["PRESS_BRAND"], site_name, content)
    gaps = language_gaps(value) + number_gaps(value) + gaps
    if gaps or brand is None:
        raise SettingsError("\n".join(gaps))
    now_text = os.environ.get("PRESS_NOW") or value["PRESS_NOW"]
    return PressSettings(
        languages=_frozen(value["PRESS_LANGUAGES"]),
        default_lang=default_lang,
        timezone=value["PRESS_TIMEZONE"],
        sections=_frozen(value["PRESS_SECTIONS"]),
        topics=_frozen(value["PRESS_TOPICS"]),
        release_types=tuple(value["PRESS_RELEASE_TYPES"]),
        releases_dir=value["PRESS_RELEASES_DIR"],
        contacts_file=value["PRESS_CONTACTS_FILE"],
        boilerplate_dir=value["PRESS_BOILERPLATE_DIR"],
        preview=bool(value["PRESS_PREVIEW"]),
        feed_limit=int(value["PRESS_FEED_LIMIT"]),
        page_size=int(value["PRESS_PAGE_SIZE"]),
        now=parse_now(now_text),
        absolute_url=absolute_site_url(settings, value["PRESS_ABSOLUTE_URL"]),
        site_name=site_name,
        limits=MappingProxyType({name: int(value[key]) for name, (key, _) in LIMITS.items()}),
        lock_wait=float(value["PRESS_LOCK_WAIT"]),
        brand=brand,
    )
