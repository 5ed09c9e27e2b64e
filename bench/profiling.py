"""Profile one cold Pelican build with cProfile and report its time by phase."""

from __future__ import annotations

import cProfile
import pstats
import sys
import sysconfig
from pathlib import Path

from bench.measure import run_build, tail
from bench.phases import Attribution, label, library_times
from bench.tools import REPO, Tool, clean, importable

TOP_FUNCTIONS = 12


def profile_report(tool: Tool, work: Path) -> str:
    """Profile a cold build of `tool` in a child process; return the Markdown report."""
    if tool.missing:
        return f"Profile not made: {tool.missing}.\n"
    if tool.command[1:3] not in (("-m", "pelican"), ("-m", "bench.peak")):
        return f"Profile not made: {tool.label} is not a Pelican build.\n"
    clean(tool)
    stats = work / f"{tool.name}.pstats"
    # One process: bodies rendered ahead in worker processes would be invisible to
    # cProfile (they would show as time waiting on a lock).
    command = (
        sys.executable,
        "-m",
        "bench.profiling",
        str(stats),
        *tool.command[3:],
        "PRESS_WORKERS=1",
    )
    sample = run_build(command, tool.cwd, importable(tool.env), work / f"{tool.name}.log")
    if not sample.ok:
        return f"Profile not made: the build failed (exit {sample.returncode}), log {sample.log}:\n\n```\n{tail(sample.log)}\n```\n"
    return format_profile(tool, pstats.Stats(str(stats)), sample.seconds)


def format_profile(tool: Tool, stats: pstats.Stats, wall: float) -> str:
    """Return the phase table, the library table and the functions with the most own time."""
    attribution = Attribution(stats)
    totals = attribution.totals()
    profiled = sum(totals.values()) or 1.0
    lines = [
        f"### Where the {tool.label} build spends its time (cProfile, cold build)",
        "",
        f"Wall time under the profiler: {wall:.1f} s; profiled time {profiled:.1f} s. "
        "cProfile slows Python-heavy code more than C code: read the shares, not the seconds.",
    ]
    lines += _share_table("phase", totals, profiled)
    lines += _share_table("library (inclusive time)", library_times(stats), profiled)
    return "\n".join(lines + _top_table(attribution)) + "\n"


def _share_table(title: str, seconds: dict[str, float], profiled: float) -> list[str]:
    """Return a Markdown table of seconds and shares, largest first."""
    lines = ["", f"| {title} | seconds | share |", "|---|---:|---:|"]
    for name, value in sorted(seconds.items(), key=lambda item: item[1], reverse=True):
        lines.append(f"| {name} | {value:.2f} | {100 * value / profiled:.0f} % |")
    return lines


def _top_table(attribution: Attribution) -> list[str]:
    """Return the table of the functions with the most own time."""
    lines = ["", "| function (most own time) | phase | own s | calls |", "|---|---|---:|---:|"]
    for func, seconds, calls, phase in attribution.top(TOP_FUNCTIONS):
        lines.append(f"| `{_short(label(func))}` | {phase} | {seconds:.2f} | {calls:,} |")
    return lines


def _short(name: str) -> str:
    """Drop the site-packages or repository prefix from a function's file name."""
    for marker in ("site-packages/", f"{REPO}/", f"{sysconfig.get_paths()['stdlib']}/"):
        name = name.split(marker, 1)[-1]
    return name.replace("|", "\\|")


def child(argv: list[str]) -> int:
    """Run `pelican argv[1:]` under cProfile, dump the stats to argv[0]; return the exit code."""
    import pelican

    profiler = cProfile.Profile()
    code = 0
    profiler.enable()
    try:
        pelican.main(argv[1:])
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 1
    finally:
        profiler.disable()
    profiler.dump_stats(argv[0])
    return code


if __name__ == "__main__":
    sys.exit(child(sys.argv[1:]))
