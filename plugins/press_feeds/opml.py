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


@dataclass(frozen=True)
class OpmlGroup:
    """A folder of a feed reader: a label and the feeds under it, in order."""

    label: str
    feeds: tuple[FeedRef, ...]


def build_opml(title: str, groups: Sequence[OpmlGroup]) -> bytes:
    """Return an OPML 2.0 document: one outline per group, one RSS outline per feed in it."""
    opml = etree.Element("opml", version="2.0")
    head = etree.SubElement(opml, "head")
    etree.SubElement(head, "title").text = clean_line(title)
    # No dateCreated/dateModified: the file must not change from build to build.
    body = etree.SubElement(opml, "body")
    for group in groups:
        label = clean_line(group.label)
        folder = etree.SubElement(body, "outline", text=label, title=label)
        for feed in group.feeds:
            feed_outline(folder, feed)
    return etree.tostring(opml, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def feed_outline(parent: etree._Element, feed: FeedRef) -> None:
    """Add the RSS outline of one feed under a group."""
    name = clean_line(feed.title)
    etree.SubElement(
        parent,
        "outline",
        type="rss",  # OPML 2.0 names every feed format "rss"
        text=name,
        title=name,
        xmlUrl=feed.rss_url,
        htmlUrl=feed.html_url,
        language=clean_line(feed.lang),
        version="RSS2",
    )
