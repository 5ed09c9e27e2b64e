"""Issue 21: a build never deletes what it did not write, and a refused write is one line.

A build replaces its output folder: it does so only when every entry there was left by
an earlier build of it (the manifest's "made" list), or the folder is new or empty.
A write the disk refuses (here a file size limit, which gives EFBIG as a full disk gives
ENOSPC) stops the build with one line, removes its staging folder and keeps the output.
"""

from __future__ import annotations

import json
import os
import random
import re
import resource
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import AFTER_EMBARGO, ROOT, Build, build, snapshot
from incremental_site import add_releases
from PIL import Image
from press_build.memo import OutputMemo

GARAGE_EN = "content/releases/2021/2021-garage-base.en.md"
MOVE = "a build replaces its output, so move them out or choose a new or empty folder"
SUMMARY = "1 problem found; nothing was published and {} was left as it was."


def holds(folder: str, names: str) -> str:
    """Return the refusal of an output holding files no build made."""
    return f"{folder}: OUTPUT_PATH: holds files that no build of this site made ({names}); {MOVE}"


def leftovers(site: Path) -> list[str]:
    """Return what a build left beside its outputs besides locks, manifests and outputs."""
    kept = (".lock", ".manifest.json")
    return sorted(
        p.name for p in site.iterdir() if p.name.startswith(".") and not p.name.endswith(kept)
    )


def refused(result: Build, line: str, folder: str) -> None:
    """Assert a build stopped with exactly this problem line and the closing summary."""
    assert result.returncode == 1, result.stderr
    assert result.stderr.splitlines() == [line, SUMMARY.format(folder)]


# --- 1. a user's files in the output folder -----------------------------------------

USERS_FILES = {
    "a thesis in a new folder": ({"thesis/chapter1.txt": "mine"}, "thesis/chapter1.txt"),
    "a dotfile": ({".htaccess": "Deny from all"}, ".htaccess"),
    "many files": (
        {f"notes/{n}.txt": "x" for n in range(5)},
        "notes/0.txt, notes/1.txt, notes/2.txt and 2 more",
    ),
    "an empty folder": ({"drafts/": ""}, "drafts"),
    "a file beside our pages": ({"en/mine.html": "<p>mine</p>"}, "en/mine.html"),
}


