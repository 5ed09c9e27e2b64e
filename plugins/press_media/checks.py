"""Check the media files a release lists: present, readable, allowed, small enough, no GPS."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from PIL import Image, UnidentifiedImageError
from press_core.errors import Problem

from .settings import MediaSettings

GPS_IFD = 0x8825  # EXIF tag of the GPS information block


@dataclass(frozen=True)
class ImageFacts:
    """What the build needs to know about an original image."""

    width: int
    height: int
    format: str
    gps: bool


def image_facts(path: Path) -> ImageFacts | None:
    """Read an image's size, format and whether its EXIF holds a GPS position.

    Checks and the planner both ask, and a live preview asks on every build: the answer
    is remembered, in memory only, while the file keeps its size, time and inode.
    """
    try:
        found = path.stat()
    except OSError:
        return None
    return _facts(path, found.st_size, found.st_mtime_ns, found.st_ino)


@lru_cache(maxsize=8192)
def _facts(path: Path, size: int, mtime_ns: int, inode: int) -> ImageFacts | None:
    """Read an image's facts; the other arguments only make the memory forget a changed file."""
    try:
        with Image.open(path) as image:
            gps = bool(image.getexif().get_ifd(GPS_IFD))
            facts = ImageFacts(image.width, image.height, image.format or "", gps)
            # Decode, so a truncated file is found here; a JPEG at 1/8 scale, which is quick.
            image.draft("RGB", (max(1, image.width // 8), max(1, image.height // 8)))
            image.load()
            return facts
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return None


def megabytes(size: int) -> str:
    """Write a byte count in megabytes for a message."""
    return f"{size / 1_000_000:.1f} MB"


def file_problem(path: Path, src: str, limit: int) -> str | None:
    """Name what is wrong with a listed file's presence or size, if anything."""
    if not path.is_file():
        return f'"{src}" does not exist in content/'
    size = path.stat().st_size
    if size > limit:
        return f'"{src}" is {megabytes(size)}; the limit is {megabytes(limit)}'
    return None


def image_problems(shown: str, field: str, entry: Any, content: Path, s: MediaSettings) -> list:
    """Check one listed image."""
    path = content / entry.src
    message = file_problem(path, entry.src, s.max_bytes)
    if message:
        return [Problem(shown, f"{field}.src", message)]
    facts = image_facts(path)
    if facts is None:
        message = f'"{entry.src}" is not an image Pillow can read (JPEG, PNG, WebP, ...)'
        return [Problem(shown, f"{field}.src", message)]
    if facts.gps and not entry.gps_ok:
        message = (
            f'"{entry.src}" holds a GPS position in its EXIF data; remove it, or add'
            " gps_ok: true to this image if the place may be published"
        )
        return [Problem(shown, f"{field}.src", message)]
    return []


def attachment_problems(
    shown: str, field: str, entry: Any, content: Path, s: MediaSettings
) -> list:
    """Check one listed attachment."""
    kind = Path(entry.src).suffix.lower().lstrip(".")
    if kind not in s.types:
        allowed = ", ".join(s.types)
        message = f'"{entry.src}" is a .{kind} file; attachments may be {allowed}'
        return [Problem(shown, f"{field}.src", message)]
    message = file_problem(content / entry.src, entry.src, s.max_bytes)
    return [Problem(shown, f"{field}.src", message)] if message else []


def media_problems(shown: str, meta: Any, content: Path, settings: MediaSettings) -> list[Problem]:
    """Check every image and attachment one language version lists."""
    problems = []
    if meta.image is not None and (content / meta.image.src).is_file():  # press_content: missing
        problems += image_problems(shown, "image", meta.image, content, settings)
    for index, photo in enumerate(meta.images):
        problems += image_problems(shown, f"images[{index}]", photo, content, settings)
    for index, item in enumerate(meta.attachments):
        problems += attachment_problems(shown, f"attachments[{index}]", item, content, settings)
    return problems
