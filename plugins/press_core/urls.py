"""Site-relative URLs of the per-language pages, shared by the release page and the listings."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from unidecode import unidecode

from .calendar import YearMonth
from .segments import topic_segment
from .settings import PressSettings

NOT_FOUND = "404.html"  # the page servers show for a missing address

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


def chooser_url() -> str:
    """Return the URL of the language chooser at the site root: ``."""
    return ""


def home_url(lang: str) -> str:
    """Return the URL of a language's home (latest releases): `en/`."""
    return f"{lang}/"


def section_url(settings: PressSettings, lang: str, section: str) -> str:
    """Return the URL of a section's index in a language: `fr/sujets/`."""
    return f"{lang}/{settings.section(lang, section)}/"


def release_url(settings: PressSettings, lang: str, filed: YearMonth, slug: str) -> str:
    """Return the URL of a release page: `en/releases/2021/05/<slug>/`."""
    section = settings.section(lang, "releases")
    return f"{lang}/{section}/{filed.year_text}/{filed.month_text}/{slug}/"


def save_as(url: str) -> str:
    """Return the output file of a page at a folder URL: `en/topics/` -> `en/topics/index.html`."""
    return f"{url}index.html"


def page_url(output_file: str) -> str:
    """Return the URL of an output file, `save_as` undone: `en/x/index.html` -> `en/x/`."""
    head, _, tail = output_file.replace("\\", "/").rpartition("/")
    if tail != "index.html":
        return output_file
    return f"{head}/" if head else ""


def listing_page_url(base: str, number: int) -> str:
    """Return the URL of page `number` of a listing at `base` (page 1 is base itself)."""
    return base if number == 1 else f"{base}page/{number}/"


def not_found_path(lang: str | None = None) -> str:
    """Return the output file of a language's missing-page page, or of the bilingual root one."""
    return f"{lang}/{NOT_FOUND}" if lang else NOT_FOUND


def ics_path(page_save_as: str) -> str:
    """Return where an invitation's .ics goes: beside its page, named after its folder."""
    folder = posixpath.dirname(page_save_as)
    return posixpath.join(folder, f"{posixpath.basename(folder) or 'event'}.ics")


def media_url(settings: PressSettings, lang: str) -> str:
    """Return the URL of a language's media library: `fr/medias/` (`media/` if unnamed)."""
    return f"{lang}/{settings.sections[lang].get('media', 'media')}/"


def media_topic_url(settings: PressSettings, lang: str, topic: str) -> str:
    """Return the URL of one topic in a language's media library: `fr/medias/sujets/numerique/`."""
    section = settings.section(lang, "topics")
    return f"{media_url(settings, lang)}{section}/{topic_slug(settings, lang, topic)}/"


def search_url(settings: PressSettings, lang: str) -> str:
    """Return the URL of a language's search page: `fr/recherche/` (`search/` if unnamed)."""
    return f"{lang}/{settings.sections[lang].get('search', 'search')}/"


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


def rss_url(feed: str) -> str:
    """Return the URL of a feed's RSS file, from its path without extension (`feed_path`)."""
    return f"{feed}.xml"


def atom_url(feed: str) -> str:
    """Return the URL of a feed's Atom file, from its path without extension."""
    return f"{feed}.atom"


def opml_url(directory: str) -> str:
    """Return the URL of the OPML file of a language's feed directory: `fr/fils/feeds.opml`."""
    return f"{directory}feeds.opml"


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
