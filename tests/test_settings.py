"""Settings declared once: one line per bad or unknown PRESS_* setting, all of them together."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from conftest import ROOT, build, snapshot
from press_build.inputs import shared_digest
from press_core.options import Option, output_neutral, unknown_names
from press_core.settings import SettingsError, declared_options, read_settings

import pelicanconf

PLUGINS = list(pelicanconf.PLUGINS)
# Pelican's own settings a read needs, and every PRESS_* setting of the sample site.
BASE = {
    **{key: value for key, value in vars(pelicanconf).items() if key.startswith("PRESS_")},
    "PLUGINS": PLUGINS,
    "DEFAULT_LANG": "en",
    "SITENAME": "PressClub",
    "PATH": str(ROOT / "content"),
}


def problems(**changes: Any) -> list[str]:
    """Return the lines a read of the sample settings with `changes` reports."""
    with pytest.raises(SettingsError) as error:
        read_settings({**BASE, **changes})
    return str(error.value).splitlines()


def test_the_sample_settings_are_parsed_once_into_values() -> None:
    press = read_settings(BASE)
    assert press.timezone == ZoneInfo("America/Toronto")
    assert press.extra["PRESS_MEDIA_QUALITY"] == 80  # press_media's own declaration
    assert press.workers is None and press.body_cache is True


BAD_VALUES = {
    "PRESS_TIMEZONE": (
        "Mars/Olympus",
        "PRESS_TIMEZONE: 'Mars/Olympus' is not a time zone; write one like 'America/Toronto'",
    ),
    "PRESS_LANGUAGES": (
        {"en": {"locale": "en_CA", "name": "English"}, "fr": {"locale": "xx_QQ", "name": "F"}},
        "PRESS_LANGUAGES: 'fr': locale: 'xx_QQ' is not a locale Babel knows; write one like 'fr_CA'",
    ),
    "PRESS_PAGE_SIZE": (
        "10",
        "PRESS_PAGE_SIZE: '10' is not a whole number above 0; write one like 10",
    ),
    "PRESS_WORKERS": (
        -2,
        "PRESS_WORKERS: -2 is not a whole number above 0; write one like 4, or None",
    ),
    "PRESS_BRAND": (
        {"accent": "blue"},
        "PRESS_BRAND: accent: expected a colour like '#1c69d4', found 'blue'",
    ),
    "PRESS_SECTIONS": (
        {"en": 3, "fr": {}},
        "PRESS_SECTIONS: {'en': 3, 'fr': {}} is not a mapping of mappings;"
        " write one like {'en': {'releases': 'releases', ...}}",
    ),
    "PRESS_RELEASE_TYPES": (
        "statement",
        "PRESS_RELEASE_TYPES: 'statement' is not a list of texts;"
        " write one like ('press-release', 'statement')",
    ),
    "PRESS_PREVIEW": ("yes", "PRESS_PREVIEW: 'yes' is not True or False; write True or False"),
    "PRESS_MEDIA_QUALITY": (
        0,
        "PRESS_MEDIA_QUALITY: 0 is not a quality from 1 to 100; write one like 80",
    ),
    "PRESS_ABSOLUTE_URL": (
        "localhost:8000",
        "PRESS_ABSOLUTE_URL: 'localhost:8000' is not an http(s) address;"
        " write one like 'https://example.com'",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_VALUES))
def test_a_bad_value_is_one_line(name: str) -> None:
    value, line = BAD_VALUES[name]
    assert problems(**{name: value}) == [line]


@pytest.mark.parametrize(
    ("value", "line"),
    [
        ({}, "PRESS_LANGUAGES: {} is not a mapping of languages;"
             " write one like {'en': {'locale': 'en_CA', 'name': 'English'}}"),
        ({"en": {"locale": "en_CA"}}, "PRESS_LANGUAGES: 'en': name: None is not a name;"
             " write the language's own, like 'Français'"),
        ({"en": "English"}, "PRESS_LANGUAGES: 'en': not a language;"
             " write it like 'fr': {'locale': 'fr_CA', 'name': 'Français'}"),
    ],
)  # fmt: skip
def test_every_kind_of_bad_language_list_is_one_line(value: Any, line: str) -> None:
    assert problems(PRESS_LANGUAGES=value) == [line]


@pytest.mark.parametrize(
    ("name", "suggested"),
    [
        ("PRESS_TIMEZOEN", "PRESS_TIMEZONE"),
        ("PRESS_PAGESIZE", "PRESS_PAGE_SIZE"),
        ("PRESS_LANGUAGE", "PRESS_LANGUAGES"),
        ("PRESS_MEDIA_QUALITEE", "PRESS_MEDIA_QUALITY"),  # a plugin's own option
        ("PRESS_MAX_TAG", "PRESS_MAX_TAGS"),
    ],
)
def test_a_misspelt_name_suggests_the_closest_known_one(name: str, suggested: str) -> None:
    assert problems(**{name: 1}) == [f"{name}: unknown setting; did you mean {suggested}?"]


def test_a_name_close_to_nothing_is_still_one_line() -> None:
    assert problems(PRESS_COLOUR_SCHEME="dark") == [
        "PRESS_COLOUR_SCHEME: unknown setting; remove it or check its spelling"
    ]


def test_the_build_keeps_nothing_in_the_settings_so_no_key_is_internal() -> None:
    # The run's objects travel on its press_build Build: these names are plain typos now.
    assert problems(PRESS_MEMO=1, PRESS_BUILD=1, PRESS_SEARCH_INDEXING=None) == [
        "PRESS_BUILD: unknown setting; remove it or check its spelling",
        "PRESS_MEMO: unknown setting; remove it or check its spelling",
        "PRESS_SEARCH_INDEXING: unknown setting; remove it or check its spelling",
    ]


def test_pelicans_own_settings_are_not_checked() -> None:
    read_settings({**BASE, "TIMEZOEN": "x", "MY_SETTING": 1})


def test_every_problem_is_reported_at_once_in_declaration_order() -> None:
    assert problems(
        PRESS_TIMEZONE="Europe/Atlantis",
        PRESS_FEED_LIMIT=0,
        PRESS_TIMEZOEN="UTC",
        PRESS_MEDIA_DIR="../elsewhere",
        PRESS_BRAND={"name": "", "accent": "#ffff00"},
    ) == [
        "PRESS_TIMEZONE: 'Europe/Atlantis' is not a time zone; write one like 'America/Toronto'",
        "PRESS_FEED_LIMIT: 0 is not a whole number above 0; write one like 50",
        "PRESS_MEDIA_DIR: '../elsewhere' is not a folder inside the output; write one like 'media'",
        "PRESS_TIMEZOEN: unknown setting; did you mean PRESS_TIMEZONE?",
        "PRESS_BRAND: name: expected a non-empty text, found ''",
        "PRESS_BRAND: accent: '#ffff00' is too light for links on white"
        " (contrast 1.1:1, at least 4.5:1 needed)",
    ]


def test_only_the_plugins_in_plugins_declare_options() -> None:
    without_media = [name for name in PLUGINS if name != "press_media"]
    lines = unknown_names({"PRESS_MEDIA_QUALITY": 60}, declared_options({"PLUGINS": without_media}))
    assert lines == ["PRESS_MEDIA_QUALITY: unknown setting; remove it or check its spelling"]


def test_whether_a_setting_changes_pages_comes_from_its_declaration() -> None:
    neutral = output_neutral(declared_options(BASE))
    assert {"PRESS_NOW", "PRESS_WORKERS", "PRESS_LOCK_WAIT", "PRESS_BODY_CACHE"} <= neutral
    assert "PRESS_TIMEZONE" not in neutral and "PRESS_MEDIA_QUALITY" not in neutral
    assert output_neutral([Option("PRESS_X", 1, changes_output=False)]) == {"PRESS_X"}


def test_the_input_digest_follows_declarations(tmp_path: Path) -> None:
    settings = {**BASE, "THEME": str(tmp_path), "ARTICLE_PATHS": [], "STATIC_PATHS": []}
    settings["PATH"] = str(tmp_path)
    digest = shared_digest(settings)
    assert shared_digest({**settings, "PRESS_WORKERS": 1, "PRESS_LOCK_WAIT": 5}) == digest
    assert shared_digest({**settings, "PRESS_PAGE_SIZE": 7}) != digest


def test_a_build_with_bad_settings_stops_with_one_line_each(site: Path) -> None:
    first = build(site)
    assert first.returncode == 0, first.stderr
    before = snapshot(site / "output")
    result = build(
        site,
        settings={"PRESS_TIMEZONE": "Nowhere/Land", "PRESS_TIMEZOEN": "UTC", "PRESS_WORKERS": 0},
    )
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "PRESS_TIMEZONE: 'Nowhere/Land' is not a time zone; write one like 'America/Toronto'",
        "PRESS_WORKERS: 0 is not a whole number above 0; write one like 4, or None",
        "PRESS_TIMEZOEN: unknown setting; did you mean PRESS_TIMEZONE?",
    ]
    assert snapshot(site / "output") == before
