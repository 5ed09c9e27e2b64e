"""A press kit ZIP whose bytes depend only on its contents and date: order and modes fixed."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ZipTime = tuple[int, int, int, int, int, int]
UTC_ZONE = ZoneInfo("UTC")
EARLIEST: ZipTime = (1980, 1, 1, 0, 0, 0)  # the earliest time a ZIP entry can carry
STORED_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".zip", ".docx", ".xlsx", ".pptx")


@dataclass(frozen=True)
class KitExtras:
    """What a kit holds beyond the release's own files, made by the build's other parts."""

    pdfs: dict[str, Path] = field(default_factory=dict)  # release source path -> its PDF
    calendar: Callable[[Any], bytes | None] = lambda article: None  # an invitation's .ics
    boilerplates: dict[str, str] = field(default_factory=dict)  # language -> rendered HTML
    ngettext: Callable[[str, str, str, int], str] = lambda lang, one, many, n: (
        one if n == 1 else many
    )
    zone: ZoneInfo = UTC_ZONE  # the newsroom's: ZIP times carry no zone


def zip_time(meta: Any, zone: ZoneInfo) -> ZipTime:
    """Return the release's last update in the newsroom's zone, as a ZIP entry time."""
    moment: datetime = (meta.updated or meta.date).astimezone(zone)
    stamp = (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)
    return max(stamp, EARLIEST)


def press_kit(entries: list[tuple[str, bytes]], when: ZipTime = EARLIEST) -> bytes:
    """Return a ZIP of (name, data) entries in the given order, the same bytes on every run."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=when)
            info.create_system = 3  # Unix, so the permission bits below are read
            info.external_attr = 0o100644 << 16  # a regular file, rw-r--r--
            packed = name.lower().endswith(STORED_SUFFIXES)  # already compressed
            info.compress_type = zipfile.ZIP_STORED if packed else zipfile.ZIP_DEFLATED
            archive.writestr(info, data, compresslevel=9 if not packed else None)
    return buffer.getvalue()


def unique_names(names: list[str]) -> list[str]:
    """Make file names unique inside one folder of the kit: photo.jpg, photo-2.jpg, ..."""
    seen: dict[str, int] = {}
    result = []
    for name in names:
        stem, dot, suffix = name.rpartition(".")
        if not dot:
            stem, suffix = name, ""
        count = seen.get(name, 0) + 1
        seen[name] = count
        result.append(name if count == 1 else f"{stem}-{count}{dot}{suffix}")
    return result
