"""Live preview latency: from saving a release to its page holding the change, in `python -m live`.

The live preview builds once, serves its output and prints `Serving <OUTPUT> on http://...`;
then each run appends a unique sentence to the edited release and times two things: until the
live server sends the release's page with the sentence (polled over HTTP: what the reader
sees; a body edit is shown from memory before the whole build ends), and until the page in the
output folder holds it (the whole site rebuilt and swapped in). Our build only: the other
tools have no such preview.
"""

from __future__ import annotations

import http.client
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
START_TIMEOUT = 3600.0  # the first build is a cold one: 20,000 pairs on a busy machine
EDIT_TIMEOUT = 900.0  # a whole rebuild at 20,000 pairs, before edits cost what they change
POLL_SECONDS = 0.005  # the served page: what the figure is about
DISK_POLL_SECONDS = 0.02  # the output: seconds of a whole build, and no I/O race with it
HTTP_TIMEOUT = 5.0
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
    """Each run's seconds from save to page served and to page written, or why it stopped."""

    seconds: tuple[float, ...] = ()  # until the server sends the changed page
    written: tuple[float, ...] = ()  # until the whole build has written it to the output
    failure: str = ""

    @property
    def median(self) -> float | None:
        """Return the median time from save to changed page served, None when not measured."""
        return statistics.median(self.seconds) if self.seconds and not self.failure else None

    @property
    def written_median(self) -> float | None:
        """Return the median time from save to whole site rebuilt, None when not measured."""
        return statistics.median(self.written) if self.written and not self.failure else None


def release_page(settings: Path, version: Version) -> str:
    """Return the page our build writes for `version` under `settings`, relative to the output."""
    # Imported here: bench.search (imported above) first puts the plugins on sys.path.
    from press_core import urls
    from press_core.calendar import year_month

    press = read_settings(pelican_settings(str(settings)))
    filed = year_month(version.release.date, press.timezone)
    return urls.save_as(urls.release_url(press, version.lang, filed, version.slug))


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
    port = free_port()
    command = live_command(prefix, site, output, cache, port)
    original = site.edit.read_text(encoding="utf-8")
    server = Server(command, site.cwd, site.env, work / "logs" / "live.log")
    page = LivePage(port, f"/{site.page}", output / site.page)
    try:
        server.wait_for_serving(output, timeouts[0])
        times = [_one_edit(server, site, page, run, timeouts[1]) for run in range(runs)]
        return LiveFigures(tuple(t[0] for t in times), tuple(t[1] for t in times))
    except LiveError as error:
        return LiveFigures(failure=str(error))
    finally:
        server.stop()
        site.edit.write_text(original, encoding="utf-8")


@dataclass(frozen=True)
class LivePage:
    """The edited release's page: its address on the live server and its file in the output."""

    port: int
    path: str  # the address's path, /en/releases/.../index.html
    file: Path

    @property
    def url(self) -> str:
        """Return the page's full address."""
        return f"http://127.0.0.1:{self.port}{self.path}"

    def served(self) -> str:
        """Return the page as the server sends it, empty while it sends none."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=HTTP_TIMEOUT)
        try:
            connection.request("GET", self.path)
            response = connection.getresponse()
            body = response.read()
            return body.decode("utf-8", errors="replace") if response.status == 200 else ""
        except OSError:  # not listening yet, or a dropped connection
            return ""
        finally:
            connection.close()

    def written(self) -> str:
        """Return the page's file, empty while it does not exist (an output being swapped in)."""
        try:
            return self.file.read_text(encoding="utf-8", errors="replace")
        except (FileNotFoundError, NotADirectoryError):
            return ""


def _one_edit(
    server: Server, site: LiveSite, page: LivePage, run: int, timeout: float
) -> tuple[float, float]:
    """Append a sentence to the edited release; return the seconds until the server sends its
    page with it, and until the whole build has written that page to the output."""
    time.sleep(SETTLE_SECONDS)
    sentence = f"Live preview probe {run + 1} {secrets.token_hex(4)}."
    rebuilt = server.count("Rebuilt in ")
    with site.edit.open("a", encoding="utf-8") as source:
        source.write(f"\n{sentence}\n")
    start = time.perf_counter()
    server.wait(
        lambda: sentence in page.served(), f"{page.url} to show the edit", timeout, POLL_SECONDS
    )
    shown = time.perf_counter() - start
    server.wait(
        lambda: sentence in page.written(),
        f"{page.file} to hold the edit",
        timeout,
        DISK_POLL_SECONDS,
    )
    written = time.perf_counter() - start
    server.note(
        f"[bench] live run {run + 1}: {shown:.3f} s from save to {page.url} served,"
        f" {written:.3f} s to {page.file} written"
    )
    print(
        f"[bench] PressClub     live run {run + 1}: {shown:8.3f} s shown, {written:8.3f} s written",
        file=sys.stderr,
        flush=True,
    )
    # The page is written before the rebuild ends: let it finish before the next save.
    server.wait(lambda: server.count("Rebuilt in ") > rebuilt, "'Rebuilt in'", timeout, 0.02)
    return shown, written
