"""Turn a visible release (a Pelican article decorated by press_content) into a FeedItem."""

from __future__ import annotations

import logging
import mimetypes
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from press_core import urls
from press_core.settings import PressSettings

from .feeds import Enclosure, FeedItem

logger = logging.getLogger(__name__)
# mimetypes reads the system's tables, which differ between machines; images a
# newsroom publishes are named here so that every build says the same type.
IMAGE_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".svg": "image/svg+xml",
}


@dataclass(frozen=True)
class FeedRelease:
    """A release as the feed planner sees it: its item, and what it is filed under."""

    item: FeedItem
    lang: str
    topics: tuple[str, ...]  # topic ids
    tags: tuple[str, ...]  # tags as written


def absolute(settings: PressSettings, url: str) -> str:
    """Return the absolute URL of a site-relative URL."""
    return urls.absolute(settings.absolute_url, url)


def media_type(path: str) -> str:
    """Return the media type of a file from its extension."""
    suffix = Path(path).suffix.lower()
    return IMAGE_TYPES.get(suffix) or mimetypes.guess_type(path)[0] or "application/octet-stream"


def enclosure(settings: PressSettings, content: Path, src: str) -> Enclosure | None:
    """Return the lead image as an enclosure: its URL in the output, size in content/."""
    try:
        length = (content / src).stat().st_size
    except OSError:  # press_content reports a missing image; a race is not worth a crash
        logger.warning("press_feeds: image %s not found in %s; no enclosure", src, content)
        return None
    return Enclosure(absolute(settings, src), length, media_type(src))


def feed_release(article: Any, settings: PressSettings, content: Path) -> FeedRelease:
    """Unpack one article into a FeedRelease; its body links already absolute at the site."""
    meta = article.press.meta
    link = absolute(settings, article.view.url)
    author = article.view.author
    categories = [(topic, settings.topic_label(topic, meta.lang)) for topic in meta.topics]
    categories += [(tag, tag) for tag in meta.tags]
    item = FeedItem(
        title=meta.title,
        link=link,
        guid=link,
        published=meta.date,
        updated=meta.updated,
        lang=meta.lang,
        summary=meta.summary,
        # {filename} and {static} links resolved against the absolute site URL,
        # whatever page Pelican happens to be rendering (article.content would
        # use that page's relative SITEURL).
        content_html=article.get_content(settings.absolute_url),
        author_name=author.name if author else None,
        author_email=author.email if author else None,
        categories=tuple(categories),
        enclosure=enclosure(settings, content, meta.image.src) if meta.image else None,
    )
    return FeedRelease(item, meta.lang, tuple(meta.topics), tuple(meta.tags))
