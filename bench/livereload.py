"""Live preview latency: from saving a release to its page holding the change, in `python -m live`.

The live preview builds once, serves its output and prints `Serving <OUTPUT> on http://...`;
then each run appends a unique sentence to the edited release and polls the release's page in
the output until the sentence is there. Our build only: the other tools have no such preview.
"""

from __future__ import annotations

import json
import secrets
import shutil
import statistics
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.corpus import Version
from bench.search import pelican_settings, read_settings
from bench.server import LiveError, Server, free_port

LIVE = (sys.executable, "-m", "live")
START_TIMEOUT = 1800.0  # the first build is a cold one: 5,000 pairs on a busy machine
EDIT_TIMEOUT = 300.0
POLL_SECONDS = 0.005
SETTLE_SECONDS = 0.3  # a pause between runs, so the watcher sees separate saves


@dataclass(frozen=True)
class LiveSite:
    """What the live preview is run on: sources, settings, the edited file and its page."""

    content: Path
    settings: Path
    edit: Path
    page: str  # the edited release's page, relative to the output
    cwd: Path
    env: dict[str, str]


@dataclass(frozen=True)
class LiveFigures:
    """Each run's latency in seconds, or why the measurement stopped."""

    seconds: tuple[float, ...] = ()
    failure: str = ""

    @property
    def median(self) -> float | None:
        """Return the median latency, None when not measured."""
        return statistics.median(self.seconds) if self.seconds and not self.failure else None


def release_page(settings: Path, version: Version) -> str:
    """Return the page our build writes for `version` under `settings`, relative to the output."""
    # Imported here: bench.search (imported above) first puts the plugins on sys.path.
    from press_content.releases import release_url
    from press_core.calendar import year_month

    press = read_settings(pelican_settings(str(settings)))
    filed = year_month(version.release.date, press.timezone)
    return release_url(press, version.lang, filed, version.slug) + "index.html"


def live_command(
    prefix: Sequence[str], site: LiveSite, output: Path, cache: Path, port: int
) -> tuple[str, ...]:
    """Return the live preview's command line: the shared interface of `python -m live`."""
    return (
        *prefix,
        str(site.content),
        "-s",
        str(site.settings),
        "-o",
        str(output),
        "-e",
        f"CACHE_PATH={json.dumps(str(cache))}",
        "--port",
        str(port),
        "--host",
        "127.0.0.1",
    )


def measure_live(
    site: LiveSite,
    runs: int,
    work: Path,
    prefix: Sequence[str] = LIVE,
    timeouts: tuple[float, float] = (START_TIMEOUT, EDIT_TIMEOUT),
) -> LiveFigures:
    """Start the live preview on `site`, time `runs` edits; restore the edited file after."""
    output, cache = work / "out" / "live", work / "cache" / "live"
    for folder in (output, cache):  # its first build is a cold one
        shutil.rmtree(folder, ignore_errors=True)
    command = live_command(prefix, site, output, cache, free_port())
    original = site.edit.read_text(encoding="utf-8")
    server = Server(command, site.cwd, site.env, work / "logs" / "live.log")
    try:
        server.wait_for_serving(output, timeouts[0])
        times = [
            _one_edit(server, site, output / site.page, run, timeouts[1]) for run in range(runs)
        ]
        return LiveFigures(tuple(times))
    except LiveError as error:
        return LiveFigures(failure=str(error))
    finally:
        server.stop()
        site.edit.write_text(original, encoding="utf-8")


def _one_edit(server: Server, site: LiveSite, page: Path, run: int, timeout: float) -> float:
    """Append a sentence to the edited release; return the seconds until its page shows it."""
    time.sleep(SETTLE_SECONDS)
    sentence = f"Live preview probe {run + 1} {secrets.token_hex(4)}."
    rebuilt = server.count("Rebuilt in ")
    with site.edit.open("a", encoding="utf-8") as source:
        source.write(f"\n{sentence}\n")
    start = time.perf_counter()
    server.wait(lambda: sentence in _read(page), f"{page} to show the edit", timeout, POLL_SECONDS)
    seconds = time.perf_counter() - start
    server.note(f"[bench] live run {run + 1}: {seconds:.3f} s from save to {page}")
    print(
        f"[bench] PressClub     live run {run + 1}: {seconds:8.3f} s", file=sys.stderr, flush=True
    )
    # The page can be written before the rebuild ends: let it finish before the next save.
    server.wait(lambda: server.count("Rebuilt in ") > rebuilt, "'Rebuilt in'", timeout, 0.02)
    return seconds


def _read(page: Path) -> str:
    """Return the page's text, empty while it does not exist (an output being swapped in)."""
    try:
        return page.read_text(encoding="utf-8", errors="replace")
    except (FileNotFoundError, NotADirectoryError):
        return ""
