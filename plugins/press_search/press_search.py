"""Pelican side of press_search: search pages, index fields, and Pagefind run on the output."""

from __future__ import annotations

import contextlib
import logging
from dataclasses import replace
from pathlib import Path
from typing import Any

from pelican import signals
from pelican.generators import Generator
from press_build import Build, build_of, find_build
from press_build import signals as phases
from press_build.output import stop
from press_core.errors import BuildStopped
from press_core.plugin_order import check_plugin_order
from press_core.urls import search_url
from press_i18n.press_i18n import catalogs_of

from . import indexing, pagefind
from .fields import SearchPage, release_folders, search_fields, search_pages

logger = logging.getLogger(__name__)


def check_binary(pelican: Any) -> None:
    """Stop at once, with one line, when the Pagefind binary is missing."""
    try:
        pagefind.find_binary()
    except pagefind.SearchError as error:
        raise BuildStopped([str(error)]) from None


class SearchGenerator(Generator):
    """Give release views their search facet and write the search page of every language."""

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
        for article in site.articles:  # the search facet: partials/search_fields.html reads it
            article.view = replace(article.view, search=search_fields(article.view, gettext))
        views = [article.view for article in site.articles]
        self.pages = search_pages(site.settings, views, gettext)

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
    build = find_build(generator)
    if build is None:  # a generator made outside a build (to find files) renders nothing
        return
    settings = build.settings
    generator.env.globals["press_search_urls"] = {
        lang: search_url(settings, lang) for lang in settings.langs
    }


def start_index(generator: Any, writer: Any) -> None:
    """Start indexing the release pages as soon as the article generator has written them."""
    build = build_of(generator)
    memo = build.memo
    if memo is not None:
        memo.flush()  # release pages left for the workers: their bytes are keyed now
    staging = Path(generator.output_path)
    pages = pagefind.pages_by_folder(staging, release_folders(build.settings))
    if not pages:
        return
    # On a SearchError, index_output tries again and reports Pagefind's reason.
    with contextlib.suppress(pagefind.SearchError):
        build.keep(indexing.start(pagefind.find_binary(), staging, pages, memo))


def cancel_index(pelican: Any, build: Build) -> None:
    """Stop the runs of a build that stopped, so none writes into its removed staging folder."""
    started = build.drop(indexing.Indexing)
    if started is not None:
        started.cancel()


def index_output(pelican: Any, build: Build, staging: Path) -> None:
    """Finish the search index of the staged output; a failure keeps the old output.

    The runs started at `article_writer_finalized` are kept when the release pages are
    still those they index; else (or when none started) the index is made here.
    """
    settings = build.settings
    started = build.drop(indexing.Indexing)
    pages = pagefind.pages_by_folder(staging, release_folders(settings))
    if not pages:
        if started is not None:
            started.cancel()
        logger.warning("press_search: no release is published yet; the search index is empty")
        return
    memo = build.memo
    try:
        binary = pagefind.find_binary()
        keys = indexing.part_keys(binary, staging, pages, memo)
        if started is not None and started.keys != keys:
            started.cancel()  # a step after the article generator changed a release page
            started = None
        run = started or indexing.start(binary, staging, pages, memo)
        parts = run.finish()
    except pagefind.SearchError as error:
        stop([error.problem], staging, pelican.settings["OUTPUT_PATH"])
    if run.whole:
        logger.info("Search index: release pages unchanged, the last index is kept")
        return
    if memo is not None:
        memo.record_tree(pagefind.BUNDLE, run.key, staging, run.records(parts))
    logger.info(
        "Search index: %d pages, %d words, %d languages, %.1f KiB (%s)",
        sum(part.pages for part in parts),
        sum(part.words for part in parts),
        len({lang for part in parts for lang in part.languages}),
        pagefind.folder_size(staging / pagefind.BUNDLE) / 1024,
        ", ".join(
            f"{part.folder} {'kept' if part.folder in run.kept else 'indexed'}" for part in parts
        ),
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
    # article_writer_finalized: every release page is written (the only pages indexed);
    # the other generators write theirs while Pagefind runs.
    signals.article_writer_finalized.connect(start_index)
    # output_ready (press_build's index phase): every page is written in the staging
    # folder, which is not swapped in yet.
    phases.output_ready.connect(index_output)
    phases.abandoned.connect(cancel_index)
