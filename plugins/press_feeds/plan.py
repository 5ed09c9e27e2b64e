"""Plan a build's feeds: which exist, where they go, their localized titles and their items."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from babel.lists import format_list
from press_core import urls
from press_core.grouping import by_tag, by_topic, sort_key, tag_labels
from press_core.i18n_marks import N_
from press_core.settings import PressSettings
from press_i18n.labels import language_name

from .feeds import ATOM_TYPE, EPOCH, RSS_TYPE, FeedItem, FeedSpec, select_items
from .items import FeedRelease, absolute
from .opml import FeedRef

Gettext = Callable[[str, str], str]  # (lang, message) -> the message in that language


IN_LANGUAGE = N_("Releases in %(language)s")
TOPIC = N_("Topic: %(topic)s")
TAG = N_("Tag: %(tag)s")
SUBTITLE = N_("The latest press releases of %(site)s, newest first.")
OPML_TITLE = N_("Feeds in %(language)s")
SEPARATOR = " — "
EVERYTHING = "feeds/releases"  # both languages, at the site root
SUBJECTS = {"topics": TOPIC, "tags": TAG}  # what a topic or tag feed's title ends with


def feed_title(
    settings: PressSettings, gettext: Gettext, lang: str, kind: str = "", label: str = ""
) -> str:
    """Return a feed's title in its language: the feed and every page offering it say this."""
    name = language_name(settings.locale(lang), lang)
    parts = [settings.site_name, gettext(lang, IN_LANGUAGE) % {"language": name}]
    if kind:
        parts.append(gettext(lang, SUBJECTS[kind]) % {"topic": label, "tag": label})
    return SEPARATOR.join(parts)


@dataclass(frozen=True)
class FeedLink:
    """A feed offered for autodiscovery (base.html renders .title, .url, .type)."""

    title: str
    url: str  # site-relative
    type: str
    format: str  # "RSS" or "Atom": the same in every language


def feed_links(title: str, path: str) -> tuple[FeedLink, FeedLink]:
    """Return the RSS and Atom links of the feed at `path` (site-relative, no extension)."""
    return (
        FeedLink(f"{title} (RSS)", urls.rss_url(path), RSS_TYPE, "RSS"),
        FeedLink(f"{title} (Atom)", urls.atom_url(path), ATOM_TYPE, "Atom"),
    )


@dataclass(frozen=True)
class Feed:
    """One feed, written twice: path.xml (RSS 2.0) and path.atom."""

    path: str  # site-relative, without extension: "fr/fils/topics/innovation"
    lang: str  # <language> and xml:lang
    label: str  # its subject as a list shows it: "Innovation", "chine"
    title: str  # names the site, the language and the subject
    subtitle: str
    home: str  # site-relative URL of the page whose releases it carries
    items: tuple[FeedItem, ...]  # newest first; build_feed applies the limit

    @property
    def rss(self) -> str:
        """Return the site-relative URL of the RSS file."""
        return urls.rss_url(self.path)

    @property
    def atom(self) -> str:
        """Return the site-relative URL of the Atom file."""
        return urls.atom_url(self.path)

    def links(self) -> tuple[FeedLink, FeedLink]:
        """Return the RSS and Atom links of the feed."""
        return feed_links(self.title, self.path)


@dataclass(frozen=True)
class Directory:
    """The feeds of one language, as its directory page and OPML file list them."""

    lang: str
    url: str  # site-relative: "fr/fils/"
    language: Feed
    topics: tuple[Feed, ...]
    tags: tuple[Feed, ...]
    everything: Feed  # both languages; labelled in this directory's language
    opml_title: str

    @property
    def save_as(self) -> str:
        """Return the output file of the directory page."""
        return urls.save_as(self.url)

    @property
    def opml(self) -> str:
        """Return the site-relative URL of the OPML file."""
        return urls.opml_url(self.url)

    @property
    def feeds(self) -> tuple[Feed, ...]:
        """Return every feed listed, in the order the page and the OPML file show them."""
        return (self.language, *self.topics, *self.tags, self.everything)


