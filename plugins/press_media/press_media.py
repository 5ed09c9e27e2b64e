"""Pelican side of press_media: check media, withhold what is not due, write media and kits."""

from __future__ import annotations

import logging
import os
import tempfile
from dataclasses import replace
from itertools import chain
from pathlib import Path
from typing import Any

from pelican import signals
from pelican.generators import Generator
from press_build import find_build, output
from press_build.forking import Later, worker_count
from press_content import withheld
from press_core.errors import shown
from press_core.ics import calendar_of
from press_core.plugin_order import check_plugin_order
from press_i18n.press_i18n import catalogs_of

from .checks import media_problems
from .derive import derive_all, forget
from .kits import KitSizes
from .library import LibraryPage, library_pages
from .pdf import RECIPE, PdfJob, cache_file, prune, start_all
from .plan import KIT_TITLE, MediaPlanner
from .presskit import KitExtras
from .printed import pdf_job, print_photo, stylesheet
from .settings import MediaSettings, media_settings
from .statics import place_ok_files, static_problems

logger = logging.getLogger(__name__)


def check_media(generator: Any) -> None:
    """Check the media of every release, withheld ones too; stop on any problem."""
    site = generator.context.get("press")
    if site is None:
        return
    settings = media_settings(site.settings.extra, generator.settings.get("CACHE_PATH"))
    content = Path(generator.settings["PATH"])
    releases = chain((a.press for a in site.articles), (a.press for a in site.withheld))
    problems = [
        problem
        for release in releases
        for problem in media_problems(shown(release.path), release.meta, content, settings)
    ]
    if problems:
        output.stop(problems, generator.output_path, generator.settings["OUTPUT_PATH"])


def check_static_files(generator: Any) -> None:
    """Check every file the static generator will copy (after press_content's gate)."""
    site = generator.context.get("press")
    if site is None:
        return
    settings = media_settings(site.settings.extra, generator.settings.get("CACHE_PATH"))
    place_ok = place_ok_files(site.articles, Path(generator.settings["PATH"]))
    problems = static_problems(generator.staticfiles, settings, place_ok, shown)
    if problems:
        output.stop(problems, generator.output_path, generator.settings["OUTPUT_PATH"])
    drop_own_copies(generator, site)


def drop_own_copies(generator: Any, site: Any) -> None:
    """Copy no plain file of a photo press_media publishes with its credits (media/...).

    A photo a release lists (lead image, gallery) is published as media/<digest>/ copies
    that carry its credits; its plain copy stays only when a body links it, it is a contact
    photo or the logo, or it sits in content/public/.
    """
    content = generator.settings["PATH"]
    kept = withheld.site_files(site, content) | withheld.public_files(
        generator.staticfiles, content
    )
    for article in site.articles:
        kept |= set().union(*withheld.targets(article, content))
    listed = {
        os.path.realpath(os.path.join(content, src))
        for article in site.articles
        for src in image_sources(article.press.meta)
    }
    own = listed - kept
    generator.staticfiles = [
        f for f in generator.staticfiles if os.path.realpath(f.source_path) not in own
    ]
    generator.context["staticfiles"] = generator.staticfiles


def image_sources(meta: Any) -> list[str]:
    """Return the images a language version lists: the lead image, then the gallery."""
    return [entry.src for entry in ([meta.image] if meta.image else []) + list(meta.images)]


