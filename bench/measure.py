"""Run one build as a child process; measure its wall time and peak memory."""

from __future__ import annotations

import os
import subprocess
import textwrap
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

TIMEOUT_SECONDS = 3600.0


@dataclass(frozen=True)
class Sample:
    """One build: wall time, CPU time, the child's peak resident memory, exit code, log file."""

    seconds: float
    cpu_seconds: float
    peak_mib: float
    returncode: int
    log: Path

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
    with log.open("wb") as out:
        start = time.perf_counter()
        child = subprocess.Popen(
            command, cwd=cwd, env=dict(env), stdout=out, stderr=subprocess.STDOUT
        )
        timer = threading.Timer(timeout, child.kill)
        timer.start()
        # wait4 gives this child's own rusage (ru_maxrss in KiB on Linux), not all children's.
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        timer.cancel()
    child.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    return Sample(seconds, cpu, usage.ru_maxrss / 1024, child.returncode, log)


def tail(log: Path, lines: int = 6) -> str:
    """Return the last `lines` non-blank lines of a log file."""
    text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
    kept = [line.rstrip() for line in text.splitlines() if line.strip()]
    return textwrap.dedent("\n".join(kept[-lines:]))


def count_files(root: Path) -> int:
    """Count the files under `root` (0 when it does not exist)."""
    return sum(len(files) for _, _, files in os.walk(root))
