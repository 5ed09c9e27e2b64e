"""What is due when: the instants at which published releases appear, and events end."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from press_content.releases import decided_by, due_at


@dataclass(frozen=True)
class Due:
    """One language version of a release that appears at an instant."""

    key: str
    lang: str
    title: str
    path: str
    reason: str  # "embargo", "date", or "event end" (its invitation then says it is over)


@dataclass(frozen=True)
class Change:
    """An instant at which the published site changes, with what appears then."""

    instant: datetime
    releases: tuple[Due, ...]

    def summary(self) -> str:
        """Return the releases concerned, as `key (en, fr); key (fr)`."""
        langs: dict[str, list[str]] = {}
        for due in self.releases:
            langs.setdefault(due.key, []).append(due.lang)
        return "; ".join(f"{key} ({', '.join(found)})" for key, found in langs.items())


def coming_changes(releases: Iterable, now: datetime) -> list[Change]:
    """Group what changes after `now` by instant: releases that appear, events that end."""
    found: dict[datetime, list[Due]] = {}
    for release in releases:
        meta = release.meta
        if meta.status != "published":
            continue
        if not release.is_due(now):
            due = Due(meta.key, meta.lang, meta.title, release.path, decided_by(meta))
            found.setdefault(due_at(meta).astimezone(UTC), []).append(due)
        if meta.event is not None and meta.event.end > now:
            ended = Due(meta.key, meta.lang, meta.title, release.path, "event end")
            found.setdefault(meta.event.end.astimezone(UTC), []).append(ended)
    return [
        Change(instant, tuple(sorted(dues, key=lambda d: (d.key, d.lang))))
        for instant, dues in sorted(found.items())
    ]


def when(instant: datetime, timezone: ZoneInfo) -> str:
    """Return an instant in newsroom time and in UTC, to the second."""
    local = instant.astimezone(timezone)
    utc = instant.astimezone(UTC)
    return f"{local:%Y-%m-%d %H:%M:%S %Z} ({utc:%Y-%m-%d %H:%M:%S} UTC)"


def schedule_lines(changes: list[Change], timezone: ZoneInfo) -> list[str]:
    """Return the schedule as staff read it: one block per instant, one line per version."""
    lines = []
    for change in changes:
        lines.append(when(change.instant, timezone))
        for due in change.releases:
            lines.append(f"  {due.key} [{due.lang}] {due.reason}: {due.title} ({due.path})")
    return lines