def put(folder: Path, files: dict[str, str]) -> None:
    """Create files (and, for names ending in /, empty folders) under folder."""
    for name, text in files.items():
        path = folder / name
        if name.endswith("/"):
            path.mkdir(parents=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize("name", USERS_FILES)
def test_files_added_to_our_output_are_never_deleted(site: Path, name: str) -> None:
    files, named = USERS_FILES[name]
    assert build(site).returncode == 0
    put(site / "output", files)
    before = snapshot(site)
    result = build(site)
    refused(result, holds("output", named), "output")
    assert snapshot(site) == before
    assert leftovers(site) == []


SPELLINGS = {
    "relative": ("mine", "mine"),
    "trailing slash": ("mine/", "mine"),
    "dot slash": ("./mine/", "mine"),
    "absolute": ("{site}/mine", "mine"),
    "link to it": ("link", "mine"),
    "link with a slash": ("link/", "mine"),
}


@pytest.mark.parametrize("name", SPELLINGS)
def test_a_users_folder_is_refused_however_it_is_spelt(site: Path, name: str) -> None:
    """Refused before the lock file is made: nothing at all appears beside the folder."""
    spelt, shown = SPELLINGS[name]
    put(site / "mine", {"thesis/chapter1.txt": "my thesis"})
    (site / "link").symlink_to("mine")
    before = snapshot(site)
    result = build(site, conf="publishconf.py", output=spelt.format(site=site))
    refused(result, holds(shown, "thesis/chapter1.txt"), shown)
    assert snapshot(site) == before
    assert (site / "mine" / "thesis" / "chapter1.txt").read_text(encoding="utf-8") == "my thesis"


def test_a_folder_outside_the_project_is_refused(site: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "home"
    put(elsewhere, {"Documents/cv.pdf": "cv", "photo.jpg": "jpg"})
    result = build(site, output=str(elsewhere))
    refused(result, holds(str(elsewhere), "Documents/cv.pdf, photo.jpg"), str(elsewhere))
    assert sorted(p.name for p in elsewhere.iterdir()) == ["Documents", "photo.jpg"]


def test_an_output_without_its_manifest_is_not_ours(site: Path) -> None:
    assert build(site).returncode == 0
    (site / ".output.manifest.json").unlink()
    before = snapshot(site / "output")
    result = build(site)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0].startswith(
        "output: OUTPUT_PATH: holds files that no build of this site made (404.html, "
    )
    assert snapshot(site / "output") == before


def test_new_and_empty_folders_and_our_own_output_are_used(site: Path) -> None:
    (site / "empty").mkdir()
    for output in ("empty", "new/deeper"):
        result = build(site, output=output)
        assert result.returncode == 0, result.stderr
    (site / GARAGE_EN).write_text(
        (site / GARAGE_EN).read_text(encoding="utf-8").replace("Shanghai", "Shenzhen", 1),
        encoding="utf-8",
    )
    again = build(site, output="empty")  # a real build replacing our own output
    assert again.returncode == 0, again.stderr
    assert "Nothing changed" not in again.stdout
    data = json.loads((site / ".empty.manifest.json").read_text(encoding="utf-8"))
    made = data["made"]  # what the manifest lists nowhere else: static files, theme assets
    assert made == sorted(made) and "index.html" in data["files"] and "index.html" not in made
    memo = OutputMemo.open(site / "empty")
    files = {p.relative_to(memo.final).as_posix() for p in memo.final.rglob("*") if p.is_file()}
    assert memo.owned == files and memo.foreign() == []


def test_an_earlier_manifest_counts_only_while_the_output_is_untouched(site: Path) -> None:
    assert build(site).returncode == 0
    manifest = site / ".output.manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["version"] = "press-manifest-1"  # as written before "made" was kept
    del data["made"]
    manifest.write_text(json.dumps(data), encoding="utf-8")
    edit_garage(site)
    assert build(site).returncode == 0  # untouched since: all of it is ours
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["version"] = "press-manifest-1"
    del data["made"]
    manifest.write_text(json.dumps(data), encoding="utf-8")
    put(site / "output", {"mine.txt": "mine"})
    result = build(site)
    assert result.returncode == 1
    assert (site / "output" / "mine.txt").read_text(encoding="utf-8") == "mine"
    assert result.stderr.splitlines()[0].startswith(
        "output: OUTPUT_PATH: holds files that no build"
    )


def edit_garage(site: Path) -> None:
    """Change one release so the next build is a real one."""
    path = site / GARAGE_EN
    path.write_text(
        path.read_text(encoding="utf-8").replace("Shanghai", "Shenzhen", 1), encoding="utf-8"
    )


def test_a_build_stopped_between_swap_and_manifest_is_finished_by_the_next(site: Path) -> None:
    assert build(site).returncode == 0
    manifest, pending = site / ".output.manifest.json", site / ".output.manifest-new.json"
    old = manifest.read_bytes()
    edit_garage(site)
    assert build(site).returncode == 0
    manifest.rename(pending)  # killed after the swap: the pending manifest describes output/
    (site / ".output.manifest.json").write_bytes(old)
    result = build(site)
    assert result.returncode == 0, result.stderr
    assert "Nothing changed since the last build" in result.stdout
    assert not pending.exists()


def test_folders_named_like_a_builds_leftovers_are_kept(site: Path) -> None:
    assert build(site).returncode == 0
    for name in (".output.staging-notes", ".output.previous-2020"):
        put(site / name, {"site/mine.txt": "mine"})  # made by hand, not noted by any build
    (site / ".output.staging-dead").mkdir()  # a real leftover: its build noted it
    with open(site / ".output.lock", "a", encoding="utf-8") as lock:
        lock.write(".output.staging-dead\n")
    edit_garage(site)
    assert build(site).returncode == 0
    assert not (site / ".output.staging-dead").exists()
    for name in (".output.staging-notes", ".output.previous-2020"):
        assert (site / name / "site" / "mine.txt").read_text(encoding="utf-8") == "mine"
    assert (site / ".output.lock").read_text(encoding="utf-8") == ""  # nothing left over


# --- 2. writes the disk refuses -------------------------------------------------------


def limited_build(site: Path, limit: int, *settings: str) -> subprocess.CompletedProcess:
    """Build with every file this process writes limited to `limit` bytes (EFBIG past it).

    `settings` are Pelican's `-e KEY=VALUE` items.
    """

    def limit_files() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the write fails instead of killing
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    command = [sys.executable, "-m", "pelican", "content", "-s", str(ROOT / "publishconf.py")]
    return subprocess.run(
        [*command, "-o", "output", *(["-e", *settings] if settings else [])],
        cwd=site,
        env={**os.environ, "PRESS_NOW": AFTER_EMBARGO},
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=limit_files,
    )


# Without the search index the manifest is the largest file a build writes.
WITHOUT_SEARCH = {
    "PLUGINS": [
        "press_content", "press_assets", "press_i18n", "press_pages", "press_media",
        "press_feeds", "press_events", "press_seo",
    ]
}  # fmt: skip
PHOTO = "content/images/2021/base.jpg"
PAGE = "output/fr/communiques/2021/05/le-startup-garage-ouvre-une-base-d-innovation-a-shanghai/index.html"
TOO_LARGE = "output: OUTPUT_PATH: could not write {}: File too large"
NO_PDF = {"PRESS_MEDIA_PDF": False}  # release PDFs (20-70 kB) would be refused first
REFUSED_WRITES = {  # limit, settings, the line as a regular expression
    "a cache, first": (100, {}, TOO_LARGE.format(re.escape("cache/press-frontmatter.json"))),
    "a release PDF": (
        5000,
        {},
        TOO_LARGE.format(r"cache/press-media/pdf/2021-garage-base-(en|fr)/[0-9a-f]{64}\.pdf"),
    ),
    "a page (Pelican's writer)": (5000, NO_PDF, TOO_LARGE.format(re.escape(PAGE))),
    "the stylesheet (write_bytes)": (
        16000,
        NO_PDF,
        TOO_LARGE.format(r"output/theme/css/press\.[0-9a-f]{8}\.css"),
    ),
    "a photo's derivative": (
        600000,
        {},
        TOO_LARGE.format(r"cache/press-media/[0-9a-f]{2}/[0-9a-f]{64}/\d+\.(webp|jpg)"),
    ),
    "the manifest, last": (
        0,  # between the largest output file and the manifest: see manifest_limit
        {**WITHOUT_SEARCH, **NO_PDF},
        TOO_LARGE.format(re.escape(".output.manifest-new.json")),
    ),
}


@pytest.mark.parametrize("name", REFUSED_WRITES)
def test_a_refused_write_is_one_line_and_keeps_the_output(site: Path, name: str) -> None:
    limit, settings, message = REFUSED_WRITES[name]
    settings = {**settings, "CACHE_PATH": str(site / "cache")}  # this site's own caches
    if name == "the manifest, last":
        add_releases(site, 24)  # a manifest larger than any file of the output (the stylesheet)
    if name == "a photo's derivative":
        noise = random.Random(21).randbytes(2400 * 1600 * 3)
        Image.frombytes("RGB", (2400, 1600), noise).save(site / PHOTO, "JPEG", quality=85)
    first = build(site, conf="publishconf.py", settings=settings)
    assert first.returncode == 0, first.stderr
    edit_garage(site)
    if name == "the stylesheet (write_bytes)":  # else its unchanged bytes are linked, not written
        for stylesheet in (site / "output" / "theme" / "css").glob("press.*.css"):
            stylesheet.unlink()
    before = snapshot(site / "output")
    manifest = (site / ".output.manifest.json").read_bytes()
    if name == "a photo's derivative":
        shutil.rmtree(site / "cache" / "press-media")  # made again, too large this time
    limit = limit or manifest_limit(site)
    result = limited_build(site, limit, *(f"{key}={json.dumps(v)}" for key, v in settings.items()))
    assert result.returncode == 1, result.stderr
    assert re.fullmatch(message, result.stderr.splitlines()[0]), result.stderr
    assert result.stderr.splitlines()[1:] == [SUMMARY.format("output")]
    assert list((site / "cache").rglob("*.part")) + list((site / "cache").rglob("*.tmp")) == []
    assert snapshot(site / "output") == before
    assert (site / ".output.manifest.json").read_bytes() == manifest
    assert leftovers(site) == []
    again = build(site, conf="publishconf.py", settings=settings)
    assert again.returncode == 0, again.stderr  # the output is still ours


def manifest_limit(site: Path) -> int:
    """Return a file size every file of the last build's output fits in, but not its manifest."""
    largest = max(p.stat().st_size for p in (site / "output").rglob("*") if p.is_file())
    manifest = (site / ".output.manifest.json").stat().st_size
    assert manifest > largest + 400, (manifest, largest)  # the next one is about as large
    return (largest + manifest) // 2


def test_a_refused_write_by_pagefind_is_one_line(site: Path) -> None:
    cache = {"CACHE_PATH": str(site / "cache")}
    assert build(site, conf="publishconf.py", settings=cache).returncode == 0
    edit_garage(site)
    before = snapshot(site / "output")
    # Every page fits; Pagefind's scripts do not.
    result = limited_build(site, 150000, f"CACHE_PATH={json.dumps(cache['CACHE_PATH'])}")
    assert result.returncode == 1, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 2 and lines[0].endswith(": search index: Pagefind failed: no message")
    assert snapshot(site / "output") == before
    assert leftovers(site) == []
