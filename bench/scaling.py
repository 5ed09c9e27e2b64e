"""Cost per release at each corpus size, and how it spreads across sizes (shown, not judged)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bench.targets import Verdict

if TYPE_CHECKING:
    from bench.run import Result

COLD = "cold build cost per release, largest ÷ smallest"
EDIT = "one-edit rebuild cost per release, largest ÷ smallest"


@dataclass(frozen=True)
class SizeCost:
    """Our build's median cold and one-edit times at one corpus size."""

    pairs: int
    cold: float | None
    edit: float | None

    def per_release(self, seconds: float | None) -> float | None:
        """Return milliseconds per release file (two per pair)."""
        return None if seconds is None else 1000 * seconds / (2 * self.pairs)


def size_cost(results: Sequence[Result], pairs: int) -> SizeCost:
    """Return our build's cost at this size (None where it was not measured)."""
    ours = next((r for r in results if r.tool.name == "ours"), None)
    if ours is None:
        return SizeCost(pairs, None, None)
    return SizeCost(pairs, ours.median("cold"), ours.median("edit"))


def cost_table(costs: Sequence[SizeCost]) -> list[str]:
    """Return the Markdown table of per-release costs, one row per size."""
    lines = [
        "",
        "| pairs | releases | cold build (s) | cold, ms per release | one edit (s) | one edit, ms per release |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for c in costs:
        cells = (c.cold, c.per_release(c.cold), c.edit, c.per_release(c.edit))
        shown = " | ".join("–" if v is None else f"{v:.2f}" for v in cells)
        lines.append(f"| {c.pairs:,} | {2 * c.pairs:,} | {shown} |")
    return lines


def flatness(costs: Sequence[SizeCost]) -> list[Verdict]:
    """Show how the cold and one-edit costs per release spread across the sizes measured.

    Not judged: issue 23 judges the seconds of an edit at each size (an edit's cost must
    not grow with the site), and a cold build against plain Pelican's.
    """
    spreads = (
        (COLD, _spread([(c.pairs, c.per_release(c.cold)) for c in costs])),
        (EDIT, _spread([(c.pairs, c.per_release(c.edit)) for c in costs])),
    )
    return [Verdict(text, spread[1], "shown, not a target") for text, spread in spreads if spread]


def _spread(points: list[tuple[int, float | None]]) -> tuple[float, str] | None:
    """Return largest ÷ smallest of the measured per-release costs, and its figure text."""
    measured = [(pairs, ms) for pairs, ms in points if ms is not None]
    if len(measured) < 2:
        return None
    low, high = min(measured, key=lambda p: p[1]), max(measured, key=lambda p: p[1])
    ratio = high[1] / low[1]
    text = f"{ratio:.2f}× ({high[1]:.2f} ms at {high[0]:,}, {low[1]:.2f} ms at {low[0]:,} pairs)"
    return ratio, text
