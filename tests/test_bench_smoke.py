"""Smoke test of the benchmark harness: 5 pairs, one run, every tool available; no timings asserted."""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

import pytest
import yaml

from bench import corpus, profiling, run
from bench.corpus import build_corpus
from bench.layouts import write_all
from bench.livereload import release_page
from bench.tools import OUR_SETTINGS, edited_version, make_tools

MEASURES = [
    "cold build (s)",
    "rebuild, nothing changed (s)",
    "rebuild, one release edited (s)",
    "rebuild, one title edited (s)",
    "cold build, CPU time (s)",
    "peak memory, cold build (MiB)",
    "output files",
]
SELF_PEAK = "peak memory, build process alone, cold build (MiB)"
WORKER_PEAK = "peak memory, largest worker process, cold build (MiB)"
PAGEFIND_PEAK = "peak memory, largest Pagefind process, cold build (MiB)"
TOGETHER_PEAK = "peak memory, every process together, cold build (MiB)"
LIVE = "live preview, save to changed page served (s)"
LIVE_BUILT = "live preview, save to whole site rebuilt (s)"
PEAKS = [SELF_PEAK, WORKER_PEAK, PAGEFIND_PEAK, TOGETHER_PEAK]
ROWS = [*MEASURES[:6], *PEAKS, MEASURES[6], LIVE, LIVE_BUILT]
TOOLS = ["PressClub", "plain Pelican", "Hugo"]
FAKE_LIVE = str(Path(__file__).with_name("fake_live.py"))
PHASES = {"reading/Markdown", "validation", "rendering (Jinja)", "writing", "feeds", "other"}


def table(report: str, first: str = "measure") -> dict[str, dict[str, str]]:
    """Parse the Markdown table whose header starts with `first`: row title -> column -> cell."""
    lines = report.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"| {first} |"))
    head = [cell.strip() for cell in lines[start].strip("|").split("|")]
    rows = {}
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        rows[cells[0]] = dict(zip(head, cells, strict=True))
    return rows


def positive(cell: str) -> bool:
    """Tell whether a cell holds a positive number."""
    try:
        return float(cell.replace(",", "").rstrip("×")) > 0
    except ValueError:
        return False


def fake_live(pairs: int) -> tuple[str, ...]:
    """Return the stand-in live preview, writing the page of the release the bench edits."""
    page = release_page(OUR_SETTINGS, edited_version(build_corpus(pairs, run.DEFAULT_SEED)))
    return (sys.executable, FAKE_LIVE, "--page", page, "--delay-ms", "50")


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the harness's work directory for the module."""
    return tmp_path_factory.mktemp("bench")


@pytest.fixture(scope="module")
def report(work: Path) -> str:
    """Run the whole harness once, as `invoke bench --pairs 5` would, with one run."""
    return run.main(pairs=5, runs=1, out=work, live=fake_live(5))


def test_table_has_one_row_per_measure_and_a_column_per_tool(report: str) -> None:
    rows = table(report)
    assert list(rows) == ROWS
    assert all(tool in rows["cold build (s)"] for tool in TOOLS)


def test_plain_pelican_figures_are_positive(report: str) -> None:
    rows = table(report)
    measures = [*MEASURES, SELF_PEAK, TOGETHER_PEAK]
    assert all(positive(rows[measure]["plain Pelican"]) for measure in measures)
    # Plain Pelican starts no process: no worker, no Pagefind.
    assert [rows[m]["plain Pelican"] for m in (WORKER_PEAK, PAGEFIND_PEAK, LIVE)] == ["n/a"] * 3


@pytest.mark.skipif(not shutil.which("hugo"), reason="the hugo command is not installed")
def test_hugo_figures_and_ratios_are_positive(report: str) -> None:
    rows = table(report)
    assert all(positive(rows[measure]["Hugo"]) for measure in MEASURES)
    assert all(positive(rows[measure]["plain Pelican ÷ Hugo"]) for measure in MEASURES)
    assert positive(rows[TOGETHER_PEAK]["Hugo"])  # one process: its own memory
    hugo = [rows[m]["Hugo"] for m in (SELF_PEAK, WORKER_PEAK, PAGEFIND_PEAK, LIVE)]
    assert hugo == ["n/a"] * 4


def test_each_process_of_our_build_is_measured_apart(report: str) -> None:
    ours = {
        measure: cells["PressClub"].replace(",", "") for measure, cells in table(report).items()
    }
    assert 0 < float(ours[SELF_PEAK]) <= float(ours["peak memory, cold build (MiB)"])
    # Pagefind is a child of our build, sampled apart: its own memory, far below the build's.
    assert 0 < float(ours[PAGEFIND_PEAK]) < float(ours[SELF_PEAK])
    # Together is sampled with Pagefind's peak: the sample holding that peak holds Pagefind
    # and the build beside it, so the largest sum is above Pagefind's own peak.
    assert float(ours[TOGETHER_PEAK]) > float(ours[PAGEFIND_PEAK])


def test_live_preview_is_timed_on_the_page_our_build_writes(report: str, work: Path) -> None:
    # The stand-in writes the page after 50 ms; the real build must write that same page.
    assert float(table(report)[LIVE]["PressClub"]) >= 0.05
    page = release_page(OUR_SETTINGS, edited_version(build_corpus(5, run.DEFAULT_SEED)))
    assert (work / "out" / "ours" / page).is_file()
    assert (work / "out" / "live" / page).is_file()


