"""press_content's hooks into the build: read releases, validate them together, gate output."""

from __future__ import annotations

import logging
import sys
from itertools import chain
from pathlib import Path
from typing import Any

from pelican import signals
from press_build import Build
from press_build import signals as phases
from press_build.forking import worker_count
from press_build.output import stop
from press_build.pipeline import READ
from press_core.errors import BuildStopped, shown
from press_core.plugin_order import check_plugin_order
from press_core.segments import topic_segment_problems

from . import withheld
from .build import Sources, open_sources
from .checks import site_problems
from .memo_notes import note_changes
from .prerender import prerender
from .reader import PressReader
from .site import PressSite, newest_first, read_boilerplates

logger = logging.getLogger(__name__)


def start_run(pelican: Any, build: Build) -> None:
    """Read contacts.yml and open the reading caches once for this run; stop on topics
    whose URL segments clash, before the output is touched."""
    problems = topic_segment_problems(build.settings.topics)
    if problems:
        raise BuildStopped(problems)
    build.keep(open_sources(build.pelican, build.settings))


def sources_of(build: Build) -> Sources:
    """Return what this run's start read (start_run)."""
    sources = build.part(Sources)
    if sources is None:
        raise LookupError("press_content did not start this build")
    return sources


def use_reader(generator: Any, build: Build) -> None:
    """Read every .md file with the release reader; render the release bodies on all cores
    first (the articles generator, before it reads the files one by one)."""
    readers = getattr(generator, "readers", None)
    if readers is None:
        return
    sources = sources_of(build)
    reader = readers.readers["md"] = PressReader(generator.settings, sources)
    if build.memo is not None:
        reader.note_split = build.memo.note_split
    if hasattr(generator, "articles"):  # the articles generator
        prerender_bodies(generator, reader, build)


def prerender_bodies(generator: Any, reader: PressReader, build: Build) -> None:
    """Render every release body on all cores before Pelican reads the files one by one."""
    settings = generator.settings
    found = generator.get_files(
        settings["ARTICLE_PATHS"], exclude=settings["ARTICLE_EXCLUDES"], extensions=("md",)
    )
    paths = [Path(generator.path) / name for name in sorted(found)]
    prerender(reader.bodies, paths, worker_count(build.settings.workers))


def gate_releases(generator: Any, build: Build) -> None:
    """Validate all releases together, stop on any problem, withhold what is not due."""
    sources = sources_of(build)
    settings = build.settings
    everything = list(chain.from_iterable(getattr(generator, name) for name in READ))
    read = [(article.press, article.press_problems) for article in everything]
    contacts, problems = site_problems(sources, read)
    sources.bodies.save()  # keep this build's rendered bodies for the next build
    if problems:
        stop(problems, generator.output_path, generator.settings["OUTPUT_PATH"])
    visible = [a for a in everything if settings.preview or a.press.is_due(settings.now)]
    shown_ids = set(map(id, visible))
    held = [a for a in everything if id(a) not in shown_ids]
    # Only bodies changed since the last build (which found no such link): only they can.
    memo = build.memo
    checked = None if memo is None else [a for a in visible if memo.changed(a.source_path)]
    problems = withheld.link_problems(visible, held, str(sources.content), settings.now, checked)
    if problems:
        stop(problems, generator.output_path, generator.settings["OUTPUT_PATH"])
    note_changes(build.memo, everything)
    site = PressSite(settings, contacts, read_boilerplates(sources.content, settings)[0])
    site.articles = newest_first(visible)
    site.withheld = held
    # Pelican collected {static} and {attach} links from every body; only visible ones count.
    generator.context["static_links"] = set().union(*(a.get_static_links() for a in visible))
    keep(generator, shown_ids)
    generator.context["press"] = site


def keep(generator: Any, visible: set[int]) -> None:
    """Drop withheld releases from every list Pelican keeps, translations included."""
    for name in READ:
        setattr(generator, name, [a for a in getattr(generator, name) if id(a) in visible])
    for article in chain(generator.articles, generator.translations):
        article.translations = [t for t in article.translations if id(t) in visible]


def gate_static_files(generator: Any, build: Build) -> None:
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
        stop(problems, generator.output_path, settings["OUTPUT_PATH"])
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
    """Connect the hooks; each phase is chosen for when its input is complete."""
    # initialized: every plugin is loaded, nothing is read yet; stop on a wrong PLUGINS.
    signals.initialized.connect(check_plugin_order)
    phases.started.connect(start_run)  # lock: settings read, before the output is touched
    phases.reading.connect(use_reader)  # read: each generator, before it reads a file
    phases.gate.connect(gate_releases)  # gate: every release read, nothing listed yet
    phases.gate_files.connect(gate_static_files)
