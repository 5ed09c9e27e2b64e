"""Build one RSS 2.0 and one Atom feed from plain values: the only code that calls feedgen."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from functools import cached_property
from html import escape

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedEntry, FeedGenerator
from lxml import etree

from .text import absolutize_html, clean_line, is_absolute_url, resolve_url

ATOM_TYPE = "application/atom+xml"
RSS_TYPE = "application/rss+xml"
DEFAULT_LIMIT = 50
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_MEDIA = "{http://search.yahoo.com/mrss/}"
_ATOM = "{http://www.w3.org/2005/Atom}"


class FeedError(ValueError):
    """A feed cannot be built from these values (a bug upstream, not an author's mistake)."""


@dataclass(frozen=True)
class Enclosure:
    """A media file attached to an item: the release's lead image."""

    url: str  # absolute, or relative to the item's link
    length: int  # bytes
    mime_type: str

    def __post_init__(self) -> None:
        """Reject what RSS <enclosure> cannot say."""
        if self.length < 0 or "/" not in self.mime_type:
            raise FeedError(f"enclosure {self.url}: needs a length >= 0 and a media type")


@dataclass(frozen=True)
class MediaPhoto:
    """A photo of an item for Media RSS: the original, its credit and a thumbnail."""

    url: str  # absolute URL of the original
    length: int  # bytes
    mime_type: str
    width: int
    height: int
    credit: str
    thumbnail: str  # absolute URL of a small derivative
    thumbnail_width: int
    thumbnail_height: int


@dataclass(frozen=True)
class FeedItem:
    """One release as a feed needs it; text fields are cleaned when the feed is built."""

    title: str
    link: str  # absolute permalink of the release page
    guid: str  # the permalink; isPermaLink is true when it equals link
    published: datetime  # aware
    lang: str
    updated: datetime | None = None  # aware
    summary: str = ""  # plain text
    # Sanitized HTML, in pieces joined by newlines (highlights, body, contacts): the body
    # piece is the release's own string, so a build's items hold no second copy of it.
    content_parts: tuple[str, ...] = ()  # links may be relative to link
    author_name: str | None = None
    author_email: str | None = None
    categories: Sequence[tuple[str, str]] = ()  # (term, label): topics, then tags
    enclosure: Enclosure | None = None
    media: Sequence[MediaPhoto] = ()  # every photo of the release (press_media)

    def __post_init__(self) -> None:
        """Reject values no valid feed can carry."""
        if not is_absolute_url(self.link):
            raise FeedError(f"item link must be an absolute http(s) URL, got {self.link!r}")
        if not clean_line(self.guid):
            raise FeedError(f"item {self.link}: empty guid")
        for name in ("published", "updated"):
            value = getattr(self, name)
            if value is not None:
                feed_time(value, f"item {self.link}: {name}")

    @property
    def changed(self) -> datetime:
        """Return the last significant change: updated when later than published."""
        return max(self.published, self.updated or self.published)

    @property
    def content_html(self) -> str:
        """Return the item's HTML, links possibly relative to link."""
        return "\n".join(self.content_parts)

    @cached_property
    def absolute_content(self) -> str:
        """Return the body with absolute links; computed once, as items are shared by feeds."""
        html = self.content_html
        return absolutize_html(html, self.link) if html.strip() else ""

    def forget_content(self) -> None:
        """Drop the absolute body once no feed still to be written needs it."""
        self.__dict__.pop("absolute_content", None)


@dataclass(frozen=True)
class FeedSpec:
    """What a feed says about itself."""

    title: str  # names the site, the language and the subject
    subtitle: str
    lang: str  # <language> and xml:lang
    rss_url: str  # absolute URL the RSS file is published at (its self link)
    atom_url: str  # absolute URL the Atom file is published at (its self link and id)
    home_url: str  # absolute URL of the HTML page the feed follows
    author_name: str  # the publisher: Atom needs an author for items without one
    author_email: str | None = None
    limit: int = DEFAULT_LIMIT
    updated_if_empty: datetime = EPOCH  # a feed without items still needs a date
    hub_url: str = ""  # WebSub hub readers may subscribe at for pushed updates ("" for none)

    def __post_init__(self) -> None:
        """Reject relative URLs and limits that cannot be honoured."""
        given = ("rss_url", "atom_url", "home_url", *(("hub_url",) if self.hub_url else ()))
        for name in given:
            if not is_absolute_url(getattr(self, name)):
                raise FeedError(
                    f"feed {self.atom_url}: {name} must be absolute, got {getattr(self, name)!r}"
                )
        if self.limit < 1:
            raise FeedError(f"feed {self.atom_url}: limit must be at least 1, got {self.limit}")
        feed_time(self.updated_if_empty, f"feed {self.atom_url}: updated_if_empty")


def feed_time(value: datetime, where: str = "date") -> datetime:
    """Return value as feeds write it: whole seconds, its own offset when readers accept it, else UTC."""
    offset = value.utcoffset()
    if offset is None:
        raise FeedError(f"{where}: {value.isoformat()} has no UTC offset")
    # RFC 822 and RFC 3339 offsets are hh:mm; XML Schema dateTime, which Atom
    # tools validate with, stops at 14:00. Historic local mean times can be
    # -14:17 or +00:09:21.
    if offset % timedelta(minutes=1) or abs(offset) > timedelta(hours=14):
        offset = timedelta(0)
    try:
        result = value.astimezone(timezone(offset)).replace(microsecond=0)
    except OverflowError:  # past year 9999 once converted
        result = None
    # RFC 822 dates, as RFC 1123 updates them, need four-digit years.
    if result is None or not 1000 <= result.year <= 9999:
        raise FeedError(f"{where}: {value.isoformat()} is outside the years 1000-9999")
    return result


def select_items(items: Sequence[FeedItem], limit: int) -> list[FeedItem]:
    """Return at most limit items, newest published first, equal dates ordered by guid."""
    by_guid = sorted(items, key=lambda item: item.guid)
    # sorted() is stable, also with reverse=True: equal dates keep guid order.
    return sorted(by_guid, key=lambda item: item.published, reverse=True)[:limit]


def build_feed(spec: FeedSpec, items: Sequence[FeedItem]) -> tuple[bytes, bytes]:
    """Return (rss, atom) documents for the newest items; same input, same bytes."""
    chosen = select_items(items, spec.limit)
    guids = [item.guid for item in chosen]
    if len(set(guids)) != len(guids):
        raise FeedError(f"feed {spec.atom_url}: two items share a guid")
    generator = _generator(spec, chosen)
    generator.link(_feed_links(spec, spec.atom_url, ATOM_TYPE), replace=True)
    atom = generator.atom_str(pretty=True)
    generator.link(_feed_links(spec, spec.rss_url, RSS_TYPE), replace=True)
    rss = generator.rss_str(pretty=True)
    return rss, atom


class _FeedExtras(BaseExtension):
    """Add the WebSub hub to RSS: feedgen writes only the self atom:link there."""

    def __init__(self) -> None:
        """Start without a hub."""
        self.hub = ""

    def extend_rss(self, feed: etree._Element) -> etree._Element:
        """Declare the hub next to the self link, as atom:link rel="hub" (feedgen hook)."""
        channel = feed.find("channel")
        if self.hub and channel is not None:
            own = channel.find(f"{_ATOM}link")
            hub = etree.Element(f"{_ATOM}link", href=self.hub, rel="hub")
            channel.insert(channel.index(own) + 1 if own is not None else 0, hub)
        return feed


class _EntryExtras(BaseEntryExtension):
    """Add what feedgen 1.0.0 leaves out: xml:lang and link attributes (Atom), escaping (RSS)."""

    def __init__(self) -> None:
        """Start with nothing to add."""
        self.lang = ""  # set when the entry's language differs from the feed's
        self.links: list[dict[str, str]] = []  # as given to FeedEntry.link()
        self.text_description = False  # set when <description> holds the plain-text summary
        self.credits: list[str] = []  # one per photo, in order

    def add_credits(self, item: etree._Element) -> None:
        """Put each photo's thumbnail and credit inside its media:content.

        A photo has one rendition, so no media:group (the W3C validator wants several
        media:content in a group); feedgen writes ungrouped thumbnails beside the
        contents and has no media:credit, so both are moved in here, photo by photo.
        """
        contents = item.findall(f"{_MEDIA}content")
        thumbnails = item.findall(f"{_MEDIA}thumbnail")
        for content, thumbnail, credit in zip(contents, thumbnails, self.credits, strict=True):
            content.append(thumbnail)
            etree.SubElement(content, f"{_MEDIA}credit").text = credit

    def extend_rss(self, item: etree._Element) -> etree._Element:
        """Escape a plain-text description: RSS readers render <description> as HTML (feedgen hook)."""
        description = item.find("description")
        if self.text_description and description is not None and description.text:
            description.text = escape(description.text, quote=False)
        self.add_credits(item)
        return item

    def extend_atom(self, entry: etree._Element) -> etree._Element:
        """Set xml:lang, and rel/type/hreflang/length on the entry's links (feedgen hook)."""
        if self.lang:
            entry.set(_XML_LANG, self.lang)
        self.add_credits(entry)
        # feedgen 1.0.0 writes entry links with href only (a shadowed loop
        # variable: lkiesow/python-feedgen#135, #143), which turns the
        # enclosure into a second rel="alternate" link. Its links come out in
        # the order they were given, and (like all its elements) unqualified.
        for element, link in zip(entry.findall("link"), self.links, strict=True):
            for name in ("rel", "type", "hreflang", "title", "length"):
                if link.get(name):
                    element.set(name, link[name])
        return entry


def _generator(spec: FeedSpec, items: list[FeedItem]) -> FeedGenerator:
    """Return a feedgen generator holding the feed's metadata and items, in order."""
    generator = FeedGenerator()
    # dc:creator (author without e-mail) and dc:language (other-language item)
    # in RSS; Atom says both natively.
    generator.load_extension("dc", atom=False, rss=True)
    # Media RSS for photos; loaded before "extras", which adds media:credit to its groups.
    generator.load_extension("media", atom=True, rss=True)
    generator.register_extension("extras", _FeedExtras, _EntryExtras, atom=True, rss=True)
    generator.extras.hub = spec.hub_url
    title = clean_line(spec.title) or spec.atom_url
    generator.id(spec.atom_url)
    generator.title(title)
    generator.subtitle(clean_line(spec.subtitle) or title)  # RSS requires a description
    generator.language(clean_line(spec.lang))
    publisher = clean_line(spec.author_name) or title
    email = clean_line(spec.author_email or "")
    generator.author({"name": publisher, "email": email} if email else {"name": publisher})
    if email:
        generator.managingEditor(f"{email} ({publisher})")
    newest = max((item.changed for item in items), default=spec.updated_if_empty)
    # Set explicitly: feedgen's default for lastBuildDate/updated is the clock.
    generator.updated(feed_time(newest))
    # A feed mixing languages marks every item's language, not only the other ones.
    mixed = len({clean_line(item.lang) for item in items}) > 1
    for item in items:
        _add_entry(generator.add_entry(order="append"), item, spec, mixed)
    return generator


def _feed_links(spec: FeedSpec, self_url: str, self_type: str) -> list[dict[str, str]]:
    """Return the feed's self link, its WebSub hub, then its HTML page (the last is RSS's <link>)."""
    hub = [{"href": spec.hub_url, "rel": "hub"}] if spec.hub_url else []
    return [
        {"href": self_url, "rel": "self", "type": self_type},
        *hub,
        {"href": spec.home_url, "rel": "alternate", "type": "text/html"},
    ]


def _add_entry(entry: FeedEntry, item: FeedItem, spec: FeedSpec, mixed: bool = False) -> None:
    """Fill a feedgen entry from one item."""
    guid = clean_line(item.guid)
    entry.guid(guid, permalink=guid == item.link)
    entry.title(clean_line(item.title) or item.link)  # feedgen refuses empty titles
    entry.link(href=item.link, rel="alternate", type="text/html", hreflang=clean_line(item.lang))
    entry.published(feed_time(item.published))
    entry.updated(feed_time(item.changed))
    if clean_line(item.summary):  # an empty one would make RSS describe with the body
        entry.summary(clean_line(item.summary))  # Atom: type="text"
        entry.extras.text_description = True
    if item.absolute_content:
        entry.content(item.absolute_content, type="html")
    _add_author(entry, item)
    for term, label in item.categories:
        if clean_line(term):
            entry.category(term=clean_line(term), label=clean_line(label) or clean_line(term))
    if item.enclosure is not None:
        _add_enclosure(entry, item.enclosure, item.link)
    for photo in item.media:
        _add_photo(entry, photo)
    if mixed or clean_line(item.lang) != clean_line(spec.lang):
        entry.extras.lang = clean_line(item.lang)
        entry.dc.dc_language(clean_line(item.lang))
    entry.extras.links = entry.link()


def _add_author(entry: FeedEntry, item: FeedItem) -> None:
    """Credit the item's author: Atom needs a name, RSS <author> needs an e-mail."""
    name = clean_line(item.author_name or "")
    email = clean_line(item.author_email or "")
    if email:
        entry.author(name=name or email, email=email)
    elif name:
        entry.author(name=name)
        entry.dc.dc_creator(name)


def _add_enclosure(entry: FeedEntry, enclosure: Enclosure, base_url: str) -> None:
    """Attach the enclosure with an absolute URL, its byte length and media type."""
    url = resolve_url(base_url, clean_line(enclosure.url))
    if url and is_absolute_url(url):
        entry.enclosure(url, str(enclosure.length), clean_line(enclosure.mime_type))


def _add_photo(entry: FeedEntry, photo: MediaPhoto) -> None:
    """Add one photo: a bare media:content (one rendition), its thumbnail and credit inside."""
    entry.media.content(
        url=photo.url, fileSize=str(photo.length), type=clean_line(photo.mime_type),
        medium="image", width=str(photo.width), height=str(photo.height), group=None,
    )  # fmt: skip
    entry.media.thumbnail(
        url=photo.thumbnail, width=str(photo.thumbnail_width),
        height=str(photo.thumbnail_height), group=None,
    )  # fmt: skip
    entry.extras.credits.append(clean_line(photo.credit))
