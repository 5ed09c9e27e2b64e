"""Smoke test of the benchmark harness: 5 pairs, one run, every tool available; no timings asserted."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from bench import profiling, run
from bench.corpus import build_corpus
from bench.layouts import write_all
from bench.tools import make_tools

MEASURES = [
    "cold build (s)",
    "rebuild, nothing changed (s)",
    "rebuild, one release edited (s)",
    "cold build, CPU time (s)",
    "peak memory, cold build (MiB)",
    "output files",
]
TOOLS = ["PressClub", "plain Pelican", "Hugo"]
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


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Run the whole harness once, as `invoke bench --pairs 5` would, with one run."""
    return run.main(pairs=5, runs=1, out=tmp_path_factory.mktemp("bench"))


def test_table_has_one_row_per_measure_and_a_column_per_tool(report: str) -> None:
    rows = table(report)
    assert list(rows) == MEASURES
    assert all(tool in rows["cold build (s)"] for tool in TOOLS)


def test_plain_pelican_figures_are_positive(report: str) -> None:
    assert all(positive(table(report)[measure]["plain Pelican"]) for measure in MEASURES)


@pytest.mark.skipif(not shutil.which("hugo"), reason="the hugo command is not installed")
def test_hugo_figures_and_ratios_are_positive(report: str) -> None:
    rows = table(report)
    assert all(positive(rows[measure]["Hugo"]) for measure in MEASURES)
    assert all(positive(rows[measure]["plain Pelican ÷ Hugo"]) for measure in MEASURES)


def test_our_build_is_measured_or_its_failure_is_explained(report: str) -> None:
    cells = [table(report)[measure]["PressClub"] for measure in MEASURES]
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
