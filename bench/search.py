"""Search index figures: Pagefind run again, as the build runs it, on our build's output."""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pelican.settings import read_settings as pelican_settings

PLUGINS = Path(__file__).resolve().parents[1] / "plugins"
if str(PLUGINS) not in sys.path:  # press_search, as pelicanconf.py makes it importable
    sys.path.insert(0, str(PLUGINS))

from press_core.settings import read_settings  # noqa: E402
from press_search import indexing, pagefind  # noqa: E402
from press_search.fields import release_folders  # noqa: E402

if TYPE_CHECKING:
    from bench.run import Result


@dataclass(frozen=True)
class SearchFigures:
    """The index of one output: pages and words indexed, median time, bundle size and files."""

    pages: int
    words: int
    seconds: float
    size: int
    files: int


def measure_index(output: Path, settings: Path, runs: int) -> SearchFigures:
    """Index the release pages of a built output `runs` times; raise SearchError if Pagefind fails.

    Pagefind writes into a copy of the release folders (hard links, beside the output),
    never into the build's output: a bundle our build did not make would make the next
    build refuse that output as someone else's.
    """
    folders = release_folders(read_settings(pelican_settings(str(settings))))
    binary, times = pagefind.find_binary(), []
    site = output.parent / f".{output.name}-search"
    shutil.rmtree(site, ignore_errors=True)
    try:
        for folder in folders:
            if (output / folder).is_dir():
                shutil.copytree(output / folder, site / folder, copy_function=os.link)
        for _ in range(runs):
            start = time.perf_counter()
            stats = indexing.index_site(binary, site, folders)
            times.append(time.perf_counter() - start)
        files = sum(1 for path in (site / pagefind.BUNDLE).rglob("*") if path.is_file())
    finally:
        shutil.rmtree(site, ignore_errors=True)
    return SearchFigures(stats.pages, stats.words, statistics.median(times), stats.size, files)


def format_figures(figures: SearchFigures | str, runs: int) -> list[str]:
    """Return the report's search section: a small table, or why it is missing."""
    lines = ["", "#### Search index (Pagefind, release pages of our output)", ""]
    if isinstance(figures, str):
        return [*lines, f"Not measured: {figures}"]
    return [
        *lines,
        "| measure | PressClub |",
        "|---|---:|",
        f"| pages indexed | {figures.pages:,} |",
        f"| words indexed | {figures.words:,} |",
        f"| indexing time, median of {runs} (s) | {figures.seconds:.2f} |",
        f"| index size (MiB) | {figures.size / 2**20:.1f} |",
        f"| index files | {figures.files:,} |",
    ]


def section(results: Sequence[Result], settings: Path, runs: int) -> list[str]:
    """Time Pagefind on our last build's output, as the build runs it, and size the index."""
    ours = next((r for r in results if r.tool.name == "ours"), None)
    if ours is None or not ours.runnable:
        return format_figures("our build was not measured or failed", runs)
    try:
        figures = measure_index(ours.tool.output, settings, runs)
    except pagefind.SearchError as error:
        return format_figures(str(error), runs)
    return format_figures(figures, runs)
