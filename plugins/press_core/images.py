"""Pillow, wrapped once: the pixel size of an image file, read from its header only."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PIL import Image, UnidentifiedImageError


@dataclass(frozen=True)
class ImageView:
    """A lead image as pages show it: site-relative source, alt text and pixel size."""

    src: str
    alt: str
    width: int | None = None
    height: int | None = None
    credit: str | None = None


def pixel_size(path: Path) -> tuple[int, int] | None:
    """Return (width, height) of an image file, or None when it cannot be read as an image."""
    try:
        with Image.open(path) as image:
            return image.size
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError):
        return None  # press_media's checks say why, in one line


def image_view(src: str, alt: str, content: Path, credit: str | None = None) -> ImageView:
    """Return the view of an image of content/, with its size when the file can be measured."""
    size = pixel_size(content / src)
    width, height = size if size else (None, None)
    return ImageView(src, alt, width, height, credit)
