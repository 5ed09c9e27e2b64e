"""The targets of issue 23, judged on measured figures: a table of target, figure, met or not."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bench.run import Result


@dataclass(frozen=True)
class Target:
    """One target: what, the corpus size it is stated for (None: any size), the limit, the figure."""

    text: str
    pairs: int | None
    limit: float | None  # None: a figure shown beside the targets, not a target
    unit: str
    figure: Callable[[dict[str, Result]], float | None]


@dataclass(frozen=True)
class Verdict:
    """One line of the targets table."""

    target: str
    figure: str
    status: str


def _ours(scenario: str, figure: str = "seconds") -> Callable[[dict[str, Result]], float | None]:
    """Return a getter of our build's median `figure` in `scenario`."""
    return lambda by_name: by_name["ours"].median(scenario, figure) if "ours" in by_name else None


def _to_pelican(figure: str) -> Callable[[dict[str, Result]], float | None]:
    """Return a getter of our cold build's `figure` divided by plain Pelican's."""

    def ratio(by_name: dict[str, Result]) -> float | None:
        ours = _ours("cold", figure)(by_name)
        plain = by_name["pelican"].median("cold", figure) if "pelican" in by_name else None
        return ours / plain if ours is not None and plain else None

    return ratio


def _live(by_name: dict[str, Result]) -> float | None:
    """Return the live preview's median time from save to the changed page served."""
    ours = by_name.get("ours")
    return ours.live.median if ours and ours.live and not ours.failure else None


def _live_built(by_name: dict[str, Result]) -> float | None:
    """Return the live preview's median time from save to the whole site rebuilt on disk."""
    ours = by_name.get("ours")
    return ours.live.written_median if ours and ours.live and not ours.failure else None


TARGETS = (
    Target("one body edit <= 2 s", 1000, 2.0, " s", _ours("edit")),
    Target("one title edit <= 3 s", 1000, 3.0, " s", _ours("title")),
    Target("nothing changed <= 0.6 s", 1000, 0.6, " s", _ours("noop")),
    Target("cold build wall time <= plain Pelican's", 1000, 1.0, "×", _to_pelican("seconds")),
    Target(
        "cold build CPU time <= 1.5x plain Pelican's", 1000, 1.5, "×", _to_pelican("cpu_seconds")
    ),
    Target("livereload, save to changed page", 1000, None, " s", _live),
    Target("livereload, save to whole site rebuilt", 1000, None, " s", _live_built),
    Target("one body edit <= 2.5 s", 5000, 2.5, " s", _ours("edit")),
    Target("build process <= 400 MiB", 5000, 400.0, " MiB", _ours("cold", "self_mib")),
    Target("every child process <= 600 MiB", 5000, 600.0, " MiB", _ours("cold", "child_mib")),
    Target("every process together <= 2 GiB", 20000, 2048.0, " MiB", _ours("cold", "together_mib")),
    Target("one body edit <= 3 s", 20000, 3.0, " s", _ours("edit")),
)


def size_verdicts(results: Sequence[Result], pairs: int) -> list[Verdict]:
    """Judge the targets stated for `pairs` pairs and those stated for any size."""
    by_name = {result.tool.name: result for result in results}
    return [_judge(t, t.figure(by_name)) for t in TARGETS if t.pairs in (None, pairs)]


def _judge(target: Target, value: float | None) -> Verdict:
    """Compare one figure with its limit."""
    if value is None:
        return Verdict(target.text, "–", "not measured (see the table and notes above)")
    number = f"{value:.2f}" if target.unit != " MiB" else f"{value:,.0f}"
    if target.limit is None:
        return Verdict(target.text, number + target.unit, "shown, not a target")
    return Verdict(target.text, number + target.unit, "met" if value <= target.limit else "not met")


def size_note(pairs: int) -> str:
    """Say which targets apply at this size, and that the others are left out."""
    stated = sorted({t.pairs for t in TARGETS if t.pairs})
    sizes = ", ".join(f"{n:,}" for n in stated[:-1]) + f" and {stated[-1]:,}"
    if pairs in stated:
        return f"Targets are stated for {sizes} pairs: shown here are those of {pairs:,} pairs."
    return (
        f"Targets are stated for {sizes} pairs: none applies at {pairs:,} pairs; "
        "run `--pairs 1000`, `--pairs 5000` or `--pairs 20000` for them."
    )


def format_verdicts(title: str, note: str, verdicts: Sequence[Verdict]) -> list[str]:
    """Return a Markdown section: title, note, and the table of target, figure, verdict."""
    lines = ["", f"#### {title}", "", note, "", "| target | figure | verdict |", "|---|---:|---|"]
    return lines + [f"| {v.target} | {v.figure} | {v.status} |" for v in verdicts]
