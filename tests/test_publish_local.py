"""Publishing to a local webroot (atomic link swap), the schedule, and the publisher that keeps time."""

from __future__ import annotations

import os
import re
import signal
import stat
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from conftest import AFTER_EMBARGO, BEFORE_EMBARGO, ROOT, Running, edit, snapshot

EMBARGOED = (
    "content/releases/2021/2021-embargoed-launch.en.md",
    "content/releases/2021/2021-embargoed-launch.fr.md",
)
TRACES = ("quillotron", "xylophrast")


def invoke(site: Path, *args: str, now: str | None = AFTER_EMBARGO) -> subprocess.CompletedProcess:
    """Run `./dev ARGS` in a site folder."""
    env = {k: v for k, v in os.environ.items() if k != "PRESS_NOW"}
    if now:
        env["PRESS_NOW"] = now
    command = [sys.executable, "-m", "invoke", "-r", str(ROOT), *args]
    return subprocess.run(command, cwd=site, env=env, capture_output=True, text=True, timeout=300)


def tree(folder: Path) -> dict[str, bytes]:
    """Return every file under folder (links followed) with its bytes."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def traced(folder: Path) -> bool:
    """Tell whether any file served from folder names or contains the embargoed release."""
    for path in list(folder.rglob("*")):
        try:
            data = path.read_bytes().lower() if path.is_file() else b""
        except OSError:  # replaced while we read: the next poll sees the new version
            continue
        if any(w in path.name.lower() or w.encode() in data for w in TRACES):
            return True
    return False


# --- schedule ----------------------------------------------------------------------


def test_schedule_lists_coming_changes_in_newsroom_time_and_utc(site: Path) -> None:
    result = invoke(site, "schedule", now=BEFORE_EMBARGO)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "2021-06-01 09:00:00 EDT (2021-06-01 13:00:00 UTC)",
        "  2021-embargoed-launch [en] embargo: Embargoed launch of the quillotron"
        f" ({EMBARGOED[0]})",
        "  2021-embargoed-launch [fr] embargo: Lancement sous embargo du quillotron"
        f" ({EMBARGOED[1]})",
        "1 coming change.",
    ]


def test_schedule_shows_future_dates_and_exits_0_when_nothing_is_due(site: Path) -> None:
    early = invoke(site, "schedule", now="2021-02-15T00:00:00+00:00")
    assert early.returncode == 0, early.stderr
    assert early.stdout.splitlines()[:2] == [
        "2021-03-01 08:00:00 EST (2021-03-01 13:00:00 UTC)",
        "  2021-english-only [en] date: Technology office opens in Tel Aviv"
        " (content/releases/2021/2021-english-only.en.md)",
    ]
    # The French-only invitation's event ends at noon: its page then says it is over.
    assert early.stdout.splitlines()[4:6] == [
        "2021-04-17 12:00:00 EDT (2021-04-17 16:00:00 UTC)",
        "  2021-french-only [fr] event end: Journée portes ouvertes à Montréal"
        " (content/releases/2021/2021-french-only.fr.md)",
    ]
    assert early.stdout.splitlines()[-1] == "5 coming changes."
    none = invoke(site, "schedule", now=AFTER_EMBARGO)
    assert none.returncode == 0, none.stderr
    assert none.stdout == "Nothing scheduled.\n"


# --- webroot -------------------------------------------------------------------------


def test_webroot_is_switched_by_a_link_swap(site: Path, tmp_path: Path) -> None:
    webroot = tmp_path / "www" / "press"
    webroot.parent.mkdir()
    first = invoke(site, "publish", "--target", str(webroot))
    assert first.returncode == 0, first.stderr
    assert webroot.is_symlink()
    assert tree(webroot) == tree(site / "output")
    live = webroot.resolve()
    edit(
        site,
        "content/releases/2021/2021-garage-base.en.md",
        "Startup Garage",
        "Startup Garage (updated)",
    )
    dry = invoke(site, "publish", "--target", str(webroot), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    page = (
        "en/releases/2021/05/startup-garage-updated-opens-an-innovation-base-in-shanghai/index.html"
    )
    old_page = "en/releases/2021/05/startup-garage-opens-an-innovation-base-in-shanghai/index.html"
    assert f"upload {page} (text/html; charset=utf-8; public, max-age=60, must-revalidate)" in (
        dry.stdout.splitlines()
    )
    assert f"delete {old_page}" in dry.stdout.splitlines()
    assert webroot.resolve() == live, "a dry run switched the webroot"
    second = invoke(site, "publish", "--target", str(webroot))
    assert second.returncode == 0, second.stderr
    assert webroot.resolve() != live and webroot.resolve().parent == live.parent
    assert tree(webroot) == tree(site / "output")
    assert sorted(p.name for p in webroot.parent.iterdir()) == [".press.versions", "press"]


def test_an_empty_folder_becomes_the_webroot(site: Path, tmp_path: Path) -> None:
    webroot = tmp_path / "webroot"
    webroot.mkdir()
    result = invoke(site, "publish", "--target", str(webroot))
    assert result.returncode == 0, result.stderr
    assert webroot.is_symlink()
    assert tree(webroot) == tree(site / "output")


def test_a_webroot_holding_the_admins_files_is_refused_before_the_build(
    site: Path, tmp_path: Path
) -> None:
    webroot = tmp_path / "www" / "site"
    for name in (".well-known/acme-challenge/token", "uploads/board-minutes.pdf"):
        (webroot / name).parent.mkdir(parents=True, exist_ok=True)
        (webroot / name).write_text("the admin's", encoding="utf-8")
    before = snapshot(tmp_path / "www")
    for _ in range(4):  # the fourth publication used to prune the adopted folder
        result = invoke(site, "publish", "--target", "../www/site/")
        assert result.returncode == 1
        assert result.stderr.splitlines() == [
            f"{site}/../www/site: holds files that no publication made (.well-known/acme-challenge/token,"
            " uploads/board-minutes.pdf); a publication replaces the webroot, so move them out"
            " or choose a new folder"
        ]
    assert snapshot(tmp_path / "www") == before
    assert not (site / "output").exists()


def test_target_that_is_not_a_directory_is_one_line(site: Path, tmp_path: Path) -> None:
    target = tmp_path / "file.txt"
    target.write_text("not a folder")
    result = invoke(site, "publish", "--target", str(target))
    assert result.returncode == 1
    assert result.stderr.strip() == f"{target}: not a directory; give a webroot folder."
    assert target.read_text() == "not a folder"
    assert not (site / "output").exists()


def test_a_webroot_on_a_project_folder_is_refused_before_anything_moves(site: Path) -> None:
    before = snapshot(site)
    for folder, name in [("content", "content"), ("content/images", "content"), (".", "site")]:
        result = invoke(site, "publish", "--target", folder)
        assert result.returncode == 1
        relation = "is inside" if folder == "content/images" else "is"
        known = (site / ("content" if name == "content" else "")).resolve()
        assert result.stderr.splitlines() == [
            f"{(site / folder).absolute()}: {relation} the {name} folder {known}; a publication"
            " replaces the webroot, so choose a folder outside the project like /var/www/press"
        ]
    assert snapshot(site) == before


# --- the publisher that keeps time ---------------------------------------------------


def embargo_soon(site: Path, seconds: float) -> datetime:
    """Move the embargoed pair's date and embargo to a few seconds from now; return the instant."""
    instant = (datetime.now(UTC) + timedelta(seconds=seconds)).replace(microsecond=0)
    local = instant.astimezone(ZoneInfo("America/Toronto"))
    folder = site / "content" / "releases" / f"{local:%Y}"
    folder.mkdir(exist_ok=True)
    for name in EMBARGOED:
        for key in ("date", "embargo"):
            edit(site, name, f"{key}: 2021-06-01T09:00:00-04:00", f"{key}: {local.isoformat()}")
        (site / name).rename(folder / Path(name).name)
    return instant


