"""Check media files: present, readable, allowed, small enough, no place they were taken.

Every image the site publishes goes through `image_facts` and `image_message`, whatever
the route (front matter, a body, a contact photo, a plain static file): one rule for all.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from PIL import Image, IptcImagePlugin, UnidentifiedImageError
from press_core.errors import Problem

from .settings import MediaSettings

GPS_IFD = 0x8825  # EXIF tag of the GPS information block
# IPTC IIM datasets that say where: content location, sublocation, city, state, country.
IPTC_PLACES = {(2, 26), (2, 27), (2, 90), (2, 92), (2, 95), (2, 100), (2, 101)}
XMP_PLACES = re.compile(
    rb"GPS(?:Latitude|Longitude|Altitude|DestLatitude|DestLongitude)|Location(?:Created|Shown)"
    rb"|Iptc4xmpCore:(?:Location|CountryCode)|photoshop:(?:City|State|Country)",
    re.IGNORECASE,
)
LISTED_REMEDY = "remove it, or add gps_ok: true to this image if the place may be published"
UNREADABLE = "is not an image Pillow can read (JPEG, PNG, WebP, ...)"
TOO_LARGE = -1  # pixels of an image Pillow itself refuses to open (a decompression bomb)


@dataclass(frozen=True)
class ImageFacts:
    """What the build needs to know about an original image."""

    width: int
    height: int
    format: str
    gps: bool  # kept for the planner: an EXIF GPS block (derivatives never carry it)
    place: str | None = None  # where the file says where it was taken, if it does
    decodes: bool = True  # False: its header reads, but its pixels do not (a truncated file)

    @property
    def pixels(self) -> int:
        """Return the pixel count, or TOO_LARGE when Pillow would not even open the file."""
        return self.width * self.height if self.width >= 0 else TOO_LARGE


def place_of(image: Image.Image) -> str | None:
    """Say where an image's metadata records a place: EXIF GPS, XMP or IPTC location."""
    if image.getexif().get_ifd(GPS_IFD):
        return "a GPS position in its EXIF data"
    xmp = image.info.get("xmp") or image.info.get("XML:com.adobe.xmp") or b""
    if XMP_PLACES.search(xmp.encode() if isinstance(xmp, str) else xmp):
        return "a location in its XMP data"
    if IPTC_PLACES & set(IptcImagePlugin.getiptcinfo(image) or {}):
        return "a location in its IPTC data"
    return None


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
        with warnings.catch_warnings():
            # Pillow warns from 89 megapixels; the checks give the one line instead.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            return _open_facts(path)
    except Image.DecompressionBombError:
        return ImageFacts(TOO_LARGE, TOO_LARGE, "", False)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return None


def _open_facts(path: Path) -> ImageFacts:
    """Open an image, read its facts, and decode it unless it is too large for that."""
    with Image.open(path) as image:
        facts = ImageFacts(image.width, image.height, image.format or "", False)
        try:  # a PNG's EXIF may follow its pixels: reading it decodes them
            gps = bool(image.getexif().get_ifd(GPS_IFD))
            facts = replace(facts, gps=gps, place=place_of(image))
            if facts.pixels <= Image.MAX_IMAGE_PIXELS:  # larger: refused by the checks
                # Decode, so a truncated file is found here; a JPEG at 1/8 scale, quickly.
                image.draft("RGB", (max(1, image.width // 8), max(1, image.height // 8)))
                image.load()
        except (OSError, SyntaxError, ValueError):
            return replace(facts, decodes=False)  # the checks name its size first, if too large
        return facts


def image_message(facts: ImageFacts | None, limit: int, remedy: str | None) -> str | None:
    """Say why an image may not be published, if so; `remedy` None: it may keep its place."""
    if facts is None:
        return UNREADABLE
    allowed = f"the limit is {limit / 1e6:.1f} megapixels (PRESS_MEDIA_MAX_PIXELS)"
    if facts.pixels == TOO_LARGE:
        return f"has more than {2 * Image.MAX_IMAGE_PIXELS / 1e6:.1f} megapixels; {allowed}"
    if facts.pixels > limit:
        return f"is {facts.width} × {facts.height} pixels ({facts.pixels / 1e6:.1f} megapixels); {allowed}"
    if not facts.decodes:
        return UNREADABLE
    if facts.place and remedy:
        return f"holds {facts.place}; {remedy}"
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
    remedy = None if entry.gps_ok else LISTED_REMEDY
    message = image_message(image_facts(path), s.max_pixels, remedy)
    return [Problem(shown, f"{field}.src", f'"{entry.src}" {message}')] if message else []


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
