"""Pelican side of press_feeds: plan the feeds, offer them for autodiscovery, write them."""

from __future__ import annotations

import logging
from functools import partial
from pathlib import Path
from typing import Any

from pelican import signals
from pelican.generators import Generator
from press_core import urls
from press_core.alerts import AlertSettingsError, read_alerts
from press_core.errors import BuildStopped
from press_core.plugin_order import check_plugin_order
from press_i18n.press_i18n import catalogs_of

from .feeds import build_feed
from .groups import opml_groups
from .items import feed_release
from .opml import build_opml
from .plan import Directory, Feed, FeedPlanner, feed_spec, last_uses

logger = logging.getLogger(__name__)
SOURCE = "press_feeds"  # names this plugin when SafeWriter reports two writers of one file
TEMPLATE = "feeds"


class PressFeedsGenerator(Generator):
    """Write every language's feeds, OPML file and feeds directory page, and the feed of both."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.planner: FeedPlanner | None = None
        self.sources: dict[int, str] = {}  # id of each release's item -> its source file
        self.directories: list[Directory] = []
        self.hub = ""

    def generate_context(self) -> None:
        """Build each release's item once, plan the feeds, and list the language feeds."""
        site = self.context.get("press")
        if site is None:
            logger.warning("press_feeds: context['press'] is missing; is press_content in PLUGINS?")
            return
        content = Path(self.settings["PATH"])
        gettext = self.gettext = catalogs_of(self).gettext
        releases = [feed_release(a, site.settings, content, gettext) for a in site.articles]
        # Each item's release file: a feed that shows no body changed since keeps its key.
        self.sources = {
            id(r.item): a.source_path for r, a in zip(releases, site.articles, strict=True)
        }
        self.planner = FeedPlanner(site.settings, releases, gettext)
        self.directories = self.planner.directories()
        # base.html renders these as <link rel="alternate"> on every page of the language.
        site.feed_links.update({d.lang: list(d.language.links()) for d in self.directories})
        alerts = read_alerts(self.settings)
        self.hub = alerts.hub
        # The feeds page and every release page offer each language's list (or nothing).
        self.context["press_signup"] = {
            lang: alerts.lists[lang].signup if lang in alerts.lists else None
            for lang in site.settings.langs
        }

    def generate_output(self, writer: Any) -> None:
        """Write the feeds (each once), then each language's OPML file and directory page."""
        if self.planner is None:
            return
        settings = self.planner.settings
        updated_if_empty = self.planner.newest()
        written: set[str] = set()
        feeds: dict[str, Feed] = {}  # each feed once, in the order they are written
        for directory in self.directories:
            for feed in directory.feeds:
                feeds.setdefault(feed.path, feed)
        done = last_uses(feeds.values(), settings.feed_limit)
        for directory in self.directories:
            for feed in directory.feeds:
                if feed.path not in written:
                    written.add(feed.path)
                    self.write_feed(
                        writer, feed, feed_spec(feed, settings, updated_if_empty, self.hub)
                    )
                    for item in done.pop(feed.path, ()):
                        item.forget_content()  # no feed still to be written shows it
            groups = opml_groups(directory, settings, partial(self.gettext, directory.lang))
            writer.write_bytes(directory.opml, build_opml(directory.opml_title, groups), SOURCE)
            self.write_directory(writer, directory)

    def write_feed(self, writer: Any, feed: Feed, spec: Any) -> None:
        """Write one feed as RSS 2.0 and as Atom; unchanged items reuse the last build's files."""
        names = (feed.rss, feed.atom)
        shows = [self.sources[id(item)] for item in feed.items]
        make = partial(build_feed, spec, feed.items)
        writer.write_made(names, (spec, feed.items), make, SOURCE, shows)

    def write_directory(self, writer: Any, directory: Directory) -> None:
        """Render the feeds directory page of one language."""
        settings = self.planner.settings
        versions = {lang: urls.section_url(settings, lang, "feeds") for lang in settings.langs}
        writer.write_file(
            directory.save_as,
            self.get_template(TEMPLATE),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            page_lang=directory.lang,
            page_url=directory.url,
            alternates=urls.alternates(directory.lang, versions, settings.langs),
            hreflang=sorted(versions.items()),
            page_feeds=list(directory.everything.links()),
            nav_current="feeds",
            directory=directory,
        )


def check_alerts(pelican: Any) -> None:
    """Stop the build with one line per problem when the alert or WebSub settings are wrong."""
    try:
        read_alerts(pelican.settings)
    except AlertSettingsError as error:
        raise BuildStopped(str(error).splitlines()) from None


def get_generators(pelican: Any) -> type[Generator]:
    """Hand Pelican the feeds generator."""
    return PressFeedsGenerator


def register() -> None:
    """Connect the generator: get_generators is how a plugin adds its own output files."""
    # initialized: every plugin is loaded, nothing is read yet; stop on a wrong PLUGINS.
    signals.initialized.connect(check_plugin_order)
    # The same moment: a wrong list or hub setting stops the build before anything is read.
    signals.initialized.connect(check_alerts)
    # Its generate_context runs after press_content gated the releases (pretaxonomy)
    # and before any page is written, so base.html finds press.feed_links filled.
    signals.get_generators.connect(get_generators)
