"""Pages rendered on every core: templates the manifest cannot reuse, rendered at the end.

While generators write, a page that must be rendered is noted (its template and
context) and Pelican writes an empty file in its place; once every generator is done,
the noted pages are rendered by forked worker processes, each writing its own files
into the staging folder. Rendering has one shared input that changes page by page,
Pelican's `localsiteurl` in the generators' context (a release's body resolves its
links with it), and each render sets it as Pelican does. Output is byte-identical
to rendering in one process (tests/test_incremental.py compares them).

Each render notes the releases whose body the page showed (`shown_var`, filled by Pelican's
`Content.get_content`, watched once per process by `watch_bodies`): a later build in which
only release bodies changed keeps every page that showed none of them (OutputMemo.unshown).
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from pelican.contents import Content

from .forking import described, end_worker, forkable, plain_signals, sendable, start_worker

logger = logging.getLogger(__name__)
MIN_PAGES = 48  # below this, forking workers costs more than it saves
WATCHED = "_press_watched"  # marks Content's methods once they note what they show
NOTED = "_press_shown"  # Content's attribute holding shown_var()


def shown_var() -> ContextVar[set[str] | None]:
    """Return the source paths of the releases whose body the page being rendered asked
    for (None outside a page): one variable per process, kept on Content, as the live
    preview imports this module again after a plugin edit and Content's methods, watched
    once, must note into the variable the new module's pages read."""
    found = getattr(Content, NOTED, None)
    if found is None:
        found = ContextVar("SHOWN", default=None)
        setattr(Content, NOTED, found)
    return found


def watch_bodies() -> None:
    """Make Pelican's Content note each body a page being rendered asks for (once).

    Templates reach a body through `content` and `summary`, which call them. Both are
    memoized by Pelican, and a summary may be cut from the body: each is watched itself.
    """
    for name in ("get_content", "get_summary"):
        method = vars(Content)[name]  # as defined: Pelican's memoized object
        if not getattr(method, WATCHED, False):
            setattr(Content, name, _noting(method))


def _noting(method: Any) -> Any:
    """Return a method that notes its release as shown, then does what `method` does
    (kept as `__wrapped__`: the live preview empties the memoized one's cache)."""

    def noting(self: Content, *args: Any, **kwargs: Any) -> Any:
        shown = shown_var().get()
        if shown is not None:
            shown.add(os.path.normpath(self.source_path))  # as the memo names releases
        return method.__get__(self, type(self))(*args, **kwargs)

    noting.__wrapped__ = method  # type: ignore[attr-defined]
    noting.__doc__ = getattr(method, "__doc__", None)
    setattr(noting, WATCHED, True)
    return noting


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

    def render(self) -> tuple[bytes, frozenset[str]]:
        """Render the page as Pelican's writer would at this point; return it and the
        releases whose body it showed."""
        if self.localcontext.get("localsiteurl"):
            self.context["localsiteurl"] = self.localcontext["localsiteurl"]
        shown: set[str] = set()
        noted = shown_var()
        token = noted.set(shown)
        try:
            return self.template.render(self.localcontext).encode("utf-8"), frozenset(shown)
        finally:
            noted.reset(token)


def render_all(
    pages: list[Page],
    staging: Path,
    workers: int,
    done: Callable[[Page, str, str | None, frozenset[str]], None],
) -> None:
    """Render and write every page, on `workers` processes when there are enough pages.

    Each forked worker is handed its share of the pages and the staging folder as its
    task's arguments (a fork copies them: templates and contexts are never pickled) and
    sends back each page's digest, key (a key left for the renderer is computed there, on
    every core) and the bodies it showed. `done(page, sha256, key, shown)` is called in
    the calling process.
    """
    tasks: list[tuple[Any, Connection]] = []
    try:
        if workers > 1 and len(pages) >= MIN_PAGES:
            _start(pages, staging, workers, tasks)
        if not tasks:
            for page in pages:
                done(page, *_write(page, staging))
        for _, receiving in tasks:
            for index, *found in _results(receiving):
                done(pages[index], *found)
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


def _results(receiving: Connection) -> list[tuple[int, str, str | None, frozenset[str]]]:
    """Return a worker's digests and keys; raise the error it met (one that died: EOFError)."""
    found = receiving.recv()
    if isinstance(found, BaseException):
        raise found
    return found


def _write(page: Page, staging: Path) -> tuple[str, str | None, frozenset[str]]:
    """Render a page over its placeholder in the staging folder; return its SHA-256, its
    key and the bodies it showed."""
    data, shown = page.render()
    path = staging / page.name
    try:
        path.write_bytes(data)
    except OSError as error:  # a failed write() names no file: the build's line must
        error.filename = error.filename or str(path)
        raise
    return hashlib.sha256(data).hexdigest(), page.key_value(), shown
