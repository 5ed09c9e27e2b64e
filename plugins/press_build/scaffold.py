"""The previous output's folders, made in the staging folder ahead, on another core.

An edit rebuilds few pages and links every other file from the previous output; a link
costs a few microseconds, but each of the thousands of folders that hold those files
costs a mkdir of a hundred or more (one folder per release page). One forked process
makes them, parent first, while the build reads its sources. Each is made with a plain
mkdir inside the staging folder, never with its parents: once the staging folder is
removed (a stopped build) nothing can be made again. A folder the build then leaves
empty (a release deleted) is removed before the manifest is written, so the output is
what a cold build makes.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from .forking import FORK, described, end_worker, forkable, frozen, plain_signals

logger = logging.getLogger(__name__)
MIN_FOLDERS = 200  # below this, a fork costs more than the folders


@dataclass(eq=False)
class Scaffold:
    """Folders made ahead in one staging folder, by one worker process."""

    staging: Path
    folders: list[str]  # relative, each after its parent
    worker: Any = None
    pruned: list[str] = field(default_factory=list)

    def finish(self) -> None:
        """Wait for the worker, then remove the folders the build left empty (deepest first)."""
        self.stop(wait=True)
        for folder in reversed(self.folders):
            try:
                os.rmdir(self.staging / folder)
            except OSError:
                continue  # holds files (the usual case), or was never made
            self.pruned.append(folder)

    def stop(self, wait: bool = False) -> None:
        """End the worker: at once, or (wait) once it made every folder."""
        if self.worker is None:
            return
        if wait:
            self.worker.join()
        else:
            end_worker(self.worker)
        self.worker = None


def folders_of(names: Iterable[str]) -> list[str]:
    """Return every folder that holds one of these output files, each after its parent."""
    found: set[str] = set()
    for name in names:
        for parent in PurePosixPath(name).parents:
            text = str(parent)
            if text == "." or text in found:
                break  # its own parents are in already
            found.add(text)
    return sorted(found, key=lambda folder: (folder.count("/"), folder))


def start(staging: Path, names: Iterable[str], workers: int) -> Scaffold | None:
    """Start making the folders of `names` in `staging`; None when not worth a process."""
    folders = folders_of(names)
    if workers < 2 or not folders or len(folders) < MIN_FOLDERS:
        return None
    scaffold = Scaffold(staging, folders)
    with forkable() as safe:
        if not safe:
            return None
        worker = multiprocessing.get_context(FORK).Process(
            target=_make, args=(staging, folders), daemon=True
        )
        with frozen():  # as every worker of the build: its collections leave the build's pages
            worker.start()
    scaffold.worker = worker
    logger.debug("%s: %d folders, %s", __name__, len(folders), described([worker.pid]))
    return scaffold


def _make(staging: Path, folders: list[str]) -> None:
    """The worker: make each folder inside staging; stop as soon as staging is gone."""
    plain_signals()
    root = os.fspath(staging)
    for folder in folders:
        try:
            os.mkdir(os.path.join(root, folder))
        except FileExistsError:
            continue  # the build made it first
        except OSError:
            return  # staging removed (a stopped build), or a full disk: the build writes itself
