"""Run Pelican in this process, again after each change, as the plain `pelican` command does."""

from __future__ import annotations

import copy
import importlib
import sys
import traceback
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pelican import Pelican
from pelican.settings import read_settings

from . import fresh
from .fast import fast_pages
from .memory import Capture, SiteMemory

BUILD_ALWAYS = "PRESS_BUILD_ALWAYS"  # press_content.output.BUILD_ALWAYS: build though unchanged


@dataclass
class Builder:
    """One site's build, run as many times as its sources change."""

    settings_file: Path
    content: Path
    output: Path
    overrides: dict[str, Any] = field(default_factory=dict)
    plugin_paths: list[str] = field(default_factory=list)
    memory: SiteMemory | None = None  # the last good build, while the sources still match it

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
        fresh.reset_pelican()
        pelican = None
        done = False
        capture = Capture()
        try:
            settings = self.settings()
            if self.memory is None:  # nothing kept yet: a real build, so a body edit is fast next
                settings[BUILD_ALWAYS] = True
            pelican = _pelican(settings)
            with capture.listening():
                pelican.run()
            done = True
        except SystemExit as stop:  # output.stop (problems printed), or nothing changed (0)
            done = stop.code in (0, None)
        except Exception:  # a bug in a template, plugin or setting: show where, as pelican does
            traceback.print_exc(file=sys.stderr)
        finally:
            if not done:
                _release(pelican)
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


def _pelican(settings: dict[str, Any]) -> Pelican:
    """Make the Pelican object the settings ask for (PELICAN_CLASS), as `pelican` does."""
    cls = settings["PELICAN_CLASS"]
    if isinstance(cls, str):
        module, name = cls.rsplit(".", 1)
        cls = getattr(importlib.import_module(module), name)
    return cls(settings)


def _is_code(path: str, plugin_paths: list[str]) -> bool:
    """Tell whether a changed file is Python code of a plugin."""
    where = Path(path).resolve()
    return where.suffix == ".py" and any(
        where.is_relative_to(Path(root).resolve()) for root in plugin_paths
    )


def _release(pelican: Pelican | None) -> None:
    """Drop a failed build's staging folder and lock, which an error may have left behind.

    press_content's output.stop cleans up itself; an exception from a template or a
    plugin does not, and a lock still held would make the next build wait for itself.
    """
    staging = sys.modules.get("press_content.staging")
    if staging is None:
        return
    if pelican is not None:
        staging.abandon(Path(pelican.output_path))  # only ever removes a .staging- folder
    staging.unlock()
