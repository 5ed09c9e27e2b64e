"""The build, phase by phase: lock → read → gate → views → plan → render → index → swap.

`PressBuild.run` below is the whole pipeline, read top to bottom. Pelican's generators
still read and write (they call the readers and templates); features hook into the
phases through press_build.signals, each receiver getting the run's `Build` as an
argument, or into Pelican's own signals, which `run` sends where Pelican sends them.
A phase that must stop raises `BuildStopped` (a line per problem) or `UpToDate`; the
edges (`edges.py`: the `pelican` command, tasks, the live preview) turn them into exits.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

from pelican import Pelican
from pelican import signals as pelican_signals
from pelican.utils import clean_output_dir
from press_core.errors import BuildStopped, UpToDate, shown
from press_core.settings import PressSettings, SettingsError, read_settings

from . import fingerprint, guard, output, scaffold, signals, staging
from .build import ATTRIBUTE, Build, build_of
from .compiled import SharedTemplates
from .edges import exits, report
from .forking import worker_count
from .inputs import build_digest, input_entries, shared_digest, site_digest
from .memo import OutputMemo
from .pages import watch_bodies

logger = logging.getLogger(__name__)
# The lists of Pelican's article generator that hold what it read (press_content's gate too).
READ = ("articles", "translations", "drafts", "drafts_translations", "hidden_articles",
        "hidden_translations")  # fmt: skip


class PressBuild(Pelican):
    """Pelican with the PressClub pipeline; stops pass through as typed exceptions."""

    always = False  # build even when the output is up to date (the live preview's first build)
    build: Build | None = None  # this run's build, once `lock` opened it
    press: PressSettings | None = None  # the PRESS_* values, when read before the plugins loaded
    digests: tuple[str, str, list[str]] | None = None  # the inputs' digests, when taken then too
    # Compiled templates a caller keeps across its builds (the live preview, the tests'
    # in-process runner): a template is compiled again only when it or its options change.
    templates: SharedTemplates | None = None

    def __init__(self, settings: dict[str, Any]) -> None:
        drive_phases()  # before the plugins connect theirs: the phases run first
        watch_bodies()  # pages note the bodies they show (press_build.pages)
        super().__init__(settings)

    def run(self) -> None:
        """Run every phase in order; a stop drops the staged output and keeps the old one."""
        started = time.time()
        build = self.build = open_build(self.settings, self.always, self.press)
        if self.templates is not None:
            build.templates = self.templates
        try:
            self.lock(build)
            generators = self.read(build)  # the gate and the views run inside, as files are read
            self.plan(build, generators)
            self.render(build, generators)
            self.index(build)
            self.swap(build)
        except BaseException as error:
            self.abandon(build)
            if isinstance(error, OSError):
                guard.refused_write(self, error)  # one line for a write the disk refused
            raise
        pelican_signals.finalized.send(self)
        report(generators, started)

    def lock(self, build: Build) -> None:
        """Lock the output and stage this run; UpToDate when nothing changed since the last."""
        signals.started.send(self, build=build)
        final, shown_final = build.final, shown(build.final)
        problem = output.placement_problem(final, self.settings, shown)
        problem = problem or guard.unmarked_problem(final, shown_final)  # no lock file left
        if problem:
            output.stop([problem], None, shown_final)
        build.lock, build.staging = output.prepare(final, build.settings.lock_wait, shown)
        cache = Path(self.settings["CACHE_PATH"])  # builds sharing it take turns
        build.cache_lock = output.lock_cache(cache, build.settings.lock_wait, shown, final)
        build.templates.folder = cache / "press-templates"  # compiled by an earlier build
        self.output_path = str(build.staging)
        # Read under the lock: the manifest describes the output this build replaces.
        build.memo = memo = OutputMemo.open(final)
        problem = guard.foreign_problem(memo, shown_final)
        if problem:
            output.stop([problem], build.staging, shown_final)
        memo.now, memo.staging = build.settings.now, build.staging
        memo.workers = worker_count(build.settings.workers)
        memo.shared, memo.inputs, memo.entries = self.digests or input_digests(self.settings)
        if memo.unchanged(build.settings.now) and not build.always:
            raise nothing_changed(final)

    def read(self, build: Build) -> list[Any]:
        """Make the generators and let them read every source (gate and views included)."""
        context = self.settings.copy()
        context.update(generated_content={}, static_links=set(), static_content={})
        context["localsiteurl"] = self.settings["SITEURL"]
        generators = [self.generator(cls, build, context) for cls in self._get_generator_classes()]
        if self.delete_outputdir:  # the staging folder is new and empty; Pelican's rule kept
            clean_output_dir(self.output_path, self.output_retention)
        memo = build.memo
        build.scaffold = scaffold.start(build.staging, memo.previous, memo.workers)
        for generator in generators:
            signals.reading.send(generator, build=build)
        for generator in generators:
            if hasattr(generator, "generate_context"):
                generator.generate_context()  # gate: press_build.signals.gate, at pretaxonomy
            if hasattr(generator, "check_disabled_readers"):
                generator.check_disabled_readers()
        return generators

    def generator(self, cls: type, build: Build, context: dict[str, Any]) -> Any:
        """Make one generator that knows its build from its first line (generator_init)."""
        generator = cls.__new__(cls)
        setattr(generator, ATTRIBUTE, build)
        generator.__init__(
            context=context,
            settings=self.settings,
            path=self.path,
            theme=self.theme,
            output_path=self.output_path,
        )
        return generator

    def plan(self, build: Build, generators: list[Any]) -> None:
        """Let features finish their plans, then digest what every page shares."""
        signals.planned.send(self, build=build, generators=generators)
        pelican_signals.all_generators_finalized.send(generators)
        for generator in generators:
            if hasattr(generator, "refresh_metadata_intersite_links"):
                generator.refresh_metadata_intersite_links()
        memo = build.memo
        if memo.shared and generators:  # no shared digest (a file unreadable): reuse nothing
            memo.site = site_digest(memo.shared, generators[0].context.get("press"), memo) or ""
        memo.keep_bodies([article.source_path for article in releases_of(generators)])

    def render(self, build: Build, generators: list[Any]) -> None:
        """Write every output through the safe writer; pages left for the workers at the end."""
        writer = output.SafeWriter(self.output_path, settings=self.settings, memo=build.memo)
        memo = build.memo
        # Pages will be keyed: their releases first, on every core; not when only bodies
        # changed: then the few pages that read them describe their own releases.
        if memo.previous and memo.site and memo.changed_bodies is None:
            fingerprint.describe_releases(releases_of(generators), memo.frozen, memo.workers)
        for generator in generators:
            if hasattr(generator, "generate_output"):
                generator.generate_output(writer)
        build.memo.flush()  # render_all: the pages no earlier output had, on every core

    def index(self, build: Build) -> None:
        """Let features finish the staged output (the search index) or stop the build."""
        signals.output_ready.send(self, build=build, staging=build.staging)

    def swap(self, build: Build) -> None:
        """Swap the staged output in place of the old one, then its manifest; unlock.

        The manifest is written before the swap (a full disk stops the build with the old
        output in place) and put in place after it; the next build finishes an interrupted one.
        """
        memo = build.memo
        if build.scaffold is not None:
            build.scaffold.finish()  # the folders made ahead that no file uses are removed
        logger.info("Pages and feeds: %d made, %d unchanged and reused", memo.made, memo.reused)
        pending = memo.write_pending(build.staging)
        staging.commit(build.staging, build.final, memo.same_file(build.final), build.lock)
        memo.settle(pending)
        staging.unlock(build.cache_lock)
        staging.unlock(build.lock)
        build.lock = build.cache_lock = None

    def abandon(self, build: Build) -> None:
        """Drop this run's staged output and lock; tell features to undo what they started."""
        signals.abandoned.send(self, build=build)
        if build.scaffold is not None:
            build.scaffold.stop()  # before its folder goes: it makes nothing once that is gone
        if build.staging is not None:
            staging.abandon(build.staging, build.lock)  # only ever removes a .staging- folder
        staging.unlock(build.cache_lock)
        staging.unlock(build.lock)
        build.lock = build.cache_lock = None


