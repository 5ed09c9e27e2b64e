"""Run one build as a child process; measure its wall time and peak memory."""

from __future__ import annotations

import json
import os
import subprocess
import textwrap
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bench import pagefind_peak
from bench.peak import PEAK_FILE
from bench.tree import PAGEFIND, WORKERS, TreeSampler

TIMEOUT_SECONDS = 3600.0


@dataclass(frozen=True)
class Sample:
    """One build: wall time, CPU time, peak resident memory, exit code, log file.

    `peak_mib` is wait4's: the largest of the build and the children it waited for.
    `self_mib` and `children_mib` split it when the build ran through bench.peak.
    `kinds`: each kind of child's largest own peak (bench.tree: `workers`, `pagefind`, ...),
    sampled for every build (a kind it never started is 0);
    `together_mib`: the largest memory of the build and its children at one moment.
    """

    seconds: float
    cpu_seconds: float
    peak_mib: float
    returncode: int
    log: Path
    self_mib: float | None = None
    children_mib: float | None = None
    kinds: dict[str, float] = field(default_factory=dict)
    together_mib: float | None = None

    @property
    def workers_mib(self) -> float | None:
        """Return the largest peak of the build's forked workers, 0 when it started none."""
        return self.kinds.get(WORKERS, 0.0)

    @property
    def child_mib(self) -> float | None:
        """Return the largest peak of any child process, 0 when the build started none."""
        return max(self.kinds.values(), default=0.0)

    @property
    def pagefind_mib(self) -> float | None:
        """Return the largest peak of a Pagefind run, 0 when the build started none."""
        return self.kinds.get(PAGEFIND, 0.0)

    @property
    def ok(self) -> bool:
        """Tell whether the build succeeded."""
        return self.returncode == 0


def run_build(
    command: Sequence[str],
    cwd: Path,
    env: Mapping[str, str],
    log: Path,
    timeout: float = TIMEOUT_SECONDS,
) -> Sample:
    """Run `command`, output to `log`; kill it after `timeout` seconds."""
    log.parent.mkdir(parents=True, exist_ok=True)
    peak_file = log.with_suffix(".peak.json")
    peak_file.unlink(missing_ok=True)
    pagefind_file = log.with_suffix(".pagefind.jsonl")
    pagefind_file.unlink(missing_ok=True)
    with log.open("wb") as out:
        start = time.perf_counter()
        child = subprocess.Popen(
            command,
            cwd=cwd,
            env={**env, PEAK_FILE: str(peak_file), pagefind_peak.PEAKS: str(pagefind_file)},
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        timer = threading.Timer(timeout, child.kill)
        timer.start()
        tree = TreeSampler(child.pid)
        tree.start()
        # wait4 gives this child's own rusage (ru_maxrss in KiB on Linux), not all children's.
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        timer.cancel()
        tree.stop()
    child.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    own, children = read_peaks(peak_file)
    kinds = {kind: kib / 1024 for kind, kib in tree.kinds.items() if kib}
    if runs := read_pagefind_peaks(pagefind_file):
        kinds[PAGEFIND] = max(runs) / 1024  # exact, where sampling can miss a short run
    together = tree.together / 1024 if tree.together else None
    return Sample(
        seconds, cpu, usage.ru_maxrss / 1024, child.returncode, log, own, children, kinds, together
    )


def read_peaks(path: Path) -> tuple[float | None, float | None]:
    """Return the build's own and its children's peak memory in MiB, if bench.peak wrote them."""
    if not path.is_file():
        return None, None
    peaks = json.loads(path.read_text(encoding="utf-8"))
    return peaks["self_kib"] / 1024, peaks["children_kib"] / 1024


def read_pagefind_peaks(path: Path) -> list[int]:
    """Return the peak (KiB) of each Pagefind run bench.pagefind_peak recorded, [] if none."""
    if not path.is_file():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["kib"] for line in lines if line.strip()]


def tail(log: Path, lines: int = 6) -> str:
    """Return the last `lines` non-blank lines of a log file."""
    text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
    kept = [line.rstrip() for line in text.splitlines() if line.strip()]
    return textwrap.dedent("\n".join(kept[-lines:]))


def count_files(root: Path) -> int:
    """Count the files under `root` (0 when it does not exist)."""
    return sum(len(files) for _, _, files in os.walk(root))
