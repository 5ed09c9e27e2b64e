"""The newsroom calendar: a release's day, month and year in PRESS_TIMEZONE.

One rule for every place that files or shows a release by year or month (URL,
folder, archive, breadcrumb): the release's instant, seen on a wall clock in the
newsroom's time zone. `2021-01-01T01:00:00+02:00` is 2020-12-31 18:00 in Toronto,
so it belongs to December 2020 everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo


@dataclass(frozen=True, order=True)
class YearMonth:
    """The year and month a release is filed under."""

    year: int
    month: int

    @property
    def year_text(self) -> str:
        """Return the year as its URL and folder write it: `2021`."""
        return f"{self.year:04d}"

    @property
    def month_text(self) -> str:
        """Return the month as its URL writes it: `05`."""
        return f"{self.month:02d}"


def local_day(moment: datetime, timezone: ZoneInfo) -> date:
    """Return the day an instant falls on in the newsroom's time zone."""
    return moment.astimezone(timezone).date()


def year_month(moment: datetime, timezone: ZoneInfo) -> YearMonth:
    """Return the year and month a release dated `moment` is filed under."""
    day = local_day(moment, timezone)
    return YearMonth(day.year, day.month)
