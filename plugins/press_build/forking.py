"""Worker processes forked beside the threads of the program that runs the build.

A fork copies the locks other threads hold at that moment, never to be released in the
child. The `pelican` command runs the build inside Rich's `console.status(...)`, whose
refresh thread redraws the spinner a few times a second: it writes to the terminal only
while holding its `Live` display's lock, and holds no other lock between redraws. So
workers are forked while the forking thread holds that lock: the spinner waits, holding
nothing, and resumes after. Any other thread (the live preview's server) means one
process: what it holds cannot be known.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import pickle
import signal
import threading
import traceback
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from functools import partial
from typing import Any

try:  # the thread of Rich's live displays (Pelican's "Generating..." spinner)
    from rich.live import _RefreshThread
except ImportError:  # a Rich without it: its threads are unknown, so never forked beside
    _RefreshThread = None

logger = logging.getLogger(__name__)
LOCK_WAIT = 2.0  # seconds; a redraw stuck longer (a stalled terminal) means one process
FORK = "fork"  # the start method: workers inherit templates and contexts, never pickled


def worker_count(setting: int | None) -> int:
    """Return the number of processes: the setting, else every core; one beside unknown threads."""
    if _displays() is None:
        return 1
    return setting if setting else (os.cpu_count() or 1)


@contextmanager
def forkable() -> Iterator[bool]:
    """Hold every other thread still while the block forks; yield False when one cannot be."""
    held = _hold(_displays())
    try:
        yield held is not None
    finally:
        for lock in held or []:
            lock.release()


def forked_map(
    function: Callable[[Any], Any], jobs: Iterable[Any], workers: int, chunksize: int = 1
) -> list[Any]:
    """Return `function` of each job, on `workers` forked processes when forking is safe."""
    jobs = list(jobs)
    done = _pooled(function, jobs, workers, chunksize) if workers > 1 else None
    pids = {pid for pid, _ in done or []}
    logger.debug("%s: %d jobs, %s", _name(function), len(jobs), described(pids))
    return [result for _, result in done] if done is not None else list(map(function, jobs))


def _pooled(
    function: Callable[[Any], Any], jobs: list[Any], workers: int, chunksize: int
) -> list[tuple[int, Any]] | None:
    """Return each job's worker and result from a pool of forked processes; None if unsafe.

    The spinner waits for the whole map, so no fork of the pool finds it mid-redraw.
    """
    with forkable() as safe:
        if not safe:
            return None
        with (
            frozen(),  # the pool forks its workers at the first job, and this waits for all
            ProcessPoolExecutor(
                max_workers=workers, mp_context=multiprocessing.get_context(FORK)
            ) as pool,
        ):
            return list(pool.map(partial(_with_pid, function), jobs, chunksize=chunksize))


def forked_shares(function: Callable[[Any], Any], items: list[Any], workers: int) -> list[Any]:
    """Return `function` of each item, in order: the first share here, the others forked.

    Unlike forked_map, the items are handed to each worker by the fork itself, never
    pickled (releases, views); only the results travel back, pickled. The calling process
    works on its own share meanwhile. A worker's error is raised here (forking.sendable).
    """
    tasks: list[tuple[Any, Any]] = []
    shares = [range(start, len(items), workers) for start in range(max(workers, 1))]
    try:
        with forkable() as safe:
            for share in shares[1:] if safe else ():
                tasks.append(start_worker(_share, function, items, share))
        results: list[Any] = [None] * len(items)
        for index in shares[0] if tasks else range(len(items)):
            results[index] = function(items[index])
        for share, (_, receiving) in zip(shares[1:], tasks, strict=False):
            found = receiving.recv()
            if isinstance(found, BaseException):
                raise found
            for index, result in zip(share, found, strict=True):
                results[index] = result
    finally:
        for worker, receiving in tasks:
            end_worker(worker)  # at once on an error; a no-op once it ended
            receiving.close()
    pids = [worker.pid for worker, _ in tasks]
    logger.debug("%s: %d items, %s", _name(function), len(items), described(pids))
    return results


class Later:
    """Work started on a forked process: wait for its result, or cancel it."""

    def __init__(self, worker: Any = None, receiving: Any = None, result: Any = None) -> None:
        self.worker, self.receiving, self.result = worker, receiving, result

    @property
    def running(self) -> bool:
        """Tell whether the work is under way on its process (not yet waited for)."""
        return self.worker is not None

    def wait(self) -> Any:
        """Return the work's result once it is done; raise its error."""
        if self.worker is not None:
            try:
                found = self.receiving.recv()
            finally:
                self.cancel()
            if isinstance(found, BaseException):
                raise found
            self.result = found[0]  # the one job's result (a share of one)
        return self.result

    def cancel(self) -> None:
        """End the worker, at once if it still runs (a stopped build)."""
        if self.worker is not None:
            end_worker(self.worker)  # a no-op once it ended
            self.receiving.close()
            self.worker = None


