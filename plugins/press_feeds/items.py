"""Turn a visible release (a Pelican article decorated by press_content) into a FeedItem."""

from __future__ import annotations

import logging
import mimetypes
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from press_core import mediatypes, urls
from press_core.facets import MediaFacet, Photo
from press_core.settings import PressSettings

from .blocks import Gettext, contact_lines, event_lines, item_parts, lead_photo
from .feeds import Enclosure, FeedItem, MediaPhoto

logger = logging.getLogger(__name__)


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
    """Return the media type of a file from its extension (press_core's table first)."""
    return (
        mediatypes.media_type(path) or mimetypes.guess_type(path)[0] or "application/octet-stream"
    )


def enclosure(settings: PressSettings, content: Path, src: str) -> Enclosure | None:
    """Return the lead image as an enclosure: its URL in the output, size in content/."""
    try:
        length = (content / src).stat().st_size
    except OSError:  # press_content reports a missing image; a race is not worth a crash
        logger.warning("press_feeds: image %s not found in %s; no enclosure", src, content)
        return None
    return Enclosure(absolute(settings, src), length, media_type(src))


def lead_enclosure(article: Any, settings: PressSettings, content: Path) -> Enclosure | None:
    """Return the lead image as an enclosure: press_media's original (credits inside) if any."""
    media, image = article.view.media, article.press.meta.image
    if media is not None and media.lead is not None:
        lead = media.lead
        return Enclosure(absolute(settings, lead.original), lead.original_bytes,
                         media_type(lead.original))  # fmt: skip
    return enclosure(settings, content, image.src) if image else None


def media_photos(view: MediaFacet | None, settings: PressSettings) -> tuple[MediaPhoto, ...]:
    """Return every photo press_media planned for a release (lead first), for Media RSS."""
    if view is None:
        return ()
    return tuple(media_photo(p, settings) for p in view.photos())


def media_photo(p: Photo, settings: PressSettings) -> MediaPhoto:
    """Return one press_media picture as a Media RSS photo with absolute URLs."""
    url, width, height = p.thumb
    return MediaPhoto(
        absolute(settings, p.original), p.original_bytes, media_type(p.original),
        p.original_width, p.original_height, p.credit or settings.site_name,
        absolute(settings, url), width, height,
    )  # fmt: skip


def feed_release(
    article: Any, settings: PressSettings, content: Path, gettext: Gettext | None = None
) -> FeedRelease:
    """Unpack one article into a FeedRelease; its body links already absolute at the site."""
    meta = article.press.meta
    link = absolute(settings, article.view.url)
    author = article.view.credited()  # every item names a person
    media = article.view.media
    lead = lead_photo(media.lead, partial(absolute, settings)) if media and media.lead else None
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
        content_parts=item_parts(
            meta.highlights,
            article.get_content(settings.absolute_url),
            contact_lines(article.view.contacts),
            partial(gettext, meta.lang) if gettext else str,
            event_lines(article.view.event) if article.view.event else (),
            lead,
        ),
        author_name=author.name if author else None,
        author_email=author.email if author else None,
        categories=tuple(categories),
        enclosure=lead_enclosure(article, settings, content),
        media=media_photos(article.view.media, settings),
    )
    return FeedRelease(item, meta.lang, tuple(meta.topics), tuple(meta.tags))
