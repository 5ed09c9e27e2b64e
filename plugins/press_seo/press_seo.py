"""Pelican side of press_seo: head metadata on pages, sitemaps and robots.txt in the output."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from jinja2 import pass_context
from pelican import signals
from press_build import build_of
from press_core.facets import EventFacet
from press_core.plugin_order import check_plugin_order
from press_core.urls import NOT_FOUND, page_url

from . import event_ld, meta
from .sitemaps import (
    NEWS_WINDOW,
    NewsItem,
    Page,
    alternates_of,
    news_sitemap_xml,
    recent,
    robots_txt,
    sitemap_xml,
)

SITEMAP = "sitemap.xml"
NEWS_SITEMAP = "news-sitemap.xml"
ROBOTS = "robots.txt"


class SeoGenerator:
    """Compute the head metadata of each release; write sitemaps and robots.txt last.

    press_seo comes last in PLUGINS, so this generator writes after every other
    generator has written its pages: it lists what was actually written, as
    Pelican's content_written signal reports it, rather than guessing URLs.
    """

    def __init__(
        self, context: dict, settings: dict, path: str, theme: str, output_path: str, *args: Any
    ) -> None:
        self.context = context
        self.settings = settings
        self.pages: dict[str, Page] = {}
        self.site = meta.Site("", settings.get("SITENAME", ""))
        signals.content_written.connect(self.record)

    @property
    def press(self) -> Any:
        """Return press_content's PressSite, or None when press_content did not run."""
        return self.context.get("press")

    def generate_context(self) -> None:
        """Give each release's view its SEO facet; put a lookup for every page in the context."""
        press = self.press
        if press is None:
            return
        robots = "noindex" if press.settings.preview else None
        # Absolute even in development (PRESS_ABSOLUTE_URL): sitemaps, canonical links,
        # Open Graph and JSON-LD are read by machines that cannot resolve relative URLs.
        self.site = meta.Site(press.settings.absolute_url, press.settings.site_name, robots)
        for article in press.articles:
            facts = release_facts(article, press.settings)
            seo = with_event(
                self.site, facts, article.view.event, meta.release_seo(self.site, facts)
            )
            article.view = replace(article.view, seo=seo)
        self.context["press_seo"] = self.page_seo

    @pass_context
    def page_seo(self, context: Any) -> meta.PageSeo:
        """Return the head values of the page being rendered (called by head_seo.html)."""
        view = getattr(context.get("article"), "view", None)
        if view is not None and view.seo is not None:  # a release: its view's facet
            return view.seo
        output_file = context.get("output_file") or "index.html"
        if output_file.rsplit("/", 1)[-1] == NOT_FOUND:  # pages for missing addresses: noindex
            return meta.not_found_seo(self.site)
        url = page_url(output_file)
        lang = context.get("page_lang") or lang_of(url, self.press.settings.langs)
        return meta.page_seo(self.site, url, self.press.settings.locale(lang) if lang else None)

    def record(self, path: str, context: dict | None = None, **kwargs: Any) -> None:
        """Note each HTML page Pelican writes, with its language and alternates."""
        name = (context or {}).get("output_file")
        if not name or not name.endswith("index.html") or self.press is None:
            return
        self.pages[page_url(name)] = page_of(page_url(name), context, self.press.settings.langs)

    def generate_output(self, writer: Any) -> None:
        """Write robots.txt, and in a published build the two sitemaps."""
        signals.content_written.disconnect(self.record)
        press = self.press
        if press is None:
            return
        settings = press.settings
        siteurl = self.site.siteurl
        if not settings.preview:
            pages = self.pages.values()
            writer.write_bytes(
                SITEMAP,
                sitemap_xml(pages, siteurl, settings.default_lang, settings.langs),
                "press_seo sitemap",
            )
            news = list(map(news_item, press.articles))
            items = recent(news, settings.now)
            memo = build_of(self).memo
            for item in news if memo is not None else ():
                memo.expires(item.published + NEWS_WINDOW)  # it leaves the news sitemap
            writer.write_bytes(
                NEWS_SITEMAP,
                news_sitemap_xml(items, siteurl, settings.site_name),
                "press_seo news sitemap",
            )
        writer.write_bytes(
            ROBOTS,
            robots_txt(siteurl, [SITEMAP, NEWS_SITEMAP], settings.preview),
            "press_seo robots.txt",
        )


def lang_of(url: str, langs: tuple[str, ...]) -> str | None:
    """Return the language a site-relative URL starts with, if any."""
    first = url.split("/", 1)[0]
    return first if first in langs else None


def page_of(url: str, context: dict, langs: tuple[str, ...]) -> Page:
    """Return a written page as the sitemap needs it."""
    article = context.get("article")
    if article is not None and getattr(article, "press", None) is not None:
        # A release's real translations, never the switcher's fall-back to the other home.
        alternates = tuple((t.lang, t.url) for t in in_order(article.translations))
        return Page(
            url, article.lang, alternates, article.press.meta.updated or article.press.meta.date
        )
    lang = context.get("page_lang") or lang_of(url, langs)
    return Page(url, lang, alternates_of(context.get("alternates")))


def in_order(translations: list[Any]) -> list[Any]:
    """Return a release's translations by language code: Pelican finds them in set order."""
    return sorted(translations, key=lambda translation: translation.lang)


def release_facts(article: Any, settings: Any) -> meta.ReleaseFacts:
    """Unpack a Pelican article into the plain values the metadata needs."""
    release = article.press.meta
    author = article.view.credited()  # the author, else the first press contact
    return meta.ReleaseFacts(
        url=article.view.url,
        title=release.title,
        summary=release.summary,
        locale=settings.locale(release.lang),
        other_locales=tuple(settings.locale(t.lang) for t in in_order(article.translations)),
        published=release.date,
        modified=release.updated,
        image=share_image(article),
        image_alt=release.image.alt if release.image else None,
        author=meta.Person(
            author.name, author.role_in(release.lang), author.organisation_in(release.lang)
        )
        if author
        else None,
        sections=tuple(settings.topic_label(topic, release.lang) for topic in release.topics),
        tags=tuple(release.tags),
        dateline=release.dateline,
    )


def with_event(
    site: meta.Site, facts: meta.ReleaseFacts, event: EventFacet | None, seo: meta.PageSeo
) -> meta.PageSeo:
    """Add the schema.org Event of an invitation (event: the view's event facet, or None)."""
    if event is None:
        return seo
    place = event_ld.EventFacts(
        event.start.iso, event.end.iso, event.venue, event.address, event.rsvp
    )
    data = event_ld.event_data(site, facts, place)
    return replace(seo, event_json_ld=meta.script_json(data))


def share_image(article: Any) -> str | None:
    """Return the lead image to share: press_media's 1200x630 crop when there is one."""
    media = article.view.media
    if media is not None and media.lead is not None:
        return media.lead.og
    image = article.press.meta.image
    return image.src if image else None


def news_item(article: Any) -> NewsItem:
    """Return a release as the Google News sitemap needs it."""
    release = article.press.meta
    return NewsItem(article.view.url, article.view.lang, release.title, release.date)


def add_generator(pelican: Any) -> type:
    """Offer the generator to Pelican."""
    return SeoGenerator


def register() -> None:
    """Connect the handlers."""
    # initialized: every plugin is loaded, nothing is read yet; stop on a wrong PLUGINS.
    signals.initialized.connect(check_plugin_order)
    # get_generators: sitemaps and robots.txt are new output files, written through
    # SafeWriter by a generator of their own.
    signals.get_generators.connect(add_generator)