def forked_later(function: Callable[[Any], Any], job: Any) -> Later:
    """Start `function(job)` on a forked process while the caller goes on; where forking is
    unsafe, do it now. The job is handed over by the fork; the result comes back pickled."""
    with forkable() as safe:
        if safe:
            worker, receiving = start_worker(_share, function, [job], range(1))
    if not safe:
        return Later(result=function(job))
    logger.debug("%s: 1 jobs, %s", _name(function), described([worker.pid]))
    return Later(worker, receiving)


def start_worker(target: Callable[..., None], *args: Any) -> tuple[Any, Any]:
    """Fork one worker running `target(*args, sending)`, inside `forkable()`; return the
    worker and the end of its pipe the caller receives from. The arguments are handed over
    by the fork, never pickled."""
    receiving, sending = multiprocessing.Pipe(duplex=False)
    worker = multiprocessing.get_context(FORK).Process(
        target=target, args=(*args, sending), daemon=True
    )
    with frozen():
        worker.start()
    sending.close()
    return worker, receiving


@contextmanager
def frozen() -> Iterator[None]:
    """Leave every object the build holds out of its workers' garbage collections.

    A collection writes to the header of every object it visits: in a forked worker, a
    full one copies nearly every page of the build's memory the fork let it share. Objects
    that exist when the worker is forked are moved aside (gc.freeze), so the worker never
    visits them; the build's own collections take them back once the block ends.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def end_worker(worker: Any) -> None:
    """End a worker at once and reap it; a no-op for one that already ended.

    SIGKILL, not SIGTERM: a worker forked from the live preview holds, until its first
    line runs, the preview's SIGTERM handler (end after the build under way), and would
    outlive terminate() while its parent waits. Workers hold nothing to clean up: what
    they write is atomic or inside a staging folder that is then dropped.
    """
    worker.kill()
    worker.join()


def plain_signals() -> None:
    """Let a worker die of SIGTERM/SIGINT (Ctrl-C), whatever handler the forked program had."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _share(function: Callable[[Any], Any], items: list[Any], share: range, results: Any) -> None:
    """A worker of forked_shares: send back its share's results, or its error."""
    plain_signals()
    try:
        results.send([function(items[index]) for index in share])
    except BaseException as error:  # raised in the parent as it would be in one process
        results.send(sendable(error))
    finally:
        results.close()


def sendable(error: BaseException) -> BaseException:
    """Return the error itself when it can travel to the parent (a full disk's OSError and
    its file), else a RuntimeError with its traceback."""
    try:
        pickle.loads(pickle.dumps(error))  # noqa: S301 (our own bytes, just made)
        return error
    except Exception:
        text = "".join(traceback.format_exception(error))
        return RuntimeError(f"work failed in a worker process:\n{text}")


def described(pids: Iterable[int]) -> str:
    """Return the debug log's words for the processes that did some work."""
    pids = sorted(pids)
    return f"worker processes: {', '.join(map(str, pids))}" if pids else "in this process"


def _with_pid(function: Callable[[Any], Any], job: Any) -> tuple[int, Any]:
    """Return the worker's process id with its result (the build's debug log names them)."""
    return os.getpid(), function(job)


def _name(function: Callable[[Any], Any]) -> str:
    """Return a function's module and name, as the debug log names the work."""
    function = getattr(function, "func", function)  # a functools.partial: the function it calls
    return f"{function.__module__}.{function.__qualname__}"


def _displays() -> list[Any] | None:
    """Return Rich's live displays when their refresh threads are the only other threads."""
    displays = []
    for thread in threading.enumerate():
        if thread is threading.current_thread():
            continue
        if _RefreshThread is None or not isinstance(thread, _RefreshThread):
            return None
        displays.append(thread.live)
    return displays


def _hold(displays: list[Any] | None) -> list[Any] | None:
    """Take each display's lock, so its thread waits outside any lock; None if one stays busy."""
    held: list[Any] = []
    for display in displays or []:
        if not display._lock.acquire(timeout=LOCK_WAIT):
            for lock in held:
                lock.release()
            return None
        held.append(display._lock)
    return None if displays is None else held
