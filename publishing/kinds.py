"""What each file of the site is: its Content-Type, its Cache-Control, its upload rank."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from press_core.mediatypes import MEDIA_TYPES, TEXT_TYPES

TEXT = "; charset=utf-8"
CONTENT_TYPES = {
    suffix: kind + TEXT if suffix in TEXT_TYPES else kind for suffix, kind in MEDIA_TYPES.items()
}

SHORT = "public, max-age=60, must-revalidate"  # pages, feeds, sitemaps: change at any time
MEDIUM = "public, max-age=3600"  # images, attachments, vCards: rarely change, same name
IMMUTABLE = "public, max-age=31536000, immutable"  # the name changes with the content
# theme/css/press.1a2b3c4d.css (press_assets); Pagefind's own hashed index files.
FINGERPRINTED = re.compile(r"^theme/.+\.[0-9a-f]{8}\.[a-z0-9]+$")
HASHED_BY_PAGEFIND = {".pf_meta", ".pf_index", ".pf_fragment", ".pf_filter"}
# .ics: an event calendar, corrected in place when an event moves.
SHORT_SUFFIXES = {".html", ".xml", ".atom", ".opml", ".ics", ".xsl", ".txt", ".json", ".js", ".css"}

ASSET, PAGE, FEED = 0, 1, 2  # upload order: what pages use, then pages, then what lists them
FEED_SUFFIXES = {".xml", ".atom", ".opml"}


class UnknownKindError(ValueError):
    """A file whose suffix has no Content-Type in CONTENT_TYPES."""


def suffix_of(name: str) -> str:
    """Return a file's suffix in lower case."""
    return PurePosixPath(name).suffix.lower()


def content_type(name: str) -> str:
    """Return the Content-Type of a site file, refusing a suffix we do not know."""
    try:
        return CONTENT_TYPES[suffix_of(name)]
    except KeyError:
        raise UnknownKindError(
            f"{name}: no Content-Type known for this kind of file; add it to plugins/press_core/mediatypes.py"
        ) from None


def cache_control(name: str) -> str:
    """Return the Cache-Control of a site file."""
    suffix = suffix_of(name)
    if FINGERPRINTED.match(name) or suffix in HASHED_BY_PAGEFIND:
        return IMMUTABLE
    return SHORT if suffix in SHORT_SUFFIXES else MEDIUM


def rank(name: str) -> int:
    """Return when a file is uploaded: assets first, pages next, feeds and sitemaps last."""
    suffix = suffix_of(name)
    if suffix in FEED_SUFFIXES or name == "robots.txt":
        return FEED
    return PAGE if suffix == ".html" else ASSET
