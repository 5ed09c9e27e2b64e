"""A press kit ZIP whose bytes depend only on its contents: fixed times, order and modes."""

from __future__ import annotations

import io
import zipfile

FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a ZIP entry can carry
STORED_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".zip", ".docx", ".xlsx", ".pptx")


def press_kit(entries: list[tuple[str, bytes]]) -> bytes:
    """Return a ZIP of (name, data) entries in the given order, the same bytes on every run."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
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
