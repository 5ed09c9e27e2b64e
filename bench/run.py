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

from bench import profiling, report, scaling, search, targets, words
from bench.corpus import Corpus, build_corpus
from bench.layouts import write_all
from bench.livereload import LIVE, LiveFigures, LiveSite, measure_live, release_page
from bench.measure import Sample, count_files, run_build, tail
from bench.media import measure_media, media_report
from bench.tools import NAMES, OUR_SETTINGS, Tool, clean, edited_version, make_tools

DEFAULT_OUT = Path(tempfile.gettempdir()) / "pressclub-bench"
DEFAULT_SEED = 2021
SCENARIOS = ("cold", "noop", "edit", "title")
# Only these subdirectories of the work directory are ever deleted.
RETITLED = "Revised title of this release, version"  # the title edit, then the run number
OWNED = ("src", "out", "cache", "logs", "profile", "media-src", "media-out", "media-cache")


@dataclass
class Result:
    """Every sample of one tool, and why it stopped if it failed."""

    tool: Tool
    samples: dict[str, list[Sample]] = field(default_factory=lambda: {s: [] for s in SCENARIOS})
    files: int = 0
    failure: str = ""
    live: LiveFigures | None = None

    @property
    def runnable(self) -> bool:
        """Tell whether this tool can (still) be measured."""
        return not (self.tool.missing or self.failure)

    def median(self, scenario: str, figure: str = "seconds") -> float | None:
        """Return the median of a Sample `figure` over `scenario`, None if not measured."""
        values = [getattr(sample, figure) for sample in self.samples[scenario]]
        values = [value for value in values if value is not None]
        return statistics.median(values) if values and not self.failure else None


@dataclass(frozen=True)
class Options:
    """What every corpus size is measured with."""

    runs: int
    seed: int
    tools: tuple[str, ...]
    settings: Path
    profile: bool
    media: bool
    live: tuple[str, ...]  # the live preview's command, before its arguments; () leaves it out


def parse_sizes(text: str) -> list[int]:
    """Parse `--pairs`: one number, or several separated by commas (`100,1000,5000`)."""
    parts = [part.strip() for part in str(text).split(",")]
    if not all(part.isdigit() and int(part) >= 1 for part in parts):
        raise ValueError(f"--pairs takes whole numbers >= 1 separated by commas, not {text!r}")
    return [int(part) for part in parts]


def main(
    pairs: int | Sequence[int] = 100,
    runs: int = 3,
    out: Path | None = None,
    *,
    seed: int = DEFAULT_SEED,
    tools: Sequence[str] = NAMES,
    settings: Path = OUR_SETTINGS,
    profile: bool = False,
    media: bool = False,
    live: Sequence[str] = LIVE,
) -> str:
    """Measure each tool `runs` times on `pairs` release pairs (each size in turn); print and return the report."""
    sizes = [pairs] if isinstance(pairs, int) else list(pairs)
    work, settings = Path(out or DEFAULT_OUT).resolve(), Path(settings).resolve()
    options = Options(runs, seed, tuple(tools), settings, profile, media, tuple(live))
    if len(sizes) == 1:
        text = measure_size(sizes[0], work, options, alone=True).text
    else:
        # Each size in its own folder, so every size's logs are kept.
        parts = [measure_size(n, work / f"{n}-pairs", options, alone=False) for n in sizes]
        text = "\n\n".join(part.text for part in parts) + "\n" + across_sizes(parts)
    print(text)
    return text


@dataclass(frozen=True)
class SizeReport:
    """One corpus size: its report, our build's costs, its targets judged."""

    text: str
    cost: scaling.SizeCost
    verdicts: list[targets.Verdict]


def measure_size(pairs: int, work: Path, options: Options, alone: bool) -> SizeReport:
    """Generate `pairs` pairs under `work` and measure them; with `alone`, judge flatness too."""
    corpus = build_corpus(pairs, options.seed)
    sources = prepare(work, corpus)
    load = os.getloadavg()[0]
    tools = make_tools(work, sources, corpus, options.tools, options.settings)
    results = measure(tools, options.runs, work / "logs")
    measure_preview(results, sources, corpus, work, options)
    loads = (load, os.getloadavg()[0])
    setup = report.Setup(
        pairs, options.runs, options.seed, _words(corpus), command_line(pairs, options), loads
    )
    cost = scaling.size_cost(results, pairs)
    verdicts = targets.size_verdicts(results, pairs)
    shown = verdicts + (scaling.flatness([cost]) if alone else [])
    title, note = f"Targets at {pairs:,} pairs", targets.size_note(pairs)
    text = report.format_report(results, setup).rstrip("\n")
    text += "\n" + "\n".join(targets.format_verdicts(title, note, shown))
    text += "\n" + "\n".join(search.section(results, options.settings, options.runs))
    return SizeReport(text + _extras(work, sources, corpus, pairs, options), cost, verdicts)


