"""Pages rendered on every core: templates the manifest cannot reuse, rendered at the end.

While generators write, a page that must be rendered is noted (its template and
context) and Pelican writes an empty file in its place; once every generator is done,
the noted pages are rendered by forked worker processes, each writing its own files
into the staging folder. Rendering has one shared input that changes page by page,
Pelican's `localsiteurl` in the generators' context (a release's body resolves its
links with it), and each render sets it as Pelican does. Output is byte-identical
to rendering in one process (tests/test_incremental.py compares them).
"""

from __future__ import annotations

import hashlib
import multiprocessing
import signal
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MIN_PAGES = 48  # below this, forking workers costs more than it saves


@dataclass(frozen=True)
class Page:
    """One page to render: where, with which template and contexts, under which key."""

    name: str
    template: Any
    localcontext: dict
    context: dict  # the generator's context, whose localsiteurl Pelican's _write_file sets
    key: str | None

    def render(self) -> bytes:
        """Render the page as Pelican's writer would at this point."""
        if self.localcontext.get("localsiteurl"):
            self.context["localsiteurl"] = self.localcontext["localsiteurl"]
        return self.template.render(self.localcontext).encode("utf-8")


# The pages and staging folder of the flush under way; forked workers find them here
# (a fork copies them). Set only for the duration of render_all.
PENDING: list[Page] = []
TARGET: list[Path] = []


def render_all(
    pages: list[Page], staging: Path, workers: int, done: Callable[[Page, str], None]
) -> None:
    """Render and write every page, on `workers` processes when there are enough pages.

    `done(page, sha256)` is called for each page in the calling process.
    """
    if workers < 2 or len(pages) < MIN_PAGES:
        for page in pages:
            done(page, _write(page, staging))
        return
    PENDING[:], TARGET[:] = pages, [staging]
    pool = multiprocessing.get_context("fork").Pool(workers, initializer=_plain_signals)
    try:
        chunk = max(1, len(pages) // (workers * 8))
        for index, digest in pool.imap_unordered(_render_one, range(len(pages)), chunk):
            done(pages[index], digest)
        pool.close()  # workers end when the queue is empty
    finally:
        pool.terminate()  # at once on an error; a no-op wait after close
        pool.join()
        PENDING.clear()
        TARGET.clear()


def _plain_signals() -> None:
    """Let a worker die of SIGTERM/SIGINT, whatever handler the forked program had set.

    The live preview handles SIGTERM by ending after the build under way: a worker that
    inherited that handler would outlive Pool.terminate() and hang the build.
    """
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _render_one(index: int) -> tuple[int, str]:
    """Render and write one pending page in a worker; return its index and bytes' digest."""
    return index, _write(PENDING[index], TARGET[0])


def _write(page: Page, staging: Path) -> str:
    """Render a page over its placeholder in the staging folder; return its SHA-256."""
    data = page.render()
    (staging / page.name).write_bytes(data)
    return hashlib.sha256(data).hexdigest()
