"""Write one corpus in the three source layouts: ours, plain Pelican, Hugo."""

from __future__ import annotations

from pathlib import Path

from bench.corpus import Corpus
from bench.layouts import hugo, ours, plain_pelican


def write_all(root: Path, corpus: Corpus) -> dict[str, Path]:
    """Write every layout under `root`; return each one's source path by tool name."""
    return {
        "ours": ours.write(root / "ours", corpus),
        "pelican": plain_pelican.write(root / "pelican", corpus),
        "hugo": hugo.write(root / "hugo", corpus),
    }
