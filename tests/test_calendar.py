"""One calendar: URL, folder, archive and breadcrumb file a release under the same month.

The rule (docs/CONTRACT-NOTES.md): a release's year and month are those of its
date on a wall clock in PRESS_TIMEZONE (America/Toronto in the fixture).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import Build, build, copy_site
from press_content.releases import folder_message
from press_core.calendar import YearMonth, year_month

ZONE = ZoneInfo("America/Toronto")

# (date as typed, year and month in Toronto, why the case matters)
CASES = [
    ("2021-01-01T01:00:00+02:00", (2020, 12), "east of Toronto: New Year already, not yet there"),
    ("2020-12-31T23:30:00-08:00", (2021, 1), "west of Toronto: still 2020 there, 2021 here"),
    ("2021-01-01T00:00:00-05:00", (2021, 1), "exactly midnight in Toronto starts the year"),
    ("2020-12-31T23:59:59-05:00", (2020, 12), "one second before midnight in Toronto"),
    ("2021-01-01T04:59:59+00:00", (2020, 12), "UTC is already in the new year"),
    ("2021-03-31T23:30:00-05:00", (2021, 4), "winter offset after spring forward: 00:30 EDT"),
    ("2021-12-01T00:30:00-04:00", (2021, 11), "summer offset after fall back: 23:30 EST"),
    ("2021-03-14T02:30:00-05:00", (2021, 3), "the hour skipped when clocks spring forward"),
    ("2021-11-07T01:30:00-04:00", (2021, 11), "the hour repeated when clocks fall back"),
    ("2021-11-07T01:30:00-05:00", (2021, 11), "the same wall time, second pass"),
]


@pytest.mark.parametrize(("typed", "expected", "why"), CASES)
def test_year_and_month_are_those_of_toronto(typed: str, expected: tuple, why: str) -> None:
    assert year_month(datetime.fromisoformat(typed), ZONE) == YearMonth(*expected), why


def test_year_and_month_are_written_with_leading_zeros() -> None:
    filed = year_month(datetime.fromisoformat("0999-02-03T12:00:00+00:00"), ZoneInfo("UTC"))
    assert (filed.year_text, filed.month_text) == ("0999", "02")


def test_folder_message_names_the_local_day_only_when_the_offset_moved_the_year() -> None:
    moved = datetime.fromisoformat("2021-01-01T01:00:00+02:00")
    assert folder_message(moved, ZONE, "2021") == (
        "the year 2020 does not match the folder releases/2021/"
        " (2021-01-01T01:00:00+02:00 is 2020-12-31 in America/Toronto)"
    )
    plain = datetime.fromisoformat("2021-05-21T09:00:00+02:00")
    assert folder_message(plain, ZONE, "2020") == (
        "the year 2021 does not match the folder releases/2020/"
    )


# --- The whole build agrees ----------------------------------------------------------

# (key, date as typed, folder, year, month, month heading on the archive page)
BOUNDARY = [
    ("2020-new-year-east", "2021-01-01T01:00:00+02:00", "2020", "2020", "12", "December 2020"),
    ("2021-new-year-west", "2020-12-31T23:30:00-08:00", "2021", "2021", "01", "January 2021"),
    ("2021-spring-offset", "2021-03-31T23:30:00-05:00", "2021", "2021", "04", "April 2021"),
    ("2021-fall-offset", "2021-12-01T00:30:00-04:00", "2021", "2021", "11", "November 2021"),
    ("2021-fall-back-hour", "2021-11-07T01:30:00-05:00", "2021", "2021", "11", "November 2021"),
]


def write_release(site: Path, key: str, date: str, folder: str) -> None:
    """Add a minimal English release to the fixture site."""
    path = site / "content" / "releases" / folder / f"{key}.en.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f"---\nkey: {key}\nlang: en\ntitle: Release {key}\nslug: {key}\ndate: {date}\n"
        "type: statement\nsummary: A release on a calendar boundary.\n"
        "contacts: [marc-belcourt]\n---\nBody.\n",
        encoding="utf-8",
    )


@pytest.fixture(scope="module")
def boundary(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The fixture site with releases dated on midnight, New Year and DST boundaries."""
    site = copy_site(tmp_path_factory.mktemp("calendar"))
    for key, date, folder, *_ in BOUNDARY:
        write_release(site, key, date, folder)
    result = build(site)
    assert result.returncode == 0, result.stderr
    return result


@pytest.mark.parametrize(("key", "date", "folder", "year", "month", "heading"), BOUNDARY)
def test_url_archive_and_breadcrumb_agree(
    boundary: Build, key: str, date: str, folder: str, year: str, month: str, heading: str
) -> None:
    url = f"en/releases/{year}/{month}/{key}/"
    page = boundary.page(url)
    crumb = page.select(".breadcrumbs li a")[1]
    archive_url = f"../../../../../en/archive/{year}/"
    assert (crumb.get_text(strip=True), crumb["href"]) == (f"Archive {year}", archive_url)
    archive = boundary.page(f"en/archive/{year}/")
    months = {
        section.h2.get_text(strip=True): [a["href"] for a in section.select("a")]
        for section in archive.select("section.listing-month")
    }
    assert any(href.endswith(f"/{year}/{month}/{key}/") for href in months[heading]), months
    elsewhere = [name for name, hrefs in months.items() if name != heading and key in str(hrefs)]
    assert elsewhere == []


def test_folder_rule_uses_the_same_year(site: Path) -> None:
    write_release(site, "2021-new-year-east", "2021-01-01T01:00:00+02:00", "2021")
    write_release(site, "2020-new-year-west", "2020-12-31T23:30:00-08:00", "2020")
    result = build(site)
    assert result.returncode == 1
    assert result.problems() == [
        "content/releases/2020/2020-new-year-west.en.md: date: the year 2021 does not match"
        " the folder releases/2020/ (2020-12-31T23:30:00-08:00 is 2021-01-01 in America/Toronto)",
        "content/releases/2021/2021-new-year-east.en.md: date: the year 2020 does not match"
        " the folder releases/2021/ (2021-01-01T01:00:00+02:00 is 2020-12-31 in America/Toronto)",
    ]
    assert not result.output.exists()
