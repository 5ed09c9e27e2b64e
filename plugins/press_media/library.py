"""The media library: every photo of visible releases per language, newest first, grouped by
release, with a page per topic and per year (static pages: the filters work without script)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from press_core import urls
from press_pages.listings import paginate

from .view import Picture


@dataclass(frozen=True)
class LibraryPhoto:
    """One photo in the library, with the release it belongs to."""

    picture: Picture
    release_title: str
    release_url: str
    date: Any = None  # the release's press_i18n Moment
    year: str = ""  # the year the release is filed under


@dataclass(frozen=True)
class LibraryGroup:
    """The photos of one release on one page of the library."""

    release_title: str
    release_url: str
    date: Any
    photos: tuple[LibraryPhoto, ...]


def groups_of(photos: list[LibraryPhoto]) -> list[LibraryGroup]:
    """Group a page's photos by release, keeping their order (a release may span two pages)."""
    found: list[LibraryGroup] = []
    for photo in photos:
        if found and found[-1].release_url == photo.release_url:
            last = found[-1]
            found[-1] = LibraryGroup(last.release_title, last.release_url, last.date,
                                     (*last.photos, photo))  # fmt: skip
        else:
            found.append(LibraryGroup(photo.release_title, photo.release_url, photo.date, (photo,)))
    return found


@dataclass(frozen=True)
class LibraryPage:
    """One page of the library to render: where, in which language, and what it lists."""

    save_as: str
    lang: str
    alternates: tuple[tuple[str, str], ...]
    hreflang: tuple[tuple[str, str], ...]
    values: dict


def library_url(settings: Any, lang: str, topic: str | None = None, year: str = "") -> str:
    """Return the site-relative URL of a language's library, or of one topic or year in it."""
    if year:
        return f"{urls.media_url(settings, lang)}{year}/"
    if topic is None:
        return urls.media_url(settings, lang)
    return urls.media_topic_url(settings, lang, topic)


def photos_of(articles: list[Any]) -> list[LibraryPhoto]:
    """List the photos of releases (already newest first), each original once per release."""
    found = []
    for article in articles:
        media = article.view.media
        year = article.press.filed.year_text
        for picture in media.photos() if media else []:
            found.append(
                LibraryPhoto(
                    picture, article.press.meta.title, article.url, article.view.date, year
                )
            )
    return found


def topic_has_photos(articles: list[Any], topic: str) -> bool:
    """Tell whether a topic has a photo library page among these releases."""
    return bool(photos_of([a for a in articles if topic in a.press.meta.topics]))


def library_pages(site: Any, page_size: int) -> list[LibraryPage]:
    """Plan the paginated library of each language, its topic pages and its year pages."""
    pages = []
    for lang in site.settings.langs:
        articles = site.in_lang(lang)
        illustrated = [a for a in articles if photos_of([a])]
        topics = sorted({t for a in illustrated for t in a.press.meta.topics})
        years = sorted({a.press.filed.year_text for a in illustrated}, reverse=True)
        filters = (topics, years)
        pages += collection(site, lang, Part(None, ""), articles, filters, page_size)
        for topic in topics:
            chosen = [a for a in illustrated if topic in a.press.meta.topics]
            pages += collection(site, lang, Part(topic, ""), chosen, filters, page_size)
        for year in years:
            chosen = [a for a in illustrated if a.press.filed.year_text == year]
            pages += collection(site, lang, Part(None, year), chosen, filters, page_size)
    return pages


@dataclass(frozen=True)
class Part:
    """Which part of a library a page shows: all (None, ""), one topic, or one year."""

    topic: str | None
    year: str


def versions_of(site: Any, part: Part) -> dict[str, str]:
    """Return the URL of the same part of the library in each language that has it."""
    settings = site.settings
    found = {}
    for other in settings.langs:
        articles = site.in_lang(other)
        if part.topic is not None:
            articles = [a for a in articles if part.topic in a.press.meta.topics]
        if part.year:
            articles = [a for a in articles if a.press.filed.year_text == part.year]
        if (part.topic is None and not part.year) or photos_of(articles):
            found[other] = library_url(settings, other, part.topic, part.year)
    return found


def collection(
    site: Any,
    lang: str,
    part: Part,
    articles: list[Any],
    filters: tuple[list[str], list[str]],
    size: int,
) -> list[LibraryPage]:
    """Plan the pages of the whole library or of one topic or year, in one language."""
    settings = site.settings
    versions = versions_of(site, part)
    alternates = tuple(urls.alternates(lang, versions, settings.langs))
    topics, years = filters
    links = [(settings.topic_label(t, lang), library_url(settings, lang, t)) for t in topics]
    year_links = [(year, library_url(settings, lang, None, year)) for year in years]
    label = settings.topic_label(part.topic, lang) if part.topic else None
    pages = []
    here = library_url(settings, lang, part.topic, part.year)
    for page in paginate(photos_of(articles), size, here):
        # Page 2 on has no equivalent in another language: its hreflang names itself only.
        hreflang = tuple(sorted(versions.items())) if page.number == 1 else ((lang, page.url),)
        library = {"topic": label, "year": part.year, "pagination": page, "topics": links,
                   "years": year_links, "groups": groups_of(list(page.items)), "here": here,
                   "home_url": library_url(settings, lang)}  # fmt: skip
        pages.append(LibraryPage(page.save_as, lang, alternates, hreflang, {"library": library}))
    return pages
