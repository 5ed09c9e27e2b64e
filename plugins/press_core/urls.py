"""Site-relative URLs of the per-language pages, shared by the release page and the listings."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from unidecode import unidecode

from .segments import topic_segment
from .settings import PressSettings

SLUG_LENGTH = 80


def slugify(title: str) -> str:
    """Make a URL slug from a title: accents folded, a-z 0-9 and hyphens."""
    slug = re.sub(r"[^a-z0-9]+", "-", unidecode(title).lower()).strip("-")
    if len(slug) > SLUG_LENGTH:
        slug = slug[:SLUG_LENGTH].rsplit("-", 1)[0]
    return slug or "release"


def absolute(siteurl: str, url: str) -> str:
    """Join an absolute site URL and a site-relative URL."""
    return f"{siteurl.rstrip('/')}/{url.lstrip('/')}"


def home_url(lang: str) -> str:
    """Return the URL of a language's home (latest releases): `en/`."""
    return f"{lang}/"


def section_url(settings: PressSettings, lang: str, section: str) -> str:
    """Return the URL of a section's index in a language: `fr/sujets/`."""
    return f"{lang}/{settings.section(lang, section)}/"


def media_url(settings: PressSettings, lang: str) -> str:
    """Return the URL of a language's media library: `fr/medias/` (`media/` if unnamed)."""
    return f"{lang}/{settings.sections[lang].get('media', 'media')}/"


def topic_slug(settings: PressSettings, lang: str, topic: str) -> str:
    """Return the URL segment of a topic in a language: its label folded (press_content.segments)."""
    return topic_segment(settings.topic_label(topic, lang))


def topic_url(settings: PressSettings, lang: str, topic: str) -> str:
    """Return the URL of a topic page: `fr/sujets/developpement-durable/`."""
    return f"{section_url(settings, lang, 'topics')}{topic_slug(settings, lang, topic)}/"


def tag_slug(tag: str) -> str:
    """Return the URL segment of a free tag: accents folded, like a release slug."""
    return slugify(tag)


def tag_url(settings: PressSettings, lang: str, tag: str) -> str:
    """Return the URL of a tag page: `fr/mots-cles/jeunes-pousses/`."""
    return f"{section_url(settings, lang, 'tags')}{tag_slug(tag)}/"


def feed_path(settings: PressSettings, lang: str, kind: str, name: str) -> str:
    """Return the URL of a topic or tag feed, without extension: `fr/fils/sujets/numerique`.

    `kind` is "topics" (name: a topic id) or "tags" (name: a tag slug); both the
    sub-section and the topic are written in the feed's language.
    """
    segment = topic_slug(settings, lang, name) if kind == "topics" else name
    return f"{section_url(settings, lang, 'feeds')}{settings.section(lang, kind)}/{segment}"


def archive_url(settings: PressSettings, lang: str, year: int | str) -> str:
    """Return the URL of a year of the archive: `fr/archives/2021/`."""
    return f"{section_url(settings, lang, 'archive')}{year}/"


def month_url(settings: PressSettings, lang: str, year: int | str, month: int | str) -> str:
    """Return the URL of a month of the archive: `fr/archives/2021/05/`."""
    return f"{archive_url(settings, lang, year)}{int(month):02d}/"


def vcard_url(settings: PressSettings, lang: str, contact_id: str) -> str:
    """Return the URL of a contact's vCard: `fr/contacts/marc-belcourt.vcf`."""
    return f"{section_url(settings, lang, 'contacts')}{contact_id}.vcf"


def alternates(
    lang: str, versions: Mapping[str, str], langs: Iterable[str]
) -> list[tuple[str, str]]:
    """Return (lang, url) of the page in each other language, that language's home when missing."""
    return [(other, versions.get(other) or home_url(other)) for other in langs if other != lang]


@dataclass(frozen=True)
class NavLinks:
    """The site navigation of one language."""

    home: str
    topics: str
    archive: str
    contacts: str
    feeds: str
    media: str  # the media library; the menu shows it when press_media is in PLUGINS


def nav_links(settings: PressSettings, lang: str) -> NavLinks:
    """Return the navigation URLs of one language."""
    return NavLinks(
        home=home_url(lang),
        topics=section_url(settings, lang, "topics"),
        archive=section_url(settings, lang, "archive"),
        contacts=section_url(settings, lang, "contacts"),
        feeds=section_url(settings, lang, "feeds"),
        media=media_url(settings, lang),
    )


def tel_uri(phone: str) -> str:
    """Return a tel: link with the digits of a number as typed: `tel:+19054285078`."""
    digits = "".join(c for c in phone if c.isdigit())
    return f"tel:+{digits}" if phone.lstrip().startswith("+") else f"tel:{digits}"
