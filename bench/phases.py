"""Attribute a cProfile run's time to build phases, following the call graph."""

from __future__ import annotations

import pstats
import re
import sys
from collections.abc import Iterator

Func = tuple[str, int, str]
PHASES = ("reading/Markdown", "validation", "rendering (Jinja)", "writing", "feeds", "other")
# First match wins. A function matching no rule inherits its callers' phases in
# proportion to the time each caller spent in it (gprof's assumption), so
# builtins such as file writes land where they were called from.
RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "feeds",
        re.compile(
            r"feedgen|feedgenerator|press_feeds|\((write_feed|_add_item_to_the_feed|_create_new_feed)\)"
        ),
    ),
    ("validation", re.compile(r"pydantic|press_content/\w*(valid|schema|model|check|contract)")),
    (
        "reading/Markdown",
        re.compile(
            r"/markdown/|pelican/readers\.py|/yaml/|press_content/\w*(read|front|yaml)|nh3|/docutils/"
        ),
    ),
    ("rendering (Jinja)", re.compile(r"/jinja2/|/markupsafe/|\.html:|\.xml:|\.j2:|<template>")),
    (
        "writing",
        re.compile(
            r"pelican/writers\.py|/shutil\.py|pelican/utils\.py:\d+\((copy|mkdir_p|clean_output_dir)\)"
        ),
    ),
)

# Libraries whose inclusive time is reported beside the phases (file path fragments).
LIBRARIES = {
    "Python-Markdown": "/markdown/",
    "PyYAML": "/yaml/",
    "Jinja2": "/jinja2/",
    "feedgen": "/feedgen/",
    "pydantic": "/pydantic",
    "Babel": "/babel/",
    "nh3": "nh3",
}


def label(func: Func) -> str:
    """Return pstats' usual name for a function: file:line(name)."""
    filename, line, name = func
    return f"{filename}:{line}({name})"


def own_phase(func: Func) -> str | None:
    """Return the phase a function belongs to by itself, None when it inherits."""
    text = label(func)
    return next((phase for phase, rule in RULES if rule.search(text)), None)


class Attribution:
    """Phase shares of every function of one profile."""

    def __init__(self, stats: pstats.Stats) -> None:
        """Keep the raw stats; shares are computed on demand."""
        self.raw: dict[Func, tuple] = stats.stats  # type: ignore[attr-defined]
        self.memo: dict[Func, dict[str, float]] = {}

    def share(self, func: Func, visiting: frozenset[Func] = frozenset()) -> dict[str, float]:
        """Return the fraction of `func`'s own time that belongs to each phase."""
        if func not in self.memo:
            phase = own_phase(func)
            self.memo[func] = {phase: 1.0} if phase else self._inherit(func, visiting | {func})
        return self.memo[func]

    def _inherit(self, func: Func, visiting: frozenset[Func]) -> dict[str, float]:
        """Mix the callers' shares, weighted by the time spent in `func` from each."""
        edges = [
            (c, e[3] + 1e-12 * e[1])
            for c, e in self.raw[func][4].items()
            if c in self.raw and c not in visiting
        ]
        total = sum(weight for _, weight in edges)
        if not edges or total <= 0:
            return {"other": 1.0}
        mixed: dict[str, float] = {}
        for caller, weight in edges:
            for phase, fraction in self.share(caller, visiting).items():
                mixed[phase] = mixed.get(phase, 0.0) + fraction * weight / total
        return mixed

    def totals(self) -> dict[str, float]:
        """Return the seconds spent in each phase; they add up to the profiled time."""
        limit = sys.getrecursionlimit()
        sys.setrecursionlimit(max(limit, 20000))
        try:
            totals = dict.fromkeys(PHASES, 0.0)
            for func, entry in self.raw.items():
                for phase, fraction in self.share(func).items():
                    totals[phase] += entry[2] * fraction
            return totals
        finally:
            sys.setrecursionlimit(limit)

    def top(self, count: int) -> Iterator[tuple[Func, float, int, str]]:
        """Yield the `count` functions with the most own time: function, seconds, calls, main phase."""
        ranked = sorted(self.raw.items(), key=lambda item: item[1][2], reverse=True)[:count]
        for func, entry in ranked:
            share = self.share(func)
            yield func, entry[2], entry[1], max(share, key=share.__getitem__)


def library_times(stats: pstats.Stats) -> dict[str, float]:
    """Return each library's inclusive time: the cumulative time of its entry points."""
    raw: dict[Func, tuple] = stats.stats  # type: ignore[attr-defined]
    times = {}
    for name, fragment in LIBRARIES.items():
        inside = {func for func in raw if fragment in label(func)}
        entries = (func for func in inside if inside.isdisjoint(raw[func][4]))
        times[name] = sum(raw[func][3] for func in entries)
    return times
