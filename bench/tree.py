"""Sample the memory of a build and every process it starts, each kind apart and all together.

A child's own rusage cannot tell it: Linux carries the parent's peak over a fork and an
exec into the child's `ru_maxrss`, so a Pagefind started by a 300 MiB build reports at
least 300 MiB. Its own high-water mark (`VmHWM` in /proc/<pid>/status) is read instead,
every `INTERVAL` seconds while it runs, less often when a sample is slow (growth in its
last interval is missed). "Together"
is the largest sum of proportional set sizes (`Pss`, /proc/<pid>/smaps_rollup) at one
sample: pages a fork shares with the build are counted once.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

INTERVAL = 0.05
SHARE = 0.1  # of one core, at most, spent sampling
WORKERS = "workers"  # processes running the build's own program: its forked workers
PAGEFIND = "pagefind"


@dataclass
class TreeSampler:
    """Peaks of one process tree, sampled by a thread from start() to stop()."""

    root: int
    kinds: dict[str, int] = field(default_factory=dict)  # kind -> largest VmHWM (KiB)
    together: int = 0  # largest Pss sum of the tree at one sample (KiB)
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def start(self) -> None:
        """Sample until stop()."""
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """End the sampling."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join()

    def _loop(self) -> None:
        """Take a sample every INTERVAL seconds, or less often when sampling is slow.

        Reading the Pss of a process of gigabytes walks its page tables: at 20,000 pairs a
        sample every 0.05 s kept three quarters of one core busy, beside a build that
        wants both. The pause keeps the sampler under SHARE of one core.
        """
        pause = INTERVAL
        while not self._stop.wait(pause):
            start = time.monotonic()
            self.sample()
            pause = max(INTERVAL, (time.monotonic() - start) * (1 - SHARE) / SHARE)

    def sample(self) -> None:
        """Note each process's high-water mark under its kind, and the tree's Pss sum."""
        name = status(self.root).get("Name", "")
        total = 0
        for pid in descendants(self.root):
            fields = status(pid)
            if not fields:
                continue  # ended since the listing
            kind = kind_of(fields.get("Name", ""), name)
            self.kinds[kind] = max(self.kinds.get(kind, 0), kib(fields.get("VmHWM", "")))
            total += pss(pid)
        self.together = max(self.together, total + pss(self.root))


def kind_of(name: str, root_name: str) -> str:
    """Return a child's kind: `workers` for the build's program, `pagefind`, or its name."""
    if name == root_name:
        return WORKERS
    return PAGEFIND if name.startswith(PAGEFIND) else name or "other"


def descendants(root: int) -> list[int]:
    """Return every process below `root`, from each process's parent in /proc."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue  # ended since the listing
        parents[int(stat.parent.name)] = int(text.rsplit(")", 1)[1].split()[1])
    found, frontier = [], [root]
    while frontier:
        children = [pid for pid, parent in parents.items() if parent in frontier]
        found += children
        frontier = children
    return found


def status(pid: int) -> dict[str, str]:
    """Return /proc/<pid>/status as name -> value, {} once the process is gone."""
    try:
        text = Path(f"/proc/{pid}/status").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return {}
    return dict(line.split(":\t", 1) for line in text.splitlines() if ":\t" in line)


def pss(pid: int) -> int:
    """Return a process's proportional set size (KiB), 0 once it is gone."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return 0
    return next((kib(line[4:]) for line in text.splitlines() if line.startswith("Pss:")), 0)


def kib(value: str) -> int:
    """Return the KiB of a /proc figure such as `  1708 kB`, 0 when absent."""
    number = value.strip().split(" ")[0]
    return int(number) if number.isdigit() else 0
