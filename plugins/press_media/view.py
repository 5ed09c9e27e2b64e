"""What the release page shows of a release's media: finished values, no logic left to Jinja."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import PurePosixPath
from typing import Any

from babel.numbers import format_decimal
from babel.units import format_unit

from .derive import Derived, Rendition

# Slot widths from press.css: the main column beside the 20rem aside (76rem wrap), and a
# gallery grid of 16rem+ columns inside 44rem; one column on phones.
LEAD_SIZES = "(min-width: 76rem) 50rem, (min-width: 60rem) calc(100vw - 26rem), calc(100vw - 2rem)"
GALLERY_SIZES = "(min-width: 40rem) 22rem, calc(100vw - 2rem)"
# A file is "high resolution" when it prints well beyond a column: 2,000 px on its long
# side (17 cm at 300 dpi) or 3 megapixels, whichever it reaches first.
HIGH_RES_SIDE = 2000
HIGH_RES_PIXELS = 3_000_000


def high_resolution(width: int, height: int) -> bool:
    """Tell whether an image is large enough to be called high resolution."""
    return max(width, height) >= HIGH_RES_SIDE or width * height >= HIGH_RES_PIXELS


def file_size(size: int, locale: str) -> str:
    """Write a byte count for readers: kB below a megabyte, else MB with one decimal."""
    if size < 1_000_000:
        return _kilobytes(max(1, round(size / 1000)), locale)  # a thousand values at most
    return _megabytes(size, locale)


@lru_cache(maxsize=4096)  # pure; Babel's plural rules are slow, and sizes repeat by the kB
def _kilobytes(count: int, locale: str) -> str:
    return format_unit(count, "digital-kilobyte", "short", locale=locale)


@lru_cache(maxsize=4096)  # pure; both language versions ask for each file's size
def _megabytes(size: int, locale: str) -> str:
    return format_unit(size / 1_000_000, "digital-megabyte", "short", "#,##0.#", locale=locale)


def number(value: int, locale: str) -> str:
    """Write a whole number the way the locale groups digits."""
    return format_decimal(value, locale=locale)


def media_folder(folder: str, data: bytes) -> str:
    """Return the output folder of one source file, named by its content."""
    return f"{folder}/{hashlib.sha256(data).hexdigest()[:16]}"


@dataclass(frozen=True)
class Size:
    """One downloadable file of a photo: its URL, true pixel size and file size, localized."""

    url: str
    width: int
    height: int
    pixels: str  # "1 600 × 900"
    size: str  # "312 ko"
    high_resolution: bool


def sized(url: str, width: int, height: int, size: int, locale: str) -> Size:
    """Return the download values of one file."""
    pixels = f"{number(width, locale)} × {number(height, locale)}"
    return Size(url, width, height, pixels, file_size(size, locale), high_resolution(width, height))


@dataclass(frozen=True)
class Picture:
    """One image as a page shows it: srcsets, fallback, size, original download."""

    src: str  # site-relative fallback JPEG
    srcset_webp: tuple[tuple[str, int], ...]  # (site-relative URL, width)
    srcset_jpeg: tuple[tuple[str, int], ...]
    sizes: str
    width: int
    height: int
    alt: str
    credit: str  # the entry's credit, else the site's name
    caption: str  # the entry's caption, else its alt text (as the file's metadata says)
    captioned: bool  # the entry states a caption of its own
    licence: str
    original: str  # site-relative URL of the original
    original_pixels: str  # "4 000 × 3 000"
    original_size: str  # localized file size
    og: str  # site-relative URL of the 1200x630 crop
    original_width: int
    original_height: int
    original_bytes: int
    thumb: tuple[str, int, int]  # smallest JPEG: URL, width, height
    web: Size  # the largest JPEG derivative
    print: Size  # the original


@dataclass(frozen=True)
class Download:
    """One file offered for download."""

    url: str
    title: str
    description: str | None
    kind: str  # PDF, TXT, ZIP, ...
    size: str  # localized


@dataclass(frozen=True)
class MediaView:
    """Everything the release page shows of a release's media."""

    lead: Picture | None
    gallery: tuple[Picture, ...]
    attachments: tuple[Download, ...]
    kit: Download | None
    pdf: Download | None = None  # the release as a PDF (press_media.pdf), unless turned off

    def photos(self) -> list[Picture]:
        """Return the lead picture and the gallery, each original once."""
        seen: set[str] = set()
        unique = []
        for item in ((self.lead,) if self.lead else ()) + self.gallery:
            if item.original not in seen:
                seen.add(item.original)
                unique.append(item)
        return unique


def rendition_url(base: str, src: str, rendition: Rendition) -> str:
    """Return the output URL of one derivative of a source."""
    stem = PurePosixPath(src).stem
    suffix = "jpg" if rendition.kind == "og" else rendition.kind
    label = "og" if rendition.kind == "og" else f"{rendition.width}w"
    return f"{base}/{stem}-{label}.{suffix}"


def srcset(base: str, src: str, renditions: list[Rendition]) -> tuple[tuple[str, int], ...]:
    """Return the (URL, width) candidates of a srcset, narrowest first."""
    return tuple((rendition_url(base, src, r), r.width) for r in renditions)


def picture(
    entry: Any,
    base: str,
    derived: Derived,
    facts: tuple[int, int, int],
    locale: str,
    lead: bool,
    texts: tuple[str, str, str, int],
) -> Picture:
    """Build the page values of one image entry (lead image or gallery photo).

    texts: the credit, caption and licence the file carries, and the web file's size in bytes.
    """
    src = entry.src
    credit, caption, licence, web_bytes = texts
    webp = [r for r in derived.renditions if r.kind == "webp"]
    jpeg = [r for r in derived.renditions if r.kind == "jpg"]
    og = next(r for r in derived.renditions if r.kind == "og")
    fallback = jpeg[min(1, len(jpeg) - 1)]  # a middle size for browsers without srcset
    width, height, size = facts
    return Picture(
        src=rendition_url(base, src, fallback),
        srcset_webp=srcset(base, src, webp),
        srcset_jpeg=srcset(base, src, jpeg),
        sizes=LEAD_SIZES if lead else GALLERY_SIZES,
        width=fallback.width,
        height=fallback.height,
        alt=entry.alt,
        credit=credit,
        caption=caption,
        captioned=bool(entry.caption),
        licence=licence,
        original=f"{base}/{PurePosixPath(src).name}",
        original_pixels=f"{number(width, locale)} × {number(height, locale)}",
        original_size=file_size(size, locale),
        og=rendition_url(base, src, og),
        original_width=width,
        original_height=height,
        original_bytes=size,
        thumb=(rendition_url(base, src, jpeg[0]), jpeg[0].width, jpeg[0].height),
        web=sized(
            rendition_url(base, src, jpeg[-1]), jpeg[-1].width, jpeg[-1].height, web_bytes, locale
        ),
        print=sized(f"{base}/{PurePosixPath(src).name}", width, height, size, locale),
    )
