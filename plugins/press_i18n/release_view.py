"""The core view of each release: the values every feature reads, and the features' facets."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from press_content.contacts import Contact
from press_content.releases import Link, Release, due_at, resolve_related
from press_content.site import PressSite
from press_core import urls
from press_core.calendar import YearMonth
from press_core.facets import EventFacet, MediaFacet, SearchFacet, SeoFacet
from press_core.images import ImageView, image_view
from press_core.settings import PressSettings

from . import labels
from .catalogs import Catalogs
from .dates import Moment, moment_for, stated_moment
from .share import ShareLinks, byline, domain, share_links
from .untranslated import untranslated_url


@dataclass(frozen=True)
class RelatedView:
    """A related link as the page shows it; `note` names the other language it leads to."""

    title: str
    url: str  # site-relative when internal, absolute otherwise
    internal: bool
    lang: str | None
    note: str | None
    host: str  # external: the domain it leads to, without "www." ("" when internal)
    type_label: str | None = None  # internal: the target's type, in the page's language
    date: Moment | None = None  # internal: the target's date, in the page's language


def related_views(
    links: list[Link],
    page_lang: str,
    settings: PressSettings,
    catalogs: Catalogs,
    targets: dict[str, Release],
) -> list[RelatedView]:
    """Describe each related link: type and date of a release, domain of another site."""
    locale = settings.locale(page_lang)
    views = []
    for link in links:
        note = None
        if link.in_other_language(page_lang):
            note = labels.in_language(catalogs, page_lang, locale, link.lang)
        target = targets.get(link.url) if link.internal else None
        views.append(
            RelatedView(
                link.title, link.url, link.internal, link.lang, note,
                "" if link.internal else domain(link.url),
                labels.type_label(catalogs, target.meta.type, page_lang) if target else None,
                moment_for(target.meta.date, locale, settings.timezone) if target else None,
            )
        )  # fmt: skip
    return views


def versions(article: Any) -> dict[str, str]:
    """Return lang -> URL of every visible version of a release, itself included."""
    return {article.lang: article.url, **{t.lang: t.url for t in article.translations}}


def switch_targets(article: Any, now: datetime, langs: tuple[str, ...]) -> dict[str, str]:
    """Return lang -> where the language switch leads: the version, else the page saying
    it is missing (published releases only: nothing withheld gets one), else the home."""
    missing = {}
    if article.press.is_due(now):
        missing = {lang: untranslated_url(lang, article.press.meta.key) for lang in langs}
    return {**missing, **versions(article)}


def preview_state(release: Release, now: datetime) -> str | None:
    """Name why a release shows only in preview: draft, embargoed, or nothing."""
    if release.meta.status == "draft":
        return "draft"
    return None if release.is_due(now) else "embargoed"


@dataclass(frozen=True)
class ReleaseView:
    """One release in its own language, finished: what templates, feeds and features read.

    The facets at the end are filled by the features that own them (press_core.facets).
    """

    url: str
    lang: str
    date: Moment  # .iso, .display, .day
    updated: Moment | None
    filed: YearMonth  # year and month the release is filed under (press_core.calendar)
    type_label: str
    topics: tuple[tuple[str, str, str], ...]  # (id, label, url)
    tags: tuple[tuple[str, str], ...]  # (tag, url)
    archive_url: str
    contacts: tuple[Contact, ...]
    author: Contact | None
    byline: Contact | None  # the author to show: None when the author is also a press contact
    related: tuple[RelatedView, ...]
    # (lang, url) of every other language; a missing one: its untranslated page, else its home
    alternates: tuple[tuple[str, str], ...]
    hreflang: tuple[tuple[str, str], ...]  # (lang, url) of every existing version, itself included
    untranslated: tuple[str, ...]  # "Not available in French" notes
    state: str | None  # "draft" or "embargoed" in a preview build, else None
    embargo: Moment | None  # when an embargoed release in a preview becomes due
    absolute_url: str  # the page's full address (PressSettings.absolute_url), printed on paper
    share: ShareLinks  # e-mail, LinkedIn and X share URLs of the page
    image: ImageView | None = None  # lead image with its pixel size (width/height attributes)
    # The release page's own times: in the release's `timezone`, then the newsroom's
    # ("... 9:30 AM CEST (3:30 AM EDT)"); listings keep `date` (the newsroom's zone).
    stated_date: Moment | None = None
    stated_updated: Moment | None = None
    summary: str = ""  # the summary, in the language's typography (home cards, lead story)
    title: str = ""  # the title, in the language's typography
    highlights: tuple[str, ...] = ()  # the key points under the title
    # Facets, each set by its feature with dataclasses.replace, else None (feature not in PLUGINS).
    event: EventFacet | None = None  # press_events, in the views phase: an invitation's event
    media: MediaFacet | None = None  # press_media: lead picture, gallery, downloads, press kit
    search: SearchFacet | None = None  # press_search: the release's details in the index
    seo: SeoFacet | None = None  # press_seo: head metadata (canonical, Open Graph, JSON-LD)

    def credited(self) -> Contact | None:
        """Return who wrote the release: its author, else its first press contact (feeds, JSON-LD)."""
        return self.author or (self.contacts[0] if self.contacts else None)


def build_view(
    article: Any,
    site: PressSite,
    by_pair: dict[tuple[str, str], Release],
    catalogs: Catalogs,
    content: Path = Path("content"),
    targets: dict[str, Release] | None = None,
) -> ReleaseView:
    """Return the one finished view of a visible release; `by_pair` maps (key, lang) to releases.

    `targets` maps each release URL to its release (made from `by_pair` when not given).
    """
    settings, release = site.settings, article.press
    lang, meta = article.lang, release.meta
    locale, zone = settings.locale(lang), settings.timezone
    found = versions(article)
    state = preview_state(release, settings.now)
    due = due_at(meta)
    links = resolve_related(release, by_pair, settings.langs)
    targets = by_url(by_pair) if targets is None else targets
    contacts = tuple(site.contacts[c] for c in meta.contacts)
    author = site.contacts.get(meta.author) if meta.author else None
    page = urls.absolute(settings.absolute_url, article.url)
    return ReleaseView(
        url=article.url,
        lang=lang,
        date=moment_for(meta.date, locale, zone),
        updated=moment_for(meta.updated, locale, zone) if meta.updated else None,
        filed=release.filed,
        type_label=labels.type_label(catalogs, meta.type, lang),
        topics=tuple(
            (t, settings.topic_label(t, lang), urls.topic_url(settings, lang, t))
            for t in meta.topics
        ),
        tags=tuple((tag, urls.tag_url(settings, lang, tag)) for tag in meta.tags),
        archive_url=urls.archive_url(settings, lang, release.filed.year_text),
        contacts=contacts,
        author=author,
        byline=byline(author, contacts),
        related=tuple(related_views(links, lang, settings, catalogs, targets)),
        alternates=tuple(
            urls.alternates(
                lang, switch_targets(article, settings.now, settings.langs), settings.langs
            )
        ),
        hreflang=tuple(sorted(found.items())),
        untranslated=tuple(
            labels.not_translated(catalogs, lang, locale, other)
            for other in settings.langs
            if other not in found
        ),
        state=state,
        embargo=moment_for(due, locale, zone) if state == "embargoed" else None,
        summary=meta.summary,
        title=meta.title,
        highlights=tuple(meta.highlights),
        absolute_url=page,
        share=share_links(article.title, page),
        image=image_view(meta.image.src, meta.image.alt, content, meta.image.credit)
        if meta.image
        else None,
        stated_date=stated(meta.date, locale, meta.timezone, zone),
        stated_updated=stated(meta.updated, locale, meta.timezone, zone) if meta.updated else None,
    )


def stated(moment: datetime, locale: str, own: str | None, newsroom: ZoneInfo) -> Moment:
    """Return an instant as the release page states it: in the release's zone, if it has one."""
    if own is None:
        return moment_for(moment, locale, newsroom)
    return stated_moment(moment, locale, ZoneInfo(own), newsroom)


def attach_views(site: PressSite, catalogs: Catalogs, content: Path) -> None:
    """Give every visible release its view, as `article.view`, once per build."""
    by_pair = {(a.press.meta.key, a.lang): a.press for a in site.articles}
    targets = by_url(by_pair)  # once: made per release, it cost time in the square of their number
    for article in site.articles:
        article.view = build_view(article, site, by_pair, catalogs, content, targets)


def by_url(by_pair: dict[tuple[str, str], Release]) -> dict[str, Release]:
    """Map each release's URL to the release."""
    return {release.url: release for release in by_pair.values()}
