"""Workers are forked beside Rich's spinner thread, never beside a thread whose locks are unknown."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from io import StringIO

import pytest
from press_build.forking import forked_map, worker_count
from rich.console import Console, ConsoleOptions
from rich.live import Live

DISPLAYS: list[Live] = []  # the display a forked job looks at (the fork inherits the list)


def lock_free(job: int) -> tuple[int, bool]:
    """A job: this process's id, and whether it can take the display's lock at once.

    In a child forked while the spinner's thread held that lock, the lock stays taken
    by a thread the child does not have.
    """
    lock = DISPLAYS[0]._lock
    taken = lock.acquire(timeout=1)
    if taken:
        lock.release()
    return os.getpid(), taken


class SlowDrawing:
    """What a spinner shows, drawn slowly: its thread holds the lock most of the time, with
    the GIL released, as while it writes to a terminal."""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[str]:
        time.sleep(0.005)
        yield "Generating..."


@pytest.fixture
def spinner() -> Iterator[Live]:
    """A live display redrawing without pause, as Pelican's status does four times a second."""
    console = Console(file=StringIO(), force_terminal=True, width=80)
    with Live(SlowDrawing(), console=console, refresh_per_second=1000) as live:
        DISPLAYS[:] = [live]
        yield live
    DISPLAYS.clear()


def test_workers_are_forked_beside_the_spinner_and_find_its_lock_free(spinner: Live) -> None:
    assert worker_count(None) == os.cpu_count()
    assert worker_count(3) == 3
    for _ in range(5):  # each round forks two workers while the spinner redraws
        done = forked_map(lock_free, range(8), 2)
        assert {taken for _, taken in done} == {True}
        assert os.getpid() not in {pid for pid, _ in done}
    assert spinner.is_started


def test_nothing_is_forked_beside_a_thread_whose_locks_are_unknown() -> None:
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert worker_count(4) == 1
        assert set(forked_map(lambda job: os.getpid(), range(8), 2)) == {os.getpid()}
    finally:
        stop.set()
        other.join()
    assert worker_count(4) == 4
