"""The one object a build passes around: its settings, output, manifest and features' parts."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from press_core.settings import PressSettings

from .compiled import SharedTemplates
from .memo import OutputMemo
from .scaffold import Scaffold

T = TypeVar("T")
ATTRIBUTE = "press_build"  # the attribute of each generator that holds its build


@dataclass(eq=False)
class Build:
    """One run: read once when it starts, handed to every phase and hook as an argument."""

    settings: PressSettings  # every PRESS_* value, parsed once, with this run's one "now"
    pelican: dict[str, Any]  # Pelican's settings, read only
    final: Path  # the output folder the run replaces (resolved)
    always: bool = False  # build even when the output is up to date (the live preview's first)
    staging: Path | None = None  # this run's own folder, swapped in at the end
    lock: int | None = None  # the output's lock file, held from `lock` to `swap`
    cache_lock: int | None = None  # the cache folder's lock file, held as long
    memo: OutputMemo | None = None  # the manifest: what the last build made, what this one makes
    scaffold: Scaffold | None = None  # the previous output's folders, made ahead in staging
    templates: SharedTemplates = field(default_factory=SharedTemplates)
    parts: dict[type, Any] = field(default_factory=dict)  # each feature's own state of this run

    def keep(self, part: T) -> T:
        """Keep a feature's state for this run (one per type) and return it."""
        self.parts[type(part)] = part
        return part

    def part(self, kind: type[T]) -> T | None:
        """Return the state of this run a feature kept, None when it kept none."""
        return self.parts.get(kind)

    def drop(self, kind: type[T]) -> T | None:
        """Take a feature's state out of this run and return it."""
        return self.parts.pop(kind, None)


def find_build(holder: Any) -> Build | None:
    """Return the build a generator or the PressBuild belongs to, None outside a build
    (a generator a task makes only to find files)."""
    return getattr(holder, ATTRIBUTE, None)


def build_of(holder: Any) -> Build:
    """Return the build a generator or the PressBuild belongs to; never opens one.

    Raise LookupError outside a build (a generator not made by press_build's pipeline).
    """
    build = getattr(holder, ATTRIBUTE, None)
    if build is None:
        raise LookupError(f"{type(holder).__name__} is not part of a press_build build")
    return build
