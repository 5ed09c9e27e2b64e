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
import logging
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from .forking import described, end_worker, forkable, plain_signals, sendable, start_worker

logger = logging.getLogger(__name__)
MIN_PAGES = 48  # below this, forking workers costs more than it saves


@dataclass(frozen=True)
class Page:
    """One page to render: where, with which template and contexts, under which key."""

    name: str
    template: Any
    localcontext: dict
    context: dict  # the generator's context, whose localsiteurl Pelican's _write_file sets
    key: str | Callable[[], str | None] | None  # or what computes it, where it is rendered

    def key_value(self) -> str | None:
        """Return the page's key, computing it now when it was left for its renderer."""
        return self.key() if callable(self.key) else self.key

    def render(self) -> bytes:
        """Render the page as Pelican's writer would at this point."""
        if self.localcontext.get("localsiteurl"):
            self.context["localsiteurl"] = self.localcontext["localsiteurl"]
        return self.template.render(self.localcontext).encode("utf-8")


def render_all(
    pages: list[Page], staging: Path, workers: int, done: Callable[[Page, str, str | None], None]
) -> None:
    """Render and write every page, on `workers` processes when there are enough pages.

    Each forked worker is handed its share of the pages and the staging folder as its
    task's arguments (a fork copies them: templates and contexts are never pickled) and
    sends back each page's digest and key (a key left for the renderer is computed
    there, on every core). `done(page, sha256, key)` is called in the calling process.
    """
    tasks: list[tuple[Any, Connection]] = []
    try:
        if workers > 1 and len(pages) >= MIN_PAGES:
            _start(pages, staging, workers, tasks)
        if not tasks:
            for page in pages:
                done(page, *_write(page, staging))
        for _, receiving in tasks:
            for index, digest, key in _results(receiving):
                done(pages[index], digest, key)
    finally:
        for worker, receiving in tasks:
            end_worker(worker)  # at once on an error; a no-op once it ended
            receiving.close()


def _start(pages: list[Page], staging: Path, workers: int, tasks: list) -> None:
    """Fork the workers into `tasks`, each with its share of the pages; none if unsafe now."""
    with forkable() as safe:
        for share in range(workers if safe else 0):
            shared = range(share, len(pages), workers)
            tasks.append(start_worker(_render_share, pages, shared, staging))
    pids = [worker.pid for worker, _ in tasks]
    logger.debug("%s: %d pages, %s", __name__, len(pages), described(pids))


def _render_share(pages: list[Page], share: range, staging: Path, results: Connection) -> None:
    """A worker's task: render its share of the pages; send their digests and keys, or its error."""
    plain_signals()
    try:
        results.send([(index, *_write(pages[index], staging)) for index in share])
    except BaseException as error:  # the build stops with it, as it would in one process
        results.send(sendable(error))
    finally:
        results.close()


def _results(receiving: Connection) -> list[tuple[int, str, str | None]]:
    """Return a worker's digests and keys; raise the error it met (one that died: EOFError)."""
    found = receiving.recv()
    if isinstance(found, BaseException):
        raise found
    return found


def _write(page: Page, staging: Path) -> tuple[str, str | None]:
    """Render a page over its placeholder in the staging folder; return its SHA-256 and key."""
    data = page.render()
    path = staging / page.name
    try:
        path.write_bytes(data)
    except OSError as error:  # a failed write() names no file: the build's line must
        error.filename = error.filename or str(path)
        raise
    return hashlib.sha256(data).hexdigest(), page.key_value()