class PressPelican(PressBuild):
    """The `pelican` command's build: a stop prints its lines and exits as it always has."""

    def __init__(self, settings: dict[str, Any]) -> None:
        with exits():  # plugins check PLUGINS when they are loaded, in Pelican's __init__
            # Before the plugins load: most of a no-op's time. What it read serves the build.
            self.press, self.digests = up_to_date(settings)
            super().__init__(settings)

    def run(self) -> None:
        """Build; exit 1 after problems, 0 when the output was already up to date."""
        with exits():
            super().run()


def open_build(
    settings: dict[str, Any], always: bool = False, press: PressSettings | None = None
) -> Build:
    """Read the PressClub settings and this run's one "now" (unless read already); a bad
    one stops at once."""
    try:
        press = press or read_settings(settings)
    except SettingsError as error:
        raise BuildStopped([str(error)]) from None
    return Build(press, settings, output.final_path(settings["OUTPUT_PATH"]), always)


def releases_of(generators: list[Any]) -> list[Any]:
    """Return the releases the generators read and publish (translations included)."""
    return [
        article
        for generator in generators
        for article in (
            *getattr(generator, "articles", ()),
            *getattr(generator, "translations", ()),
        )
    ]


def attaching(articles: list[Any]) -> bool:
    """Tell whether a body links a file with {attach} (or |attach|, Pelican's other spelling)."""
    for article in articles:
        raw = getattr(article, "_content", None) or ""
        if "attach" in raw and any(
            found.group("what") == "attach"
            for found in article._get_intrasite_link_regex().finditer(raw)
        ):
            return True
    return False