def log_time(line: str) -> datetime:
    """Return the UTC instant a log line starts with."""
    return datetime.strptime(line.split()[0], "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)


class Publisher(Running):
    """`./dev publish --watch` in its own process group, its log collected line by line."""

    def __init__(self, site: Path, webroot: Path) -> None:
        env = {k: v for k, v in os.environ.items() if k != "PRESS_NOW"}
        super().__init__(site, "publish", "--watch", "--target", str(webroot), env=env)

    def has(self, text: str) -> list[str]:
        """Return the log lines containing text."""
        return [line for line in self.lines if text in line]

    def stop(self) -> int:
        """Send SIGTERM and return the exit code, once the last lines are read."""
        code = super().stop()
        time.sleep(0.2)  # the last lines
        return code


def test_watch_publishes_on_time_and_survives_a_restart(site: Path, tmp_path: Path) -> None:
    webroot = tmp_path / "webroot"
    instant = embargo_soon(site, 30)
    seen: list[tuple[datetime, bool, bool]] = []  # (when, any trace, release page there)
    first = Publisher(site, webroot)
    second = None
    try:
        while not first.has("ready "):  # built ahead, waiting for the instant
            assert datetime.now(UTC) < instant and first.process.poll() is None, first.lines
            time.sleep(0.1)
        assert first.stop() == 0, first.lines  # stopped before the instant, then restarted
        assert first.lines[-1].endswith(" stopped"), first.lines
        second = Publisher(site, webroot)
        while datetime.now(UTC) < instant + timedelta(seconds=4):
            if webroot.exists():
                page = any(webroot.glob("en/releases/*/*/embargoed-launch-of-the-quillotron/"))
                trace = traced(webroot)
                seen.append((datetime.now(UTC), trace, page))  # timed after looking: no race
            assert second.process.poll() is None, second.lines
            time.sleep(0.05)
    finally:
        first.stop()
        code = second.stop() if second else None
    lines = second.lines
    assert code == 0, lines
    before = [s for s in seen if s[0] < instant]
    assert before, f"the site was not published before the instant: {lines}"
    assert not any(trace for _, trace, _ in before), "a trace of the release before its embargo"
    after = [when for when, _, page in seen if page]
    assert after and after[0] - instant < timedelta(seconds=2), lines
    prebuilt = [line for line in lines if " pre-built 2021-embargoed-launch (en, fr) for " in line]
    assert prebuilt and log_time(prebuilt[0]) < instant, lines
    assert (
        len(
            [
                line
                for line in lines
                if re.search(r" published 2021-embargoed-launch \(en, fr\) due ", line)
            ]
        )
        == 1
    ), lines
    assert lines[-1].endswith(" stopped"), lines


def test_a_killed_watcher_leaves_no_withheld_version_beside_the_webroot(
    site: Path, tmp_path: Path
) -> None:
    webroot = tmp_path / "webroot"
    versions = tmp_path / ".webroot.versions"
    instant = embargo_soon(site, 120)
    first = Publisher(site, webroot)
    first.wait_for(lambda: first.has("ready "), "the coming version built ahead")
    os.killpg(first.process.pid, signal.SIGKILL)  # no chance to clean up
    first.process.wait(timeout=30)
    assert versions.is_dir() and not traced(versions), "a withheld version beside the webroot"
    assert traced(site / ".publish"), "the version built ahead is in the private work folder"
    assert stat.S_IMODE((site / ".publish").stat().st_mode) == 0o700
    later = instant + timedelta(days=1)  # the embargo moves later while nothing runs
    for name in EMBARGOED:
        moved = site / "content" / "releases" / f"{instant:%Y}" / Path(name).name
        text = moved.read_text(encoding="utf-8")
        old = instant.astimezone(ZoneInfo("America/Toronto")).isoformat()
        new = later.astimezone(ZoneInfo("America/Toronto")).isoformat()
        moved.write_text(text.replace(old, new), encoding="utf-8")
    second = Publisher(site, webroot)
    try:
        second.wait_for(lambda: second.has("ready "), "the new coming version built ahead")
        assert not traced(versions) and not traced(webroot)
        assert len(list((site / ".publish" / "versions").iterdir())) == 1  # the old one is gone
    finally:
        assert second.stop() == 0, second.lines
    assert not (site / ".publish").exists()
