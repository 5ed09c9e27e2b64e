"""Releases as a whole: file-name rules, URLs, duplicates, related links, embargo."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from press_core import urls
from press_core.calendar import YearMonth, local_day, year_month
from press_core.errors import Problem
from press_core.settings import PressSettings
from press_core.urls import slugify

from .schema import RelatedLink, RelatedRelease, ReleaseMeta

FILE_NAME = re.compile(r"(?P<year>[^/]+)/(?P<key>[^/]+)\.(?P<lang>[^/.]+)\.md")


@dataclass(frozen=True)
class Release:
    """A validated release with the values the build derives from it."""

    path: str
    meta: ReleaseMeta
    slug: str
    url: str
    filed: YearMonth  # year and month in the newsroom's time zone (calendar.year_month)

    @property
    def save_as(self) -> str:
        """Return the output file of the release page."""
        return urls.save_as(self.url)

    def is_due(self, now: datetime) -> bool:
        """Tell whether the release may be published at `now` (the one rule: `due_at`)."""
        return self.meta.status == "published" and now >= due_at(self.meta)


# When a release is due: the build, the preview banner, the schedule, the watcher and the
# manifest's expiry all ask these two functions, never the fields themselves.
def due_at(meta: ReleaseMeta) -> datetime:
    """Return the instant a release may appear: its date, or its embargo when that is later."""
    return max(meta.date, meta.embargo or meta.date)


def decided_by(meta: ReleaseMeta) -> str:
    """Name what sets that instant: "embargo" (also when it equals the date) or "date"."""
    return "embargo" if meta.embargo is not None and meta.embargo >= meta.date else "date"


@dataclass(frozen=True)
class Link:
    """A related link, ready for a page or a feed."""

    title: str
    url: str
    internal: bool
    lang: str | None = None

    def in_other_language(self, lang: str) -> bool:
        """Tell whether an internal link leads to the other language."""
        return self.internal and self.lang != lang


def build_release(settings: PressSettings, path: str, meta: ReleaseMeta) -> Release:
    """Derive slug, year and month, and URL from validated front matter."""
    slug = meta.slug or slugify(meta.title)
    filed = year_month(meta.date, settings.timezone)
    return Release(path, meta, slug, urls.release_url(settings, meta.lang, filed, slug), filed)


def file_name_problems(
    path: str, relative: str, meta: ReleaseMeta, timezone: ZoneInfo
) -> list[Problem]:
    """Check that releases/<YYYY>/<key>.<lang>.md agrees with the front matter."""
    match = FILE_NAME.fullmatch(relative)
    if not match:
        return [Problem(path, "file name", "must be releases/<YYYY>/<key>.<lang>.md")]
    problems = []
    if match["key"] != meta.key:
        problems.append(
            Problem(
                path,
                "key",
                f'"{meta.key}" does not match the file name, which says "{match["key"]}"',
            )
        )
    if match["lang"] != meta.lang:
        problems.append(
            Problem(
                path,
                "lang",
                f'"{meta.lang}" does not match the file name, which ends in .{match["lang"]}.md',
            )
        )
    filed = year_month(meta.date, timezone)
    if match["year"] != filed.year_text:
        problems.append(Problem(path, "date", folder_message(meta.date, timezone, match["year"])))
    return problems


def folder_message(moment: datetime, timezone: ZoneInfo, folder: str) -> str:
    """Explain a year/folder mismatch; name the local day when the offset moved the year."""
    local = local_day(moment, timezone)
    message = f"the year {local.year:04d} does not match the folder releases/{folder}/"
    if local.year != moment.year:
        message += f" ({moment.isoformat()} is {local.isoformat()} in {timezone})"
    return message


def catalog_problems(
    releases: Iterable[Release], langs: dict[str, str], suspect: set[str] = frozenset()
) -> list[Problem]:
    """Find problems between files: same key and language, same URL, unknown related keys.

    Files in `suspect` already have problems of their own (a wrong lang, say); they
    count for related keys but not for duplicates, which would only echo their mistake.
    """
    releases = sorted(releases, key=lambda r: r.path)
    problems: list[Problem] = []
    by_pair: dict[tuple[str, str], Release] = {}
    by_url: dict[str, Release] = {}
    for release in (r for r in releases if r.path not in suspect):
        pair = (release.meta.key, release.meta.lang)
        if pair in by_pair:
            other = by_pair[pair].path
            problems.append(
                Problem(
                    release.path,
                    "key",
                    f'"{pair[0]}" in {langs[pair[1]]} is also in {other}; give one of them another key',
                )
            )
        elif release.url in by_url:
            other = by_url[release.url].path
            problems.append(
                Problem(
                    release.path,
                    "slug",
                    f"gives the URL /{release.url}, which {other} also gives; choose another slug",
                )
            )
        by_pair.setdefault(pair, release)
        by_url.setdefault(release.url, release)
    keys = {release.meta.key for release in releases}
    for release in releases:
        for index, entry in enumerate(release.meta.related):
            if isinstance(entry, RelatedRelease) and entry.key not in keys:
                problems.append(
                    Problem(
                        release.path,
                        f"related[{index}].key",
                        f'no release has the key "{entry.key}"',
                    )
                )
    return problems


def resolve_related(
    release: Release, visible: dict[tuple[str, str], Release], langs: Iterable[str]
) -> list[Link]:
    """Resolve related entries: same language when it exists, else another; external as given."""
    links = []
    for entry in release.meta.related:
        if isinstance(entry, RelatedLink):
            links.append(Link(entry.title, entry.url, internal=False))
            continue
        order = [release.meta.lang, *(lang for lang in langs if lang != release.meta.lang)]
        target = next(
            (visible[(entry.key, lang)] for lang in order if (entry.key, lang) in visible), None
        )
        if target is not None:
            links.append(Link(target.meta.title, target.url, internal=True, lang=target.meta.lang))
    return links