def test_targets_table_follows_the_main_table(report: str) -> None:
    targets = report.split("#### Targets at 5 pairs", 1)[1]
    assert targets.splitlines()[2] == (
        "Targets are stated for 1,000, 5,000 and 20,000 pairs: none applies at 5 pairs; "
        "run `--pairs 1000`, `--pairs 5000` or `--pairs 20000` for them."
    )
    assert table(targets, first="target") == {}


def test_our_build_is_measured_or_its_failure_is_explained(report: str) -> None:
    # Few pages: the build renders them itself, no worker is forked (its peak is 0).
    cells = [table(report)[measure]["PressClub"] for measure in ROWS if measure != WORKER_PEAK]
    if all(positive(cell) for cell in cells):
        assert positive(table(report)["cold build (s)"]["PressClub ÷ plain Pelican"])
    else:
        assert "failed" in cells or "n/a" in cells
        assert "\n- PressClub: " in report


def test_search_index_is_measured_on_our_output(report: str) -> None:
    rows = table(report, first="measure")  # the first table: build figures
    search = report.split("#### Search index", 1)[1]
    figures = table(search)
    assert list(figures) == [
        "pages indexed",
        "words indexed",
        "indexing time, median of 1 (s)",
        "index size (MiB)",
        "index files",
    ]
    assert figures["pages indexed"]["PressClub"] == "10"  # 5 pairs, every release due
    assert all(positive(row["PressClub"]) for row in figures.values())
    assert positive(rows["cold build (s)"]["PressClub"])


def test_measuring_the_search_index_leaves_our_output_as_our_build_left_it(
    report: str, work: Path
) -> None:
    """Pagefind is timed on a copy: a bundle in the output would make the next build refuse it."""
    output = work / "out" / "ours"  # bench.tools: our build's output
    manifest = json.loads((work / "out" / ".ours.manifest.json").read_text())
    bundle = output / "pagefind"
    found = {path.relative_to(bundle).as_posix() for path in bundle.rglob("*") if path.is_file()}
    assert found and found == set(manifest["trees"]["pagefind"]["files"])
    assert not list(work.glob("out/.*-search"))


def test_profile_groups_a_pelican_build_by_phase(tmp_path: Path) -> None:
    corpus = build_corpus(3, seed=1)
    sources = write_all(tmp_path / "src", corpus)
    plain = make_tools(tmp_path, sources, corpus, ("pelican",))[0]
    phases = table(profiling.profile_report(plain, tmp_path / "profile"), first="phase")
    assert set(phases) == PHASES
    assert sum(float(row["seconds"]) for row in phases.values()) > 0


def test_corpus_is_deterministic_and_follows_the_contract(tmp_path: Path) -> None:
    first, second = (write_all(tmp_path / name, build_corpus(4, seed=7))["ours"] for name in "ab")
    files = sorted(p.relative_to(first) for p in first.rglob("*.md"))
    assert files == sorted(p.relative_to(second) for p in second.rglob("*.md"))
    assert all((first / f).read_bytes() == (second / f).read_bytes() for f in files)
    release = next(p for p in first.glob("releases/*/*.fr.md"))
    meta = yaml.safe_load(release.read_text(encoding="utf-8").split("---\n")[1])
    assert meta["lang"] == "fr" and release.name == f"{meta['key']}.fr.md"
    assert str(meta["date"]).endswith(("-04:00", "-05:00"))
    assert {"topics", "tags", "highlights", "summary", "contacts", "related"} <= set(meta)


def test_corpus_slugs_keep_to_the_contract_length_even_when_long_titles_collide() -> None:
    used: set[tuple[str, str]] = set()
    long = "-".join(["northwind-mobility-renews-the-scientific-pilot"] * 3)  # 143 characters
    slugs = [corpus._unique(long, "fr", used) for _ in range(12)]
    assert all(len(slug) <= corpus.MAX_SLUG for slug in slugs)
    assert len(set(slugs)) == 12
    assert (
        slugs[0] == "northwind-mobility-renews-the-scientific-pilot-northwind-mobility-renews-the"
    )
    assert (
        slugs[11]
        == "northwind-mobility-renews-the-scientific-pilot-northwind-mobility-renews-the-12"
    )
    assert corpus._unique("short-title", "fr", used) == "short-title"


def test_several_sizes_give_the_cost_per_release_of_each(tmp_path: Path) -> None:
    no_preview = (sys.executable, "-c", "raise SystemExit(2)")
    report = run.main(pairs=[1, 2], runs=1, out=tmp_path, tools=("ours",), live=no_preview)
    headings = [line.split(" (")[0] for line in report.splitlines() if line.startswith("### ")]
    assert headings == ["### 1 pairs", "### 2 pairs", "### Targets across sizes"]
    assert (tmp_path / "1-pairs" / "logs" / "ours-cold-1.log").is_file()
    assert (tmp_path / "2-pairs" / "logs" / "ours-cold-1.log").is_file()
    assert table(report.split("#### Targets at 1 pairs", 1)[1], first="target") == {}
    assert table(report)[LIVE]["PressClub"] == "failed"
    across = report.split("### Targets across sizes", 1)[1]
    costs = table(across, first="pairs")
    assert list(costs) == ["1", "2"]
    assert all(positive(costs[n]["cold, ms per release"]) for n in costs)
    flat = table(across, first="target")
    cold = "cold build cost per release, largest ÷ smallest"
    assert flat[cold]["verdict"] == "shown, not a target"
    figure = r"\d+\.\d\d× \(\d+\.\d\d ms at [12], \d+\.\d\d ms at [12] pairs\)"
    assert re.fullmatch(figure, flat[cold]["figure"])
    assert flat["one-edit rebuild cost per release, largest ÷ smallest"]["verdict"] == (
        "shown, not a target"
    )
