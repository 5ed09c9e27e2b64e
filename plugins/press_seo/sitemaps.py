"""Sitemap, Google News sitemap and robots.txt, built from plain values with lxml."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from lxml import etree
from press_core.urls import absolute, home_url

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
X_DEFAULT = "x-default"
SITEMAP_CHUNK = 500  # <url> entries made into a tree at once
NEWS_WINDOW = timedelta(days=2)  # Google News reads releases of the last two days only


@dataclass(frozen=True)
class Page:
    """One HTML page as the sitemap sees it; urls are site-relative ("" is the site root)."""

    url: str
    lang: str | None
    alternates: tuple[tuple[str, str], ...] = ()  # (lang, url) the page itself links
    modified: datetime | None = None


@dataclass(frozen=True)
class NewsItem:
    """One release for the Google News sitemap."""

    url: str
    lang: str
    title: str
    published: datetime


def hreflang_groups(
    pages: Iterable[Page], default_lang: str, langs: Sequence[str]
) -> dict[str, tuple[tuple[str, str], ...]]:
    """Return, per page URL, its hreflang links (itself included, x-default last).

    x-default is the language chooser at the site root when there is one, else the
    version in the default language.

    Only reciprocal alternates count: page A names B and B names A. That drops
    the language switcher's fall-back to the other home, which search engines
    would take for a wrong translation, and any link to a page that was not written.
    """
    by_url = {page.url: page for page in pages}
    homes = {home_url(lang) for lang in langs}
    groups = {}
    for page in by_url.values():
        if page.url == "":
            continue  # the language chooser: the homes' x-default, given their links below
        members = {page.lang: page.url} if page.lang else {}
        for lang, url in page.alternates:
            other = by_url.get(url)
            if other and lang != page.lang and (page.lang, page.url) in other.alternates:
                members.setdefault(lang, url)
        if len(members) < 2:
            continue
        # x-default: the language chooser at the root, as the pages' own hreflang links say.
        fallback = "" if "" in by_url else members.get(default_lang)
        groups[page.url] = (
            *sorted(members.items()),
            *([(X_DEFAULT, fallback)] if fallback is not None else []),
        )
    home_links = next((groups[url] for url in sorted(homes) if url in groups), ())
    if "" in by_url and home_links:
        groups[""] = home_links  # the chooser belongs to the homes' group
    return groups


def sitemap_xml(
    pages: Iterable[Page],
    siteurl: str,
    default_lang: str,
    langs: Sequence[str],
    chunk: int = SITEMAP_CHUNK,
) -> bytes:
    """Return sitemap.xml listing every page, with xhtml:link hreflang alternates.

    The tree of a large site's sitemap takes far more memory than its bytes (about 50 MiB
    for 20,000 pages), and it is made when the build holds the most: it is made and
    serialized `chunk` entries at a time. Pretty-printed, each <url> entry serializes the
    same whatever its siblings, so the chunks' entries joined between the first chunk's
    opening and its closing tag are the bytes of the whole tree.
    """
    pages = sorted(pages, key=lambda page: page.url)
    groups = hreflang_groups(pages, default_lang, langs)
    if not pages:
        return _serialize(_urlset(pages, siteurl, groups))
    parts, tail = [], b""
    for start in range(0, len(pages), chunk):
        whole = _serialize(_urlset(pages[start : start + chunk], siteurl, groups))
        opening = whole.index(b">\n", whole.index(b"<urlset")) + 2
        closing = whole.rindex(b"</urlset>")
        parts += [whole[:opening]] if start == 0 else []
        parts.append(whole[opening:closing])
        tail = whole[closing:]
    return b"".join([*parts, tail])


def _urlset(
    pages: Sequence[Page], siteurl: str, groups: Mapping[str, tuple[tuple[str, str], ...]]
) -> etree._Element:
    """Return a sitemap's <urlset> with one <url> per page, in the order given."""
    root = etree.Element(f"{{{SITEMAP_NS}}}urlset", nsmap={None: SITEMAP_NS, "xhtml": XHTML_NS})
    for page in pages:
        entry = url_entry(root, siteurl, page.url)
        if page.modified is not None:
            etree.SubElement(entry, f"{{{SITEMAP_NS}}}lastmod").text = page.modified.isoformat()
        for lang, url in groups.get(page.url, ()):
            attributes = {"rel": "alternate", "hreflang": lang, "href": absolute(siteurl, url)}
            etree.SubElement(entry, f"{{{XHTML_NS}}}link", attributes)
    return root


def recent(
    items: Iterable[NewsItem], now: datetime, window: timedelta = NEWS_WINDOW
) -> list[NewsItem]:
    """Return items published in the window before now, newest first (ties by URL)."""
    chosen = [item for item in items if now - window <= item.published <= now]
    return sorted(
        sorted(chosen, key=lambda item: item.url), key=lambda item: item.published, reverse=True
    )


def url_entry(root: etree._Element, siteurl: str, url: str) -> etree._Element:
    """Add a <url> with its absolute <loc> to a sitemap and return it."""
    entry = etree.SubElement(root, f"{{{SITEMAP_NS}}}url")
    etree.SubElement(entry, f"{{{SITEMAP_NS}}}loc").text = absolute(siteurl, url)
    return entry


def news_sitemap_xml(items: Iterable[NewsItem], siteurl: str, publication: str) -> bytes:
    """Return a Google News sitemap of the given items, in the order given."""
    root = etree.Element(f"{{{SITEMAP_NS}}}urlset", nsmap={None: SITEMAP_NS, "news": NEWS_NS})
    for item in items:
        entry = url_entry(root, siteurl, item.url)
        news = etree.SubElement(entry, f"{{{NEWS_NS}}}news")
        source = etree.SubElement(news, f"{{{NEWS_NS}}}publication")
        etree.SubElement(source, f"{{{NEWS_NS}}}name").text = publication
        etree.SubElement(source, f"{{{NEWS_NS}}}language").text = item.lang
        etree.SubElement(news, f"{{{NEWS_NS}}}publication_date").text = item.published.isoformat()
        etree.SubElement(news, f"{{{NEWS_NS}}}title").text = item.title
    return _serialize(root)


def robots_txt(siteurl: str, sitemaps: Sequence[str], preview: bool) -> bytes:
    """Return robots.txt: everything allowed with the sitemaps named, or, in preview, nothing."""
    if preview:
        return b"# Preview build: not for search engines.\nUser-agent: *\nDisallow: /\n"
    lines = [
        "User-agent: *",
        "Allow: /",
        "",
        *(f"Sitemap: {absolute(siteurl, name)}" for name in sitemaps),
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


def alternates_of(value: object) -> tuple[tuple[str, str], ...]:
    """Read a template context's `alternates` ((lang, url) pairs or objects with .lang/.url)."""
    pairs = []
    for item in value or ():
        if isinstance(item, Mapping):
            pairs.append((item["lang"], item["url"]))
        elif hasattr(item, "lang") and hasattr(item, "url"):
            pairs.append((item.lang, item.url))
        else:
            lang, url = item
            pairs.append((lang, url))
    return tuple((str(lang), str(url).lstrip("/")) for lang, url in pairs)


def _serialize(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