def _extras(
    work: Path, sources: dict[str, Path], corpus: Corpus, pairs: int, options: Options
) -> str:
    """Return the sections asked for besides the main table: profile, media."""
    text = ""
    if options.profile:
        ours = make_tools(work, sources, corpus, ("ours",), options.settings)[0]
        text += "\n" + profiling.profile_report(ours, work / "profile")
    if options.media:
        runs = measure_media(work, sources["ours"], corpus, options.settings)
        text += "\n" + media_report(runs, pairs)
    return text


def measure_preview(
    results: list[Result], sources: dict[str, Path], corpus: Corpus, work: Path, options: Options
) -> None:
    """Time the live preview on our corpus, once our builds were measured without failure."""
    ours = next((r for r in results if r.tool.name == "ours"), None)
    if ours is None or not ours.runnable or not options.live:
        return
    page = release_page(options.settings, edited_version(corpus))
    site = LiveSite(
        sources["ours"], options.settings, ours.tool.edit, page, ours.tool.cwd, ours.tool.env
    )
    ours.live = measure_live(site, options.runs, work, options.live)


def across_sizes(parts: list[SizeReport]) -> str:
    """Return the closing section of a run over several sizes: every target, cost per release."""
    lines = ["", "### Targets across sizes", *scaling.cost_table([p.cost for p in parts])]
    verdicts = [
        targets.Verdict(f"{part.cost.pairs:,} pairs: {v.target}", v.figure, v.status)
        for part in parts
        for v in part.verdicts
    ]
    verdicts += scaling.flatness([part.cost for part in parts])
    note = "Cost per release: our build's median wall time ÷ release files. Every target of every size measured:"
    lines += targets.format_verdicts("All targets", note, verdicts)
    return "\n".join(lines) + "\n"


def command_line(pairs: int, options: Options) -> str:
    """Return the command line that reproduces this size's report."""
    parts = ["python -m bench", f"--pairs {pairs}", f"--runs {options.runs}"]
    parts += [f"--seed {options.seed}"] if options.seed != DEFAULT_SEED else []
    parts += [f"--tools {','.join(options.tools)}"] if options.tools != NAMES else []
    parts += [f"--settings {options.settings}"] if options.settings != OUR_SETTINGS else []
    parts += ["--profile"] if options.profile else []
    return " ".join(parts + (["--media"] if options.media else []))


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
    """Run the scenarios once, in order; stop at the first failed build."""
    tool = result.tool
    clean(tool)
    for scenario in SCENARIOS:
        if scenario == "edit":
            _edit(result, run)
        if scenario == "title":
            _retitle(result.tool.edit, run)
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
    """Change one release's body (a sentence added), differently on each run.

    Added to the file as it is: an earlier run's title edit stays, so only the body changes.
    """
    added = f"\n{words.ORGANISATION} corrected this release (revision {run}).\n"
    current = result.tool.edit.read_text(encoding="utf-8")
    result.tool.edit.write_text(current + added, encoding="utf-8")


def _retitle(source: Path, run: int) -> None:
    """Give the edited release a new title (its body edit stays): the title line replaced.

    The three layouts write the title on one line of their own (`title:` or `Title:`), the
    slug apart, so the page keeps its address. A YAML title folded over several lines
    (Hugo's front matter) has its indented continuation lines dropped with it.
    """
    lines = source.read_text(encoding="utf-8").split("\n")
    at = next(n for n, line in enumerate(lines) if line.lower().startswith("title:"))
    end = at + 1
    while end < len(lines) and lines[end].startswith(" "):
        end += 1
    new = f"{lines[at].split(':', 1)[0]}: {RETITLED} {run}"
    source.write_text("\n".join([*lines[:at], new, *lines[end:]]), encoding="utf-8")


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
