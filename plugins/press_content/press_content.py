"""Pelican signal handlers of press_content: read, validate, gate, and stage output."""

from __future__ import annotations

import logging
import sys
from itertools import chain
from pathlib import Path
from typing import Any

from pelican import signals
from press_core.errors import BuildStopped, UpToDate, shown
from press_core.plugin_order import check_plugin_order
from press_core.segments import topic_segment_problems
from press_core.settings import SettingsError

from . import fingerprint, guard, output, withheld
from .build import build_of, start_build
from .checks import site_problems
from .compiled import share_compiled_templates
from .inputs import build_digest, shared_digest, site_digest
from .memo import OutputMemo
from .prerender import prerender, worker_count
from .reader import PressReader
from .releases import due_at
from .signals import output_ready
from .site import PressSite, newest_first, read_boilerplates

logger = logging.getLogger(__name__)

LISTS = (
    "articles",
    "translations",
    "drafts",
    "drafts_translations",
    "hidden_articles",
    "hidden_translations",
)


def start_run(pelican: Any) -> None:
    """Read settings, one "now", contacts.yml and the body cache once for this run.

    A PressClub setting (or PRESS_NOW) the build cannot use stops it at once, with one
    line, before the output is touched.
    """
    try:
        settings = start_build(pelican.settings).settings
    except SettingsError as error:
        raise BuildStopped([str(error)]) from None
    problems = topic_segment_problems(settings.topics)
    if problems:
        raise BuildStopped(problems)


def use_reader(readers: Any) -> None:
    """Read every .md file with the release reader instead of Pelican's Markdown reader."""
    readers.reader_classes["md"] = PressReader


def press_reader(generator: Any) -> PressReader | None:
    """Return the release reader of a generator, if Pelican made one."""
    reader = generator.readers.readers.get("md")
    return reader if isinstance(reader, PressReader) else None


def prerender_bodies(generator: Any) -> None:
    """Render every release body on all cores before Pelican reads the files one by one."""
    if press_reader(generator) is None:
        return
    settings = generator.settings
    found = generator.get_files(
        settings["ARTICLE_PATHS"], exclude=settings["ARTICLE_EXCLUDES"], extensions=("md",)
    )
    paths = [Path(generator.path) / name for name in sorted(found)]
    press = build_of(settings)
    prerender(press.bodies, paths, worker_count(press.settings.workers))


def stage_output(pelican: Any) -> None:
    """Refuse an unsafe output, lock it, and point this run at its own staging folder."""
    final = output.final_path(pelican.settings["OUTPUT_PATH"])
    problem = output.placement_problem(final, pelican.settings, shown)
    problem = problem or guard.unmarked_problem(final, shown(final))  # no lock file left
    if problem:
        output.stop([problem], None, shown(final))
    settings = build_of(pelican.settings).settings
    staging = output.prepare(final, settings.lock_wait, shown)
    pelican.output_path = str(staging)
    fingerprint.forget()  # values described by an earlier run in this process
    # Read under the lock: the manifest describes the output this build replaces.
    memo = pelican.settings[output.MEMO] = OutputMemo.open(final)
    problem = guard.foreign_problem(memo, shown(final))
    if problem:
        output.stop([problem], staging, shown(final))
    memo.now = settings.now
    memo.shared, memo.inputs = input_digests(pelican.settings)
    memo.workers = worker_count(settings.workers)
    memo.staging = staging
    if memo.unchanged(settings.now) and not pelican.settings.get(output.BUILD_ALWAYS):
        output.keep(staging)
        raise UpToDate(f"Nothing changed since the last build: {shown(final)} is up to date.")


def input_digests(settings: dict) -> tuple[str, str]:
    """Return the shared and the whole inputs' digests; "" (build everything) when a file
    cannot be read: the build itself then reads it and reports the problem in its words.
    """
    try:
        shared = shared_digest(settings)
        return shared, build_digest(settings, shared)
    except OSError:
        return "", ""


def key_site(generators: list[Any]) -> None:
    """Digest what every page shares, once every generator has its context (views, feeds)."""
    if not generators:
        return
    memo = generators[0].settings.get(output.MEMO)
    if memo is not None and memo.shared:  # no shared digest (a file unreadable): reuse nothing
        memo.site = site_digest(memo.shared, generators[0].context.get("press")) or ""


def publish_output(pelican: Any) -> None:
    """Render the pages left for the end, let plugins finish the staged output (search
    index), then swap it in place of the output."""
    memo = pelican.settings.get(output.MEMO)
    if memo is not None:
        memo.flush()
    output_ready.send(pelican, staging=Path(pelican.output_path))
    final = output.final_path(pelican.settings["OUTPUT_PATH"])
    if memo is not None:
        logger.info("Pages and feeds: %d made, %d unchanged and reused", memo.made, memo.reused)
    output.commit(Path(pelican.output_path), final, memo)
    fingerprint.forget()


