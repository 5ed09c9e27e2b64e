"""The targets of issue 15, judged on measured figures: a table of target, figure, met or not."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bench.run import Result

FLAT = 1.20  # per-release cost within 20 %: largest ÷ smallest
FLAT_SPAN = (100, 5000)


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


def _to_hugo(figure: str) -> Callable[[dict[str, Result]], float | None]:
    """Return a getter of our cold build's `figure` divided by Hugo's."""

    def ratio(by_name: dict[str, Result]) -> float | None:
        ours, hugo = (_ours("cold", figure)(by_name), _hugo_cold(by_name, figure))
        return ours / hugo if ours is not None and hugo else None

    return ratio


def _hugo_cold(by_name: dict[str, Result], figure: str) -> float | None:
    """Return Hugo's median cold `figure`, None when Hugo was not measured."""
    return by_name["hugo"].median("cold", figure) if "hugo" in by_name else None


def _live(by_name: dict[str, Result]) -> float | None:
    """Return the live preview's median time from save to the changed page served."""
    ours = by_name.get("ours")
    return ours.live.median if ours and ours.live and not ours.failure else None


def _live_built(by_name: dict[str, Result]) -> float | None:
    """Return the live preview's median time from save to the whole site rebuilt on disk."""
    ours = by_name.get("ours")
    return ours.live.written_median if ours and ours.live and not ours.failure else None


TARGETS = (
    Target("rebuild with nothing changed <= 2 s", 1000, 2.0, " s", _ours("noop")),
    Target("rebuild after one edit <= 3 s", 1000, 3.0, " s", _ours("edit")),
    Target("livereload, save to changed page <= 0.5 s", 1000, 0.5, " s", _live),
    Target("livereload, save to whole site rebuilt", 1000, None, " s", _live_built),
    Target("cold build wall time <= 2x Hugo's", None, 2.0, "×", _to_hugo("seconds")),
    Target("cold build CPU time <= 2x Hugo's", None, 2.0, "×", _to_hugo("cpu_seconds")),
    Target("rebuild after one edit <= 8 s", 5000, 8.0, " s", _ours("edit")),
    Target(
        "peak memory of the build process <= 500 MiB (Pagefind and workers not counted)",
        5000,
        500.0,
        " MiB",
        _ours("cold", "self_mib"),
    ),
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
    sizes = " and ".join(f"{n:,}" for n in stated)
    if pairs in stated:
        return (
            f"Targets are stated for {sizes} pairs: shown here are those of {pairs:,} pairs "
            "and the ratios to Hugo, which apply at any size."
        )
    return (
        f"Targets are stated for {sizes} pairs: at {pairs:,} pairs only the ratios to Hugo "
        "apply; run `--pairs 1000` or `--pairs 5000` for the others."
    )


def format_verdicts(title: str, note: str, verdicts: Sequence[Verdict]) -> list[str]:
    """Return a Markdown section: title, note, and the table of target, figure, verdict."""
    lines = ["", f"#### {title}", "", note, "", "| target | figure | verdict |", "|---|---:|---|"]
    return lines + [f"| {v.target} | {v.figure} | {v.status} |" for v in verdicts]
