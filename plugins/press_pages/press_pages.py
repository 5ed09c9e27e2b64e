"""Pelican side of press_pages: a generator that writes the planned listings and vCards."""

from __future__ import annotations

import logging
import os
from typing import Any

from pelican import signals
from pelican.generators import Generator
from press_build import find_build
from press_core.brand import brand_css
from press_core.errors import BuildStopped
from press_core.plugin_order import check_plugin_order
from press_i18n.press_i18n import catalogs_of

from .notfound import not_found_pages
from .options import FOOTER_KINDS, unknown_languages
from .pages import OutputFile, OutputPage, Planner
from .untranslated import untranslated_pages

logger = logging.getLogger(__name__)


class PressPagesGenerator(Generator):
    """Write home, topic, tag, archive and contacts pages per language, vCards and the chooser."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pages: list[OutputPage] = []
        self.files: list[OutputFile] = []

    def generate_context(self) -> None:
        """Plan every page from the visible releases (press_content ran at pretaxonomy)."""
        site = self.context.get("press")
        if site is None:
            logger.warning("press_pages: context['press'] is missing; is press_content in PLUGINS?")
            return
        stop_on_unknown_languages(site.settings)
        gettext = catalogs_of(self).gettext
        planner = Planner(site, gettext)
        self.pages = (
            planner.pages()
            + not_found_pages(site.settings, gettext)
            + untranslated_pages(site, gettext)
        )
        contacts = os.path.join(self.settings["PATH"], site.settings.contacts_file)
        self.files = planner.files(os.path.relpath(contacts))

    def generate_output(self, writer: Any) -> None:
        """Render each planned page and write each vCard through press_content's SafeWriter."""
        for page in self.pages:
            writer.write_file(
                page.save_as,
                self.get_template(page.template),
                self.context,
                relative_urls=self.settings["RELATIVE_URLS"] and page.relative,
                page_lang=page.lang,
                alternates=page.alternates,
                hreflang=page.hreflang,
                page_feeds=page.feeds,
                **page.values,
            )
        for file in self.files:
            writer.write_bytes(file.save_as, file.data, file.source)
        site = self.context.get("press")
        if site is not None:
            # base.html links this file after press.css: the accent without an inline style.
            css = brand_css(site.settings.brand).encode("utf-8")
            name = f"{self.settings['THEME_STATIC_DIR']}/css/brand.css"
            writer.write_bytes(name, css, "PRESS_BRAND")


def stop_on_unknown_languages(settings: Any) -> None:
    """Stop the build, one line each, on a tag pair or footer naming an unknown language."""
    pairs = settings.extra.get("PRESS_TAG_PAIRS", ())
    footer = settings.extra.get("PRESS_FOOTER_LINKS", {})
    problems = unknown_languages(
        "PRESS_TAG_PAIRS", settings.langs, [lang for pair in pairs for lang in pair]
    ) + unknown_languages("PRESS_FOOTER_LINKS", settings.langs, list(footer))
    if problems:
        raise BuildStopped(problems)


def footer_links(settings: Any) -> dict[str, tuple[tuple[str, str], ...]]:
    """Return lang -> (kind, address) of its footer links, in FOOTER_KINDS order."""
    table = settings.extra.get("PRESS_FOOTER_LINKS", {})
    return {
        lang: tuple((k, table[lang][k]) for k in FOOTER_KINDS if k in table.get(lang, {}))
        for lang in settings.langs
    }


def install(generator: Any) -> None:
    """Give every template the footer's links of each language (base.html)."""
    build = find_build(generator)
    if build is None:  # a generator made outside a build (to find files) renders nothing
        return
    generator.env.globals["press_footer"] = footer_links(build.settings)


def get_generators(pelican: Any) -> type[Generator]:
    """Hand Pelican the listings generator."""
    return PressPagesGenerator


def register() -> None:
    """Connect the generator: get_generators is how a plugin adds its own output files."""
    # initialized: every plugin is loaded, nothing is read yet; stop on a wrong PLUGINS.
    signals.initialized.connect(check_plugin_order)
    signals.get_generators.connect(get_generators)
    # generator_init: each generator has just made the Jinja environment its pages use.
    signals.generator_init.connect(install)
