"""Run Pelican in this process and record its own peak memory and its children's at exit.

`python -m bench.peak <pelican arguments>` is `python -m pelican <pelican arguments>`, plus a
JSON file named by $BENCH_PEAK_FILE: {"self_kib": ..., "children_kib": ...}. wait4 alone gives
the largest of the build and every child it waited for (Pagefind, render workers), which hides
the build's own memory behind Pagefind's.
"""

from __future__ import annotations

import json
import os
import resource
import sys
from pathlib import Path

PEAK_FILE = "BENCH_PEAK_FILE"


def peaks() -> dict[str, int]:
    """Return the peak resident memory (KiB on Linux) of this process and of its largest child."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"self_kib": own, "children_kib": children}


def run(argv: list[str]) -> None:
    """Run `pelican argv`, then write the peaks where $BENCH_PEAK_FILE says, even on failure."""
    import pelican

    try:
        pelican.main(argv)
    finally:
        # Children are counted once reaped: Pelican has waited for Pagefind and its workers here.
        if target := os.environ.get(PEAK_FILE):
            Path(target).write_text(json.dumps(peaks()), encoding="utf-8")


if __name__ == "__main__":
    run(sys.argv[1:])
