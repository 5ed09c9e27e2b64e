"""Pelican signal handlers of press_content: read, validate, gate, and stage output."""

from __future__ import annotations

import sys
from itertools import chain
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, DictLoader
from pelican import signals

from . import output
from .checks import site_problems
from .prerender import prerender, worker_count
from .reader import PressReader
from .releases import resolve_related
from .settings import PressSettings, SettingsError, read_settings
from .signals import output_ready
from .site import PressSite, newest_first, read_boilerplates

LISTS = (
    "articles",
    "translations",
    "drafts",
    "drafts_translations",
    "hidden_articles",
    "hidden_translations",
)


def check_settings(pelican: Any) -> None:
    """Stop at once, with one line, when a PressClub setting (or PRESS_NOW) is unusable."""
    try:
        read_settings(pelican.settings)
    except SettingsError as error:
        print(error, file=sys.stderr)
        raise SystemExit(1) from None


def use_reader(readers: Any) -> None:
    """Read every .md file with the release reader instead of Pelican's Markdown reader."""
    readers.reader_classes["md"] = PressReader


def press_reader(generator: Any) -> PressReader | None:
    """Return the release reader of a generator, if Pelican made one."""
    reader = generator.readers.readers.get("md")
    return reader if isinstance(reader, PressReader) else None


def prerender_bodies(generator: Any) -> None:
    """Render every release body on all cores before Pelican reads the files one by one."""
    reader = press_reader(generator)
    if reader is None:
        return
    settings = generator.settings
    found = generator.get_files(
        settings["ARTICLE_PATHS"], exclude=settings["ARTICLE_EXCLUDES"], extensions=("md",)
    )
    paths = [Path(generator.path) / name for name in sorted(found)]
    prerender(reader.bodies, paths, worker_count(settings.get("PRESS_WORKERS")))


def stage_output(pelican: Any) -> None:
    """Point this run at an empty staging directory; the real output waits for success."""
    pelican.output_path = str(output.begin(pelican.settings["OUTPUT_PATH"]))


def publish_output(pelican: Any) -> None:
    """Let plugins finish the staged output (search index), then swap it in place of the output."""
    output_ready.send(pelican, staging=Path(pelican.output_path))
    output.commit(Path(pelican.output_path), pelican.settings["OUTPUT_PATH"])


def safe_writer(pelican: Any) -> type:
    """Give Pelican the writer that refuses unsafe or shared output paths."""
    return output.SafeWriter


def gate_releases(generator: Any) -> None:
    """Validate all releases together, stop on any problem, withhold what is not due."""
    settings = read_settings(generator.settings)
    everything = list(chain.from_iterable(getattr(generator, name) for name in LISTS))
    content = Path(generator.settings["PATH"])
    read = [(article.press, article.press_problems) for article in everything]
    contacts, problems = site_problems(content, settings, read)
    save_body_cache(generator)
    if problems:
        output.stop(problems, generator.output_path, generator.settings["OUTPUT_PATH"])
    site = PressSite(settings, contacts, read_boilerplates(content, settings))
    visible = [a for a in everything if settings.preview or a.press.is_due(settings.now)]
    site.articles = newest_first(visible)
    site.withheld = [a.press for a in everything if a not in visible]
    keep(generator, set(map(id, visible)))
    decorate(site, visible, settings)
    generator.context["press"] = site


def save_body_cache(generator: Any) -> None:
    """Keep this build's rendered bodies for the next build."""
    reader = press_reader(generator)
    if reader is not None:
        reader.bodies.save()


def keep(generator: Any, visible: set[int]) -> None:
    """Drop withheld releases from every list Pelican keeps, translations included."""
    for name in LISTS:
        setattr(generator, name, [a for a in getattr(generator, name) if id(a) in visible])
    for article in chain(generator.articles, generator.translations):
        article.translations = [t for t in article.translations if id(t) in visible]


def decorate(site: PressSite, visible: list[Any], settings: PressSettings) -> None:
    """Attach resolved contacts, author, related links and preview state to each release."""
    by_pair = {(a.press.meta.key, a.lang): a.press for a in visible}
    for article in visible:
        meta = article.press.meta
        article.press_contacts = [site.contacts[c] for c in meta.contacts]
        article.press_author = site.contacts.get(meta.author) if meta.author else None
        article.press_related = resolve_related(article.press, by_pair, settings.langs)
        article.press_state = preview_state(article.press, settings)


def preview_state(release: Any, settings: PressSettings) -> str | None:
    """Name why a release shows only in preview: draft, embargoed, or nothing."""
    if release.meta.status == "draft":
        return "draft"
    return None if release.is_due(settings.now) else "embargoed"


def drop_withheld_images(generator: Any) -> None:
    """Copy no image that only unpublished releases use."""
    site = generator.context.get("press")
    if site is None:
        return
    held = site.withheld_images()
    kept = [f for f in generator.staticfiles if f.relative_source_path not in held]
    generator.staticfiles = kept
    generator.context["staticfiles"] = kept


SWITCHED_OFF = ("tag", "category", "author", "archives", "period_archives", "index")


def quiet_unused_templates(generator: Any) -> None:
    """Give Pelican empty stand-ins for templates of pages that are switched off.

    Pelican loads the tag, category, author and archive templates even when their
    SAVE_AS settings are empty; the theme should not carry files that never render.
    """
    stand_ins = DictLoader({f"{name}.html": "" for name in SWITCHED_OFF})
    generator.env.loader = ChoiceLoader([generator.env.loader, stand_ins])


def register() -> None:
    """Connect the handlers; each signal is chosen for when its input is complete."""
    signals.initialized.connect(check_settings)
    signals.readers_init.connect(use_reader)
    # article_generator_init: the reader exists and no file has been read yet.
    signals.article_generator_init.connect(prerender_bodies)
    signals.generator_init.connect(quiet_unused_templates)
    # get_generators runs at the start of every run, before anything is written.
    signals.get_generators.connect(stage_output)
    signals.get_writer.connect(safe_writer)
    # pretaxonomy: every release is read, nothing is listed or written yet.
    signals.article_generator_pretaxonomy.connect(gate_releases)
    signals.static_generator_finalized.connect(drop_withheld_images)
    signals.finalized.connect(publish_output)
