"""A release that states its own time zone: its page shows that time first, listings the newsroom's."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import build, edit

GARAGE = "content/releases/2021/2021-garage-base.{}.md"
NBSP, NNBSP = "\u00a0", "\u202f"


def with_zone(site: Path, zone: str, date: str = "2021-05-21T09:00:00+02:00") -> None:
    """Give both languages of the garage release a time zone (and a date)."""
    for lang in ("en", "fr"):
        edit(site, GARAGE.format(lang), "dateline:", f"timezone: {zone}\ndateline:")
        edit(site, GARAGE.format(lang), "date: 2021-05-21T09:00:00+02:00", f"date: {date}")


def test_the_page_shows_the_release_zone_then_the_newsroom_zone(site: Path) -> None:
    with_zone(site, "Europe/Berlin")
    result = build(site)
    assert result.returncode == 0, result.stderr
    (en,) = result.output.rglob("en/**/startup-garage-opens-an-innovation-base-in-shanghai/")
    page = result.page(en.relative_to(result.output).as_posix() + "/")
    shown = page.select_one(".release-meta__date time")
    assert shown.get_text() == (
        f"May 21, 2021, 9:00{NNBSP}a.m.{NBSP}CEST (3:00{NNBSP}a.m.{NBSP}EDT)"
    )
    assert shown["datetime"] == "2021-05-21T09:00:00+02:00"
    assert (
        page.select_one(".release-meta__updated time")
        .get_text()
        .endswith(f"10:00{NNBSP}a.m.{NBSP}CEST (4:00{NNBSP}a.m.{NBSP}EDT)")
    )
    listed = [t["datetime"] for t in result.page("fr/").select("time")]
    assert "2021-05-21T03:00:00-04:00" in listed  # listings: the newsroom's zone
    assert not [moment for moment in listed if moment.endswith("+02:00")]


def test_the_newsroom_day_is_named_when_it_differs(site: Path) -> None:
    with_zone(site, "Asia/Tokyo", "2021-05-21T09:00:00+09:00")
    result = build(site)
    assert result.returncode == 0, result.stderr
    (fr,) = result.output.rglob("fr/**/le-startup-garage-ouvre-une-base-d-innovation-a-shanghai/")
    page = result.page(fr.relative_to(result.output).as_posix() + "/")
    assert page.select_one(".release-meta__date time").get_text() == (
        f"21 mai 2021, 9{NBSP}h{NBSP}00{NBSP}JST (20 mai 2021, 20{NBSP}h{NBSP}00{NBSP}HAE)"
    )


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("Mars/Olympus", '"Mars/Olympus" is not a time zone name; write one like Europe/Berlin'),
        ("../../etc/passwd", '"../../etc/passwd" is not a time zone name; write one like Europe/Berlin'),
        ("/etc/localtime", '"/etc/localtime" is not a time zone name; write one like Europe/Berlin'),
        ("europe/berlin", '"europe/berlin" is not a time zone name; write one like Europe/Berlin'),
        ('""', "must not be empty"),
        ("[Europe/Berlin]", "expected text, found a list"),
    ],
)  # fmt: skip
def test_an_unknown_zone_is_one_line(site: Path, value: str, message: str) -> None:
    edit(site, GARAGE.format("en"), "dateline:", f"timezone: {value}\ndateline:")
    result = build(site)
    assert result.returncode == 1
    assert result.problems() == [f"{GARAGE.format('en')}: timezone: {message}"]
    assert not result.output.exists()
