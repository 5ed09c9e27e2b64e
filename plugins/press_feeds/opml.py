"""Build the OPML subscription list of a language's feeds, for import into a feed reader."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from lxml import etree

from .text import clean_line


@dataclass(frozen=True)
class FeedRef:
    """One feed as a directory lists it: where its two formats and its HTML page are."""

    title: str
    rss_url: str  # absolute
    atom_url: str  # absolute
    html_url: str  # absolute: the page whose releases the feed carries
    lang: str


def build_opml(title: str, feeds: Sequence[FeedRef]) -> bytes:
    """Return an OPML 2.0 document with one RSS outline per feed, in the given order."""
    opml = etree.Element("opml", version="2.0")
    head = etree.SubElement(opml, "head")
    etree.SubElement(head, "title").text = clean_line(title)
    # No dateCreated/dateModified: the file must not change from build to build.
    body = etree.SubElement(opml, "body")
    for feed in feeds:
        name = clean_line(feed.title)
        etree.SubElement(
            body,
            "outline",
            type="rss",  # OPML 2.0 names every feed format "rss"
            text=name,
            title=name,
            xmlUrl=feed.rss_url,
            htmlUrl=feed.html_url,
            language=clean_line(feed.lang),
            version="RSS2",
        )
    return etree.tostring(opml, xml_declaration=True, encoding="UTF-8", pretty_print=True)
