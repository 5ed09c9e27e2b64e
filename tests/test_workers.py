"""The number of worker processes changes how fast a site is built, never its bytes."""

from __future__ import annotations

import gc
import hashlib
import json
import os
import re
import signal
import threading
import time
from pathlib import Path

import pytest
from conftest import build, copy_site, snapshot, stable
from incremental_site import add_releases, tree_differences
from media_fixture import add_media
from press_build import fingerprint, scaffold
from press_build.forking import forked_later, forked_map, forked_shares
from press_build.pages import MIN_PAGES, Page, render_all
from press_content.prerender import MIN_JOBS


def test_one_process_and_two_write_the_same_site(tmp_path: Path) -> None:
    """Bodies, derivatives, PDFs, pages and page keys made on two processes are one process's.

    The two-process build is the `pelican` command itself: its "Generating..." spinner runs
    a thread of Rich's beside the build, and workers must be forked all the same.
    """
    site = copy_site(tmp_path)  # one folder: a page's key holds the content folder's path
    add_media(site)  # several photos, so derivatives are shared out too
    add_releases(site, MIN_JOBS)  # enough bodies for prerendering to start its workers
    trees, manifests, shown = [], [], []
    for workers in (1, 2):
        settings = {"PRESS_WORKERS": workers, "CACHE_PATH": str(tmp_path / f"cache-{workers}")}
        wide = {"COLUMNS": "250"}  # Rich wraps log lines at the terminal's width
        result = build(
            site, output=f"output-{workers}", settings=settings, extra_env=wide,
            process=workers > 1, flags=("-D",),
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        trees.append(stable(snapshot(result.output)))
        manifest = site / f".output-{workers}.manifest.json"
        data = json.loads(manifest.read_text(encoding="utf-8"))
        manifests.append(data["files"])
        shown.append(data["shown"])
    forked = worker_lines(result.stdout)
    assert set(forked) == {
        "press_content.prerender._render",
        "press_media.derive.derive_file",
        "press_media.pdf.make_share",
        "press_build.pages",
    }
    assert forked["press_build.pages"] == 2  # each worker is handed its share
    assert len(trees[0]) > 100
    # Each page's key, computed by the worker that rendered it, is the one process's key.
    assert len([name for name, (key, _) in manifests[0].items() if key]) > 100
    assert manifests[0] == manifests[1]
    # The bodies each page showed, noted by the worker that rendered it: one process's too.
    assert shown[0] == shown[1] and len(shown[0]["releases"]) > MIN_JOBS
    assert tree_differences(*trees, names=("one-process", "two-process")) == []


def worker_lines(log: str) -> dict[str, int]:
    """Return how many worker processes the debug log names for each kind of work.

    Ids are those of the processes that did the work (each job returns its worker's id, and
    page workers are started by the build): a line with ids proves the work was forked.
    """
    found = re.findall(r"DEBUG +([\w.]+): \d+ (?:jobs|pages), worker processes: ([\d, ]+)", log)
    return {work: len(pids.split(", ")) for work, pids in found}


class Template:
    """A template that renders its context's text, or fails as a template with a bug does."""

    name = "test.html"

    def __init__(self, fails: bool = False) -> None:
        self.fails = fails

    def render(self, localcontext: dict) -> str:
        if self.fails:
            raise ValueError("undefined variable in test.html")
        return localcontext["text"]


def test_each_worker_is_handed_its_pages_and_sends_back_their_digests(tmp_path: Path) -> None:
    pages = [
        Page(f"p{n}.html", Template(), {"text": f"page {n}"}, {}, None) for n in range(MIN_PAGES)
    ]
    done: dict[str, str] = {}
    render_all(
        pages, tmp_path, 2, lambda page, digest, key, shown: done.__setitem__(page.name, digest)
    )
    expected = {
        f"p{n}.html": hashlib.sha256(f"page {n}".encode()).hexdigest() for n in range(MIN_PAGES)
    }
    assert done == expected
    assert [(tmp_path / f"p{n}.html").read_text() for n in range(MIN_PAGES)] == [
        f"page {n}" for n in range(MIN_PAGES)
    ]


def test_a_page_that_fails_in_a_worker_stops_the_build_with_its_error(tmp_path: Path) -> None:
    pages = [
        Page(f"p{n}.html", Template(n == 7), {"text": "x"}, {}, None) for n in range(MIN_PAGES)
    ]
    with pytest.raises(ValueError, match=r"undefined variable in test\.html"):
        render_all(pages, tmp_path, 2, lambda page, digest, key, shown: None)


class UnpicklableError(Exception):
    """An error that cannot travel between processes (it holds a lock)."""

    def __init__(self) -> None:
        super().__init__("cannot travel")
        self.lock = threading.Lock()


def unpicklable() -> None:
    raise UnpicklableError()


def test_shares_come_back_in_order_and_a_workers_error_is_raised_here() -> None:
    items = list(range(25))
    assert forked_shares(lambda n: (n, os.getpid()), items, 3)[7][0] == 7
    found = forked_shares(lambda n: (n * n, os.getpid()), items, 3)
    assert [value for value, _ in found] == [n * n for n in items]
    assert len({pid for _, pid in found}) == 3  # the caller and two forked workers
    with pytest.raises(ZeroDivisionError):  # the worker's own error, raised here
        forked_shares(lambda n: 1 // (n - 11), items, 3)  # item 11: the third share's
    with pytest.raises(RuntimeError, match=r"(?s)failed in a worker process:\n.*UnpicklableError"):
        forked_shares(lambda n: unpicklable() if n == 13 else n, items, 3)


def test_releases_described_on_two_cores_key_every_page_as_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rebuild keys its pages from releases described ahead by workers: same keys, same bytes."""
    monkeypatch.setattr(fingerprint, "MIN_SHARED", 1)
    shared: list[int] = []
    real = fingerprint.forked_shares

    def recorded(function, items, workers):
        shared.append(workers)
        return real(function, items, workers)

    monkeypatch.setattr(fingerprint, "forked_shares", recorded)
    site = copy_site(tmp_path)
    trees, manifests, shown = [], [], []
    for workers in (1, 2):
        settings = {"PRESS_WORKERS": workers, "CACHE_PATH": str(tmp_path / f"cache-{workers}")}
        assert build(site, output=f"output-{workers}", settings=settings).returncode == 0
    edit = site / "content/releases/2021/2021-garage-base.en.md"
    edit.write_text(edit.read_text().replace("title: ", "title: Now ", 1))
    for workers in (1, 2):
        settings = {"PRESS_WORKERS": workers, "CACHE_PATH": str(tmp_path / f"cache-{workers}")}
        result = build(site, output=f"output-{workers}", settings=settings)
        assert result.returncode == 0, result.stderr
        trees.append(stable(snapshot(result.output)))
        manifest = site / f".output-{workers}.manifest.json"
        data = json.loads(manifest.read_text(encoding="utf-8"))
        manifests.append(data["files"])
        shown.append(data["shown"])
    assert shared == [2]  # only the two-worker rebuild described its releases ahead
    assert manifests[0] == manifests[1]
    assert shown[0] == shown[1] and shown[0]["pages"]  # each page's bodies, as one process
    assert tree_differences(*trees, names=("one-process", "two-process")) == []


def slow_unless_first(n: int) -> int:
    """Fail at once on item 0 (the caller's share); sleep on the others (the workers')."""
    if n == 0:
        raise ValueError("the caller's share failed")
    time.sleep(60)
    return n


def test_a_worker_ends_at_once_when_the_caller_fails_even_under_a_sigterm_handler() -> None:
    """The live preview handles SIGTERM by finishing its build: workers must not inherit that."""
    previous = signal.signal(signal.SIGTERM, lambda *_: None)
    try:
        started = time.monotonic()
        with pytest.raises(ValueError, match="the caller's share failed"):
            forked_shares(slow_unless_first, [0, 1], 2)
        assert time.monotonic() - started < 20
        started = time.monotonic()
        later = forked_later(slow_unless_first, 1)
        later.cancel()
        assert time.monotonic() - started < 20 and not later.running
    finally:
        signal.signal(signal.SIGTERM, previous)


def frozen_objects(_: object) -> int:
    """Return how many objects this process's collections leave alone (gc.freeze)."""
    return gc.get_freeze_count()


def note_frozen_objects(staging: Path, folders: list[str]) -> None:
    """Stand in for the folders' worker: note what its collections leave alone."""
    (staging / "frozen").write_text(str(gc.get_freeze_count()), encoding="utf-8")


def test_workers_never_collect_what_they_were_forked_with_and_the_build_still_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A worker's collection would copy every page of the build it visits; the build's own
    # objects are moved aside in the worker only, and the build collects them again after.
    assert gc.get_freeze_count() == 0
    built = [[index] for index in range(20_000)]  # objects the build holds at the fork
    here, there = forked_shares(frozen_objects, [0, 1], 2)
    assert here == 0 and there > len(built)
    assert forked_later(frozen_objects, 0).wait() > len(built)
    assert min(forked_map(frozen_objects, range(4), 2)) > len(built)
    monkeypatch.setattr(scaffold, "MIN_FOLDERS", 1)
    monkeypatch.setattr(scaffold, "_make", note_frozen_objects)
    scaffold.start(tmp_path, ["en/index.html"], 2).stop(wait=True)
    assert int((tmp_path / "frozen").read_text(encoding="utf-8")) > len(built)
    assert gc.get_freeze_count() == 0