def up_to_date(
    settings: dict[str, Any],
) -> tuple[PressSettings | None, tuple[str, str, list[str]] | None]:
    """Raise UpToDate when the output in place is what this build would make, else return
    the settings and the inputs' digests it took (None for what it did not: bad settings
    are reported by the build, which also takes the digests itself).

    The check `lock` makes, made early and without the lock: it writes nothing, and an
    output another build is swapping in meanwhile does not match its manifest. Anything
    unusual (bad settings, a misplaced output, files no build made) returns, and the
    build itself reports it.
    """
    try:
        press = read_settings(settings)
    except SettingsError:
        return None, None
    final = output.final_path(settings["OUTPUT_PATH"])
    if output.placement_problem(final, settings, shown):
        return press, None
    memo = OutputMemo.open(final)
    if memo.foreign():
        return press, None
    memo.shared, memo.inputs, memo.entries = input_digests(settings)
    if memo.unchanged(press.now):
        raise nothing_changed(final)
    return press, (memo.shared, memo.inputs, memo.entries)


def nothing_changed(final: Path) -> UpToDate:
    """Return the stop of a build whose output is already what it would make."""
    return UpToDate(f"Nothing changed since the last build: {shown(final)} is up to date.")


def input_digests(settings: dict) -> tuple[str, str, list[str]]:
    """Return the shared and the whole inputs' digests, and each release and static file's
    line; "" (build everything) when a file cannot be read: the build itself then reads it
    and reports the problem in its words.
    """
    try:
        shared, entries = shared_digest(settings), input_entries(settings)
        return shared, build_digest(shared, entries), entries
    except OSError:
        return "", "", []


def gate(generator: Any) -> None:
    """Pelican's pretaxonomy: every release is read, nothing listed; the gate phase runs,
    told first whether only release bodies changed since the last build."""
    if hasattr(generator, ATTRIBUTE):
        build = build_of(generator)
        memo = build.memo
        if memo is not None:
            read = [article for name in READ for article in getattr(generator, name, ())]
            memo.only_bodies(attaching(read))
            if memo.changed_bodies is not None:
                published = memo.changed_bodies & memo.previous_bodies.keys()
                logger.debug(
                    "%s: only the bodies of %d releases changed: what shows none is kept",
                    __name__,
                    len(published),
                )
        signals.gate.send(generator, build=build)


def views(generator: Any) -> None:
    """Pelican's article_generator_finalized: the releases are final; the views phase runs."""
    if hasattr(generator, ATTRIBUTE):
        signals.views.send(generator, build=build_of(generator))


def gate_files(generator: Any) -> None:
    """Pelican's static_generator_finalized: the files to copy are known; gate them."""
    if hasattr(generator, ATTRIBUTE):
        signals.gate_files.send(generator, build=build_of(generator))


def share_templates(generator: Any) -> None:
    """Let a generator's Jinja environment use the templates the build's others compiled."""
    env = getattr(generator, "env", None)
    if env is not None and env.bytecode_cache is None and hasattr(generator, ATTRIBUTE):
        env.bytecode_cache = build_of(generator).templates


def drive_phases() -> None:
    """Connect the Pelican signals that drive press_build's phases (blinker keeps one copy)."""
    pelican_signals.generator_init.connect(share_templates)
    pelican_signals.article_generator_pretaxonomy.connect(gate)
    pelican_signals.article_generator_finalized.connect(views)
    pelican_signals.static_generator_finalized.connect(gate_files)
