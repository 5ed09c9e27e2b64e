"""Pelican side of press_search: search pages, index fields, and Pagefind run on the output."""

from __future__ import annotations

import logging
import shutil
import sys
import tempfile
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
    """Index the release pages of the staged output; a failure keeps the old output.

    Each language's folder is indexed by its own Pagefind run; a folder whose pages are
    unchanged since the last build keeps its part of the index.
    """
    settings = build_of(pelican.settings).settings
    pages = pagefind.pages_by_folder(staging, release_folders(settings))
    if not pages:
        logger.warning("press_search: no release is published yet; the search index is empty")
        return
    memo = pelican.settings.get(output.MEMO)
    try:
        binary = pagefind.find_binary()
        keys = part_keys(binary, staging, pages, memo)
        key = pagefind.whole_key(keys)
        if memo is not None and memo.reuse_tree(pagefind.BUNDLE, key, staging):
            logger.info("Search index: release pages unchanged, the last index is kept")
            return
        kept = kept_parts(memo, keys, staging)
        parts = index_parts(binary, staging, [f for f in pages if f not in kept], kept)
    except pagefind.SearchError as error:
        output.stop([error.problem], staging, pelican.settings["OUTPUT_PATH"])
    if memo is not None:
        memo.record_tree(pagefind.BUNDLE, key, staging, part_records(parts, keys))
    logger.info(
        "Search index: %d pages, %d words, %d languages, %.1f KiB (%s)",
        sum(part.pages for part in parts),
        sum(part.words for part in parts),
        len({lang for part in parts for lang in part.languages}),
        pagefind.folder_size(staging / pagefind.BUNDLE) / 1024,
        ", ".join(
            f"{part.folder} {'kept' if part.folder in kept else 'indexed'}" for part in parts
        ),
    )


def part_keys(
    binary: Path, staging: Path, pages: dict[str, list[Path]], memo: Any
) -> dict[str, str]:
    """Return each release folder's index key (its pages' bytes, known from the manifest)."""
    known = memo.files if memo is not None else None
    return {
        folder: pagefind.index_key(binary, staging, [folder], found, known)
        for folder, found in pages.items()
    }


def kept_parts(memo: Any, keys: dict[str, str], staging: Path) -> dict[str, pagefind.Part]:
    """Link the last index's files of every folder whose key is unchanged; return those parts.

    Only when some folder changed: with none changed, the whole index was kept or failed
    its check, and is then made again in full.
    """
    tree = memo.previous_trees.get(pagefind.BUNDLE) if memo is not None else None
    if tree is None:
        return {}
    kept = {
        folder: pagefind.Part(folder, part["languages"], tuple(part["files"]))
        for folder, part in tree.parts.items()
        if folder in keys and isinstance(part, dict) and part.get("key") == keys[folder]
    }
    names = [name for part in kept.values() for name in part.files]
    if len(kept) == len(keys) or not memo.reuse_files(pagefind.BUNDLE, names, staging):
        shutil.rmtree(staging / pagefind.BUNDLE, ignore_errors=True)
        return {}
    return kept


def index_parts(
    binary: Path, staging: Path, folders: list[str], kept: dict[str, pagefind.Part]
) -> list[pagefind.Part]:
    """Index the folders not kept and merge their runs with the kept parts; return every part."""
    with tempfile.TemporaryDirectory(dir=staging, prefix=".pagefind-") as work:
        made = pagefind.index_parts(binary, staging, folders, Path(work))
        parts = sorted([*kept.values(), *made], key=lambda part: part.folder)
        if pagefind.clashes(parts):  # a page in another folder's language: one run for all
            shutil.rmtree(staging / pagefind.BUNDLE, ignore_errors=True)
            stats = pagefind.index_together(binary, staging, sorted(part.folder for part in parts))
            return [pagefind.Part("", {}, (), stats.pages, stats.words)]
        pagefind.merge(parts, pagefind.run_folders(Path(work), made), staging / pagefind.BUNDLE)
    return parts


def part_records(parts: list[pagefind.Part], keys: dict[str, str]) -> dict[str, Any]:
    """Return what the manifest keeps of each part, for the next build to keep it."""
    return {
        part.folder: {"key": keys[part.folder], "languages": part.languages, "files": part.files}
        for part in parts
        if part.folder in keys
    }


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
