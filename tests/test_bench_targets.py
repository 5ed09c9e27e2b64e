"""The benchmark's targets table and per-release cost, judged on made-up figures (no build)."""

from __future__ import annotations

from pathlib import Path

from bench.livereload import LiveFigures
from bench.measure import Sample
from bench.run import Result
from bench.scaling import SizeCost, flatness
from bench.targets import Verdict, size_note, size_verdicts
from bench.tools import Tool

COLD_SPREAD = "cold build cost per release, largest ÷ smallest"
EDIT_SPREAD = "one-edit rebuild cost per release, largest ÷ smallest"
NOT_MEASURED = "not measured (see the table and notes above)"


def result(
    name: str,
    cold: tuple[float, float],
    edit: float = 1.0,
    noop: float = 1.0,
    title: float = 1.0,
    kinds: dict[str, float] | None = None,
) -> Result:
    """Return a Result of one run: cold (wall, CPU), edits and no-change seconds, children's peaks."""
    tool = Tool(name, (), Path("."), Path("out"), (), Path("x.md"))
    made = Result(tool)
    log = Path("x.log")
    cold_sample = Sample(cold[0], cold[1], 900.0, 0, log, 420.0, 880.0, kinds or {}, 1500.0)
    made.samples["cold"].append(cold_sample)
    made.samples["noop"].append(Sample(noop, noop, 100.0, 0, log))
    made.samples["edit"].append(Sample(edit, edit, 100.0, 0, log))
    made.samples["title"].append(Sample(title, title, 100.0, 0, log))
    return made


def test_targets_of_1000_pairs_judge_edits_and_the_ratios_to_plain_pelican() -> None:
    ours = result("ours", (10.0, 15.0), edit=1.9, noop=0.7, title=3.0)
    ours.live = LiveFigures((0.3, 0.45, 0.9), (9.0, 11.0, 10.0))
    verdicts = size_verdicts(
        [ours, result("pelican", (12.0, 9.0)), result("hugo", (4.0, 4.0))], 1000
    )
    assert verdicts == [
        Verdict("one body edit <= 2 s", "1.90 s", "met"),
        Verdict("one title edit <= 3 s", "3.00 s", "met"),
        Verdict("nothing changed <= 0.6 s", "0.70 s", "not met"),
        Verdict("cold build wall time <= plain Pelican's", "0.83×", "met"),
        Verdict("cold build CPU time <= 1.5x plain Pelican's", "1.67×", "not met"),
        Verdict("livereload, save to changed page", "0.45 s", "shown, not a target"),
        Verdict("livereload, save to whole site rebuilt", "10.00 s", "shown, not a target"),
    ]


def test_targets_of_5000_pairs_judge_the_build_and_every_child_apart() -> None:
    kinds = {"workers": 450.0, "pagefind": 610.0}
    verdicts = size_verdicts([result("ours", (50.0, 60.0), edit=2.4, kinds=kinds)], 5000)
    assert verdicts == [
        Verdict("one body edit <= 2.5 s", "2.40 s", "met"),
        Verdict("build process <= 400 MiB", "420 MiB", "not met"),
        Verdict("every child process <= 600 MiB", "610 MiB", "not met"),
    ]


def test_targets_of_20000_pairs_judge_every_process_together() -> None:
    verdicts = size_verdicts([result("ours", (200.0, 300.0), edit=3.2)], 20000)
    assert verdicts == [
        Verdict("every process together <= 2 GiB", "1,500 MiB", "met"),
        Verdict("one body edit <= 3 s", "3.20 s", "not met"),
    ]


def test_without_plain_pelican_the_ratios_are_not_measured() -> None:
    verdicts = size_verdicts([result("ours", (10.0, 8.0))], 1000)
    assert verdicts[3:5] == [
        Verdict("cold build wall time <= plain Pelican's", "–", NOT_MEASURED),
        Verdict("cold build CPU time <= 1.5x plain Pelican's", "–", NOT_MEASURED),
    ]


def test_a_build_without_children_meets_the_child_target() -> None:
    verdicts = size_verdicts([result("ours", (50.0, 60.0))], 5000)
    assert verdicts[2] == Verdict("every child process <= 600 MiB", "0 MiB", "met")


def test_a_failed_live_preview_is_not_measured() -> None:
    ours = result("ours", (10.0, 8.0))
    ours.live = LiveFigures(failure="live preview: waited for ...")
    assert size_verdicts([ours], 1000)[5:7] == [
        Verdict("livereload, save to changed page", "–", NOT_MEASURED),
        Verdict("livereload, save to whole site rebuilt", "–", NOT_MEASURED),
    ]


def test_the_note_says_which_targets_apply() -> None:
    assert size_note(1000) == (
        "Targets are stated for 1,000, 5,000 and 20,000 pairs: shown here are those of 1,000 pairs."
    )
    assert size_note(100) == (
        "Targets are stated for 1,000, 5,000 and 20,000 pairs: none applies at 100 pairs; "
        "run `--pairs 1000`, `--pairs 5000` or `--pairs 20000` for them."
    )
    assert size_verdicts([result("ours", (1.0, 1.0))], 100) == []


def test_spread_is_largest_over_smallest_cost_per_release_shown_not_judged() -> None:
    costs = [SizeCost(100, 1.2, 1.0), SizeCost(1000, 11.0, 2.0), SizeCost(5000, 50.0, 5.0)]
    assert flatness(costs) == [
        Verdict(
            COLD_SPREAD, "1.20× (6.00 ms at 100, 5.00 ms at 5,000 pairs)", "shown, not a target"
        ),
        Verdict(
            EDIT_SPREAD, "10.00× (5.00 ms at 100, 0.50 ms at 5,000 pairs)", "shown, not a target"
        ),
    ]


def test_spread_needs_two_measured_sizes() -> None:
    assert flatness([SizeCost(100, 2.4, None), SizeCost(1000, 12.0, None)]) == [
        Verdict(
            COLD_SPREAD, "2.00× (12.00 ms at 100, 6.00 ms at 1,000 pairs)", "shown, not a target"
        )
    ]
    assert flatness([SizeCost(1000, 12.0, 3.0)]) == []
