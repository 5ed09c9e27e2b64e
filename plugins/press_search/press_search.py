"""Pelican side of press_search: search pages, index fields, and Pagefind run on the output."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

from pelican import signals
from pelican.generators import Generator
from press_content import output
from press_content.build import build_of
from press_content.signals import output_ready
from press_core.plugin_order import check_plugin_order
from press_i18n.press_i18n import catalogs_of

from . import pagefind
from .fields import SearchPage, release_folders, search_fields, search_pages, search_url

logger = logging.getLogger(__name__)


def check_binary(pelican: Any) -> None:
    """Stop at once, with one line, when the Pagefind binary is missing."""
    try:
        pagefind.find_binary()
    except pagefind.SearchError as error:
        print(error, file=sys.stderr)
        raise SystemExit(1) from None


class SearchGenerator(Generator):
    """Give release pages their index fields and write the search page of every language."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pages: list[SearchPage] = []

    def generate_context(self) -> None:
        """Compute every release's index fields before any release page is written."""
        site = self.context.get("press")
        if site is None:
            logger.warning(
                "press_search: context['press'] is missing; is press_content in PLUGINS?"
            )
            return
        gettext = catalogs_of(self).gettext
        self.context["press_search_fields"] = {
            article.save_as: search_fields(article.view, gettext) for article in site.articles
        }
        self.pages = search_pages(site.settings)

    def generate_output(self, writer: Any) -> None:
        """Write each search page through press_content's SafeWriter."""
        for page in self.pages:
            writer.write_file(
                page.save_as,
                self.get_template("search"),
                self.context,
                relative_urls=self.settings["RELATIVE_URLS"],
                page_lang=page.lang,
                alternates=page.alternates,
                hreflang=page.hreflang,
                search=page,
            )


def get_generators(pelican: Any) -> type[Generator]:
    """Hand Pelican the search page generator."""
    return SearchGenerator


def install(generator: Any) -> None:
    """Give every template the search page URL of each language, for the header's field."""
    settings = build_of(generator.settings).settings
    generator.env.globals["press_search_urls"] = {
        lang: search_url(settings, lang) for lang in settings.langs
    }


def index_output(pelican: Any, staging: Path) -> None:
    """Index the release pages of the staged output; a failure keeps the old output."""
    settings = build_of(pelican.settings).settings
    folders = release_folders(settings)
    pages = pagefind.release_pages(staging, folders)
    if not pages:
        logger.warning("press_search: no release is published yet; the search index is empty")
        return
    memo = pelican.settings.get(output.MEMO)
    try:
        binary = pagefind.find_binary()
        known = memo.files if memo is not None else None
        key = pagefind.index_key(binary, staging, folders, pages, known)
        if memo is not None and memo.reuse_tree(pagefind.BUNDLE, key, staging):
            logger.info("Search index: release pages unchanged, the last index is kept")
            return
        stats = pagefind.index_site(binary, staging, folders)
    except pagefind.SearchError as error:
        output.stop([error.problem], staging, pelican.settings["OUTPUT_PATH"])
    if memo is not None:
        memo.record_tree(pagefind.BUNDLE, key, staging)
    logger.info(
        "Search index: %d pages, %d words, %d languages, %.1f KiB",
        stats.pages,
        stats.words,
        stats.languages,
        stats.size / 1024,
    )


def register() -> None:
    """Connect the handlers; each signal is chosen for when its input is complete."""
    # initialized: before anything is read or staged, so a wrong PLUGINS or a missing
    # binary costs nothing.
    signals.initialized.connect(check_plugin_order)
    signals.initialized.connect(check_binary)
    signals.get_generators.connect(get_generators)
    # generator_init: each generator has just made the Jinja environment its pages use.
    signals.generator_init.connect(install)
    # output_ready: every page is written in the staging folder, which is not swapped in yet.
    output_ready.connect(index_output)
