"""Builds run at once and killed at random moments leave a complete old or new site."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import AFTER_EMBARGO, BEFORE_EMBARGO, ROOT, build, copy_site, snapshot, stable

KILLS = 20  # builds killed in all
BUDGET = 50  # seconds spent starting and killing builds, at most


def start(site: Path, now: str) -> subprocess.Popen:
    """Start the ordinary build in its own process group, so a kill takes its workers too."""
    command = [sys.executable, "-m", "pelican", "content", "-s", str(ROOT / "pelicanconf.py")]
    return subprocess.Popen(
        [*command, "-o", "output"],
        cwd=site,
        env={**os.environ, "PRESS_NOW": now},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def test_killed_and_concurrent_builds_always_leave_a_whole_site(tmp_path: Path) -> None:
    site = copy_site(tmp_path)
    sites = {}
    for now in (BEFORE_EMBARGO, AFTER_EMBARGO):
        result = build(site, now=now)
        assert result.returncode == 0, result.stderr
        sites[now] = stable(snapshot(result.output))  # the search index's unordered files aside
    assert sites[BEFORE_EMBARGO] != sites[AFTER_EMBARGO]
    chance = random.Random(9)
    kills, rounds, deadline = 0, 0, time.monotonic() + BUDGET
    while kills < KILLS and time.monotonic() < deadline:
        builds = [start(site, chance.choice(list(sites))) for _ in range(4)]
        for victim in chance.sample(builds, 3):
            time.sleep(chance.uniform(0.0, 1.2))
            if victim.poll() is None:
                os.killpg(victim.pid, signal.SIGKILL)
                kills += 1
        for running in builds:
            running.wait(timeout=300)
        rounds += 1
        assert stable(snapshot(site / "output")) in sites.values(), f"round {rounds}"
    assert kills >= 5, f"only {kills} builds were killed in {rounds} rounds"
    final = build(site, now=AFTER_EMBARGO)
    assert final.returncode == 0, final.stderr
    assert stable(snapshot(final.output)) == sites[AFTER_EMBARGO]
    assert sorted(p.name for p in site.iterdir()) == [
        ".output.lock",
        ".output.manifest.json",
        "content",
        "output",
    ]
