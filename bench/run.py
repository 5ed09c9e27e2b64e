"""Benchmark harness: generate the corpus, time every build, print the Markdown report."""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bench import profiling, report, search, words
from bench.corpus import Corpus, build_corpus
from bench.layouts import write_all
from bench.measure import Sample, count_files, run_build, tail
from bench.media import measure_media, media_report
from bench.tools import NAMES, OUR_SETTINGS, Tool, clean, make_tools

DEFAULT_OUT = Path(tempfile.gettempdir()) / "pressclub-bench"
DEFAULT_SEED = 2021
SCENARIOS = ("cold", "noop", "edit")
# Only these subdirectories of the work directory are ever deleted.
OWNED = ("src", "out", "cache", "logs", "profile", "media-src", "media-out", "media-cache")


@dataclass
class Result:
    """Every sample of one tool, and why it stopped if it failed."""

    tool: Tool
    samples: dict[str, list[Sample]] = field(default_factory=lambda: {s: [] for s in SCENARIOS})
    files: int = 0
    failure: str = ""
    original: str | None = None

    @property
    def runnable(self) -> bool:
        """Tell whether this tool can (still) be measured."""
        return not (self.tool.missing or self.failure)

    def median(self, scenario: str, figure: str = "seconds") -> float | None:
        """Return the median of a Sample `figure` over `scenario`, None if not measured."""
        values = [getattr(sample, figure) for sample in self.samples[scenario]]
        return statistics.median(values) if values and not self.failure else None


def main(
    pairs: int = 100,
    runs: int = 3,
    out: Path | None = None,
    *,
    seed: int = DEFAULT_SEED,
    tools: Sequence[str] = NAMES,
    settings: Path = OUR_SETTINGS,
    profile: bool = False,
    media: bool = False,
) -> str:
    """Generate `pairs` release pairs under `out`, measure each tool `runs` times; print and return the report."""
    work, settings = Path(out or DEFAULT_OUT).resolve(), Path(settings).resolve()
    corpus = build_corpus(pairs, seed)
    sources = prepare(work, corpus)
    load = os.getloadavg()[0]
    results = measure(
        make_tools(work, sources, corpus, tuple(tools), settings), runs, work / "logs"
    )
    command = command_line(pairs, runs, seed, tools, settings, profile) + (
        " --media" if media else ""
    )
    setup = report.Setup(pairs, runs, seed, _words(corpus), command, (load, os.getloadavg()[0]))
    text = report.format_report(results, setup)
    text += "\n" + "\n".join(search_section(results, settings, runs))
    if profile:
        ours = make_tools(work, sources, corpus, ("ours",), settings)[0]
        text += "\n" + profiling.profile_report(ours, work / "profile")
    if media:
        text += "\n" + media_report(measure_media(work, sources["ours"], corpus, settings), pairs)
    print(text)
    return text


def search_section(results: list[Result], settings: Path, runs: int) -> list[str]:
    """Time Pagefind on our last build's output, as the build runs it, and size the index."""
    ours = next((r for r in results if r.tool.name == "ours"), None)
    if ours is None or not ours.runnable:
        return search.format_figures("our build was not measured or failed", runs)
    try:
        figures = search.measure_index(ours.tool.output, settings, runs)
    except search.pagefind.SearchError as error:
        return search.format_figures(str(error), runs)
    return search.format_figures(figures, runs)


def command_line(
    pairs: int, runs: int, seed: int, tools: Sequence[str], settings: Path, profile: bool
) -> str:
    """Return the command line that reproduces this report."""
    parts = ["python -m bench", f"--pairs {pairs}", f"--runs {runs}"]
    parts += [f"--seed {seed}"] if seed != DEFAULT_SEED else []
    parts += [f"--tools {','.join(tools)}"] if tuple(tools) != NAMES else []
    parts += [f"--settings {settings}"] if settings != OUR_SETTINGS else []
    return " ".join(parts + (["--profile"] if profile else []))


def prepare(work: Path, corpus: Corpus) -> dict[str, Path]:
    """Empty the harness's own subdirectories of `work`, then write the corpus layouts."""
    for name in OWNED:
        shutil.rmtree(work / name, ignore_errors=True)
    return write_all(work / "src", corpus)


def measure(tools: list[Tool], runs: int, logs: Path) -> list[Result]:
    """Measure cold build, no-change rebuild and one-edit rebuild of each tool, `runs` times."""
    results = [Result(tool) for tool in tools]
    for run in range(1, runs + 1):
        for result in results:
            if result.runnable:
                _measure_run(result, run, runs, logs)
    return results


def _measure_run(result: Result, run: int, runs: int, logs: Path) -> None:
    """Run the three scenarios once, in order; stop at the first failed build."""
    tool = result.tool
    clean(tool)
    for scenario in SCENARIOS:
        if scenario == "edit":
            _edit(result, run)
        sample = run_build(
            tool.command, tool.cwd, tool.env, logs / f"{tool.name}-{scenario}-{run}.log"
        )
        _progress(tool, scenario, run, runs, sample)
        if not sample.ok:
            result.failure = f"{scenario} build failed (exit {sample.returncode}), log {sample.log}:\n{tail(sample.log)}"
            return
        result.samples[scenario].append(sample)
        if scenario == "cold":
            result.files = count_files(tool.output)


def _edit(result: Result, run: int) -> None:
    """Change one release's body (a sentence added), differently on each run."""
    if result.original is None:
        result.original = result.tool.edit.read_text(encoding="utf-8")
    added = f"\n{words.ORGANISATION} corrected this release (revision {run}).\n"
    result.tool.edit.write_text(result.original + added, encoding="utf-8")


def _progress(tool: Tool, scenario: str, run: int, runs: int, sample: Sample) -> None:
    """Report one build on stderr, so long runs show where they are."""
    status = "ok" if sample.ok else f"FAILED (exit {sample.returncode})"
    print(
        f"[bench] {tool.label:<13} {scenario:<4} run {run}/{runs}: {sample.seconds:8.2f} s "
        f"{sample.peak_mib:7.0f} MiB {status}",
        file=sys.stderr,
        flush=True,
    )


def _words(corpus: Corpus) -> int:
    """Return the mean word count of a release body."""
    counts = [len(version.body.split()) for version in corpus.versions]
    return round(sum(counts) / max(len(counts), 1))