def safe_writer(pelican: Any) -> type:
    """Give Pelican the writer that refuses unsafe or shared output paths."""
    return output.SafeWriter


def gate_releases(generator: Any) -> None:
    """Validate all releases together, stop on any problem, withhold what is not due."""
    build = build_of(generator.settings)
    settings = build.settings
    everything = list(chain.from_iterable(getattr(generator, name) for name in LISTS))
    read = [(article.press, article.press_problems) for article in everything]
    contacts, problems = site_problems(build, read)
    build.bodies.save()  # keep this build's rendered bodies for the next build
    if problems:
        output.stop(problems, generator.output_path, generator.settings["OUTPUT_PATH"])
    visible = [a for a in everything if settings.preview or a.press.is_due(settings.now)]
    shown_ids = set(map(id, visible))
    held = [a for a in everything if id(a) not in shown_ids]
    problems = withheld.link_problems(visible, held, str(build.content), settings.now)
    if problems:
        output.stop(problems, generator.output_path, generator.settings["OUTPUT_PATH"])
    note_changes(generator.settings.get(output.MEMO), everything, settings.now)
    site = PressSite(settings, contacts, read_boilerplates(build.content, settings)[0])
    site.articles = newest_first(visible)
    site.withheld = held
    # Pelican collected {static} and {attach} links from every body; only visible ones count.
    generator.context["static_links"] = set().union(*(a.get_static_links() for a in visible))
    keep(generator, shown_ids)
    generator.context["press"] = site


def note_changes(memo: OutputMemo | None, releases: list[Any], now: Any) -> None:
    """Tell the manifest when time alone will change the output: a release falls due, an event ends."""
    if memo is None:
        return
    for article in releases:
        meta = article.press.meta
        memo.expires(due_at(meta))
        if meta.event is not None:
            memo.expires(meta.event.end)


def keep(generator: Any, visible: set[int]) -> None:
    """Drop withheld releases from every list Pelican keeps, translations included."""
    for name in LISTS:
        setattr(generator, name, [a for a in getattr(generator, name) if id(a) in visible])
    for article in chain(generator.articles, generator.translations):
        article.translations = [t for t in article.translations if id(t) in visible]


def gate_static_files(generator: Any) -> None:
    """Copy no source file, nothing from outside content/, nothing no published page uses."""
    site = generator.context.get("press")
    if site is None:
        return
    settings = generator.settings
    content = settings["PATH"]
    problems = withheld.static_problems(
        generator.staticfiles, content, site.settings.releases_dir, shown
    )
    if problems:
        output.stop(problems, generator.output_path, settings["OUTPUT_PATH"])
    held = withheld.held_files(generator.staticfiles, site.articles, site.withheld, content)
    unused = withheld.unused_files(generator.staticfiles, site, content)
    if settings.get("PRESS_LIST_UNUSED"):  # ./dev check lists them
        unseen = [Path(f.source_path) for f in unused] + withheld.unused_media(site, content)
        for path in sorted({shown(path) for path in unseen}):
            print(f"{path}: file: {withheld.UNUSED}", file=sys.stderr)
    held |= {static.relative_source_path for static in unused}
    kept = [f for f in generator.staticfiles if f.relative_source_path not in held]
    generator.staticfiles = kept
    generator.context["staticfiles"] = kept


def register() -> None:
    """Connect the handlers; each signal is chosen for when its input is complete."""
    # initialized: every plugin is loaded, nothing is read yet; stop on a wrong PLUGINS.
    signals.initialized.connect(check_plugin_order)
    signals.readers_init.connect(use_reader)
    # article_generator_init: the reader exists and no file has been read yet.
    signals.article_generator_init.connect(prerender_bodies)
    # get_generators runs at the start of every run, before anything is written.
    signals.get_generators.connect(start_run)
    signals.get_generators.connect(stage_output)
    signals.get_writer.connect(safe_writer)
    # generator_init: each generator has just made its Jinja environment.
    signals.generator_init.connect(share_compiled_templates)
    # pretaxonomy: every release is read, nothing is listed or written yet.
    signals.article_generator_pretaxonomy.connect(gate_releases)
    signals.static_generator_finalized.connect(gate_static_files)
    # all_generators_finalized: every context is complete and nothing is written yet.
    signals.all_generators_finalized.connect(key_site)
    signals.finalized.connect(publish_output)
