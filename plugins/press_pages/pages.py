"""The listing pages and vCards of one build, planned from the visible releases and contacts."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from press_core import urls
from press_core.i18n_marks import N_
from press_feeds.plan import FeedLink, feed_links, feed_title

from .archive import year_pages
from .listings import (
    Group,
    Listing,
    paginate,
    tag_groups,
    topic_groups,
    upcoming_events,
    year_groups,
)
from .people import by_organisation, covering
from .vcard import Card, vcard

Links = tuple[tuple[str, str], ...]  # (lang, site-relative URL)
INDEXES = ("topics", "tags", "archive")  # sections whose index lists groups
SINGLE = {"topics": "topic", "tags": "tag", "archive": "year"}


CHOOSER_NOTE = N_("Press releases, contacts and feeds")
CHOOSER_HEADING = N_("Latest releases")
CHOOSER_MORE = N_("All releases in this language")
HEADLINES = 3  # newest releases the root page shows per language
UPCOMING = 3  # events a home announces


@dataclass(frozen=True)
class Choice:
    """A language offered by the root chooser, described in that language."""

    lang: str
    name: str
    url: str
    note: str
    heading: str = ""  # "Latest releases", in this language
    more: str = ""  # the link to the language's home, in this language
    headlines: tuple = ()  # the newest visible releases of this language


@dataclass(frozen=True)
class OutputPage:
    """One page to render: its file, template and the variables the templates expect."""

    save_as: str
    template: str
    lang: str
    alternates: Links  # language switcher: the page in each other language, else its home
    hreflang: Links  # the real versions of the page, itself included
    feeds: tuple[FeedLink, ...] = ()
    values: Mapping[str, Any] = field(default_factory=dict)
    relative: bool = True  # False: links from the site root (404 pages, served at any address)


@dataclass(frozen=True)
class OutputFile:
    """One file that no template renders (a vCard)."""

    save_as: str
    data: bytes
    source: str


class Planner:
    """Plans every listing page and vCard of a build from context['press']."""

    def __init__(
        self, site: Any, gettext: Callable[[str, str], str] = lambda lang, text: text
    ) -> None:
        self.site = site
        self.settings = site.settings
        self.gettext = gettext  # (lang, message) -> translation, for the chooser and feed titles
        self.langs = tuple(self.settings.langs)
        self.articles = {lang: site.in_lang(lang) for lang in self.langs}
        self.groups = {
            (kind, lang): self._groups(kind, lang) for kind in INDEXES for lang in self.langs
        }
        self.pairs = paired_tags(self.settings.extra.get("PRESS_TAG_PAIRS", ()))
        # lang -> every "YYYY-MM" with a release filed then (each month's page asks it)
        self.months = {
            lang: {f"{a.press.filed.year_text}-{a.press.filed.month_text}" for a in articles}
            for lang, articles in self.articles.items()
        }

    def _groups(self, kind: str, lang: str) -> dict[str, Group]:
        articles, settings = self.articles[lang], self.settings
        if kind == "topics":
            found = topic_groups(
                articles,
                lambda t: settings.topic_label(t, lang),
                lambda t: urls.topic_url(settings, lang, t),
            )
        elif kind == "tags":
            found = tag_groups(articles, lambda slug: urls.tag_url(settings, lang, slug))
        else:
            found = year_groups(articles, lambda y: urls.archive_url(settings, lang, y))
        return {group.id: group for group in found}

    def versions(self, kind: str = "", key: str = "", lang: str = "") -> dict[str, str]:
        """Return lang -> URL of a listing in every language that has it.

        A tag of `lang` is found in another language under the tag paired with it
        (PRESS_TAG_PAIRS), else under the same slug.
        """
        if not kind:
            return {lang: urls.home_url(lang) for lang in self.langs}
        if not key:
            return {lang: urls.section_url(self.settings, lang, kind) for lang in self.langs}
        keys = self.pairs.get((lang, key), {}) if kind == "tags" else {}
        groups = {other: self.groups[kind, other] for other in self.langs}
        return {
            other: found[keys.get(other, key)].url
            for other, found in groups.items()
            if keys.get(other, key) in found
        }

    def fallback(self, kind: str) -> dict[str, str]:
        """Return lang -> the index a listing of `kind` falls back to where a language lacks it."""
        return self.versions(kind if kind in INDEXES else "")

    def page(
        self,
        save_as: str,
        template: str,
        lang: str,
        versions: dict[str, str],
        fallback: dict[str, str] | None = None,
        **values: Any,
    ) -> OutputPage:
        """Return a page with its switcher targets and hreflang links.

        The switcher leads to the same page in each other language, else to `fallback`
        (the index above it: the topics, tags or archive page), else to that language's home.
        """
        alternates = tuple(urls.alternates(lang, {**(fallback or {}), **versions}, self.langs))
        feeds = values["listing"].feeds if "listing" in values else ()
        return OutputPage(
            save_as, template, lang, alternates, tuple(sorted(versions.items())), feeds, values
        )

    def pages(self) -> list[OutputPage]:
        """Return every page to render: the chooser, then each language's listings."""
        pages = [self.chooser()]
        for lang in self.langs:
            upcoming = upcoming_events(self.articles[lang], self.settings.now, UPCOMING)
            home = Listing("home", urls.home_url(lang), browse=self.browse(lang), upcoming=upcoming)
            pages += self.paginated(lang, home, self.articles[lang], self.versions())
            for kind in INDEXES:
                pages += self.section(lang, kind)
            pages.append(self.contacts(lang))
        return pages

    def browse(self, lang: str) -> tuple[tuple[str, str], ...]:
        """Return the indexes a reader browses releases by: topics, tags, years."""
        return tuple((kind, urls.section_url(self.settings, lang, kind)) for kind in INDEXES)

    def chooser(self) -> OutputPage:
        """Return the root page that offers each language's home, described in that language."""
        names = self.settings.languages
        choices = tuple(
            Choice(
                lang,
                names[lang]["name"],
                urls.home_url(lang),
                self.gettext(lang, CHOOSER_NOTE),
                self.gettext(lang, CHOOSER_HEADING),
                self.gettext(lang, CHOOSER_MORE),
                tuple(self.articles[lang][:HEADLINES]),
            )
            for lang in self.langs
        )
        homes = tuple((c.lang, c.url) for c in choices)
        return OutputPage(
            urls.save_as(urls.chooser_url()),
            "chooser",
            self.settings.default_lang,
            homes,
            homes,
            values={"choices": choices},
        )

    def paginated(
        self,
        lang: str,
        listing: Listing,
        items: Sequence[Any],
        versions: dict[str, str],
        fallback: dict[str, str] | None = None,
    ) -> list[OutputPage]:
        """Return the pages of a listing split by PRESS_PAGE_SIZE: base/, base/page/2/, ..."""
        template = "index" if listing.kind == "home" else "listing"
        pages = []
        for part in paginate(items, self.settings.page_size, versions[lang]):
            # The menu marks "Latest releases" as the current page on the home's first page only.
            nav = "home" if listing.kind == "home" and part.number == 1 else None
            page = self.page(
                part.save_as,
                template,
                lang,
                versions,
                fallback,
                listing=replace(listing, pagination=part),
                nav_current=nav,
            )
            # Page 2 of a listing has no equivalent elsewhere: its hreflang names itself only.
            pages.append(page if part.number == 1 else replace(page, hreflang=((lang, part.url),)))
        return pages

    def section(self, lang: str, kind: str) -> list[OutputPage]:
        """Return the index of topics, tags or years, and the listing of each one."""
        groups = self.groups[kind, lang]
        home, index = urls.home_url(lang), urls.section_url(self.settings, lang, kind)
        nav = kind if kind in ("topics", "archive") else None
        listing = Listing(kind, home, groups=tuple(groups.values()), browse=self.browse(lang))
        pages = [
            self.page(
                urls.save_as(index),
                "listing",
                lang,
                self.versions(kind),
                listing=listing,
                nav_current=nav,
            )
        ]
        for group in groups.values():
            listing = Listing(SINGLE[kind], home, index, group.label)
            if kind == "archive":
                pages += year_pages(self, lang, group, home, index)
                continue
            if kind == "topics":
                listing = replace(listing, contacts=covering(self.site.contacts.values(), group.id))
            title = feed_title(self.settings, self.gettext, lang, kind, group.label)
            listing = replace(
                listing,
                feeds=feed_links(title, urls.feed_path(self.settings, lang, kind, group.id)),
            )
            versions = self.versions(kind, group.id, lang)
            pages += self.paginated(lang, listing, group.items, versions, self.fallback(kind))
        return pages

    def contacts(self, lang: str) -> OutputPage:
        """Return the contacts directory of a language."""
        save_as = urls.save_as(urls.section_url(self.settings, lang, "contacts"))
        contacts = tuple(self.site.contacts.values())
        return self.page(
            save_as,
            "contacts",
            lang,
            self.versions("contacts"),
            contacts=contacts,
            contact_groups=by_organisation(contacts, lang),
            nav_current="contacts",
        )

    def files(self, source: str) -> list[OutputFile]:
        """Return one vCard per contact and language (the role is in that language)."""
        return [
            OutputFile(
                urls.vcard_url(self.settings, lang, contact.id),
                vcard(card_of(contact, lang, self.settings.absolute_url)).encode("utf-8"),
                source,
            )
            for lang in self.langs
            for contact in self.site.contacts.values()
        ]


def paired_tags(pairs: Sequence[Mapping[str, str]]) -> dict[tuple[str, str], dict[str, str]]:
    """Map (lang, tag slug) to the slug of its tag in each language of its pair."""
    found = {}
    for pair in pairs:
        slugs = {lang: urls.tag_slug(tag) for lang, tag in pair.items()}
        found.update({(lang, slug): slugs for lang, slug in slugs.items()})
    return found


def card_of(contact: Any, lang: str, site_url: str) -> Card:
    """Return the vCard values of a contact (press_content's Contact) in a language."""
    photo = urls.absolute(site_url, contact.photo) if contact.photo else None
    return Card(contact.id, contact.name, contact.organisation_in(lang), contact.role_in(lang),
                lang, contact.email, contact.phone, contact.fax, contact.mobile,
                photo, contact.url)  # fmt: skip
