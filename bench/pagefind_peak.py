#!/usr/bin/env python3
"""Stand in for Pagefind during a measured build, and record Pagefind's own peak memory.

The build finds this file through $PAGEFIND_BINARY_PATH. It forks, runs the real binary
($BENCH_PAGEFIND_BINARY) in the child, and appends the child's peak resident memory, from
wait4, to the file named by $BENCH_PAGEFIND_PEAKS: one JSON line per run. A binary started
straight from the build would carry the build's own peak in its figure (Linux keeps the
larger of the two across exec); started from this small process it carries at most this
process's few MiB. Sampling /proc instead misses a run shorter than one sample.
"""

from __future__ import annotations

import json
import os
import signal
import sys

REAL = "BENCH_PAGEFIND_BINARY"
PEAKS = "BENCH_PAGEFIND_PEAKS"


def main(argv: list[str]) -> int:
    """Run the real Pagefind with `argv`; record its peak; return its exit code."""
    real = os.environ[REAL]
    child = os.fork()
    if child == 0:
        os.execv(real, [real, *argv])  # noqa: S606 (the real binary, as the build named it)
    for number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(number, lambda received, _frame: os.kill(child, received))
    _, status, usage = os.wait4(child, 0)
    if target := os.environ.get(PEAKS):
        with open(target, "a", encoding="utf-8") as out:
            out.write(json.dumps({"kib": usage.ru_maxrss}) + "\n")
    return os.waitstatus_to_exitcode(status)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
