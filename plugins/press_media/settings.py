"""Media settings: defaults in one place, read once into a frozen dataclass."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DEFAULTS: dict[str, Any] = {
    "PRESS_MEDIA_WIDTHS": (480, 800, 1200, 1600),  # derivative widths, capped at the original
    "PRESS_MEDIA_QUALITY": 80,  # JPEG and WebP quality of derivatives
    "PRESS_MEDIA_OG_SIZE": (1200, 630),  # Open Graph image, cropped to fill
    "PRESS_MEDIA_TYPES": ("pdf", "docx", "xlsx", "pptx", "zip", "txt"),  # attachment types
    "PRESS_MEDIA_MAX_BYTES": 25_000_000,  # largest image or attachment accepted
    "PRESS_MEDIA_MAX_PIXELS": 80_000_000,  # largest image (width × height) published
    "PRESS_MEDIA_DIR": "media",  # output folder of originals, derivatives and press kits
}


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

    def recipe(self) -> str:
        """Return what derivatives depend on besides the source, for cache keys."""
        return f"v1|{self.widths}|{self.quality}|{self.og_size}"


def read_media_settings(settings: Mapping[str, Any]) -> MediaSettings:
    """Read the PRESS_MEDIA_* settings, defaults filled in."""
    value = {**DEFAULTS, **{k: v for k, v in settings.items() if k in DEFAULTS}}
    return MediaSettings(
        widths=tuple(sorted(int(w) for w in value["PRESS_MEDIA_WIDTHS"])),
        quality=int(value["PRESS_MEDIA_QUALITY"]),
        og_size=(int(value["PRESS_MEDIA_OG_SIZE"][0]), int(value["PRESS_MEDIA_OG_SIZE"][1])),
        types=tuple(t.lower() for t in value["PRESS_MEDIA_TYPES"]),
        max_bytes=int(value["PRESS_MEDIA_MAX_BYTES"]),
        max_pixels=int(value["PRESS_MEDIA_MAX_PIXELS"]),
        folder=str(value["PRESS_MEDIA_DIR"]).strip("/"),
        cache=Path(settings.get("CACHE_PATH", "cache")) / "press-media",
    )