class PressMediaGenerator(Generator):
    """Plan the media of visible releases, then write originals, derivatives and press kits."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.planner: MediaPlanner | None = None
        self.library: list[LibraryPage] = []
        self.spool: tempfile.TemporaryDirectory | None = None

    def generate_context(self) -> None:
        """Give each visible release its media view (the pages render it later)."""
        site = self.context.get("press")
        if site is None:
            logger.warning("press_media: context['press'] is missing; is press_content in PLUGINS?")
            return
        settings = media_settings(site.settings.extra, self.settings.get("CACHE_PATH"))
        locales = {lang: site.settings.locale(lang) for lang in site.settings.langs}
        catalogs = catalogs_of(self)
        content = Path(self.settings["PATH"])
        self.spool = tempfile.TemporaryDirectory(prefix="press-media-")
        sizes = KitSizes(settings.cache / "kits.json")
        extras = KitExtras(
            calendar=lambda article: calendar_of(article, site.settings),
            boilerplates=site.boilerplates, ngettext=catalogs.ngettext, zone=site.settings.timezone,
        )  # fmt: skip
        planner = MediaPlanner(
            content, settings, locales, catalogs.gettext, Path(self.spool.name),
            site.settings.absolute_url, sizes, site.settings.site_name, extras,
        )  # fmt: skip
        # Only visible releases' images: nothing of a withheld release is derived or cached.
        sources = [content / src for a in site.articles for src in image_sources(a.press.meta)]
        workers = worker_count(site.settings.workers)
        keys = planner.keys(sources)
        made = derive_all(sources, settings, workers, keys)
        held = [content / src for a in site.withheld for src in image_sources(a.press.meta)]
        forget(held, set(keys.values()), settings)
        now = site.settings.now
        pending, making = set(), Later()
        if settings.pdf:
            files, pending, making = self.start_pdfs(site, planner, settings, workers)
            extras.pdfs.update(files)
        planner.known_kits = self.kept("kits")
        try:
            # The releases whose PDF is being made (a view shows its size) come last.
            waiting = [a for a in site.articles if extras.pdfs.get(a.source_path) in pending]
            for article in [a for a in site.articles if a not in waiting]:
                self.give_view(article, planner, catalogs, now)
            making.wait()
            for article in waiting:
                self.give_view(article, planner, catalogs, now)
        finally:
            making.cancel()  # a stopped build: the PDFs under way are dropped
        sizes.save()
        self.remember("kits", planner.kit_keys)
        logger.info("press_media: derivatives made for %d image(s)", made)
        self.planner = planner
        self.library = library_pages(site, site.settings.page_size)

    @staticmethod
    def give_view(article: Any, planner: MediaPlanner, catalogs: Any, now: Any) -> None:
        """Give a release's view its media facet: photos, attachments, press kit, PDF."""
        title = catalogs.gettext(article.lang, KIT_TITLE)
        # A preview shows releases not yet due: nothing of theirs is kept in the cache.
        due = article.press.is_due(now)
        media = planner.view(article, list(article.view.contacts), title, keep=due)
        article.view = replace(article.view, media=media)

    def start_pdfs(
        self, site: Any, planner: MediaPlanner, settings: MediaSettings, workers: int
    ) -> tuple[dict[str, Path], set[Path], Later]:
        """Start making the PDF of every visible release the cache lacks; return each one's
        file, the files under way and the work making them (`wait()` before reading them).

        A release not yet due (a preview) gets its PDF in the spool, never in the cache.
        """
        folder, spool = settings.cache / "pdf", Path(self.spool.name) / "pdf"
        tasks, files, current, made_from = [], {}, {}, {}
        kept = self.kept_pdfs(folder)
        template, css = self.get_template("release_print"), stylesheet(Path(self.settings["THEME"]))
        for article in site.articles:
            release = f"{article.press.meta.key}-{article.lang}"
            due = article.press.is_due(site.settings.now)
            key = kept(article, release) if due else None
            if key is None:  # its print page rendered: its key is what it is made of
                job = self.pdf_job(article, site, planner, template, css)
                key = job.key()
                path = cache_file(folder, release, key) if due else spool / f"{key}.pdf"
                tasks.append((job, path))
            else:
                path = cache_file(folder, release, key)
            current.update({release: key} if due else {})
            made_from.update({article.source_path: key} if due else {})
            files[article.source_path] = path
        pending, making = start_all(tasks, workers)
        prune(folder, current, {f"{a.press.meta.key}-{a.lang}" for a in site.withheld})
        self.remember("pdf", made_from)
        made = len(pending)
        reused = len(site.articles) - made
        logger.info("press_media: %d PDF(s) made, %d from the cache", made, reused)
        return files, (pending if making.running else set()), making

    def kept_pdfs(self, folder: Path) -> Any:
        """Return what gives a release the key of its PDF when the last build's still holds,
        else None: its body did not change (see `kept`), and the cache still has that PDF.
        Its print page is then not rendered.
        """
        keys = self.kept("pdf")

        def kept(article: Any, release: str) -> str | None:
            key = keys.get(article.source_path)
            return key if key and cache_file(folder, release, key).is_file() else None

        return kept

    def kept(self, label: str) -> dict[str, str]:
        """Return the keys the last build kept under `label` (remember) of the releases whose
        body did not change since, when only bodies changed (press_build's OutputMemo) and
        the PDFs are laid out as they were then (RECIPE); else {}.

        What a release's PDF and press kit are made of, but its body, is the frame's.
        """
        build = find_build(self)
        memo = build.memo if build is not None else None
        if memo is None or memo.changed_bodies is None:
            return {}
        last = memo.recall(label)
        keys = last.get("keys")
        if last.get("recipe") != RECIPE or not isinstance(keys, dict):
            return {}
        return {
            source: key
            for source, key in keys.items()
            if isinstance(key, str) and not memo.changed(source)
        }

    def remember(self, label: str, keys: dict[str, str]) -> None:
        """Keep the keys of the due releases' files for the next build (see `kept`)."""
        build = find_build(self)
        if build is not None and build.memo is not None:
            build.memo.remember(label, {"recipe": RECIPE, "keys": keys})

    def pdf_job(
        self, article: Any, site: Any, planner: MediaPlanner, template: Any, css: str
    ) -> PdfJob:
        """Render the print template of a visible release, with its lead photo."""
        image = article.press.meta.image
        derived = planner.derived(image.src) if image else None  # no unstamped copy
        boilerplate = site.boilerplates.get(article.lang, "")
        values = {**self.context, "article": article, "boilerplate": boilerplate}
        return pdf_job(template, css, values, print_photo(image, derived))

    def generate_output(self, writer: Any) -> None:
        """Write every planned file through press_content's SafeWriter."""
        for file in self.planner.files.values() if self.planner else ():
            if file.key:  # a press kit: the last build's file is kept when its entries are
                names, parts = (file.save_as,), ("press kit", file.key)
                writer.write_made(names, parts, lambda f=file: (f.read(),), file.source)
            else:
                writer.write_bytes(file.save_as, file.read(), file.source)
        for page in self.library:
            writer.write_file(
                page.save_as,
                self.get_template("media_library"),
                self.context,
                relative_urls=self.settings["RELATIVE_URLS"],
                page_lang=page.lang,
                alternates=page.alternates,
                hreflang=page.hreflang,
                nav_current="media",
                **page.values,
            )


def get_generators(pelican: Any) -> type[Generator]:
    """Hand Pelican the media generator."""
    return PressMediaGenerator


def register() -> None:
    """Connect the handlers; each signal is chosen for when its input is complete."""
    signals.initialized.connect(check_plugin_order)
    # pretaxonomy, after press_content's gate: every release is read and sorted visible/withheld.
    signals.article_generator_pretaxonomy.connect(check_media)
    signals.get_generators.connect(get_generators)
    # static_generator_finalized, after press_content's gate: the files to copy are known.
    signals.static_generator_finalized.connect(check_static_files)