class FeedPlanner:
    """Plans every feed of a build from its visible releases (newest first)."""

    def __init__(
        self, settings: PressSettings, releases: Sequence[FeedRelease], gettext: Gettext
    ) -> None:
        self.settings = settings
        self.releases = list(releases)
        self.gettext = gettext
        self.site = settings.site_name

    def language_name(self, lang: str, in_lang: str) -> str:
        """Return the name of language `lang` written in `in_lang`: "anglais"."""
        return language_name(self.settings.locale(in_lang), lang)

    def in_language(self, lang: str) -> str:
        """Return "Releases in English" / "Communiqués en français"."""
        return self.gettext(lang, IN_LANGUAGE) % {"language": self.language_name(lang, lang)}

    def in_every_language(self, lang: str) -> str:
        """Return "Releases in English and French", written in lang."""
        names = [self.language_name(other, lang) for other in self.settings.langs]
        listed = format_list(names, locale=self.settings.locale(lang))
        return self.gettext(lang, IN_LANGUAGE) % {"language": listed}

    def feed(
        self,
        path: str,
        lang: str,
        label: str,
        title: str,
        home: str,
        group: Iterable[FeedRelease],
    ) -> Feed:
        """Return a feed of one language."""
        subtitle = self.gettext(lang, SUBTITLE) % {"site": self.site}
        return Feed(path, lang, label, title, subtitle, home, tuple(r.item for r in group))

    def everything(self) -> Feed:
        """Return the feed of both languages; its title says so in each language."""
        langs = self.settings.langs
        title = f"{self.site}{SEPARATOR}" + " / ".join(map(self.in_every_language, langs))
        subtitle = " / ".join(self.gettext(lang, SUBTITLE) % {"site": self.site} for lang in langs)
        label = self.in_every_language(self.settings.default_lang)
        items = tuple(r.item for r in self.releases)
        return Feed(EVERYTHING, self.settings.default_lang, label, title, subtitle, "", items)

    def directory(self, lang: str, everything: Feed) -> Directory:
        """Return the feeds of one language: all its releases, each topic, each tag."""
        mine = [r for r in self.releases if r.lang == lang]
        base = urls.section_url(self.settings, lang, "feeds")
        label = self.in_language(lang)
        title = feed_title(self.settings, self.gettext, lang)
        language = self.feed(f"{base}releases", lang, label, title, urls.home_url(lang), mine)
        name = self.language_name(lang, lang)
        opml_title = self.site + SEPARATOR + self.gettext(lang, OPML_TITLE) % {"language": name}
        return Directory(
            lang,
            base,
            language,
            self.topic_feeds(lang, mine),
            self.tag_feeds(lang, mine),
            replace(everything, label=self.in_every_language(lang)),
            opml_title,
        )

    def topic_feeds(self, lang: str, mine: list[FeedRelease]) -> tuple[Feed, ...]:
        """Return a feed for each topic the releases of a language use, ordered by label."""
        feeds = []
        for topic, group in by_topic(mine, lambda r: r.topics).items():
            label = self.settings.topic_label(topic, lang)
            title = feed_title(self.settings, self.gettext, lang, "topics", label)
            home = urls.topic_url(self.settings, lang, topic)
            path = urls.feed_path(self.settings, lang, "topics", topic)
            feeds.append(self.feed(path, lang, label, title, home, group))
        return tuple(sorted(feeds, key=lambda f: sort_key(f.label)))

    def tag_feeds(self, lang: str, mine: list[FeedRelease]) -> tuple[Feed, ...]:
        """Return a feed for each tag slug of a language (spellings share it), by label."""
        labels = tag_labels(mine, lambda r: r.tags)
        feeds = []
        for slug, group in by_tag(mine, lambda r: r.tags).items():
            title = feed_title(self.settings, self.gettext, lang, "tags", labels[slug])
            home = urls.tag_url(self.settings, lang, slug)
            path = urls.feed_path(self.settings, lang, "tags", slug)
            feeds.append(self.feed(path, lang, labels[slug], title, home, group))
        return tuple(sorted(feeds, key=lambda f: sort_key(f.label)))

    def directories(self) -> list[Directory]:
        """Return the directory of every configured language, default language first."""
        everything = self.everything()
        return [self.directory(lang, everything) for lang in self.settings.langs]

    def newest(self) -> datetime:
        """Return the date of the site's newest change: what an empty feed says it was updated."""
        return max((r.item.changed for r in self.releases), default=EPOCH)


def feed_spec(
    feed: Feed, settings: PressSettings, updated_if_empty: datetime, hub: str = ""
) -> FeedSpec:
    """Return what build_feed needs to know about a feed, with absolute URLs (and its hub)."""
    return FeedSpec(
        title=feed.title,
        subtitle=feed.subtitle,
        lang=feed.lang,
        rss_url=absolute(settings, feed.rss),
        atom_url=absolute(settings, feed.atom),
        home_url=absolute(settings, feed.home),
        author_name=settings.site_name,
        limit=settings.feed_limit,
        updated_if_empty=updated_if_empty,
        hub_url=hub,
    )


def feed_ref(feed: Feed, settings: PressSettings) -> FeedRef:
    """Return a feed as the OPML file lists it."""
    return FeedRef(
        feed.title,
        absolute(settings, feed.rss),
        absolute(settings, feed.atom),
        absolute(settings, feed.home),
        feed.lang,
    )


def last_uses(feeds: Iterable[Feed], limit: int) -> dict[str, list[FeedItem]]:
    """Return, by feed path, the items that no feed after it (in this order) shows.

    Once that feed is written, their absolute body (computed once, shared by feeds)
    can be dropped instead of being held to the end of the build.
    """
    last: dict[int, tuple[str, FeedItem]] = {}
    for feed in feeds:
        for item in select_items(feed.items, limit):
            last[id(item)] = (feed.path, item)
    done: dict[str, list[FeedItem]] = {}
    for path, item in last.values():
        done.setdefault(path, []).append(item)
    return done
