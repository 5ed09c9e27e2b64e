"""Media settings: declared once (OPTIONS), parsed with every setting into a frozen dataclass."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from press_core.options import Option, OptionError, flag, text, texts, whole


def widths(value: Any) -> tuple[int, ...]:
    """Check the derivative widths: whole numbers of pixels above 0."""
    if (
        not isinstance(value, list | tuple)
        or not value
        or not all(isinstance(w, int) and not isinstance(w, bool) and w > 0 for w in value)
    ):
        raise OptionError(f"{value!r} is not a list of widths in pixels; write one like (480, 800)")
    return tuple(sorted(value))


def quality(value: Any) -> int:
    """Check a JPEG and WebP quality from 1 to 100."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 100:
        raise OptionError(f"{value!r} is not a quality from 1 to 100; write one like 80")
    return value


def size(value: Any) -> tuple[int, int]:
    """Check a (width, height) pair of whole numbers of pixels above 0."""
    if not isinstance(value, list | tuple) or len(value) != 2:
        raise OptionError(f"{value!r} is not a (width, height) pair; write one like (1200, 630)")
    return (whole(1200)(value[0]), whole(630)(value[1]))


def folder(value: Any) -> str:
    """Check an output folder name: a relative path."""
    name = text(value).strip("/")
    if not name or ".." in name.split("/"):
        raise OptionError(f"{value!r} is not a folder inside the output; write one like 'media'")
    return name


OPTIONS: tuple[Option, ...] = (
    # Derivative widths, capped at the original.
    Option("PRESS_MEDIA_WIDTHS", (480, 800, 1200, 1600), widths),
    Option("PRESS_MEDIA_QUALITY", 80, quality),  # JPEG and WebP quality of derivatives
    Option("PRESS_MEDIA_OG_SIZE", (1200, 630), size),  # Open Graph image, cropped to fill
    # Attachment types, by file extension.
    Option("PRESS_MEDIA_TYPES", ("pdf", "docx", "xlsx", "pptx", "zip", "txt"), texts("('pdf',)")),
    Option("PRESS_MEDIA_MAX_BYTES", 25_000_000, whole(25_000_000)),  # largest file accepted
    # Largest image (width × height) published, on every route.
    Option("PRESS_MEDIA_MAX_PIXELS", 80_000_000, whole(80_000_000)),
    Option("PRESS_MEDIA_DIR", "media", folder),  # output folder of originals, derivatives, kits
    # A PDF of every release (WeasyPrint), on its page and in its press kit; False: none.
    Option("PRESS_MEDIA_PDF", True, flag),
)
DEFAULTS = {option.name: option.default for option in OPTIONS}


@dataclass(frozen=True)
class MediaSettings:
    """The media part of Pelican's settings."""

    widths: tuple[int, ...]
    quality: int
    og_size: tuple[int, int]
    types: tuple[str, ...]
    max_bytes: int
    max_pixels: int
    folder: str
    cache: Path  # outside the output: CACHE_PATH/press-media
    pdf: bool = True  # make a PDF of every release

    def recipe(self) -> str:
        """Return what derivatives depend on besides the source, for cache keys."""
        return f"v1|{self.widths}|{self.quality}|{self.og_size}"


def media_settings(values: Mapping[str, Any], cache_path: str) -> MediaSettings:
    """Return the media settings from the parsed options (press_core.settings: extra)."""
    value = {**DEFAULTS, **values}  # a build without press_media in PLUGINS has no values
    return MediaSettings(
        widths=tuple(value["PRESS_MEDIA_WIDTHS"]),
        quality=value["PRESS_MEDIA_QUALITY"],
        og_size=tuple(value["PRESS_MEDIA_OG_SIZE"]),
        types=tuple(t.lower() for t in value["PRESS_MEDIA_TYPES"]),
        max_bytes=value["PRESS_MEDIA_MAX_BYTES"],
        max_pixels=value["PRESS_MEDIA_MAX_PIXELS"],
        folder=value["PRESS_MEDIA_DIR"],
        cache=Path(cache_path or "cache") / "press-media",
        pdf=value["PRESS_MEDIA_PDF"],
    )
