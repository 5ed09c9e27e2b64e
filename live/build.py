"""Run Pelican in this process, again after each change, as the plain `pelican` command does."""

from __future__ import annotations

import copy
import importlib
import sys
import traceback
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from pelican.settings import read_settings

from . import fresh
from .fast import fast_pages
from .memory import Capture, SiteMemory


@dataclass
class Builder:
    """One site's build, run as many times as its sources change."""

    settings_file: Path
    content: Path
    output: Path
    overrides: dict[str, Any] = field(default_factory=dict)
    plugin_paths: list[str] = field(default_factory=list)
    memory: SiteMemory | None = None  # the last good build, while the sources still match it
    templates: Any = None  # press_build.SharedTemplates: compiled once, kept across builds

    def settings(self) -> dict[str, Any]:
        """Read the settings file afresh, with the command line's values on top as `pelican` does."""
        override = {"PATH": str(self.content), "OUTPUT_PATH": str(self.output), "DEBUG": False}
        override |= copy.deepcopy(self.overrides)
        settings = read_settings(str(self.settings_file), override=override)
        self.plugin_paths = list(settings.get("PLUGIN_PATHS") or [])
        return settings

    def run(self, changed: Iterable[str] = ()) -> bool:
        """Build once; on failure print why, keep the last good output and return False."""
        loaded = fresh.plugin_modules(self.plugin_paths)
        fresh.unplug(loaded)
        if any(_is_code(path, self.plugin_paths) for path in changed):
            fresh.forget(loaded)  # plugin code changed: import it again
            importlib.invalidate_caches()
            self.templates = None  # and compile the templates with it
        fresh.reset_pelican()
        done = False
        capture = Capture()
        try:
            settings = self.settings()  # puts the plugins on sys.path
            # Imported after `forget`: the build code of this run, not the last one's.
            import press_build

            # A stop prints its lines, as `pelican` does, and keeps the last good output
            # (the pipeline drops its staged output and lock however the build ends).
            with press_build.reported() as outcome:
                pelican = _pelican(settings, press_build)
                self.templates = self.templates or press_build.SharedTemplates()
                pelican.templates = self.templates
                # Nothing kept yet: a real build, so that a body edit is fast next.
                pelican.always = self.memory is None
                with capture.listening():
                    pelican.run()
            done = outcome.code in (None, 0)  # built, or nothing changed
        except Exception:  # a bug in a template, plugin or setting: show where, as pelican does
            traceback.print_exc(file=sys.stderr)
        finally:
            fresh.reset_pelican()
        # A failed build leaves sources the kept one does not match; a run that found
        # nothing changed (no page written) leaves the kept build as it was.
        self.memory = (capture.memory() or self.memory) if done else None
        return done

    def fast_pages(self, changed: Iterable[str]) -> dict[str, bytes] | None:
        """Return the pages of a body-only edit rendered from memory; None: build the site."""
        try:
            return fast_pages(self.memory, changed)
        except Exception:  # the full build that follows renders the same page and says why
            return None


def _pelican(settings: dict[str, Any], engine: ModuleType) -> Any:
    """Make the build the settings ask for (PELICAN_CLASS), as `pelican` does, without
    the command line's exits (engine.PressBuild for its PressPelican): this process goes
    on after a stop."""
    cls = settings["PELICAN_CLASS"]
    if isinstance(cls, str):
        module, name = cls.rsplit(".", 1)
        cls = getattr(importlib.import_module(module), name)
    return (engine.PressBuild if cls is engine.PressPelican else cls)(settings)


def _is_code(path: str, plugin_paths: list[str]) -> bool:
    """Tell whether a changed file is Python code of a plugin."""
    where = Path(path).resolve()
    return where.suffix == ".py" and any(
        where.is_relative_to(Path(root).resolve()) for root in plugin_paths
    )
