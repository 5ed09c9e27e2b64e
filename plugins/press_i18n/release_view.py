"""Finished values for the release page: labels, dates, URLs, translation map."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from press_content.releases import Link
from press_content.settings import PressSettings

from . import labels, urls
from .catalogs import Catalogs
from .dates import moment_for


@dataclass(frozen=True)
class RelatedView:
    """A related link as the page shows it; `note` names the other language it leads to."""

    title: str
    url: str  # site-relative when internal, absolute otherwise
    internal: bool
    lang: str | None
    note: str | None
    host: str  # the web site an external link leads to, shown beside it


def related_views(
    links: list[Link], page_lang: str, settings: PressSettings, catalogs: Catalogs
) -> list[RelatedView]:
    """Mark the internal links that lead to a release in another language."""
    locale = settings.locale(page_lang)
    return [
        RelatedView(
            link.title, link.url, link.internal, link.lang,
            labels.in_language(catalogs, page_lang, locale, link.lang) if link.in_other_language(page_lang) else None,
            "" if link.internal else urlsplit(link.url).netloc,
        )
        for link in links
    ]  # fmt: skip


def versions(article: Any) -> dict[str, str]:
    """Return lang -> URL of every visible version of a release, itself included."""
    return {article.lang: article.url, **{t.lang: t.url for t in article.translations}}


def decorate(article: Any, settings: PressSettings, catalogs: Catalogs) -> None:
    """Put on a release every value its page renders, in the release's language."""
    lang, meta = article.lang, article.press.meta
    locale, zone = settings.locale(lang), settings.timezone
    article.press_date = moment_for(meta.date, locale, zone)
    article.press_date_display = article.press_date.display
    article.press_updated = moment_for(meta.updated, locale, zone) if meta.updated else None
    article.press_updated_display = article.press_updated.display if meta.updated else None
    article.press_type_label = labels.type_label(catalogs, meta.type, lang)
    article.press_topics = [
        (t, settings.topic_label(t, lang), urls.topic_url(settings, lang, t)) for t in meta.topics
    ]
    article.press_tags = [(tag, urls.tag_url(settings, lang, tag)) for tag in meta.tags]
    article.press_archive_url = urls.archive_url(settings, lang, article.press.filed.year_text)
    found = versions(article)
    article.press_alternates = urls.alternates(lang, found, settings.langs)
    article.press_hreflang = sorted(found.items())
    article.press_untranslated = [
        labels.not_translated(catalogs, lang, locale, other)
        for other in settings.langs
        if other not in found
    ]
    article.press_related_links = related_views(article.press_related, lang, settings, catalogs)
