"""The benchmark's live preview latency: a stand-in server, failures, and the real `python -m live`."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from bench.corpus import PRESS_NOW, build_corpus
from bench.layouts import ours
from bench.livereload import LiveSite, measure_live, release_page
from bench.tools import OUR_SETTINGS, REPO, child_env, edited_version, importable

FAKE = str(Path(__file__).with_name("fake_live.py"))


@pytest.fixture
def site(tmp_path: Path) -> LiveSite:
    """Write a 3-pair corpus in our layout; return it as the live preview sees it."""
    corpus = build_corpus(3, seed=5)
    content = ours.write(tmp_path / "src", corpus)
    version = edited_version(corpus)
    page = release_page(OUR_SETTINGS, version)
    env = importable(child_env(PRESS_NOW=PRESS_NOW))
    return LiveSite(content, OUR_SETTINGS, ours.release_path(content, version), page, REPO, env)


def fake(*options: str) -> tuple[str, ...]:
    """Return the stand-in live preview's command prefix: it writes en/page/index.html."""
    return (sys.executable, FAKE, "--page", "en/page/index.html", *options)


def watched(site: LiveSite, page: str = "en/page/index.html") -> LiveSite:
    """Return `site` with the page the harness watches changed."""
    return LiveSite(site.content, site.settings, site.edit, page, site.cwd, site.env)


def test_latency_is_timed_from_save_to_page(site: LiveSite, tmp_path: Path) -> None:
    site = watched(site)
    original = site.edit.read_text(encoding="utf-8")
    figures = measure_live(site, 3, tmp_path / "work", fake("--delay-ms", "150"), (30, 30))
    assert figures.failure == ""
    assert len(figures.seconds) == 3 and len(figures.written) == 3
    assert all(0.15 <= seconds < 5 for seconds in figures.seconds + figures.written)
    assert figures.median == sorted(figures.seconds)[1]
    assert figures.written_median == sorted(figures.written)[1]
    assert site.edit.read_text(encoding="utf-8") == original
    log = (tmp_path / "work" / "logs" / "live.log").read_text(encoding="utf-8")
    assert all(f"[bench] live run {n}: " in log for n in (1, 2, 3))
    assert log.count("Rebuilt in ") == 3
    assert "[bench] live preview stopped (exit 0)" in log


def test_the_page_served_from_memory_is_timed_apart_from_the_page_written(
    site: LiveSite, tmp_path: Path
) -> None:
    site = watched(site)
    options = fake("--show-ms", "50", "--delay-ms", "1500")
    figures = measure_live(site, 2, tmp_path / "work", options, (30, 30))
    assert figures.failure == ""
    assert all(0.05 <= seconds < 1.2 for seconds in figures.seconds)
    assert all(1.5 <= seconds < 6 for seconds in figures.written)
    log = (tmp_path / "work" / "logs" / "live.log").read_text(encoding="utf-8")
    line = re.compile(
        r"\[bench\] live run 1: \d+\.\d{3} s from save to http://127\.0\.0\.1:\d+"
        r"/en/page/index\.html served, \d+\.\d{3} s to .+/en/page/index\.html written"
    )
    assert any(line.fullmatch(text) for text in log.splitlines())


def test_a_preview_that_stops_before_serving_is_explained(site: LiveSite, tmp_path: Path) -> None:
    command = (sys.executable, "-c", "import sys; print('no such module: live'); sys.exit(3)")
    figures = measure_live(site, 1, tmp_path / "work", command, (30, 30))
    output = tmp_path / "work" / "out" / "live"
    log = tmp_path / "work" / "logs" / "live.log"
    assert figures.median is None
    assert figures.failure.splitlines()[0] == (
        f"live preview: waited for the line 'Serving {output} on http://...': "
        f"it stopped (exit 3); log {log}:"
    )
    assert figures.failure.splitlines()[-1] == "no such module: live"


def test_a_failed_rebuild_stops_the_measurement(site: LiveSite, tmp_path: Path) -> None:
    site, original = watched(site), site.edit.read_text(encoding="utf-8")
    figures = measure_live(site, 2, tmp_path / "work", fake("--fail"), (30, 30))
    log = tmp_path / "work" / "logs" / "live.log"
    assert re.fullmatch(
        r"live preview: waited for http://127\.0\.0\.1:\d+/en/page/index\.html to show the edit: "
        rf"its build failed; log {re.escape(str(log))}:",
        figures.failure.splitlines()[0],
    )
    assert figures.failure.splitlines()[-1].startswith("Build failed: fix the problems above; ")
    assert site.edit.read_text(encoding="utf-8") == original


def test_a_preview_that_never_shows_the_edit_times_out(site: LiveSite, tmp_path: Path) -> None:
    site = watched(site, "en/other/index.html")
    figures = measure_live(site, 1, tmp_path / "work", fake(), (30, 1))
    log = tmp_path / "work" / "logs" / "live.log"
    assert re.fullmatch(
        r"live preview: waited for http://127\.0\.0\.1:\d+/en/other/index\.html to show the edit: "
        rf"nothing within 1 s; log {re.escape(str(log))}:",
        figures.failure.splitlines()[0],
    )


def test_livereload_latency_real(site: LiveSite, tmp_path: Path) -> None:
    """The real live preview (`python -m live`, helper A's): fails until it is merged."""
    original = site.edit.read_text(encoding="utf-8")
    figures = measure_live(site, 2, tmp_path / "work", timeouts=(300, 60))
    assert figures.failure == ""
    assert len(figures.seconds) == 2 and all(s > 0 for s in figures.seconds)
    assert all(w >= s for w, s in zip(figures.written, figures.seconds, strict=True))
    assert site.edit.read_text(encoding="utf-8") == original
    page = tmp_path / "work" / "out" / "live" / site.page
    assert "Live preview probe 2 " in page.read_text(encoding="utf-8")
