"""Head metadata for sharing and search: canonical URL, Open Graph, Twitter card, JSON-LD."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from markupsafe import Markup
from press_core.urls import absolute

# Characters that could end or confuse a <script> element, written as JSON escapes.
SCRIPT_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


@dataclass(frozen=True)
class Person:
    """The author of a release, as schema.org describes a person."""

    name: str
    role: str | None = None
    organisation: str | None = None


@dataclass(frozen=True)
class Site:
    """What every page says about the newsroom."""

    siteurl: str
    name: str
    robots: str | None = None  # "noindex" in preview builds


@dataclass(frozen=True)
class ReleaseFacts:
    """One release version, in plain values."""

    url: str
    title: str
    summary: str
    locale: str  # en_CA
    other_locales: tuple[str, ...]
    published: datetime
    modified: datetime | None = None
    image: str | None = None  # site-relative path
    image_alt: str | None = None
    author: Person | None = None
    sections: tuple[str, ...] = ()  # topic labels
    tags: tuple[str, ...] = ()
    dateline: str | None = None


@dataclass(frozen=True)
class PageSeo:
    """Finished values for partials/head_seo.html."""

    canonical: str
    open_graph: tuple[tuple[str, str], ...]
    twitter: tuple[tuple[str, str], ...]
    robots: str | None = None
    json_ld: Markup | None = None
    event_json_ld: Markup | None = None  # schema.org Event of an invitation (event_ld.py)
    description: str = ""  # a release's summary; other pages describe themselves in templates


def script_json(data: object) -> Markup:
    """Serialize data as JSON safe inside <script>: no `</script>`, `<!--` or `&` can appear."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in SCRIPT_ESCAPES.items():
        text = text.replace(char, escaped)
    # Markup: the text is already escaped for a script element; HTML escaping would break the JSON.
    return Markup(text)  # noqa: S704 - escaped above for the script context


def page_seo(site: Site, url: str, locale: str | None) -> PageSeo:
    """Return the metadata of a page that is not a release (home, listings, contacts)."""
    canonical = absolute(site.siteurl, url)
    graph = [
        ("og:site_name", site.name),
        ("og:type", "website"),
        ("og:title", site.name),
        ("og:url", canonical),
    ]
    if locale:
        graph.append(("og:locale", locale))
    return PageSeo(
        canonical,
        tuple(graph),
        (("twitter:card", "summary"), ("twitter:title", site.name)),
        site.robots,
    )


def not_found_seo(site: Site) -> PageSeo:
    """Return the metadata of a page for missing addresses: never indexed, no canonical URL."""
    graph = (("og:site_name", site.name), ("og:type", "website"), ("og:title", site.name))
    return PageSeo("", graph, (("twitter:card", "summary"),), "noindex")


def release_seo(site: Site, facts: ReleaseFacts) -> PageSeo:
    """Return the metadata of a release page."""
    canonical = absolute(site.siteurl, facts.url)
    image = absolute(site.siteurl, facts.image) if facts.image else None
    return PageSeo(
        canonical,
        open_graph(site, facts, canonical, image),
        twitter_card(facts, image),
        site.robots,
        script_json(news_article(site, facts, canonical, image)),
        description=facts.summary,
    )


def open_graph(
    site: Site, facts: ReleaseFacts, canonical: str, image: str | None
) -> tuple[tuple[str, str], ...]:
    """Return Open Graph properties, in the order they are written."""
    graph = [
        ("og:site_name", site.name), ("og:type", "article"), ("og:title", facts.title),
        ("og:description", facts.summary), ("og:url", canonical), ("og:locale", facts.locale),
        *(("og:locale:alternate", other) for other in facts.other_locales),
    ]  # fmt: skip
    if image:
        graph += [("og:image", image), ("og:image:alt", facts.image_alt or "")]
    graph.append(("article:published_time", facts.published.isoformat()))
    if facts.modified:
        graph.append(("article:modified_time", facts.modified.isoformat()))
    graph += [("article:section", label) for label in facts.sections[:1]]
    graph += [("article:tag", tag) for tag in facts.tags]
    return tuple(graph)


def twitter_card(facts: ReleaseFacts, image: str | None) -> tuple[tuple[str, str], ...]:
    """Return Twitter card fields; a lead image makes it a large-image card."""
    card = [
        ("twitter:card", "summary_large_image" if image else "summary"),
        ("twitter:title", facts.title),
        ("twitter:description", facts.summary),
    ]
    if image:
        card += [("twitter:image", image), ("twitter:image:alt", facts.image_alt or "")]
    return tuple(card)


def news_article(site: Site, facts: ReleaseFacts, canonical: str, image: str | None) -> dict:
    """Return the schema.org NewsArticle of a release."""
    publisher = {"@type": "Organization", "name": site.name, "url": absolute(site.siteurl, "")}
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": canonical},
        "url": canonical,
        "headline": facts.title,
        "description": facts.summary,
        "inLanguage": facts.locale.replace("_", "-"),
        "datePublished": facts.published.isoformat(),
        "dateModified": (facts.modified or facts.published).isoformat(),
        "author": [person(facts.author) if facts.author else publisher],
        "publisher": publisher,
    }
    if image:
        data["image"] = [image]
    if facts.dateline:
        data["dateline"] = facts.dateline
    if facts.sections:
        data["articleSection"] = list(facts.sections)
    if facts.tags:
        data["keywords"] = list(facts.tags)
    return data


def person(author: Person) -> dict:
    """Return a schema.org Person."""
    data: dict = {"@type": "Person", "name": author.name}
    if author.role:
        data["jobTitle"] = author.role
    if author.organisation:
        data["worksFor"] = {"@type": "Organization", "name": author.organisation}
    return data
