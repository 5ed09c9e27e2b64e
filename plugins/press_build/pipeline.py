"""The build as Pelican runs it, and the one place where its stops become exit codes.

`PressBuild` runs Pelican with every PressClub plugin; a plugin that must stop raises
`BuildStopped` (with a line per problem) or `UpToDate` (nothing to do). The plain
`pelican` command makes `PELICAN_CLASS` (pelicanconf.py), `PressPelican`, which turns
those into the messages and exit codes staff see. The live preview runs `PressBuild` in
its own process (`reported`: the same lines, no exit) and reaches the build only through
the names below.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pelican import Pelican
from press_core.errors import BuildStopped, UpToDate

from . import staging
from .memo import OutputMemo
from .output import BUILD_ALWAYS, MEMO
from .signals import release_read

__all__ = [
    "BuildStopped",
    "PressBuild",
    "PressPelican",
    "UpToDate",
    "abandon",
    "build_always",
    "in_process",
    "memo_of",
    "release_read",
    "reported",
]


class PressBuild(Pelican):
    """Pelican with the PressClub build; stops pass through as typed exceptions."""


class PressPelican(PressBuild):
    """The `pelican` command's build: a stop prints its lines and exits as it always has."""

    def __init__(self, settings: dict[str, Any]) -> None:
        with exits():  # plugins check PLUGINS when they are loaded, in Pelican's __init__
            super().__init__(settings)

    def run(self) -> None:
        """Build; exit 1 after problems, 0 when the output was already up to date."""
        with exits():
            super().run()


def in_process(cls: type[Pelican]) -> type[Pelican]:
    """Return the class to run where stops are handled by the caller: PressPelican's base."""
    return PressBuild if cls is PressPelican else cls


@dataclass
class Outcome:
    """How a build ended: its exit code once it stopped, None while it went on."""

    code: int | None = None


@contextmanager
def reported() -> Iterator[Outcome]:
    """Print a stop's lines (problems on stderr, "up to date" on stdout) and note its code."""
    outcome = Outcome()
    try:
        yield outcome
    except BuildStopped as stop:
        if stop.lines:
            print("\n".join(stop.lines), file=sys.stderr)
        outcome.code = stop.exit_code
    except UpToDate as done:
        print(done)
        outcome.code = done.exit_code


@contextmanager
def exits() -> Iterator[None]:
    """Report a stop as `reported` does, then exit with its code (0: up to date, 1: problems)."""
    with reported() as outcome:
        yield
    if outcome.code is not None:
        sys.exit(outcome.code)


def build_always(settings: dict[str, Any]) -> None:
    """Ask this build to build even an output that is up to date (the live preview's first)."""
    settings[BUILD_ALWAYS] = True


def memo_of(settings: dict[str, Any]) -> OutputMemo | None:
    """Return the manifest of the build these settings ran, if it got that far."""
    return settings.get(MEMO)


def abandon(pelican: Pelican | None) -> None:
    """Drop a failed build's staging folder and lock, which an error may have left behind."""
    if pelican is not None:
        staging.abandon(Path(pelican.output_path))  # only ever removes a .staging- folder
    staging.unlock()
