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
SELF_PEAK = "peak memory, build process alone, cold build (MiB)"
WORKER_PEAK = "peak memory, largest worker process, cold build (MiB)"
PAGEFIND_PEAK = "peak memory, largest Pagefind process, cold build (MiB)"
TOGETHER_PEAK = "peak memory, every process together, cold build (MiB)"
LIVE_ROW = "live preview, save to changed page served (s)"
LIVE_BUILT_ROW = "live preview, save to whole site rebuilt (s)"


@dataclass(frozen=True)
class Row:
    """One measure: its title, how to get it from a Result, its number format, who has it."""

    title: str
    get: Getter
    number: str
    tools: tuple[str, ...] = NAMES
    failed: Callable[[Result], bool] = lambda r: bool(r.failure)


def _files(result: Result) -> float | None:
    """Return the number of output files of a measured cold build."""
    return float(result.files) if result.samples["cold"] and not result.failure else None


def _live(result: Result) -> float | None:
    """Return the live preview's median time from save to changed page served, None if not measured."""
    return result.live.median if result.live and not result.failure else None


def _live_built(result: Result) -> float | None:
    """Return the live preview's median time from save to whole site rebuilt, None if not measured."""
    return result.live.written_median if result.live and not result.failure else None


def _live_failed(result: Result) -> bool:
    """Tell whether our build or its live preview failed."""
    return bool(result.failure or (result.live and result.live.failure))


ROWS: tuple[Row, ...] = (
    Row("cold build (s)", lambda r: r.median("cold"), "{:.2f}"),
    Row("rebuild, nothing changed (s)", lambda r: r.median("noop"), "{:.2f}"),
    Row("rebuild, one release edited (s)", lambda r: r.median("edit"), "{:.2f}"),
    Row("rebuild, one title edited (s)", lambda r: r.median("title"), "{:.2f}"),
    Row("cold build, CPU time (s)", lambda r: r.median("cold", "cpu_seconds"), "{:.2f}"),
    Row("peak memory, cold build (MiB)", lambda r: r.median("cold", "peak_mib"), "{:,.0f}"),
    # bench.peak gives the Pelican builds' own peak; bench.tree each kind of child's and
    # the whole tree's. Hugo is one process; plain Pelican starts none.
    Row(SELF_PEAK, lambda r: r.median("cold", "self_mib"), "{:,.0f}", ("ours", "pelican")),
    Row(WORKER_PEAK, lambda r: r.median("cold", "workers_mib"), "{:,.0f}", ("ours",)),
    Row(PAGEFIND_PEAK, lambda r: r.median("cold", "pagefind_mib"), "{:,.0f}", ("ours",)),
    Row(TOGETHER_PEAK, lambda r: r.median("cold", "together_mib"), "{:,.0f}"),
    Row("output files", _files, "{:,.0f}"),
    Row(LIVE_ROW, _live, "{:.3f}", ("ours",), _live_failed),
    Row(LIVE_BUILT_ROW, _live_built, "{:.3f}", ("ours",), _live_failed),
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
    for row in ROWS:
        values = {name: row.get(by_name[name]) if name in by_name else None for name in NAMES}
        cells = [_cell(row, name, by_name.get(name), values[name]) for name in NAMES]
        lines.append(_row([row.title, *cells, *(_ratio(values[a], values[b]) for a, b in RATIOS)]))
    return lines


def _row(cells: Sequence[str]) -> str:
    """Join cells into a Markdown table row."""
    return "| " + " | ".join(cells) + " |"


def _cell(row: Row, name: str, result: Result | None, value: float | None) -> str:
    """Format one measurement; say why it is missing."""
    if name not in row.tools:
        return "n/a"
    if value is not None:
        return row.number.format(value)
    if result is None or result.tool.missing:
        return "n/a"
    return "failed" if row.failed(result) else "–"


def _ratio(numerator: float | None, denominator: float | None) -> str:
    """Format numerator ÷ denominator, or a dash when either is missing."""
    if numerator is None or not denominator:
        return "–"
    return f"{numerator / denominator:.2f}×"


def _notes(results: Sequence[Result]) -> list[str]:
    """Explain each tool that was not measured or failed, and a live preview that failed."""
    notes = []
    for result in results:
        if result.tool.missing:
            notes.append(f"- {result.tool.label}: not measured: {result.tool.missing}.")
        elif result.failure:
            notes += _failure_note(result.tool.label, result.failure)
        elif result.live and result.live.failure:
            notes += _failure_note(result.tool.label, result.live.failure)
    return notes


def _failure_note(label: str, failure: str) -> list[str]:
    """Return a note: the reason on its first line, then the end of the log as a code block."""
    reason, _, log_tail = failure.partition("\n")
    lines = [f"  {line}" for line in log_tail.splitlines()]
    return [f"- {label}: {reason}", "", "  ```", *lines, "  ```"]
