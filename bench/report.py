"""Format benchmark results as a Markdown table with ratios, plus notes on failures."""

from __future__ import annotations

import os
import platform
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bench.tools import LABELS, NAMES, versions

if TYPE_CHECKING:
    from bench.run import Result

Getter = Callable[["Result"], "float | None"]
# (row title, value getter, number format)
ROWS: tuple[tuple[str, Getter, str], ...] = (
    ("cold build (s)", lambda r: r.median("cold"), "{:.2f}"),
    ("rebuild, nothing changed (s)", lambda r: r.median("noop"), "{:.2f}"),
    ("rebuild, one release edited (s)", lambda r: r.median("edit"), "{:.2f}"),
    ("cold build, CPU time (s)", lambda r: r.median("cold", "cpu_seconds"), "{:.2f}"),
    ("peak memory, cold build (MiB)", lambda r: r.median("cold", "peak_mib"), "{:,.0f}"),
    (
        "output files",
        lambda r: float(r.files) if r.samples["cold"] and not r.failure else None,
        "{:,.0f}",
    ),
)
RATIOS = (("ours", "pelican"), ("ours", "hugo"), ("pelican", "hugo"))


@dataclass(frozen=True)
class Setup:
    """What the figures depend on: corpus size, runs, seed, command, machine load."""

    pairs: int
    runs: int
    seed: int
    words: int
    command: str
    load: tuple[float, float]


def format_report(results: Sequence[Result], setup: Setup) -> str:
    """Return the heading, the table and the notes."""
    by_name = {result.tool.name: result for result in results}
    lines = [*_heading(setup), "", *_table(by_name), ""]
    return "\n".join(lines + _notes(results))


def _heading(setup: Setup) -> list[str]:
    """Describe the corpus, the machine, the versions and the command."""
    soft = ", ".join(f"{name} {version}" for name, version in versions().items())
    return [
        f"### {setup.pairs:,} pairs ({2 * setup.pairs:,} releases, about {setup.words} words each)",
        "",
        f"Median of {setup.runs} run(s); corpus seed {setup.seed}; {os.cpu_count()} cores, "
        f"{platform.system()} {platform.machine()}; {soft}.",
        f"Load average (1 min) {setup.load[0]:.1f} before, {setup.load[1]:.1f} after: "
        "wall times are comparable only on an otherwise idle machine.",
        f"Command: `{setup.command}`",
    ]


def _table(by_name: dict[str, Result]) -> list[str]:
    """Return the Markdown table: one row per measure, tools then ratios as columns."""
    ratio_heads = [f"{LABELS[a]} ÷ {LABELS[b]}" for a, b in RATIOS]
    head = ["measure", *(LABELS[name] for name in NAMES), *ratio_heads]
    lines = [_row(head), _row(["---"] + ["---:"] * (len(head) - 1))]
    for title, get, number in ROWS:
        values = {name: get(by_name[name]) if name in by_name else None for name in NAMES}
        cells = [_cell(by_name.get(name), values[name], number) for name in NAMES]
        lines.append(_row([title, *cells, *(_ratio(values[a], values[b]) for a, b in RATIOS)]))
    return lines


def _row(cells: Sequence[str]) -> str:
    """Join cells into a Markdown table row."""
    return "| " + " | ".join(cells) + " |"


def _cell(result: Result | None, value: float | None, number: str) -> str:
    """Format one measurement; say why it is missing."""
    if value is not None:
        return number.format(value)
    if result is None or result.tool.missing:
        return "n/a"
    return "failed" if result.failure else "–"


def _ratio(numerator: float | None, denominator: float | None) -> str:
    """Format numerator ÷ denominator, or a dash when either is missing."""
    if numerator is None or not denominator:
        return "–"
    return f"{numerator / denominator:.2f}×"


def _notes(results: Sequence[Result]) -> list[str]:
    """Explain each tool that was not measured or failed."""
    notes = []
    for result in results:
        if result.tool.missing:
            notes.append(f"- {result.tool.label}: not measured: {result.tool.missing}.")
        elif result.failure:
            reason, _, log_tail = result.failure.partition("\n")
            notes += [
                f"- {result.tool.label}: {reason}",
                "",
                "  ```",
                *(f"  {line}" for line in log_tail.splitlines()),
                "  ```",
            ]
    return notes
