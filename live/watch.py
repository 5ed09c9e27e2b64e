"""Watch a site's sources and yield each batch of changed files."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

from watchfiles import DefaultFilter, watch


class SourceFilter(DefaultFilter):
    """Editors' scratch files, Pelican's IGNORE_FILES and what the build writes are not sources."""

    def __init__(self, ignore_files: Sequence[str], written: Sequence[Path]) -> None:
        super().__init__(ignore_paths=[str(path) for path in written])
        self.ignore_files = tuple(ignore_files)

    def __call__(self, change: Any, path: str) -> bool:
        """Tell whether a changed path is a source of the site."""
        name = Path(path).name
        if any(fnmatch(name, pattern) for pattern in self.ignore_files):
            return False
        return super().__call__(change, path)


def written_paths(settings: dict[str, Any]) -> list[Path]:
    """Return what a build writes: its output, the staging folders beside it, its cache."""
    output = Path(settings["OUTPUT_PATH"]).resolve()
    # `.output.` covers the lock, `.output.staging-*` and `.output.previous-*` beside it.
    return [output, output.parent / f".{output.name}.", Path(settings["CACHE_PATH"]).resolve()]


def source_paths(settings_file: Path, settings: dict[str, Any]) -> list[Path]:
    """Return what a build reads: content, theme, plugins and the settings file."""
    found = [Path(settings["PATH"]), Path(settings["THEME"]), settings_file]
    found += [Path(path) for path in settings.get("PLUGIN_PATHS") or []]
    return [path.resolve() for path in dict.fromkeys(found) if path.exists()]


def changes(
    paths: Sequence[Path], source: SourceFilter, stop: threading.Event
) -> Iterator[set[str]]:
    """Yield the changed sources, batch by batch, until stop is set."""
    # step: a batch ends after 50 ms without a change, so a save rebuilds at once.
    for batch in watch(
        *paths, watch_filter=source, stop_event=stop, step=50, raise_interrupt=False
    ):
        yield {path for _, path in batch}
