"""The media library: every photo of visible releases per language, newest first, and by topic."""

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


@dataclass(frozen=True)
class LibraryPage:
    """One page of the library to render: where, in which language, and what it lists."""

    save_as: str
    lang: str
    alternates: tuple[tuple[str, str], ...]
    hreflang: tuple[tuple[str, str], ...]
    values: dict


def library_url(settings: Any, lang: str, topic: str | None = None) -> str:
    """Return the site-relative URL of the library of a language, or of one topic in it."""
    if topic is None:
        return urls.media_url(settings, lang)
    return urls.media_topic_url(settings, lang, topic)


def photos_of(articles: list[Any]) -> list[LibraryPhoto]:
    """List the photos of releases (already newest first), each original once per release."""
    found = []
    for article in articles:
        media = article.view.media
        for picture in media.photos() if media else []:
            found.append(LibraryPhoto(picture, article.press.meta.title, article.url))
    return found


def topic_has_photos(articles: list[Any], topic: str) -> bool:
    """Tell whether a topic has a photo library page among these releases."""
    return bool(photos_of([a for a in articles if topic in a.press.meta.topics]))


def library_pages(site: Any, page_size: int) -> list[LibraryPage]:
    """Plan the paginated library of each language and its topic pages."""
    pages = []
    for lang in site.settings.langs:
        articles = site.in_lang(lang)
        illustrated = [a for a in articles if photos_of([a])]
        topics = sorted({t for a in illustrated for t in a.press.meta.topics})
        pages += collection(site, lang, None, articles, topics, page_size)
        for topic in topics:
            chosen = [a for a in illustrated if topic in a.press.meta.topics]
            pages += collection(site, lang, topic, chosen, [], page_size)
    return pages


def collection(
    site: Any, lang: str, topic: str | None, articles: list[Any], topics: list[str], size: int
) -> list[LibraryPage]:
    """Plan the pages of the whole library (topic None) or of one topic, in one language."""
    settings = site.settings
    photos = photos_of(articles)
    versions = {
        other: library_url(settings, other, topic)
        for other in settings.langs
        if topic is None or topic_has_photos(site.in_lang(other), topic)
    }
    alternates = tuple(urls.alternates(lang, versions, settings.langs))
    links = [(settings.topic_label(t, lang), library_url(settings, lang, t)) for t in topics]
    label = settings.topic_label(topic, lang) if topic else None
    pages = []
    for part in paginate(photos, size, library_url(settings, lang, topic)):
        # Page 2 on has no equivalent in another language: its hreflang names itself only.
        hreflang = tuple(sorted(versions.items())) if part.number == 1 else ((lang, part.url),)
        library = {"topic": label, "pagination": part, "topics": links,
                   "home_url": library_url(settings, lang)}  # fmt: skip
        pages.append(LibraryPage(part.save_as, lang, alternates, hreflang, {"library": library}))
    return pages
