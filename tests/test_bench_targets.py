"""The benchmark's targets table and per-release cost, judged on made-up figures (no build)."""

from __future__ import annotations

from pathlib import Path

from bench.livereload import LiveFigures
from bench.measure import Sample
from bench.run import Result
from bench.scaling import SizeCost, flatness
from bench.targets import Verdict, size_note, size_verdicts
from bench.tools import Tool

COLD_FLAT = "cold build cost per release flat within 20 % from 100 to 5,000 pairs"
EDIT_SPREAD = "one-edit rebuild cost per release, largest ÷ smallest"


def result(name: str, cold: tuple[float, float], edit: float = 1.0, noop: float = 1.0) -> Result:
    """Return a Result of one run: cold (wall, CPU), one edit and no-change seconds."""
    tool = Tool(name, (), Path("."), Path("out"), (), Path("x.md"))
    made = Result(tool)
    log = Path("x.log")
    made.samples["cold"].append(Sample(cold[0], cold[1], 900.0, 0, log, 420.0, 880.0))
    made.samples["noop"].append(Sample(noop, noop, 100.0, 0, log))
    made.samples["edit"].append(Sample(edit, edit, 100.0, 0, log))
    return made


def test_targets_of_1000_pairs_and_the_ratios_are_judged() -> None:
    ours = result("ours", (10.0, 8.0), edit=3.5, noop=1.5)
    ours.live = LiveFigures((0.3, 0.45, 0.9), (9.0, 11.0, 10.0))
    verdicts = size_verdicts([ours, result("hugo", (4.0, 4.0))], 1000)
    assert verdicts == [
        Verdict("rebuild with nothing changed <= 2 s", "1.50 s", "met"),
        Verdict("rebuild after one edit <= 3 s", "3.50 s", "not met"),
        Verdict("livereload, save to changed page <= 0.5 s", "0.45 s", "met"),
        Verdict("livereload, save to whole site rebuilt", "10.00 s", "shown, not a target"),
        Verdict("cold build wall time <= 2x Hugo's", "2.50×", "not met"),
        Verdict("cold build CPU time <= 2x Hugo's", "2.00×", "met"),
    ]


def test_targets_of_5000_pairs_judge_the_build_process_memory() -> None:
    verdicts = size_verdicts([result("ours", (50.0, 60.0), edit=7.9)], 5000)
    assert verdicts == [
        Verdict(
            "cold build wall time <= 2x Hugo's", "–", "not measured (see the table and notes above)"
        ),
        Verdict(
            "cold build CPU time <= 2x Hugo's", "–", "not measured (see the table and notes above)"
        ),
        Verdict("rebuild after one edit <= 8 s", "7.90 s", "met"),
        Verdict(
            "peak memory of the build process <= 500 MiB (Pagefind and workers not counted)",
            "420 MiB",
            "met",
        ),
    ]


def test_a_failed_live_preview_is_not_measured() -> None:
    ours = result("ours", (10.0, 8.0))
    ours.live = LiveFigures(failure="live preview: waited for ...")
    assert size_verdicts([ours], 1000)[2:4] == [
        Verdict(
            "livereload, save to changed page <= 0.5 s",
            "–",
            "not measured (see the table and notes above)",
        ),
        Verdict(
            "livereload, save to whole site rebuilt",
            "–",
            "not measured (see the table and notes above)",
        ),
    ]


def test_a_slow_changed_page_is_not_met() -> None:
    ours = result("ours", (10.0, 8.0))
    ours.live = LiveFigures((0.6,), (12.0,))
    assert size_verdicts([ours], 1000)[2] == Verdict(
        "livereload, save to changed page <= 0.5 s", "0.60 s", "not met"
    )


def test_the_note_says_which_targets_apply() -> None:
    assert size_note(1000) == (
        "Targets are stated for 1,000 and 5,000 pairs: shown here are those of 1,000 pairs "
        "and the ratios to Hugo, which apply at any size."
    )
    assert [v.target for v in size_verdicts([result("ours", (1.0, 1.0))], 100)] == [
        "cold build wall time <= 2x Hugo's",
        "cold build CPU time <= 2x Hugo's",
    ]


def test_flatness_is_largest_over_smallest_cost_per_release() -> None:
    costs = [SizeCost(100, 1.2, 1.0), SizeCost(1000, 11.0, 2.0), SizeCost(5000, 50.0, 5.0)]
    assert flatness(costs) == [
        Verdict(COLD_FLAT, "1.20× (6.00 ms at 100, 5.00 ms at 5,000 pairs)", "met"),
        Verdict(
            EDIT_SPREAD, "10.00× (5.00 ms at 100, 0.50 ms at 5,000 pairs)", "shown, not a target"
        ),
    ]


def test_flatness_says_when_sizes_do_not_span_the_target() -> None:
    costs = [SizeCost(100, 2.4, None), SizeCost(1000, 12.0, None)]
    assert flatness(costs) == [
        Verdict(
            COLD_FLAT,
            "2.00× (12.00 ms at 100, 6.00 ms at 1,000 pairs)",
            "not met (measured from 100 to 1,000 pairs only)",
        )
    ]
    assert flatness([SizeCost(1000, 12.0, 3.0)]) == [
        Verdict(
            COLD_FLAT,
            "6.00 ms per release at 1,000 pairs",
            "not measured: needs several sizes, `--pairs 100,1000,5000`",
        )
    ]
